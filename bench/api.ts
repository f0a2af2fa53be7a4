/**
 * API benchmark: autocannon (in-process) against the project's GraphQL API
 * over the dataset's database after ingest: the overview query and a network page query exactly as the dashboard
 * sends them, an entity list with filter + order + pagination, and a cursor-paged scan. The dashboard queries are
 * measured three ways, since the response cache (api/response-cache.ts) answers repeated requests from memory:
 * warm (the cache on, as served), cold (the first request after a data change: the cache emptied before each of
 * COLD_SAMPLES sequential requests) and uncached (the same load on an API with the cache off); the entity list is
 * measured cached and uncached too (OpenReader has no response cache). Side by side: the same
 * entity queries served by Subsquid OpenReader (@subsquid/graphql-server, bench/openreader/) from schema.graphql
 * over the same database. A query the project's API does not serve (yet) is reported as such.
 */
import { execFileSync, spawn } from 'node:child_process'
import { createWriteStream, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import autocannon from 'autocannon'
import { HeadTracker } from '../api/heads'
import { startApi } from '../api/server'
import { killOnExit } from '../common/logger'
import { marketRequest, networkRequest } from '../dashboard/src/api'
import { queryFrom } from '../dashboard/src/market'
import { networks } from '../indexer/registry'
import { freePort } from '../test/helpers/ports'
import { BENCH_API_LIMITS, type Dataset } from './dataset'
import { percentile, round, seconds } from './measure'

const peersDir = resolve(import.meta.dirname, 'openreader')
const root = resolve(import.meta.dirname, '..')

export interface LoadFigures {
  requests: number
  requestsPerSecond: number
  p50: number
  p95: number
  p99: number
  errors: number
  bytesPerResponse: number
}

export interface ApiResult {
  connections: number
  durationSeconds: number
  queries: Record<string, { project?: LoadFigures; openreader?: LoadFigures; projectError?: string; openreaderError?: string }>
  scan: { pageSize: number; project?: ScanFigures; openreader?: ScanFigures; projectError?: string; openreaderError?: string }
}

export interface ScanFigures {
  pages: number
  rows: number
  rowsPerSecond: number
  pageP50: number
  pageP95: number
  pageP99: number
}

/** Installs the API peer (bench/openreader/package-lock.json) when missing. */
export function ensurePeersInstalled(): void {
  if (!existsSync(join(peersDir, 'node_modules/@subsquid/graphql-server'))) execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: peersDir, stdio: 'inherit' })
}

interface Query {
  query: string
  variables?: Record<string, unknown>
}

/** Load of `connections` concurrent clients for `duration` s; latency percentiles (ms) from every 2xx response. */
async function load(url: string, q: Query, connections: number, duration: number): Promise<LoadFigures> {
  const times: number[] = []
  let bad = 0
  let bytes = 0
  const body = JSON.stringify(q)
  // a GraphQL error comes with HTTP 200 in some servers: check each body's first bytes for "errors"
  const instance = autocannon({
    url: `${url}/graphql`, method: 'POST', headers: { 'content-type': 'application/json' }, body, connections, duration,
    setupClient: (client: any) => client.on('body', (b: Buffer) => {
      if (b.subarray(0, 12).toString().includes('"errors"')) bad++
    }),
  }) as unknown as Promise<autocannon.Result> & { on(event: 'response', cb: (client: unknown, status: number, resBytes: number, ms: number) => void): void }
  // the instance is an event emitter as well as a promise (its typings show only the promise)
  instance.on('response', (_c: unknown, status: number, resBytes: number, ms: number) => {
    if (status >= 200 && status < 300) times.push(ms)
    else bad++
    bytes += resBytes
  })
  const r = await instance
  times.sort((a, b) => a - b)
  return {
    requests: times.length, requestsPerSecond: round(times.length / (r.duration || duration), 1),
    p50: round(percentile(times, 50), 1), p95: round(percentile(times, 95), 1), p99: round(percentile(times, 99), 1),
    errors: bad + r.errors + r.timeouts + r.non2xx, bytesPerResponse: Math.round(bytes / Math.max(1, times.length + r.non2xx)),
  }
}

/** Sequential requests that each find the caches empty (as after a commit on every chain): latency percentiles. */
const COLD_SAMPLES = 10
async function cold(url: string, q: Query, clear: () => void): Promise<LoadFigures> {
  const times: number[] = []
  let bytes = 0
  const t0 = process.hrtime.bigint()
  for (let i = 0; i < COLD_SAMPLES; i++) {
    clear()
    const t = process.hrtime.bigint()
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(q) })
    bytes += (await res.arrayBuffer()).byteLength
    times.push(seconds(t) * 1000)
    if (!res.ok) throw new Error(`HTTP ${res.status}`)
  }
  const s = seconds(t0)
  times.sort((a, b) => a - b)
  return {
    requests: times.length, requestsPerSecond: round(times.length / s, 1), p50: round(percentile(times, 50), 1), p95: round(percentile(times, 95), 1),
    p99: round(percentile(times, 99), 1), errors: 0, bytesPerResponse: Math.round(bytes / times.length),
  }
}

async function post<T>(url: string, q: Query): Promise<T> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(q) })
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] }
  if (!res.ok || body.errors?.length || !body.data) throw new Error(`HTTP ${res.status}: ${JSON.stringify(body.errors ?? body).slice(0, 300)}`)
  return body.data
}

/** Walks rawEventsConnection page by page (ordered by id) from the start, up to `maxRows` rows. */
async function scan(url: string, pageSize: number, maxRows: number): Promise<ScanFigures> {
  const times: number[] = []
  let after: string | null = null
  let rows = 0
  const t0 = process.hrtime.bigint()
  for (;;) {
    const t = process.hrtime.bigint()
    const d: any = await post(url, {
      query: `query Scan($first: Int!, $after: String) { rawEventsConnection(orderBy: id_ASC, first: $first, after: $after) { edges { node { id network name blockNumber timestamp args } } pageInfo { hasNextPage endCursor } } }`,
      variables: { first: pageSize, after },
    })
    times.push(seconds(t) * 1000)
    const c = d.rawEventsConnection
    rows += c.edges.length
    if (!c.pageInfo.hasNextPage || rows >= maxRows) break
    after = c.pageInfo.endCursor
  }
  const s = seconds(t0)
  times.sort((a, b) => a - b)
  return { pages: times.length, rows, rowsPerSecond: Math.round(rows / s), pageP50: round(percentile(times, 50), 1), pageP95: round(percentile(times, 95), 1), pageP99: round(percentile(times, 99), 1) }
}

/** OpenReader (squid-graphql-server) from the project's schema.graphql over the dataset's database. */
async function startOpenReader(ds: Dataset): Promise<{ url: string; stop(): void }> {
  const port = await freePort()
  const db = new URL(ds.db.url)
  const bin = join(peersDir, 'node_modules/@subsquid/graphql-server/bin/run.js')
  const out = createWriteStream(join(ds.dataDir, 'logs', 'openreader.log'))
  const child = spawn(process.execPath, [bin], {
    cwd: root, // reads ./schema.graphql
    env: {
      ...process.env, GQL_PORT: String(port), DB_HOST: db.hostname, DB_PORT: db.port, DB_NAME: db.pathname.slice(1),
      DB_USER: decodeURIComponent(db.username), DB_PASS: decodeURIComponent(db.password),
    },
    stdio: ['ignore', 'pipe', 'pipe'], detached: true,
  })
  killOnExit(child)
  child.stdout!.pipe(out)
  child.stderr!.pipe(out)
  const url = `http://127.0.0.1:${port}`
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode != null) throw new Error(`OpenReader exited with ${child.exitCode}: see ${join(ds.dataDir, 'logs', 'openreader.log')}`)
    if (await post(url, { query: '{ __typename }' }).then(() => true, () => false)) break
    if (Date.now() > deadline) throw new Error('OpenReader did not answer within 60 s')
    await new Promise((r) => setTimeout(r, 250))
  }
  return {
    url,
    stop() {
      try {
        process.kill(-child.pid!, 'SIGTERM')
      } catch {}
    },
  }
}

export async function runApi(ds: Dataset, opts: { durationSeconds: number; connections: number }): Promise<ApiResult> {
  ensurePeersInstalled()
  const api = await startApi({ databaseUrl: ds.db.url, port: await freePort(), host: '127.0.0.1', heads: HeadTracker.fromConfig(ds.config), limits: BENCH_API_LIMITS })
  const uncached = await startApi({ databaseUrl: ds.db.url, port: await freePort(), host: '127.0.0.1', heads: HeadTracker.fromConfig(ds.config), limits: { ...BENCH_API_LIMITS, cacheMaxMb: 0 } })
  let reader: Awaited<ReturnType<typeof startOpenReader>> | undefined
  let readerError: string | undefined
  try {
    reader = await startOpenReader(ds)
  } catch (e) {
    readerError = (e as Error).message
  }
  const ids = networks.map((n) => n.id)
  // the dashboard's default view: 30 days (and the 30 before, for the changes)
  const overview = marketRequest({ networks: ids, days: 30, interval: 'day' })
  const networkPage = networkRequest('livepeer', queryFrom(30))
  // the busiest network's events, newest first, one page deep in the list
  const entityList: Query = {
    query: `query List($network: String!, $offset: Int!) { rawEvents(where: { network_eq: $network, name_eq: "Transfer" }, orderBy: [blockNumber_DESC, logIndex_DESC], limit: 50, offset: $offset) { id name blockNumber timestamp txHash args } }`,
    variables: { network: 'geodnet', offset: 500 },
  }
  const dashboard = [
    { name: 'overview', q: { query: overview.query, variables: overview.variables } },
    { name: 'network page', q: { query: networkPage.query, variables: networkPage.variables } },
  ]
  const workloads: { name: string; q: Query; project: boolean; openreader: boolean; measure?: (url: string, q: Query) => Promise<LoadFigures>; url?: string }[] = [
    ...dashboard.flatMap((d) => [
      { ...d, project: true, openreader: false },
      { name: `${d.name}, cold (first request after a data change)`, q: d.q, project: true, openreader: false, measure: (url: string, q: Query) => cold(url, q, () => api.clearCaches()) },
      { name: `${d.name}, uncached (API_CACHE_MAX_MB=0)`, q: d.q, project: true, openreader: false, url: uncached.url },
    ]),
    { name: 'entity list (filter, order, offset)', q: entityList, project: true, openreader: true },
    // OpenReader has no response cache: the like-for-like figure is the project's without it
    { name: 'entity list (filter, order, offset), uncached (API_CACHE_MAX_MB=0)', q: entityList, project: true, openreader: false, url: uncached.url },
  ]
  const result: ApiResult = { connections: opts.connections, durationSeconds: opts.durationSeconds, queries: {}, scan: { pageSize: 1000 } }
  try {
    for (const w of workloads) {
      const entry: ApiResult['queries'][string] = {}
      const targets: ['project' | 'openreader', string | undefined][] = [['project', w.project ? w.url ?? api.url : undefined], ['openreader', w.openreader ? reader?.url : undefined]]
      for (const [who, url] of targets) {
        if (!url) {
          if (who === 'openreader' && w.openreader) entry.openreaderError = readerError
          continue
        }
        try {
          await post(url, w.q) // served at all, and warm
          entry[who] = w.measure ? await w.measure(url, w.q) : await load(url, w.q, opts.connections, opts.durationSeconds)
        } catch (e) {
          entry[`${who}Error`] = `not served: ${(e as Error).message.slice(0, 200)}`
        }
      }
      result.queries[w.name] = entry
    }
    const maxRows = 20 * result.scan.pageSize
    for (const [who, url] of [['project', api.url], ['openreader', reader?.url]] as const) {
      if (!url) continue
      try {
        result.scan[who] = await scan(url, result.scan.pageSize, maxRows)
      } catch (e) {
        result.scan[`${who}Error`] = `not served: ${(e as Error).message.slice(0, 200)}`
      }
    }
    if (readerError) result.scan.openreaderError = readerError
  } finally {
    reader?.stop()
    await api.stop()
    await uncached.stop()
  }
  return result
}
