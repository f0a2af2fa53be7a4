/**
 * Metric definitions: which normalized fact feeds which rollup column. The one place where this is
 * decided; docs/methodology.md describes the same table in words.
 */
import { formatUnits } from 'viem'
import { FactKind } from './model'

/** Rollup columns that sum fact amounts (native base units). */
export type AmountColumn =
  | 'feesNative'
  | 'feesSettledNative'
  | 'rewardsNative'
  | 'protocolTakeNative'
  | 'mintedNative'
  | 'burnedNative'
  | 'bondedNative'
  | 'unbondedNative'
  | 'feesRefundedNative'
  | 'capacityAdded'
  | 'capacityRemoved'

export const FACT_TO_COLUMN: Record<FactKind, AmountColumn | null> = {
  [FactKind.FEE_PAID]: 'feesNative',
  [FactKind.FEE_SETTLED]: 'feesSettledNative',
  [FactKind.REWARD_EMITTED]: 'rewardsNative',
  [FactKind.PROTOCOL_TAKE]: 'protocolTakeNative',
  [FactKind.SUPPLY_MINT]: 'mintedNative',
  [FactKind.SUPPLY_BURN]: 'burnedNative',
  [FactKind.STAKE_BOND]: 'bondedNative',
  [FactKind.STAKE_UNBOND]: 'unbondedNative',
  [FactKind.NODE_UPDATE]: null,
  [FactKind.FEE_REFUNDED]: 'feesRefundedNative',
  [FactKind.NODE_REGISTERED]: 'capacityAdded',
  [FactKind.NODE_DEREGISTERED]: 'capacityRemoved',
  [FactKind.LEASE_OPENED]: null,
  [FactKind.LEASE_CLOSED]: null,
}

export const AMOUNT_COLUMNS = [...new Set(Object.values(FACT_TO_COLUMN).filter((c): c is AmountColumn => c != null))]

export type CountColumn = 'feeCount' | 'rewardCount' | 'nodesRegistered' | 'nodesDeregistered' | 'leasesOpened' | 'leasesClosed'

/** Fact kinds that are counted (number of occurrences), besides any sum. */
export const COUNTED: Partial<Record<FactKind, CountColumn>> = {
  [FactKind.FEE_PAID]: 'feeCount',
  [FactKind.REWARD_EMITTED]: 'rewardCount',
  [FactKind.NODE_REGISTERED]: 'nodesRegistered',
  [FactKind.NODE_DEREGISTERED]: 'nodesDeregistered',
  [FactKind.LEASE_OPENED]: 'leasesOpened',
  [FactKind.LEASE_CLOSED]: 'leasesClosed',
}

export const COUNT_COLUMNS = [...new Set(Object.values(COUNTED))] as CountColumn[]

/** Fees are valued in USD with the last price of the fee asset emitted at or before the fee's log. */
export const USD_VALUED: FactKind[] = [FactKind.FEE_PAID]

export const INTERVALS = ['HOUR', 'DAY'] as const
export type Interval = (typeof INTERVALS)[number]

/** Start of the UTC hour or day that contains t. */
export function periodStart(t: Date, interval: Interval): Date {
  const ms = interval === 'HOUR' ? 3_600_000 : 86_400_000
  return new Date(Math.floor(t.getTime() / ms) * ms)
}

/** Converts base units to the nearest decimal number (for USD valuation and display; sums stay exact in bigint). */
export function toDecimal(amount: bigint, decimals: number): number {
  return Number(formatUnits(amount, decimals))
}
