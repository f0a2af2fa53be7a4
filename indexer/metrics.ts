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
  | 'leasedCapacityAdded'
  | 'leasedCapacityRemoved'
  | 'lockedNative'
  | 'unlockedNative'
  | 'feesSharedNative'

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
  [FactKind.LEASE_UPDATED]: null,
  [FactKind.FEE_SHARED]: 'feesSharedNative',
  [FactKind.SUPPLY_LOCK]: 'lockedNative',
  [FactKind.SUPPLY_UNLOCK]: 'unlockedNative',
  [FactKind.CAPACITY_LEASED]: 'leasedCapacityAdded',
  [FactKind.CAPACITY_RELEASED]: 'leasedCapacityRemoved',
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

/**
 * Fact kinds whose actor is a supply-side provider (orchestrator, indexer, device owner, licence operator,
 * compute provider): a provider is active on a day when it has one of these facts. FEE_PAID is left out
 * because its actor is not always the provider (GEODNET: the burning wallet; ioID: the fee receiver).
 */
export const PROVIDER_FACTS: FactKind[] = [
  FactKind.REWARD_EMITTED, FactKind.NODE_REGISTERED, FactKind.NODE_UPDATE, FactKind.LEASE_OPENED, FactKind.LEASE_CLOSED, FactKind.FEE_SETTLED,
]

/** A provider with no activity for this many days counts as churned on the day the window ends. */
export const CHURN_DAYS = 30

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

// ---------------------------------------------------------------------------------------------------------
// Derived metrics (query time): rollups + prices -> market and economic metrics. docs/methodology.md
// describes each; bump METHODOLOGY_VERSION when a definition changes (the API exposes it).
// ---------------------------------------------------------------------------------------------------------

export const METHODOLOGY_VERSION = '1.3.0'

/** One stored rollup period of a network, amounts in base units. */
export interface RollupRow {
  periodStart: Date
  feesNative: bigint
  feesUsd: number
  feesUnpricedNative: bigint
  /** fees / protocol take in another accepted asset, already in USD (fixed price); feesUsd includes feesOtherUsd */
  feesOtherUsd?: number
  protocolTakeOtherUsd?: number
  feesRefundedNative: bigint
  rewardsNative: bigint
  protocolTakeNative: bigint
  mintedNative: bigint
  burnedNative: bigint
  lockedNative: bigint
  unlockedNative: bigint
  capacityAdded: bigint
  capacityRemoved: bigint
  leasesOpened: number
  leasesClosed: number
  /** capacity taken / given back by leases (CAPACITY_LEASED / CAPACITY_RELEASED), where the network records it */
  leasedCapacityAdded?: bigint
  leasedCapacityRemoved?: bigint
}

export interface NetworkMeta {
  tokenDecimals: number
  feeAssetDecimals: number
  /** fee asset == token: protocol takes are in the fee asset and count as protocol revenue */
  feeAssetIsToken: boolean
  /** protocol takes are in the fee asset although it is not the token (Helium: DC burned), valued at the fee asset's price */
  takeInFeeAsset?: boolean
  /** the token's hard cap in base units, or null */
  maxSupply: bigint | null
  /** leases occupy capacity units (utilization = active leases / capacity) */
  leasesUseCapacity: boolean
  /** false where indexed mints do not give the supply (Cosmos genesis supply): market cap and FDV on total supply stay null */
  supplyFromMints?: boolean
  /** leases record the capacity they take (CAPACITY_LEASED): utilization = leased capacity / capacity (Filecoin: deal bytes / raw-byte power) */
  leasedCapacity?: boolean
}

export interface PeriodPrices {
  /** token price in USD for the period, or null when unknown */
  token: number | null
  /** fee asset price in USD, or null (ignored when fees are valued on chain at each event) */
  feeAsset: number | null
  /** the token's imported market cap (CoinGecko `market_cap`), used only where the indexed supply is unknown */
  marketCap?: number | null
}

export interface DerivedMetrics {
  periodStart: Date
  price: number | null
  totalSupply: number
  circulatingSupply: number
  marketCap: number | null
  /**
   * onchain-supply: circulating supply from indexed events × price; off-chain-import: the imported CoinGecko market
   * cap, where no mint was indexed (native coins, tokens minted before their start block); null when unknown
   */
  marketCapBasis: 'onchain-supply' | 'off-chain-import' | null
  fdv: number | null
  fdvBasis: 'max-supply' | 'total-supply'
  fees: number
  feesUsd: number | null
  feesValuation: 'onchain-oracle-at-event' | 'period-price' | 'unpriced'
  protocolRevenueUsd: number | null
  supplySideRevenueUsd: number | null
  incentives: number
  incentivesUsd: number | null
  earningsUsd: number | null
  demandRewardsRatio7d: number | null
  demandRewardsRatio30d: number | null
  annualizedFeesUsd: number | null
  pf: number | null
  ps: number | null
  netIssuance: number
  netIssuanceUsd: number | null
  issuanceCoverage: number | null
  capacity: number
  activeLeases: number
  /** capacity units under lease (activeLeases where a lease occupies one capacity unit; Σ leased capacity where leases record it), else null */
  leased: number | null
  utilization: number | null
}

const mul = (a: number | null, b: number | null) => (a == null || b == null ? null : a * b)
const div = (a: number | null, b: number | null) => (a == null || b == null || b === 0 ? null : a / b)

/** Months in a year: annualized figures are trailing 30-day sums × 12 (the definition of ARR). */
export const ANNUALIZE_30D = 12

/** Lengths of the trailing windows, in UTC days. */
export const TRAILING_DAYS = { short: 7, long: 30 } as const

const PERIOD_MS: Record<Interval, number> = { HOUR: 3_600_000, DAY: 86_400_000 }

/**
 * Σ of a per-period value over the calendar window of `days` days (24 × days hours) that ends with period i:
 * periods without a row have no flows and add 0. Null while the history does not cover the window (its first
 * period is before the first indexed period) or when a value in it is unknown.
 */
function trailingSum(starts: readonly number[], values: readonly (number | null)[], i: number, days: number, interval: Interval, historyStart = starts[0]): number | null {
  const from = starts[i] - (days * PERIOD_MS.DAY - PERIOD_MS[interval])
  if (from < historyStart) return null
  let s = 0
  for (let k = i; k >= 0 && starts[k] >= from; k--) {
    const v = values[k]
    if (v == null) return null
    s += v
  }
  return s
}

/**
 * Computes derived metrics for the stored periods of one network (oldest first, from the first indexed period:
 * cumulative figures such as supply and capacity start there). Rows exist only for periods with events: the
 * trailing 7- and 30-day figures sum the periods whose start falls in the window of calendar days (or 24 × N
 * hours) ending with the period, so quiet periods count as 0, not as missing rows.
 */
export function deriveMetrics(rows: RollupRow[], prices: PeriodPrices[], meta: NetworkMeta, interval: Interval): DerivedMetrics[] {
  const out: DerivedMetrics[] = []
  let supply = 0n
  let mintedEver = false
  let locked = 0n
  let capacity = 0n
  let leasedCapacity = 0n
  let leases = 0
  const starts = rows.map((r) => r.periodStart.getTime())
  for (let i = 1; i < starts.length; i++) {
    if (!(starts[i] > starts[i - 1])) throw new Error(`deriveMetrics: periods must be in increasing order (${rows[i].periodStart.toISOString()} after ${rows[i - 1].periodStart.toISOString()})`)
  }
  const feesUsdOf: (number | null)[] = []
  const incentivesUsdOf: (number | null)[] = []
  const revenueUsdOf: (number | null)[] = []
  const trailing = (values: (number | null)[], i: number, days: number) => trailingSum(starts, values, i, days, interval)
  for (let i = 0; i < rows.length; i++) {
    const r = rows[i]
    const p = prices[i]
    supply += r.mintedNative - r.burnedNative
    if (r.mintedNative > 0n && meta.supplyFromMints !== false) mintedEver = true
    locked += r.lockedNative - r.unlockedNative
    capacity += r.capacityAdded - r.capacityRemoved
    leasedCapacity += (r.leasedCapacityAdded ?? 0n) - (r.leasedCapacityRemoved ?? 0n)
    leases += r.leasesOpened - r.leasesClosed
    const totalSupply = toDecimal(supply, meta.tokenDecimals)
    const circulatingSupply = toDecimal(supply - locked, meta.tokenDecimals)
    const fees = toDecimal(r.feesNative - r.feesRefundedNative, meta.feeAssetDecimals)
    // fees of an asset with an on-chain feed are valued at each event by the rollup (feesUsd); the rest
    // (feesUnpricedNative: no feed, or before its first answer) at the period's price of the fee asset
    const d = meta.feeAssetDecimals
    const pricedNative = r.feesNative - r.feesUnpricedNative
    const unpricedUsd = r.feesUnpricedNative > 0n ? mul(toDecimal(r.feesUnpricedNative, d), p.feeAsset) : 0
    const avgOnchainPrice = pricedNative > 0n ? r.feesUsd / toDecimal(pricedNative, d) : null
    const refundsUsd = r.feesRefundedNative > 0n ? mul(toDecimal(r.feesRefundedNative, d), p.feeAsset ?? avgOnchainPrice) : 0
    const feesUsd = unpricedUsd == null || refundsUsd == null ? null : r.feesUsd + unpricedUsd - refundsUsd
    const feesValuation = pricedNative > 0n ? 'onchain-oracle-at-event' : feesUsd == null ? 'unpriced' : 'period-price'
    const takeNativeUsd = meta.feeAssetIsToken ? mul(toDecimal(r.protocolTakeNative, meta.feeAssetDecimals), p.feeAsset ?? p.token)
      : meta.takeInFeeAsset ? mul(toDecimal(r.protocolTakeNative, meta.feeAssetDecimals), p.feeAsset)
      : feesUsd == null ? null : 0
    const protocolRevenueUsd = takeNativeUsd == null ? null : takeNativeUsd + (r.protocolTakeOtherUsd ?? 0)
    const incentives = toDecimal(r.rewardsNative, meta.tokenDecimals)
    const incentivesUsd = mul(incentives, p.token)
    const netIssuance = toDecimal(r.mintedNative - r.burnedNative, meta.tokenDecimals)
    // supply is known from the first mint on (a native coin, or a token whose mints were not indexed, has none):
    // without it market cap (and FDV on total supply) is unknown, not 0
    // where the supply is not indexed, CoinGecko's imported market cap (their circulating supply × price), flagged
    const marketCap = mintedEver ? mul(circulatingSupply, p.token) : p.marketCap ?? null
    const marketCapBasis = marketCap == null ? null : mintedEver ? 'onchain-supply' : 'off-chain-import'
    feesUsdOf.push(feesUsd)
    incentivesUsdOf.push(incentivesUsd)
    revenueUsdOf.push(protocolRevenueUsd)
    const { short, long } = TRAILING_DAYS
    const fees30 = trailing(feesUsdOf, i, long)
    const rev30 = trailing(revenueUsdOf, i, long)
    const annualizedFeesUsd = fees30 == null ? null : fees30 * ANNUALIZE_30D
    const annualizedRevenueUsd = rev30 == null ? null : rev30 * ANNUALIZE_30D
    out.push({
      periodStart: r.periodStart,
      price: p.token,
      totalSupply,
      circulatingSupply,
      marketCap,
      marketCapBasis,
      fdv: meta.maxSupply != null ? mul(toDecimal(meta.maxSupply, meta.tokenDecimals), p.token) : mintedEver ? mul(totalSupply, p.token) : null,
      fdvBasis: meta.maxSupply != null ? 'max-supply' : 'total-supply',
      fees,
      feesUsd,
      feesValuation,
      protocolRevenueUsd,
      supplySideRevenueUsd: feesUsd == null || protocolRevenueUsd == null ? null : feesUsd - protocolRevenueUsd,
      incentives,
      incentivesUsd,
      earningsUsd: protocolRevenueUsd == null || incentivesUsd == null ? null : protocolRevenueUsd - incentivesUsd,
      demandRewardsRatio7d: div(trailing(feesUsdOf, i, short), trailing(incentivesUsdOf, i, short)),
      demandRewardsRatio30d: div(fees30, trailing(incentivesUsdOf, i, long)),
      annualizedFeesUsd,
      pf: div(marketCap, annualizedFeesUsd),
      ps: div(marketCap, annualizedRevenueUsd),
      netIssuance,
      netIssuanceUsd: mul(netIssuance, p.token),
      issuanceCoverage: netIssuance > 0 ? div(protocolRevenueUsd, mul(netIssuance, p.token)) : null,
      capacity: Number(capacity),
      activeLeases: leases,
      leased: meta.leasesUseCapacity ? leases : meta.leasedCapacity ? Number(leasedCapacity) : null,
      utilization: capacity <= 0n ? null : meta.leasesUseCapacity ? leases / Number(capacity) : meta.leasedCapacity ? Number(leasedCapacity) / Number(capacity) : null,
    })
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------
// Category metrics (API `categoryMetrics`): the networks of a category (primary or secondary) added up per
// period. Flows and stocks add up, ratios are recomputed from the sums (never averaged), capacity per unit.
// ---------------------------------------------------------------------------------------------------------

/** One network of a category: its derived series (oldest first) and capacity unit. */
export interface CategoryMember {
  network: string
  capacityUnit: string | null
  series: DerivedMetrics[]
}

export interface CapacityByUnit {
  unit: string
  /** Σ capacity of the category's networks counted in this unit */
  capacity: number
  /** Σ leased capacity of those of them that record it (null when none does) */
  leased: number | null
  /** leased / capacity over the networks that record leased capacity */
  utilization: number | null
}

export interface CategoryPeriod {
  periodStart: Date
  /** networks whose history has begun by this period */
  networks: string[]
  marketCap: number | null
  fdv: number | null
  feesUsd: number | null
  protocolRevenueUsd: number | null
  supplySideRevenueUsd: number | null
  incentivesUsd: number | null
  earningsUsd: number | null
  /** feesUsd / incentivesUsd of the period */
  demandRewardsRatio: number | null
  demandRewardsRatio7d: number | null
  demandRewardsRatio30d: number | null
  annualizedFeesUsd: number | null
  pf: number | null
  ps: number | null
  netIssuanceUsd: number | null
  issuanceCoverage: number | null
  activeLeases: number
  capacity: CapacityByUnit[]
}

const CATEGORY_FLOWS = ['feesUsd', 'protocolRevenueUsd', 'supplySideRevenueUsd', 'incentivesUsd', 'earningsUsd', 'netIssuanceUsd'] as const
const addKnown = (a: number | null, b: number | null) => (a == null || b == null ? null : a + b)

/**
 * Category series from its networks' derived series: one period per period from the first network's first period to
 * the last period of any, each network from its own first period on. A network without a row in a period adds no
 * flows and keeps its stocks (market cap, FDV, capacity, open leases) of its last row. A sum is unknown (null) when a
 * network's part is. Trailing windows are the same calendar windows as a network's: Σ flows over the window, unknown
 * until every counted network's history covers it.
 */
export function deriveCategoryMetrics(members: CategoryMember[], interval: Interval): CategoryPeriod[] {
  const step = PERIOD_MS[interval]
  const live = members.filter((m) => m.series.length > 0)
  if (!live.length) return []
  const firstOf = new Map(live.map((m) => [m.network, m.series[0].periodStart.getTime()]))
  const start = Math.min(...firstOf.values())
  const end = Math.max(...live.map((m) => m.series[m.series.length - 1].periodStart.getTime()))
  const cursors = live.map((m) => ({ m, i: 0, last: null as DerivedMetrics | null }))
  const out: CategoryPeriod[] = []
  const starts: number[] = []
  const fees: (number | null)[] = []
  const incentives: (number | null)[] = []
  const revenue: (number | null)[] = []
  /** latest first period of the networks counted so far: windows must not start before it */
  let historyStart = start
  for (let t = start; t <= end; t += step) {
    const flows: Record<(typeof CATEGORY_FLOWS)[number], number | null> = { feesUsd: 0, protocolRevenueUsd: 0, supplySideRevenueUsd: 0, incentivesUsd: 0, earningsUsd: 0, netIssuanceUsd: 0 }
    let marketCap: number | null = 0
    let fdv: number | null = 0
    let activeLeases = 0
    const units = new Map<string, { capacity: number; leased: number | null; leasedOf: number }>()
    const networks: string[] = []
    for (const c of cursors) {
      if (t < firstOf.get(c.m.network)!) continue
      historyStart = Math.max(historyStart, firstOf.get(c.m.network)!)
      networks.push(c.m.network)
      const row = c.i < c.m.series.length && c.m.series[c.i].periodStart.getTime() === t ? c.m.series[c.i++] : null
      if (row) c.last = row
      for (const f of CATEGORY_FLOWS) flows[f] = addKnown(flows[f], row ? row[f] : 0)
      const s = c.last!
      marketCap = addKnown(marketCap, s.marketCap)
      fdv = addKnown(fdv, s.fdv)
      activeLeases += s.activeLeases
      if (c.m.capacityUnit) {
        const u = units.get(c.m.capacityUnit) ?? { capacity: 0, leased: null, leasedOf: 0 }
        u.capacity += s.capacity
        if (s.leased != null) {
          u.leased = (u.leased ?? 0) + s.leased
          u.leasedOf += s.capacity
        }
        units.set(c.m.capacityUnit, u)
      }
    }
    const i = starts.length
    starts.push(t)
    fees.push(flows.feesUsd)
    incentives.push(flows.incentivesUsd)
    revenue.push(flows.protocolRevenueUsd)
    const trailing = (values: (number | null)[], days: number) => trailingSum(starts, values, i, days, interval, historyStart)
    const { short, long } = TRAILING_DAYS
    const fees30 = trailing(fees, long)
    const rev30 = trailing(revenue, long)
    const annualizedFeesUsd = fees30 == null ? null : fees30 * ANNUALIZE_30D
    out.push({
      periodStart: new Date(t), networks: networks.sort(), marketCap, fdv, ...flows,
      demandRewardsRatio: div(flows.feesUsd, flows.incentivesUsd),
      demandRewardsRatio7d: div(trailing(fees, short), trailing(incentives, short)),
      demandRewardsRatio30d: div(fees30, trailing(incentives, long)),
      annualizedFeesUsd,
      pf: div(marketCap, annualizedFeesUsd),
      ps: div(marketCap, rev30 == null ? null : rev30 * ANNUALIZE_30D),
      issuanceCoverage: flows.netIssuanceUsd != null && flows.netIssuanceUsd > 0 ? div(flows.protocolRevenueUsd, flows.netIssuanceUsd) : null,
      activeLeases,
      capacity: [...units].sort(([a], [b]) => a.localeCompare(b)).map(([unit, u]) => ({
        unit, capacity: u.capacity, leased: u.leased, utilization: u.leased == null || u.leasedOf <= 0 ? null : u.leased / u.leasedOf,
      })),
    })
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------
// Metric series (API `metrics`, `leaderboard`): how each derived metric aggregates over longer periods and
// across networks. Flows add up, stocks take the period's last value, ratios are recomputed from the
// aggregated numerator and denominator, distinct counts count each provider once per period.
// ---------------------------------------------------------------------------------------------------------

export const SERIES_INTERVALS = ['HOUR', 'DAY', 'WEEK', 'MONTH'] as const
export type SeriesInterval = (typeof SERIES_INTERVALS)[number]

/** Start of the UTC hour, day, ISO week (Monday) or month that contains t. */
export function seriesPeriodStart(t: Date, interval: SeriesInterval): Date {
  if (interval === 'HOUR' || interval === 'DAY') return periodStart(t, interval)
  const d = periodStart(t, 'DAY')
  if (interval === 'WEEK') return new Date(d.getTime() - ((d.getUTCDay() + 6) % 7) * 86_400_000)
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1))
}

/**
 * unit: USD and count add up across networks; capacity adds up per capacity unit; token and feeAsset
 * amounts are in each network's own asset and are served per network only.
 */
export type SeriesUnit = 'USD' | 'count' | 'capacity' | 'ratio' | 'token' | 'feeAsset'

export interface SeriesMetricDef {
  aggregate: 'flow' | 'stock' | 'ratio' | 'distinct'
  unit: SeriesUnit
  /** the DerivedMetrics field it reads (flow, stock) */
  field?: keyof DerivedMetrics
  /** ratio: numerator / denominator, each aggregated by its own rule */
  ratio?: readonly [string, string]
  description: string
}

export const SERIES_METRICS = {
  MARKET_CAP: { aggregate: 'stock', unit: 'USD', field: 'marketCap', description: 'circulating supply x price' },
  FDV: { aggregate: 'stock', unit: 'USD', field: 'fdv', description: 'max (or total) supply x price' },
  CIRCULATING_SUPPLY: { aggregate: 'stock', unit: 'token', field: 'circulatingSupply', description: 'tokens in circulation' },
  FEES: { aggregate: 'flow', unit: 'feeAsset', field: 'fees', description: 'fees net of refunds, fee-asset units' },
  FEES_USD: { aggregate: 'flow', unit: 'USD', field: 'feesUsd', description: 'fees net of refunds, USD' },
  PROTOCOL_REVENUE_USD: { aggregate: 'flow', unit: 'USD', field: 'protocolRevenueUsd', description: 'protocol take in the fee asset, USD' },
  INCENTIVES: { aggregate: 'flow', unit: 'token', field: 'incentives', description: 'rewards emitted, tokens' },
  INCENTIVES_USD: { aggregate: 'flow', unit: 'USD', field: 'incentivesUsd', description: 'rewards emitted, USD' },
  EARNINGS_USD: { aggregate: 'flow', unit: 'USD', field: 'earningsUsd', description: 'protocol revenue - incentives, USD' },
  DEMAND_REWARDS_RATIO: { aggregate: 'ratio', unit: 'ratio', ratio: ['FEES_USD', 'INCENTIVES_USD'], description: 'fees USD / incentives USD over the period' },
  NET_ISSUANCE: { aggregate: 'flow', unit: 'token', field: 'netIssuance', description: 'minted - burned, tokens' },
  NET_ISSUANCE_USD: { aggregate: 'flow', unit: 'USD', field: 'netIssuanceUsd', description: 'minted - burned, USD' },
  CAPACITY: { aggregate: 'stock', unit: 'capacity', field: 'capacity', description: "registered capacity in the network's capacity unit" },
  LEASED: { aggregate: 'stock', unit: 'capacity', field: 'leased', description: 'capacity units under lease (where a lease occupies one unit, or records the capacity it takes)' },
  UTILIZATION: { aggregate: 'ratio', unit: 'ratio', ratio: ['LEASED', 'CAPACITY'], description: 'leased / capacity at the end of the period' },
  ACTIVE_LEASES: { aggregate: 'stock', unit: 'count', field: 'activeLeases', description: 'leases open at the end of the period' },
  ACTIVE_PROVIDERS: { aggregate: 'distinct', unit: 'count', description: 'providers with a supply-side fact in the period, each counted once' },
} as const satisfies Record<string, SeriesMetricDef>

export type SeriesMetric = keyof typeof SERIES_METRICS
export const seriesMetric = (m: SeriesMetric): SeriesMetricDef => SERIES_METRICS[m]
