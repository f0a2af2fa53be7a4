/**
 * The non-EVM sources (Filecoin over Lotus, Akash over CometBFT, Helium over Solana: the shared ingest loop
 * indexer/sources/ingest.ts) under faults, each chain run by the real indexer process:
 * - faulty RPC: the chain's devnet server behind the fault-injecting proxy (test/helpers/faulty-rpc.ts: hangs past
 *   the timeout, 429 + Retry-After, 500/502/503, resets, truncated and invalid JSON, empty results for ranges and
 *   blocks that have data, answers for the next height or slot) at a seeded 25 % of requests; the process must reach
 *   its end block without exiting early (exit 0, one run);
 * - crash consistency: PostgreSQL stopped and restarted under the three running indexers while a batch transaction
 *   is open (no supervisor): they wait and redo the batch; then each is killed with SIGKILL at seeded moments after
 *   a committed batch (counted when a transaction was open) and restarted, and the last run exits 0 at its end block;
 * and every table (row count and order-independent checksum, test/helpers/consistency.ts) of both databases equals a
 * clean run through a healthy connection (the same proxy settings, no faults). Faults per class are printed.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnIndexer, type IndexerProcess } from '../../cli/stack'
import { startDatabase } from '../../common/postgres'
import { createDatabase, seeded, sleep, tableChecksums, tableDifference, until } from '../helpers/consistency'
import { FAULTS, startFaultyRpc, type Fault, type FaultyRpc } from '../helpers/faulty-rpc'
import { startFixture, type Fixture } from '../helpers/fixture'
import { applyMigrations } from '../../indexer/store/dataSource'

/** `npm run test:faults` (RELIABILITY_LONG=1): a longer history, smaller batches and more kills */
const LONG = process.env.RELIABILITY_LONG === '1'
const KILLS_PER_CHAIN = LONG ? 6 : 1
// the EVM chains point at an unused port: no devnet node is started for them
const CLOSED = 'http://127.0.0.1:9'
const NO_EVM = { RPC_ARBITRUM_ONE_URL: CLOSED, RPC_POLYGON_URL: CLOSED, RPC_BASE_URL: CLOSED, RPC_IOTEX_URL: CLOSED }

interface Source {
  slug: 'filecoin' | 'akash' | 'solana'
  chainId: number
  upstream: string
  first: number
  end: number
  /** settings that make a run through a proxy (a non-devnet URL) read the devnet's range in several batches */
  env: Record<string, string>
  clean?: FaultyRpc
  faulty?: FaultyRpc
}

let fx: Fixture
let sources: Source[]
const report: Record<string, unknown> = {}

beforeAll(async () => {
  fx = await startFixture({ ...NO_EVM, SIM_DAYS: LONG ? '3' : '1', LOG_LEVEL: 'warn' })
  const lotus = fx.devnet.lotus[0].server
  const comet = fx.devnet.cometbft[0].devnet
  const sol = fx.devnet.solana[0].server
  const batches = LONG ? 40 : 4
  sources = [
    {
      slug: 'filecoin', chainId: 314, upstream: lotus.url, first: lotus.sim.firstEpoch, end: lotus.head(),
      env: { START_BLOCK_FILECOIN: String(lotus.sim.firstEpoch), FINALITY_FILECOIN: '0', LOTUS_BATCH_EPOCHS: String(Math.ceil((lotus.head() - lotus.sim.firstEpoch) / batches)) },
    },
    {
      slug: 'akash', chainId: fx.devnet.cometbft[0].chainId, upstream: comet.httpUrl, first: 1, end: comet.height,
      env: { START_BLOCK_AKASH: '1', COMETBFT_BATCH_BLOCKS: String(Math.ceil(comet.height / batches)), COMETBFT_CONCURRENCY: '2' },
    },
    {
      slug: 'solana', chainId: fx.devnet.solana[0].chainId, upstream: sol.url, first: sol.sim.firstSlot, end: sol.finalized(),
      env: { START_BLOCK_SOLANA: String(sol.sim.firstSlot), SOLANA_BATCH_SLOTS: String(Math.ceil((sol.finalized() - sol.sim.firstSlot) / batches)), SOLANA_CONCURRENCY: '4' },
    },
  ]
  let seed = 10
  for (const s of sources) {
    s.clean = await startFaultyRpc({ upstream: s.upstream, rate: 0, seed: seed++, hangMs: 1500 })
    s.faulty = await startFaultyRpc({ upstream: s.upstream, rate: LONG ? 0.25 : 0.12, seed: seed++, hangMs: 1200 })
  }
}, 120_000)
afterAll(async () => {
  console.log('non-EVM sources under faults:', JSON.stringify(report))
  for (const s of sources ?? []) await Promise.all([s.clean?.close(), s.faulty?.close()])
  await fx?.db.stop() // the server restarted by the test (the fixture stops the one it started)
  await fx?.stop()
})

const slugEnv = (s: Source) => s.slug.toUpperCase()
/**
 * batch settings smaller than the clean run's (3x in the long run, 12x in the short one: on an idle machine a short
 * run of a dozen batches ended before its seeded kill)
 */
function smallBatches(s: Source): Record<string, string> {
  const key = { filecoin: 'LOTUS_BATCH_EPOCHS', akash: 'COMETBFT_BATCH_BLOCKS', solana: 'SOLANA_BATCH_SLOTS' }[s.slug]
  return { [key]: String(Math.max(1, Math.ceil(Number(s.env[key]) / (LONG ? 3 : 12)))) }
}
/** the indexer of one chain reading through `rpc`, to its end block */
function indexer(s: Source, databaseUrl: string, rpc: string, name: string): IndexerProcess & { logFile: string } {
  const logFile = join(fx.dataDir, `sources-${s.slug}-${name}.log`)
  const p = spawnIndexer({
    databaseUrl, logFile,
    env: { ...fx.config.env, ...s.env, INDEXER_CHAIN: s.slug, [`RPC_${slugEnv(s)}_URL`]: rpc, [`END_BLOCK_${slugEnv(s)}`]: String(s.end), RPC_REQUEST_TIMEOUT_MS: '1000', LOG_LEVEL: 'info' },
  })
  return Object.assign(p, { logFile })
}
const logOf = (p: { logFile: string }) => readFileSync(p.logFile, 'utf8')
const heightIn = async (pool: pg.Pool, chainId: number) =>
  (await pool.query(`SELECT height FROM squid_processor_${chainId}.status`).catch(() => ({ rows: [] as { height: number }[] }))).rows[0]?.height ?? -1

/** open transactions of other connections than this test's (the indexers' batch transactions) */
async function transactionsOpen(pool: pg.Pool): Promise<number> {
  const r = await pool.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend'
        AND xact_start IS NOT NULL AND pid <> pg_backend_pid() AND query NOT ILIKE '%pg_stat_activity%'`,
  )
  return r.rows[0].n
}

let cleanUrl: string
let faultyUrl: string

describe('non-EVM sources (Lotus, CometBFT, Solana) under faults', () => {
  it('index through a faulty RPC to their end block without exiting (and a clean run alongside)', { timeout: LONG ? 900_000 : 240_000 }, async () => {
    cleanUrl = await createDatabase(fx.db.url, 'clean_sources')
    faultyUrl = await createDatabase(fx.db.url, 'faulty_sources')
    // migrated once here: three indexer processes starting together on an empty database would race to create it
    for (const u of [cleanUrl, faultyUrl]) await applyMigrations(u)
    const t0 = Date.now()
    const runs = sources.flatMap((s) => [indexer(s, cleanUrl, s.clean!.url, 'clean'), indexer(s, faultyUrl, s.faulty!.url, 'faulty')])
    const codes = await Promise.all(runs.map((p) => p.exited))
    for (const [i, p] of runs.entries()) expect(codes[i], logOf(p).slice(-3000)).toBe(0)
    const perChain = Object.fromEntries(sources.map((s) => [s.slug, { requests: s.faulty!.requests, faults: Object.fromEntries(FAULTS.filter((f) => s.faulty!.counts[f]).map((f) => [f, s.faulty!.counts[f]])) }]))
    const total = Object.fromEntries(FAULTS.map((f) => [f, sources.reduce((a, s) => a + s.faulty!.counts[f], 0)])) as Record<Fault, number>
    Object.assign(report, { faultyRpc: { seconds: Math.round((Date.now() - t0) / 1000), perChain, total } })
    // every fault class was injected (the short run: most; empty results and wrong blocks fit few requests), on every chain some
    const classes = FAULTS.filter((f) => total[f] > 0).length
    if (LONG) expect(classes).toBe(FAULTS.length)
    else expect(classes).toBeGreaterThanOrEqual(FAULTS.length - 2)
    for (const s of sources) expect(Object.values(s.faulty!.counts).reduce((a, n) => a + n, 0), s.slug).toBeGreaterThan(LONG ? 25 : 3)
    // the wrong answers were refused (logged as such) rather than stored: checked below by the tables
    const refused = runs.filter((_, i) => i % 2 === 1).map((p) => (logOf(p).match(/answered with|outside the range|not a block|lists one|results/g) ?? []).length)
    report.refusedAnswers = refused.reduce((a, n) => a + n, 0)
  })

  it('survive a PostgreSQL stop under a running batch and kill -9 at random moments', { timeout: LONG ? 900_000 : 240_000 }, async () => {
    const rng = seeded(3_14_2026)
    // smaller batches than the clean run's (the tables must not depend on batch boundaries), so that the indexers are
    // mid-run at every step
    const crashEnv = (s: Source) => ({ ...s, env: { ...s.env, ...smallBatches(s) } })
    const first = sources.map((s) => indexer(crashEnv(s), fx.db.url, s.upstream, 'pg-stop'))
    const exited: (number | null | undefined)[] = first.map(() => undefined)
    first.forEach((p, i) => void p.exited.then((c) => (exited[i] = c)))
    // past their start-up (migrations, registration): each has committed a batch, and one has a batch transaction open
    await until(async () => (await Promise.all(sources.map((s) => heightIn(fx.pool, s.chainId)))).every((h) => h >= 0), 'a batch of each indexer', { timeoutMs: 120_000, everyMs: 50 })
    const open = await until(async () => (await transactionsOpen(fx.pool)) > 0, 'an open batch transaction', { timeoutMs: 60_000, everyMs: 20 }).then(() => true, () => false)
    const t0 = Date.now()
    await fx.db.stop()
    const runningAtStop = exited.filter((c) => c === undefined).length
    await sleep(3000)
    fx.db = await startDatabase({ dataDir: fx.dataDir, port: fx.config.EMBEDDED_PG_PORT })
    const downMs = Date.now() - t0
    // they resume by themselves (no supervisor): each commits again, then is killed at a seeded moment
    const kills: Record<string, { kills: number; openTransaction: number; heights: number[] }> = {}
    await Promise.all(sources.map(async (s, i) => {
      const k = (kills[s.slug] = { kills: 0, openTransaction: 0, heights: [] as number[] })
      let p = first[i]
      for (let n = 0; n < KILLS_PER_CHAIN; n++) {
        if (n > 0) p = indexer(crashEnv(s), fx.db.url, s.upstream, `kill-${n}`)
        const before = await heightIn(fx.pool, s.chainId)
        // every kill mid-run: after a batch of this run committed, at a seeded moment (a batch is often open)
        await until(async () => (await heightIn(fx.pool, s.chainId)) > before || p.child.exitCode != null, `${s.slug}: a committed batch`, { timeoutMs: 120_000, everyMs: 50 })
        await sleep(rng.int(50, 800))
        expect(p.child.exitCode, logOf(p).slice(-3000)).toBeNull() // still running (never exited by itself)
        if (await transactionsOpen(fx.pool)) k.openTransaction++
        process.kill(p.child.pid!, 'SIGKILL')
        await p.exited
        k.kills++
        k.heights.push(await heightIn(fx.pool, s.chainId))
      }
    }))
    const redone = first.map((p) => (logOf(p).match(/database connection lost during a batch/g) ?? []).length)
    report.postgresStop = { openBatchAtStop: open, indexersRunningAtStop: runningAtStop, downMs, batchesRedone: Object.fromEntries(sources.map((s, i) => [s.slug, redone[i]])) }
    report.kills = kills
    expect(open).toBe(true)
    expect(runningAtStop).toBe(3)
    expect(redone.reduce((a, n) => a + n, 0)).toBeGreaterThanOrEqual(1) // the batch in flight was run again
    for (const s of sources) expect(kills[s.slug].heights.at(-1)!, s.slug).toBeLessThan(s.end) // killed before the end
    // the last runs reach the end block
    const last = sources.map((s) => indexer(crashEnv(s), fx.db.url, s.upstream, 'after-kills'))
    const codes = await Promise.all(last.map((p) => p.exited))
    for (const [i, p] of last.entries()) expect(codes[i], logOf(p).slice(-3000)).toBe(0)
  })

  it('leave every table equal to the clean run (faulty RPC, and kills + PostgreSQL stop)', async () => {
    const pools = [cleanUrl, faultyUrl].map((u) => new pg.Pool({ connectionString: u, max: 2 }))
    try {
      const [want, faulty, crashed] = await Promise.all([tableChecksums(pools[0]), tableChecksums(pools[1]), tableChecksums(fx.pool)])
      // where a table differs, its differing rows go into the failure message
      const differing = async (got: typeof want, pool: pg.Pool) =>
        Object.fromEntries(await Promise.all(Object.keys(want).filter((t) => got[t]?.md5 !== want[t].md5).map(async (t) => [t, await tableDifference(pools[0], pool, t)])))
      expect(faulty, JSON.stringify(await differing(faulty, pools[1]), null, 1)).toEqual(want)
      expect(crashed, JSON.stringify(await differing(crashed, fx.pool), null, 1)).toEqual(want)
      const rows = Object.values(want).reduce((a, t) => a + t.rows, 0)
      report.compared = { tables: Object.keys(want).length, rows, rawEvents: want.raw_event.rows, facts: want.fact?.rows }
      expect(want.raw_event.rows).toBeGreaterThan(300)
      for (const s of sources) expect(await heightIn(pools[0], s.chainId), s.slug).toBe(s.end)
    } finally {
      await Promise.all(pools.map((p) => p.end()))
    }
  })
})
