/**
 * Hourly and daily rollups per network. Pure: facts, prices and events of a batch in, per-period deltas
 * out; merged into the stored rows inside the batch transaction (so a reorg rolls them back with it).
 */
import { FactKind, NetworkStat, type EconomicFact, type PricePoint, type RawEvent } from '../model'
import { AMOUNT_COLUMNS, COUNT_COLUMNS, COUNTED, FACT_TO_COLUMN, INTERVALS, USD_VALUED, periodStart, toDecimal, type Interval } from '../metrics'

export type LastPrices = Map<string, PricePoint>

export const statId = (network: string, interval: Interval, start: Date) => `${network}-${interval}-${start.toISOString()}`

export function emptyStat(network: string, category: string, interval: Interval, start: Date): NetworkStat {
  const s = new NetworkStat({
    id: statId(network, interval, start), network, category, interval, periodStart: start,
    feesUsd: 0, feesOtherUsd: 0, protocolTakeOtherUsd: 0, eventCount: 0, lastBlock: 0, feesUnpricedNative: 0n,
  })
  for (const c of AMOUNT_COLUMNS) s[c] = 0n
  for (const c of COUNT_COLUMNS) s[c] = 0
  return s
}

const order = (x: { blockNumber: number; logIndex: number }) => x.blockNumber * 1_000_000 + x.logIndex

/**
 * Fixed USD price of an asset that a network accepts besides its fee asset (NetworkDef.otherFeeAssets: Akash's
 * USDC), or undefined for the fee asset and everything else.
 */
export type OtherAssetPrice = (network: string, asset: string) => number | undefined

/**
 * Computes deltas for a batch. `lastPrices` holds the last known price per asset before the batch and is
 * advanced in place, so consecutive batches chain correctly. Facts in another accepted asset (`otherAssetPrice`)
 * are valued at its fixed price into feesOtherUsd (and feesUsd) / protocolTakeOtherUsd and stay out of the
 * native columns, which are in the fee asset.
 */
export function rollupBatch(
  rawEvents: RawEvent[],
  facts: EconomicFact[],
  prices: PricePoint[],
  lastPrices: LastPrices,
  categoryOf: (network: string) => string,
  otherAssetPrice: OtherAssetPrice = () => undefined,
): Map<string, NetworkStat> {
  const deltas = new Map<string, NetworkStat>()
  const touch = (network: string, interval: Interval, t: Date) => {
    const start = periodStart(t, interval)
    const id = statId(network, interval, start)
    let s = deltas.get(id)
    if (!s) deltas.set(id, (s = emptyStat(network, categoryOf(network), interval, start)))
    return s
  }
  type Item = { p: PricePoint } | { f: EconomicFact } | { e: RawEvent }
  const items: Item[] = [...prices.map((p) => ({ p })), ...facts.map((f) => ({ f })), ...rawEvents.map((e) => ({ e }))]
  const key = (i: Item) => ('p' in i ? order(i.p) : 'f' in i ? order(i.f) : order(i.e))
  items.sort((a, b) => key(a) - key(b))
  for (const item of items) {
    if ('p' in item) {
      lastPrices.set(item.p.asset, item.p)
      continue
    }
    if ('e' in item) {
      for (const interval of INTERVALS) {
        const s = touch(item.e.network, interval, item.e.timestamp)
        s.eventCount += 1
        s.lastBlock = Math.max(s.lastBlock, item.e.blockNumber)
      }
      continue
    }
    const f = item.f
    const column = FACT_TO_COLUMN[f.kind]
    const counter = COUNTED[f.kind]
    if (!column && !counter) continue
    const otherPrice = otherAssetPrice(f.network, f.asset)
    for (const interval of INTERVALS) {
      const s = touch(f.network, interval, f.timestamp)
      if (counter) s[counter] += 1
      if (f.kind === FactKind.PROTOCOL_TAKE) s.protocolTakeProvenance = mergeProvenance(s.protocolTakeProvenance, f.provenance)
      if (f.kind === FactKind.FEE_PAID) s.feesProvenance = mergeProvenance(s.feesProvenance, f.provenance)
      if (f.kind === FactKind.REWARD_EMITTED) s.rewardsProvenance = mergeProvenance(s.rewardsProvenance, f.provenance)
      if (otherPrice != null) {
        const usd = toDecimal(f.amount, f.decimals) * otherPrice
        if (f.kind === FactKind.FEE_PAID) {
          s.feesOtherUsd += usd
          s.feesUsd += usd
        } else if (f.kind === FactKind.PROTOCOL_TAKE) s.protocolTakeOtherUsd += usd
        continue
      }
      if (column) s[column] += f.amount
      if (USD_VALUED.includes(f.kind)) {
        const price = lastPrices.get(f.asset)
        if (price) s.feesUsd += toDecimal(f.amount, f.decimals) * price.price
        else s.feesUnpricedNative += f.amount
      }
    }
  }
  return deltas
}

/** Provenance of a period's take, fees or rewards: the facts' common provenance, or `mixed`. */
export const mergeProvenance = (a: string | null | undefined, b: string | null | undefined) => (a == null ? b ?? null : b == null || a === b ? a : 'mixed')

/** Adds a delta to the stored row (or starts from the delta when there is none). */
export function mergeStat(stored: NetworkStat | undefined, delta: NetworkStat): NetworkStat {
  if (!stored) return delta
  for (const c of AMOUNT_COLUMNS) stored[c] = BigInt(stored[c]) + delta[c]
  stored.feesUnpricedNative = BigInt(stored.feesUnpricedNative) + delta.feesUnpricedNative
  stored.feesUsd = Number(stored.feesUsd) + delta.feesUsd
  stored.feesOtherUsd = Number(stored.feesOtherUsd ?? 0) + delta.feesOtherUsd
  stored.protocolTakeOtherUsd = Number(stored.protocolTakeOtherUsd ?? 0) + delta.protocolTakeOtherUsd
  stored.protocolTakeProvenance = mergeProvenance(stored.protocolTakeProvenance, delta.protocolTakeProvenance)
  stored.feesProvenance = mergeProvenance(stored.feesProvenance, delta.feesProvenance)
  stored.rewardsProvenance = mergeProvenance(stored.rewardsProvenance, delta.rewardsProvenance)
  for (const c of COUNT_COLUMNS) stored[c] += delta[c]
  stored.eventCount += delta.eventCount
  stored.lastBlock = Math.max(stored.lastBlock, delta.lastBlock)
  return stored
}
