/**
 * `npm run soak -- --minutes N` (default 10): a bounded soak. Starts the whole stack on free ports in a fresh data
 * folder (embedded PostgreSQL, devnet with live blocks every SOAK_BLOCK_MS, one indexer per chain catching up on
 * SIM_DAYS of history and then following, the API in a process of its own: bench/soak-api.ts) while autocannon (in a child process, so that it does not share
 * the API's heap) drives the API with the dashboard's queries (overview, network page, status) for N minutes. The
 * indexers ingest for the whole window: the load starts as soon as the API answers (not after the catch-up), and the
 * live devnet makes a dense block every SOAK_BLOCK_MS (default 200 ms, SIM_DENSITY default 4: several times the
 * model's events per block). Samples the memory (RSS) of the API process and of every indexer each 10 s, and each
 * chain's height, head and lag (indexerStatus). Prints and writes bench/results/soak.json: requests, errors (non-2xx,
 * timeouts, GraphQL errors: must be 0), latency p50/p99, memory at start and end, its slope (MB/min, least squares
 * after the first minute) and a trend check (the lowest RSS of the last third of the window not above the lowest of
 * the middle third by more than 15 %: a leak raises the floor, a GC sawtooth does not), per chain the share of
 * samples in which it was ingesting (lag > 0 or height advanced), and raw events stored per second. Exit code 1 when
 * there are errors, the API's memory trend fails, or an indexer ingested in under half the samples (Filecoin, whose
 * devnet epochs are 30 s of the clock, is reported only).
 */
import { spawn } from 'node:child_process'
import { request as httpRequest } from 'node:http'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { loadConfig } from '../common/config'
import { startStack } from '../cli/stack'
import { chainById, isLotus } from '../indexer/registry'
import { freePort, freePortBlock } from '../test/helpers/ports'

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, connections: { type: 'string', default: '8' }, keep: { type: 'boolean', default: false } } })
const minutes = Number(values.minutes)
if (!(minutes > 0)) throw new Error(`--minutes: a positive number, got "${values.minutes}"`)
const root = resolve(import.meta.dirname, '..')

/** the dashboard's requests (dashboard/src/api.ts): overview, a network page, the status line */
const METRICS = `periodStart price marketCap fdv fees feesUsd protocolRevenueUsd incentivesUsd earningsUsd demandRewardsRatio7d demandRewardsRatio30d annualizedFeesUsd pf capacity capacityUnit activeLeases utilization activeProviders`
const COMMON = `networks { id name category chain chainId tokenSymbol feeAsset } categories { id name color networks { id name } } indexerStatus { chain chainId name height head lag lagSeconds timestamp }`
const queries = (ids: string[]) => [
  { query: `query Overview($limit: Int!) { ${COMMON} ${ids.map((id, i) => `m${i}: networkMetrics(network: "${id}", interval: DAY, limit: $limit) { ${METRICS} }`).join(' ')} }`, variables: { limit: 30 } },
  ...ids.map((id) => ({ query: `query NetworkPage($network: ID!, $limit: Int!) { ${COMMON} networkMetrics(network: $network, interval: DAY, limit: $limit) { ${METRICS} } }`, variables: { network: id, limit: 90 } })),
  { query: `{ indexerStatus { chain height head lag } }`, variables: {} },
]

const rssMb = (pid: number | undefined): number | null => {
  if (!pid) return null
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
    return m ? Number(m[1]) / 1024 : null
  } catch {
    return null
  }
}

/** least-squares slope of y over x */
function slope(points: [number, number][]): number {
  const n = points.length
  if (n < 2) return 0
  const mx = points.reduce((a, p) => a + p[0], 0) / n
  const my = points.reduce((a, p) => a + p[1], 0) / n
  const num = points.reduce((a, p) => a + (p[0] - mx) * (p[1] - my), 0)
  const den = points.reduce((a, p) => a + (p[0] - mx) ** 2, 0)
  return den === 0 ? 0 : num / den
}

const dataDir = mkdtempSync(join(tmpdir(), 'depin-soak-'))
chmodSync(dataDir, 0o755)
const env: NodeJS.ProcessEnv = {
  ...process.env, DATA_DIR: dataDir, PORT: String(await freePort()), EMBEDDED_PG_PORT: String(await freePort()),
  DEVNET_PORT: String(await freePortBlock()), DEVNET_CONTROL_PORT: String(await freePort()),
  SIM_DAYS: process.env.SIM_DAYS ?? '14', SIM_LIVE: 'true', SIM_BLOCK_TIME_MS: process.env.SOAK_BLOCK_MS ?? '200', SIM_DENSITY: process.env.SIM_DENSITY ?? '4', LOG_LEVEL: 'warn',
  // one client drives the load: the per-client rate limit would answer it with 429
  API_RATE_LIMIT_PER_MIN: '0',
}
const config = loadConfig(env)
console.log(`soak: ${minutes} min, data in ${dataDir}; starting the stack (${config.SIM_DAYS} days of history, density ${config.SIM_DENSITY}, a block every ${config.SIM_BLOCK_TIME_MS} ms per chain)`)
const loadAverage = () => loadavg().map((x) => Number(x.toFixed(2)))
const loadAtStart = loadAverage()
const t0 = Date.now()
const stack = await startStack(config, { onProgress: (m) => process.stdout.write(`\r${m.slice(0, 150).padEnd(150)}`) })
// the API under load runs in its own process (bench/soak-api.ts), as deployed; the stack's in-process one is stopped
await stack.api.stop()
const apiChild = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/soak-api.ts'), stack.db.url], { cwd: root, env: { ...env, PORT: String(await freePort()) }, stdio: ['ignore', 'pipe', 'inherit'] })
const apiUrl = await new Promise<string>((ok, fail) => {
  let out = ''
  apiChild.stdout.on('data', (d) => {
    out += d
    const m = /\{"url":"([^"]+)"\}/.exec(out)
    if (m) ok(m[1])
  })
  apiChild.once('exit', (code) => fail(new Error(`the soak's API exited with ${code}`)))
})
console.log(`\nstack up in ${((Date.now() - t0) / 1000).toFixed(1)} s: API ${apiUrl} (pid ${apiChild.pid})`)
const pool = new pg.Pool({ connectionString: stack.db.url, max: 1 })
/** one GraphQL request to the API: its data, or an Error with the answer's errors */
async function ask(q: { query: string; variables?: Record<string, unknown> }): Promise<{ status: number; errors?: unknown[]; data?: any }> {
  const r = await fetch(`${apiUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(q) })
  return { status: r.status, ...((await r.json()) as { errors?: unknown[]; data?: unknown }) }
}
// the networks as the dashboard gets them (the API's list), once the indexers have registered them: an empty list
// here made the overview query declare $limit without using it, a validation error on every second request
let networkIds: string[] = []
for (let i = 0; networkIds.length === 0; i++) {
  if (i === 120) throw new Error('soak: the API lists no networks after 60 s')
  if (i > 0) await new Promise((r) => setTimeout(r, 500))
  networkIds = ((await ask({ query: '{ networks { id } }' })).data?.networks ?? []).map((n: { id: string }) => n.id)
}
/** each chain's height, head and lag as the API reports them (indexerStatus: the stored cursor and the node's head) */
const chainStatus = async (): Promise<Record<string, { height: number | null; head: number | null; lag: number | null }>> => {
  const r = await ask({ query: '{ indexerStatus { chain height head lag } }' })
  return Object.fromEntries((r.data?.indexerStatus ?? []).map((c: { chain: string; height: number | null; head: number | null; lag: number | null }) => [c.chain, { height: c.height, head: c.head, lag: c.lag }]))
}
const rawEvents = async () => Number((await pool.query('SELECT count(*)::bigint AS n FROM raw_event')).rows[0].n)

type Sample = { t: number; load1: number; apiMb: number; indexersMb: Record<string, number | null>; chains: Awaited<ReturnType<typeof chainStatus>> }
const samples: Sample[] = []
const sample = async () => {
  samples.push({
    t: (Date.now() - t0) / 1000, load1: loadAverage()[0], apiMb: rssMb(apiChild.pid) ?? 0,
    indexersMb: Object.fromEntries([...stack.indexers].map(([chain, s]) => [chain, rssMb(s.pid)])), chains: await chainStatus().catch(() => ({})),
  })
}
const eventsAtStart = await rawEvents()
const loadT0 = Date.now()
await sample()
const sampler = setInterval(() => void sample().catch(() => {}), 10_000)

// GraphQL errors come back with HTTP 200: a checker asks every query once per 5 s and counts answers with `errors`
let graphqlErrors = 0
let checks = 0
const errorSamples: string[] = []
const qs = queries(networkIds)
// every request of the load is valid: checked once before the load starts, so that a broken request fails the soak
// at once instead of being counted as load
for (const q of qs) {
  const r = await ask(q)
  if (r.status !== 200 || r.errors) throw new Error(`soak: a load request fails before any load: ${r.status} ${JSON.stringify(r.errors).slice(0, 300)}\n${q.query.slice(0, 200)}`)
}
/**
 * One POST on a connection of its own: the checker asks every 5 s, which is also Node's keep-alive timeout, so a
 * pooled connection (fetch) was now and then reused just as the server closed it ("other side closed"), an error
 * of the client's connection reuse, not an answer of the API.
 */
function postFresh(url: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((ok, fail) => {
    const req = httpRequest(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (d) => (text += d))
      res.on('end', () => ok({ status: res.statusCode ?? 0, text }))
      res.on('error', fail)
    })
    req.on('error', fail)
    req.end(body)
  })
}
const errorKinds: Record<string, number> = {}
const failed = (kind: string, sample: string) => {
  graphqlErrors++
  errorKinds[kind] = (errorKinds[kind] ?? 0) + 1
  if (errorSamples.length < 10) errorSamples.push(sample.slice(0, 300))
}
let checking = false
const checker = setInterval(async () => {
  if (checking) return // one round at a time
  checking = true
  for (const q of qs) {
    checks++
    try {
      const r = await postFresh(`${apiUrl}/graphql`, JSON.stringify(q))
      const body = JSON.parse(r.text) as { errors?: { extensions?: { code?: string } }[] }
      if (r.status !== 200 || body.errors) failed(body.errors?.[0]?.extensions?.code ?? `HTTP ${r.status}`, `${r.status} ${JSON.stringify(body.errors ?? body)}`)
    } catch (e) {
      failed('transport', `${(e as Error).message} ${String((e as { cause?: unknown }).cause ?? '')}`)
    }
  }
  checking = false
}, 5000)

// autocannon in its own process (bench/soak-load.ts), with the dashboard's requests in rotation
const load = await new Promise<any>((ok, fail) => {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'bench/soak-load.ts'), apiUrl, String(Math.round(minutes * 60)), String(values.connections), JSON.stringify(qs)], {
    cwd: root, stdio: ['ignore', 'pipe', 'inherit'],
  })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.once('exit', (code) => (code === 0 ? ok(JSON.parse(out)) : fail(new Error(`autocannon exited with ${code}`))))
})
clearInterval(sampler)
clearInterval(checker)
// a round of the checker still in flight finishes before the figures are taken (and before the API stops: a round
// cut by the shutdown counted "connection refused" after the result in an earlier run)
while (checking) await new Promise((r) => setTimeout(r, 100))
await sample()
const eventsPerSecond = Number((((await rawEvents()) - eventsAtStart) / ((Date.now() - loadT0) / 1000)).toFixed(1))

/** memory trend: the floor (lowest RSS) of the last third of the window against the middle third's */
function trend(points: [number, number][]) {
  const third = Math.floor(points.length / 3)
  const floor = (xs: [number, number][]) => Math.min(...xs.map((p) => p[1]))
  if (third < 2) return { ok: true, note: 'too few samples' }
  const [middle, lastThird] = [floor(points.slice(third, 2 * third)), floor(points.slice(2 * third))]
  return { middleMinMb: Number(middle.toFixed(1)), lastMinMb: Number(lastThird.toFixed(1)), ok: lastThird <= middle * 1.15 }
}
/** per chain: samples in which it was ingesting (lag > 0, or its height moved since the previous sample) */
const ingesting = Object.fromEntries(Object.keys(samples.at(-1)!.chains).map((chain) => {
  let busy = 0
  let counted = 0
  for (let i = 1; i < samples.length; i++) {
    const [a, b] = [samples[i - 1].chains[chain], samples[i].chains[chain]]
    if (!b || b.height == null) continue
    counted++
    if ((b.lag ?? 0) > 0 || (a?.height != null && b.height > a.height)) busy++
  }
  return [chain, { samples: counted, ingesting: busy, share: counted ? Number((busy / counted).toFixed(2)) : 0 }]
}))

const first = samples[0]
const last = samples[samples.length - 1]
const warm = samples.filter((s) => s.t - first.t >= 60)
const perMin = (xs: [number, number][]) => Number((slope(xs) * 60).toFixed(2))
const result = {
  date: new Date().toISOString(),
  commit: process.env.SOAK_COMMIT ?? (await new Promise<string>((ok) => {
    const c = spawn('git', ['rev-parse', '--short', 'HEAD'], { cwd: root })
    let s = ''
    c.stdout.on('data', (d) => (s += d))
    c.once('exit', () => ok(s.trim()))
  })),
  machine: { cpus: cpus().length, cpu: cpus()[0]?.model, memGb: Math.round(totalmem() / 2 ** 30), node: process.version },
  minutes, connections: Number(values.connections), blockMs: config.SIM_BLOCK_TIME_MS, historyDays: config.SIM_DAYS, density: config.SIM_DENSITY,
  loadAverage: { start: loadAtStart, end: loadAverage(), max1m: Math.max(...samples.map((s) => s.load1)) },
  load: { ...load, graphqlChecks: checks, graphqlErrors, errorKinds, errorSamples },
  // autocannon counts timeouts among its errors
  errors: load.errors + load.non2xx + graphqlErrors,
  memory: {
    apiMb: { start: Number(first.apiMb.toFixed(1)), end: Number(last.apiMb.toFixed(1)), slopeMbPerMin: perMin(warm.map((s) => [s.t, s.apiMb])), trend: trend(warm.map((s) => [s.t, s.apiMb])) },
    indexersMb: Object.fromEntries(Object.keys(last.indexersMb).map((c) => [c, {
      start: Number((first.indexersMb[c] ?? 0).toFixed(1)), end: Number((last.indexersMb[c] ?? 0).toFixed(1)),
      slopeMbPerMin: perMin(warm.filter((s) => s.indexersMb[c] != null).map((s) => [s.t, s.indexersMb[c]!])),
      trend: trend(warm.filter((s) => s.indexersMb[c] != null).map((s) => [s.t, s.indexersMb[c]!])),
    }])),
  },
  heights: { start: Object.fromEntries(Object.entries(first.chains).map(([c, v]) => [c, v.height])), end: Object.fromEntries(Object.entries(last.chains).map(([c, v]) => [c, v.height])) },
  ingesting, eventsPerSecond,
  indexerRestarts: Object.fromEntries([...stack.indexers].map(([c, s]) => [c, s.restarts])),
  samples: samples.map((s) => ({
    t: Math.round(s.t), load1: s.load1, apiMb: Number(s.apiMb.toFixed(1)), indexersMb: Object.fromEntries(Object.entries(s.indexersMb).map(([c, v]) => [c, v == null ? null : Number(v.toFixed(1))])),
    chains: s.chains,
  })),
}
await pool.end()
apiChild.kill('SIGTERM')
await new Promise((r) => apiChild.once('exit', r))
await stack.stop()
if (!values.keep) rmSync(dataDir, { recursive: true, force: true })
mkdirSync(join(root, 'bench/results'), { recursive: true })
writeFileSync(join(root, 'bench/results/soak.json'), JSON.stringify(result, null, 2) + '\n')
const { samples: _, ...summary } = result
console.log(JSON.stringify(summary, null, 2))
// Filecoin's devnet epochs follow the clock (30 s, longer than a sample): its share is reported, not required
const idle = Object.entries(ingesting).filter(([c, v]) => v.share < 0.5 && !isLotus(chainById(c)!)).map(([c]) => c)
if (idle.length) console.error(`soak: indexers ingesting in under half the samples: ${idle.join(', ')}`)
if (!result.memory.apiMb.trend.ok) console.error('soak: the API memory floor rose by more than 15 % over the window')
if (result.errors > 0 || idle.length || !result.memory.apiMb.trend.ok) process.exitCode = 1
