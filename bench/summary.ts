/** The results of `npm run bench` (bench/results/<size>.json) and their markdown summary, one column per dataset. */
import type { ApiResult } from './api'
import type { DashboardResult } from './dashboard'
import type { ExportsResult } from './exports'
import type { IngestResult } from './ingest'
import { FAMILY_LABELS } from './source-limit'

export interface BenchResult {
  date: string
  commit: string
  command: string
  machine: { cpus: number; model: string; memoryGiB: number; node: string; loadAverageAtStart: number[]; loadAverageAtEnd?: number[] }
  /** chains: every chain (EVM and the non-EVM sources), with its family and generation time */
  dataset: { label: string; targetEvents: number; events: number; blocks: number; chains: { chain: string; blocks: number; events: number; family?: string; generationSeconds?: number }[]; days: number; density: number; blockSeconds: number; generationSeconds: number }
  ingest?: IngestResult
  api?: ApiResult
  exports?: ExportsResult
  dashboard?: DashboardResult
  errors: Record<string, string>
  seconds: number
  /** workloads measured later on the same held dataset (--attach), each with its own commit, date and load */
  attached?: { date: string; commit: string; command: string; workloads: string[]; loadAverageAtStart: number[]; loadAverageAtEnd: number[]; seconds: number }[]
}

const fmt = (n: number | undefined, d = 0) => (n == null || Number.isNaN(n) ? '–' : n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d }))

function apiRows(results: BenchResult[]): [string, (r: BenchResult) => string][] {
  const names = [...new Set(results.flatMap((r) => Object.keys(r.api?.queries ?? {})))]
  const cell = (f?: { p50: number; p95: number; p99: number; requestsPerSecond: number }, err?: string) =>
    f ? `p50/p95/p99 ${fmt(f.p50, 1)}/${fmt(f.p95, 1)}/${fmt(f.p99, 1)} ms, ${fmt(f.requestsPerSecond)} req/s` : (err ?? '–')
  return names.flatMap((n) => [
    [`API ${n}: project`, (r: BenchResult) => cell(r.api?.queries[n]?.project, r.api?.queries[n]?.projectError ?? r.errors.api)],
    ...(results.some((r) => r.api?.queries[n]?.openreader || r.api?.queries[n]?.openreaderError)
      ? [[`API ${n}: OpenReader`, (r: BenchResult) => cell(r.api?.queries[n]?.openreader, r.api?.queries[n]?.openreaderError)] as [string, (r: BenchResult) => string]]
      : []),
  ] as [string, (r: BenchResult) => string][])
}

function scanCell(r: BenchResult, who: 'project' | 'openreader'): string {
  const s = r.api?.scan[who]
  return s ? `${fmt(s.rowsPerSecond)} rows/s, page p50/p95 ${fmt(s.pageP50, 1)}/${fmt(s.pageP95, 1)} ms` : (r.api?.scan[`${who}Error`] ?? '–')
}

function exportRows(results: BenchResult[]): [string, (r: BenchResult) => string][] {
  const keys = [...new Set(results.flatMap((r) => Object.entries(r.exports ?? {}).flatMap(([d, fs]) => Object.keys(fs).map((f) => `${d}.${f}`))))]
  return keys.map((k) => [`export ${k}`, (r: BenchResult) => {
    const [d, f] = k.split('.')
    const x = r.exports?.[d]?.[f]
    return x ? `${fmt(x.mbPerSecond, 1)} MB/s, ${fmt(x.rowsPerSecond)} rows/s (${fmt(x.rows)} rows), RSS ${x.peakRssMiB} MiB${x.overCopy != null ? `, ×${fmt(x.overCopy, 2)} COPY's time` : ''}` : (r.errors.exports ?? '–')
  }])
}

function chartRows(results: BenchResult[]): [string, (r: BenchResult) => string][] {
  const names = [...new Set(results.flatMap((r) => Object.keys(r.dashboard?.firstChart ?? {})))]
  return names.map((n) => [`first chart painted: ${n}`, (r: BenchResult) => {
    const c = r.dashboard?.firstChart[n]
    return c ? `median ${fmt(c.medianMs)} ms (max ${fmt(c.maxMs)}, ${c.runs} runs)` : '–'
  }])
}

function familyRows(results: BenchResult[]): [string, (r: BenchResult) => string][] {
  const families = [...new Set(results.flatMap((r) => Object.keys(r.ingest?.families ?? {})))] as (keyof typeof FAMILY_LABELS)[]
  return families.map((f) => [`${FAMILY_LABELS[f]}: indexer, ingest/source, ingest/COPY`, (r: BenchResult) => {
    const x = r.ingest?.families?.[f]
    return x ? `${fmt(x.events)} events, ${fmt(x.blocks)} blocks: ${fmt(x.indexerSeconds, 1)} s (${fmt(x.eventsPerSecond)} ev/s); source ${fmt(x.sourceSeconds, 2)} s: ${fmt(x.ingestOverSource, 3)}; COPY ${fmt(x.copySeconds, 2)} s: ${fmt(x.ingestOverCopy, 3)}` : '–'
  }])
}

export function summary(results: BenchResult[]): string {
  const r0 = results[0]
  const col = (f: (r: BenchResult) => string) => results.map(f).join(' | ')
  const rows: [string, (r: BenchResult) => string][] = [
    ['run: date, commit, load average start–end', (r) => `${r.date.slice(0, 16).replace('T', ' ')} UTC, ${r.commit}, ${r.machine.loadAverageAtStart[0]}–${r.machine.loadAverageAtEnd?.[0] ?? '?'}`],
    ...(results.some((r) => r.attached?.length)
      ? [['later runs on the held dataset (--attach)', (r: BenchResult) => (r.attached ?? []).map((a) => `${a.workloads.join(', ')}: ${a.date.slice(0, 16).replace('T', ' ')} UTC, ${a.commit}, load ${a.loadAverageAtStart[0]}–${a.loadAverageAtEnd[0]}`).join('; ') || '–'] as [string, (r: BenchResult) => string]]
      : []),
    ['events (blocks)', (r) => `${fmt(r.dataset.events)} (${fmt(r.dataset.blocks)})`],
    ['generation', (r) => `${fmt(r.dataset.generationSeconds, 1)} s (density ${r.dataset.density})`],
    ['indexer, empty DB → head', (r) => (r.ingest ? `${fmt(r.ingest.indexer.seconds, 1)} s: ${fmt(r.ingest.indexer.eventsPerSecond)} ev/s, ${fmt(r.ingest.indexer.blocksPerSecond)} blocks/s, RSS ${r.ingest.indexer.peakRssMiB} MiB` : '–')],
    ['before: ORM INSERT (INDEXER_BULK_COPY=false)', (r) => (r.ingest?.before ? `${fmt(r.ingest.before.seconds, 1)} s: ${fmt(r.ingest.before.eventsPerSecond)} ev/s; ingest/COPY ${fmt(r.ingest.before.ingestOverCopy, 3)}, ingest/source ${fmt(r.ingest.before.ingestOverSource, 3)}; COPY insert ×${fmt(r.ingest.before.speedup, 2)}` : '–')],
    ['source limit (all chains; EVM eth_getLogs logs/s)', (r) => (r.ingest ? `${fmt(r.ingest.source.seconds, 2)} s; EVM ${fmt(r.ingest.source.logsPerSecond)} logs/s` : '–')],
    ['physical limit (COPY)', (r) => (r.ingest ? `${fmt(r.ingest.copy.seconds, 2)} s: ${fmt(r.ingest.copy.rowsPerSecond)} rows/s (${fmt(r.ingest.copy.rows)} rows)` : '–')],
    ['Ponder', (r) => (r.ingest?.ponder ? `${fmt(r.ingest.ponder.seconds, 1)} s: ${fmt(r.ingest.ponder.eventsPerSecond)} ev/s, RSS ${r.ingest.ponder.peakRssMiB} MiB` : (r.errors.ponder ?? '–'))],
    ['**ingest / COPY**', (r) => fmt(r.ingest?.ratios.ingestOverCopy, 3)],
    ['**ingest / source**', (r) => fmt(r.ingest?.ratios.ingestOverSource, 3)],
    ['**ingest / Ponder**', (r) => fmt(r.ingest?.ratios.ingestOverPonder, 2)],
    ...familyRows(results),
    ['storage per million events', (r) => (r.ingest ? `${fmt(r.ingest.storage.bytesPerMillionEvents / 2 ** 20)} MiB` : '–')],
    ...apiRows(results),
    ['scan (rawEventsConnection, 1000/page): project', (r) => scanCell(r, 'project')],
    ['scan: OpenReader', (r) => scanCell(r, 'openreader')],
    ...exportRows(results),
    ['bundle: initial JS gzip (lazy JS gzip)', (r) => (r.dashboard ? `${fmt(r.dashboard.bundle.initialJsGzipKB, 1)} kB (${fmt(r.dashboard.bundle.lazyJsGzipKB, 1)} kB)` : (r.errors.dashboard ?? '–'))],
    ...chartRows(results),
  ]
  return [
    // each column's commit and load are in its "run" row
    `machine: ${r0.machine.cpus} × ${r0.machine.model}, ${r0.machine.memoryGiB} GiB, Node ${r0.machine.node}`,
    '',
    `| figure | ${col((r) => r.dataset.label)} |`,
    `|---|${col(() => '---')}|`,
    ...rows.map(([name, f]) => `| ${name} | ${col(f)} |`),
  ].join('\n')
}
