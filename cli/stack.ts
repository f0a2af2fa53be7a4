/**
 * Brings the whole product up in-process: database, migrations, devnet (when a chain has no RPC URL),
 * indexer (child process), API and dashboard. Used by `npm start` and by the end-to-end tests.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { createWriteStream, mkdirSync } from 'node:fs'
import { join, resolve } from 'node:path'
import type { Config } from '../common/config'
import { componentLogger, killOnExit } from '../common/logger'
import { startDatabase, type Database } from '../common/postgres'
import { grantStatusSchemas, provisionApiRole } from '../api/db-role'
import { apiLimitsFromConfig, startApi, type ApiServer } from '../api/server'
import { HeadTracker } from '../api/heads'
import { startDevnetControl } from '../devnet/control'
import { startDevnet, type Devnet } from '../devnet/devnet'
import { applyMigrations } from '../indexer/store/dataSource'
import { importPrices } from '../indexer/prices/import'
import pg from 'pg'

const root = resolve(import.meta.dirname, '..')
const log = componentLogger('stack')

export interface Stack {
  config: Config
  db: Database
  devnet?: Devnet
  /** one indexer process per chain, by chain slug */
  indexers: Map<string, SupervisedIndexer>
  api: ApiServer
  stop(): Promise<void>
}

export interface IndexerProcess {
  child: ChildProcess
  exited: Promise<number | null>
  stop(): Promise<void>
}

/** Runs the indexer as a child process (its own event loop, its own crash domain). */
export function spawnIndexer(opts: { databaseUrl: string; env?: NodeJS.ProcessEnv; logFile: string; onLine?: (line: string) => void }): IndexerProcess {
  mkdirSync(resolve(opts.logFile, '..'), { recursive: true })
  const out = createWriteStream(opts.logFile, { flags: 'a' })
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'indexer/main.ts')], {
    cwd: root,
    env: { ...process.env, ...opts.env, DATABASE_URL: opts.databaseUrl, DEPIN_SUPERVISED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
      // own process group: a terminal Ctrl-C reaches only the parent, which stops children in order
      detached: true,
  })
  killOnExit(child)
  const forward = (chunk: Buffer) => {
    out.write(chunk)
    if (opts.onLine) for (const line of chunk.toString().split('\n')) if (line.trim()) opts.onLine(line)
  }
  child.stdout!.on('data', forward)
  child.stderr!.on('data', forward)
  // 'close', not 'exit': the exit code once the child's output is through and in the log file, so a caller that
  // reads the log after `exited` sees all of it
  const exited = new Promise<number | null>((r) => child.once('close', (code) => out.end(() => r(code))))
  return {
    child, exited,
    async stop() {
      if (child.exitCode != null || child.signalCode != null) return
      child.kill('SIGTERM')
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(t)
    },
  }
}

export interface SupervisedIndexer {
  /** number of restarts after unexpected exits */
  restarts: number
  /** pid of the running indexer process */
  readonly pid: number | undefined
  stop(): Promise<void>
}

/**
 * Keeps the indexer running: an unexpected exit (RPC or database trouble the processor gave up on) is
 * followed by a restart with exponential backoff (1 s doubling to 30 s, reset after 60 s of uptime).
 * The processor resumes from its last committed block, so a restart loses nothing.
 */
export function superviseIndexer(opts: Parameters<typeof spawnIndexer>[0] & { onRestart?: (code: number | null, delayMs: number) => void }): SupervisedIndexer {
  let stopped = false
  let current = spawnIndexer(opts)
  let delay = 1000
  let timer: NodeJS.Timeout | undefined
  const state: SupervisedIndexer = {
    restarts: 0,
    get pid() {
      return current.child.pid
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await current.stop()
    },
  }
  const watch = (p: IndexerProcess, startedAt: number) => {
    p.exited.then((code) => {
      if (stopped) return
      if (Date.now() - startedAt > 60_000) delay = 1000
      opts.onRestart?.(code, delay)
      log.warn({ code, restartInMs: delay }, 'indexer exited; restarting')
      timer = setTimeout(() => {
        if (stopped) return
        state.restarts += 1
        current = spawnIndexer(opts)
        watch(current, Date.now())
      }, delay)
      delay = Math.min(delay * 2, 30_000)
    })
  }
  watch(current, Date.now())
  return state
}

export async function startStack(
  config: Config,
  opts: { onProgress?: (msg: string) => void; onIndexerLine?: (line: string) => void; onIndexerRestart?: (chain: string, code: number | null, delayMs: number) => void; now?: number } = {},
): Promise<Stack> {
  const stops: (() => Promise<void>)[] = []
  const stopAll = async () => {
    for (const s of stops.reverse()) await s().catch((e) => log.warn({ err: e }, 'error while stopping'))
  }
  try {
    opts.onProgress?.('starting PostgreSQL')
    const db = await startDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir, port: config.EMBEDDED_PG_PORT })
    stops.push(() => db.stop())
    const applied = await applyMigrations(db.url)
    if (applied.length) log.info({ applied }, 'migrations applied')
    let devnet: Devnet | undefined
    if (config.usesDevnet) {
      opts.onProgress?.('starting devnet')
      devnet = await startDevnet({ config, onProgress: opts.onProgress, now: opts.now })
      stops.push(() => devnet!.stop())
      if (config.SIM_LIVE) {
        devnet.startLive()
        const control = await startDevnetControl(devnet, config.DEVNET_CONTROL_PORT)
        stops.push(() => new Promise((r) => control.close(() => r())))
      }
      // the devnet's price files go through the same importer as real CoinGecko exports
      const pool = new pg.Pool({ connectionString: db.url, max: 1 })
      try {
        for (const p of devnet.priceFiles) await importPrices(pool, p.asset, p.file)
      } finally {
        await pool.end()
      }
    }
    // the read-only API role reads the processors' status schemas (squidStatus): grant before they exist
    if (!config.API_DATABASE_URL) await grantStatusSchemas(db.url, config.chains.map((c) => `squid_processor_${c.chain.chainId}`))
    const logDir = join(config.dataDir, 'logs')
    const indexers = new Map<string, SupervisedIndexer>()
    for (const c of config.chains) {
      const sup = superviseIndexer({
        databaseUrl: db.url, env: { ...config.env, INDEXER_CHAIN: c.chain.id }, logFile: join(logDir, `indexer-${c.chain.id}.log`),
        onLine: opts.onIndexerLine ? (line) => opts.onIndexerLine!(`[${c.chain.id}] ${line}`) : undefined,
        onRestart: opts.onIndexerRestart ? (code, delay) => opts.onIndexerRestart!(c.chain.id, code, delay) : undefined,
      })
      indexers.set(c.chain.id, sup)
      stops.push(() => sup.stop())
    }
    // the API reads through the read-only role: API_DATABASE_URL, or depin_api (created by a migration) given a login here
    const apiUrl = config.API_DATABASE_URL ?? (await provisionApiRole(db.url, config.dataDir))
    const api = await startApi({ databaseUrl: apiUrl, port: config.PORT, host: config.HOST, heads: HeadTracker.fromConfig(config), maxLimit: config.API_MAX_LIMIT, pollMs: config.API_POLL_MS, limits: apiLimitsFromConfig(config) })
    stops.push(() => api.stop())
    return { config, db, devnet, indexers, api, stop: stopAll }
  } catch (e) {
    await stopAll()
    throw e
  }
}
