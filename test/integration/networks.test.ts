/**
 * Every network of the registry against the devnet and a real PostgreSQL: each chain is indexed to its head,
 * every network's daily rollups equal totals recomputed independently from raw eth_getLogs
 * (test/helpers/recompute-networks.ts), hourly rollups add up to the daily ones, and the derived metrics the
 * GraphQL API serves equal an independent computation from the rollups and the imported prices.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HeadTracker } from '../../api/heads'
import { startApi, type ApiServer } from '../../api/server'
import { startFixture, type Fixture } from '../helpers/fixture'
import { recomputedProviderCounts, storedProviderCounts } from '../helpers/provider-counts'
import { recomputeChain, type NetDay, type NetworkRecomputation } from '../helpers/recompute-networks'

let fx: Fixture
let api: ApiServer
const heads = new Map<number, number>()
const runs = new Map<string, { code: number | null; log: string }>()

/** chain slug by chain id (env names: INDEXER_CHAIN=<slug>, END_BLOCK_<SLUG>) */
const CHAINS: Record<number, string> = { 42161: 'arbitrum-one', 137: 'polygon', 8453: 'base', 4689: 'iotex' }

/**
 * Per network, from docs/networks.md: chain, token and fee asset (symbol as priced in token_price, decimals),
 * the token's max supply in whole tokens (null = uncapped: FDV = market cap), and whether fees are valued
 * on chain per event (Livepeer: ETH/USD Chainlink at each ticket, stored in the rollup's fees_usd).
 */
const NETWORKS: Record<string, { chainId: number; token: string; tokenDecimals: number; feeAsset: string; feeDecimals: number; maxSupply: number | null; onchainFeesUsd?: boolean }> = {
  livepeer: { chainId: 42161, token: 'LPT', tokenDecimals: 18, feeAsset: 'ETH', feeDecimals: 18, maxSupply: null, onchainFeesUsd: true },
  thegraph: { chainId: 42161, token: 'GRT', tokenDecimals: 18, feeAsset: 'GRT', feeDecimals: 18, maxSupply: null },
  aethir: { chainId: 42161, token: 'ATH', tokenDecimals: 18, feeAsset: 'ATH', feeDecimals: 18, maxSupply: 42e9 },
  dimo: { chainId: 137, token: 'DIMO', tokenDecimals: 18, feeAsset: 'DCX', feeDecimals: 18, maxSupply: 1e9 },
  geodnet: { chainId: 137, token: 'GEOD', tokenDecimals: 18, feeAsset: 'GEOD', feeDecimals: 18, maxSupply: 1e9 },
  'iotex-ioid': { chainId: 4689, token: 'IOTX', tokenDecimals: 18, feeAsset: 'IOTX', feeDecimals: 18, maxSupply: 10e9 },
  spheron: { chainId: 8453, token: 'uSPON', tokenDecimals: 6, feeAsset: 'uSPON', feeDecimals: 6, maxSupply: null },
}

/**
 * Totals that the seeded devnet makes non-zero for each network over the run, so that every comparison below
 * covers real activity rather than zeros on both sides.
 */
const ACTIVE: Record<string, (keyof NetDay)[]> = {
  livepeer: ['fees', 'feeCount', 'rewards', 'protocolTake', 'minted'],
  thegraph: ['fees', 'rewards', 'protocolTake', 'minted', 'burned', 'capacityAdded', 'leasesOpened', 'leasesClosed'],
  aethir: ['fees', 'feesRefunded', 'rewards', 'minted', 'burned', 'capacityAdded', 'capacityRemoved', 'leasesOpened', 'leasesClosed'],
  dimo: ['fees', 'rewards', 'minted', 'burned', 'capacityAdded', 'capacityRemoved'],
  geodnet: ['fees', 'minted', 'burned'],
  'iotex-ioid': ['fees', 'capacityAdded', 'capacityRemoved'],
  spheron: ['fees', 'rewards', 'protocolTake', 'capacityAdded', 'leasesOpened', 'leasesClosed'],
}
/** networks whose fees and incentives are both priced, so the 7-day demand/rewards ratio is defined after 7 days */
const WITH_RATIO = ['thegraph', 'aethir', 'spheron']

const recomputed = new Map<number, Promise<NetworkRecomputation>>()
function recomputationOf(chainId: number): Promise<NetworkRecomputation> {
  if (!recomputed.has(chainId)) {
    const n = fx.devnet.nodes.find((x) => x.chainId === chainId)!
    recomputed.set(chainId, recomputeChain(n.node.httpUrl, chainId, heads.get(chainId)!))
  }
  return recomputed.get(chainId)!
}

async function gql(query: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })
  return (await res.json()) as { data?: any; errors?: { message: string }[] }
}

const STAT_COLUMNS = `fees_native::text AS fees, fees_refunded_native::text AS fees_refunded, fee_count, rewards_native::text AS rewards, reward_count,
  protocol_take_native::text AS protocol_take, minted_native::text AS minted, burned_native::text AS burned, capacity_added::text AS capacity_added,
  capacity_removed::text AS capacity_removed, nodes_registered, nodes_deregistered, leases_opened, leases_closed, event_count`

/** A stored rollup row as the recomputation's shape. */
function asNetDay(r: any): NetDay {
  return {
    fees: BigInt(r.fees), feesRefunded: BigInt(r.fees_refunded), feeCount: Number(r.fee_count), rewards: BigInt(r.rewards), rewardCount: Number(r.reward_count),
    protocolTake: BigInt(r.protocol_take), minted: BigInt(r.minted), burned: BigInt(r.burned), capacityAdded: BigInt(r.capacity_added),
    capacityRemoved: BigInt(r.capacity_removed), nodesRegistered: Number(r.nodes_registered), nodesDeregistered: Number(r.nodes_deregistered),
    leasesOpened: Number(r.leases_opened), leasesClosed: Number(r.leases_closed), events: Number(r.event_count),
  }
}

async function storedDays(network: string): Promise<Map<string, NetDay>> {
  const r = await fx.pool.query(
    `SELECT to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, ${STAT_COLUMNS} FROM network_stat WHERE network = $1 AND interval = 'DAY' ORDER BY period_start`,
    [network],
  )
  return new Map(r.rows.map((x) => [x.day as string, asNetDay(x)]))
}

/** HOUR rows summed per UTC day */
async function hoursPerDay(network: string): Promise<Map<string, NetDay>> {
  const r = await fx.pool.query(
    `SELECT to_char(date_trunc('day', period_start AT TIME ZONE 'UTC'), 'YYYY-MM-DD') AS day, sum(fees_native)::text AS fees, sum(fees_refunded_native)::text AS fees_refunded,
            sum(fee_count) AS fee_count, sum(rewards_native)::text AS rewards, sum(reward_count) AS reward_count, sum(protocol_take_native)::text AS protocol_take,
            sum(minted_native)::text AS minted, sum(burned_native)::text AS burned, sum(capacity_added)::text AS capacity_added, sum(capacity_removed)::text AS capacity_removed,
            sum(nodes_registered) AS nodes_registered, sum(nodes_deregistered) AS nodes_deregistered, sum(leases_opened) AS leases_opened,
            sum(leases_closed) AS leases_closed, sum(event_count) AS event_count
       FROM network_stat WHERE network = $1 AND interval = 'HOUR' GROUP BY 1 ORDER BY 1`,
    [network],
  )
  return new Map(r.rows.map((x) => [x.day as string, asNetDay(x)]))
}

/** |a - b| within 1e-9 of the larger magnitude (or of `scale` when the value is a difference of larger terms) */
function expectClose(got: number | null, want: number | null, what: string, scale = 0) {
  if (want == null || got == null) {
    expect(got, what).toBe(want)
    return
  }
  const tol = 1e-9 * Math.max(Math.abs(want), Math.abs(got), Math.abs(scale))
  expect(Math.abs(got - want) <= tol, `${what}: got ${got}, want ${want}`).toBe(true)
}

beforeAll(async () => {
  fx = await startFixture({ SIM_DAYS: '8' }, { importPrices: true })
  // pick each chain's head, then put finality + 1 blocks on top so that the head is final
  for (const n of fx.devnet.nodes) {
    heads.set(n.chainId, await n.node.rpc.blockNumber())
    const finality = fx.config.chains.find((c) => c.chain.chainId === n.chainId)!.finality ?? 5
    for (let i = 0; i <= finality; i++) await n.sim.mine(n.sim.timestamp + 900, true)
  }
  // one indexer per chain, side by side (each has its own processor schema and cursor)
  await Promise.all(
    fx.devnet.nodes.map(async (n) => {
      const slug = CHAINS[n.chainId]
      runs.set(slug, await fx.runIndexerTo(heads.get(n.chainId)!, { INDEXER_CHAIN: slug }))
    }),
  )
  api = await startApi({ databaseUrl: fx.db.url, port: fx.config.PORT, host: '127.0.0.1', heads: HeadTracker.fromConfig(fx.config) })
})
afterAll(async () => {
  await api?.stop()
  await fx?.stop()
})

describe('indexing every chain', () => {
  it('indexes each devnet chain to its head and quarantines nothing', async () => {
    expect(new Set(fx.devnet.nodes.map((n) => n.chainId))).toEqual(new Set(Object.keys(CHAINS).map(Number)))
    for (const [slug, run] of runs) expect(run.code, `${slug}:\n${run.log.slice(-3000)}`).toBe(0)
    const q = await fx.pool.query('SELECT network, count(*)::int AS n FROM quarantined_log GROUP BY 1')
    expect(q.rows).toEqual([])
    const cursors = await fx.pool.query('SELECT chain, height FROM chain_cursor')
    expect(cursors.rows.length).toBe(4)
  })
})

describe('rollups vs independent recomputation from eth_getLogs', () => {
  for (const network of Object.keys(NETWORKS)) {
    it(`${network}: daily rollups equal the recomputed totals, and hourly rollups add up to them`, async () => {
      const want = (await recomputationOf(NETWORKS[network].chainId)).days.get(network)!
      const logs = (await recomputationOf(NETWORKS[network].chainId)).logs.get(network)!
      expect(logs.total, `${network}: the devnet emits logs`).toBeGreaterThan(0)
      expect(logs.decoded, `${network}: some logs carry economic meaning`).toBeGreaterThan(0)
      const got = await storedDays(network)
      expect([...got.keys()]).toEqual([...want.keys()].sort())
      for (const [day, w] of want) expect({ network, day, ...got.get(day) }).toEqual({ network, day, ...w })
      // DIMO: licences paid in DIMO (their DCX-equivalent is in the fees compared above) occurred in the run
      if (network === 'dimo') expect((await recomputationOf(137)).extras.get('dimo')!.cases.get('licensesPaidInDimo'), 'dimo: licences paid in DIMO').toBeGreaterThan(0)
      for (const k of ACTIVE[network]) expect([...want.values()].some((d) => d[k] !== 0n && d[k] !== 0), `${network}: some ${k}`).toBe(true)
      const hours = await hoursPerDay(network)
      expect([...hours.keys()]).toEqual([...got.keys()])
      for (const [day, g] of got) expect({ network, day, ...hours.get(day) }).toEqual({ network, day, ...g })
    })
  }
})

describe('derived metrics served by the API', () => {
  for (const [network, meta] of Object.entries(NETWORKS)) {
    it(`${network}: networkMetrics equals an independent computation from rollups and prices`, async () => {
      // rollup rows with the last daily price at or before each day, for the token and the fee asset
      const r = await fx.pool.query(
        `SELECT s.period_start, s.fees_native::text AS fees, s.fees_refunded_native::text AS refunds, s.fees_usd::float8 AS fees_usd,
                s.fees_unpriced_native::text AS unpriced, s.rewards_native::text AS rewards, s.protocol_take_native::text AS take,
                s.minted_native::text AS minted, s.burned_native::text AS burned, s.locked_native::text AS locked,
                s.unlocked_native::text AS unlocked, s.capacity_added::text AS cap_added,
                s.capacity_removed::text AS cap_removed, s.leases_opened, s.leases_closed,
                (SELECT p.price::float8 FROM token_price p WHERE p.asset = $2 AND p.interval = 'DAY' AND p.period_start <= s.period_start
                  ORDER BY p.period_start DESC LIMIT 1) AS token_price,
                (SELECT p.price::float8 FROM token_price p WHERE p.asset = $3 AND p.interval = 'DAY' AND p.period_start <= s.period_start
                  ORDER BY p.period_start DESC LIMIT 1) AS fee_price
           FROM network_stat s WHERE s.network = $1 AND s.interval = 'DAY' ORDER BY s.period_start`,
        [network, meta.token, meta.feeAsset],
      )
      expect(r.rows.length).toBeGreaterThan(0)
      const tokenUnit = 10 ** meta.tokenDecimals
      const feeUnit = 10 ** meta.feeDecimals
      let supply = 0n
      let minted = false
      let locked = 0n
      let capacity = 0n
      let leases = 0
      const want = r.rows.map((x) => {
        supply += BigInt(x.minted) - BigInt(x.burned)
        if (BigInt(x.minted) > 0n) minted = true
        locked += BigInt(x.locked) - BigInt(x.unlocked)
        capacity += BigInt(x.cap_added) - BigInt(x.cap_removed)
        leases += x.leases_opened - x.leases_closed
        const price: number | null = x.token_price
        const gross = BigInt(x.fees)
        const refunds = BigInt(x.refunds)
        const net = Number(gross - refunds) / feeUnit
        let feesUsd: number | null
        if (meta.onchainFeesUsd) feesUsd = BigInt(x.unpriced) > 0n ? null : x.fees_usd // no import price for ETH
        else if (gross === 0n && refunds === 0n) feesUsd = 0
        else feesUsd = x.fee_price == null ? null : net * x.fee_price
        const totalSupply = Number(supply) / tokenUnit
        // market cap on circulating supply: total minus tokens held by listed non-circulating addresses
        // supply is unknown until a mint was indexed (native coins, tokens without mint events): no market cap
        const marketCap = price == null || !minted ? null : (Number(supply - locked) / tokenUnit) * price
        const incentives = Number(BigInt(x.rewards)) / tokenUnit
        // protocol revenue: the protocol take when it is paid in the fee asset (= the token), else none
        const protocolRevenueUsd = meta.feeAsset === meta.token
          ? (x.fee_price == null ? null : (Number(BigInt(x.take)) / feeUnit) * x.fee_price)
          : feesUsd == null ? null : 0
        return {
          periodStart: x.period_start.toISOString() as string, day: x.period_start.getTime() as number, price, totalSupply, marketCap,
          fdv: price == null ? null : meta.maxSupply != null ? meta.maxSupply * price : minted ? totalSupply * price : null,
          fees: net, feesUsd, grossFeesUsd: x.fee_price == null ? 0 : (Number(gross) / feeUnit) * x.fee_price,
          incentives, incentivesUsd: price == null ? null : incentives * price, protocolRevenueUsd,
          capacity: Number(capacity), activeLeases: leases,
        }
      })
      // trailing 7 UTC days (this day and the 6 before it): Σ fees USD / Σ incentives USD; null when a day is
      // missing, not yet 7 days of history, a value is unknown or incentives are 0
      const byDay = new Map(want.map((w) => [w.day, w]))
      const ratio7d = (day: number): number | null => {
        let fees = 0
        let incentives = 0
        for (let k = 0; k < 7; k++) {
          const w = byDay.get(day - k * 86_400_000)
          if (!w || w.feesUsd == null || w.incentivesUsd == null) return null
          fees += w.feesUsd
          incentives += w.incentivesUsd
        }
        return incentives === 0 ? null : fees / incentives
      }

      const { data, errors } = await gql(
        `query($n: ID!) { networkMetrics(network: $n, interval: DAY, limit: 1000) { periodStart price totalSupply marketCap fdv fees feesUsd
           incentives incentivesUsd protocolRevenueUsd demandRewardsRatio7d capacity activeLeases } }`,
        { n: network },
      )
      expect(errors).toBeUndefined()
      const got = data.networkMetrics as any[]
      expect(got.map((g) => g.periodStart)).toEqual(want.map((w) => w.periodStart))
      // every token and fee asset has a price source (on-chain feed or imported CSV)
      // (supply unknown: IoTeX ioID's native IOTX, Spheron's uSPON without mint events)
      if (!['iotex-ioid', 'spheron'].includes(network)) expect(got[got.length - 1].marketCap, `${network}: market cap priced`).not.toBeNull()
      else expect(got[got.length - 1].marketCap, `${network}: market cap unknown`).toBeNull()
      expect(got[got.length - 1].feesUsd, `${network}: fees priced`).not.toBeNull()
      if (WITH_RATIO.includes(network)) expect(got.filter((g) => g.demandRewardsRatio7d != null).length, `${network}: days with a 7d ratio`).toBeGreaterThan(0)
      got.forEach((g, i) => {
        const w = want[i]
        const at = `${network} ${w.periodStart}`
        expectClose(g.price, w.price, `${at} price`)
        expectClose(g.totalSupply, w.totalSupply, `${at} totalSupply`)
        expectClose(g.marketCap, w.marketCap, `${at} marketCap`)
        expectClose(g.fdv, w.fdv, `${at} fdv`)
        expectClose(g.fees, w.fees, `${at} fees`, (Number(BigInt(r.rows[i].fees)) / feeUnit))
        expectClose(g.feesUsd, w.feesUsd, `${at} feesUsd`, w.grossFeesUsd)
        expectClose(g.incentives, w.incentives, `${at} incentives`)
        expectClose(g.incentivesUsd, w.incentivesUsd, `${at} incentivesUsd`)
        expectClose(g.protocolRevenueUsd, w.protocolRevenueUsd, `${at} protocolRevenueUsd`)
        const ratio = ratio7d(w.day)
        // a ratio of sums whose terms may cancel (net fees): compare with the scale of the gross terms
        expectClose(g.demandRewardsRatio7d, ratio, `${at} demandRewardsRatio7d`)
        expect({ at, capacity: g.capacity, activeLeases: g.activeLeases }).toEqual({ at, capacity: w.capacity, activeLeases: w.activeLeases })
      })
    })
  }
})

/** Stored Spheron Lease rows equal the leases recomputed from LeaseCreated / LeaseUpdated / LeaseClosed logs. */
async function expectSpheronLeases(rec: NetworkRecomputation) {
  const want = rec.extras.get('spheron')!.leases
  expect(want.size, 'the devnet opens Spheron leases').toBeGreaterThan(0)
  expect([...want.values()].some((l) => l.status === 'CLOSED' && l.spent != null), 'some leases closed').toBe(true)
  const rows = (await fx.pool.query(
    `SELECT id, lease_id, provider, payer, status, price::text, opened_block, closed_block, spent::text FROM lease WHERE network = 'spheron' ORDER BY id`,
  )).rows
  const got = new Map(rows.map((r) => [r.lease_id, r]))
  expect([...got.keys()].sort()).toEqual([...want.keys()].sort())
  for (const [id, w] of want) {
    expect(got.get(id), `lease ${id}`).toEqual({
      id: `spheron-${id}`, lease_id: id, provider: w.provider, payer: w.payer, status: w.status, price: w.price?.toString() ?? null,
      opened_block: w.openedBlock, closed_block: w.closedBlock, spent: w.spent?.toString() ?? null,
    })
  }
}

describe('Lease and Provider entities vs independent recomputation', () => {
  it('Spheron: one Lease row per lease, with the price it last had, its blocks and its inferred cost', async () => {
    await expectSpheronLeases(await recomputationOf(8453))
  })

  it('Livepeer: each orchestrator\'s Provider row has the fees (ETH) and rewards (LPT) recomputed from its events', async () => {
    const want = (await recomputationOf(42161)).extras.get('livepeer')!.providers
    const rows = (await fx.pool.query(`SELECT address, fees_native::text AS fees, rewards_native::text AS rewards FROM provider WHERE network = 'livepeer'`)).rows
    const got = new Map(rows.map((r) => [r.address, r]))
    expect([...want.values()].filter((p) => p.fees > 0n).length, 'several orchestrators earn fees').toBeGreaterThan(1)
    for (const [addr, w] of want) expect({ addr, ...got.get(addr) }).toEqual({ addr, address: addr, fees: w.fees.toString(), rewards: w.rewards.toString() })
    // a provider row without fees or rewards is an orchestrator seen only through other supply-side facts
    for (const r of rows) if (!want.has(r.address)) expect({ ...r, fees: r.fees, rewards: r.rewards }).toEqual({ ...r, fees: '0', rewards: '0' })
  })
})

describe('reorgs with handler state', () => {
  it('Base (Spheron leases kept in NetworkState): orphaned blocks are rolled back with their facts, rollups and state', async () => {
    const n = fx.devnet.nodes.find((x) => x.chainId === 8453)!
    const { spawnIndexer } = await import('../../cli/stack')
    const { rpc } = n.node
    const cursor = async () => (await fx.pool.query(`SELECT height, hash FROM chain_cursor WHERE id = '8453'`)).rows[0] as { height: number; hash: string }
    const until = async (cond: () => Promise<boolean>, what: string) => {
      for (let i = 0; i < 400; i++) {
        if (await cond()) return
        await new Promise((r) => setTimeout(r, 100))
      }
      throw new Error(`timed out: ${what}`)
    }
    const idx = spawnIndexer({ databaseUrl: fx.db.url, logFile: `${fx.dataDir}/indexer-base-live.log`, env: { ...fx.config.env, INDEXER_CHAIN: 'base', LOG_LEVEL: 'info' } })
    const base = await rpc.blockNumber()
    try {
      const finality = fx.config.chains.find((c) => c.chain.chainId === 8453)!.finality ?? 5
      await until(async () => (await cursor()).height >= base - finality, 'the finalized head')
      const statesBefore = (await fx.pool.query(`SELECT count(*)::int AS n FROM network_state WHERE network = 'spheron'`)).rows[0].n
      const snapshot = await rpc.call<string>('evm_snapshot')
      for (let i = 1; i <= 3; i++) {
        await n.sim.mine(n.sim.timestamp + 3 * 3600, false)
        await until(async () => (await cursor()).height === base + i, `orphan-to-be ${base + i}`)
      }
      const orphaned = (await fx.pool.query(`SELECT count(*)::int AS n FROM economic_fact WHERE network = 'spheron' AND block_number > $1`, [base])).rows[0].n
      expect(orphaned, 'the soon-orphaned blocks carry Spheron facts').toBeGreaterThan(0)
      expect(await rpc.call('evm_revert', [snapshot])).toBe(true)
      await n.sim.resyncNonce()
      for (let i = 0; i < 4; i++) await n.sim.mine(n.sim.timestamp + 5 * 3600, false)
      const head = await rpc.call<{ hash: string }>('eth_getBlockByNumber', ['0x' + (base + 4).toString(16), false])
      await until(async () => {
        const c = await cursor()
        return c.height === base + 4 && c.hash === head.hash
      }, 'the new branch')
      expect(statesBefore).toBeGreaterThan(0)
    } finally {
      await idx.stop()
    }
    const want = (await recomputeChain(n.node.httpUrl, 8453, base + 4)).days.get('spheron')!
    const got = await storedDays('spheron')
    expect([...got.keys()]).toEqual([...want.keys()].sort())
    for (const [day, w] of want) expect({ day, ...got.get(day) }).toEqual({ day, ...w })
    // Lease rows were rolled back with the orphaned blocks and rebuilt from the new branch
    await expectSpheronLeases(await recomputeChain(n.node.httpUrl, 8453, base + 4))
    // provider counts per day were rolled back with the provider days
    expect(await storedProviderCounts(fx.pool)).toEqual(await recomputedProviderCounts(fx.pool))
    // every stored fact is on the canonical chain
    const facts = (await fx.pool.query(`SELECT DISTINCT block_number FROM economic_fact WHERE network = 'spheron' AND block_number > $1`, [base])).rows
    for (const f of facts) {
      const b = await rpc.call<{ hash: string }>('eth_getBlockByNumber', ['0x' + f.block_number.toString(16), false])
      const stored = (await fx.pool.query(`SELECT DISTINCT block_hash FROM raw_event WHERE network = 'spheron' AND block_number = $1`, [f.block_number])).rows
      expect(stored.map((s) => s.block_hash)).toEqual([b.hash])
    }
  })
})
