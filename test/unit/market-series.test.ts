/**
 * The market views' server-side aggregation (api/market-series.ts marketSeriesOf) and what the pages derive from it
 * (dashboard/src/market.ts deriveMarket), against sums worked out here directly from daily rows with gaps and
 * unknown (null) USD values: window and previous-period totals skip nulls, levels are the latest row at or before a
 * day, weekly and monthly buckets add their days and carry levels forward; an unchanged answer is only a version.
 */
import { describe, expect, it } from 'vitest'
import { marketSeriesOf, type MarketDay } from '../../api/market-series'
import type { MarketData, Network } from '../../dashboard/src/api'
import { deriveMarket } from '../../dashboard/src/market'
import { parseViewState } from '../../dashboard/src/viewstate'

const DAY = 86_400_000
const D = (s: string) => Date.parse(`${s}T00:00:00Z`)
const LAST = D('2026-11-25') // a Wednesday

/** Deterministic rows: `n` days ending `end` days before LAST, every `gap`-th day missing, nulls where `nullAt` says. */
function rows(seed: number, n: number, opts: { end?: number; gap?: number; nullFees?: (i: number) => boolean; nullCap?: (i: number) => boolean } = {}): MarketDay[] {
  const out: MarketDay[] = []
  for (let i = 0; i < n; i++) {
    if (opts.gap && i % opts.gap === 3) continue
    const t = LAST - ((opts.end ?? 0) + n - 1 - i) * DAY
    out.push({
      periodStart: new Date(t), price: 1 + seed + i / 100, marketCap: opts.nullCap?.(i) ? null : 1000 * seed + i, fdv: 2000 * seed + i,
      feesUsd: opts.nullFees?.(i) ? null : seed * 10 + (i % 7), incentivesUsd: i % 5 === 0 ? null : seed + i / 10,
      demandRewardsRatio30d: 0.5, annualizedFeesUsd: 365 * seed, pf: 3, capacity: 100 * seed + i, activeLeases: 10 * seed + (i % 3), utilization: seed === 2 ? 0.5 : null,
    })
  }
  return out
}

const nets = [
  { net: { id: 'a', capacityUnit: 'GPUs' }, rows: rows(1, 200, { gap: 9, nullFees: (i) => i % 4 === 0 }) },
  // ends 3 days before the others, its latest market cap unknown
  { net: { id: 'b', capacityUnit: 'devices' }, rows: rows(2, 150, { end: 3, nullCap: (i) => i === 149 }) },
  // no fee ever priced
  { net: { id: 'c', capacityUnit: null }, rows: rows(3, 60, { nullFees: () => true }) },
]

const ms = (r: MarketDay) => r.periodStart.getTime()
const sumKnown = (xs: (number | null)[]) => (xs.some((x) => x != null) ? xs.reduce<number>((s, x) => s + (x ?? 0), 0) : null)
const inRange = (rs: MarketDay[], a: number, b: number) => rs.filter((r) => ms(r) >= a && ms(r) <= b)
const latest = (rs: MarketDay[], t: number) => rs.filter((r) => ms(r) <= t).at(-1)

describe('marketSeries (server-side aggregation of the market views)', () => {
  it('window, previous period, totals and levels by network', () => {
    const m = marketSeriesOf(nets, { days: 30, interval: 'DAY' }, LAST)
    const from = LAST - 29 * DAY
    const prevFrom = from - 30 * DAY
    expect(m.window).toEqual({ from: new Date(from), to: new Date(LAST), prevFrom: new Date(prevFrom), days: 30, hasPrevious: true, previousPartial: false })
    expect(m.interval).toBe('DAY')
    expect(m.periods!.length).toBe(30)
    expect(m.periodDays!.every((d) => d === 1)).toBe(true)
    for (const { net, rows: rs } of nets) {
      const got = m.networks!.find((n) => n.network === net.id)!
      expect(got.feesUsd).toBe(sumKnown(inRange(rs, from, LAST).map((r) => r.feesUsd)))
      expect(got.incentivesUsd).toBe(sumKnown(inRange(rs, from, LAST).map((r) => r.incentivesUsd)))
      expect(got.previousFeesUsd).toBe(sumKnown(inRange(rs, prevFrom, from - DAY).map((r) => r.feesUsd)))
      expect(got.latest?.marketCap).toBe(latest(rs, LAST)?.marketCap)
      expect(got.latest?.periodStart).toEqual(latest(rs, LAST)?.periodStart)
      expect(got.previous?.capacity).toBe(latest(rs, from - DAY)?.capacity)
      expect(got.latest?.capacityUnit).toBe(net.capacityUnit)
    }
    expect(m.networks!.find((n) => n.network === 'c')!.feesUsd).toBeNull()
    expect(m.networks!.find((n) => n.network === 'b')!.latest!.marketCap).toBeNull()
  })

  it('weekly and monthly buckets: flows summed (unknown skipped, days without a row 0), levels at the bucket end', () => {
    for (const [interval, next] of [['WEEK', (t: number) => t + 7 * DAY], ['MONTH', (t: number) => Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth() + 1, 1)]] as const) {
      const m = marketSeriesOf(nets, { days: 120, interval }, LAST)
      const from = LAST - 119 * DAY
      const starts = m.periods!.map((p) => p.getTime())
      for (const [i, t] of starts.entries()) {
        if (interval === 'WEEK') expect(new Date(t).getUTCDay(), 'weeks start on Monday').toBe(1)
        else expect(new Date(t).getUTCDate()).toBe(1)
        const end = Math.min(next(t) - DAY, LAST)
        expect(m.periodDays![i]).toBe(Math.round((end - Math.max(t, from)) / DAY) + 1)
        for (const { net, rows: rs } of nets) {
          const s = m.networks!.find((n) => n.network === net.id)!.series
          const days = inRange(rs, Math.max(t, from), end)
          expect(s.feesUsd[i], `${net.id} fees ${interval} ${new Date(t).toISOString()}`).toBe(days.length ? sumKnown(days.map((r) => r.feesUsd)) : 0)
          const lastKnown = rs.filter((r) => ms(r) <= end && r.marketCap != null).at(-1)
          expect(s.marketCap[i], `${net.id} market cap`).toBe(lastKnown?.marketCap ?? null)
        }
      }
      // the buckets partition the window: their fees add up to the window's total
      for (const n of m.networks!) if (n.feesUsd != null) expect(sumKnown(n.series.feesUsd)).toBeCloseTo(n.feesUsd, 9)
    }
  })

  it('draws at most 400 buckets: five years by day are drawn by week', () => {
    const long = [{ net: { id: 'a', capacityUnit: null }, rows: rows(1, 1900) }]
    const m = marketSeriesOf(long, { days: 1826, interval: 'DAY' }, LAST)
    expect(m.interval).toBe('WEEK')
    expect(m.periods!.length).toBeLessThanOrEqual(400)
    expect(m.periodDays!.reduce((s, d) => s + d, 0)).toBe(1826)
  })

  it('answers an unchanged view with its version only', () => {
    const first = marketSeriesOf(nets, { days: 30, interval: 'DAY' }, LAST)
    const again = marketSeriesOf(nets, { days: 30, interval: 'DAY', ifNoneMatch: first.version }, LAST)
    expect(again).toEqual({ version: first.version, changed: false, window: null, interval: null, periods: null, periodDays: null, networks: null })
    const moved = nets.map((n, i) => (i === 0 ? { ...n, rows: [...n.rows.slice(0, -1), { ...n.rows.at(-1)!, feesUsd: 1 }] } : n))
    const changed = marketSeriesOf(moved, { days: 30, interval: 'DAY', ifNoneMatch: first.version }, LAST)
    expect(changed.changed).toBe(true)
    expect(changed.version).not.toBe(first.version)
  })

  it('refuses what it cannot draw', () => {
    expect(() => marketSeriesOf(nets, { days: 0, interval: 'DAY' })).toThrow(/days/)
    expect(() => marketSeriesOf(nets, { days: 30, interval: 'HOUR' })).toThrow(/DAY, WEEK or MONTH/)
  })

  it('the page totals add the networks, skipping unknown values', () => {
    const m = JSON.parse(JSON.stringify(marketSeriesOf(nets, { days: 30, interval: 'DAY' }, LAST)))
    const networks: Network[] = nets.map(({ net }) => ({ id: net.id, name: net.id.toUpperCase(), category: net.id === 'c' ? 'storage' : 'compute', chain: 'arbitrum-one', chainId: 42161, tokenSymbol: 'T', tokenDecimals: 18, feeAsset: 'USDC', feeAssetDecimals: 6 }))
    const data: MarketData = {
      networks,
      categories: [{ id: 'compute', name: 'Compute', color: '#000', networks: [] }, { id: 'storage', name: 'Storage', color: '#111', networks: [] }],
      indexerStatus: [],
      market: m,
    }
    const v = deriveMarket(data, parseViewState(''))
    const from = LAST - 29 * DAY
    const all = nets.flatMap((n) => inRange(n.rows, from, LAST))
    expect(v.totals.feesUsd).toBeCloseTo(sumKnown(all.map((r) => r.feesUsd))!, 9)
    expect(v.totals.incentivesUsd).toBeCloseTo(sumKnown(all.map((r) => r.incentivesUsd))!, 9)
    // market cap: the networks' latest known levels (b's latest is unknown: left out)
    expect(v.totals.marketCap).toBe(nets.map((n) => latest(n.rows, LAST)!.marketCap).reduce<number>((s, x) => s + (x ?? 0), 0))
    expect(v.totals.capacity).toEqual([
      { unit: 'devices', value: latest(nets[1].rows, LAST)!.capacity },
      { unit: 'GPUs', value: latest(nets[0].rows, LAST)!.capacity },
    ])
    expect(v.rows.find((r) => r.id === 'c')!.feesUsd).toBeNull()
    expect(v.groupRows.find((g) => g.id === 'storage')!.feesUsd).toBeNull()
    expect(v.rows.find((r) => r.id === 'a')!.spark).toEqual(m.networks[0].series.feesUsd)
    expect(v.charts.fees.length).toBe(30)
  })
})
