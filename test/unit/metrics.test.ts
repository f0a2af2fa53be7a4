/** Derived metrics on hand-made rollups and prices, checked against figures worked out by hand. */
import { describe, expect, it } from 'vitest'
import { deriveMetrics, type RollupRow } from '../../indexer/metrics'

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
    expect(m[29].annualizedFeesUsd).toBeCloseTo((465 * 365) / 30, 9)
    expect(m[29].pf).toBeCloseTo(1000 / ((465 * 365) / 30), 12)
    expect(m[28].annualizedFeesUsd).toBeNull()
  })

  it('values fees from before the first oracle answer at the period price', () => {
    const m = deriveMetrics([row(0, { feesNative: 3n * E18, feesUnpricedNative: E18, feesUsd: 4000 })], [{ token: 1, feeAsset: 1900 }], { ...meta, feeAssetIsToken: false }, 'DAY')
    expect(m[0]).toMatchObject({ feesUsd: 5900, feesValuation: 'onchain-oracle-at-event' })
  })

  it('without any indexed mint the supply is unknown: market cap null, FDV only from a max supply', () => {
    const m = deriveMetrics([row(0, { rewardsNative: E18 })], [{ token: 3, feeAsset: 3 }], meta, 'DAY')
    expect(m[0]).toMatchObject({ marketCap: null, fdv: 3000, fdvBasis: 'max-supply' })
    const u = deriveMetrics([row(0)], [{ token: 3, feeAsset: 3 }], { ...meta, maxSupply: null }, 'DAY')
    expect(u[0]).toMatchObject({ marketCap: null, fdv: null })
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
