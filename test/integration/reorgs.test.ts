/**
 * Reorgs on a live chain (Base: Spheron, whose lease handlers keep state): many reorgs of depth 1 to the finality
 * depth, then one deeper than the finality depth. The supervised indexer follows the chain throughout; at the end
 * its daily rollups equal a recomputation from the canonical chain only (eth_getLogs, test/helpers), and every table
 * equals (row count and checksum) a clean run into a second database over the same chain. The deep reorg is
 * detected, reported (log, reorg_incident, indexerStatus.deepReorgs) and rolled back; the indexer is never wedged.
 */
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HeadTracker } from '../../api/heads'
import { startApi } from '../../api/server'
import { spawnIndexer, superviseIndexer, type SupervisedIndexer } from '../../cli/stack'
import { createDatabase, cursorOf, onlyChain, seeded, storedDays, tableChecksums, until } from '../helpers/consistency'
import { startFixture, type Fixture } from '../helpers/fixture'
import { recomputeChain } from '../helpers/recompute-networks'
import { recomputedProviderCounts, storedProviderCounts } from '../helpers/provider-counts'

const BASE = 8453
const FINALITY = 5
let fx: Fixture
let sup: SupervisedIndexer
const logFile = () => `${fx.dataDir}/indexer-base-live.log`
const env = () => ({ ...fx.config.env, INDEXER_CHAIN: 'base', LOG_LEVEL: 'info' })

beforeAll(async () => {
  fx = await startFixture({ SIM_DAYS: '3', FINALITY_BASE: String(FINALITY), ...onlyChain('base') })
  fx.devnet.nodes[0].sim.enableReorgs(64)
  sup = superviseIndexer({ databaseUrl: fx.db.url, logFile: logFile(), env: env() })
})
afterAll(async () => {
  await sup?.stop()
  await fx?.stop()
})

const node = () => fx.devnet.nodes[0]
const headHash = async () => (await node().node.rpc.call<{ hash: string; number: string }>('eth_getBlockByNumber', ['latest', false]))
/** the indexer has indexed the chain's head block (hot blocks included) */
const atHead = async () => {
  const h = await headHash()
  return (await cursorOf(fx.pool, BASE))?.hash === h.hash
}
/** on a still chain hot blocks move when a new head arrives: mine one now and then while waiting */
const mineSometimes = async (i: number) => {
  if (i % 20 === 19) await node().sim.mine(node().sim.timestamp + 900, true)
}

async function expectCanonical() {
  const head = Number((await headHash()).number)
  const want = await recomputeChain(node().node.httpUrl, BASE, head)
  const got = await storedDays(fx.pool, 'spheron')
  const wantDays = want.days.get('spheron')!
  expect([...got.keys()]).toEqual([...wantDays.keys()].sort())
  for (const [day, w] of wantDays) expect({ day, ...got.get(day) }).toEqual({ day, ...w })
  const stored = (await fx.pool.query(`SELECT (SELECT count(*) FROM raw_event WHERE chain_id = $1)::int AS raw, (SELECT count(*) FROM quarantined_log WHERE chain_id = $1)::int AS quarantined`, [BASE])).rows[0]
  expect(stored).toEqual({ raw: want.logs.get('spheron')!.total, quarantined: 0 })
  // per-day provider counts follow the canonical facts through the reorgs
  expect(await storedProviderCounts(fx.pool)).toEqual(await recomputedProviderCounts(fx.pool))
  return head
}

describe('reorgs on a live chain', () => {
  it('follows 12 reorgs of depth 1..finality; rollups equal the canonical recomputation', async () => {
    const rng = seeded(20261129)
    await until(atHead, 'the indexer at the head', { tick: mineSometimes, timeoutMs: 120_000 })
    const depths: number[] = []
    for (let k = 0; k < 12; k++) {
      for (let i = 0; i < 3; i++) await node().sim.mine(node().sim.timestamp + 900, true)
      await until(atHead, `the head before reorg ${k + 1}`, { timeoutMs: 60_000 })
      const depth = rng.int(1, FINALITY)
      await fx.devnet.reorg(BASE, depth)
      depths.push(depth)
    }
    await until(atHead, 'the head after the reorgs', { tick: mineSometimes, timeoutMs: 60_000 })
    expect(new Set(depths).size).toBe(FINALITY) // every depth from 1 to the finality depth was injected
    console.log(`reorgs injected on Base: ${depths.length}, depths ${depths.join(',')}; restarts ${sup.restarts}`)
    expect(sup.restarts).toBe(0) // within the finality depth the processor rolls back by itself
    await expectCanonical()
  })

  it('detects a reorg deeper than the finality depth, reports it, rolls it back and re-indexes the canonical chain', async () => {
    for (let i = 0; i < 15; i++) await node().sim.mine(node().sim.timestamp + 900, true)
    await until(atHead, 'the head before the deep reorg', { timeoutMs: 60_000 })
    const before = Number((await headHash()).number)
    const depth = FINALITY + 4
    const r = await fx.devnet.reorg(BASE, depth)
    expect(r.from).toBe(before - depth + 1)
    // the processor cannot roll back below its final block: the indexer exits, restarts, and the start check rewinds
    await until(atHead, 'the head after the deep reorg', { tick: mineSometimes, timeoutMs: 120_000 })
    expect(sup.restarts).toBeGreaterThanOrEqual(1)
    const incidents = (await fx.pool.query('SELECT * FROM reorg_incident WHERE chain_id = $1', [BASE])).rows
    expect(incidents).toHaveLength(1)
    const inc = incidents[0]
    // it held block `before - FINALITY` (or near it) as final; the fork starts at r.from
    expect(inc.stored_height).toBeGreaterThanOrEqual(r.from)
    expect(inc.stored_hash).not.toBe(inc.chain_hash)
    expect(inc.rewound_to).toBeLessThan(r.from) // a checkpoint below the fork
    expect(inc.rows_rolled_back).toBeGreaterThan(0)
    const canonical = await node().node.rpc.call<{ hash: string }>('eth_getBlockByNumber', ['0x' + inc.rewound_to.toString(16), false])
    expect(inc.rewound_hash).toBe(canonical.hash)
    const log = readFileSync(logFile(), 'utf8')
    expect(log).toMatch(/DEEP REORG: the block the indexer holds as final is no longer on the chain/)
    expect(log).toMatch(/DEEP REORG rolled back/)
    // the API reports it
    const api = await startApi({ databaseUrl: fx.db.url, port: fx.config.PORT, host: '127.0.0.1', heads: HeadTracker.fromConfig(fx.config) })
    try {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ indexerStatus { chainId deepReorgs lastDeepReorg { storedHeight rewoundTo } } }' }),
      })
      const base = ((await res.json()) as any).data.indexerStatus.find((s: any) => s.chainId === BASE)
      expect(base).toEqual({ chainId: BASE, deepReorgs: 1, lastDeepReorg: { storedHeight: inc.stored_height, rewoundTo: inc.rewound_to } })
      const metrics = await (await fetch(`${api.url}/metrics`)).text()
      expect(metrics).toContain(`depin_deep_reorgs{chain="base",chain_id="${BASE}"} 1`)
    } finally {
      await api.stop()
    }
    await expectCanonical()
  })

  it('leaves every table equal to a clean run over the canonical chain', async () => {
    await until(atHead, 'the head', { tick: mineSometimes, timeoutMs: 60_000 })
    await sup.stop()
    const end = (await cursorOf(fx.pool, BASE))!.height
    // the clean run stops at the same block, once it is final
    for (let i = 0; i <= FINALITY; i++) await node().sim.mine(node().sim.timestamp + 900, true)
    const cleanUrl = await createDatabase(fx.db.url, 'clean_reorgs')
    const clean = spawnIndexer({ databaseUrl: cleanUrl, logFile: `${fx.dataDir}/indexer-base-clean.log`, env: { ...env(), END_BLOCK_BASE: String(end) } })
    expect(await clean.exited).toBe(0)
    const cleanPool = new pg.Pool({ connectionString: cleanUrl, max: 2 })
    try {
      const [got, want] = await Promise.all([tableChecksums(fx.pool), tableChecksums(cleanPool)])
      expect(got).toEqual(want)
      expect(want.raw_event.rows).toBeGreaterThan(100)
      expect(want.network_state.rows).toBeGreaterThan(0) // open leases: handler state was rolled back too
    } finally {
      await cleanPool.end()
    }
  })
})
