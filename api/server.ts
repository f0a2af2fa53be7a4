/**
 * The HTTP server on PORT: GraphQL (graphql-yoga, GraphiQL enabled) at /graphql, liveness at /healthz,
 * the dashboard (dashboard/dist) at /.
 */
import { existsSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { join, resolve } from 'node:path'
import { createSchema, createYoga } from 'graphql-yoga'
import pg from 'pg'
import sirv from 'sirv'
import { componentLogger } from '../common/logger'
import type { HeadTracker } from './heads'
import { resolvers, type ApiContext } from './resolvers'
import { typeDefs } from './schema'

const log = componentLogger('api')
export const DASHBOARD_DIST = resolve(import.meta.dirname, '../dashboard/dist')

export interface ApiServer {
  server: Server
  url: string
  stop(): Promise<void>
}

export async function startApi(opts: {
  databaseUrl: string; port: number; host: string; heads: HeadTracker
  /** largest limit / first of a list (API_MAX_LIMIT), default 1000 */
  maxLimit?: number
  /** how often subscriptions read the database (API_POLL_MS), default 2000 ms */
  pollMs?: number
}): Promise<ApiServer> {
  const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 })
  pool.on('error', (e) => log.warn({ err: e.message }, 'idle database connection failed'))
  const yoga = createYoga<ApiContext>({
    schema: createSchema({ typeDefs, resolvers }),
    context: () => ({ pool, heads: opts.heads, maxLimit: opts.maxLimit ?? 1000, pollMs: opts.pollMs ?? 2000 }),
    graphiql: { title: 'depin-index GraphQL' },
    landingPage: false,
    logging: { debug: () => {}, info: () => {}, warn: (...a) => log.warn(a.map(String).join(' ')), error: (...a) => log.error(a.map(String).join(' ')) },
  })
  const hasDashboard = existsSync(join(DASHBOARD_DIST, 'index.html'))
  const statics = hasDashboard ? sirv(DASHBOARD_DIST, { single: true, etag: true, gzip: false }) : undefined
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (path.startsWith('/graphql')) return yoga(req, res)
    if (path === '/healthz') {
      pool.query('SELECT 1').then(
        () => { res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}') },
        (e) => { res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'error', error: String(e.message) })) },
      )
      return
    }
    if (statics) return statics(req, res, () => { res.writeHead(404).end('not found') })
    res.writeHead(404, { 'content-type': 'text/plain' }).end('dashboard not built: run npm run build')
  })
  await new Promise<void>((ok, fail) => {
    server.once('error', (e) => fail(new Error(`cannot listen on ${opts.host}:${opts.port}: ${(e as Error).message}. Set PORT to a free port.`, { cause: e })))
    server.listen(opts.port, opts.host, () => ok())
  })
  const url = `http://${opts.host}:${opts.port}`
  log.info({ url, dashboard: hasDashboard }, 'API listening')
  return {
    server, url,
    stop: async () => {
      server.closeAllConnections()
      await new Promise((r) => server.close(() => r(undefined)))
      await pool.end()
    },
  }
}
