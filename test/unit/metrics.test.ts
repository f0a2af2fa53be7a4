/** Derived metrics on hand-made rollups and prices, checked against figures worked out by hand. */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { providerCountsByDay } from '../../api/metrics'
import { CHURN_DAYS, METHODOLOGY_VERSION, deriveCategoryMetrics, deriveMetrics, type DerivedMetrics, type RollupRow } from '../../indexer/metrics'

const E18 = 10n ** 18n
const day = (i: number) => new Date(Date.UTC(2026, 0, 1 + i))
const row = (i: number, o: Partial<RollupRow> = {}): RollupRow => ({
  periodStart: day(i), feesNative: 0n, feesUsd: 0, feesUnpricedNative: 0n, feesRefundedNative: 0n, rewardsNative: 0n, protocolTakeNative: 0n,
  mintedNative: 0n, burnedNative: 0n, lockedNative: 0n, unlockedNative: 0n, capacityAdded: 0n, capacityRemoved: 0n, leasesOpened: 0, leasesClosed: 0, ...o,
})
const meta = { tokenDecimals: 18, feeAssetDecimals: 18, feeAssetIsToken: true, maxSupply: 1000n * E18, leasesUseCapacity: true }

describe('deriveMetrics', () => {
  it('supply, market cap, FDV, fees, revenue, incentives, earnings on a token-denominated network', () => {
    const rows = [
      row(0, { mintedNative: 500n * E18, capacityAdded: 10n, leasesOpened: 4 }),
      row(1, { feesNative: 20n * E18, feesUnpricedNative: 20n * E18, feesRefundedNative: 5n * E18, protocolTakeNative: 3n * E18, rewardsNative: 6n * E18, mintedNative: 6n * E18, burnedNative: 1n * E18, capacityRemoved: 2n, leasesClosed: 1 }),
    ]
    const m = deriveMetrics(rows, [{ token: 2, feeAsset: 2 }, { token: 4, feeAsset: 4 }], meta, 'DAY')
    expect(m[0]).toMatchObject({ totalSupply: 500, marketCap: 1000, fdv: 2000, fdvBasis: 'max-supply', capacity: 10, activeLeases: 4, utilization: 0.4 })
    // day 2: supply 500 + 6 - 1 = 505 at $4
    expect(m[1]).toMatchObject({
      totalSupply: 505, marketCap: 2020, fdv: 4000, fees: 15, feesUsd: 60, feesValuation: 'period-price',
      protocolRevenueUsd: 12, supplySideRevenueUsd: 48, incentives: 6, incentivesUsd: 24, earningsUsd: -12,
      netIssuance: 5, netIssuanceUsd: 20, issuanceCoverage: 0.6, capacity: 8, activeLeases: 3, utilization: 3 / 8,
    })
    expect(m[1].demandRewardsRatio7d).toBeNull() // fewer than 7 days
  })

  it('circulating supply and market cap exclude tokens locked in listed non-circulating addresses', () => {
    const rows = [row(0, { mintedNative: 1000n * E18, lockedNative: 400n * E18 }), row(1, { unlockedNative: 100n * E18 })]
    const m = deriveMetrics(rows, [{ token: 2, feeAsset: 2 }, { token: 2, feeAsset: 2 }], { ...meta, maxSupply: null }, 'DAY')
    expect(m.map((x) => [x.totalSupply, x.circulatingSupply, x.marketCap, x.fdv])).toEqual([[1000, 600, 1200, 2000], [1000, 700, 1400, 2000]])
  })

  it('keeps on-chain fee valuation (oracle at each event) and prices nothing it does not know', () => {
    const rows = [row(0, { feesNative: 2n * E18, feesUsd: 6000, rewardsNative: 10n * E18, mintedNative: 100n * E18 })]
    const m = deriveMetrics(rows, [{ token: null, feeAsset: null }], { ...meta, feeAssetIsToken: false, maxSupply: null }, 'DAY')
    expect(m[0]).toMatchObject({ feesUsd: 6000, feesValuation: 'onchain-oracle-at-event', protocolRevenueUsd: 0, incentivesUsd: null, marketCap: null, fdvBasis: 'total-supply' })
  })

  it('trailing 7- and 30-day demand/rewards ratios, annualized fees and P/F', () => {
    const rows = Array.from({ length: 30 }, (_, i) => row(i, { feesNative: BigInt(i + 1) * E18, feesUnpricedNative: BigInt(i + 1) * E18, rewardsNative: 2n * E18, mintedNative: i === 0 ? 1000n * E18 : 0n }))
    const prices = rows.map(() => ({ token: 1, feeAsset: 1 }))
    const m = deriveMetrics(rows, prices, meta, 'DAY')
    expect(m[5].demandRewardsRatio7d).toBeNull()
    // days 24..30 fees 24+...+30 = 189, incentives 7*2 = 14
    expect(m[29].demandRewardsRatio7d).toBeCloseTo(189 / 14, 12)
    // 30 days: fees 465, incentives 60
    expect(m[29].demandRewardsRatio30d).toBeCloseTo(465 / 60, 12)
    // ARR = 30-day fees x 12
    expect(m[29].annualizedFeesUsd).toBeCloseTo(465 * 12, 9)
    expect(m[29].pf).toBeCloseTo(1000 / (465 * 12), 12)
    expect(m[28].annualizedFeesUsd).toBeNull()
  })

  it('trailing windows are calendar days: a fee every other day counts 15 fee days in 30, quiet days add 0', () => {
    // rows only on even days 0, 2, ..., 58 (the rollup has no row for a day without events); $1 of fees and
    // 1 token of rewards at $2 on each, 1000 tokens minted on day 0; protocol take $0.25 a fee day
    const rows = Array.from({ length: 30 }, (_, j) => row(2 * j, {
      feesNative: E18, feesUnpricedNative: E18, rewardsNative: E18, protocolTakeNative: E18 / 4n, mintedNative: j === 0 ? 1000n * E18 : 0n,
    }))
    const m = deriveMetrics(rows, rows.map(() => ({ token: 1, feeAsset: 1 })), meta, 'DAY')
    const at = (d: number) => m.find((x) => x.periodStart.getTime() === day(d).getTime())!
    // day 58: the 30-day window is days 29..58, holding the fee days 30, 32, ..., 58 = 15 days
    expect(at(58).annualizedFeesUsd).toBeCloseTo(15 * 12, 9)
    expect(at(58).pf).toBeCloseTo(1000 / (15 * 12), 12)
    // P/S: market cap / (30-day protocol revenue x 12)
    expect(at(58).ps).toBeCloseTo(1000 / (15 * 0.25 * 12), 12)
    // day 28: the window days -1..28 starts before the first indexed day: unknown, not a partial sum
    expect(at(28).annualizedFeesUsd).toBeNull()
    expect(at(28).ps).toBeNull()
    // day 30: the window 1..30 is covered by the history (first day 0): fee days 2..30 = 15
    expect(at(30).annualizedFeesUsd).toBeCloseTo(15 * 12, 9)
    // 7-day window of day 58: days 52..58 = 4 fee days of $1, rewards 4 x $1
    expect(at(58).demandRewardsRatio7d).toBeCloseTo(4 / 4, 12)
    expect(at(4).demandRewardsRatio7d).toBeNull()
    expect(at(6).demandRewardsRatio7d).toBeCloseTo(1, 12) // days 0..6
  })

  it('a gap longer than the window leaves only the periods inside it', () => {
    const rows = [
      row(0, { feesNative: 100n * E18, feesUnpricedNative: 100n * E18, rewardsNative: 50n * E18, mintedNative: 1000n * E18 }),
      row(40, { feesNative: 3n * E18, feesUnpricedNative: 3n * E18, rewardsNative: 2n * E18 }),
    ]
    const m = deriveMetrics(rows, rows.map(() => ({ token: 1, feeAsset: 1 })), meta, 'DAY')
    // day 40: neither window reaches day 0
    expect(m[1].demandRewardsRatio7d).toBeCloseTo(3 / 2, 12)
    expect(m[1].demandRewardsRatio30d).toBeCloseTo(3 / 2, 12)
    expect(m[1].annualizedFeesUsd).toBeCloseTo(3 * 12, 9)
  })

  it('hourly series: the 7-day window is 168 hours, quiet hours add 0', () => {
    const hour = (h: number) => new Date(Date.UTC(2026, 0, 1) + h * 3_600_000)
    // a row every 5th hour over 10 days: fees $h, rewards $1 at each
    const hours = Array.from({ length: 48 }, (_, j) => 5 * j)
    const rows = hours.map((h) => ({ ...row(0, { feesNative: BigInt(h) * E18, feesUnpricedNative: BigInt(h) * E18, rewardsNative: E18 }), periodStart: hour(h) }))
    const m = deriveMetrics(rows, rows.map(() => ({ token: 1, feeAsset: 1 })), meta, 'HOUR')
    const last = hours.length - 1 // hour 235: window hours 68..235
    const inWindow = hours.filter((h) => h >= 235 - 167 && h <= 235)
    expect(m[last].demandRewardsRatio7d).toBeCloseTo(inWindow.reduce((a, h) => a + h, 0) / inWindow.length, 12)
    // hour 165: the window -2..165 starts before the first hour
    expect(m[hours.indexOf(165)].demandRewardsRatio7d).toBeNull()
    expect(m[hours.indexOf(170)].demandRewardsRatio7d).toBeCloseTo(hours.filter((h) => h >= 3 && h <= 170).reduce((a, h) => a + h, 0) / hours.filter((h) => h >= 3 && h <= 170).length, 12)
    expect(m[last].annualizedFeesUsd).toBeNull() // 30 days not covered
  })

  it('an unknown value inside the window leaves the trailing figure unknown', () => {
    const rows = Array.from({ length: 8 }, (_, i) => row(i, { feesNative: E18, feesUnpricedNative: E18, rewardsNative: E18 }))
    const prices = rows.map((_, i) => ({ token: 1, feeAsset: i === 2 ? null : 1 }))
    const m = deriveMetrics(rows, prices, { ...meta, feeAssetIsToken: false }, 'DAY')
    expect(m[6].demandRewardsRatio7d).toBeNull() // days 0..6 include day 2
    expect(m[7].demandRewardsRatio7d).toBeNull() // days 1..7 too
  })

  it('rejects periods out of order', () => {
    expect(() => deriveMetrics([row(1), row(0)], [{ token: 1, feeAsset: 1 }, { token: 1, feeAsset: 1 }], meta, 'DAY')).toThrow(/increasing order/)
  })

  it('values fees from before the first oracle answer at the period price', () => {
    const m = deriveMetrics([row(0, { feesNative: 3n * E18, feesUnpricedNative: E18, feesUsd: 4000 })], [{ token: 1, feeAsset: 1900 }], { ...meta, feeAssetIsToken: false }, 'DAY')
    expect(m[0]).toMatchObject({ feesUsd: 5900, feesValuation: 'onchain-oracle-at-event' })
  })

  it('without any indexed mint the supply is unknown: market cap null, FDV only from a max supply', () => {
    const m = deriveMetrics([row(0, { rewardsNative: E18 })], [{ token: 3, feeAsset: 3 }], meta, 'DAY')
    expect(m[0]).toMatchObject({ marketCap: null, fdv: 3000, fdvBasis: 'max-supply' })
    const u = deriveMetrics([row(0)], [{ token: 3, feeAsset: 3 }], { ...meta, maxSupply: null }, 'DAY')
    expect(u[0]).toMatchObject({ marketCap: null, marketCapBasis: null, fdv: null })
  })

  it('without an indexed supply, market cap is the imported market cap, flagged off-chain-import; once minted, circulating × price', () => {
    const rows = [row(0, { rewardsNative: E18 }), row(1), row(2, { mintedNative: 100n * E18 })]
    const prices = [{ token: 3, feeAsset: 3, marketCap: 9_400_000 }, { token: 4, feeAsset: 4, marketCap: null }, { token: 5, feeAsset: 5, marketCap: 9_500_000 }]
    const m = deriveMetrics(rows, prices, meta, 'DAY')
    expect(m.map((x) => [x.marketCap, x.marketCapBasis])).toEqual([[9_400_000, 'off-chain-import'], [null, null], [500, 'onchain-supply']])
    // a network whose mints do not give its supply (supplyFromMints false) keeps the import after a mint
    const h = deriveMetrics(rows, prices, { ...meta, supplyFromMints: false }, 'DAY')
    expect(h.map((x) => [x.marketCap, x.marketCapBasis])).toEqual([[9_400_000, 'off-chain-import'], [null, null], [9_500_000, 'off-chain-import']])
  })

  it('an unpriced fee asset leaves fee USD null, not zero', () => {
    const m = deriveMetrics([row(0, { feesNative: E18, feesUnpricedNative: E18 })], [{ token: 1, feeAsset: null }], { ...meta, feeAssetIsToken: false }, 'DAY')
    expect(m[0]).toMatchObject({ fees: 1, feesUsd: null, feesValuation: 'unpriced', supplySideRevenueUsd: null })
  })

  it('utilization from leased capacity where leases record it (Filecoin: deal bytes / raw-byte power)', () => {
    const rows = [row(0, { capacityAdded: 1000n, leasedCapacityAdded: 100n }), row(1, { capacityRemoved: 200n, leasedCapacityAdded: 60n, leasedCapacityRemoved: 20n })]
    const m = deriveMetrics(rows, [{ token: 1, feeAsset: 1 }, { token: 1, feeAsset: 1 }], { ...meta, leasesUseCapacity: false, leasedCapacity: true }, 'DAY')
    expect(m.map((x) => [x.capacity, x.leased, x.utilization])).toEqual([[1000, 100, 0.1], [800, 140, 140 / 800]])
    // neither flag: no utilization
    const n = deriveMetrics(rows, [{ token: 1, feeAsset: 1 }, { token: 1, feeAsset: 1 }], { ...meta, leasesUseCapacity: false }, 'DAY')
    expect(n.map((x) => [x.leased, x.utilization])).toEqual([[null, null], [null, null]])
  })
})

describe('providerCountsByDay', () => {
  it('churned providers on day D are the providers last active on D - CHURN_DAYS; null before the history covers it', () => {
    const rows = [
      { day: day(0), active: 5, new: 5, last: 2 },
      { day: day(3), active: 4, new: 1, last: 1 },
      { day: day(CHURN_DAYS), active: 3, new: 0, last: 3 },
      { day: day(CHURN_DAYS + 3), active: 2, new: 0, last: 2 },
      { day: day(CHURN_DAYS + 5), active: 1, new: 1, last: 1 },
    ]
    const c = providerCountsByDay(rows, CHURN_DAYS)
    expect(c.size).toBe(CHURN_DAYS + 6) // every day from the first to the last
    expect(c.get(day(CHURN_DAYS - 1).getTime())).toEqual({ activeProviders: 0, newProviders: 0, churnedProviders: null })
    expect(c.get(day(CHURN_DAYS).getTime())).toEqual({ activeProviders: 3, newProviders: 0, churnedProviders: 2 })
    expect(c.get(day(CHURN_DAYS + 1).getTime())).toEqual({ activeProviders: 0, newProviders: 0, churnedProviders: 0 })
    expect(c.get(day(CHURN_DAYS + 3).getTime())).toEqual({ activeProviders: 2, newProviders: 0, churnedProviders: 1 })
    expect(c.get(day(CHURN_DAYS + 5).getTime())?.churnedProviders).toBe(0)
  })
})

describe('methodology document', () => {
  it('docs/methodology.md states the version the code serves (METHODOLOGY_VERSION)', () => {
    const doc = readFileSync(new URL('../../docs/methodology.md', import.meta.url), 'utf8')
    expect(doc.match(/^Version \*\*([^*]+)\*\*/m)?.[1]).toBe(METHODOLOGY_VERSION)
  })
})

describe('deriveCategoryMetrics', () => {
  const dm = (i: number, o: Partial<DerivedMetrics> = {}): DerivedMetrics => ({
    periodStart: day(i), price: 1, totalSupply: 0, circulatingSupply: 0, marketCap: 0, marketCapBasis: 'onchain-supply', fdv: 0, fdvBasis: 'max-supply', fees: 0, feesUsd: 0,
    feesValuation: 'period-price', protocolRevenueUsd: 0, supplySideRevenueUsd: 0, incentives: 0, incentivesUsd: 0, earningsUsd: 0,
    demandRewardsRatio7d: null, demandRewardsRatio30d: null, annualizedFeesUsd: null, pf: null, ps: null, netIssuance: 0, netIssuanceUsd: 0,
    issuanceCoverage: null, capacity: 0, activeLeases: 0, leased: null, utilization: null, ...o,
  })

  it('adds flows per period (a network without a row adds 0), keeps stocks, recomputes ratios from the sums', () => {
    // A: rows on days 0, 1, 3; B from day 1 on, rows on days 1 and 2
    const a = [dm(0, { marketCap: 100, feesUsd: 10, incentivesUsd: 5, capacity: 4, activeLeases: 2, leased: 2 }), dm(1, { marketCap: 110, feesUsd: 20, incentivesUsd: 5, capacity: 4, activeLeases: 3, leased: 3 }),
      dm(3, { marketCap: 120, feesUsd: 30, incentivesUsd: 10, protocolRevenueUsd: 3, netIssuanceUsd: 6, capacity: 8, activeLeases: 1, leased: 1 })]
    const b = [dm(1, { marketCap: 50, feesUsd: 1, incentivesUsd: 1, capacity: 10 }), dm(2, { marketCap: 60, feesUsd: 2, incentivesUsd: 3, capacity: 12, activeLeases: 5 })]
    const c = deriveCategoryMetrics([{ network: 'a', capacityUnit: 'gpus', series: a }, { network: 'b', capacityUnit: 'gpus', series: b }], 'DAY')
    expect(c.map((x) => x.periodStart.getTime())).toEqual([0, 1, 2, 3].map((i) => day(i).getTime()))
    expect(c.map((x) => x.networks)).toEqual([['a'], ['a', 'b'], ['a', 'b'], ['a', 'b']])
    expect(c.map((x) => x.feesUsd)).toEqual([10, 21, 2, 30])
    expect(c.map((x) => x.marketCap)).toEqual([100, 160, 170, 180]) // day 2: A keeps 110; day 3: B keeps 60
    expect(c.map((x) => x.demandRewardsRatio)).toEqual([2, 21 / 6, 2 / 3, 3])
    expect(c.map((x) => x.activeLeases)).toEqual([2, 3, 8, 6])
    expect(c[3].issuanceCoverage).toBeCloseTo(0.5, 12)
    // utilization over the networks that record leased capacity (A only): leased / A's capacity
    expect(c[3].capacity).toEqual([{ unit: 'gpus', capacity: 20, leased: 1, utilization: 1 / 8 }])
    expect(c[2].capacity).toEqual([{ unit: 'gpus', capacity: 16, leased: 3, utilization: 3 / 4 }])
  })

  it('trailing 7- and 30-day figures: calendar windows over the summed flows, unknown until every network covers them', () => {
    // A from day 0 with a row every other day (fees $2, rewards $1); B from day 3, a row every day (fees $1, rewards $1)
    const a = Array.from({ length: 20 }, (_, j) => dm(2 * j, { feesUsd: 2, incentivesUsd: 1, protocolRevenueUsd: 0.5, marketCap: 1000 }))
    const b = Array.from({ length: 37 }, (_, j) => dm(3 + j, { feesUsd: 1, incentivesUsd: 1, marketCap: 500 }))
    const c = deriveCategoryMetrics([{ network: 'a', capacityUnit: null, series: a }, { network: 'b', capacityUnit: null, series: b }], 'DAY')
    const at = (d: number) => c.find((x) => x.periodStart.getTime() === day(d).getTime())!
    expect(at(8).demandRewardsRatio7d).toBeNull() // window 2..8 starts before B's first day (3)
    // day 9: window 3..9; A's fee days 4, 6, 8 ($6, rewards 3), B 7 days ($7, rewards 7)
    expect(at(9).demandRewardsRatio7d).toBeCloseTo(13 / 10, 12)
    expect(at(31).annualizedFeesUsd).toBeNull() // window 2..31
    // day 39: window 10..39; A's fee days 10..38 even = 15 ($30, $15 rewards, $7.5 revenue), B 30 days ($30, $30)
    expect(at(39).annualizedFeesUsd).toBeCloseTo(60 * 12, 9)
    expect(at(39).demandRewardsRatio30d).toBeCloseTo(60 / 45, 12)
    expect(at(39).pf).toBeCloseTo(1500 / (60 * 12), 12) // A keeps its market cap of day 38
    expect(at(39).ps).toBeCloseTo(1500 / (7.5 * 12), 12)
  })

  it('a network part that is unknown leaves the sum unknown', () => {
    const c = deriveCategoryMetrics([
      { network: 'a', capacityUnit: null, series: [dm(0, { feesUsd: 1, marketCap: null })] },
      { network: 'b', capacityUnit: null, series: [dm(0, { feesUsd: null, marketCap: 3 })] },
    ], 'DAY')
    expect(c[0]).toMatchObject({ feesUsd: null, marketCap: null, demandRewardsRatio: null, supplySideRevenueUsd: 0 })
  })
})
