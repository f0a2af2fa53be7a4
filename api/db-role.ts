/**
 * The API's database connection: the read-only role `depin_api` (created by a migration) or API_DATABASE_URL.
 * The pool also opens every session read-only and with the statement timeout, so even a role with more rights
 * (a misconfigured API_DATABASE_URL) cannot write through the API.
 */
import { randomBytes } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import pg from 'pg'
import { componentLogger } from '../common/logger'

const log = componentLogger('api-role')
export const API_ROLE = 'depin_api'

/**
 * Gives `depin_api` a login password (kept in DATA_DIR/api-db-password, created once, mode 600) through the
 * owner's connection and returns the URL the API connects with. Throws a clear error when the owner cannot
 * (no CREATEROLE, or the migration could not create the role): then set API_DATABASE_URL.
 */
export async function provisionApiRole(ownerUrl: string, dataDir: string): Promise<string> {
  const file = join(dataDir, 'api-db-password')
  mkdirSync(dataDir, { recursive: true })
  if (!existsSync(file)) writeFileSync(file, randomBytes(24).toString('hex') + '\n', { mode: 0o600 })
  const password = readFileSync(file, 'utf8').trim()
  if (!/^[0-9a-f]{16,}$/.test(password)) throw new Error(`${file} does not hold a hex password; delete it to get a new one`)
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  try {
    const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [API_ROLE])
    if (!exists.rowCount) throw new Error(`the database has no role ${API_ROLE} (its migration needs CREATEROLE)`)
    // the password is hex (checked above), so it can stand in the statement, which takes no parameters
    await client.query(`ALTER ROLE ${API_ROLE} WITH LOGIN PASSWORD '${password}'`)
    // tables created by another user than the one that ran the migration are not covered by its default privileges
    await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA public TO ${API_ROLE}`)
  } catch (e) {
    throw new Error(`cannot prepare the API's read-only database role ${API_ROLE}: ${(e as Error).message}. ` +
      `Create a read-only role yourself and set API_DATABASE_URL (README: read-only API role).`, { cause: e })
  } finally {
    await client.end()
  }
  const u = new URL(ownerUrl)
  u.username = API_ROLE
  u.password = password
  return u.toString()
}

/**
 * Lets `depin_api` read the indexers' status schemas (`squid_processor_<chainId>`: finalized height for
 * squidStatus), which the processors create at run time, outside the migrations. Run before the indexers start,
 * so that CREATE SCHEMA cannot race theirs; default privileges cover the tables they create later. Does nothing
 * when the role does not exist (then the operator's API_DATABASE_URL role needs the same grants).
 */
export async function grantStatusSchemas(ownerUrl: string, schemas: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: ownerUrl })
  await client.connect()
  try {
    if (!(await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [API_ROLE])).rowCount) return
    for (const schema of schemas) {
      if (!/^squid_processor_\d+$/.test(schema)) throw new Error(`not a status schema name: ${schema}`)
      await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`)
      await client.query(`GRANT USAGE ON SCHEMA ${schema} TO ${API_ROLE}`)
      await client.query(`GRANT SELECT ON ALL TABLES IN SCHEMA ${schema} TO ${API_ROLE}`)
      await client.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA ${schema} GRANT SELECT ON TABLES TO ${API_ROLE}`)
    }
  } finally {
    await client.end()
  }
}

/** The API's pool: read-only sessions, statement timeout, bounded size. */
export function createApiPool(url: string, opts: { statementTimeoutMs: number; max?: number }): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max: opts.max ?? 10,
    statement_timeout: opts.statementTimeoutMs,
    // a session that cannot be switched to read-only by anything the API sends (it sends no SET)
    options: '-c default_transaction_read_only=on',
    connectionTimeoutMillis: 10_000,
  })
  pool.on('error', (e) => log.warn({ err: e.message }, 'idle database connection failed'))
  return pool
}

export interface RoleCheck {
  role: string
  superuser: boolean
  /** tables of the schema the role may insert into, update, delete from or truncate */
  writableTables: number
  canCreate: boolean
}

/** What the API's role may do; the API logs a warning (and /metrics shows it) when it could write. */
export async function checkApiRole(pool: pg.Pool): Promise<RoleCheck> {
  const r = await pool.query(`
    SELECT current_user AS role, r.rolsuper AS superuser,
      (SELECT count(*)::int FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
         WHERE ns.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm')
         AND has_table_privilege(c.oid, 'INSERT,UPDATE,DELETE,TRUNCATE')) AS writable_tables,
      has_schema_privilege('public', 'CREATE') OR has_database_privilege(current_database(), 'CREATE,TEMPORARY') AS can_create
    FROM pg_roles r WHERE r.rolname = current_user`)
  const row = r.rows[0]
  return { role: row.role, superuser: row.superuser, writableTables: row.writable_tables, canCreate: row.can_create }
}

export const isReadOnly = (c: RoleCheck) => !c.superuser && c.writableTables === 0 && !c.canCreate
