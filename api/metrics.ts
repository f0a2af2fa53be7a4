/** Derived metrics for the API: loads rollups and prices, applies indexer/metrics.ts deriveMetrics. */
import type pg from 'pg'
import { deriveMetrics, type DerivedMetrics, type Interval, type PeriodPrices, type RollupRow } from '../indexer/metrics'
import { networkById, type NetworkDef } from '../indexer/registry'

const DAY_MS = 86_400_000

/** Where an asset's imported prices come from (the latest import's source), or null. */
export async function priceSource(pool: pg.Pool, asset: string): Promise<string | null> {
  const r = await pool.query(`SELECT source FROM token_price WHERE asset = $1 ORDER BY period_start DESC LIMIT 1`, [asset])
  return r.rows[0]?.source ?? null
}

/** USD prices of an asset by period start (ms), carried forward over gaps. */
async function priceSeries(pool: pg.Pool, asset: string, interval: Interval): Promise<(t: number) => number | null> {
  const r = await pool.query(
    `SELECT period_start, price::float8 AS price, interval FROM token_price WHERE asset = $1 AND (interval = 'DAY' OR interval = $2) ORDER BY period_start`,
    [asset, interval],
  )
  const day = r.rows.filter((x) => x.interval === 'DAY').map((x) => [x.period_start.getTime(), x.price] as const)
  const hour = new Map(r.rows.filter((x) => x.interval === 'HOUR').map((x) => [x.period_start.getTime(), x.price]))
  const daily = lastDailyAtOrBefore(day)
  return (t: number) => (interval === 'HOUR' && hour.has(t) ? hour.get(t)! : daily(t))
}

/** Over daily [period start ms, value] pairs in time order: the last value at or before the day of t (binary search). */
function lastDailyAtOrBefore(day: readonly (readonly [number, number])[]): (t: number) => number | null {
  return (t: number) => {
    const d = Math.floor(t / DAY_MS) * DAY_MS
    let lo = 0
    let hi = day.length - 1
    let best: number | null = null
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (day[mid][0] <= d) {
        best = day[mid][1]
        lo = mid + 1
      } else hi = mid - 1
    }
    return best
  }
}

/** The imported market cap of an asset (CoinGecko `market_cap`) by period start (ms): the last daily value at or before the day. */
async function marketCapSeries(pool: pg.Pool, asset: string): Promise<(t: number) => number | null> {
  const r = await pool.query(
    `SELECT period_start, market_cap::float8 AS market_cap FROM token_price WHERE asset = $1 AND interval = 'DAY' AND market_cap IS NOT NULL ORDER BY period_start`,
    [asset],
  )
  return lastDailyAtOrBefore(r.rows.map((x) => [x.period_start.getTime(), x.market_cap] as const))
}

export async function networkMetrics(pool: pg.Pool, net: NetworkDef, interval: Interval): Promise<DerivedMetrics[]> {
  const r = await pool.query(`SELECT * FROM network_stat WHERE network = $1 AND interval = $2 ORDER BY period_start`, [net.id, interval])
  const rows: RollupRow[] = r.rows.map((s) => ({
    periodStart: s.period_start, feesNative: BigInt(s.fees_native), feesUsd: Number(s.fees_usd), feesUnpricedNative: BigInt(s.fees_unpriced_native),
    feesOtherUsd: Number(s.fees_other_usd), protocolTakeOtherUsd: Number(s.protocol_take_other_usd),
    feesRefundedNative: BigInt(s.fees_refunded_native), rewardsNative: BigInt(s.rewards_native), protocolTakeNative: BigInt(s.protocol_take_native),
    mintedNative: BigInt(s.minted_native), burnedNative: BigInt(s.burned_native), lockedNative: BigInt(s.locked_native),
    unlockedNative: BigInt(s.unlocked_native), capacityAdded: BigInt(s.capacity_added),
    capacityRemoved: BigInt(s.capacity_removed), leasesOpened: s.leases_opened, leasesClosed: s.leases_closed,
    leasedCapacityAdded: BigInt(s.leased_capacity_added), leasedCapacityRemoved: BigInt(s.leased_capacity_removed),
  }))
  const tokenAsset = net.price?.asset ?? net.token.symbol
  const token = await priceSeries(pool, tokenAsset, interval)
  // a protocol-fixed price; or, for an asset priced by its own contract's events (DCX), the price before the first
  // event (fees after it are valued at each event by the rollup, so only earlier fees are left unpriced)
  const fixed = net.feeAsset.fixedUsdPrice?.usd ?? net.feeAsset.onchainPrice?.initialUsd
  const fee = fixed != null ? () => fixed : net.feeAsset.symbol === net.token.symbol ? token : await priceSeries(pool, net.feeAsset.symbol, interval)
  const importedCap = await marketCapSeries(pool, tokenAsset)
  const prices: PeriodPrices[] = rows.map((x) => ({ token: token(x.periodStart.getTime()), feeAsset: fee(x.periodStart.getTime()), marketCap: importedCap(x.periodStart.getTime()) }))
  return deriveMetrics(rows, prices, {
    tokenDecimals: net.token.decimals,
    feeAssetDecimals: net.feeAsset.decimals,
    feeAssetIsToken: net.feeAsset.symbol === net.token.symbol,
    takeInFeeAsset: net.takeInFeeAsset ?? false,
    maxSupply: net.token.maxSupply ?? null,
    leasesUseCapacity: net.leasesUseCapacity ?? false,
    supplyFromMints: net.supplyFromMints ?? true,
    leasedCapacity: net.leasedCapacity ?? false,
  }, interval)
}

export interface ProviderCounts {
  activeProviders: number
  newProviders: number
  /** providers whose last activity was CHURN_DAYS before this day (null until the window has passed) */
  churnedProviders: number | null
}

/** One row of ProviderCountDay: providers of a network on a UTC day. */
export interface ProviderCountRow {
  day: Date
  /** providers with a supply-side fact that day */
  active: number
  /** providers whose first such day it is */
  new: number
  /** providers whose latest such day it is (so far) */
  last: number
}

/**
 * Active, new and churned providers per UTC day, from the ProviderCountDay rollup (one row per day with provider
 * activity): every day from the first to the last active day, churned = last-active providers CHURN_DAYS before
 * (null until the window has passed since the first day).
 */
export async function providerCounts(pool: pg.Pool, network: string, churnDays: number): Promise<Map<number, ProviderCounts>> {
  const r = await pool.query(
    `SELECT day, active_providers AS active, new_providers AS new, last_active_providers AS last FROM provider_count_day WHERE network = $1 ORDER BY day`,
    [network],
  )
  return providerCountsByDay(r.rows, churnDays)
}

/** providerCounts on rows already read (ordered by day): days without a row have 0 active and new providers. */
export function providerCountsByDay(rows: ProviderCountRow[], churnDays: number): Map<number, ProviderCounts> {
  const byDay = new Map<number, ProviderCountRow>(rows.map((x) => [x.day.getTime(), x]))
  const out = new Map<number, ProviderCounts>()
  if (rows.length === 0) return out
  const first = rows[0].day.getTime()
  const last = rows[rows.length - 1].day.getTime()
  const churnMs = churnDays * DAY_MS
  for (let t = first; t <= last; t += DAY_MS) {
    const c = byDay.get(t)
    out.set(t, {
      activeProviders: c?.active ?? 0, newProviders: c?.new ?? 0,
      churnedProviders: t >= first + churnMs ? byDay.get(t - churnMs)?.last ?? 0 : null,
    })
  }
  return out
}

export function window<T extends { periodStart: Date }>(xs: T[], from: Date | null, to: Date | null, limit: number): T[] {
  const inRange = xs.filter((x) => (!from || x.periodStart >= from) && (!to || x.periodStart <= to))
  return inRange.slice(Math.max(0, inRange.length - limit))
}

export { networkById }

/** A `networkMetrics` row as the API answers it: the derived metrics with the network's identity and provider counts. */
export type NetworkMetricsRow = DerivedMetrics & ProviderCounts & {
  network: string
  category: string
  interval: Interval
  capacityUnit: string | null
  priceSource: string | null
}

/**
 * The rows of `networkMetrics` (GraphQL) and of the `daily_metrics` export: one place that joins a network's derived
 * series with its provider counts (DAY rows; a day without provider activity has 0 active and new providers; hourly
 * rows have none).
 */
export function networkMetricsRows(net: NetworkDef, interval: Interval, series: DerivedMetrics[], providers: Map<number, ProviderCounts>, source: string | null): NetworkMetricsRow[] {
  const none = interval === 'DAY' ? { activeProviders: 0, newProviders: 0, churnedProviders: null } : { activeProviders: null, newProviders: null, churnedProviders: null }
  return series.map((m) => ({
    ...m, network: net.id, category: net.category, interval, capacityUnit: net.capacityUnit ?? null, priceSource: source,
    ...(interval === 'DAY' ? providers.get(m.periodStart.getTime()) ?? none : none),
  })) as NetworkMetricsRow[]
}
