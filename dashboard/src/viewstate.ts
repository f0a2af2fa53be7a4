/**
 * The view state every page reads from its URL: `?range=90d&interval=week&networks=aethir,livepeer&sort=fees:desc`.
 * Unknown or malformed values fall back to the defaults (a shared link never breaks a page).
 */
import { useMemo } from 'react'
import { setSearchParams, useSearch } from './router'

export const RANGES = [
  { id: '30d', label: '30D', days: 30 },
  { id: '90d', label: '90D', days: 90 },
  { id: '180d', label: '180D', days: 180 },
  { id: '1y', label: '1Y', days: 365 },
  { id: '5y', label: '5Y', days: 1826 },
  { id: 'all', label: 'All', days: null },
] as const
export type RangeId = (typeof RANGES)[number]['id']

export const INTERVALS = [
  { id: 'day', label: 'Day' },
  { id: 'week', label: 'Week' },
  { id: 'month', label: 'Month' },
] as const
export type IntervalId = (typeof INTERVALS)[number]['id']

export const DEFAULT_RANGE: RangeId = '30d'
export const DEFAULT_INTERVAL: IntervalId = 'day'

export interface ViewState {
  range: RangeId
  /** days in the range; null = everything indexed */
  days: number | null
  interval: IntervalId
  /** network ids to show; empty = all */
  networks: string[]
  sort?: { key: string; dir: 'asc' | 'desc' }
}

export function parseViewState(search: string): ViewState {
  const q = new URLSearchParams(search)
  const range = RANGES.find((r) => r.id === q.get('range')) ?? RANGES.find((r) => r.id === DEFAULT_RANGE)!
  const interval = INTERVALS.find((i) => i.id === q.get('interval'))?.id ?? DEFAULT_INTERVAL
  const networks = (q.get('networks') ?? '').split(',').map((s) => s.trim()).filter(Boolean)
  const m = /^([A-Za-z0-9]+):(asc|desc)$/.exec(q.get('sort') ?? '')
  return { range: range.id, days: range.days, interval, networks: [...new Set(networks)].sort(), sort: m ? { key: m[1], dir: m[2] as 'asc' | 'desc' } : undefined }
}

/** The URL's view state and setters that write it back (default values are left out of the URL). */
export function useViewState() {
  const search = useSearch()
  const state = useMemo(() => parseViewState(search), [search])
  return {
    ...state,
    setRange: (r: RangeId) => setSearchParams({ range: r === DEFAULT_RANGE ? null : r }),
    setInterval: (i: IntervalId) => setSearchParams({ interval: i === DEFAULT_INTERVAL ? null : i }),
    setNetworks: (ids: string[]) => setSearchParams({ networks: [...new Set(ids)].sort().join(',') || null }),
    setSort: (key: string, dir: 'asc' | 'desc') => setSearchParams({ sort: `${key}:${dir}` }),
  }
}

/** The query string that carries range and interval over to another page (filters of networks stay behind). */
export function carryQuery(search: string): string {
  const q = new URLSearchParams(search)
  const out = new URLSearchParams()
  for (const k of ['range', 'interval']) {
    const v = q.get(k)
    if (v) out.set(k, v)
  }
  const s = out.toString()
  return s ? `?${s}` : ''
}

/**
 * The data page's query from a page: the view's query string and the page it came from (`view=category:<id>` or
 * `network:<id>`), so the data page offers that page's queries and exports. From the data page itself, kept as is.
 */
export function dataQuery(search: string, route: { page: string; id?: string }): string {
  const q = new URLSearchParams(search)
  if (route.page === 'category' || route.page === 'network') q.set('view', `${route.page}:${route.id}`)
  else if (route.page !== 'data') q.delete('view')
  const s = q.toString().replace(/%2C/g, ',').replace(/%3A/g, ':')
  return s ? `?${s}` : ''
}

/** Windows of a view (shared with the API's market series). */
export { dayStart, windowOf } from '../../common/series'
