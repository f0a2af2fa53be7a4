/**
 * What the overview derives from its one API answer. The aggregation rule, stated once:
 *
 * - The window is each network's last WINDOW_DAYS daily `networkMetrics` rows (as the API returns them).
 * - Sums (fees USD, incentives USD) add every non-null value of every row of every network; a null (no price
 *   known) is skipped, never counted as 0. A network's own 30-day sum is null when all of its values are null.
 * - Point-in-time figures (price, market cap, FDV, annualized fees, P/F, demand/rewards 30d) come from the network's
 *   latest row; the total market cap adds the latest non-null market caps ("networks with a price").
 * - The demand/rewards ratio of the overview is the fees USD total divided by the incentives USD total (null when
 *   the incentives total is 0).
 */
import type { CategoryFull, ChainStatus, MetricsRow, NetworkFull, OverviewData } from './api'
import { dayKey } from './format'

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
  fees30dUsd: number | null
  annualizedFeesUsd: number | null
  pf: number | null
  demandRewards30d: number | null
  days: number
}

export interface FeesDay {
  day: string
  periodStart: string
  /** fees USD by category id */
  [category: string]: number | string
}

export interface OverviewView {
  totals: {
    marketCap: number
    marketCapNetworks: number
    feesUsd: number
    incentivesUsd: number
    ratio: number | null
    pricedNetworks: number
  }
  rows: NetworkRow[]
  categories: CategoryFull[]
  feesByDay: FeesDay[]
  range?: [string, string]
  status: ChainStatus[]
  networks: NetworkFull[]
}

/** Sum of the non-null values; null when every value is null (or there is none). */
export function sumNullable(values: (number | null | undefined)[]): number | null {
  let s: number | null = null
  for (const v of values) if (v != null) s = (s ?? 0) + v
  return s
}

export function deriveOverview(data: OverviewData): OverviewView {
  const catById = new Map(data.categories.map((c) => [c.id, c]))
  const chainName = new Map(data.indexerStatus.map((s) => [s.chain, s.name]))
  let marketCap = 0
  let marketCapNetworks = 0
  let feesUsd = 0
  let incentivesUsd = 0
  let pricedNetworks = 0
  const rows: NetworkRow[] = []
  const byDay = new Map<string, FeesDay>()
  for (const n of data.networks) {
    const m = data.metrics[n.id] ?? []
    const last: MetricsRow | undefined = m[m.length - 1]
    const cat = catById.get(n.category)
    const fees = sumNullable(m.map((r) => r.feesUsd))
    const inc = sumNullable(m.map((r) => r.incentivesUsd))
    feesUsd += fees ?? 0
    incentivesUsd += inc ?? 0
    if (fees != null || inc != null) pricedNetworks++
    if (last?.marketCap != null) {
      marketCap += last.marketCap
      marketCapNetworks++
    }
    for (const r of m) {
      if (r.feesUsd == null) continue
      const day = dayKey(r.periodStart)
      let d = byDay.get(day)
      if (!d) byDay.set(day, (d = { day, periodStart: r.periodStart }))
      d[n.category] = ((d[n.category] as number | undefined) ?? 0) + r.feesUsd
    }
    rows.push({
      id: n.id,
      name: n.name,
      categoryId: n.category,
      categoryName: cat?.name ?? n.category,
      categoryColor: cat?.color ?? '#8a93a3',
      chain: chainName.get(n.chain) ?? n.chain,
      price: last?.price ?? null,
      marketCap: last?.marketCap ?? null,
      fdv: last?.fdv ?? null,
      fees30dUsd: fees,
      annualizedFeesUsd: last?.annualizedFeesUsd ?? null,
      pf: last?.pf ?? null,
      demandRewards30d: last?.demandRewardsRatio30d ?? null,
      days: m.length,
    })
  }
  const usedCats = new Set(data.networks.map((n) => n.category))
  const categories = data.categories.filter((c) => usedCats.has(c.id))
  const feesByDay = [...byDay.values()].sort((a, b) => (a.day < b.day ? -1 : 1))
  for (const d of feesByDay) for (const c of categories) d[c.id] ??= 0
  const range: [string, string] | undefined = feesByDay.length ? [feesByDay[0].periodStart, feesByDay[feesByDay.length - 1].periodStart] : undefined
  return {
    totals: { marketCap, marketCapNetworks, feesUsd, incentivesUsd, ratio: incentivesUsd > 0 ? feesUsd / incentivesUsd : null, pricedNetworks },
    rows,
    categories,
    feesByDay,
    range,
    status: data.indexerStatus,
    networks: data.networks,
  }
}

export type SortKey = 'name' | 'category' | 'chain' | 'price' | 'marketCap' | 'fdv' | 'fees30dUsd' | 'annualizedFeesUsd' | 'pf' | 'demandRewards30d'

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
