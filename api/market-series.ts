/**
 * The market views' data in one compact answer (`marketSeries` query): what the overview and a category page draw,
 * aggregated on the server from the daily `networkMetrics` rows, so a 5-year view of 20 networks is a few hundred
 * points per series instead of every day of every network.
 *
 * The rule is the dashboard's (dashboard/src/market.ts, README "Dashboard"), with the same windows and buckets
 * (common/series.ts):
 * - the window ends on the latest UTC day any network in view has a row for and spans `days` (all when null),
 *   never starting before the first row; the previous period is the same number of days just before it, and it is
 *   compared with (`hasPrevious`) only when fully indexed: the first row is at or before its first day;
 * - per network: fees and incentives USD summed over the window and the previous period (unknown values skipped,
 *   null when all are unknown); levels (price, market cap, FDV, capacity...) from its latest row at or before the
 *   window's end and the previous period's end;
 * - per network and bucket (day, ISO week or month; coarser while the window has more than MAX_BUCKETS of them):
 *   flows summed, levels at the bucket's last day (carried forward), in columns aligned with `periods`.
 * `version` is a hash of the answer: a client that passes it back as `ifNoneMatch` gets `changed: false` and no
 * data while nothing changed (live polling without redraws).
 */
import { createHash } from 'node:crypto'
import type pg from 'pg'
import type { MarketColumns, MarketLevels as MarketLevelsOf, MarketSeriesNetwork as MarketSeriesNetworkOf } from '../common/market'
import { aggregate, buckets, type Agg, DAY_MS, dayStart, drawInterval, sumNullable, windowOf, type IntervalId } from '../common/series'
import type { DerivedMetrics } from '../indexer/metrics'
import { categories as registryCategories, networkById, networks as registryNetworks, type NetworkDef } from '../indexer/registry'
import { badInput } from './entities/sql'
import { networkMetrics } from './metrics'
import type { SeriesSource } from './series-memo'

/** The daily fields a market view reads (a subset of `networkMetrics`). */
export type MarketDay = Pick<DerivedMetrics, 'price' | 'marketCap' | 'fdv' | 'feesUsd' | 'incentivesUsd' | 'demandRewardsRatio30d' | 'annualizedFeesUsd' | 'pf' | 'capacity' | 'activeLeases' | 'utilization'> & {
  periodStart: Date
}

/** The columns of the bucketed series and how a bucket aggregates them. */
const COLUMNS: { [K in keyof MarketColumns]: Agg } = { marketCap: 'last', feesUsd: 'sum', incentivesUsd: 'sum', capacity: 'last', activeLeases: 'last', utilization: 'last' }

export type MarketLevels = MarketLevelsOf<Date>
export type MarketSeriesNetwork = MarketSeriesNetworkOf<Date>

export interface MarketSeries {
  version: string
  changed: boolean
  window: { from: Date; to: Date; prevFrom: Date; days: number; hasPrevious: boolean; previousPartial: boolean } | null
  interval: 'DAY' | 'WEEK' | 'MONTH' | null
  periods: Date[] | null
  periodDays: number[] | null
  networks: MarketSeriesNetwork[] | null
}

export interface MarketSeriesArgs {
  category?: string | null
  networks?: string[] | null
  days?: number | null
  interval?: string | null
  ifNoneMatch?: string | null
}

/** The networks of a view: the category's (all without one), narrowed to `networks` when any of them is in it. */
export function viewNetworks(category?: string | null, networks?: string[] | null): NetworkDef[] {
  if (category != null && !registryCategories.some((c) => c.id === category)) throw badInput(`unknown category "${category}"`)
  for (const id of networks ?? []) if (!networkById(id)) throw badInput(`unknown network "${id}"`)
  const scope = registryNetworks.filter((n) => category == null || n.category === category)
  const filtered = scope.filter((n) => networks?.includes(n.id))
  return filtered.length ? filtered : scope
}

function checkArgs(args: MarketSeriesArgs): { days: number | null; interval: IntervalId } {
  const days = args.days ?? null
  if (days != null && !(Number.isInteger(days) && days >= 1 && days <= 100_000)) throw badInput(`days must be a whole number of days from 1 (or null for all), got ${days}`)
  const iv = (args.interval ?? 'DAY').toUpperCase()
  if (iv !== 'DAY' && iv !== 'WEEK' && iv !== 'MONTH') throw badInput(`marketSeries draws by DAY, WEEK or MONTH, got ${args.interval}`)
  return { days, interval: iv.toLowerCase() as IntervalId }
}

const ms = (r: { periodStart: Date }) => r.periodStart.getTime()

function latestAtOrBefore<T extends { periodStart: Date }>(rows: T[], end: number): T | undefined {
  let best: T | undefined
  for (const r of rows) if (ms(r) <= end && (!best || ms(r) > ms(best))) best = r
  return best
}

function levels(r: MarketDay | undefined, capacityUnit: string | null): MarketLevels | null {
  if (!r) return null
  return {
    periodStart: r.periodStart, price: r.price, marketCap: r.marketCap, fdv: r.fdv, annualizedFeesUsd: r.annualizedFeesUsd,
    pf: r.pf, demandRewardsRatio30d: r.demandRewardsRatio30d, capacity: r.capacity, capacityUnit,
  }
}

const sumIn = (rows: MarketDay[], from: number, to: number, k: 'feesUsd' | 'incentivesUsd') =>
  sumNullable(rows.filter((r) => ms(r) >= from && ms(r) <= to).map((r) => r[k]))

/**
 * The market series of networks from their daily rows (pure: the API reads the rows from the rollups, the dashboard
 * benchmark passes synthetic ones). `now` stands in for the last day when no network has a row.
 */
export function marketSeriesOf(nets: { net: { id: string; capacityUnit?: string | null }; rows: MarketDay[] }[], args: MarketSeriesArgs, now = Date.now()): MarketSeries {
  const { days, interval: asked } = checkArgs(args)
  let first = Infinity
  let last = -Infinity
  for (const { rows } of nets) {
    for (const r of rows) {
      first = Math.min(first, ms(r))
      last = Math.max(last, ms(r))
    }
  }
  if (!Number.isFinite(last)) last = first = dayStart(now)
  const w = windowOf(days, last, first)
  const interval = drawInterval(asked, w.span)
  const bs = buckets(w.from, w.to, interval)
  const prevTo = w.from - DAY_MS
  const out: Omit<MarketSeries, 'version' | 'changed'> = {
    // the previous period counts only when it is fully indexed: a partly indexed one would be compared as if whole
    window: { from: new Date(w.from), to: new Date(w.to), prevFrom: new Date(w.prevFrom), days: w.span, hasPrevious: first <= w.prevFrom, previousPartial: first > w.prevFrom && first < w.from },
    interval: interval.toUpperCase() as 'DAY' | 'WEEK' | 'MONTH',
    periods: bs.map((b) => new Date(b.t)),
    periodDays: bs.map((b) => b.days),
    networks: nets.map(({ net, rows }) => {
      const agg = aggregate(rows.map((r) => ({ ...r, periodStart: r.periodStart.toISOString() })), bs, interval, COLUMNS, w.from)
      const series = Object.fromEntries(Object.keys(COLUMNS).map((k) => [k, agg.map((b) => b[k] as number | null)])) as unknown as MarketColumns
      const unit = net.capacityUnit ?? null
      return {
        network: net.id,
        latest: levels(latestAtOrBefore(rows, w.to), unit),
        previous: levels(latestAtOrBefore(rows, prevTo), unit),
        feesUsd: sumIn(rows, w.from, w.to, 'feesUsd'),
        incentivesUsd: sumIn(rows, w.from, w.to, 'incentivesUsd'),
        previousFeesUsd: sumIn(rows, w.prevFrom, prevTo, 'feesUsd'),
        previousIncentivesUsd: sumIn(rows, w.prevFrom, prevTo, 'incentivesUsd'),
        series,
      }
    }),
  }
  const version = createHash('sha1').update(JSON.stringify(out)).digest('base64url').slice(0, 16)
  if (args.ifNoneMatch === version) return { version, changed: false, window: null, interval: null, periods: null, periodDays: null, networks: null }
  return { version, changed: true, ...out }
}

/** `marketSeries` from the rollups (every network's daily `networkMetrics`, through `series`: api/series-memo.ts in the API). */
export async function marketSeries(pool: pg.Pool, args: MarketSeriesArgs, series: SeriesSource = (net, interval) => networkMetrics(pool, net, interval)): Promise<MarketSeries> {
  checkArgs(args)
  const nets = viewNetworks(args.category, args.networks)
  const data = await Promise.all(nets.map(async (net) => ({ net, rows: await series(net, 'DAY') })))
  return marketSeriesOf(data, args)
}
