/** What the page derives from one API answer: the network, its category and chain, window totals, chart rows. */
import { NETWORK_ID, type Category, type ChainStatus, type DashboardData, type DayStat, type Network } from './api'
import { dayKey } from './format'

export interface Totals {
  fees: number
  feesUsd: number
  rewards: number
  feeCount: number
  rewardCount: number
  protocolTake: number
  days: number
}

/** One bar slot on the charts; `gap` marks a day the API has no row for (no indexed event that day). */
export interface ChartRow extends DayStat {
  day: string
  partial: boolean
  gap: boolean
}

export interface View {
  network?: Network
  category?: Category
  status?: ChainStatus
  stats: DayStat[]
  totals: Totals
  chartRows: ChartRow[]
  /** first and last UTC day of the window */
  range?: [string, string]
  /** calendar days from the first to the last day of the window */
  spanDays: number
}

export function sum(rows: DayStat[], pick: (r: DayStat) => number): number {
  let s = 0
  for (const r of rows) s += pick(r)
  return s
}

const DAY_MS = 86_400_000

export function deriveView(data: DashboardData): View {
  const network = data.networks.find((n) => n.id === NETWORK_ID) ?? data.networks[0]
  const category = data.categories.find((c) => c.id === network?.category)
  const status = data.indexerStatus.find((c) => c.chainId === network?.chainId) ?? data.indexerStatus[0]
  const stats = data.networkStats
  const totals: Totals = {
    fees: sum(stats, (r) => r.fees),
    feesUsd: sum(stats, (r) => r.feesUsd),
    rewards: sum(stats, (r) => r.rewards),
    feeCount: sum(stats, (r) => r.feeCount),
    rewardCount: sum(stats, (r) => r.rewardCount),
    protocolTake: sum(stats, (r) => r.protocolTake),
    days: stats.length,
  }
  // the UTC day of the last indexed block is still open: its bar is partial
  const openDay = status?.timestamp ? dayKey(status.timestamp) : undefined
  const chartRows: ChartRow[] = []
  for (const r of stats) {
    const t = Date.parse(r.periodStart)
    const prev = chartRows[chartRows.length - 1]
    // keep the date axis linear: a day without any indexed event is a zero slot, not a missing one
    if (prev) {
      for (let g = Date.parse(prev.periodStart) + DAY_MS; g < t; g += DAY_MS) {
        const iso = new Date(g).toISOString()
        chartRows.push({
          periodStart: iso, day: dayKey(iso), partial: false, gap: true,
          fees: 0, feesUsd: 0, feesNative: '0', rewards: 0, rewardsNative: '0', feeCount: 0, rewardCount: 0, protocolTake: 0,
        })
      }
    }
    const day = dayKey(r.periodStart)
    chartRows.push({ ...r, day, partial: day === openDay, gap: false })
  }
  const range: [string, string] | undefined = stats.length ? [stats[0].periodStart, stats[stats.length - 1].periodStart] : undefined
  const spanDays = range ? Math.round((Date.parse(range[1]) - Date.parse(range[0])) / DAY_MS) + 1 : 0
  return { network, category, status, stats, totals, chartRows, range, spanDays }
}
