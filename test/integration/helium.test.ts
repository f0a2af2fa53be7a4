/**
 * Helium end to end: the devnet's Solana-compatible server -> the indexer process (Solana source) -> Postgres,
 * compared with figures recomputed independently from the raw getBlock responses (test/helpers/recompute-helium.ts).
 * The first run is killed with SIGKILL in the middle of indexing; the second resumes from the committed slot:
 * totals equal to the recomputation mean no row was lost or written twice.
 */
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { networkMetrics } from '../../api/metrics'
import { spawnIndexer } from '../../cli/stack'
import { networkById } from '../../indexer/registry'
import { startFixture, type Fixture } from '../helpers/fixture'
import { IOT_SUB_DAO, MOBILE_SUB_DAO, recomputeHelium, type HeliumRecompute } from '../helpers/recompute-helium'

let fx: Fixture
let head: number
let first: number
let expected: HeliumRecompute
let killedAt = -1
let run: { code: number | null; log: string }

// the other chains point at an unused port: no devnet server is started for them, and their indexers are not run
const OTHERS = {
  RPC_ARBITRUM_ONE_URL: 'http://127.0.0.1:9', RPC_POLYGON_URL: 'http://127.0.0.1:9', RPC_BASE_URL: 'http://127.0.0.1:9', RPC_IOTEX_URL: 'http://127.0.0.1:9',
  RPC_FILECOIN_URL: 'http://127.0.0.1:9/rpc/v1', RPC_AKASH_URL: 'http://127.0.0.1:9',
}
const cursor = async () => (await fx.pool.query(`SELECT height FROM chain_cursor WHERE chain = 'solana'`).catch(() => ({ rows: [] as any[] }))).rows[0]?.height ?? 0

beforeAll(async () => {
  fx = await startFixture({ ...OTHERS, SIM_DAYS: '2' }, { importPrices: true })
  const server = fx.devnet.solana[0].server
  head = server.finalized()
  first = server.sim.firstSlot
  // first run: small batches, killed with SIGKILL once some batches are committed
  const p = spawnIndexer({
    databaseUrl: fx.db.url, logFile: join(fx.dataDir, 'indexer-killed.log'),
    env: { ...fx.config.env, INDEXER_CHAIN: 'solana', SOLANA_BATCH_SLOTS: '15000', LOG_LEVEL: 'info' },
  })
  for (;;) {
    if ((await cursor()) >= first + (head - first) / 3 || p.child.exitCode != null) break
    await new Promise((r) => setTimeout(r, 20))
  }
  p.child.kill('SIGKILL')
  await p.exited
  killedAt = await cursor()
  ;[run, expected] = await Promise.all([
    fx.runIndexerTo(head, { ...fx.config.env, INDEXER_CHAIN: 'solana', LOG_LEVEL: 'debug' }),
    recomputeHelium(server.url, first, head),
  ])
}, 240_000)
afterAll(async () => {
  await fx?.stop()
})

describe('Helium over Solana JSON-RPC', () => {
  it('resumes after kill -9 mid-run, indexes to the finalized slot, skips failed transactions and quarantines nothing', async () => {
    expect(run.code, run.log.slice(-3000)).toBe(0)
    expect(killedAt).toBeGreaterThan(first)
    expect(killedAt).toBeLessThan(head)
    const status = await fx.pool.query(`SELECT height FROM squid_processor_792703809.status`)
    expect(status.rows[0].height).toBe(head)
    // the cursor is at the finalized slot even though that slot has no block (indexerStatus lag 0)
    expect(await cursor()).toBe(head)
    expect(expected.failedSkipped).toBeGreaterThan(0)
    expect((await fx.pool.query(`SELECT count(*)::int AS n FROM quarantined_log`)).rows[0].n).toBe(0)
    const raw = await fx.pool.query(`SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM raw_event WHERE network = 'helium'`)
    expect(raw.rows[0].n).toBe(expected.instructions)
    expect(raw.rows[0].d).toBe(expected.instructions)
  })

  it('daily rollups equal the recomputation: DC burned (fees, protocol take), HNT burned and minted, rewards, hotspots', async () => {
    const rows = (await fx.pool.query(`SELECT * FROM network_stat WHERE network = 'helium' AND interval = 'DAY' ORDER BY period_start`)).rows
    expect(rows.map((r) => r.period_start.toISOString().slice(0, 10))).toEqual([...expected.days.keys()].filter((k) => expected.days.get(k)!.events > 0).sort())
    for (const r of rows) {
      const k = r.period_start.toISOString().slice(0, 10)
      const e = expected.days.get(k)!
      expect(BigInt(r.fees_native), `${k} DC burned`).toBe(e.dcBurned)
      expect(BigInt(r.protocol_take_native), `${k} take`).toBe(e.dcBurned)
      expect(r.fee_count, `${k} burns`).toBe(e.dcBurns)
      expect(BigInt(r.burned_native), `${k} HNT burned`).toBe(e.hntBurned)
      expect(BigInt(r.minted_native), `${k} HNT minted`).toBe(e.hntMinted)
      expect(BigInt(r.rewards_native), `${k} rewards`).toBe(e.rewards)
      expect(r.reward_count, `${k} claims`).toBe(e.claims)
      expect(BigInt(r.capacity_added), `${k} hotspots`).toBe(BigInt(e.hotspotsIot + e.hotspotsMobile))
    }
    const total = (f: (d: HeliumRecompute['days'] extends Map<string, infer D> ? D : never) => bigint | number) => [...expected.days.values()].reduce((s, d) => s + BigInt(f(d)), 0n)
    expect(total((d) => d.dcBurned)).toBeGreaterThan(0n)
    expect(total((d) => d.hntBurned)).toBeGreaterThan(0n)
    expect(total((d) => d.hntMinted)).toBeGreaterThan(0n)
    expect(total((d) => d.rewards)).toBeGreaterThan(0n)
  })

  it('splits by sub-network: DC burned per sub-DAO and hotspots onboarded on IoT and Mobile', async () => {
    const burns = await fx.pool.query(
      `SELECT to_char(timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, actor, sum(amount)::text AS dc FROM economic_fact
        WHERE network = 'helium' AND kind = 'FEE_PAID' AND actor IS NOT NULL GROUP BY 1, 2`,
    )
    const hotspots = await fx.pool.query(
      `SELECT to_char(timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, counterparty, count(*)::int AS n FROM economic_fact
        WHERE network = 'helium' AND kind = 'NODE_REGISTERED' GROUP BY 1, 2`,
    )
    const get = (rows: any[], day: string, who: string, field: string) => rows.find((r) => r.day === day && (r.actor ?? r.counterparty) === who)?.[field]
    for (const [day, e] of expected.days) {
      expect(BigInt(get(burns.rows, day, IOT_SUB_DAO, 'dc') ?? 0), `${day} IoT DC`).toBe(e.dcBurnedIot)
      expect(BigInt(get(burns.rows, day, MOBILE_SUB_DAO, 'dc') ?? 0), `${day} Mobile DC`).toBe(e.dcBurnedMobile)
      expect(get(hotspots.rows, day, IOT_SUB_DAO, 'n') ?? 0, `${day} IoT hotspots`).toBe(e.hotspotsIot)
      expect(get(hotspots.rows, day, MOBILE_SUB_DAO, 'n') ?? 0, `${day} Mobile hotspots`).toBe(e.hotspotsMobile)
    }
    expect([...expected.days.values()].some((d) => d.hotspotsIot > 0 && d.hotspotsMobile > 0 && d.dcBurnedIot > 0n && d.dcBurnedMobile > 0n)).toBe(true)
    // data-only hotspots of both sub-networks are among them (counted above with the others)
    expect(expected.dataOnly.iot).toBeGreaterThan(0)
    expect(expected.dataOnly.mobile).toBeGreaterThan(0)
    const dataOnlyRaw = await fx.pool.query(`SELECT name, count(*)::int AS n FROM raw_event WHERE network = 'helium' AND name LIKE 'onboardDataOnly%' GROUP BY 1 ORDER BY 1`)
    expect(dataOnlyRaw.rows).toEqual([{ name: 'onboardDataOnlyIotHotspotV0', n: expected.dataOnly.iot }, { name: 'onboardDataOnlyMobileHotspotV0', n: expected.dataOnly.mobile }])
  })

  it('values DC at 0.00001 USD: fees = protocol revenue, supply-side revenue 0; providers are the hotspot owners', async () => {
    const m = await networkMetrics(fx.pool, networkById('helium')!, 'DAY')
    for (const d of m) {
      const e = expected.days.get(d.periodStart.toISOString().slice(0, 10))!
      expect(d.feesUsd, 'fees USD').toBeCloseTo(Number(e.dcBurned) * 0.00001, 6)
      expect(d.protocolRevenueUsd, 'protocol revenue').toBeCloseTo(Number(e.dcBurned) * 0.00001, 6)
      expect(d.supplySideRevenueUsd).toBeCloseTo(0, 9)
      expect(d.incentives).toBeCloseTo(Number(e.rewards) / 1e8, 6)
      expect(d.incentivesUsd).not.toBeNull() // HNT priced from the imported CSV
      // supply migrated from the L1 is not indexed: CoinGecko's imported market cap of HNT, flagged as an import
      const cap = (await fx.pool.query(`SELECT market_cap::float8 AS c FROM token_price WHERE asset = 'HNT' AND interval = 'DAY' AND period_start <= $1 AND market_cap IS NOT NULL ORDER BY period_start DESC LIMIT 1`, [d.periodStart])).rows[0]?.c ?? null
      expect(cap, 'the HNT price file has a market cap').not.toBeNull()
      expect([d.marketCap, d.marketCapBasis]).toEqual([cap, 'off-chain-import'])
      expect(d.fdv).toBeCloseTo(223_000_000 * d.price!, 0)
    }
    const providers = await fx.pool.query(`SELECT 1 FROM provider WHERE network = 'helium'`)
    expect(providers.rows.length).toBe(expected.owners.size)
  })
})
