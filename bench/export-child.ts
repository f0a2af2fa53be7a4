/**
 * One export in its own process (so that its peak RSS is its own): `tsx bench/export-child.ts <db url> <dataset> <format|copy>`.
 * Streams the dataset with the API's exportDataset (or, for "copy", PostgreSQL COPY (same query) TO STDOUT) into a
 * counting sink and prints {rows, bytes, seconds, peakRssMiB} as JSON.
 */
import { readFileSync } from 'node:fs'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { to as copyTo } from 'pg-copy-streams'
import { buildQuery, datasetById } from '../api/export/datasets'
import { exportDataset } from '../api/export/export'
import type { Format } from '../api/export/formats'

const [url, datasetId, format] = process.argv.slice(2)
const dataset = datasetById(datasetId)
if (!dataset) throw new Error(`unknown export dataset ${datasetId}`)
const pool = new pg.Pool({ connectionString: url, max: 1 })
let bytes = 0
const sink = () => new Writable({ write(chunk: Buffer, _e, cb) { bytes += chunk.length; cb() } })
const t0 = process.hrtime.bigint()
let rows: number
if (format === 'copy') {
  const q = buildQuery(dataset, {})
  if (q.values.length) throw new Error('COPY reference needs a query without parameters')
  const client = await pool.connect()
  try {
    const stream = client.query(copyTo(`COPY (${q.text}) TO STDOUT`))
    await pipeline(stream, sink())
    rows = Number(stream.rowCount)
  } finally {
    client.release()
  }
} else {
  rows = (await exportDataset(pool, { dataset, format: format as Format, filters: {} }, sink())).rows
}
const seconds = Number(process.hrtime.bigint() - t0) / 1e9
await pool.end()
const hwm = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1] ?? 0)
console.log(JSON.stringify({ rows, bytes, seconds, peakRssMiB: Math.round(hwm / 1024) }))
