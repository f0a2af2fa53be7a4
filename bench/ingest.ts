/**
 * Ingest benchmark: the project's indexer (one process per chain, as `npm start` runs it: the four EVM chains,
 * Filecoin, Akash and Helium) from an empty database to the head of every devnet chain, side by side in the same run
 * with
 *  - the source limit: raw download of the same ranges over each chain's own RPC (eth_getLogs, GetActorEventsRaw,
 *    block + block_results, getBlock), no decoding, no writes (bench/source-limit.ts);
 *  - the physical limit: the rows the indexer wrote, loaded with PostgreSQL COPY FROM STDIN into copies of the same
 *    tables with the same indexes;
 *  - a peer: stock Ponder indexing the same EVM contracts, one row per event (bench/ponder.ts), optional; Ponder
 *    indexes EVM chains only, so its ratio compares events per second.
 */
import { createReadStream, createWriteStream } from 'node:fs'
import { join } from 'node:path'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import { spawnIndexer } from '../cli/stack'
import { applyMigrations } from '../indexer/store/dataSource'
import { allChains, networks } from '../indexer/registry'
import type { Dataset } from './dataset'
import { peakRss, round, seconds } from './measure'
import { runPonder, type PonderResult } from './ponder'
import { familyOf, sourceLimitPerChain, SOURCE_WINDOW, type ChainFamily, type ChainSourceResult } from './source-limit'

/** One chain family's share of the run (chains of a family run side by side with every other chain). */
export interface FamilyResult {
  chains: string[]
  events: number
  blocks: number
  /** rows the indexer left for the family's chains (tables with a chain or network column) */
  rows: number
  /** until the family's last indexer exited (all chains started together) */
  indexerSeconds: number
  /** until the family's last raw download finished (all chains started together) */
  sourceSeconds: number
  /** the COPY time of all rows apportioned to the family by its share of the attributed rows */
  copySeconds: number
  eventsPerSecond: number
  blocksPerSecond: number
  ingestOverSource: number
  ingestOverCopy: number
}

export interface IngestResult {
  indexer: { quarantined: number; seconds: number; eventsPerSecond: number; blocksPerSecond: number; rowsPerSecond: number; rowsWritten: number; peakRssMiB: number; perChain: { chain: string; family: ChainFamily; seconds: number; peakRssMiB: number }[] }
  /**
   * `logs`, `logsPerSecond`: the EVM chains' eth_getLogs (logsPerSecond over their own time); `seconds`: every chain;
   * `window`: the largest eth_getLogs window (blocks) of the EVM chains, each chain's is in perChain
   */
  source: { seconds: number; logs: number; logsPerSecond: number; window: number; perChain: ChainSourceResult[] }
  /** by chain family: EVM, Filecoin (Lotus), Akash (CometBFT), Helium (Solana) */
  families: Partial<Record<ChainFamily, FamilyResult>>
  copy: { seconds: number; rows: number; rowsPerSecond: number; tables: number }
  /** the same indexer with the ORM's multi-row INSERT instead of COPY (INDEXER_BULK_COPY=false), before the main run */
  before?: { seconds: number; eventsPerSecond: number; ingestOverCopy: number; ingestOverSource: number; speedup: number }
  ponder?: PonderResult & { eventsPerSecond: number }
  ponderError?: string
  storage: { bytes: number; bytesPerMillionEvents: number }
  /** ingestOverPonder: the EVM chains' events/s (families.evm) over Ponder's on the same EVM logs */
  ratios: { ingestOverCopy: number; ingestOverSource: number; ingestOverPonder?: number }
}

/** The source limit of every chain (bench/source-limit.ts), chains side by side (as the indexers run). */
export async function sourceLimit(ds: Dataset): Promise<IngestResult['source']> {
  const { seconds: s, perChain } = await sourceLimitPerChain(ds)
  const evm = perChain.filter((c) => c.family === 'evm')
  const logs = evm.reduce((a, c) => a + c.items, 0)
  const evmSeconds = Math.max(...evm.map((c) => c.seconds))
  return { seconds: round(s, 3), logs, logsPerSecond: Math.round(logs / evmSeconds), window: Math.max(...evm.map((c) => c.window ?? SOURCE_WINDOW)), perChain }
}

/** The indexer from an empty database to every chain's head: one child process per chain (EVM and non-EVM), side by side. */
export async function runIndexers(ds: Dataset, env: Record<string, string> = {}): Promise<{ seconds: number; peakRssMiB: number; perChain: IngestResult['indexer']['perChain'] }> {
  const t0 = process.hrtime.bigint()
  const perChain = await Promise.all(
    [...ds.chains, ...ds.sourceChains].map(async (c) => {
      const logFile = join(ds.dataDir, 'logs', `indexer-${c.chain.id}.log`)
      const idx = spawnIndexer({ databaseUrl: ds.db.url, logFile, env: { ...ds.config.env, ...env, INDEXER_CHAIN: c.chain.id, LOG_LEVEL: 'warn' } })
      const rss = peakRss(idx.child.pid!)
      const code = await idx.exited
      const peakRssMiB = rss.stop()
      if (code !== 0) throw new Error(`indexer of ${c.chain.id} exited with ${code}: see ${logFile}`)
      return { chain: c.chain.id, family: familyOf(c.chain), seconds: round(seconds(t0), 2), peakRssMiB }
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

/**
 * Checks the indexer's rows against the generators' counts, per chain: every EVM log is a raw event, price point
 * or quarantined log; every Filecoin actor event, Akash chain event and Helium instruction a raw event or a
 * quarantined one (the indexer's own rows, Filecoin state samples and Akash `indexer/*` rows, counted apart).
 * Returns the quarantined rows.
 */
async function checkStored(ds: Dataset, pool: pg.Pool): Promise<number> {
  const count = async (sql: string, params: unknown[]) => Number((await pool.query(sql, params)).rows[0].n)
  const evmIds = ds.chains.map((c) => c.chain.chainId)
  const raw = await count('SELECT count(*) AS n FROM raw_event WHERE chain_id = ANY($1)', [evmIds])
  // price points of logs that are not also raw events (Chainlink answers; DIMO's DCX rate events are both)
  const prices = await count('SELECT count(*) AS n FROM price_point p WHERE chain_id = ANY($1) AND NOT EXISTS (SELECT 1 FROM raw_event r WHERE r.id = p.id)', [evmIds])
  let quarantined = await count('SELECT count(*) AS n FROM quarantined_log WHERE chain_id = ANY($1)', [evmIds])
  if (raw + prices + quarantined !== ds.evmEvents) {
    throw new Error(`the indexer stored ${raw} raw events, ${prices} prices and quarantined ${quarantined} logs of the EVM chains; they have ${ds.evmEvents} logs`)
  }
  for (const c of ds.sourceChains) {
    const id = c.chain.chainId
    const own = c.kind === 'lotus' ? `name = 'state-sample'` : c.kind === 'cometbft' ? `name LIKE 'indexer/%'` : 'false'
    const events = await count(`SELECT count(*) AS n FROM raw_event WHERE chain_id = $1 AND NOT (${own})`, [id])
    const samples = await count(`SELECT count(*) AS n FROM raw_event WHERE chain_id = $1 AND ${own}`, [id])
    const q = await count('SELECT count(*) AS n FROM quarantined_log WHERE chain_id = $1', [id])
    if (events + q !== c.events) throw new Error(`${c.chain.name}: the indexer stored ${events} raw events and quarantined ${q}; the generator emitted ${c.events} events`)
    if (c.kind === 'lotus' && samples !== c.samples) throw new Error(`${c.chain.name}: the indexer stored ${samples} state samples; the range has ${c.samples} sample epochs`)
    quarantined += q
  }
  return quarantined
}

/** Rows of the indexer's tables by chain family: tables with a chain_id column by chain, with a network column by the network's chain. */
async function rowsByFamily(pool: pg.Pool, tables: string[]): Promise<{ byFamily: Partial<Record<ChainFamily, number>>; unattributed: number }> {
  const cols = (await pool.query(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' AND column_name IN ('chain_id', 'network') AND table_name = ANY($1)`, [tables])).rows as { table_name: string; column_name: string }[]
  const chainOfNetwork = new Map(networks.map((n) => [n.id, n.chain]))
  const byChainId = new Map(allChains.map((c) => [c.chainId, c]))
  const byFamily: Partial<Record<ChainFamily, number>> = {}
  let unattributed = 0
  for (const t of tables) {
    const has = (c: string) => cols.some((x) => x.table_name === t && x.column_name === c)
    if (has('chain_id')) {
      for (const r of (await pool.query(`SELECT chain_id AS k, count(*)::int AS n FROM ${t} GROUP BY 1`)).rows) {
        const chain = byChainId.get(Number(r.k))
        if (chain) byFamily[familyOf(chain)] = (byFamily[familyOf(chain)] ?? 0) + r.n
        else unattributed += r.n
      }
    } else if (has('network')) {
      for (const r of (await pool.query(`SELECT network AS k, count(*)::int AS n FROM ${t} GROUP BY 1`)).rows) {
        const chain = chainOfNetwork.get(r.k)
        if (chain) byFamily[familyOf(chain)] = (byFamily[familyOf(chain)] ?? 0) + r.n
        else unattributed += r.n
      }
    } else {
      unattributed += Number((await pool.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0].n)
    }
  }
  return { byFamily, unattributed }
}

export async function runIngest(ds: Dataset, opts: { ponder: boolean; before: boolean; indexerEnv?: Record<string, string> }): Promise<IngestResult> {
  const source = await sourceLimit(ds)
  if (source.logs !== ds.evmEvents) throw new Error(`eth_getLogs returned ${source.logs} logs, the EVM chains have ${ds.evmEvents}`)
  for (const c of ds.sourceChains) {
    const got = source.perChain.find((x) => x.chain === c.chain.id)!.items
    const want = c.kind === 'lotus' ? c.events : c.blocks
    if (got !== want) throw new Error(`${c.chain.name}: the raw download returned ${got} ${c.kind === 'lotus' ? 'actor events' : 'blocks'}, the dataset has ${want}`)
  }
  let beforeSeconds: number | undefined
  if (opts.before) {
    beforeSeconds = (await runIndexers(ds, { ...opts.indexerEnv, INDEXER_BULK_COPY: 'false' })).seconds
    await resetDatabase(ds)
  }
  const idx = await runIndexers(ds, opts.indexerEnv)
  const pool = new pg.Pool({ connectionString: ds.db.url, max: 2 })
  try {
    const tables = await indexerTables(pool)
    const quarantined = await checkStored(ds, pool)
    const rows = await rowsByFamily(pool, tables)
    const bytes = Number((await pool.query(`SELECT coalesce(sum(pg_total_relation_size(quote_ident(t))), 0)::bigint AS b FROM unnest($1::text[]) t`, [tables])).rows[0].b)
    const copy = await copyLimit(ds, pool, tables)
    let ponder: IngestResult['ponder']
    let ponderError: string | undefined
    if (opts.ponder) {
      try {
        const p = await runPonder(ds, { logFile: join(ds.dataDir, 'logs', 'ponder.log') })
        if (p.rows !== ds.evmEvents) throw new Error(`ponder stored ${p.rows} rows, the EVM chains have ${ds.evmEvents} logs`)
        ponder = { ...p, seconds: round(p.seconds, 2), rowsPerSecond: Math.round(p.rowsPerSecond), eventsPerSecond: Math.round(ds.evmEvents / p.seconds) }
      } catch (e) {
        ponderError = (e as Error).message
      }
    }
    const s = idx.seconds
    const rowsWritten = copy.rows
    const attributed = Object.values(rows.byFamily).reduce((a, b) => a + b, 0)
    const families: IngestResult['families'] = {}
    for (const family of [...new Set(idx.perChain.map((c) => c.family))]) {
      const chains = [...ds.chains.map((c) => ({ chain: c.chain, events: c.logs, blocks: c.head + 1 })), ...ds.sourceChains].filter((c) => familyOf(c.chain) === family)
      const indexerSeconds = Math.max(...idx.perChain.filter((c) => c.family === family).map((c) => c.seconds))
      const sourceSeconds = Math.max(...source.perChain.filter((c) => c.family === family).map((c) => c.seconds))
      const familyRows = rows.byFamily[family] ?? 0
      const copySeconds = attributed ? (copy.seconds * familyRows) / attributed : 0
      const events = chains.reduce((a, c) => a + c.events, 0)
      const blocks = chains.reduce((a, c) => a + c.blocks, 0)
      families[family] = {
        chains: chains.map((c) => c.chain.id), events, blocks, rows: familyRows, indexerSeconds: round(indexerSeconds, 2), sourceSeconds: round(sourceSeconds, 3),
        copySeconds: round(copySeconds, 3), eventsPerSecond: Math.round(events / indexerSeconds), blocksPerSecond: Math.round(blocks / indexerSeconds),
        ingestOverSource: round(sourceSeconds / indexerSeconds, 4), ingestOverCopy: round(copySeconds / indexerSeconds, 4),
      }
    }
    return {
      indexer: {
        seconds: round(s, 2), eventsPerSecond: Math.round(ds.events / s), blocksPerSecond: Math.round(ds.blocks / s), rowsPerSecond: Math.round(rowsWritten / s),
        quarantined, rowsWritten, peakRssMiB: idx.peakRssMiB, perChain: idx.perChain,
      },
      source,
      families,
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
        // like for like: Ponder indexes the EVM chains only, so the EVM family's events/s (its slowest chain's
        // finish, while the other chains' indexers share the machine) over Ponder's events/s on the same logs
        ...(ponder && families.evm ? { ingestOverPonder: round(families.evm.eventsPerSecond / (ds.evmEvents / ponder.seconds), 3) } : {}),
      },
    }
  } finally {
    await pool.end()
  }
}
