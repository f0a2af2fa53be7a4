/**
 * What the overview and the category pages derive from their one API answer (`marketSeries`, aggregated on the
 * server by api/market-series.ts: per-network window totals, levels and bucketed series). The aggregation rule,
 * stated once:
 *
 * - The window ends on the latest UTC day any network in view has a row for and spans the URL's range (30 days by
 *   default; `all` = from the first row); the previous period is the same number of days just before it.
 * - Flows (fees USD, incentives USD) add every non-null value of every day of every network in the window; a null
 *   (no price known) is skipped, never counted as 0. A network's own sum is null when all of its values are null.
 * - Levels (price, market cap, FDV, capacity, active leases, annualized fees, P/F, demand/rewards 30d) come from each
 *   network's latest row at or before the window's end; totals add the non-null levels of the networks.
 * - The demand/rewards ratio of a group is its fees total divided by its incentives total (null when the
 *   incentives total is 0); capacity is totalled per capacity unit, never across units.
 * - Charts bucket the same rows by day, ISO week or month (common/series.ts): flows summed, levels at the bucket's
 *   last day; here the networks' buckets are added per group (category or network).
 */
import type { Category, ChainStatus, MarketData, MarketLevels, MarketSeriesNetwork, Network } from './api'
import { categoryColor, categoryShades, FALLBACK_COLOR } from './colors'
import { byGroup, DAY_MS, sumNullable, type Bucket, type BucketRow } from './series'
import type { IntervalId, ViewState } from './viewstate'

export interface NetworkRow {
  id: string
  name: string
  categoryId: string
  categoryName: string
  categoryColor: string
  chain: string
  price: number | null
  marketCap: number | null
  fdv: number | null
  feesUsd: number | null
  incentivesUsd: number | null
  annualizedFeesUsd: number | null
  pf: number | null
  demandRewards30d: number | null
  /** fees USD per bucket of the window (sparkline) */
  spark: (number | null)[]
}

export interface GroupRow {
  id: string
  name: string
  color: string
  networks: number
  marketCap: number | null
  feesUsd: number | null
  incentivesUsd: number | null
  ratio: number | null
}

export interface Totals {
  marketCap: number | null
  feesUsd: number | null
  incentivesUsd: number | null
  ratio: number | null
  /** capacity by unit */
  capacity: { unit: string; value: number }[]
}

export interface Group {
  id: string
  name: string
  color: string
}

export interface MarketView {
  /** networks in scope (category), before the URL's network filter */
  scope: Network[]
  /** networks shown (scope ∩ filter) */
  shown: Network[]
  categories: Category[]
  /** the groups the charts stack: categories (overview) or networks (category page) */
  groups: Group[]
  window: { from: number; to: number; prevFrom: number; span: number }
  /** the interval the charts are drawn with (the URL's, coarser when it would draw too many slots) */
  interval: IntervalId
  totals: Totals
  previous: Totals
  /** the previous period is only partly indexed (indexing began inside it): changes are not shown, and marked partial */
  previousPartial: boolean
  pricedNetworks: number
  rows: NetworkRow[]
  groupRows: GroupRow[]
  buckets: Bucket[]
  charts: {
    marketCap: BucketRow[]
    fees: BucketRow[]
    incentives: BucketRow[]
    /** capacity per group and unit: key `<group>|<unit>` */
    capacity: BucketRow[]
    capacitySeries: { key: string; group: string; unit: string }[]
    utilization: BucketRow[]
  }
  status: ChainStatus[]
}

type Levels = MarketLevels | null

/** Totals of networks from their window sums (`sums`) and levels (`levels`): known values added, unknown skipped. */
function totalsOf(nets: MarketSeriesNetwork[], sums: (n: MarketSeriesNetwork) => [number | null, number | null], levels: (n: MarketSeriesNetwork) => Levels): Totals {
  let marketCap: number | null = null
  const cap = new Map<string, number>()
  for (const n of nets) {
    const l = levels(n)
    if (l?.marketCap != null) marketCap = (marketCap ?? 0) + l.marketCap
    if (l?.capacityUnit) cap.set(l.capacityUnit, (cap.get(l.capacityUnit) ?? 0) + l.capacity)
  }
  const feesUsd = sumNullable(nets.map((n) => sums(n)[0]))
  const incentivesUsd = sumNullable(nets.map((n) => sums(n)[1]))
  return {
    marketCap, feesUsd, incentivesUsd,
    ratio: feesUsd != null && incentivesUsd ? feesUsd / incentivesUsd : null,
    capacity: [...cap].map(([unit, value]) => ({ unit, value })).sort((a, b) => a.unit.localeCompare(b.unit)),
  }
}
const current = (n: MarketSeriesNetwork): [number | null, number | null] => [n.feesUsd, n.incentivesUsd]
const before = (n: MarketSeriesNetwork): [number | null, number | null] => [n.previousFeesUsd, n.previousIncentivesUsd]

export function deriveMarket(data: MarketData, view: ViewState, category?: string): MarketView {
  const m = data.market
  const scope = data.networks.filter((n) => !category || n.category === category)
  const series = new Map(m.networks.map((n) => [n.network, n]))
  // the networks the API put in view (the URL's filter within the scope, or the whole scope)
  const shown = scope.filter((n) => series.has(n.id))
  const inView = shown.map((n) => series.get(n.id)!)
  const from = Date.parse(m.window.from)
  const to = Date.parse(m.window.to)
  const w = { from, to, prevFrom: Date.parse(m.window.prevFrom), span: m.window.days }
  const interval = m.interval.toLowerCase() as IntervalId
  const bs: Bucket[] = m.periods.map((p, i) => ({ t: Date.parse(p), day: p.slice(0, 10), periodStart: p, days: m.periodDays[i] }))
  const colorOf = (id: string) => categoryColor(data.categories, id)
  // groups: categories of the shown networks (overview) or the networks themselves (category page)
  const usedCats = new Set(shown.map((n) => n.category))
  // a category page's networks: shades of the category's colour, one per network of the whole category (stable under filters)
  const netColors = categoryShades(scope.map((n) => n.id), category ? colorOf(category) : FALLBACK_COLOR)
  const groups: Group[] = category
    ? shown.map((n) => ({ id: n.id, name: n.name, color: netColors.get(n.id)! }))
    : data.categories.filter((c) => usedCats.has(c.id)).map((c) => ({ id: c.id, name: c.name, color: c.color }))
  const groupOf = (id: string) => (category ? id : shown.find((n) => n.id === id)!.category)

  const chainName = new Map(data.indexerStatus.map((s) => [s.chain, s.name]))
  // each network's buckets as chart rows
  const members = shown.map((n) => {
    const cols = series.get(n.id)!.series
    const rows = bs.map((b, i) => {
      const r: BucketRow = { ...b }
      for (const [k, values] of Object.entries(cols)) r[k] = values[i] ?? null
      // capacity under lease in the network's own unit (deals' bytes, leased GPUs...): what its utilization measures
      r.leasedUnits = r.utilization != null && r.capacity != null ? (r.utilization as number) * (r.capacity as number) : null
      return r
    })
    return { id: n.id, rows }
  })
  const rows: NetworkRow[] = shown.map((n, i) => {
    const s = series.get(n.id)!
    const l = s.latest
    return {
      id: n.id, name: n.name, categoryId: n.category,
      categoryName: data.categories.find((c) => c.id === n.category)?.name ?? n.category,
      categoryColor: colorOf(n.category), chain: chainName.get(n.chain) ?? n.chain,
      price: l?.price ?? null, marketCap: l?.marketCap ?? null, fdv: l?.fdv ?? null,
      feesUsd: s.feesUsd, incentivesUsd: s.incentivesUsd,
      annualizedFeesUsd: l?.annualizedFeesUsd ?? null, pf: l?.pf ?? null, demandRewards30d: l?.demandRewardsRatio30d ?? null,
      spark: members[i].rows.map((r) => r.feesUsd as number | null),
    }
  })
  const groupRows: GroupRow[] = groups.map((g) => {
    const nets = inView.filter((n) => groupOf(n.network) === g.id)
    const tot = totalsOf(nets, current, (n) => n.latest)
    return { id: g.id, name: g.name, color: g.color, networks: nets.length, marketCap: tot.marketCap, feesUsd: tot.feesUsd, incentivesUsd: tot.incentivesUsd, ratio: tot.ratio }
  })

  // capacity: one series per group and unit
  const unitOf = (id: string) => series.get(id)?.latest?.capacityUnit
  const capKeys = new Map<string, { key: string; group: string; unit: string }>()
  for (const n of shown) {
    const unit = unitOf(n.id)
    if (!unit) continue
    const key = `${groupOf(n.id)}|${unit}`
    capKeys.set(key, { key, group: groupOf(n.id), unit })
  }
  const capMembers = members.filter((x) => capKeys.has(`${groupOf(x.id)}|${unitOf(x.id)}`))
  const capacity = byGroup(capMembers, (id) => `${groupOf(id)}|${unitOf(id)}`, 'capacity', bs)
  // utilization of a group: its leased capacity (each network's utilization × capacity, so a network that leases
  // bytes counts bytes, not deals) over its capacity, over the networks that report a utilization
  const utilMembers = members.filter((x) => x.rows.some((r) => r.utilization != null))
  const leased = byGroup(utilMembers, groupOf, 'leasedUnits', bs)
  const capOfUtil = byGroup(utilMembers, groupOf, 'capacity', bs)
  const utilization = bs.map((b, i) => {
    const r: BucketRow = { ...b }
    for (const g of groups) {
      const l = leased[i][g.id] as number | null | undefined
      const c = capOfUtil[i][g.id] as number | null | undefined
      if (l != null && c) r[g.id] = l / c
    }
    return r
  })

  const totals = totalsOf(inView, current, (n) => n.latest)
  const previous = totalsOf(inView, before, (n) => n.previous)
  return {
    scope, shown, categories: data.categories, groups, window: w, interval,
    totals,
    // a previous period before the first indexed day is unknown, not zero
    // a previous period before the first indexed day, or only partly after it, is unknown, not zero
    previous: m.window.hasPrevious ? previous : { marketCap: null, feesUsd: null, incentivesUsd: null, ratio: null, capacity: [] },
    previousPartial: m.window.previousPartial,
    pricedNetworks: rows.filter((r) => r.feesUsd != null || r.incentivesUsd != null).length,
    rows, groupRows, buckets: bs,
    charts: {
      marketCap: byGroup(members, groupOf, 'marketCap', bs),
      fees: byGroup(members, groupOf, 'feesUsd', bs),
      incentives: byGroup(members, groupOf, 'incentivesUsd', bs),
      capacity,
      capacitySeries: [...capKeys.values()],
      utilization,
    },
    status: data.indexerStatus,
  }
}

export type SortKey = 'name' | 'category' | 'chain' | 'price' | 'marketCap' | 'fdv' | 'feesUsd' | 'annualizedFeesUsd' | 'pf' | 'demandRewards30d'
export const SORT_KEYS: SortKey[] = ['name', 'category', 'chain', 'price', 'marketCap', 'fdv', 'feesUsd', 'annualizedFeesUsd', 'pf', 'demandRewards30d']

/** Text columns sort A→Z first, numbers high→low first; nulls always last. */
export function sortRows(rows: NetworkRow[], key: SortKey, dir: 'asc' | 'desc'): NetworkRow[] {
  const textKey = key === 'name' ? 'name' : key === 'category' ? 'categoryName' : key === 'chain' ? 'chain' : undefined
  const sign = dir === 'asc' ? 1 : -1
  return [...rows].sort((a, b) => {
    if (textKey) return sign * a[textKey].localeCompare(b[textKey]) || a.name.localeCompare(b.name)
    const x = a[key as Exclude<SortKey, 'name' | 'category' | 'chain'>]
    const y = b[key as Exclude<SortKey, 'name' | 'category' | 'chain'>]
    if (x == null && y == null) return a.name.localeCompare(b.name)
    if (x == null) return 1
    if (y == null) return -1
    return sign * (x - y) || a.name.localeCompare(b.name)
  })
}

/** The `from` of the network page's query: the previous period's first day counted back from today (null = everything). */
export function queryFrom(days: number | null, now = Date.now()): string | null {
  if (days == null) return null
  const today = Math.floor(now / DAY_MS) * DAY_MS
  return new Date(today - (2 * days + 1) * DAY_MS).toISOString()
}
