/**
 * Streams a dataset out of Postgres in constant memory, in one REPEATABLE READ, READ ONLY transaction (a
 * consistent snapshot): CSV as PostgreSQL's COPY writes it; Arrow and Parquet from a server-side cursor
 * (pg-query-stream, values as text), rows gathered into Arrow record batches, each batch encoded (Arrow IPC, or
 * Parquet by arrow-rs in WebAssembly) and written with backpressure. Usable without HTTP (bench/): exportDataset(pool, request, out).
 */
import { Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { RecordBatch } from 'apache-arrow'
import type pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import QueryStream from 'pg-query-stream'
import { buildQuery, type Dataset, type ExportFilters } from './datasets'
import { arrowSchema, encode, PARQUET_ROW_GROUP_ROWS, recordBatch, type Format } from './formats'

export interface ExportRequest {
  dataset: Dataset
  format: Format
  filters: ExportFilters
}

export interface ExportOptions {
  /** rows per encoded batch (Arrow record batch, Parquet row group; CSV comes as COPY sends it) */
  batchRows?: number
  /** rows per cursor fetch */
  fetchRows?: number
}

export interface ExportStats {
  rows: number
  bytes: number
}

export const defaultBatchRows: Record<Exclude<Format, 'csv'>, number> = { arrow: 10_000, parquet: PARQUET_ROW_GROUP_ROWS }

export interface OpenExport {
  /** the encoded file, chunk by chunk; stats are final once it is exhausted */
  chunks: AsyncGenerator<Uint8Array>
  stats: ExportStats
  /**
   * gives the connection back if the chunks were not read to the end (idempotent). Call it once the
   * consumer is done: a generator that was never started does not run its cleanup on return()
   */
  close(): void
}

/** every value as the text PostgreSQL sends: each column is converted once, by kind, in the encoder's batch */
const RAW_TEXT = { getTypeParser: () => (v: string) => v }

/**
 * Opens the export and reads its first bytes before returning, so that a failing query (timeout, lost database) is
 * reported before anything is sent. Always exhaust or `return()` the generator: it holds a pooled connection until
 * then. CSV is PostgreSQL's own `COPY (SELECT ...) TO STDOUT (FORMAT csv)` passed through; Arrow and Parquet read a
 * server-side cursor in array row mode with the values as text.
 */
export async function openExport(pool: pg.Pool, req: ExportRequest, opts: ExportOptions = {}): Promise<OpenExport> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    return req.format === 'csv' ? await openCopy(client, req) : await openCursor(client, { ...req, format: req.format }, opts)
  } catch (e) {
    client.release(true)
    throw e
  }
}

/** What both readers share: release the connection once (broken unless the export ended well), and the stats. */
function lifecycle(client: pg.PoolClient, stream: { destroy(): void }) {
  let released = false
  return (ok: boolean) => {
    if (released) return
    released = true
    if (!ok) stream.destroy()
    client.release(ok ? undefined : true)
  }
}

/**
 * CSV: COPY of the same SELECT (filters inlined as escaped literals: COPY takes no parameters), its bytes passed on
 * as they come. A COPY is one statement for the whole file, so the API's statement timeout, meant for queries, is
 * lifted for it; first the query's first row is read under that timeout (the same SELECT with LIMIT 1, in the same
 * transaction: it also takes the locks the COPY needs), so a query that cannot start in time (a lock, a plan that
 * sorts everything) is still cancelled and answered 503 before anything is sent.
 */
async function openCopy(client: pg.PoolClient, req: ExportRequest): Promise<OpenExport> {
  const probe = buildQuery(req.dataset, req.filters, { wire: 'csv' })
  await client.query(`${probe.text} LIMIT 1`, probe.values)
  await client.query('SET LOCAL statement_timeout = 0')
  const query = buildQuery(req.dataset, req.filters, { wire: 'csv', literal: (v) => client.escapeLiteral(v) })
  const stream = client.query(copyTo(`COPY (${query.text}) TO STDOUT WITH (FORMAT csv, HEADER true)`))
  const reader = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  let first: IteratorResult<Buffer>
  try {
    first = await reader.next()
  } catch (e) {
    stream.destroy()
    throw e
  }
  const release = lifecycle(client, stream)
  const stats: ExportStats = { rows: 0, bytes: 0 }
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let ok = false
    try {
      for (let r = first; !r.done; r = await reader.next()) {
        stats.bytes += r.value.byteLength
        yield r.value
      }
      stats.rows = Number(stream.rowCount)
      await client.query('COMMIT')
      ok = true
    } finally {
      release(ok)
    }
  }
  return { chunks: chunks(), stats, close: () => release(false) }
}

/** Arrow and Parquet: a server-side cursor, rows as arrays of text, gathered into Arrow record batches, encoded. */
async function openCursor(client: pg.PoolClient, req: ExportRequest & { format: 'arrow' | 'parquet' }, opts: ExportOptions): Promise<OpenExport> {
  const { dataset, format, filters } = req
  const batchRows = opts.batchRows ?? defaultBatchRows[format]
  const query = buildQuery(dataset, filters, { wire: 'typed' })
  const stream = client.query(new QueryStream(query.text, query.values, { batchSize: opts.fetchRows ?? 2000, rowMode: 'array', types: RAW_TEXT }))
  const rows = stream[Symbol.asyncIterator]() as AsyncIterator<(string | null)[]>
  let first: IteratorResult<(string | null)[]>
  try {
    first = await rows.next()
  } catch (e) {
    stream.destroy()
    throw e
  }
  const release = lifecycle(client, stream)
  const stats: ExportStats = { rows: 0, bytes: 0 }
  const columns = dataset.columns
  const schema = arrowSchema(columns)
  const width = columns.length
  async function* batches(): AsyncGenerator<RecordBatch> {
    let cols: (string | null)[][] = columns.map(() => [])
    let n = 0
    for (let r = first; !r.done; r = await rows.next()) {
      const row = r.value
      for (let j = 0; j < width; j++) cols[j].push(row[j])
      if (++n >= batchRows) {
        yield recordBatch(schema, columns, cols, n)
        stats.rows += n
        cols = columns.map(() => [])
        n = 0
      }
    }
    if (n > 0) {
      yield recordBatch(schema, columns, cols, n)
      stats.rows += n
    }
  }
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let ok = false
    try {
      for await (const part of encode(format, schema, batches())) {
        stats.bytes += part.byteLength
        yield part
      }
      await client.query('COMMIT')
      ok = true
    } finally {
      release(ok)
    }
  }
  return { chunks: chunks(), stats, close: () => release(false) }
}

/** Writes a whole export to `out` (a file, a socket, /dev/null) and resolves with its rows and bytes. */
export async function exportDataset(pool: pg.Pool, req: ExportRequest, out: Writable, opts: ExportOptions = {}): Promise<ExportStats> {
  const e = await openExport(pool, req, opts)
  try {
    await pipeline(Readable.from(e.chunks, { objectMode: false }), out)
  } finally {
    e.close()
  }
  return e.stats
}
