/**
 * Child process of the constant-memory test: runs one export (the same function the HTTP route uses) into a
 * byte-counting sink and prints rows, bytes, time and the process's peak RSS as JSON.
 * Usage: tsx test/helpers/export-rss.ts <database url> <network> <csv|arrow|parquet> [dataset]
 */
import { Writable } from 'node:stream'
import { createApiPool } from '../../api/db-role'
import { datasetById } from '../../api/export/datasets'
import { exportDataset } from '../../api/export/export'
import type { Format } from '../../api/export/formats'

const [url, network, format, dataset = 'events'] = process.argv.slice(2)
const pool = createApiPool(url, { statementTimeoutMs: 300_000, max: 1 }) // a memory test, not a timeout test: a busy machine may be slow
const sink = new Writable({ write: (_chunk, _enc, cb) => setImmediate(cb) })
let peakHeap = 0
const sample = setInterval(() => { peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed) }, 5)
const t0 = Date.now()
const stats = await exportDataset(pool, { dataset: datasetById(dataset)!, format: format as Format, filters: { networks: [network] } }, sink)
clearInterval(sample)
await pool.end()
console.log(JSON.stringify({ ...stats, ms: Date.now() - t0, maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024), peakHeapMb: Math.round(peakHeap / 2 ** 20) }))
