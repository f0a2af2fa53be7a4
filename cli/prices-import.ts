/**
 * `npm run prices:import -- <file.csv> [--asset SYMBOL]`: imports a CoinGecko price export into token_price.
 * The asset defaults to the file name (e.g. grt-usd-max.csv -> GRT). Uses DATABASE_URL, or the embedded
 * PostgreSQL of DATA_DIR (started for the import and stopped after).
 */
import { basename } from 'node:path'
import { parseArgs } from 'node:util'
import pg from 'pg'
import { loadConfig } from '../common/config'
import { startDatabase } from '../common/postgres'
import { applyMigrations } from '../indexer/store/dataSource'
import { importPrices } from '../indexer/prices/import'

const { values, positionals } = parseArgs({ options: { asset: { type: 'string' } }, allowPositionals: true })
if (positionals.length !== 1) {
  console.error('usage: npm run prices:import -- <coingecko-export.csv> [--asset SYMBOL]')
  process.exit(2)
}
const file = positionals[0]
const asset = (values.asset ?? basename(file).split(/[-_.]/)[0]).toUpperCase()
const config = loadConfig()
const db = await startDatabase({ databaseUrl: config.DATABASE_URL, dataDir: config.dataDir, port: config.EMBEDDED_PG_PORT })
try {
  await applyMigrations(db.url)
  const pool = new pg.Pool({ connectionString: db.url, max: 1 })
  const n = await importPrices(pool, asset, file)
  await pool.end()
  console.log(`imported ${n} ${asset} prices from ${file}`)
} catch (e) {
  console.error(`price import failed: ${(e as Error).message}`)
  process.exitCode = 1
} finally {
  await db.stop()
}
