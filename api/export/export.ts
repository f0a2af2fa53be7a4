/**
 * Streams a dataset out of Postgres in constant memory, in one REPEATABLE READ, READ ONLY transaction (a
 * consistent snapshot), always as one `COPY (SELECT ...) TO STDOUT`: CSV is PostgreSQL's own CSV passed through;
 * Arrow and Parquet read the binary COPY of the same SELECT straight into Arrow record batches (copy-binary.ts),
 * each batch encoded (Arrow IPC, or Parquet by arrow-rs in WebAssembly) and written with backpressure. PostgreSQL
 * produces the next rows while a batch is encoded (the COPY stream is read ahead up to `readAheadBytes`). Usable
 * without HTTP (bench/): exportDataset(pool, request, out).
 */
import { Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { binaryCopyBatches } from './copy-binary'
import { buildQuery, type Dataset, type ExportFilters } from './datasets'
import { arrowSchema, encode, PARQUET_ROW_GROUP_ROWS, type Format } from './formats'

export interface ExportRequest {
  dataset: Dataset
  format: Format
  filters: ExportFilters
}

export interface ExportOptions {
  /** rows per encoded batch (Arrow record batch, Parquet row group; CSV comes as COPY sends it) */
  batchRows?: number
  /**
   * bytes of the COPY stream buffered ahead of the reader, so that PostgreSQL keeps producing while a batch is
   * encoded (more sits in the socket's buffers); default 8 MiB, about one batch of the widest dataset
   */
  readAheadBytes?: number
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

/**
 * Opens the export and reads its first bytes before returning, so that a failing query (timeout, lost database) is
 * reported before anything is sent. Always exhaust or `return()` the generator: it holds a pooled connection until
 * then.
 */
export async function openExport(pool: pg.Pool, req: ExportRequest, opts: ExportOptions = {}): Promise<OpenExport> {
  const client = await pool.connect()
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    return await openCopy(client, req, opts)
  } catch (e) {
    client.release(true)
    throw e
  }
}

/**
 * One COPY of the dataset's SELECT (filters inlined as escaped literals: COPY takes no parameters): CSV passed on
 * as it comes, or binary read into record batches and encoded. A COPY is one statement for the whole file, so the
 * API's statement timeout, meant for queries, is lifted for it; first the query's first row is read under that
 * timeout (the same SELECT with LIMIT 1, in the same transaction: it also takes the locks the COPY needs), so a
 * query that cannot start in time (a lock, a plan that sorts everything) is still cancelled and answered 503
 * before anything is sent.
 */
async function openCopy(client: pg.PoolClient, req: ExportRequest, opts: ExportOptions): Promise<OpenExport> {
  const { dataset, format, filters } = req
  const wire = format === 'csv' ? 'csv' : 'binary'
  const probe = buildQuery(dataset, filters, { wire })
  await client.query(`${probe.text} LIMIT 1`, probe.values)
  await client.query('SET LOCAL statement_timeout = 0')
  const query = buildQuery(dataset, filters, { wire, literal: (v) => client.escapeLiteral(v) })
  const stream = client.query(copyTo(`COPY (${query.text}) TO STDOUT WITH (${format === 'csv' ? 'FORMAT csv, HEADER true' : 'FORMAT binary'})`,
    { highWaterMark: opts.readAheadBytes ?? 8 * 2 ** 20 }))
  const reader = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  let first: IteratorResult<Buffer>
  try {
    first = await reader.next()
  } catch (e) {
    stream.destroy()
    throw e
  }
  let released = false
  const release = (ok: boolean) => {
    if (released) return
    released = true
    if (!ok) stream.destroy()
    client.release(ok ? undefined : true)
  }
  const stats: ExportStats = { rows: 0, bytes: 0 }
  async function* copied(): AsyncGenerator<Buffer> {
    for (let r = first; !r.done; r = await reader.next()) yield r.value
  }
  async function* encoded(): AsyncGenerator<Uint8Array> {
    if (format === 'csv') return yield* copied()
    const schema = arrowSchema(dataset.columns)
    const batches = binaryCopyBatches(copied(), schema, dataset.columns, opts.batchRows ?? defaultBatchRows[format])
    yield* encode(format, schema, batches)
  }
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let ok = false
    try {
      for await (const part of encoded()) {
        stats.bytes += part.byteLength
        yield part
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
