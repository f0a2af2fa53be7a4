/**
 * Exports computed by the API rather than selected from a table: `daily_metrics`, the derived daily metrics per
 * network exactly as `networkMetrics(interval: DAY)` answers them (api/metrics.ts networkMetricsRows over
 * indexer/metrics.ts deriveMetrics: market cap, fees and incentives USD, capacity, utilization, supply, provider
 * counts...), i.e. the numbers the dashboard's charts draw. The rows are derived in memory (one row per network and
 * day: 20 networks × 5 years is ~37 k rows) and encoded like the table exports: CSV (csv-stringify, the same value
 * conventions as PostgreSQL's CSV of the other datasets), Arrow IPC and Parquet (formats.ts).
 */
import { stringify } from 'csv-stringify/sync'
import { makeData, RecordBatch, Struct, vectorFromArray, type Schema } from 'apache-arrow'
import type pg from 'pg'
import { CHURN_DAYS, type Interval } from '../../indexer/metrics'
import { networkById, networks as registryNetworks, type NetworkDef } from '../../indexer/registry'
import { networkMetrics, networkMetricsRows, priceSource, providerCounts, type NetworkMetricsRow } from '../metrics'
import type { SeriesSource } from '../series-memo'
import { networksOfCategory, type Column, type ColumnKind, type ExportFilters } from './datasets'
import type { ExportStats, OpenExport } from './export'
import { arrowSchema, encode, type Format } from './formats'

/** A column of a derived dataset: its name in the files, its type, the field of the row it holds. */
export interface DerivedColumn extends Pick<Column, 'name' | 'kind'> {
  field: keyof NetworkMetricsRow | 'feeAsset'
}

export interface DerivedDataset {
  id: string
  description: string
  columns: DerivedColumn[]
  /** derived datasets have no provider column */
  provider?: undefined
}

/** Where the derived rows come from: the database, and the API's memoized series when it has them (api/series-memo.ts). */
export interface DerivedSource {
  pool: pg.Pool
  series?: SeriesSource
}

const c = (name: string, kind: ColumnKind, field: DerivedColumn['field']): DerivedColumn => ({ name, kind, field })

export const dailyMetrics: DerivedDataset = {
  id: 'daily_metrics',
  description: 'derived daily metrics per network, as GraphQL networkMetrics(interval: DAY) answers them (what the dashboard charts draw)',
  columns: [
    c('network', 'text', 'network'), c('category', 'text', 'category'), c('period_start', 'timestamp', 'periodStart'),
    c('price', 'float', 'price'), c('price_source', 'text', 'priceSource'),
    c('total_supply', 'float', 'totalSupply'), c('circulating_supply', 'float', 'circulatingSupply'),
    c('market_cap', 'float', 'marketCap'), c('market_cap_basis', 'text', 'marketCapBasis'), c('fdv', 'float', 'fdv'), c('fdv_basis', 'text', 'fdvBasis'),
    c('fees', 'float', 'fees'), c('fee_asset', 'text', 'feeAsset'), c('fees_usd', 'float', 'feesUsd'), c('fees_valuation', 'text', 'feesValuation'),
    c('protocol_revenue_usd', 'float', 'protocolRevenueUsd'), c('supply_side_revenue_usd', 'float', 'supplySideRevenueUsd'),
    c('incentives', 'float', 'incentives'), c('incentives_usd', 'float', 'incentivesUsd'), c('earnings_usd', 'float', 'earningsUsd'),
    c('demand_rewards_ratio_7d', 'float', 'demandRewardsRatio7d'), c('demand_rewards_ratio_30d', 'float', 'demandRewardsRatio30d'),
    c('annualized_fees_usd', 'float', 'annualizedFeesUsd'), c('pf', 'float', 'pf'), c('ps', 'float', 'ps'),
    c('net_issuance', 'float', 'netIssuance'), c('net_issuance_usd', 'float', 'netIssuanceUsd'), c('issuance_coverage', 'float', 'issuanceCoverage'),
    c('capacity', 'float', 'capacity'), c('capacity_unit', 'text', 'capacityUnit'), c('active_leases', 'int', 'activeLeases'),
    c('leased', 'float', 'leased'), c('utilization', 'float', 'utilization'),
    c('active_providers', 'int', 'activeProviders'), c('new_providers', 'int', 'newProviders'), c('churned_providers', 'int', 'churnedProviders'),
  ],
}

export const derivedDatasets: DerivedDataset[] = [dailyMetrics]
export const derivedDatasetById = (id: string) => derivedDatasets.find((d) => d.id === id)

/** The networks an export's filters select, in id order (as the table exports order by network). */
function selectedNetworks(f: ExportFilters): NetworkDef[] {
  let ids = registryNetworks.map((n) => n.id)
  if (f.networks) ids = ids.filter((id) => f.networks!.includes(id))
  if (f.category) {
    const inCategory = networksOfCategory(f.category)
    ids = ids.filter((id) => inCategory.includes(id))
  }
  return ids.sort().map((id) => networkById(id)!)
}

/** The dataset's rows for the filters: each selected network's days with from <= day < to, by network then day. */
export type DailyMetricsRow = NetworkMetricsRow & { feeAsset: string }

export async function dailyMetricsRows(src: DerivedSource, f: ExportFilters): Promise<DailyMetricsRow[]> {
  const interval: Interval = 'DAY'
  const perNetwork = await Promise.all(selectedNetworks(f).map(async (net) => {
    const asset = net.price?.asset ?? net.token.symbol
    const [series, providers, source] = await Promise.all([
      src.series ? src.series(net, interval) : networkMetrics(src.pool, net, interval),
      providerCounts(src.pool, net.id, CHURN_DAYS),
      priceSource(src.pool, asset),
    ])
    const inRange = series.filter((m) => (!f.from || m.periodStart >= f.from) && (!f.to || m.periodStart < f.to))
    return networkMetricsRows(net, interval, inRange, providers, source).map((r) => ({ ...r, feeAsset: net.feeAsset.symbol }))
  }))
  return perNetwork.flat()
}

/** rows per Arrow record batch / Parquet row group */
const BATCH_ROWS = 10_000

function toBatch(schema: Schema, columns: DerivedColumn[], rows: DailyMetricsRow[]): RecordBatch {
  const children = columns.map((col, i) => {
    const values = rows.map((r) => {
      const v = r[col.field]
      return v == null ? null : v instanceof Date ? v.getTime() : v
    })
    return vectorFromArray(values as never[], schema.fields[i].type).data[0]
  })
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows.length, nullCount: 0, children }))
}

/** CSV cells: timestamps as ISO 8601 UTC with milliseconds (as the table exports), numbers in full, unknown empty. */
function toCsv(columns: DerivedColumn[], rows: DailyMetricsRow[]): string {
  const records = rows.map((r) => columns.map((col) => {
    const v = r[col.field]
    return v == null ? null : v instanceof Date ? v.toISOString() : typeof v === 'number' ? String(v) : v
  }))
  return stringify(records, { header: true, columns: columns.map((col) => col.name), record_delimiter: '\n' })
}

/** The export of a derived dataset, with the interface of a table export (export.ts openExport). */
export async function openDerivedExport(src: DerivedSource, req: { dataset: DerivedDataset; format: Format; filters: ExportFilters }): Promise<OpenExport> {
  const { dataset, format, filters } = req
  const rows = await dailyMetricsRows(src, filters)
  const stats: ExportStats = { rows: 0, bytes: 0 }
  async function* encoded(): AsyncGenerator<Uint8Array> {
    if (format === 'csv') return yield new TextEncoder().encode(toCsv(dataset.columns, rows))
    const schema = arrowSchema(dataset.columns)
    async function* batches() {
      for (let i = 0; i < rows.length; i += BATCH_ROWS) yield toBatch(schema, dataset.columns, rows.slice(i, i + BATCH_ROWS))
    }
    yield* encode(format, schema, batches())
  }
  async function* chunks(): AsyncGenerator<Uint8Array> {
    for await (const part of encoded()) {
      stats.bytes += part.byteLength
      yield part
    }
    stats.rows = rows.length
  }
  return { chunks: chunks(), stats, close: () => {} }
}
