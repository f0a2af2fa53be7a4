/**
 * Streams a dataset out of Postgres in constant memory: a server-side cursor (pg-query-stream) in one
 * REPEATABLE READ, READ ONLY transaction (a consistent snapshot), rows gathered into batches, each batch
 * encoded and written with backpressure. Usable without HTTP (bench/): exportDataset(pool, request, out).
 */
import { Readable, type Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { formatUnits } from 'viem'
import type pg from 'pg'
import QueryStream from 'pg-query-stream'
import { buildQuery, type Dataset, type ExportFilters } from './datasets'
import { createEncoder, type Format } from './formats'

export interface ExportRequest {
  dataset: Dataset
  format: Format
  filters: ExportFilters
}

export interface ExportOptions {
  /** rows per encoded batch (Arrow record batch, Parquet row group, CSV chunk) */
  batchRows?: number
  /** rows per cursor fetch */
  fetchRows?: number
}

export interface ExportStats {
  rows: number
  bytes: number
}

export const defaultBatchRows: Record<Format, number> = { csv: 10_000, arrow: 10_000, parquet: 16_384 }

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
 * Opens the cursor and reads the first rows before returning, so that a failing query (timeout, lost
 * database) is reported before anything is sent. Always exhaust or `return()` the generator: it holds a
 * pooled connection until then.
 */
export async function openExport(pool: pg.Pool, req: ExportRequest, opts: ExportOptions = {}): Promise<OpenExport> {
  const { dataset, format, filters } = req
  const batchRows = opts.batchRows ?? defaultBatchRows[format]
  const query = buildQuery(dataset, filters)
  const client = await pool.connect()
  let stream: QueryStream | undefined
  let first: IteratorResult<Record<string, unknown>>
  let rows: AsyncIterator<Record<string, unknown>>
  try {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY')
    stream = client.query(new QueryStream(query.text, query.values, { batchSize: opts.fetchRows ?? 2000 }))
    rows = stream[Symbol.asyncIterator]()
    first = await rows.next()
  } catch (e) {
    stream?.destroy()
    client.release(true)
    throw e
  }
  let released = false
  const release = (ok: boolean) => {
    if (released) return
    released = true
    if (!ok) stream?.destroy()
    client.release(ok ? undefined : true)
  }
  const stats: ExportStats = { rows: 0, bytes: 0 }
  const columns = dataset.columns
  const scaled = columns.findIndex((c) => c.name === 'amount_decimal')
  const decimalsAt = columns.findIndex((c) => c.name === 'decimals')
  async function* chunks(): AsyncGenerator<Uint8Array> {
    let ok = false
    try {
      const encoder = createEncoder(format, columns)
      const emit = function* (parts: Uint8Array[]) {
        for (const p of parts) {
          stats.bytes += p.byteLength
          yield p
        }
      }
      yield* emit(encoder.start())
      let cols: unknown[][] = columns.map(() => [])
      let n = 0
      const flush = async function* () {
        if (scaled >= 0) cols[scaled] = cols[scaled].map((v, i) => (v == null ? null : formatUnits(BigInt(v as string), cols[decimalsAt][i] as number)))
        yield* emit(await encoder.batch(cols, n))
        stats.rows += n
        cols = columns.map(() => [])
        n = 0
      }
      for (let r = first; !r.done; r = await rows.next()) {
        const row = r.value
        for (let j = 0; j < columns.length; j++) cols[j].push(row[columns[j].name] ?? null)
        if (++n >= batchRows) yield* flush()
      }
      if (n > 0) yield* flush()
      yield* emit(encoder.end())
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
