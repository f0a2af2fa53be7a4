/**
 * Crash consistency on a live chain (Polygon: DIMO and GEODNET). The indexer is killed with SIGKILL at seeded
 * random moments (during start-up, catch-up batches and hot blocks; kills while one of its transactions is open are
 * counted) and restarted each time; then PostgreSQL itself is stopped and restarted under a running indexer with no
 * supervisor, which waits for it and redoes the batch whose connection died, without exiting. At the end every table (row count and an order-independent checksum
 * of its canonical columns) equals a clean run over the same chain into a second database on the same server.
 */
import { readFileSync } from 'node:fs'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnIndexer } from '../../cli/stack'
import { freePort as freePortOf } from '../helpers/ports'
import { startDatabase } from '../../common/postgres'
import { statusSchemaOf } from '../../indexer/reorg'
import { createDatabase, cursorOf, onlyChain, seeded, sleep, tableChecksums, until } from '../helpers/consistency'
import { startFixture, type Fixture } from '../helpers/fixture'

const POLYGON = 137
const FINALITY = 5
/** `npm test` kills 6 times; `npm run test:faults` (RELIABILITY_LONG=1) 25 times, the figures in RELIABILITY.md */
const LONG = process.env.RELIABILITY_LONG === '1'
const KILLS = LONG ? 25 : 6
let fx: Fixture
const env = () => ({ ...fx.config.env, INDEXER_CHAIN: 'polygon', LOG_LEVEL: 'info' })
const report: Record<string, number | string> = {}

beforeAll(async () => {
  fx = await startFixture({ SIM_DAYS: '2', FINALITY_POLYGON: String(FINALITY), ...onlyChain('polygon') })
})
afterAll(async () => {
  console.log('crash consistency:', JSON.stringify(report))
  await fx?.db.stop() // the server restarted by the test (the fixture stops the one it started)
  await fx?.stop()
})

const node = () => fx.devnet.nodes[0]
const atHead = async () => {
  const h = await node().node.rpc.call<{ hash: string }>('eth_getBlockByNumber', ['latest', false])
  return (await cursorOf(fx.pool, POLYGON))?.hash === h.hash
}

/** mines a block every ~100 ms until stopped: the indexer always has new hot blocks to write */
function startMining() {
  let stop = false
  const done = (async () => {
    while (!stop) {
      await node().sim.mine(node().sim.timestamp + 900, true)
      await sleep(100)
    }
  })()
  return async () => {
    stop = true
    await done
  }
}

/** open transactions of other connections than this test's (the indexer's batch transactions) */
async function indexerTransactionOpen(): Promise<boolean> {
  const r = await fx.pool.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'
        AND xact_start IS NOT NULL AND pid <> pg_backend_pid() AND query NOT ILIKE '%pg_stat_activity%'`,
  )
  return r.rows[0].n > 0
}

/** an indexer session inside a transaction, waiting on a lock (the batch that the test holds open) */
async function indexerWaitsInTransaction(): Promise<boolean> {
  const r = await fx.pool.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'
        AND xact_start IS NOT NULL AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
  )
  return r.rows[0].n > 0
}

describe('crash consistency', () => {
  it(`survives ${KILLS} kill -9 at random moments, mid-batch included`, { timeout: LONG ? 900_000 : 180_000 }, async () => {
    const rng = seeded(137_2026)
    const stopMining = startMining()
    let midBatch = 0
    let beforeFirstBatch = 0
    const heights: number[] = []
    try {
      for (let k = 0; k < KILLS; k++) {
        const before = (await cursorOf(fx.pool, POLYGON))?.height ?? -1
        const logFile = `${fx.dataDir}/indexer-kill-${k}.log`
        const p = spawnIndexer({ databaseUrl: fx.db.url, logFile, env: env() })
        // one kill in five lands during start-up (migrations, checks, connecting), two soon after the processor
        // starts (mostly inside the first, long catch-up batch), two after a batch committed (hot blocks)
        const phase = k % 5
        if (phase === 0) await sleep(rng.int(200, 2500))
        else {
          await until(async () => readFileSync(logFile, 'utf8').includes('processing blocks from'), 'the processor running', { timeoutMs: 60_000, everyMs: 50 })
          if (phase >= 3) await until(async () => ((await cursorOf(fx.pool, POLYGON))?.height ?? -1) > before, 'a committed batch', { timeoutMs: 120_000, everyMs: 50 })
          await sleep(rng.int(50, 1500))
        }
        const open = await indexerTransactionOpen()
        process.kill(p.child.pid!, 'SIGKILL')
        await p.exited
        const after = (await cursorOf(fx.pool, POLYGON))?.height ?? -1
        if (open) midBatch++
        if (after === before) beforeFirstBatch++
        heights.push(after)
      }
    } finally {
      await stopMining()
    }
    Object.assign(report, { kills: KILLS, killsWithOpenTransaction: midBatch, killsBeforeFirstBatch: beforeFirstBatch, heights: heights.join(',') })
    if (LONG) expect(midBatch).toBeGreaterThanOrEqual(3) // kills really hit open batch transactions (reported in the short run)
    expect(heights.at(-1)!).toBeGreaterThan(0) // and the indexer made progress between them
    // a last run catches up to the head
    const p = spawnIndexer({ databaseUrl: fx.db.url, logFile: `${fx.dataDir}/indexer-after-kills.log`, env: env() })
    try {
      await until(atHead, 'the head after the kills', { timeoutMs: 120_000, tick: async (i) => { if (i % 20 === 19) await node().sim.mine(node().sim.timestamp + 900, true) } })
    } finally {
      await p.stop()
    }
  })

  it('waits for PostgreSQL when it stops under a running indexer, and resumes by itself (no supervisor)', async () => {
    // a lone indexer, as `tsx indexer/main.ts` runs in production: it must not exit, and no one restarts it
    const logFile = `${fx.dataDir}/indexer-pg-restart.log`
    const p = spawnIndexer({ databaseUrl: fx.db.url, logFile, env: env() })
    let exited: number | null | undefined
    void p.exited.then((code) => (exited = code))
    const stopMining = startMining()
    try {
      // past its start-up (the processor's connect reads and writes the status table too): a batch of this run committed
      const startHeight = (await cursorOf(fx.pool, POLYGON))?.height ?? -1
      await until(async () => {
        const h = (await cursorOf(fx.pool, POLYGON))?.height ?? -1
        return h > startHeight && h > (await node().node.rpc.blockNumber()) - 20
      }, 'the indexer following the chain', { timeoutMs: 60_000 })
      // stop the server while a batch transaction is open: a session of ours holds the processor's status table
      // (EXCLUSIVE: reads go on, writes wait), so the next batch stays open, waiting on the lock, until the stop
      const holder = new pg.Client({ connectionString: fx.db.url })
      holder.on('error', () => {}) // the stop ends this session too
      await holder.connect()
      await holder.query(`BEGIN; LOCK TABLE ${statusSchemaOf(POLYGON)}.status IN EXCLUSIVE MODE`)
      const open = await until(indexerWaitsInTransaction, 'a batch transaction waiting on the status table', { timeoutMs: 30_000 }).then(() => true, () => false)
      report.openBatchAtPgStop = String(open)
      const t0 = Date.now()
      await fx.db.stop()
      await holder.end().catch(() => {})
      await sleep(4000)
      fx.db = await startDatabase({ dataDir: fx.dataDir, port: fx.config.EMBEDDED_PG_PORT })
      report.postgresDownMs = Date.now() - t0
      const downAt = (await node().node.rpc.blockNumber())
      await until(async () => (await cursorOf(fx.pool, POLYGON))!.height > downAt, 'progress after PostgreSQL came back', { timeoutMs: 90_000 }).catch((e: Error) => {
        // what the indexer did meanwhile (once failed in a CI run with no log kept)
        throw new Error(`${e.message}; indexer ${exited === undefined ? 'running' : `exited with ${exited}`}; its log:\n${readFileSync(logFile, 'utf8').slice(-4000)}`)
      })
    } finally {
      await stopMining()
    }
    await until(atHead, 'the head', { timeoutMs: 60_000, tick: async (i) => { if (i % 20 === 19) await node().sim.mine(node().sim.timestamp + 900, true) } })
    expect(exited, readFileSync(logFile, 'utf8').slice(-3000)).toBeUndefined()
    const lines = readFileSync(logFile, 'utf8').split('\n').filter((l) => l.includes('database connection lost during a batch'))
    report.batchesRetriedAfterPgStop = lines.length
    await p.stop()
    // the stop really hit a batch in flight, and that batch was run again (not only a wait between batches)
    expect(report.openBatchAtPgStop).toBe('true')
    expect(lines.length).toBeGreaterThanOrEqual(1)
  })

  it('tells a lost connection from other database errors (real server errors)', async () => {
    const { isConnectionError } = await import('../../common/postgres')
    // refused: nothing listens on a closed port
    const refused = new pg.Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${await freePortOf()}/postgres` })
    const e1 = await refused.connect().then(() => null, (e) => e)
    expect(e1?.code).toBe('ECONNREFUSED')
    expect(isConnectionError(e1)).toBe(true)
    // terminated by the server (what a fast shutdown does to open connections): 57P01
    const victim = new pg.Client({ connectionString: fx.db.url })
    victim.on('error', () => {})
    await victim.connect()
    const pid = (await victim.query('SELECT pg_backend_pid() AS pid')).rows[0].pid
    const pending = victim.query('SELECT pg_sleep(10)').then(() => null, (e) => e)
    await sleep(200)
    await fx.pool.query('SELECT pg_terminate_backend($1)', [pid])
    const e2 = await pending
    expect(isConnectionError(e2), String(e2?.message)).toBe(true)
    // and on the same client afterwards: not queryable
    const e3 = await victim.query('SELECT 1').then(() => null, (e) => e)
    expect(isConnectionError(e3), String(e3?.message)).toBe(true)
    await victim.end().catch(() => {})
    // not connection errors: a syntax error, a unique violation, a serialization failure
    for (const sql of ['SELEC 1', 'SELECT 1/0']) {
      const e = await fx.pool.query(sql).then(() => null, (x) => x)
      expect(e).not.toBeNull()
      expect(isConnectionError(e), sql).toBe(false)
    }
    expect(isConnectionError(Object.assign(new Error('could not serialize access'), { code: '40001' }))).toBe(false)
  })

  it('leaves every table equal to a clean run', async () => {
    const end = (await cursorOf(fx.pool, POLYGON))!.height
    for (let i = 0; i <= FINALITY; i++) await node().sim.mine(node().sim.timestamp + 900, true)
    const cleanUrl = await createDatabase(fx.db.url, 'clean_crashes')
    const t0 = Date.now()
    const clean = spawnIndexer({ databaseUrl: cleanUrl, logFile: `${fx.dataDir}/indexer-clean.log`, env: { ...env(), END_BLOCK_POLYGON: String(end) } })
    expect(await clean.exited).toBe(0)
    report.cleanRunMs = Date.now() - t0
    const cleanPool = new pg.Pool({ connectionString: cleanUrl, max: 2 })
    try {
      const [got, want] = await Promise.all([tableChecksums(fx.pool), tableChecksums(cleanPool)])
      expect(got).toEqual(want)
      report.blocks = end
      report.tables = Object.keys(want).length
      report.rows = Object.values(want).reduce((a, t) => a + t.rows, 0)
      expect(want.raw_event.rows).toBeGreaterThan(500)
    } finally {
      await cleanPool.end()
    }
  })
})
