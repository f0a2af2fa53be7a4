/**
 * Server-side analytics from the rollups: metric series by network or category (metrics), leaderboards,
 * provider stats and payer concentration. Metrics and how they aggregate come from indexer/metrics.ts
 * (deriveMetrics, SERIES_METRICS); nothing here scans raw events.
 */
import type pg from 'pg'
import {
  SERIES_METRICS, seriesMetric, seriesPeriodStart, toDecimal,
  type DerivedMetrics, type SeriesInterval, type SeriesMetric,
} from '../indexer/metrics'
import { networkById, networks as registryNetworks, categories as registryCategories, type NetworkDef } from '../indexer/registry'
import { badInput } from './entities/sql'
import { networkMetrics } from './metrics'

export type GroupBy = 'NETWORK' | 'CATEGORY' | 'PROVIDER'
export const WINDOWS = { D1: 1, D7: 7, D30: 30, D90: 90, ALL: null } as const
export type Window = keyof typeof WINDOWS

const HOUR_MS = 3_600_000
const DAY_MS = 86_400_000
type Values = Partial<Record<keyof DerivedMetrics, number | null>>

const FIELDS = Object.values(SERIES_METRICS).filter((d): d is typeof d & { field: keyof DerivedMetrics } => 'field' in d)
const FLOW_FIELDS = FIELDS.filter((d) => d.aggregate === 'flow').map((d) => d.field)
const STOCK_FIELDS = [...FIELDS.filter((d) => d.aggregate === 'stock').map((d) => d.field), 'price' as const]

/** The networks asked for: listed ids plus the networks of listed categories; all when neither is given. */
export function selectNetworks(networks?: string[] | null, categories?: string[] | null): NetworkDef[] {
  for (const id of networks ?? []) if (!networkById(id)) throw badInput(`unknown network "${id}"`)
  for (const c of categories ?? []) if (!registryCategories.some((x) => x.id === c)) throw badInput(`unknown category "${c}"`)
  if (!networks?.length && !categories?.length) return registryNetworks
  return registryNetworks.filter((n) => networks?.includes(n.id) || categories?.includes(n.category))
}

/**
 * Per-period values of one network on a gapless grid from its first rollup period to `end`: a period
 * without rollup row has no flows (0) and keeps the stocks (supply, capacity, leases, price) of the period before.
 */
async function denseSeries(pool: pg.Pool, net: NetworkDef, base: 'HOUR' | 'DAY', end: number): Promise<Map<number, Values>> {
  const rows = await networkMetrics(pool, net, base)
  const out = new Map<number, Values>()
  if (!rows.length) return out
  const byT = new Map(rows.map((r) => [r.periodStart.getTime(), r]))
  const step = base === 'HOUR' ? HOUR_MS : DAY_MS
  let prev: Values = {}
  for (let t = rows[0].periodStart.getTime(); t <= end; t += step) {
    const r = byT.get(t)
    const v: Values = {}
    for (const f of FLOW_FIELDS) v[f] = r ? (r[f] as number | null) : 0
    for (const f of STOCK_FIELDS) v[f] = r ? (r[f] as number | null) : (prev[f] ?? null)
    out.set(t, v)
    prev = v
  }
  return out
}

/** Aggregates a dense series into buckets: flows add up (null if any part is unknown), stocks take the last value. */
function aggregate(series: Map<number, Values>, bucketOf: (t: number) => number | null): Map<number, Values> {
  const out = new Map<number, Values>()
  for (const [t, v] of series) {
    const b = bucketOf(t)
    if (b == null) continue
    const cur = out.get(b)
    if (!cur) {
      out.set(b, { ...v })
      continue
    }
    for (const f of FLOW_FIELDS) cur[f] = cur[f] == null || v[f] == null ? null : cur[f]! + v[f]!
    for (const f of STOCK_FIELDS) cur[f] = v[f]
  }
  return out
}

const addN = (a: number | null | undefined, b: number | null | undefined) => (a == null || b == null ? null : a + b)
const div = (a: number | null, b: number | null) => (a == null || b == null || b === 0 ? null : a / b)

/** Value of a metric from aggregated values (ratios from their parts). */
function valueOf(metric: SeriesMetric, v: Values): number | null {
  const d = seriesMetric(metric)
  if (d.ratio) return div(valueOf(d.ratio[0] as SeriesMetric, v), valueOf(d.ratio[1] as SeriesMetric, v))
  return d.field ? (v[d.field] ?? null) : null
}

function unitOf(metric: SeriesMetric, net: NetworkDef | null): string | null {
  const u = seriesMetric(metric).unit
  if (u === 'token') return net?.token.symbol ?? null
  if (u === 'feeAsset') return net?.feeAsset.symbol ?? null
  if (u === 'capacity') return net?.capacityUnit ?? null
  return u
}

const usesCapacityUnit = (metric: SeriesMetric) => {
  const d = seriesMetric(metric)
  return d.unit === 'capacity' || (d.ratio ?? []).some((m) => seriesMetric(m as SeriesMetric).unit === 'capacity')
}

function checkGroupable(metric: SeriesMetric, groupBy: GroupBy) {
  const u = seriesMetric(metric).unit
  if (groupBy !== 'NETWORK' && (u === 'token' || u === 'feeAsset')) {
    throw badInput(`${metric} is in each network's own ${u === 'token' ? 'token' : 'fee asset'}: group by NETWORK (or use the USD metric)`)
  }
}

/** Distinct providers (ProviderDay) per bucket and group; bucket: date_trunc unit, or one bucket for a window. */
async function distinctProviders(
  pool: pg.Pool, nets: NetworkDef[], groupBy: 'NETWORK' | 'CATEGORY',
  bucket: { trunc: 'day' | 'week' | 'month' } | { from: Date | null; to: Date },
): Promise<Map<string, number>> {
  const groups = nets.map((n) => (groupBy === 'NETWORK' ? n.id : n.category))
  const b = 'trunc' in bucket ? `date_trunc('${bucket.trunc}', day, 'UTC')` : `'epoch'::timestamptz`
  const where = 'trunc' in bucket ? 'TRUE' : `($3::timestamptz IS NULL OR day >= $3) AND day <= $4`
  const params: unknown[] = [nets.map((n) => n.id), groups]
  if (!('trunc' in bucket)) params.push(bucket.from, bucket.to)
  const r = await pool.query(
    `SELECT ${b} AS b, m.grp, count(DISTINCT (pd.network, pd.provider))::int AS n
       FROM provider_day pd JOIN unnest($1::text[], $2::text[]) AS m(network, grp) ON m.network = pd.network
      WHERE ${where} GROUP BY 1, 2`,
    params,
  )
  return new Map(r.rows.map((x) => [`${x.grp}|${'trunc' in bucket ? x.b.getTime() : 0}`, x.n]))
}

/** Unit of a group's values: USD, count, ratio, the network's token or fee asset, or the capacity unit. */
function groupUnit(metric: SeriesMetric, g: GroupValues): string | null {
  const u = seriesMetric(metric).unit
  if (g.net) return unitOf(metric, g.net)
  return u === 'capacity' ? g.capacityUnit : u
}

interface GroupValues {
  key: string
  groupBy: 'NETWORK' | 'CATEGORY'
  /** the network when grouped by network */
  net: NetworkDef | null
  category: string
  capacityUnit: string | null
  buckets: Map<number, Values>
}

/** Sums networks' aggregated values per group (a network with no period in a bucket is left out of it). */
function groupValues(perNet: Map<NetworkDef, Map<number, Values>>, groupBy: 'NETWORK' | 'CATEGORY', byCapacityUnit: boolean): GroupValues[] {
  const groups = new Map<string, GroupValues>()
  for (const [net, buckets] of perNet) {
    if (groupBy === 'NETWORK') {
      groups.set(net.id, { key: net.id, groupBy, net, category: net.category, capacityUnit: net.capacityUnit ?? null, buckets })
      continue
    }
    if (byCapacityUnit && !net.capacityUnit) continue
    const unit = byCapacityUnit ? net.capacityUnit! : null
    const id = `${net.category}|${unit ?? ''}`
    let g = groups.get(id)
    if (!g) groups.set(id, (g = { key: net.category, groupBy, net: null, category: net.category, capacityUnit: unit, buckets: new Map() }))
    for (const [b, v] of buckets) {
      const cur = g.buckets.get(b)
      if (!cur) {
        g.buckets.set(b, { ...v })
        continue
      }
      for (const f of [...FLOW_FIELDS, ...STOCK_FIELDS]) cur[f] = f === 'price' ? null : addN(cur[f], v[f])
    }
  }
  return [...groups.values()]
}

export interface MetricSeries {
  metric: SeriesMetric
  groupBy: 'NETWORK' | 'CATEGORY'
  key: string
  unit: string | null
  points: { periodStart: Date; value: number | null }[]
}

/** Time series of metrics by network or category (`metrics` query). */
export async function metricSeries(pool: pg.Pool, args: {
  networks?: string[] | null; categories?: string[] | null; from?: Date | null; to?: Date | null
  interval: SeriesInterval; metrics: SeriesMetric[]; groupBy: 'NETWORK' | 'CATEGORY'; maxPoints: number
}): Promise<MetricSeries[]> {
  if (!args.metrics.length) throw badInput('metrics: name at least one metric')
  for (const m of args.metrics) checkGroupable(m, args.groupBy)
  if (args.interval === 'HOUR' && args.metrics.includes('ACTIVE_PROVIDERS')) throw badInput('ACTIVE_PROVIDERS is counted per day: use interval DAY, WEEK or MONTH')
  const nets = selectNetworks(args.networks, args.categories)
  const base = args.interval === 'HOUR' ? 'HOUR' : 'DAY'
  const end = (await pool.query(`SELECT max(period_start) AS t FROM network_stat WHERE interval = $1`, [base])).rows[0].t as Date | null
  if (!end) return []
  const inRange = (b: number) => (!args.from || b >= args.from.getTime()) && (!args.to || b <= args.to.getTime())
  const perNet = new Map<NetworkDef, Map<number, Values>>()
  for (const net of nets) {
    perNet.set(net, aggregate(await denseSeries(pool, net, base, end.getTime()), (t) => {
      const b = seriesPeriodStart(new Date(t), args.interval).getTime()
      return inRange(b) ? b : null
    }))
  }
  const distinct = args.metrics.includes('ACTIVE_PROVIDERS')
    ? await distinctProviders(pool, nets, args.groupBy, { trunc: args.interval.toLowerCase() as 'day' | 'week' | 'month' })
    : new Map<string, number>()
  const out: MetricSeries[] = []
  for (const metric of args.metrics) {
    for (const g of groupValues(perNet, args.groupBy, usesCapacityUnit(metric))) {
      const points = [...g.buckets.keys()].sort((a, b) => a - b).map((b) => ({
        periodStart: new Date(b),
        value: metric === 'ACTIVE_PROVIDERS' ? distinct.get(`${g.key}|${b}`) ?? 0 : valueOf(metric, g.buckets.get(b)!),
      }))
      if (points.length > args.maxPoints) {
        throw badInput(`more than ${args.maxPoints} periods (API_MAX_LIMIT) in a series: narrow from/to or use a longer interval`)
      }
      out.push({ metric, groupBy: g.groupBy, key: g.key, unit: groupUnit(metric, g), points })
    }
  }
  return out
}

/** The latest indexed UTC day and the first day of a window ending on it (null start: ALL). */
export async function windowBounds(pool: pg.Pool, window: Window): Promise<{ from: Date | null; to: Date } | null> {
  const end = (await pool.query(`SELECT max(period_start) AS t FROM network_stat WHERE interval = 'DAY'`)).rows[0].t as Date | null
  if (!end) return null
  const days = WINDOWS[window]
  return { from: days == null ? null : new Date(end.getTime() - (days - 1) * DAY_MS), to: end }
}

export interface LeaderboardEntry {
  rank: number
  key: string
  network: string | null
  category: string
  value: number | null
  unit: string | null
}

const PROVIDER_METRICS: SeriesMetric[] = ['FEES', 'FEES_USD', 'INCENTIVES', 'INCENTIVES_USD']

/**
 * Daily valuation of a network: average USD per fee-asset unit of the day's fees (without the fees in its other
 * fee asset, which feesUsd includes), and the token price.
 */
async function dailyPrices(pool: pg.Pool, net: NetworkDef): Promise<Map<number, { fee: number | null; token: number | null }>> {
  const feeIsToken = net.feeAsset.symbol === net.token.symbol
  const otherUsd = new Map<number, number>()
  if (net.otherFeeAssets?.length) {
    const r = await pool.query(`SELECT period_start, fees_other_usd FROM network_stat WHERE network = $1 AND interval = 'DAY' AND fees_other_usd > 0`, [net.id])
    for (const x of r.rows) otherUsd.set(x.period_start.getTime(), Number(x.fees_other_usd))
  }
  return new Map((await networkMetrics(pool, net, 'DAY')).map((m) => [m.periodStart.getTime(), {
    fee: m.fees !== 0 && m.feesUsd != null ? (m.feesUsd - (otherUsd.get(m.periodStart.getTime()) ?? 0)) / m.fees : net.feeAsset.fixedUsdPrice?.usd ?? (feeIsToken ? m.price : null),
    token: m.price,
  }]))
}

/**
 * The network's other fee assets (Akash: USDC and ACT, one unit: the same decimals and fixed price, accounts.ts
 * isOtherFeeAsset) as one symbol ("USDC+ACT") and the USD value of an amount of them (the configured fixed price).
 */
function otherAsset(net: NetworkDef) {
  const a = net.otherFeeAssets?.[0]
  return { symbol: a ? net.otherFeeAssets!.map((o) => o.symbol).join('+') : null, decimals: a?.decimals ?? 0, usd: (units: bigint) => (a && units !== 0n ? toDecimal(units, a.decimals) * a.usdPrice : 0) }
}

/** Ranks networks, categories or providers by a metric over a window ending on the latest indexed day. */
export async function leaderboard(pool: pg.Pool, args: {
  metric: SeriesMetric; window: Window; groupBy: GroupBy; limit: number; networks?: string[] | null; categories?: string[] | null
}): Promise<LeaderboardEntry[]> {
  const nets = selectNetworks(args.networks, args.categories)
  const bounds = await windowBounds(pool, args.window)
  if (!bounds) return []
  const inWindow = (t: number) => (bounds.from == null || t >= bounds.from.getTime()) && t <= bounds.to.getTime()
  let entries: Omit<LeaderboardEntry, 'rank'>[]
  if (args.groupBy === 'PROVIDER') {
    if (!PROVIDER_METRICS.includes(args.metric)) throw badInput(`groupBy PROVIDER ranks by ${PROVIDER_METRICS.join(', ')}; got ${args.metric}`)
    const unit = seriesMetric(args.metric).unit
    if (unit !== 'USD' && nets.length !== 1) throw badInput(`${args.metric} is in each network's own asset: rank providers of one network (networks: ["..."]) or use ${args.metric}_USD`)
    const r = await pool.query(
      `SELECT network, provider, day, fees_native::text AS fees, fees_other::text AS fees_other, rewards_native::text AS rewards FROM provider_earning_day
        WHERE network = ANY($1) AND ($2::timestamptz IS NULL OR day >= $2) AND day <= $3`,
      [nets.map((n) => n.id), bounds.from, bounds.to],
    )
    const sums = new Map<string, { net: NetworkDef; provider: string; value: number | null }>()
    const prices = new Map<string, Map<number, { fee: number | null; token: number | null }>>()
    for (const net of nets) if (unit === 'USD' && r.rows.some((x) => x.network === net.id)) prices.set(net.id, await dailyPrices(pool, net))
    for (const x of r.rows) {
      const net = networkById(x.network)!
      const fees = toDecimal(BigInt(x.fees), net.feeAsset.decimals)
      const rewards = toDecimal(BigInt(x.rewards), net.token.decimals)
      const p = prices.get(net.id)?.get(x.day.getTime())
      const v = args.metric === 'FEES' ? fees : args.metric === 'INCENTIVES' ? rewards
        : args.metric === 'FEES_USD' ? addN(fees === 0 ? 0 : p?.fee == null ? null : fees * p.fee, otherAsset(net).usd(BigInt(x.fees_other)))
          : rewards === 0 ? 0 : p?.token == null ? null : rewards * p.token
      const k = `${net.id}|${x.provider}`
      const cur = sums.get(k) ?? { net, provider: x.provider, value: 0 }
      cur.value = addN(cur.value, v)
      sums.set(k, cur)
    }
    entries = [...sums.values()].map((s) => ({ key: s.provider, network: s.net.id, category: s.net.category, value: s.value, unit: unitOf(args.metric, s.net) }))
  } else {
    const groupBy = args.groupBy
    checkGroupable(args.metric, groupBy)
    const perNet = new Map<NetworkDef, Map<number, Values>>()
    for (const net of nets) perNet.set(net, aggregate(await denseSeries(pool, net, 'DAY', bounds.to.getTime()), (t) => (inWindow(t) ? 0 : null)))
    const distinct = args.metric === 'ACTIVE_PROVIDERS' ? await distinctProviders(pool, nets, groupBy, bounds) : null
    entries = groupValues(perNet, groupBy, usesCapacityUnit(args.metric)).filter((g) => g.buckets.size || distinct).map((g) => ({
      key: g.key, network: g.net?.id ?? null, category: g.category,
      value: distinct ? distinct.get(`${g.key}|0`) ?? 0 : g.buckets.has(0) ? valueOf(args.metric, g.buckets.get(0)!) : null,
      unit: groupUnit(args.metric, g),
    }))
  }
  entries.sort((a, b) => (a.value == null ? (b.value == null ? a.key.localeCompare(b.key) : 1) : b.value == null ? -1 : b.value - a.value || a.key.localeCompare(b.key)))
  return entries.slice(0, args.limit).map((e, i) => ({ rank: i + 1, ...e }))
}

/** One provider over a window: earnings, fees, leases and an uptime proxy (days with supply-side activity). */
export async function providerStats(pool: pg.Pool, args: { network: string; provider: string; window: Window }) {
  const net = networkById(args.network)
  if (!net) throw badInput(`unknown network "${args.network}"`)
  const provider = args.provider.toLowerCase()
  const p = (await pool.query(`SELECT * FROM provider WHERE network = $1 AND address = $2`, [net.id, provider])).rows[0]
  if (!p) return null
  const bounds = (await windowBounds(pool, args.window))!
  const from = bounds.from
  const r = (await pool.query(
    `SELECT coalesce(sum(fees_native), 0)::text AS fees, coalesce(sum(fees_other), 0)::text AS fees_other, coalesce(sum(rewards_native), 0)::text AS rewards,
            coalesce(sum(take_native), 0)::text AS take, coalesce(sum(take_other), 0)::text AS take_other,
            coalesce(sum(leases_opened), 0)::int AS opened, coalesce(sum(leases_closed), 0)::int AS closed, coalesce(sum(facts), 0)::int AS facts
       FROM provider_earning_day WHERE network = $1 AND provider = $2 AND ($3::timestamptz IS NULL OR day >= $3) AND day <= $4`,
    [net.id, provider, from, bounds.to],
  )).rows[0]
  const daily = (await pool.query(
    `SELECT day, fees_native::text AS fees, fees_other::text AS fees_other, rewards_native::text AS rewards FROM provider_earning_day
      WHERE network = $1 AND provider = $2 AND ($3::timestamptz IS NULL OR day >= $3) AND day <= $4`,
    [net.id, provider, from, bounds.to],
  )).rows
  const prices = await dailyPrices(pool, net)
  let feesUsd: number | null = 0
  let incentivesUsd: number | null = 0
  const other = otherAsset(net)
  const feesOtherUsd = other.usd(BigInt(r.fees_other))
  for (const d of daily) {
    const pr = prices.get(d.day.getTime())
    const fees = toDecimal(BigInt(d.fees), net.feeAsset.decimals)
    const rewards = toDecimal(BigInt(d.rewards), net.token.decimals)
    feesUsd = addN(feesUsd, addN(fees === 0 ? 0 : pr?.fee == null ? null : fees * pr.fee, other.usd(BigInt(d.fees_other))))
    incentivesUsd = addN(incentivesUsd, rewards === 0 ? 0 : pr?.token == null ? null : rewards * pr.token)
  }
  const active = (await pool.query(
    `SELECT count(*)::int AS n FROM provider_day WHERE network = $1 AND provider = $2 AND ($3::timestamptz IS NULL OR day >= $3) AND day <= $4`,
    [net.id, provider, from, bounds.to],
  )).rows[0].n
  const leases = (await pool.query(
    `SELECT count(*) FILTER (WHERE status = 'OPEN')::int AS open, coalesce(sum(spent) FILTER (WHERE status = 'CLOSED' AND ($3::timestamptz IS NULL OR closed_at >= $3) AND closed_at < $4::timestamptz + interval '1 day'), 0)::text AS spent
       FROM lease WHERE network = $1 AND provider = $2`,
    [net.id, provider, from, bounds.to],
  )).rows[0]
  // the window counts from the provider's first day when it joined later
  const firstDay = Math.floor(new Date(p.first_seen).getTime() / DAY_MS) * DAY_MS
  const start = Math.max(from?.getTime() ?? firstDay, firstDay)
  const windowDays = Math.max(1, Math.round((bounds.to.getTime() - start) / DAY_MS) + 1)
  return {
    network: net.id, provider, window: args.window, from: from ?? new Date(firstDay), to: bounds.to,
    firstSeen: p.first_seen, lastSeen: p.last_seen, capacity: p.capacity, capacityUnit: p.unit,
    feesNative: r.fees, fees: toDecimal(BigInt(r.fees), net.feeAsset.decimals), feesUsd,
    feesOtherNative: r.fees_other, feesOther: toDecimal(BigInt(r.fees_other), other.decimals), feesOtherAsset: other.symbol, feesOtherUsd,
    takeNative: r.take, takeOtherNative: r.take_other,
    earningsNetNative: (BigInt(r.fees) - BigInt(r.take)).toString(), earningsNetOtherNative: (BigInt(r.fees_other) - BigInt(r.take_other)).toString(),
    rewardsNative: r.rewards, incentives: toDecimal(BigInt(r.rewards), net.token.decimals), incentivesUsd,
    leasesOpened: r.opened, leasesClosed: r.closed, openLeases: leases.open, leasesSpentNative: leases.spent,
    facts: r.facts, activeDays: active, windowDays, uptime: Math.min(1, active / windowDays),
  }
}

/**
 * One tenant (fee payer; Akash: the deployment owner) over a window: spend in the fee asset, the other fee assets
 * and USD (PayerDay, valued as providerStats), payments, leases opened / closed in the window and open now (Lease
 * rows with this payer), what the leases closed in the window cost. Null when the network has never seen the payer.
 */
export async function payerStats(pool: pg.Pool, args: { network: string; payer: string; window: Window }) {
  const net = networkById(args.network)
  if (!net) throw badInput(`unknown network "${args.network}"`)
  const payer = args.payer.toLowerCase()
  const bounds = await windowBounds(pool, args.window)
  if (!bounds) return null
  const { from, to } = bounds
  const seen = (await pool.query(
    `SELECT (SELECT min(day) FROM payer_day WHERE network = $1 AND payer = $2) AS first_day, (SELECT min(opened_at) FROM lease WHERE network = $1 AND payer = $2) AS first_lease`,
    [net.id, payer],
  )).rows[0]
  if (!seen.first_day && !seen.first_lease) return null
  const daily = (await pool.query(
    `SELECT day, fees_native::text AS fees, fees_other::text AS fees_other, payments FROM payer_day
      WHERE network = $1 AND payer = $2 AND ($3::timestamptz IS NULL OR day >= $3) AND day <= $4`,
    [net.id, payer, from, to],
  )).rows
  const prices = await dailyPrices(pool, net)
  const other = otherAsset(net)
  let fees = 0n
  let feesOther = 0n
  let payments = 0
  let feesUsd: number | null = 0
  for (const d of daily) {
    fees += BigInt(d.fees)
    feesOther += BigInt(d.fees_other)
    payments += d.payments
    const pr = prices.get(d.day.getTime())
    const f = toDecimal(BigInt(d.fees), net.feeAsset.decimals)
    feesUsd = addN(feesUsd, addN(f === 0 ? 0 : pr?.fee == null ? null : f * pr.fee, other.usd(BigInt(d.fees_other))))
  }
  const inWindow = (col: string) => `(${col} IS NOT NULL AND ($3::timestamptz IS NULL OR ${col} >= $3) AND ${col} < $4::timestamptz + interval '1 day')`
  const leases = (await pool.query(
    `SELECT count(*) FILTER (WHERE status = 'OPEN')::int AS open, count(*) FILTER (WHERE ${inWindow('opened_at')})::int AS opened,
            count(*) FILTER (WHERE status = 'CLOSED' AND ${inWindow('closed_at')})::int AS closed,
            coalesce(sum(spent) FILTER (WHERE status = 'CLOSED' AND ${inWindow('closed_at')}), 0)::text AS spent
       FROM lease WHERE network = $1 AND payer = $2`,
    [net.id, payer, from, to],
  )).rows[0]
  return {
    network: net.id, payer, window: args.window, from, to,
    feesNative: fees.toString(), fees: toDecimal(fees, net.feeAsset.decimals), feeAsset: net.feeAsset.symbol,
    feesOtherNative: feesOther.toString(), feesOther: toDecimal(feesOther, other.decimals), feesOtherAsset: other.symbol, feesOtherUsd: other.usd(feesOther), feesUsd,
    payments, leasesOpened: leases.opened, leasesClosed: leases.closed, openLeases: leases.open, leasesSpentNative: leases.spent,
  }
}

/** How concentrated a network's fee payers are over a window: top-10 share and HHI of fee shares (PayerDay). */
export async function payerConcentration(pool: pg.Pool, args: { network: string; window: Window; top: number }) {
  const net = networkById(args.network)
  if (!net) throw badInput(`unknown network "${args.network}"`)
  const bounds = await windowBounds(pool, args.window)
  const rows = bounds ? (await pool.query(
    `SELECT payer, sum(fees_native)::text AS fees, sum(fees_other)::text AS fees_other, sum(payments)::int AS payments FROM payer_day
      WHERE network = $1 AND ($2::timestamptz IS NULL OR day >= $2) AND day <= $3
      GROUP BY payer HAVING sum(fees_native) > 0 OR sum(fees_other) > 0 ORDER BY sum(fees_native) DESC, sum(fees_other) DESC, payer`,
    [net.id, bounds.from, bounds.to],
  )).rows : []
  // leases open now per payer (Lease rows; Akash: the deployment owner's)
  const openOf = new Map<string, number>(rows.length ? (await pool.query(
    `SELECT payer, count(*)::int AS n FROM lease WHERE network = $1 AND status = 'OPEN' AND payer IS NOT NULL GROUP BY payer`, [net.id],
  )).rows.map((x) => [x.payer, x.n]) : [])
  const total = rows.reduce((s, x) => s + BigInt(x.fees), 0n)
  const totalOther = rows.reduce((s, x) => s + BigInt(x.fees_other), 0n)
  // spend in USD: fee-asset fees at the day's valuation (as providerStats) plus the other asset at its fixed price
  const other = otherAsset(net)
  const usdOf = new Map<string, number | null>()
  if (bounds && rows.length) {
    const prices = await dailyPrices(pool, net)
    const days = (await pool.query(
      `SELECT payer, day, fees_native::text AS fees, fees_other::text AS fees_other FROM payer_day WHERE network = $1 AND ($2::timestamptz IS NULL OR day >= $2) AND day <= $3`,
      [net.id, bounds.from, bounds.to],
    )).rows
    for (const d of days) {
      const fees = toDecimal(BigInt(d.fees), net.feeAsset.decimals)
      const pr = prices.get(d.day.getTime())
      usdOf.set(d.payer, addN(usdOf.has(d.payer) ? usdOf.get(d.payer)! : 0, addN(fees === 0 ? 0 : pr?.fee == null ? null : fees * pr.fee, other.usd(BigInt(d.fees_other)))))
    }
  }
  const usd = rows.map((x) => usdOf.get(x.payer) ?? null)
  const totalUsd = usd.some((v) => v == null) ? null : usd.reduce((s, v) => s! + v!, 0)
  const usdShares = totalUsd == null || totalUsd === 0 ? null : usd.map((v) => v! / totalUsd).sort((a, b) => b - a)
  // shares from exact integer sums (12 significant digits before the float division)
  const share = (v: bigint) => (total === 0n ? 0 : Number((v * 10n ** 12n) / total) / 1e12)
  const shares = rows.map((x) => share(BigInt(x.fees)))
  return {
    network: net.id, window: args.window, from: bounds?.from ?? null, to: bounds?.to ?? null,
    payers: rows.length, feesNative: total.toString(), fees: toDecimal(total, net.feeAsset.decimals), feeAsset: net.feeAsset.symbol,
    feesOtherNative: totalOther.toString(), feesOther: toDecimal(totalOther, other.decimals), feesOtherAsset: other.symbol, feesUsd: totalUsd,
    top10Share: rows.length ? shares.slice(0, 10).reduce((s, x) => s + x, 0) : null,
    hhi: rows.length ? shares.reduce((s, x) => s + x * x, 0) : null,
    top10ShareUsd: usdShares ? usdShares.slice(0, 10).reduce((s, x) => s + x, 0) : null,
    hhiUsd: usdShares ? usdShares.reduce((s, x) => s + x * x, 0) : null,
    top: rows.slice(0, args.top).map((x, i) => ({ payer: x.payer, feesNative: x.fees, feesOtherNative: x.fees_other, feesUsd: usd[i], payments: x.payments, openLeases: openOf.get(x.payer) ?? 0, share: shares[i] })),
  }
}
