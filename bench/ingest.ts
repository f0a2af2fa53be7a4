/**
 * Ingest benchmark: the project's indexer (one process per chain, as `npm start` runs it) from an empty database to
 * the head of every devnet chain, side by side in the same run with
 *  - the source limit: raw eth_getLogs of the same ranges and addresses, no decoding, no writes;
 *  - the physical limit: the rows the indexer wrote, loaded with PostgreSQL COPY FROM STDIN into copies of the same
 *    tables with the same indexes;
 *  - a peer: stock Ponder indexing the same contracts, one row per event (bench/ponder.ts), optional.
 */
import { createReadStream, createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import { spawnIndexer } from '../cli/stack'
import { applyMigrations } from '../indexer/store/dataSource'
import { Rpc } from '../devnet/rpc'
import type { Dataset } from './dataset'
import { peakRss, round, seconds } from './measure'
import { runPonder, type PonderResult } from './ponder'

/** eth_getLogs window of the source-limit reading */
const SOURCE_WINDOW = 2000

export interface IngestResult {
  indexer: { quarantined: number; seconds: number; eventsPerSecond: number; blocksPerSecond: number; rowsPerSecond: number; rowsWritten: number; peakRssMiB: number; perChain: { chain: string; seconds: number; peakRssMiB: number }[] }
  source: { seconds: number; logs: number; logsPerSecond: number; window: number }
  copy: { seconds: number; rows: number; rowsPerSecond: number; tables: number }
  /** the same indexer with the ORM's multi-row INSERT instead of COPY (INDEXER_BULK_COPY=false), before the main run */
  before?: { seconds: number; eventsPerSecond: number; ingestOverCopy: number; ingestOverSource: number; speedup: number }
  ponder?: PonderResult & { eventsPerSecond: number }
  ponderError?: string
  storage: { bytes: number; bytesPerMillionEvents: number }
  ratios: { ingestOverCopy: number; ingestOverSource: number; ingestOverPonder?: number }
}

/** Raw eth_getLogs of every chain's watched addresses over its range, chains side by side (as the indexers run). */
export async function sourceLimit(ds: Dataset): Promise<IngestResult['source']> {
  const t0 = process.hrtime.bigint()
  const counts = await Promise.all(
    ds.chains.map(async (c) => {
      const rpc = new Rpc(c.httpUrl)
      let logs = 0
      for (let from = 0; from <= c.head; from += SOURCE_WINDOW) {
        const r = await rpc.call<unknown[]>('eth_getLogs', [{ fromBlock: '0x' + from.toString(16), toBlock: '0x' + Math.min(c.head, from + SOURCE_WINDOW - 1).toString(16), address: c.addresses }])
        logs += r.length
      }
      return logs
    }),
  )
  const s = seconds(t0)
  const logs = counts.reduce((a, b) => a + b, 0)
  return { seconds: round(s, 3), logs, logsPerSecond: Math.round(logs / s), window: SOURCE_WINDOW }
}

/** The indexer from an empty database to every chain's head: one child process per chain, side by side. */
export async function runIndexers(ds: Dataset, env: Record<string, string> = {}): Promise<{ seconds: number; peakRssMiB: number; perChain: { chain: string; seconds: number; peakRssMiB: number }[] }> {
  const t0 = process.hrtime.bigint()
  const perChain = await Promise.all(
    ds.chains.map(async (c) => {
      const logFile = join(ds.dataDir, 'logs', `indexer-${c.chain.id}.log`)
      const idx = spawnIndexer({ databaseUrl: ds.db.url, logFile, env: { ...ds.config.env, ...env, INDEXER_CHAIN: c.chain.id, LOG_LEVEL: 'warn' } })
      const rss = peakRss(idx.child.pid!)
      const code = await idx.exited
      const peakRssMiB = rss.stop()
      if (code !== 0) throw new Error(`indexer of ${c.chain.id} exited with ${code}: see ${logFile}`)
      return { chain: c.chain.id, seconds: round(seconds(t0), 2), peakRssMiB }
    }),
  )
  return { seconds: seconds(t0), peakRssMiB: perChain.reduce((s, c) => s + c.peakRssMiB, 0), perChain }
}

/** Tables the indexer writes (public schema, without the migrations bookkeeping). */
async function indexerTables(pool: pg.Pool): Promise<string[]> {
  const r = await pool.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('migrations', 'typeorm_metadata') AND tablename NOT LIKE 'bench\\_%' ORDER BY 1`)
  return r.rows.map((x) => x.tablename as string)
}

/** COPY FROM STDIN of the indexer's rows into empty copies of its tables (same columns, indexes, constraints). */
export async function copyLimit(ds: Dataset, pool: pg.Pool, tables: string[]): Promise<IngestResult['copy']> {
  const client = await pool.connect()
  let total = 0
  let rows = 0
  try {
    for (const table of tables) {
      const file = join(ds.dataDir, `${table}.copy`)
      await pipeline(client.query(copyTo(`COPY ${table} TO STDOUT`)), createWriteStream(file))
      await client.query(`DROP TABLE IF EXISTS bench_${table}; CREATE TABLE bench_${table} (LIKE ${table} INCLUDING ALL)`)
      const t = process.hrtime.bigint()
      const stream = client.query(copyFrom(`COPY bench_${table} FROM STDIN`))
      await pipeline(createReadStream(file), stream)
      total += seconds(t)
      rows += Number(stream.rowCount ?? 0)
      await client.query(`DROP TABLE bench_${table}`)
    }
  } finally {
    client.release()
  }
  return { seconds: round(total, 3), rows, rowsPerSecond: Math.round(rows / total), tables: tables.length }
}

/** Empties the database: the indexer's tables and status schemas dropped, migrations applied again. */
export async function resetDatabase(ds: Dataset): Promise<void> {
  const pool = new pg.Pool({ connectionString: ds.db.url, max: 1 })
  try {
    const schemas = (await pool.query(`SELECT nspname FROM pg_namespace WHERE nspname = 'public' OR nspname LIKE 'squid\\_processor%'`)).rows.map((r) => r.nspname as string)
    for (const s of schemas) await pool.query(`DROP SCHEMA "${s}" CASCADE`)
    await pool.query('CREATE SCHEMA public')
  } finally {
    await pool.end()
  }
  await applyMigrations(ds.db.url)
}

export async function runIngest(ds: Dataset, opts: { ponder: boolean; before: boolean; indexerEnv?: Record<string, string> }): Promise<IngestResult> {
  const source = await sourceLimit(ds)
  if (source.logs !== ds.events) throw new Error(`eth_getLogs returned ${source.logs} logs, the dataset has ${ds.events}`)
  let beforeSeconds: number | undefined
  if (opts.before) {
    beforeSeconds = (await runIndexers(ds, { ...opts.indexerEnv, INDEXER_BULK_COPY: 'false' })).seconds
    await resetDatabase(ds)
  }
  const idx = await runIndexers(ds, opts.indexerEnv)
  const pool = new pg.Pool({ connectionString: ds.db.url, max: 2 })
  try {
    const tables = await indexerTables(pool)
    // every log becomes one raw event, price point or quarantined log
    const stored = (await pool.query(`SELECT (SELECT count(*) FROM raw_event)::int AS raw, (SELECT count(*) FROM price_point)::int AS prices, (SELECT count(*) FROM quarantined_log)::int AS quarantined`)).rows[0]
    if (stored.raw + stored.prices + stored.quarantined !== ds.events) {
      throw new Error(`the indexer stored ${stored.raw} raw events, ${stored.prices} prices and quarantined ${stored.quarantined} logs; the chains have ${ds.events} logs`)
    }
    const bytes = Number((await pool.query(`SELECT coalesce(sum(pg_total_relation_size(quote_ident(t))), 0)::bigint AS b FROM unnest($1::text[]) t`, [tables])).rows[0].b)
    const copy = await copyLimit(ds, pool, tables)
    let ponder: IngestResult['ponder']
    let ponderError: string | undefined
    if (opts.ponder) {
      try {
        const p = await runPonder(ds, { logFile: join(ds.dataDir, 'logs', 'ponder.log') })
        if (p.rows !== ds.events) throw new Error(`ponder stored ${p.rows} rows, the chains have ${ds.events} logs`)
        ponder = { ...p, seconds: round(p.seconds, 2), rowsPerSecond: Math.round(p.rowsPerSecond), eventsPerSecond: Math.round(ds.events / p.seconds) }
      } catch (e) {
        ponderError = (e as Error).message
      }
    }
    const s = idx.seconds
    const rowsWritten = copy.rows
    return {
      indexer: {
        seconds: round(s, 2), eventsPerSecond: Math.round(ds.events / s), blocksPerSecond: Math.round(ds.blocks / s), rowsPerSecond: Math.round(rowsWritten / s),
        quarantined: stored.quarantined, rowsWritten, peakRssMiB: idx.peakRssMiB, perChain: idx.perChain,
      },
      source,
      copy,
      before: beforeSeconds == null ? undefined : {
        seconds: round(beforeSeconds, 2), eventsPerSecond: Math.round(ds.events / beforeSeconds),
        ingestOverCopy: round(copy.seconds / beforeSeconds, 4), ingestOverSource: round(source.seconds / beforeSeconds, 4), speedup: round(beforeSeconds / s, 2),
      },
      ponder,
      ponderError,
      storage: { bytes, bytesPerMillionEvents: Math.round((bytes / ds.events) * 1e6) },
      ratios: {
        ingestOverCopy: round(copy.seconds / s, 4),
        ingestOverSource: round(source.seconds / s, 4),
        ...(ponder ? { ingestOverPonder: round(ponder.seconds / s, 3) } : {}),
      },
    }
  } finally {
    await pool.end()
  }
}
