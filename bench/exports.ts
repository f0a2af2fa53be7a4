/**
 * Export benchmark: the API's streaming exports (api/export: Arrow, CSV, Parquet from a server-side cursor) of the
 * raw events and the normalized facts, each in its own process, against PostgreSQL `COPY (same query) TO STDOUT`
 * of the same rows: MB/s, rows/s, and the exporter's peak RSS (which must not grow with the row count).
 */
import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import type { Dataset } from './dataset'
import { round } from './measure'

const root = resolve(import.meta.dirname, '..')

export interface ExportFigures {
  rows: number
  bytes: number
  seconds: number
  rowsPerSecond: number
  mbPerSecond: number
  peakRssMiB: number
  /** exporter time / COPY TO time for the same rows */
  overCopy?: number
}

export type ExportsResult = Record<string, Record<string, ExportFigures>>

async function one(url: string, dataset: string, format: string): Promise<ExportFigures> {
  const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/export-child.ts', url, dataset, format], { cwd: root, maxBuffer: 2 ** 20 })
  const r = JSON.parse(stdout.trim().split('\n').pop()!) as { rows: number; bytes: number; seconds: number; peakRssMiB: number }
  return { ...r, seconds: round(r.seconds, 3), rowsPerSecond: Math.round(r.rows / r.seconds), mbPerSecond: round(r.bytes / 1e6 / r.seconds, 1) }
}

export async function runExports(ds: Dataset, datasets = ['raw_events', 'events']): Promise<ExportsResult> {
  const out: ExportsResult = {}
  for (const d of datasets) {
    const copy = await one(ds.db.url, d, 'copy')
    out[d] = { copy }
    for (const f of ['csv', 'arrow', 'parquet']) {
      const r = await one(ds.db.url, d, f)
      if (r.rows !== copy.rows) throw new Error(`${d}.${f} exported ${r.rows} rows, COPY ${copy.rows}`)
      out[d][f] = { ...r, overCopy: round(r.seconds / copy.seconds, 2) }
    }
  }
  return out
}
