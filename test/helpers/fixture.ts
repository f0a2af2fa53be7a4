/** Isolated test environment: a fresh data folder, free ports, embedded Postgres and the devnet. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { chmodSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { loadConfig, type Config } from '../../common/config'
import { startDatabase, type Database } from '../../common/postgres'
import { spawnIndexer } from '../../cli/stack'
import { startDevnet, type Devnet } from '../../devnet/devnet'
import { applyMigrations } from '../../indexer/store/dataSource'
import { importPrices } from '../../indexer/prices/import'
import { freePort, freePortBlock } from './ports'

export interface Fixture {
  config: Config
  db: Database
  devnet: Devnet
  pool: pg.Pool
  dataDir: string
  httpUrl: string
  /**
   * runs the indexer to `endBlock` and resolves when it exits; the chain is `extraEnv.INDEXER_CHAIN`
   * (default arbitrum-one) and `endBlock` goes to its END_BLOCK_<SLUG>
   */
  runIndexerTo(endBlock: number, extraEnv?: Record<string, string>): Promise<{ code: number | null; log: string }>
  stop(): Promise<void>
}

export interface FixtureOptions {
  /** import the devnet's CoinGecko-format price files into token_price, as `npm start` does */
  importPrices?: boolean
}

export async function startFixture(env: Record<string, string> = {}, opts: FixtureOptions = {}): Promise<Fixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'depin-test-'))
  chmodSync(dataDir, 0o755)
  const config = loadConfig({
    DATA_DIR: dataDir, DEVNET_PORT: String(await freePortBlock()), EMBEDDED_PG_PORT: String(await freePort()),
    PORT: String(await freePort()), FINALITY_ARBITRUM_ONE: '5', SIM_DAYS: '10', SIM_LIVE: 'false', SIM_SEED: '7', LOG_LEVEL: 'warn', ...env,
  })
  const db = await startDatabase({ dataDir, port: config.EMBEDDED_PG_PORT })
  let devnet: Devnet
  try {
    await applyMigrations(db.url)
    devnet = await startDevnet({ config })
  } catch (e) {
    await db.stop() // leave no server behind when the fixture cannot come up
    throw e
  }
  const pool = new pg.Pool({ connectionString: db.url, max: 4 })
  pool.on('error', () => {}) // the server stopping at the end of a test is expected
  if (opts.importPrices) for (const p of devnet.priceFiles) await importPrices(pool, p.asset, p.file)
  let runs = 0
  return {
    config, db, devnet, pool, dataDir, httpUrl: devnet.nodes[0]?.node.httpUrl ?? '',
    async runIndexerTo(endBlock, extraEnv = {}) {
      const logFile = join(dataDir, `indexer-${++runs}.log`)
      const endVar = `END_BLOCK_${(extraEnv.INDEXER_CHAIN ?? 'arbitrum-one').toUpperCase().replace(/-/g, '_')}`
      const p = spawnIndexer({
        databaseUrl: db.url, logFile,
        env: { DEVNET_PORT: String(config.DEVNET_PORT), DATA_DIR: dataDir, [endVar]: String(endBlock), LOG_LEVEL: 'info', ...extraEnv },
      })
      const code = await p.exited
      await new Promise((r) => setTimeout(r, 50))
      return { code, log: readFileSync(logFile, 'utf8') }
    },
    async stop() {
      await pool.end()
      await devnet.stop()
      await db.stop()
      if (!process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
