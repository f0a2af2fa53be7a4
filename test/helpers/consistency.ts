/**
 * Helpers of the reliability tests: per-table row counts and order-independent checksums (to compare a run that
 * survived faults with a clean run into another database), a second database on the same server, waits, a
 * seeded random stream, and the stored daily rollups in the shape of the independent recomputation.
 */
import pg from 'pg'
import { chainEnvNames } from '../../common/config'
import { chains } from '../../indexer/registry'
import type { NetDay } from './recompute-networks'

/** Tables that differ between two correct runs by nature: batch boundaries, incidents, migrations. */
const VOLATILE_TABLES = new Set(['migrations', 'batch_checkpoint', 'reorg_incident'])

export interface TableSum {
  rows: number
  md5: string | null
}

/**
 * A column's value as compared text. Numbers that are not whole (GraphQL Float fields are numeric columns, e.g. fees_usd
 * summed from JS doubles) are rounded to 12 significant digits: rollups summed over other batch boundaries differ in
 * the last bits of a double, and a fixed number of decimals (1e-6) still flips at a rounding boundary for large sums.
 * Whole numbers (token amounts in base units) stay exact.
 */
function columnText(column: string, type: string): string {
  if (!['double precision', 'real', 'numeric'].includes(type)) return `"${column}"::text`
  const v = `"${column}"::numeric`
  return `CASE WHEN ${v} = trunc(${v}) THEN trim_scale(${v})::text ELSE trim_scale(round(${v}, 11 - floor(log(abs(${v})))::int))::text END`
}

/** Up to `limit` rows of `table` (as compared text) that are in one database and not in the other. */
export async function tableDifference(a: pg.Pool, b: pg.Pool, table: string, limit = 5): Promise<{ onlyInFirst: string[]; onlyInSecond: string[] }> {
  const cols = await a.query(
    `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position`, [table],
  )
  const row = `concat_ws('|', ${cols.rows.map((c) => `coalesce(${columnText(c.column_name, c.data_type)}, '∅')`).join(', ')})`
  const [ra, rb] = await Promise.all([a, b].map((p) => p.query(`SELECT ${row} AS r FROM "${table}"`)))
  const sa = new Set(ra.rows.map((r) => r.r as string))
  const sb = new Set(rb.rows.map((r) => r.r as string))
  return { onlyInFirst: [...sa].filter((r) => !sb.has(r)).slice(0, limit), onlyInSecond: [...sb].filter((r) => !sa.has(r)).slice(0, limit) }
}

/**
 * count(*) and md5 over the sorted md5s of every row of every public table (numbers that are not whole compared to 12
 * significant digits: columnText).
 */
export async function tableChecksums(pool: pg.Pool): Promise<Record<string, TableSum>> {
  const cols = await pool.query(
    `SELECT table_name, column_name, data_type FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  )
  const byTable = new Map<string, string[]>()
  for (const c of cols.rows) {
    if (VOLATILE_TABLES.has(c.table_name)) continue
    byTable.set(c.table_name, [...(byTable.get(c.table_name) ?? []), `coalesce(${columnText(c.column_name, c.data_type)}, '∅')`])
  }
  const out: Record<string, TableSum> = {}
  for (const [table, exprs] of byTable) {
    const r = await pool.query(
      `SELECT count(*)::int AS rows, md5(string_agg(h, '' ORDER BY h)) AS md5 FROM (SELECT md5(concat_ws('|', ${exprs.join(', ')})) AS h FROM "${table}") t`,
    )
    out[table] = { rows: r.rows[0].rows, md5: r.rows[0].md5 }
  }
  return out
}

/** A second database on the same server (for a clean run to compare with); returns its URL. */
export async function createDatabase(url: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: url })
  await admin.connect()
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name}`)
    await admin.query(`CREATE DATABASE ${name}`)
  } finally {
    await admin.end()
  }
  const u = new URL(url)
  u.pathname = `/${name}`
  return u.toString()
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

/** Polls `cond` until it holds; `tick` runs between polls (e.g. mine a block so that hot blocks move). */
export async function until(cond: () => Promise<boolean>, what: string, opts: { timeoutMs?: number; everyMs?: number; tick?: (i: number) => Promise<void> } = {}): Promise<void> {
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000)
  for (let i = 0; ; i++) {
    if (await cond().catch(() => false)) return
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await opts.tick?.(i)
    await sleep(opts.everyMs ?? 100)
  }
}

/** A small seeded PRNG (mulberry32): fault schedules repeat from their seed. */
export function seeded(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) }
}

const STAT_COLUMNS = `fees_native::text AS fees, fees_refunded_native::text AS fees_refunded, fee_count, rewards_native::text AS rewards, reward_count,
  protocol_take_native::text AS protocol_take, minted_native::text AS minted, burned_native::text AS burned, capacity_added::text AS capacity_added,
  capacity_removed::text AS capacity_removed, nodes_registered, nodes_deregistered, leases_opened, leases_closed, event_count,
  fees_settled_native::text AS fees_settled, bonded_native::text AS bonded, unbonded_native::text AS unbonded, locked_native::text AS locked,
  unlocked_native::text AS unlocked, fees_unpriced_native::text AS fees_unpriced`

/** A stored rollup row (STAT_COLUMNS, or sums under the same names) in the shape of recomputeChain()'s NetDay. */
export function asNetDay(x: Record<string, any>): NetDay {
  return {
    fees: BigInt(x.fees), feesRefunded: BigInt(x.fees_refunded), feeCount: Number(x.fee_count), rewards: BigInt(x.rewards), rewardCount: Number(x.reward_count),
    protocolTake: BigInt(x.protocol_take), minted: BigInt(x.minted), burned: BigInt(x.burned), capacityAdded: BigInt(x.capacity_added),
    capacityRemoved: BigInt(x.capacity_removed), nodesRegistered: Number(x.nodes_registered), nodesDeregistered: Number(x.nodes_deregistered),
    leasesOpened: Number(x.leases_opened), leasesClosed: Number(x.leases_closed), events: Number(x.event_count),
    feesSettled: BigInt(x.fees_settled), bonded: BigInt(x.bonded), unbonded: BigInt(x.unbonded), locked: BigInt(x.locked), unlocked: BigInt(x.unlocked),
    feesUnpriced: BigInt(x.fees_unpriced),
  }
}

/** A network's stored DAY rollups, per UTC day, in the shape of recomputeChain()'s NetDay. */
export async function storedDays(pool: pg.Pool, network: string): Promise<Map<string, NetDay>> {
  const r = await pool.query(
    `SELECT to_char(period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, ${STAT_COLUMNS} FROM network_stat WHERE network = $1 AND interval = 'DAY' ORDER BY period_start`,
    [network],
  )
  return new Map(r.rows.map((x) => [x.day as string, asNetDay(x)]))
}

/** The chain cursor (last indexed block) of a chain, or undefined. */
export async function cursorOf(pool: pg.Pool, chainId: number): Promise<{ height: number; hash: string } | undefined> {
  return (await pool.query('SELECT height, hash FROM chain_cursor WHERE id = $1', [String(chainId)])).rows[0]
}

/** Settings that leave only one devnet chain running: every other chain points at a closed port (no node is started for it). */
export function onlyChain(slug: string): Record<string, string> {
  const closed = 'http://127.0.0.1:9'
  return Object.fromEntries(chains.filter((c) => c.id !== slug).map((c) => [chainEnvNames(c).rpc, closed]))
}
