/** A database-only environment: embedded Postgres on a free port, migrations applied, the registry's networks. */
import { chmodSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { startDatabase, type Database } from '../../common/postgres'
import { networks } from '../../indexer/registry'
import { applyMigrations } from '../../indexer/store/dataSource'
import { freePort } from './ports'

export interface DbFixture {
  db: Database
  /** the owner's pool (superuser): test setup and independent SQL */
  pool: pg.Pool
  dataDir: string
  stop(): Promise<void>
}

export async function startDbFixture(): Promise<DbFixture> {
  const dataDir = mkdtempSync(join(tmpdir(), 'depin-test-'))
  chmodSync(dataDir, 0o755)
  const db = await startDatabase({ dataDir, port: await freePort() })
  try {
    await applyMigrations(db.url)
  } catch (e) {
    await db.stop()
    throw e
  }
  const pool = new pg.Pool({ connectionString: db.url, max: 4 })
  pool.on('error', () => {})
  await insertRegistryNetworks(pool)
  return {
    db, pool, dataDir,
    async stop() {
      await pool.end()
      await db.stop()
      if (!process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** The network rows the indexer writes at start, from the registry. */
export async function insertRegistryNetworks(pool: pg.Pool) {
  for (const n of networks) {
    await pool.query(
      `INSERT INTO network (id, name, category, categories, chain, chain_id, token_symbol, token_address, token_decimals, fee_asset, fee_asset_decimals, source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT (id) DO NOTHING`,
      [n.id, n.name, n.category, n.categories, n.chain.id, n.chain.chainId, n.token.symbol, n.token.address, n.token.decimals, n.feeAsset.symbol, n.feeAsset.decimals, n.source],
    )
  }
}
