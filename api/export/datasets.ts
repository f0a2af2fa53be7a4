/**
 * What can be exported (GET /export/<dataset>.<format>): each dataset's SQL, typed columns and which filter
 * means which column. SQL is built from these constant fragments only; filter values are bound parameters.
 */
import { categories, networks } from '../../indexer/registry'

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

const statColumns: Column[] = [
  col('network', 'text', 's.network'), col('category', 'text', 's.category'), col('period_start', 'timestamp', 's.period_start'),
  col('fee_asset', 'text', 'n.fee_asset'), col('fee_asset_decimals', 'int', 'n.fee_asset_decimals'),
  col('token_symbol', 'text', 'n.token_symbol'), col('token_decimals', 'int', 'n.token_decimals'),
  ...(['fees_native'] as const).map((c) => col(c, 'decimal', `s.${c}::text`)),
  col('fees_usd', 'float', 's.fees_usd::float8'),
  ...[
    'fees_unpriced_native', 'fees_settled_native', 'fees_refunded_native', 'fees_shared_native', 'rewards_native', 'protocol_take_native',
    'minted_native', 'burned_native', 'locked_native', 'unlocked_native', 'bonded_native', 'unbonded_native', 'capacity_added', 'capacity_removed',
  ].map((c) => col(c, 'decimal', `s.${c}::text`)),
  ...['fee_count', 'reward_count', 'nodes_registered', 'nodes_deregistered', 'leases_opened', 'leases_closed', 'event_count', 'last_block'].map((c) =>
    col(c, 'int', `s.${c}`)),
]

const stats = (id: string, interval: 'DAY' | 'HOUR'): Dataset => ({
  id,
  description: `network_stat ${interval} rollups with fees in USD and the decimals of the fee asset and token`,
  from: 'network_stat s JOIN network n ON n.id = s.network',
  columns: statColumns,
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
    columns: [
      col('id', 'text', 'f.id'), col('network', 'text', 'f.network'), col('category', 'text', 'f.category'), col('kind', 'text', 'f.kind'),
      col('asset', 'text', 'f.asset'), col('amount', 'decimal', 'f.amount::text'), col('decimals', 'int', 'f.decimals'),
      col('amount_decimal', 'decimal', 'f.amount::text'), // scaled by decimals in the row mapper (exact, no float)
      col('actor', 'text', 'f.actor'), col('counterparty', 'text', 'f.counterparty'), col('subject', 'text', 'f.subject'), col('unit', 'text', 'f.unit'),
      col('chain_id', 'int', 'f.chain_id'), col('block_number', 'int', 'f.block_number'), col('timestamp', 'timestamp', 'f.timestamp'),
      col('tx_hash', 'text', 'f.tx_hash'), col('log_index', 'int', 'f.log_index'), col('raw_event', 'text', 'f.raw_event'),
      col('provenance', 'text', 'f.provenance'),
    ],
    network: 'f.network',
    time: { from: 'f.timestamp', to: 'f.timestamp' },
    provider: 'f.actor',
    orderBy: 'f.id',
  },
  {
    id: 'raw_events',
    description: 'decoded logs of the watched contracts, verbatim (arguments as JSON, integers as decimal strings)',
    from: 'raw_event r',
    columns: [
      col('id', 'text', 'r.id'), col('network', 'text', 'r.network'), col('chain_id', 'int', 'r.chain_id'), col('contract', 'text', 'r.contract'),
      col('contract_name', 'text', 'r.contract_name'), col('name', 'text', 'r.name'), col('topic0', 'text', 'r.topic0'),
      col('block_number', 'int', 'r.block_number'), col('block_hash', 'text', 'r.block_hash'), col('timestamp', 'timestamp', 'r.timestamp'),
      col('tx_hash', 'text', 'r.tx_hash'), col('log_index', 'int', 'r.log_index'), col('args', 'json', 'r.args'),
    ],
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
    columns: [
      col('id', 'text', 'l.id'), col('network', 'text', 'l.network'), col('category', 'text', 'l.category'), col('chain_id', 'int', 'l.chain_id'),
      col('lease_id', 'text', 'l.lease_id'), col('provider', 'text', 'l.provider'), col('payer', 'text', 'l.payer'), col('status', 'text', 'l.status'),
      col('price', 'decimal', 'l.price::text'), col('price_asset', 'text', 'l.price_asset'), col('price_decimals', 'int', 'l.price_decimals'),
      col('price_unit', 'text', 'l.price_unit'), col('resources', 'json', 'l.resources'),
      col('opened_at', 'timestamp', 'l.opened_at'), col('opened_block', 'int', 'l.opened_block'), col('opened_tx', 'text', 'l.opened_tx'),
      col('closed_at', 'timestamp', 'l.closed_at'), col('closed_block', 'int', 'l.closed_block'), col('closed_tx', 'text', 'l.closed_tx'),
      col('spent', 'decimal', 'l.spent::text'), col('provenance', 'text', 'l.provenance'),
    ],
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
    columns: [
      col('id', 'text', 'p.id'), col('network', 'text', 'p.network'), col('category', 'text', 'p.category'), col('address', 'text', 'p.address'),
      col('first_seen', 'timestamp', 'p.first_seen'), col('first_block', 'int', 'p.first_block'), col('last_seen', 'timestamp', 'p.last_seen'),
      col('last_block', 'int', 'p.last_block'), col('capacity', 'decimal', 'p.capacity::text'), col('unit', 'text', 'p.unit'),
      col('fees_native', 'decimal', 'p.fees_native::text'), col('rewards_native', 'decimal', 'p.rewards_native::text'),
      col('leases_opened', 'int', 'p.leases_opened'), col('leases_closed', 'int', 'p.leases_closed'), col('facts', 'int', 'p.facts'),
    ],
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

/** The dataset's SELECT with the filters as bound parameters. */
export function buildQuery(d: Dataset, f: ExportFilters): { text: string; values: unknown[] } {
  const where: string[] = d.where ? [d.where] : []
  const values: unknown[] = []
  const param = (v: unknown) => {
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
  const text = `SELECT ${d.columns.map((c) => `${c.sql} AS "${c.name}"`).join(', ')} FROM ${d.from}` +
    (where.length ? ` WHERE ${where.join(' AND ')}` : '') + ` ORDER BY ${d.orderBy}`
  return { text, values }
}
