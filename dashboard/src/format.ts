/** Number and date formatting for cards, axes, tooltips and tables (en-US, UTC days). */

const cache = new Map<string, Intl.NumberFormat>()
function nf(opts: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(opts)
  let f = cache.get(key)
  if (!f) cache.set(key, (f = new Intl.NumberFormat('en-US', opts)))
  return f
}

/** Compact amount without unit: 0.0042, 1.23, 55.31, 12.3K, 415.2K, 1.2M. */
export function compact(n: number): string {
  if (!Number.isFinite(n)) return '–'
  const a = Math.abs(n)
  if (a === 0) return '0'
  if (a < 1) return nf({ maximumSignificantDigits: 3 }).format(n)
  if (a < 1000) return nf({ maximumFractionDigits: 2 }).format(n)
  return nf({ notation: 'compact', maximumFractionDigits: 1 }).format(n)
}

const BYTE_UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB']

/** Bytes in binary multiples: `512 B`, `1.5 GiB`, `3.0 EiB`. */
export function bytes(n: number): string {
  if (!Number.isFinite(n)) return '–'
  let i = 0
  let v = Math.abs(n)
  while (v >= 1024 && i < BYTE_UNITS.length - 1) {
    v /= 1024
    i++
  }
  return `${n < 0 ? '-' : ''}${i === 0 ? int(v) : nf({ maximumFractionDigits: v < 10 ? 2 : 1 }).format(v)} ${BYTE_UNITS[i]}`
}

/** Whether a capacity unit counts bytes (`bytes (raw-byte power)`). */
export const isByteUnit = (unit: string) => unit.startsWith('bytes')

/** A capacity in its own unit: bytes in binary multiples (`3.0 EiB`), anything else compact (`3K`). */
export function capacityValue(n: number, unit: string): string {
  return isByteUnit(unit) ? bytes(n) : compact(n)
}

/** The unit's name after a capacity value: `devices`, or the qualifier of bytes (`(raw-byte power)`). */
export function capacityUnitLabel(unit: string): string {
  return isByteUnit(unit) ? unit.slice('bytes'.length).trim() : unit
}

/** Compact amount with a token symbol: `1.23 ETH`, `415.2K LPT`. */
export function token(n: number, symbol: string): string {
  return `${compact(n)} ${symbol}`
}

/** Compact US dollars: `$950`, `$12.3K`, `$1.2M`. */
export function usd(n: number): string {
  if (!Number.isFinite(n)) return '–'
  const a = Math.abs(n)
  if (a === 0) return '$0'
  if (a < 1000) return nf({ style: 'currency', currency: 'USD', maximumFractionDigits: a < 10 ? 2 : 0 }).format(n)
  return nf({ style: 'currency', currency: 'USD', notation: 'compact', maximumFractionDigits: 1 }).format(n)
}

/** Full amount for tables: grouped, fixed fraction digits. */
export function fixed(n: number, digits: number): string {
  return nf({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(n)
}

export function usdFull(n: number): string {
  return nf({ style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(n)
}

export function int(n: number): string {
  return nf({ maximumFractionDigits: 0 }).format(n)
}

const dayShort = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' })
const dayLong = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })

/** `Nov 3` (UTC day). */
export function dayLabel(iso: string): string {
  return dayShort.format(new Date(iso))
}

/** `Mon, Nov 3, 2025` (UTC day). */
export function dayLongLabel(iso: string): string {
  return dayLong.format(new Date(iso))
}

/** `YYYY-MM-DD` of a UTC period start. */
export function dayKey(iso: string): string {
  return new Date(iso).toISOString().slice(0, 10)
}

/** `4s`, `2m 05s`, `1h 03m`, `2d 4h`. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–'
  const s = Math.floor(seconds)
  if (s < 60) return `${s}s`
  const m = Math.floor(s / 60)
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`
  const h = Math.floor(m / 60)
  if (h < 48) return `${h}h ${String(m % 60).padStart(2, '0')}m`
  return `${Math.floor(h / 24)}d ${h % 24}h`
}

const monthShort = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' })
const monthLong = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' })
const dayYear = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })

/** Axis tick of a bucket: `Nov 3` (day, week), `Nov 2026` (month). */
export function bucketTick(iso: string, interval: 'day' | 'week' | 'month'): string {
  return interval === 'month' ? monthShort.format(new Date(iso)) : dayShort.format(new Date(iso))
}

/** Tooltip title / table row of a bucket: `Mon, Nov 3, 2025`, `Week of Nov 3, 2025`, `November 2025`. */
export function bucketLabel(iso: string, interval: 'day' | 'week' | 'month'): string {
  if (interval === 'month') return monthLong.format(new Date(iso))
  if (interval === 'week') return `Week of ${dayYear.format(new Date(iso))}`
  return dayLong.format(new Date(iso))
}

/** `+12.3%` / `−4.0%`; null when there is nothing to compare with. */
export function pctChange(cur: number | null, prev: number | null): number | null {
  if (cur == null || prev == null || prev === 0) return null
  return (cur - prev) / Math.abs(prev)
}

export function pct(n: number, digits = 1): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : ''}${Math.abs(n * 100).toFixed(digits)}%`
}

/** A price: `$0.0421`, `$12.40`, `$1.2K`. */
export function price(n: number): string {
  return n < 1 ? `$${n.toPrecision(3)}` : usd(n)
}

/** A ratio: `0.42×`, `3.10×`, `120×`. */
export function ratio(r: number | null): string {
  return r == null ? '–' : r >= 100 ? `${compact(r)}×` : `${r.toFixed(r < 0.1 ? 3 : 2)}×`
}
