/**
 * What the network page derives from its one API answer: totals of the window and chart rows by bucket. The
 * window and buckets follow the market views (market.ts, series.ts): it ends on the network's latest day with a
 * row and spans the URL's range.
 */
import type { Category, ChainStatus, DayStat, LeaseRow, MetricsRow, Network, NetworkData } from './api'
import { aggregate, bucketStart, buckets, DAY_MS, drawInterval, sumNullable, type Bucket, type BucketRow } from './series'
import { windowOf, type IntervalId, type ViewState } from './viewstate'

export interface Totals {
  fees: number
  /** fees net of refunds in USD (networkMetrics.feesUsd summed, unknown days skipped); null when no day is priced */
  feesUsd: number | null
  rewards: number
  feeCount: number
  rewardCount: number
  protocolTake: number
  /** days with a rollup row in the window */
  days: number
}

/** One bar slot of the native fees/rewards charts; `partial` marks the bucket of the still open UTC day. */
export interface ChartRow {
  day: string
  periodStart: string
  partial: boolean
  /** no rollup row in the bucket (no indexed event) */
  gap: boolean
  fees: number
  /** networkMetrics.feesUsd of the bucket (net of refunds, unpriced fees valued at the day's price); null when unknown */
  feesUsd: number | null
  rewards: number
  feeCount: number
  rewardCount: number
  protocolTake: number
}

export interface Alert {
  id: string
  level: 'warn' | 'error' | 'info'
  text: string
}

export interface NetworkView {
  network?: Network
  category?: Category
  status?: ChainStatus
  window: { from: number; to: number; prevFrom: number; span: number }
  /** the interval the charts are drawn with (the URL's, coarser when it would draw too many slots) */
  interval: IntervalId
  buckets: Bucket[]
  /** rollup rows in the window */
  stats: DayStat[]
  totals: Totals
  chartRows: ChartRow[]
  /** USD figures of the window and the previous period */
  usd: { fees: number | null; incentives: number | null; ratio: number | null; prevFees: number | null; prevIncentives: number | null; prevRatio: number | null }
  /** the previous period is only partly indexed (the first row is inside it): no change vs it is shown */
  previousPartial: boolean
  last?: MetricsRow
  series: { metrics: BucketRow[]; stats: BucketRow[] }
  alerts: Alert[]
  lastEvent?: { periodStart: string; lastBlock: number }
  leases: LeaseStats
}

export interface LeaseStats {
  /** closed leases in the window with a known start (the sample: the latest LEASE_SAMPLE closed) */
  count: number
  medianDurationSeconds: number | null
  /** median price of the most common price asset and unit, in asset units */
  medianPrice: { value: number; asset: string; unit: string | null; of: number } | null
}

export function median(xs: number[]): number | null {
  if (!xs.length) return null
  const s = [...xs].sort((a, b) => a - b)
  const m = s.length >> 1
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Median duration and price of closed leases that ended in [from, to + 1 day). */
export function leaseStats(leases: LeaseRow[], from: number, to: number): LeaseStats {
  const inWin = leases.filter((l) => l.closedAt && Date.parse(l.closedAt) >= from && Date.parse(l.closedAt) < to + DAY_MS)
  const durations = inWin.filter((l) => l.openedAt).map((l) => (Date.parse(l.closedAt!) - Date.parse(l.openedAt!)) / 1000)
  const byTerms = new Map<string, { asset: string; unit: string | null; prices: number[] }>()
  for (const l of inWin) {
    if (l.price == null || l.priceAsset == null) continue
    const k = `${l.priceAsset}|${l.priceUnit ?? ''}`
    const g = byTerms.get(k) ?? { asset: l.priceAsset, unit: l.priceUnit, prices: [] }
    g.prices.push(Number(l.price) / 10 ** (l.priceDecimals ?? 0))
    byTerms.set(k, g)
  }
  const top = [...byTerms.values()].sort((a, b) => b.prices.length - a.prices.length)[0]
  return {
    count: durations.length,
    medianDurationSeconds: median(durations),
    medianPrice: top ? { value: median(top.prices)!, asset: top.asset, unit: top.unit, of: top.prices.length } : null,
  }
}

export function sum(rows: DayStat[], pick: (r: DayStat) => number): number {
  let s = 0
  for (const r of rows) s += pick(r)
  return s
}

const t = (r: { periodStart: string }) => Date.parse(r.periodStart)

/** Lag (blocks) above which the indexer is reported behind, and age of the last block (s) reported as stalled. */
export const LAG_ALERT_BLOCKS = 50
export const STALL_ALERT_SECONDS = 600

export function healthAlerts(status: ChainStatus[], chain: string | undefined, lastEvent: string | undefined, now: number): Alert[] {
  const out: Alert[] = []
  for (const s of status) {
    const mine = s.chain === chain
    if (s.height == null) out.push({ id: `start-${s.chain}`, level: mine ? 'warn' : 'info', text: `${s.name}: the indexer has not written its first batch.` })
    else if (s.head == null) out.push({ id: `head-${s.chain}`, level: 'warn', text: `${s.name}: chain head unknown (RPC unreachable).` })
    else if (s.lag != null && s.lag > LAG_ALERT_BLOCKS) out.push({ id: `lag-${s.chain}`, level: mine ? 'warn' : 'info', text: `${s.name}: indexer ${s.lag.toLocaleString('en-US')} blocks behind the head.` })
    if (s.lagSeconds != null && s.lagSeconds > STALL_ALERT_SECONDS && mine) {
      out.push({ id: `stall-${s.chain}`, level: 'warn', text: `${s.name}: last indexed block is ${Math.round(s.lagSeconds / 60).toLocaleString('en-US')} minutes old (chain or indexer stalled).` })
    }
  }
  if (lastEvent && now - Date.parse(lastEvent) > 2 * DAY_MS) out.push({ id: 'quiet', level: 'info', text: `No event of this network in the last ${Math.floor((now - Date.parse(lastEvent)) / DAY_MS)} days.` })
  return out
}

export function deriveNetwork(data: NetworkData, id: string, view: ViewState, now = Date.now()): NetworkView {
  const network = data.networks.find((n) => n.id === id)
  const category = data.categories.find((c) => c.id === network?.category)
  const status = data.indexerStatus.find((c) => c.chain === network?.chain)
  let first = Infinity
  let last = -Infinity
  for (const r of data.networkStats) {
    first = Math.min(first, t(r))
    last = Math.max(last, t(r))
  }
  if (!Number.isFinite(last)) last = first = now
  const w = windowOf(view.days, last, first)
  const interval = drawInterval(view.interval, w.span)
  const bs = buckets(w.from, w.to, interval)
  const inWin = <T extends { periodStart: string }>(rows: T[], a: number, b: number) => rows.filter((r) => t(r) >= a && t(r) <= b)
  const stats = inWin(data.networkStats, w.from, w.to)
  const m = data.networkMetrics
  const cur = inWin(m, w.from, w.to)
  const fees = sumNullable(cur.map((r) => r.feesUsd))
  const totals: Totals = {
    fees: sum(stats, (r) => r.fees), feesUsd: fees, rewards: sum(stats, (r) => r.rewards),
    feeCount: sum(stats, (r) => r.feeCount), rewardCount: sum(stats, (r) => r.rewardCount), protocolTake: sum(stats, (r) => r.protocolTake),
    days: stats.length,
  }
  const statRows = aggregate(data.networkStats, bs, interval, {
    fees: 'sum', rewards: 'sum', feeCount: 'sum', rewardCount: 'sum', protocolTake: 'sum', minted: 'sum', burned: 'sum',
    leasesOpened: 'sum', leasesClosed: 'sum', nodesRegistered: 'sum', nodesDeregistered: 'sum',
  }, w.from)
  const withRow = new Set(stats.map((r) => bucketStart(t(r), interval)))
  // the UTC day of the last indexed block is still open: its bucket is partial
  const openDay = status?.timestamp ? Math.floor(Date.parse(status.timestamp) / DAY_MS) * DAY_MS : undefined
  const openBucket = openDay == null ? undefined : bucketStart(openDay, interval)
  const metricRows = aggregate(m, bs, interval, {
    feesUsd: 'sum', incentivesUsd: 'sum', marketCap: 'last', circulatingSupply: 'last', totalSupply: 'last', capacity: 'last',
    activeLeases: 'last', utilization: 'last', activeProviders: 'last', newProviders: 'sum', churnedProviders: 'sum', price: 'last',
  }, w.from)
  // USD of the fees: the derived metric (the rollup's feesUsd holds only what an on-chain feed priced at the event)
  const chartRows: ChartRow[] = statRows.map((r, i) => ({
    day: r.day, periodStart: r.periodStart, partial: r.t === openBucket && openDay! <= w.to, gap: !withRow.has(r.t),
    fees: r.fees as number, feesUsd: metricRows[i].feesUsd as number | null, rewards: r.rewards as number, feeCount: r.feeCount as number,
    rewardCount: r.rewardCount as number, protocolTake: r.protocolTake as number,
  }))
  const prev = inWin(m, w.prevFrom, w.from - DAY_MS)
  const incentives = sumNullable(cur.map((r) => r.incentivesUsd))
  // the previous period is compared with only when fully indexed (its first day at or after the first row, as the
  // market views' rule, api/market-series.ts): a partly indexed one would be compared as if whole
  const firstRow = Math.min(first, ...m.slice(0, 1).map(t))
  const previousCovered = firstRow <= w.prevFrom
  const previousPartial = !previousCovered && firstRow < w.from
  const prevFees = previousCovered ? sumNullable(prev.map((r) => r.feesUsd)) : null
  const prevIncentives = previousCovered ? sumNullable(prev.map((r) => r.incentivesUsd)) : null
  const lastRow = [...m].reverse().find((r) => t(r) <= w.to)
  const lastEvent = data.lastEvent[0]
  return {
    network, category, status, window: w, interval, buckets: bs, stats, totals, chartRows,
    usd: {
      fees, incentives, ratio: fees != null && incentives ? fees / incentives : null,
      prevFees, prevIncentives, prevRatio: prevFees != null && prevIncentives ? prevFees / prevIncentives : null,
    },
    previousPartial,
    last: lastRow,
    series: { metrics: metricRows, stats: statRows },
    alerts: healthAlerts(data.indexerStatus, network?.chain, lastEvent?.periodStart, now),
    lastEvent,
    leases: leaseStats(data.closedLeases, w.from, w.to),
  }
}
