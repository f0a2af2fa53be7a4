/**
 * The HTTP server on PORT:
 *   /graphql            GraphQL (graphql-yoga, GraphiQL in a browser), protected by api/graphql.ts limits; queries are
 *                       answered from a response cache while the data does not change (api/response-cache.ts)
 *   /graphiql/...       GraphiQL's own files (npm @graphql-yoga/graphiql, api/graphiql.ts): no request leaves for unpkg.com
 *   /export/<d>.<fmt>   streamed exports (api/export)
 *   /healthz            liveness (the process answers)
 *   /readyz             readiness (database reachable, every chain's indexer within READY_MAX_LAG_BLOCKS)
 *   /metrics            Prometheus metrics (api/observability.ts)
 *   /                   the dashboard (dashboard/dist)
 * API routes (/graphql, /export) are rate-limited per client address; request bodies are capped.
 */
import { existsSync } from 'node:fs'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { join, resolve } from 'node:path'
import sirv from 'sirv'
import type { Config } from '../common/config'
import { componentLogger } from '../common/logger'
import { checkApiRole, createApiPool, isReadOnly, type RoleCheck } from './db-role'
import { createExportHandler } from './export/http'
import { DataVersion } from './data-version'
import { GRAPHIQL_ASSETS_PATH, GRAPHIQL_DIST } from './graphiql'
import { createGraphql } from './graphql'
import { networkMetrics } from './metrics'
import type { HeadTracker } from './heads'
import { ApiMetrics, readiness } from './observability'
import { createRateLimit } from './rate-limit'
import { createResponseCache, type ResponseCache } from './response-cache'
import { memoizedSeries } from './series-memo'

const log = componentLogger('api')
export const DASHBOARD_DIST = resolve(import.meta.dirname, '../dashboard/dist')

export interface ApiLimits {
  /** per statement of the API's database sessions (API_STATEMENT_TIMEOUT_MS) */
  statementTimeoutMs: number
  /** request bodies above it get 413 (API_MAX_BODY_BYTES) */
  maxBodyBytes: number
  /** requests per minute and client address on /graphql and /export; 0 = off (API_RATE_LIMIT_PER_MIN) */
  rateLimitPerMin: number
  maxDepth: number
  maxAliases: number
  maxTokens: number
  maxCost: number
  /** exports streaming at once (EXPORT_MAX_CONCURRENT) */
  exportMaxConcurrent: number
  /** /readyz fails when a chain's indexer is further behind its head (READY_MAX_LAG_BLOCKS) */
  readyMaxLagBlocks: number
  /** size of the GraphQL response cache in MB; 0 = off (API_CACHE_MAX_MB) */
  cacheMaxMb: number
  /** how long a read of the data version is reused: the cache's staleness bound, ms (API_CACHE_VERSION_MS) */
  cacheVersionMs: number
}

export function apiLimitsFromConfig(c: Pick<Config, 'API_STATEMENT_TIMEOUT_MS' | 'API_MAX_BODY_BYTES' | 'API_RATE_LIMIT_PER_MIN' | 'GRAPHQL_MAX_DEPTH' |
  'GRAPHQL_MAX_ALIASES' | 'GRAPHQL_MAX_TOKENS' | 'GRAPHQL_MAX_COST' | 'EXPORT_MAX_CONCURRENT' | 'READY_MAX_LAG_BLOCKS' | 'API_CACHE_MAX_MB' | 'API_CACHE_VERSION_MS'>): ApiLimits {
  return {
    statementTimeoutMs: c.API_STATEMENT_TIMEOUT_MS, maxBodyBytes: c.API_MAX_BODY_BYTES, rateLimitPerMin: c.API_RATE_LIMIT_PER_MIN,
    maxDepth: c.GRAPHQL_MAX_DEPTH, maxAliases: c.GRAPHQL_MAX_ALIASES, maxTokens: c.GRAPHQL_MAX_TOKENS, maxCost: c.GRAPHQL_MAX_COST,
    exportMaxConcurrent: c.EXPORT_MAX_CONCURRENT, readyMaxLagBlocks: c.READY_MAX_LAG_BLOCKS,
    cacheMaxMb: c.API_CACHE_MAX_MB, cacheVersionMs: c.API_CACHE_VERSION_MS,
  }
}

/** The defaults of common/config.ts (README: Configuration). */
export const defaultApiLimits: ApiLimits = {
  statementTimeoutMs: 5000, maxBodyBytes: 100_000, rateLimitPerMin: 600, maxDepth: 10, maxAliases: 15, maxTokens: 2000, maxCost: 100_000,
  exportMaxConcurrent: 4, readyMaxLagBlocks: 100, cacheMaxMb: 64, cacheVersionMs: 250,
}

export interface ApiServer {
  server: Server
  url: string
  /** what the API's database role may do, checked at start */
  role: RoleCheck
  /** the GraphQL response cache (undefined when API_CACHE_MAX_MB is 0) */
  cache: ResponseCache | undefined
  /** empties the response cache and the derived series memo: the next request is computed as after every chain moved */
  clearCaches(): void
  stop(): Promise<void>
}

const sendJson = (res: ServerResponse, status: number, body: object, headers: Record<string, string> = {}) =>
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers }).end(JSON.stringify(body))

/** A GraphQL-shaped error for refusals before GraphQL runs (rate limit, body size), so GraphQL clients can read it. */
const sendGraphqlError = (res: ServerResponse, status: number, message: string, code: string, headers: Record<string, string> = {}) =>
  sendJson(res, status, { errors: [{ message, extensions: { code } }] }, headers)

function routeOf(path: string): string {
  if (path.startsWith('/graphql')) return 'graphql'
  if (path.startsWith('/export/')) return 'export'
  if (path.startsWith(GRAPHIQL_ASSETS_PATH)) return 'graphiql'
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return path.slice(1)
  return 'static'
}

export async function startApi(opts: {
  databaseUrl: string; port: number; host: string; heads: HeadTracker
  /** largest limit / first of a list (API_MAX_LIMIT), default 1000 */
  maxLimit?: number
  /** how often subscriptions read the database (API_POLL_MS), default 2000 ms */
  pollMs?: number
  limits?: Partial<ApiLimits>
}): Promise<ApiServer> {
  const limits: ApiLimits = { ...defaultApiLimits, ...opts.limits }
  const pool = createApiPool(opts.databaseUrl, { statementTimeoutMs: limits.statementTimeoutMs })
  let role: RoleCheck
  try {
    role = await checkApiRole(pool)
  } catch (e) {
    await pool.end()
    throw new Error(`the API cannot query the database: ${(e as Error).message}`, { cause: e })
  }
  if (!isReadOnly(role)) {
    log.warn({ role: role.role, superuser: role.superuser, writableTables: role.writableTables, canCreate: role.canCreate },
      'the API database role can write; sessions are read-only, but give the API a read-only role (README: read-only API role)')
  }
  const metrics = new ApiMetrics(pool, opts.heads, () => isReadOnly(role))
  // with the cache on, each network's derived series is also kept per version of its own chain (a commit on one
  // chain re-derives that chain's networks only when the cache's next answer is computed)
  const version = new DataVersion(pool, limits.cacheVersionMs)
  const cache = limits.cacheMaxMb > 0 ? createResponseCache({ version, maxBytes: limits.cacheMaxMb * 1024 * 1024, metrics }) : undefined
  const series = cache ? memoizedSeries(version, (net, interval) => networkMetrics(pool, net, interval)) : undefined
  const yoga = createGraphql({ pool, heads: opts.heads, maxLimit: opts.maxLimit ?? 1000, pollMs: opts.pollMs ?? 2000, metrics, limits, cache, series })
  const handleExport = createExportHandler({ pool, maxConcurrent: limits.exportMaxConcurrent, metrics, series })
  const rateLimit = createRateLimit(limits.rateLimitPerMin)
  const hasDashboard = existsSync(join(DASHBOARD_DIST, 'index.html'))
  const graphiqlFiles = sirv(GRAPHIQL_DIST, { etag: true, gzip: false, maxAge: 86_400 })
  const statics = hasDashboard ? sirv(DASHBOARD_DIST, { single: true, etag: true, gzip: false }) : undefined

  async function handle(req: IncomingMessage, res: ServerResponse, url: URL, route: string) {
    if (route === 'graphql' || route === 'export') {
      const wait = await rateLimit.check(req)
      if (wait != null) {
        metrics.rateLimited.inc({ route })
        const message = `rate limit exceeded: ${limits.rateLimitPerMin} requests per minute per client; retry after ${wait} s`
        const headers = { 'retry-after': String(wait) }
        return route === 'graphql' ? sendGraphqlError(res, 429, message, 'RATE_LIMITED', headers) : sendJson(res, 429, { error: 'too many requests', message }, headers)
      }
    }
    if (route === 'graphql') {
      if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH') {
        const length = req.headers['content-length']
        if (length == null) {
          return sendGraphqlError(res, 411, 'a request body needs a Content-Length header', 'LENGTH_REQUIRED')
        }
        if (Number(length) > limits.maxBodyBytes) {
          res.setHeader('connection', 'close') // do not read the rest of an oversized body
          return sendGraphqlError(res, 413, `request body of ${length} bytes exceeds the limit of ${limits.maxBodyBytes} bytes (API_MAX_BODY_BYTES)`, 'PAYLOAD_TOO_LARGE')
        }
      }
      return yoga(req, res)
    }
    if (route === 'export') return handleExport(req, res, url)
    if (route === 'healthz') return sendJson(res, 200, { status: 'ok' })
    if (route === 'readyz') {
      const r = await readiness(pool, opts.heads, limits.readyMaxLagBlocks)
      return sendJson(res, r.ready ? 200 : 503, { status: r.ready ? 'ready' : 'not ready', ...r })
    }
    if (route === 'metrics') {
      const body = await metrics.registry.metrics()
      return res.writeHead(200, { 'content-type': metrics.registry.contentType }).end(body)
    }
    if (route === 'graphiql') {
      req.url = url.pathname.slice(GRAPHIQL_ASSETS_PATH.length - 1) + url.search
      return graphiqlFiles(req, res, () => { res.writeHead(404, { 'content-type': 'text/plain' }).end('not found') })
    }
    if (statics) return statics(req, res, () => { res.writeHead(404).end('not found') })
    res.writeHead(404, { 'content-type': 'text/plain' }).end('dashboard not built: run npm run build')
  }

  const server = createServer((req, res) => {
    const started = process.hrtime.bigint()
    let url: URL
    try {
      url = new URL(req.url ?? '/', 'http://localhost')
    } catch {
      return sendJson(res, 400, { error: 'bad request', message: 'malformed request URL' })
    }
    const route = routeOf(url.pathname)
    res.once('close', () => {
      const status = res.headersSent ? String(res.statusCode) : 'aborted'
      metrics.httpDuration.observe({ route, method: req.method ?? '', status }, Number(process.hrtime.bigint() - started) / 1e9)
    })
    handle(req, res, url, route).catch((e) => {
      log.error({ err: e, route }, 'request failed')
      if (!res.headersSent) sendJson(res, 500, { error: 'internal error', message: 'the request failed; see the server log' })
      else res.destroy()
    })
  })
  // slow clients cannot hold connections open: whole request within 30 s, headers within 10 s
  server.requestTimeout = 30_000
  server.headersTimeout = 10_000
  await new Promise<void>((ok, fail) => {
    server.once('error', (e) => fail(new Error(`cannot listen on ${opts.host}:${opts.port}: ${(e as Error).message}. Set PORT to a free port.`, { cause: e })))
    server.listen(opts.port, opts.host, () => ok())
  })
  const url = `http://${opts.host}:${opts.port}`
  log.info({ url, dashboard: hasDashboard, role: role.role, readOnly: isReadOnly(role) }, 'API listening')
  let stopping: Promise<void> | undefined
  return {
    server, url, role, cache,
    clearCaches: () => {
      cache?.clear()
      series?.clear()
    },
    // once, however often it is called (the soak stops the in-process API early, then the whole stack)
    stop: () =>
      (stopping ??= (async () => {
        server.closeAllConnections()
        await new Promise((r) => server.close(() => r(undefined)))
        await pool.end()
      })()),
  }
}
