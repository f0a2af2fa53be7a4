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
import { startApi, type ApiServer } from '../api/server'
import { HeadTracker } from '../api/heads'
import { startDevnet, type Devnet } from '../devnet/devnet'
import { applyMigrations } from '../indexer/store/dataSource'

const root = resolve(import.meta.dirname, '..')
const log = componentLogger('stack')

export interface Stack {
  config: Config
  db: Database
  devnet?: Devnet
  indexer: IndexerProcess
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
    env: { ...process.env, ...opts.env, DATABASE_URL: opts.databaseUrl },
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
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)))
  return {
    child, exited,
    async stop() {
      if (child.exitCode != null || child.signalCode != null) return
      child.kill('SIGTERM')
      const t = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(t)
      out.end()
    },
  }
}

export async function startStack(config: Config, opts: { onProgress?: (msg: string) => void; onIndexerLine?: (line: string) => void; now?: number } = {}): Promise<Stack> {
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
      if (config.SIM_LIVE) devnet.startLive()
    }
    const logDir = join(config.dataDir, 'logs')
    const indexer = spawnIndexer({ databaseUrl: db.url, logFile: join(logDir, 'indexer.log'), onLine: opts.onIndexerLine })
    stops.push(() => indexer.stop())
    const api = await startApi({ databaseUrl: db.url, port: config.PORT, host: config.HOST, heads: HeadTracker.fromConfig(config) })
    stops.push(() => api.stop())
    return { config, db, devnet, indexer, api, stop: stopAll }
  } catch (e) {
    await stopAll()
    throw e
  }
}
