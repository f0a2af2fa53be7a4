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
import { runApi } from './api'
import { runDashboard } from './dashboard'
import { runExports } from './exports'
import { runIndexers, runIngest } from './ingest'
import { round } from './measure'
import { summary, type BenchResult } from './summary'

const root = resolve(import.meta.dirname, '..')
const WORKLOADS = ['ingest', 'api', 'exports', 'dashboard'] as const
type Workload = (typeof WORKLOADS)[number]

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

const opts = options()
const results: BenchResult[] = []
if (opts.hold && opts.sizes.length > 1) throw new Error('--hold keeps one dataset up: give one size')
for (const size of opts.attach ? [0] : opts.sizes) results.push(await benchSize(size, opts))
console.log(summary(results))
