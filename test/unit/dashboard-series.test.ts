/** The dashboard's bucketing (dashboard/src/series.ts) and windows (viewstate.ts) against hand-worked figures. */
import { describe, expect, it } from 'vitest'
import { aggregate, bucketStart, buckets, byGroup, drawInterval } from '../../dashboard/src/series'
import { parseViewState, windowOf } from '../../dashboard/src/viewstate'

const D = (s: string) => Date.parse(`${s}T00:00:00Z`)
const row = (day: string, fees: number | null, cap: number | null) => ({ periodStart: `${day}T00:00:00.000Z`, fees, cap })

describe('dashboard series', () => {
  it('buckets by ISO week (Monday) and calendar month', () => {
    expect(new Date(bucketStart(D('2026-11-29'), 'week')).toISOString().slice(0, 10)).toBe('2026-11-23') // a Sunday
    expect(new Date(bucketStart(D('2026-11-23'), 'week')).toISOString().slice(0, 10)).toBe('2026-11-23') // a Monday
    expect(new Date(bucketStart(D('2026-11-29'), 'month')).toISOString().slice(0, 10)).toBe('2026-11-01')
    const bs = buckets(D('2026-11-20'), D('2026-12-02'), 'week')
    expect(bs.map((b) => [b.day, b.days])).toEqual([['2026-11-16', 3], ['2026-11-23', 7], ['2026-11-30', 3]])
  })

  it('sums flows, keeps the last level, skips unknown values and carries levels over empty buckets', () => {
    const rows = [
      row('2026-11-10', 1, 5), // before the window: seeds the level only
      row('2026-11-16', 2, 7),
      row('2026-11-18', null, null),
      row('2026-11-19', 3, 9),
      row('2026-11-30', null, null),
    ]
    const bs = buckets(D('2026-11-16'), D('2026-12-09'), 'week')
    const out = aggregate(rows, bs, 'week', { fees: 'sum', cap: 'last' })
    expect(out.map((r) => [r.day, r.fees, r.cap])).toEqual([
      ['2026-11-16', 5, 9], // 2 + 3 (null skipped); last known level 9
      ['2026-11-23', 0, 9], // no row: flows 0, level carried
      ['2026-11-30', null, 9], // only an unknown value: unknown
      ['2026-12-07', 0, 9],
    ])
    const first = aggregate([row('2026-11-10', 1, 5)], buckets(D('2026-11-16'), D('2026-11-16'), 'day'), 'day', { fees: 'sum', cap: 'last' })
    expect(first[0].cap).toBe(5)
    expect(first[0].fees).toBe(0)
  })

  it('adds members into groups, unknown when every member is unknown', () => {
    const bs = buckets(D('2026-11-16'), D('2026-11-17'), 'day')
    const a = aggregate([row('2026-11-16', 1, 1), row('2026-11-17', null, 1)], bs, 'day', { fees: 'sum' })
    const b = aggregate([row('2026-11-16', 2, 1), row('2026-11-17', null, 1)], bs, 'day', { fees: 'sum' })
    const g = byGroup([{ id: 'a', rows: a }, { id: 'b', rows: b }], () => 'x', 'fees', bs)
    expect(g.map((r) => r.x)).toEqual([3, null])
  })

  it('windows end on the last day, never start before the first, and have a previous period of the same length', () => {
    expect(windowOf(30, D('2026-11-29') + 5000, D('2026-01-01'))).toEqual({ from: D('2026-10-31'), to: D('2026-11-29'), prevFrom: D('2026-10-01'), span: 30 })
    expect(windowOf(30, D('2026-11-29'), D('2026-11-20'))).toMatchObject({ from: D('2026-11-20'), span: 10, prevFrom: D('2026-11-10') })
    expect(windowOf(null, D('2026-11-29'), D('2026-11-01'))).toMatchObject({ from: D('2026-11-01'), span: 29 })
  })

  it('parses the URL view state and falls back to defaults on bad values', () => {
    expect(parseViewState('?range=90d&interval=week&networks=livepeer,aethir,livepeer&sort=fdv:asc')).toEqual({
      range: '90d', days: 90, interval: 'week', networks: ['aethir', 'livepeer'], sort: { key: 'fdv', dir: 'asc' },
    })
    expect(parseViewState('?range=7y&interval=hour&sort=drop table')).toEqual({ range: '30d', days: 30, interval: 'day', networks: [], sort: undefined })
  })
})

describe('drawn interval', () => {
  it('coarsens days to weeks and weeks to months beyond MAX_BUCKETS slots', () => {
    expect(drawInterval('day', 365)).toBe('day')
    expect(drawInterval('day', 1826)).toBe('week')
    expect(drawInterval('week', 1826)).toBe('week')
    expect(drawInterval('day', 3000)).toBe('month')
    expect(drawInterval('month', 30)).toBe('month')
  })
})
