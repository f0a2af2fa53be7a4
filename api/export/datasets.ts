/**
 * What can be exported (GET /export/<dataset>.<format>): each dataset's SQL, typed columns and which filter
 * means which column. SQL is built from these constant fragments only; filter values are bound parameters.
 */
import { categories, networks } from '../../indexer/registry'
import { entityModel } from '../entities/model'
import { quote } from '../entities/sql'
import { binaryWireSql } from './copy-binary'

/** How a column is typed in every format: decimals (base units, up to 78 digits) travel as exact strings. */
export type ColumnKind = 'text' | 'int' | 'decimal' | 'float' | 'timestamp' | 'json'

export interface Column {
  name: string
  /** SQL expression over the dataset's FROM clause */
  sql: string
  kind: ColumnKind
}

export type FilterName = 'network' | 'category' | 'from' | 'to' | 'provider'

export interface Dataset {
  id: string
  description: string
  from: string
  columns: Column[]
  /** SQL column of the network id (network and category filters) */
  network: string
  /**
   * the span of a row (start and end; the same column for events and rollups): rows overlapping [from, to)
   * are exported, i.e. end >= from and start < to (leases live in the window, providers active in it)
   */
  time: { from: string; to: string }
  /** column matched by `provider`, if the dataset has one */
  provider?: string
  /** fixed conditions of the dataset (e.g. the DAY interval) */
  where?: string
  /** a total order along an index, so the cursor streams without sorting */
  orderBy: string
}

const col = (name: string, kind: ColumnKind, sql = name): Column => ({ name, sql, kind })

/** `amount` (numeric base units) / 10^`decimals` as exact decimal text without trailing zeros ("-1.5", "0", "12") */
function scaledSql(amount: string, decimals: string): string {
  const unit = `('1' || repeat('0', ${decimals}))::numeric`
  return `CASE WHEN ${amount} IS NULL THEN NULL ELSE (CASE WHEN ${amount} < 0 THEN '-' ELSE '' END) || div(abs(${amount}), ${unit})::text ||
    CASE WHEN mod(abs(${amount}), ${unit}) = 0 THEN '' ELSE '.' || rtrim(lpad(mod(abs(${amount}), ${unit})::text, ${decimals}, '0'), '0') END END`
}

/**
 * The columns of an entity of schema.graphql, in its order, typed by its GraphQL types: a field added to the
 * schema is exported without touching this file.
 */
function entityColumns(entityName: string, alias: string, opts: { exclude?: string[]; after?: Record<string, Column> } = {}): Column[] {
  const e = entityModel().entities.find((x) => x.name === entityName)
  if (!e) throw new Error(`schema.graphql has no entity ${entityName}`)
  const out: Column[] = []
  for (const f of e.fields) {
    if (opts.exclude?.includes(f.name)) continue
    const c = `${alias}.${quote(f.column)}`
    const kind: ColumnKind = f.kind === 'json' ? 'json' : f.kind === 'list' ? 'json'
      : f.type === 'BigInt' ? 'decimal' : f.type === 'Float' ? 'float' : f.type === 'Int' ? 'int' : f.type === 'DateTime' ? 'timestamp' : 'text'
    const sql = f.kind === 'list' ? `to_jsonb(${c})` : kind === 'decimal' ? `${c}::text` : kind === 'float' ? `${c}::float8` : f.type === 'Boolean' ? `${c}::text` : c
    out.push(col(f.column, kind, sql))
    const extra = opts.after?.[f.name]
    if (extra) out.push(extra)
  }
  return out
}

const stats = (id: string, interval: 'DAY' | 'HOUR'): Dataset => ({
  id,
  description: `network_stat ${interval} rollups with fees in USD and the decimals of the fee asset and token`,
  from: 'network_stat s JOIN network n ON n.id = s.network',
  columns: [
    ...entityColumns('NetworkStat', 's', { exclude: ['id', 'interval'] }),
    col('fee_asset', 'text', 'n.fee_asset'), col('fee_asset_decimals', 'int', 'n.fee_asset_decimals'),
    col('token_symbol', 'text', 'n.token_symbol'), col('token_decimals', 'int', 'n.token_decimals'),
  ],
  network: 's.network',
  time: { from: 's.period_start', to: 's.period_start' },
  where: `s.interval = '${interval}'`,
  orderBy: 's.network, s.interval, s.period_start',
})

export const datasets: Dataset[] = [
  {
    id: 'events',
    description: 'economic facts (fees, rewards, supply, stake, nodes, leases) with their chain references',
    from: 'economic_fact f',
    // amount_decimal: amount / 10^decimals, exact (integer division and remainder of numerics), without trailing zeros
    columns: entityColumns('EconomicFact', 'f', { after: { decimals: col('amount_decimal', 'decimal', scaledSql('f.amount', 'f.decimals')) } }),
    network: 'f.network',
    time: { from: 'f.timestamp', to: 'f.timestamp' },
    provider: 'f.actor',
    orderBy: 'f.id',
  },
  {
    id: 'raw_events',
    description: 'decoded logs of the watched contracts, verbatim (arguments as JSON, integers as decimal strings)',
    from: 'raw_event r',
    columns: entityColumns('RawEvent', 'r'),
    network: 'r.network',
    time: { from: 'r.timestamp', to: 'r.timestamp' },
    orderBy: 'r.id',
  },
  stats('daily_stats', 'DAY'),
  stats('hourly_stats', 'HOUR'),
  {
    id: 'leases',
    description: 'leases from open to close with their terms (price per unit, resources) and what they cost',
    from: 'lease l',
    columns: entityColumns('Lease', 'l'),
    network: 'l.network',
    // opened before the indexed range: since forever; still open: until now and on
    time: { from: `coalesce(l.opened_at, '-infinity')`, to: `coalesce(l.closed_at, 'infinity')` },
    provider: 'l.provider',
    orderBy: 'l.id',
  },
  {
    id: 'providers',
    description: 'providers with first and last activity, declared capacity, fees and rewards received, leases',
    from: 'provider p',
    columns: entityColumns('Provider', 'p'),
    network: 'p.network',
    time: { from: 'p.first_seen', to: 'p.last_seen' },
    provider: 'p.address',
    orderBy: 'p.id',
  },
]

export const datasetById = (id: string) => datasets.find((d) => d.id === id)

/** Networks of a category: its primary category or one of its categories (as the GraphQL `networks(category:)`). */
export const networksOfCategory = (category: string) =>
  networks.filter((n) => n.category === category || (n.categories ?? []).includes(category)).map((n) => n.id)

export const categoryIds = categories.map((c) => c.id)
export const networkIds = networks.map((n) => n.id)

export interface ExportFilters {
  networks?: string[]
  category?: string
  from?: Date
  to?: Date
  provider?: string
}

/**
 * How the SELECT gives the values: `sql` as the database types them (the COPY reference), `csv` as CSV text
 * (timestamps as ISO 8601 UTC with milliseconds), `binary` for the column formats (each column cast to the one
 * binary type its kind travels as, read by copy-binary.ts).
 */
export type Wire = 'sql' | 'csv' | 'binary'

function wireSql(c: Column, wire: Wire): string {
  if (wire === 'binary') return binaryWireSql(c)
  if (c.kind !== 'timestamp' || wire === 'sql') return c.sql
  return `to_char(${c.sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
}

/**
 * The dataset's SELECT with the filters as bound parameters, or, with `literal` (COPY takes no parameters), as
 * literals made by it (pg's escapeLiteral).
 */
export function buildQuery(d: Dataset, f: ExportFilters, opts: { wire?: Wire; literal?: (s: string) => string } = {}): { text: string; values: unknown[] } {
  const where: string[] = d.where ? [d.where] : []
  const values: unknown[] = []
  const lit = opts.literal
  const param = (v: unknown) => {
    if (lit) return Array.isArray(v) ? `ARRAY[${v.map((x) => lit(String(x))).join(', ')}]::text[]` : lit(v instanceof Date ? v.toISOString() : String(v))
    values.push(v)
    return `$${values.length}`
  }
  if (f.networks) where.push(`${d.network} = ANY(${param(f.networks)}::text[])`)
  if (f.category) where.push(`${d.network} = ANY(${param(networksOfCategory(f.category))}::text[])`)
  if (f.from) where.push(`${d.time.to} >= ${param(f.from)}::timestamptz`)
  if (f.to) where.push(`${d.time.from} < ${param(f.to)}::timestamptz`)
  if (f.provider) {
    if (!d.provider) throw new Error(`dataset ${d.id} has no provider column`)
    where.push(`${d.provider} = ${param(f.provider)}`)
  }
  const text = `SELECT ${d.columns.map((c) => `${wireSql(c, opts.wire ?? 'sql')} AS "${c.name}"`).join(', ')} FROM ${d.from}` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') + ` ORDER BY ${d.orderBy}`
  return { text, values }
}
