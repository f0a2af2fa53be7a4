/** Rollup arithmetic: bucketing by UTC hour/day, USD valuation with the last earlier price, merging. */
import { describe, expect, it } from 'vitest'
import { EconomicFact, FactKind, PricePoint, RawEvent } from '../../indexer/model'
import { periodStart, toDecimal } from '../../indexer/metrics'
import { mergeStat, rollupBatch, type LastPrices } from '../../indexer/rollup/rollup'

const t = (iso: string) => new Date(iso)
const fact = (kind: FactKind, amount: bigint, blockNumber: number, logIndex: number, ts: string, asset = 'ETH') =>
  new EconomicFact({ id: `${blockNumber}-${logIndex}`, network: 'livepeer', category: 'compute', kind, asset, amount, decimals: 18, blockNumber, logIndex, timestamp: t(ts) })
const price = (p: number, blockNumber: number, logIndex: number) =>
  new PricePoint({ id: `p${blockNumber}-${logIndex}`, asset: 'ETH', price: p, blockNumber, logIndex, timestamp: t('2026-01-01T00:00:00Z') })
const event = (blockNumber: number, logIndex: number, ts: string) =>
  new RawEvent({ id: `e${blockNumber}-${logIndex}`, network: 'livepeer', blockNumber, logIndex, timestamp: t(ts) })

describe('periodStart', () => {
  it('truncates to the UTC hour and day', () => {
    expect(periodStart(t('2026-03-04T23:59:59.999Z'), 'DAY').toISOString()).toBe('2026-03-04T00:00:00.000Z')
    expect(periodStart(t('2026-03-04T23:59:59.999Z'), 'HOUR').toISOString()).toBe('2026-03-04T23:00:00.000Z')
    expect(periodStart(t('2026-03-05T00:00:00.000Z'), 'DAY').toISOString()).toBe('2026-03-05T00:00:00.000Z')
  })
})

describe('toDecimal', () => {
  it('keeps precision for large base-unit amounts', () => {
    expect(toDecimal(1_234_567_890_123_456_789_012n, 18)).toBeCloseTo(1234.567890123456789012, 12)
    expect(toDecimal(5n, 18)).toBe(5e-18)
    // nearest double, not an accumulation of two rounded parts
    expect(toDecimal(1_725_328_667_000_000_000n, 18)).toBe(1.725328667)
    expect(toDecimal(2_490_422_350_000_000_000n, 18)).toBe(2.49042235)
  })
})

describe('rollupBatch', () => {
  it('values each fee at the last price at or before its log, not a later one in the same block', () => {
    const last: LastPrices = new Map()
    const e18 = 10n ** 18n
    const deltas = rollupBatch(
      [],
      [
        fact(FactKind.FEE_PAID, 1n * e18, 10, 0, '2026-03-04T10:00:00Z'), // before any price: unpriced
        fact(FactKind.FEE_PAID, 2n * e18, 11, 5, '2026-03-04T11:00:00Z'), // priced at 2000 (log 1 of block 11)
        fact(FactKind.FEE_PAID, 3n * e18, 12, 0, '2026-03-04T12:00:00Z'), // still 2000: 2500 comes at log 1 of block 12
        fact(FactKind.FEE_PAID, 4n * e18, 12, 2, '2026-03-05T01:00:00Z'), // 2500, next day
      ],
      [price(2000, 11, 1), price(2500, 12, 1)],
      last,
      () => 'compute',
    )
    const day1 = deltas.get('livepeer-DAY-2026-03-04T00:00:00.000Z')!
    const day2 = deltas.get('livepeer-DAY-2026-03-05T00:00:00.000Z')!
    expect(day1.feesNative).toBe(6n * e18)
    expect(day1.feesUnpricedNative).toBe(1n * e18)
    expect(day1.feesUsd).toBeCloseTo(2 * 2000 + 3 * 2000, 9)
    expect(day1.feeCount).toBe(3)
    expect(day2.feesUsd).toBeCloseTo(4 * 2500, 9)
    expect(last.get('ETH')!.price).toBe(2500) // carried to the next batch
    expect(deltas.get('livepeer-HOUR-2026-03-04T11:00:00.000Z')!.feesNative).toBe(2n * e18)
    expect([...deltas.keys()].filter((k) => k.includes('-HOUR-'))).toHaveLength(4)
  })

  it('uses the price carried in from earlier batches', () => {
    const last: LastPrices = new Map([['ETH', price(1000, 1, 0)]])
    const d = rollupBatch([], [fact(FactKind.FEE_PAID, 10n ** 18n, 5, 0, '2026-03-04T10:00:00Z')], [], last, () => 'compute')
    expect(d.get('livepeer-DAY-2026-03-04T00:00:00.000Z')!.feesUsd).toBeCloseTo(1000, 9)
  })

  it('sums each fact kind into its column and counts events', () => {
    const d = rollupBatch(
      [event(1, 0, '2026-03-04T10:00:00Z'), event(1, 1, '2026-03-04T10:00:00Z'), event(9, 0, '2026-03-04T10:30:00Z')],
      [
        fact(FactKind.REWARD_EMITTED, 100n, 1, 0, '2026-03-04T10:00:00Z', 'LPT'),
        fact(FactKind.PROTOCOL_TAKE, 10n, 1, 1, '2026-03-04T10:00:00Z', 'LPT'),
        fact(FactKind.SUPPLY_MINT, 110n, 9, 0, '2026-03-04T10:30:00Z', 'LPT'),
        fact(FactKind.NODE_UPDATE, 0n, 9, 1, '2026-03-04T10:30:00Z', 'LPT'),
      ],
      [],
      new Map(),
      () => 'compute',
    )
    const s = d.get('livepeer-DAY-2026-03-04T00:00:00.000Z')!
    expect([s.rewardsNative, s.protocolTakeNative, s.mintedNative, s.feesNative]).toEqual([100n, 10n, 110n, 0n])
    expect(s.rewardCount).toBe(1)
    expect(s.eventCount).toBe(3)
    expect(s.lastBlock).toBe(9)
    expect(s.category).toBe('compute')
  })
})

describe('mergeStat', () => {
  it('adds a delta to a stored row (numeric columns come back from Postgres as strings/bigints)', () => {
    const mk = () => rollupBatch([event(3, 0, '2026-03-04T10:00:00Z')], [fact(FactKind.FEE_PAID, 5n, 3, 0, '2026-03-04T10:00:00Z')], [price(2, 2, 0)], new Map(), () => 'compute').get('livepeer-DAY-2026-03-04T00:00:00.000Z')!
    const stored = mk()
    ;(stored as any).feesNative = '5'
    ;(stored as any).feesUsd = '1e-17'
    const merged = mergeStat(stored, mk())
    expect(merged.feesNative).toBe(10n)
    expect(merged.feeCount).toBe(2)
    expect(merged.eventCount).toBe(2)
    expect(merged.feesUsd).toBeCloseTo(2e-17, 30)
  })
})

describe('fees and rewards provenance', () => {
  const withProv = (f: EconomicFact, provenance: string) => Object.assign(f, { provenance })
  it('is the facts\' common provenance per period, mixed when they differ, null without such facts; merging keeps the rule', () => {
    const d = rollupBatch([], [
      withProv(fact(FactKind.FEE_PAID, 1n, 1, 0, '2026-03-04T10:00:00Z'), 'onchain'),
      withProv(fact(FactKind.FEE_PAID, 1n, 2, 0, '2026-03-04T11:00:00Z'), 'inferred'),
      withProv(fact(FactKind.REWARD_EMITTED, 5n, 2, 1, '2026-03-04T11:00:00Z', 'LPT'), 'onchain'),
    ], [], new Map(), () => 'compute')
    const day = d.get('livepeer-DAY-2026-03-04T00:00:00.000Z')!
    expect([day.feesProvenance, day.rewardsProvenance]).toEqual(['mixed', 'onchain'])
    const h10 = d.get('livepeer-HOUR-2026-03-04T10:00:00.000Z')!
    expect([h10.feesProvenance, h10.rewardsProvenance ?? null]).toEqual(['onchain', null])
    const later = rollupBatch([], [withProv(fact(FactKind.FEE_PAID, 1n, 3, 0, '2026-03-04T10:10:00Z'), 'inferred')], [], new Map(), () => 'compute')
    const hour = mergeStat(d.get('livepeer-HOUR-2026-03-04T10:00:00.000Z')!, later.get('livepeer-HOUR-2026-03-04T10:00:00.000Z')!)
    expect([hour.feesProvenance, hour.rewardsProvenance ?? null]).toEqual(['mixed', null])
  })
})
