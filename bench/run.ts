/**
 * `npm run bench`: every benchmark on datasets of the chosen sizes, each figure next to its reference measured in
 * the same run. Results: bench/results/<size>.json (one file per size) and a markdown summary on stdout.
 *
 *   npm run bench                       100k and 1m events, every workload
 *   npm run bench -- --quick            50k events, every workload (under 5 minutes on 2 cores)
 *   npm run bench -- --sizes 100k,1m,10m
 *   npm run bench -- --events 3000 --only ingest --no-ponder --no-before --out /tmp/x   (the smoke test in npm test)
 *   npm run bench -- --sizes 10m --only ingest --no-ponder --hold /tmp/10m.json   (then keeps the dataset up)
 *   npm run bench -- --attach /tmp/10m.json --only api,exports,dashboard            (adds figures to that run's file)
 */
import { execSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import { buildDataset, type Dataset } from './dataset'
import { attachDataset, writeHoldInfo, type HoldInfo } from './held'
import { runApi, type ApiResult } from './api'
import { runDashboard, type DashboardResult } from './dashboard'
import { runExports, type ExportsResult } from './exports'
import { runIndexers, runIngest, type IngestResult } from './ingest'
import { round } from './measure'
import { FAMILY_LABELS } from './source-limit'

const root = resolve(import.meta.dirname, '..')
const WORKLOADS = ['ingest', 'api', 'exports', 'dashboard'] as const
type Workload = (typeof WORKLOADS)[number]

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

function parseSize(s: string): number {
  const m = /^(\d+(?:\.\d+)?)([km]?)$/i.exec(s.trim())
  if (!m) throw new Error(`--sizes: "${s}" is not a size like 5000, 100k, 1m or 10m`)
  return Math.round(Number(m[1]) * (m[2].toLowerCase() === 'k' ? 1e3 : m[2].toLowerCase() === 'm' ? 1e6 : 1))
}
const labelOf = (n: number) => (n >= 1e6 && n % 1e6 === 0 ? `${n / 1e6}m` : n >= 1e3 && n % 1e3 === 0 ? `${n / 1e3}k` : String(n))

function options() {
  const { values } = parseArgs({
    options: {
      quick: { type: 'boolean', default: false },
      sizes: { type: 'string' },
      events: { type: 'string' },
      only: { type: 'string' },
      'no-ponder': { type: 'boolean', default: false },
      'no-before': { type: 'boolean', default: false },
      out: { type: 'string' },
      hold: { type: 'string' },
      attach: { type: 'string' },
    },
  })
  if (values.hold && values.attach) throw new Error('--hold and --attach exclude each other')
  const sizes = values.events ? [parseSize(values.events)] : values.sizes ? values.sizes.split(',').map(parseSize) : values.quick ? [50_000] : [100_000, 1_000_000]
  const only = values.only ? (values.only.split(',') as Workload[]) : [...WORKLOADS]
  for (const w of only) if (!WORKLOADS.includes(w)) throw new Error(`--only: unknown workload "${w}"; known: ${WORKLOADS.join(', ')}`)
  return { sizes, only, quick: values.quick!, ponder: !values['no-ponder'], before: !values['no-before'], out: resolve(values.out ?? join(root, 'bench/results')), hold: values.hold && resolve(values.hold), attach: values.attach && resolve(values.attach) }
}

async function benchSize(events: number, opts: ReturnType<typeof options>): Promise<BenchResult> {
  const t0 = Date.now()
  const commit = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim()
  const dirty = execSync('git status --porcelain -- . ":!bench/results"', { cwd: root }).toString().trim() ? '+dirty' : ''
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim()
  let ds: Dataset
  let held: HoldInfo | undefined
  let label = labelOf(events)
  const log = (m: string) => process.stderr.write(`[bench ${label}] ${m}\n`)
  if (opts.attach) {
    ;({ ds, info: held } = await attachDataset(opts.attach))
    label = held.label
    log(`attached to the dataset held since ${held.date} (commit ${held.commit}): ${ds.events} events, ${ds.db.url}`)
  } else {
    log('generating the dataset')
    let lastProgress = 0
    ds = await buildDataset({ events }, (m) => {
      if (Date.now() - lastProgress > 10_000) (lastProgress = Date.now()), log(m)
    })
  }
  const resultFile = join(opts.out, `${label}.json`)
  // an attached run adds its workloads to the held run's results (same dataset), keeping that run's ingest figures
  const previous = held && existsSync(resultFile) ? (JSON.parse(readFileSync(resultFile, 'utf8')) as BenchResult) : undefined
  const sameRun = previous && previous.date === held!.date
  const result: BenchResult = sameRun
    ? previous
    : {
        date: held?.date ?? new Date().toISOString(), commit: held ? held.commit : commit + dirty, command,
        machine: { cpus: cpus().length, model: cpus()[0]?.model.trim() ?? '?', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, loadAverageAtStart: loadavg().map((x) => round(x, 2)) },
        dataset: {
          label, targetEvents: ds.spec.events, events: ds.events, blocks: ds.blocks, chains: [
            ...ds.chains.map((c) => ({ chain: c.chain.id, blocks: c.head + 1, events: c.logs, family: 'evm', generationSeconds: c.generationSeconds })),
            ...ds.sourceChains.map((c) => ({ chain: c.chain.id, blocks: c.blocks, events: c.events, family: c.kind, generationSeconds: c.generationSeconds })),
          ],
          days: ds.spec.days, density: ds.spec.density, blockSeconds: ds.spec.blockSeconds, generationSeconds: round(ds.generationSeconds, 1),
        },
        errors: {},
        seconds: 0,
      }
  const attachedAt = { start: Date.now(), load: loadavg().map((x) => round(x, 2)) }
  if (!held) log(`dataset: ${ds.events} events in ${ds.blocks} blocks, generated in ${result.dataset.generationSeconds} s`)
  const write = () => {
    mkdirSync(opts.out, { recursive: true })
    writeFileSync(resultFile, JSON.stringify(result, null, 2) + '\n')
  }
  try {
    if (opts.only.includes('ingest')) {
      if (held) throw new Error('--attach: the held dataset is already indexed; ingest is measured by the --hold run')
      log('ingest: source limit, indexer, COPY' + (opts.ponder ? ', Ponder' : ''))
      result.ingest = await runIngest(ds, { ponder: opts.ponder, before: opts.before })
      if (result.ingest.ponderError) result.errors.ponder = result.ingest.ponderError
    } else if (!held && opts.only.some((w) => w !== 'ingest')) {
      log('indexing (not timed)')
      await runIndexers(ds)
    }
    // the API and the dashboard read what the indexer wrote
    if (opts.only.includes('api')) {
      log('api: autocannon vs the project API and OpenReader')
      try {
        result.api = await runApi(ds, { durationSeconds: opts.quick ? 5 : 10, connections: 10 })
        delete result.errors.api
      } catch (e) {
        result.errors.api = (e as Error).message
      }
    }
    if (opts.only.includes('exports')) {
      log('exports: Arrow, CSV, Parquet vs COPY TO')
      try {
        result.exports = await runExports(ds)
        delete result.errors.exports
      } catch (e) {
        result.errors.exports = (e as Error).message
      }
    }
    if (opts.only.includes('dashboard')) {
      log('dashboard: bundle, first chart in Chromium')
      try {
        result.dashboard = await runDashboard(ds, { runs: opts.quick ? 3 : 5 })
        delete result.errors.dashboard
      } catch (e) {
        result.errors.dashboard = (e as Error).message
      }
    }
    if (held) {
      const end = loadavg().map((x) => round(x, 2))
      ;(result.attached ??= []).push({ date: new Date(attachedAt.start).toISOString(), commit: commit + dirty, command, workloads: opts.only, loadAverageAtStart: attachedAt.load, loadAverageAtEnd: end, seconds: round((Date.now() - attachedAt.start) / 1000, 1) })
    } else {
      result.machine.loadAverageAtEnd = loadavg().map((x) => round(x, 2))
      result.seconds = round((Date.now() - t0) / 1000, 1)
    }
    write()
    if (opts.hold) {
      writeHoldInfo(opts.hold, ds, { label, date: result.date, commit: result.commit })
      log(`holding the dataset (database ${ds.db.url}); measure more with: npm run bench -- --attach ${opts.hold} --only api,exports,dashboard; stop with Ctrl-C`)
      // `on`, not `once`: a terminal's Ctrl-C reaches this process twice (directly and relayed by tsx), and a
      // second signal without a handler would end it before the dataset is stopped
      await new Promise<void>((resolve) => {
        for (const s of ['SIGINT', 'SIGTERM'] as const) process.on(s, () => resolve())
      })
      log('stopping the held dataset')
    }
  } finally {
    await ds.stop()
  }
  return result
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

function summary(results: BenchResult[]): string {
  const r0 = results[0]
  const col = (f: (r: BenchResult) => string) => results.map(f).join(' | ')
  const rows: [string, (r: BenchResult) => string][] = [
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
    `machine: ${r0.machine.cpus} × ${r0.machine.model}, ${r0.machine.memoryGiB} GiB, Node ${r0.machine.node}; commit ${r0.commit}; load average ${r0.machine.loadAverageAtStart.join(' ')}`,
    '',
    `| figure | ${col((r) => r.dataset.label)} |`,
    `|---|${col(() => '---')}|`,
    ...rows.map(([name, f]) => `| ${name} | ${col(f)} |`),
  ].join('\n')
}

const opts = options()
const results: BenchResult[] = []
if (opts.hold && opts.sizes.length > 1) throw new Error('--hold keeps one dataset up: give one size')
for (const size of opts.attach ? [0] : opts.sizes) results.push(await benchSize(size, opts))
console.log(summary(results))
