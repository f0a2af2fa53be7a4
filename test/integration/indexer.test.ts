/**
 * The indexer against the devnet and a real PostgreSQL: its rollups equal totals recomputed
 * independently from raw eth_getLogs; a second run resumes (no re-indexing, no duplicates);
 * the devnet rebuilds an identical chain from its journal; a reorg is rolled back.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDevnet } from '../../devnet/devnet'
import { recompute, type Recomputed } from '../helpers/recompute'
import { recomputeChain, type NetDay } from '../helpers/recompute-networks'
import { startFixture, type Fixture } from '../helpers/fixture'

let fx: Fixture

async function dbDays(fx: Fixture, interval: 'DAY' | 'HOUR' = 'DAY') {
  const r = await fx.pool.query(
    `SELECT to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, sum(fees_native)::text AS fees, sum(fees_usd)::float8 AS fees_usd,
            sum(fee_count)::int AS fee_count, sum(rewards_native)::text AS rewards, sum(protocol_take_native)::text AS treasury,
            sum(minted_native)::text AS minted, sum(locked_native)::text AS locked, sum(fees_shared_native)::text AS shared, sum(unlocked_native)::text AS unlocked, sum(event_count)::int AS events
       FROM network_stat WHERE network = 'livepeer' AND interval = $1 GROUP BY 1 ORDER BY 1`,
    [interval],
  )
  return new Map(r.rows.map((x) => [x.day as string, x]))
}

/** daily rollups of any network in the shape of recompute-networks' NetDay */
async function networkDays(network: string): Promise<Map<string, NetDay>> {
  const r = await fx.pool.query(
    `SELECT to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, fees_native::text AS fees, fees_refunded_native::text AS fees_refunded, fee_count,
            rewards_native::text AS rewards, reward_count, protocol_take_native::text AS protocol_take, minted_native::text AS minted, burned_native::text AS burned,
            capacity_added::text AS capacity_added, capacity_removed::text AS capacity_removed, nodes_registered, nodes_deregistered, leases_opened, leases_closed, event_count,
            fees_settled_native::text AS fees_settled, bonded_native::text AS bonded, unbonded_native::text AS unbonded, locked_native::text AS locked,
            unlocked_native::text AS unlocked, fees_unpriced_native::text AS fees_unpriced
       FROM network_stat WHERE network = $1 AND interval = 'DAY' ORDER BY period_start`,
    [network],
  )
  return new Map(r.rows.map((x) => [x.day as string, {
    fees: BigInt(x.fees), feesRefunded: BigInt(x.fees_refunded), feeCount: x.fee_count, rewards: BigInt(x.rewards), rewardCount: x.reward_count,
    protocolTake: BigInt(x.protocol_take), minted: BigInt(x.minted), burned: BigInt(x.burned), capacityAdded: BigInt(x.capacity_added),
    capacityRemoved: BigInt(x.capacity_removed), nodesRegistered: x.nodes_registered, nodesDeregistered: x.nodes_deregistered,
    leasesOpened: x.leases_opened, leasesClosed: x.leases_closed, events: x.event_count, feesSettled: BigInt(x.fees_settled), bonded: BigInt(x.bonded),
    unbonded: BigInt(x.unbonded), locked: BigInt(x.locked), unlocked: BigInt(x.unlocked), feesUnpriced: BigInt(x.fees_unpriced),
  }]))
}

function expectEqualTotals(db: Map<string, any>, want: Recomputed) {
  expect([...db.keys()]).toEqual([...want.days.keys()].sort())
  for (const [day, w] of want.days) {
    const got = db.get(day)
    expect({ day, fees: BigInt(got.fees), rewards: BigInt(got.rewards), treasury: BigInt(got.treasury), minted: BigInt(got.minted), locked: BigInt(got.locked), unlocked: BigInt(got.unlocked), shared: BigInt(got.shared), feeCount: got.fee_count, events: got.events })
      .toEqual({ day, fees: w.fees, rewards: w.rewards, treasury: w.treasury, minted: w.minted, locked: w.locked, unlocked: w.unlocked, shared: w.shared, feeCount: w.feeCount, events: w.events })
    if (w.feesUsd === 0) expect(got.fees_usd).toBe(0)
    else expect(Math.abs(got.fees_usd - w.feesUsd) / w.feesUsd).toBeLessThan(1e-9)
  }
}

beforeAll(async () => {
  fx = await startFixture()
})
afterAll(async () => {
  await fx?.stop()
})

describe('indexer vs independent recomputation', () => {
  it('indexes to a fixed height, resumes to the head without duplicates, and matches eth_getLogs totals', async () => {
    const { node, sim } = fx.devnet.nodes[0]
    const head = await node.rpc.blockNumber()
    expect(head).toBeGreaterThan(900) // 10 days of 15-minute blocks
    // the processor ends a bounded run once the end block is final: put a few blocks on top of it
    for (let i = 0; i <= fx.config.chains[0].finality!; i++) await sim.mine(sim.timestamp + 900, true)
    const mid = Math.floor(head / 2)
    const first = await fx.runIndexerTo(mid)
    expect(first.code).toBe(0)
    expect((await fx.pool.query('SELECT height FROM chain_cursor')).rows[0].height).toBe(mid)
    expectEqualTotals(await dbDays(fx), await recompute(fx.httpUrl, mid))

    const second = await fx.runIndexerTo(head)
    expect(second.code).toBe(0)
    expect(second.log).toMatch(new RegExp(`processing blocks from ${mid + 1}\\b`))
    const want = await recompute(fx.httpUrl, head)
    expectEqualTotals(await dbDays(fx), want)
    // hourly rollups add up to the same totals
    expectEqualTotals(await dbDays(fx, 'HOUR'), want)
    // (other networks share Arbitrum One: count Livepeer's rows)
    const counts = (await fx.pool.query(`SELECT (SELECT count(*) FROM raw_event WHERE network = 'livepeer')::int AS raw, (SELECT count(*) FROM price_point)::int AS prices,
      (SELECT count(*) FROM quarantined_log)::int AS quarantined, (SELECT count(DISTINCT id) FROM raw_event WHERE network = 'livepeer')::int AS distinct_raw`)).rows[0]
    expect(counts).toEqual({ raw: want.livepeerLogs, prices: want.priceLogs, quarantined: 0, distinct_raw: want.livepeerLogs })
    // every stored fact points at a stored raw event with the same block and tx
    const orphans = await fx.pool.query('SELECT count(*)::int AS n FROM economic_fact f LEFT JOIN raw_event e ON e.id = f.raw_event WHERE e.id IS NULL OR e.tx_hash <> f.tx_hash')
    expect(orphans.rows[0].n).toBe(0)
  })
})

describe('devnet journal', () => {
  it('a restarted devnet rebuilds the identical chain, so the indexer can resume on it', async () => {
    const rpc = fx.devnet.nodes[0].node.rpc
    const head = await rpc.blockNumber()
    const sample = [1, Math.floor(head / 3), head]
    const before = await rpc.batch<{ hash: string }>(sample.map((h) => ({ method: 'eth_getBlockByNumber', params: ['0x' + h.toString(16), false] })))
    await fx.devnet.stop()
    fx.devnet = await startDevnet({ config: fx.config })
    const rpc2 = fx.devnet.nodes[0].node.rpc
    expect(await rpc2.blockNumber()).toBeGreaterThanOrEqual(head)
    const after = await rpc2.batch<{ hash: string }>(sample.map((h) => ({ method: 'eth_getBlockByNumber', params: ['0x' + h.toString(16), false] })))
    expect(after.map((b) => b.hash)).toEqual(before.map((b) => b.hash))
    // the indexer's stored head hash is on the rebuilt chain
    const cursor = (await fx.pool.query('SELECT height, hash FROM chain_cursor')).rows[0]
    const onChain = await rpc2.call<{ hash: string }>('eth_getBlockByNumber', ['0x' + cursor.height.toString(16), false])
    expect(onChain.hash).toBe(cursor.hash)
  })
})

describe('reorgs', () => {
  it('rolls back facts and rollups of orphaned blocks (processor hot blocks over ws://)', async () => {
    const { node, sim } = fx.devnet.nodes[0]
    const rpc = node.rpc
    const base = await rpc.blockNumber()
    const idx = await import('../../cli/stack').then((m) =>
      m.spawnIndexer({ databaseUrl: fx.db.url, logFile: `${fx.dataDir}/indexer-live.log`, env: { DEVNET_PORT: String(fx.config.DEVNET_PORT), LOG_LEVEL: 'info' } }),
    )
    const heightIs = async (h: number, hash?: string) => {
      for (let i = 0; i < 300; i++) {
        const c = (await fx.pool.query('SELECT height, hash FROM chain_cursor')).rows[0]
        if (c && c.height === h && (!hash || c.hash === hash)) return
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`indexer did not reach ${h} ${hash ?? ''}`)
    }
    let orphanedOthers = 0
    try {
      // on a still chain the processor stops at the finalized head and then follows new heads
      await heightIs(base - fx.config.chains[0].finality!)
      const snapshot = await rpc.call<string>('evm_snapshot')
      // three blocks an hour apart (tickets and price updates in them), then a longer different branch
      for (let i = 0; i < 3; i++) {
        await sim.mine(sim.timestamp + 3600, false)
        await heightIs(base + i + 1)
      }
      await heightIs(base + 3)
      const orphanedHash = (await fx.pool.query('SELECT hash FROM chain_cursor')).rows[0].hash
      const onOrphans = (await fx.pool.query('SELECT count(*)::int AS n FROM price_point WHERE block_number > $1', [base])).rows[0].n
      expect(onOrphans).toBeGreaterThan(0) // hourly price updates landed in the soon-orphaned blocks
      orphanedOthers = (await fx.pool.query(`SELECT count(*)::int AS n FROM raw_event WHERE network IN ('thegraph', 'aethir') AND block_number > $1`, [base])).rows[0].n
      expect(await rpc.call('evm_revert', [snapshot])).toBe(true)
      await sim.resyncNonce()
      for (let i = 0; i < 4; i++) await sim.mine(sim.timestamp + 5400, false)
      const hot = (await fx.pool.query(`SELECT count(*)::int AS n FROM squid_processor_42161.hot_block`)).rows[0].n
      const newHead = await rpc.call<{ hash: string }>('eth_getBlockByNumber', ['0x' + (base + 4).toString(16), false])
      expect(newHead.hash).not.toBe(orphanedHash)
      await heightIs(base + 4, newHead.hash)
      expect(hot).toBeGreaterThan(0) // the orphaned blocks were tracked as hot blocks
    } finally {
      await idx.stop()
    }
    const want = await recompute(fx.httpUrl, base + 4)
    expectEqualTotals(await dbDays(fx), want)
    const counts = (await fx.pool.query(`SELECT (SELECT count(*) FROM raw_event WHERE network = 'livepeer')::int AS raw, (SELECT count(*) FROM price_point)::int AS prices`)).rows[0]
    expect(counts).toEqual({ raw: want.livepeerLogs, prices: want.priceLogs })
    // the other Arbitrum networks with handler state (The Graph: indexers and allocations seen; Aethir: licence
    // delegations) equal the canonical chain's recomputation too (test/helpers/recompute-networks.ts)
    expect(orphanedOthers, 'the orphaned blocks carried The Graph / Aethir events').toBeGreaterThan(0)
    const others = await recomputeChain(fx.httpUrl, 42161, base + 4)
    for (const network of ['thegraph', 'aethir']) {
      const wantDays = others.days.get(network)!
      const got = await networkDays(network)
      expect([...got.keys()]).toEqual([...wantDays.keys()].sort())
      for (const [day, w] of wantDays) expect({ network, day, ...got.get(day) }).toEqual({ network, day, ...w })
    }
  })
})

describe('supervision', () => {
  it('restarts a killed indexer, which resumes from its last committed block', async () => {
    const { superviseIndexer } = await import('../../cli/stack')
    const { sim } = fx.devnet.nodes[0]
    const restarts: (number | null)[] = []
    const sup = superviseIndexer({
      databaseUrl: fx.db.url, logFile: `${fx.dataDir}/indexer-supervised.log`, env: fx.config.env,
      onRestart: (code) => restarts.push(code),
    })
    const height = async () => (await fx.pool.query('SELECT height FROM chain_cursor')).rows[0].height as number
    // hot blocks are processed when a new head arrives: keep the chain moving while waiting
    const waitFor = async (cond: () => Promise<boolean>, what: string) => {
      for (let i = 0; i < 300; i++) {
        if (await cond()) return
        if (i % 10 === 9) await sim.mine(sim.timestamp + 900, true)
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`timed out waiting for ${what}`)
    }
    try {
      const start = await height()
      await waitFor(async () => (await height()) > start, 'first progress')
      const firstPid = sup.pid
      process.kill(firstPid!, 'SIGKILL')
      await waitFor(async () => sup.restarts === 1 && sup.pid !== firstPid, 'a restart')
      const before = await height()
      await waitFor(async () => (await height()) > before, 'progress after the restart')
      expect(restarts).toEqual([null]) // killed by a signal, no exit code
    } finally {
      await sup.stop()
    }
    const head = await fx.devnet.nodes[0].node.rpc.blockNumber()
    const want = await recompute(fx.httpUrl, await height())
    expect(await height()).toBeLessThanOrEqual(head)
    expectEqualTotals(await dbDays(fx), want)
  })
})
