/**
 * What the overview and the category pages derive from their one API answer (`networkMetrics` of every network,
 * daily). The aggregation rule, stated once:
 *
 * - The window ends on the latest UTC day any network in scope has a row for and spans the URL's range (30 days by
 *   default; `all` = from the first row); the previous period is the same number of days just before it.
 * - Flows (fees USD, incentives USD) add every non-null value of every day of every network in the window; a null
 *   (no price known) is skipped, never counted as 0. A network's own sum is null when all of its values are null.
 * - Levels (price, market cap, FDV, capacity, active leases, annualized fees, P/F, demand/rewards 30d) come from each
 *   network's latest row at or before the window's end; totals add the non-null levels of the networks.
 * - The demand/rewards ratio of a group is its fees total divided by its incentives total (null when the
 *   incentives total is 0); capacity is totalled per capacity unit, never across units.
 * - Charts bucket the same rows by day, ISO week or month (series.ts): flows summed, levels at the bucket's last day.
 */
import type { Category, ChainStatus, MarketData, MetricsRow, Network } from './api'
import { categoryColor, networkColors } from './colors'
import { aggregate, buckets, byGroup, DAY_MS, drawInterval, sumNullable, type Bucket, type BucketRow, type Spec } from './series'
import { windowOf, type IntervalId, type ViewState } from './viewstate'

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

const SPEC: Spec = {
  marketCap: 'last', feesUsd: 'sum', incentivesUsd: 'sum', capacity: 'last', activeLeases: 'last', utilization: 'last',
}

const t = (r: { periodStart: string }) => Date.parse(r.periodStart)

function latestAtOrBefore(rows: MetricsRow[], end: number): MetricsRow | undefined {
  let best: MetricsRow | undefined
  for (const r of rows) if (t(r) <= end && (!best || t(r) > t(best))) best = r
  return best
}

function totalsOf(nets: Network[], metrics: Record<string, MetricsRow[]>, from: number, to: number): Totals {
  let marketCap: number | null = null
  const fees: (number | null)[] = []
  const inc: (number | null)[] = []
  const cap = new Map<string, number>()
  for (const n of nets) {
    const rows = metrics[n.id] ?? []
    for (const r of rows) {
      if (t(r) < from || t(r) > to) continue
      fees.push(r.feesUsd)
      inc.push(r.incentivesUsd)
    }
    const last = latestAtOrBefore(rows, to)
    if (last?.marketCap != null) marketCap = (marketCap ?? 0) + last.marketCap
    if (last?.capacityUnit) cap.set(last.capacityUnit, (cap.get(last.capacityUnit) ?? 0) + last.capacity)
  }
  const feesUsd = sumNullable(fees)
  const incentivesUsd = sumNullable(inc)
  return {
    marketCap, feesUsd, incentivesUsd,
    ratio: feesUsd != null && incentivesUsd ? feesUsd / incentivesUsd : null,
    capacity: [...cap].map(([unit, value]) => ({ unit, value })).sort((a, b) => a.unit.localeCompare(b.unit)),
  }
}

export function deriveMarket(data: MarketData, view: ViewState, category?: string): MarketView {
  const scope = data.networks.filter((n) => !category || n.category === category)
  const filter = view.networks.filter((id) => scope.some((n) => n.id === id))
  const shown = filter.length ? scope.filter((n) => filter.includes(n.id)) : scope
  const all = shown.flatMap((n) => data.metrics[n.id] ?? [])
  let first = Infinity
  let last = -Infinity
  for (const r of all) {
    first = Math.min(first, t(r))
    last = Math.max(last, t(r))
  }
  if (!Number.isFinite(last)) last = first = Date.now()
  const w = windowOf(view.days, last, first)
  const interval = drawInterval(view.interval, w.span)
  const bs = buckets(w.from, w.to, interval)
  const colorOf = (id: string) => categoryColor(data.categories, id)
  // groups: categories of the shown networks (overview) or the networks themselves (category page)
  const usedCats = new Set(shown.map((n) => n.category))
  const netColors = networkColors(shown.map((n) => n.id), (id) => colorOf(shown.find((n) => n.id === id)!.category))
  const groups: Group[] = category
    ? shown.map((n) => ({ id: n.id, name: n.name, color: netColors.get(n.id)! }))
    : data.categories.filter((c) => usedCats.has(c.id)).map((c) => ({ id: c.id, name: c.name, color: c.color }))
  const groupOf = (id: string) => (category ? id : shown.find((n) => n.id === id)!.category)

  const chainName = new Map(data.indexerStatus.map((s) => [s.chain, s.name]))
  const members = shown.map((n) => ({ id: n.id, rows: aggregate(data.metrics[n.id] ?? [], bs, interval, SPEC) }))
  const rows: NetworkRow[] = shown.map((n, i) => {
    const m = data.metrics[n.id] ?? []
    const lastRow = latestAtOrBefore(m, w.to)
    const inWin = m.filter((r) => t(r) >= w.from && t(r) <= w.to)
    const fees = sumNullable(inWin.map((r) => r.feesUsd))
    return {
      id: n.id, name: n.name, categoryId: n.category,
      categoryName: data.categories.find((c) => c.id === n.category)?.name ?? n.category,
      categoryColor: colorOf(n.category), chain: chainName.get(n.chain) ?? n.chain,
      price: lastRow?.price ?? null, marketCap: lastRow?.marketCap ?? null, fdv: lastRow?.fdv ?? null,
      feesUsd: fees, incentivesUsd: sumNullable(inWin.map((r) => r.incentivesUsd)),
      annualizedFeesUsd: lastRow?.annualizedFeesUsd ?? null, pf: lastRow?.pf ?? null, demandRewards30d: lastRow?.demandRewardsRatio30d ?? null,
      spark: members[i].rows.map((r) => r.feesUsd as number | null),
    }
  })
  const groupRows: GroupRow[] = groups.map((g) => {
    const nets = shown.filter((n) => groupOf(n.id) === g.id)
    const tot = totalsOf(nets, data.metrics, w.from, w.to)
    return { id: g.id, name: g.name, color: g.color, networks: nets.length, marketCap: tot.marketCap, feesUsd: tot.feesUsd, incentivesUsd: tot.incentivesUsd, ratio: tot.ratio }
  })

  // capacity: one series per group and unit
  const capKeys = new Map<string, { key: string; group: string; unit: string }>()
  for (const n of shown) {
    const unit = latestAtOrBefore(data.metrics[n.id] ?? [], w.to)?.capacityUnit
    if (!unit) continue
    const key = `${groupOf(n.id)}|${unit}`
    capKeys.set(key, { key, group: groupOf(n.id), unit })
  }
  const capMembers = members.filter((m) => capKeys.has(`${groupOf(m.id)}|${latestAtOrBefore(data.metrics[m.id] ?? [], w.to)?.capacityUnit}`))
  const capacity = byGroup(capMembers, (id) => `${groupOf(id)}|${latestAtOrBefore(data.metrics[id] ?? [], w.to)?.capacityUnit}`, 'capacity', bs)
  // utilization of a group: its active leases over its capacity, over the networks that report a utilization
  const utilMembers = members.filter((m) => m.rows.some((r) => r.utilization != null))
  const leased = byGroup(utilMembers, groupOf, 'activeLeases', bs)
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

  const totals = totalsOf(shown, data.metrics, w.from, w.to)
  const previous = totalsOf(shown, data.metrics, w.prevFrom, w.from - DAY_MS)
  // a previous period before the first indexed day is unknown, not zero
  const hasPrev = all.some((r) => t(r) < w.from)
  return {
    scope, shown, categories: data.categories, groups, window: w, interval,
    totals,
    previous: hasPrev ? previous : { marketCap: null, feesUsd: null, incentivesUsd: null, ratio: null, capacity: [] },
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

/** The `from` of the query: the previous period's first day counted back from today (null = everything). */
export function queryFrom(days: number | null, now = Date.now()): string | null {
  if (days == null) return null
  const today = Math.floor(now / DAY_MS) * DAY_MS
  return new Date(today - (2 * days + 1) * DAY_MS).toISOString()
}
