/**
 * Time buckets and windows of the dashboard's views, shared by the dashboard (dashboard/src/series.ts re-exports it)
 * and the API's market series (api/market-series.ts), so both cut time the same way. Pure: no DOM, no Node.
 *
 * Time buckets for charts. Daily rows from the API are grouped by UTC day, ISO week (Monday) or calendar month:
 * flows (fees, incentives, mints, new providers...) are summed, levels (market cap, supply, capacity, active
 * leases...) take the bucket's last day. A day without a row adds 0 to flows and carries levels forward, so the
 * time axis stays linear. Sums skip unknown (null) values; a bucket whose values are all unknown is null.
 */
/** Chart interval: UTC day, ISO week (Monday) or calendar month. */
export type IntervalId = 'day' | 'week' | 'month'

export const DAY_MS = 86_400_000

export type Agg = 'sum' | 'last'
export type Spec = Record<string, Agg>

export interface Bucket {
  /** bucket start, ms */
  t: number
  /** YYYY-MM-DD of the bucket start (chart category key) */
  day: string
  periodStart: string
  /** days of the bucket inside the window */
  days: number
}

export type BucketRow = Bucket & Record<string, number | null | string>

export function bucketStart(t: number, interval: IntervalId): number {
  const d = Math.floor(t / DAY_MS) * DAY_MS
  if (interval === 'day') return d
  if (interval === 'week') return d - ((new Date(d).getUTCDay() + 6) % 7) * DAY_MS
  const x = new Date(d)
  return Date.UTC(x.getUTCFullYear(), x.getUTCMonth(), 1)
}

/** Buckets covering the days [from, to] (ms, UTC midnights), oldest first. */
export function buckets(from: number, to: number, interval: IntervalId): Bucket[] {
  const out: Bucket[] = []
  for (let d = from; d <= to; d += DAY_MS) {
    const t = bucketStart(d, interval)
    const last = out[out.length - 1]
    if (last && last.t === t) last.days++
    else {
      const iso = new Date(t).toISOString()
      out.push({ t, day: iso.slice(0, 10), periodStart: iso, days: 1 })
    }
  }
  return out
}

const addNullable = (a: number | null, b: number | null) => (b == null ? a : (a ?? 0) + b)

/**
 * Aggregates daily rows (any order, `periodStart` ISO) into `bs` by `spec`. Only days from `from` (the window's
 * first day; by default the first bucket's start) add to flows, so a first bucket that starts before the window
 * counts its days inside it only; levels before `from` seed the carry-forward (a level known before `from` is the
 * level on `from`).
 */
export function aggregate<T extends { periodStart: string }>(rows: T[], bs: Bucket[], interval: IntervalId, spec: Spec, windowFrom?: number): BucketRow[] {
  const keys = Object.keys(spec)
  const out: BucketRow[] = bs.map((b) => {
    const r: BucketRow = { ...b }
    for (const k of keys) r[k] = spec[k] === 'sum' ? 0 : null
    return r
  })
  if (!bs.length) return out
  const index = new Map(bs.map((b, i) => [b.t, i]))
  const from = windowFrom ?? bs[0].t
  const end = bs[bs.length - 1].t
  const sorted = [...rows].sort((a, b) => Date.parse(a.periodStart) - Date.parse(b.periodStart))
  const seen = new Set<number>()
  const carry: Record<string, number | null> = {}
  for (const row of sorted) {
    const t = Date.parse(row.periodStart)
    const rec = row as unknown as Record<string, number | null>
    if (t < from) {
      for (const k of keys) if (spec[k] === 'last' && rec[k] != null) carry[k] = rec[k]
      continue
    }
    const bt = bucketStart(t, interval)
    if (bt > end) continue
    const i = index.get(bt)
    if (i == null) continue
    const r = out[i]
    for (const k of keys) {
      const v = rec[k] ?? null
      if (spec[k] === 'sum') r[k] = seen.has(i) ? addNullable(r[k] as number | null, v) : v
      else if (v != null) r[k] = v
    }
    seen.add(i)
  }
  // carry levels forward over buckets without a row
  for (const r of out) {
    for (const k of keys) {
      if (spec[k] !== 'last') continue
      if (r[k] == null) r[k] = carry[k] ?? null
      else carry[k] = r[k] as number
    }
  }
  return out
}

/** Sum of the non-null values; null when every value is null (or there is none). */
export function sumNullable(values: (number | null | undefined)[]): number | null {
  let s: number | null = null
  for (const v of values) if (v != null) s = (s ?? 0) + v
  return s
}

/**
 * Adds per-member bucket rows into one row per bucket with a column per group: `groupOf(member)` names the
 * column, `field` the value summed (nulls skipped; a group whose members are all null in a bucket is null).
 */
export function byGroup(members: { id: string; rows: BucketRow[] }[], groupOf: (id: string) => string, field: string, bs: Bucket[]): BucketRow[] {
  return bs.map((b, i) => {
    const r: BucketRow = { ...b }
    for (const m of members) {
      const g = groupOf(m.id)
      const v = (m.rows[i]?.[field] ?? null) as number | null
      r[g] = addNullable((r[g] as number | null | undefined) ?? null, v)
    }
    return r
  })
}

/** Most chart slots drawn at once: beyond it a finer interval is drawn by week, then by month. */
export const MAX_BUCKETS = 400

/** The interval charts are drawn with: the requested one, coarsened while the window has more than MAX_BUCKETS slots. */
export function drawInterval(requested: IntervalId, spanDays: number): IntervalId {
  if (requested === 'day' && spanDays > MAX_BUCKETS) requested = 'week'
  if (requested === 'week' && spanDays / 7 > MAX_BUCKETS) requested = 'month'
  return requested
}

/** UTC midnight of a time. */
export const dayStart = (t: number) => Math.floor(t / DAY_MS) * DAY_MS

/**
 * The window of a view ending on `lastDay` (the latest UTC day with data, or today): [from, to] and the previous
 * period of the same length [prevFrom, from). `days` null = from the first day with data. A window never starts
 * before `firstDay`: days before indexing began are unknown, not zero.
 */
export function windowOf(days: number | null, lastDay: number, firstDay: number) {
  const to = dayStart(lastDay)
  const from = days == null ? dayStart(firstDay) : Math.max(to - (days - 1) * DAY_MS, Math.min(dayStart(firstDay), to))
  const span = Math.round((to - from) / DAY_MS) + 1
  return { from, to, prevFrom: from - span * DAY_MS, span }
}
