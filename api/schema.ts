/**
 * GraphQL schema of the API: the entity queries generated from schema.graphql (api/entities, OpenReader
 * names) plus the hand-written analytics and status queries below. Amount fields come in pairs: `xNative`
 * (exact base units, string) and `x` (decimal).
 */
import { SERIES_METRICS } from '../indexer/metrics'
import { entitySdl } from './entities/sdl'
import { entityModel } from './entities/model'

/** Hand-written arguments kept on generated list queries (used by the dashboard and older clients). */
export const LEGACY_LIST_ARGS = {
  networks: { category: 'String' },
  networkStats: { network: 'ID', interval: 'Interval', from: 'DateTime', to: 'DateTime' },
}

const handWritten = /* GraphQL */ `
  "Integer in native base units, as a decimal string (exact)"
  scalar BigInt
  "ISO 8601 timestamp"
  scalar DateTime
  "Any JSON value"
  scalar JSON

  enum Interval {
    HOUR
    DAY
  }


  # decimal amounts of a stored rollup row (base units / 10^decimals of the fee asset or the token)
  extend type NetworkStat {
    "feesNative in fee-asset units"
    fees: Float!
    "rewardsNative in tokens"
    rewards: Float!
    protocolTake: Float!
    minted: Float!
    burned: Float!
  }

  type Category {
    id: ID!
    name: String!
    "colour used for the category on every chart"
    color: String!
    networks: [Network!]!
  }


  "Market and economic metrics of one network over one period (docs/methodology.md, version in methodology)"
  type NetworkMetrics {
    network: String!
    category: String!
    interval: Interval!
    periodStart: DateTime!
    "token price in USD (imported or on-chain), null when unknown"
    price: Float
    "provenance of the price: import:coingecko:<file> (fact-level provenance is in economic facts)"
    priceSource: String
    "minted - burned since indexing began, tokens"
    totalSupply: Float!
    "total supply minus the balances of the network's listed non-circulating addresses (registry nonCirculating: the Livepeer Treasury; Filecoin: FilLocked); equals totalSupply where none is listed"
    circulatingSupply: Float!
    marketCap: Float
    "onchain-supply (circulating supply from indexed events x price) or off-chain-import (CoinGecko market_cap, where the supply is not indexed: IoTeX ioID's IOTX, Spheron); null when marketCap is"
    marketCapBasis: String
    fdv: Float
    "max-supply, or total-supply where the token has no cap"
    fdvBasis: String!
    "fees paid net of refunds, fee-asset units"
    fees: Float!
    feesUsd: Float
    "onchain-oracle-at-event, period-price or unpriced"
    feesValuation: String!
    protocolRevenueUsd: Float
    supplySideRevenueUsd: Float
    "rewards emitted, tokens"
    incentives: Float!
    incentivesUsd: Float
    "protocol revenue - incentives"
    earningsUsd: Float
    "fees USD / incentives USD over the 7 UTC days (168 hours) ending with the period; null until the history covers the window"
    demandRewardsRatio7d: Float
    "fees USD / incentives USD over the 30 UTC days (720 hours) ending with the period"
    demandRewardsRatio30d: Float
    "ARR: fees USD over the 30 UTC days ending with the period x 12"
    annualizedFeesUsd: Float
    "market cap / annualized fees"
    pf: Float
    "market cap / annualized protocol revenue"
    ps: Float
    "minted - burned in the period, tokens"
    netIssuance: Float!
    netIssuanceUsd: Float
    "protocol revenue / net issuance (USD)"
    issuanceCoverage: Float
    "cumulative capacity in capacityUnit"
    capacity: Float!
    capacityUnit: String
    activeLeases: Int!
    utilization: Float
    "providers with supply-side activity that day (rewards, node or lease events); DAY interval only"
    activeProviders: Int
    "providers active for the first time that day"
    newProviders: Int
    "providers whose last activity was 30 days before (null until 30 days of history)"
    churnedProviders: Int
  }

  "Sum of a category's networks over one period; ratios are computed from the sums"
  type CategoryMetrics {
    category: String!
    interval: Interval!
    periodStart: DateTime!
    "the category's networks (primary or secondary category) whose history has begun by this period"
    networks: [String!]!
    "sums over the networks (a network without a row in the period keeps its last value); null when a network's part is unknown"
    marketCap: Float
    fdv: Float
    "sums of the networks' flows in the period (a network without a row adds 0); null when a network's part is unknown"
    feesUsd: Float
    protocolRevenueUsd: Float
    supplySideRevenueUsd: Float
    incentivesUsd: Float
    earningsUsd: Float
    netIssuanceUsd: Float
    "feesUsd / incentivesUsd of the period"
    demandRewardsRatio: Float
    "Σ fees USD / Σ incentives USD over the 7 UTC days (168 hours) ending with the period; null until every network's history covers the window"
    demandRewardsRatio7d: Float
    demandRewardsRatio30d: Float
    "ARR: Σ fees USD over the 30 UTC days ending with the period x 12"
    annualizedFeesUsd: Float
    "market cap / annualized fees"
    pf: Float
    "market cap / (Σ protocol revenue USD over 30 days x 12)"
    ps: Float
    "protocolRevenueUsd / netIssuanceUsd when net issuance is positive"
    issuanceCoverage: Float
    "leases open at the end of the period"
    activeLeases: Int!
    "capacity per capacity unit (never added across units), leased capacity and utilization"
    capacity: [CategoryCapacity!]!
  }
  type CategoryCapacity {
    unit: String!
    "Σ capacity of the category's networks in this unit"
    capacity: Float!
    "Σ capacity under lease, over the networks that record it; null when none does"
    leased: Float
    "leased / capacity over the networks that record leased capacity"
    utilization: Float
  }

  type Methodology {
    version: String!
    document: String!
  }


  "Indexer progress on one chain"
  type ChainStatus {
    chain: String!
    chainId: Int!
    name: String!
    "last block written by the indexer (null before the first batch)"
    height: Int
    hash: String
    "time of the last indexed block"
    timestamp: DateTime
    "chain head from the RPC endpoint (null if unreachable)"
    head: Int
    "head - height"
    lag: Int
    "lag of the last indexed block behind wall-clock time, seconds"
    lagSeconds: Float
    "reorgs deeper than the finality depth detected and rolled back on this chain"
    deepReorgs: Int!
    "the latest of them"
    lastDeepReorg: DeepReorg
  }

  "A reorg deeper than the finality depth: the final block the indexer held was not on the chain; it rewound and re-indexed."
  type DeepReorg {
    detectedAt: DateTime!
    reason: String!
    storedHeight: Int!
    storedHash: String!
    chainHash: String
    "the indexer rewound to this block (the newest checkpoint on the canonical chain) and re-indexed from the next one"
    rewoundTo: Int!
    rowsRolledBack: Int!
  }

  "metrics of the methodology for series and leaderboards (definitions in indexer/metrics.ts, docs/methodology.md)"
  enum Metric {
${Object.entries(SERIES_METRICS).map(([k, d]) => `    ${JSON.stringify(`${d.description} (${d.aggregate}, ${d.unit})`)}\n    ${k}`).join('\n')}
  }

  "period of a metric series; WEEK starts on Monday (UTC), MONTH on the 1st"
  enum SeriesInterval {
    HOUR
    DAY
    WEEK
    MONTH
  }

  enum GroupBy {
    NETWORK
    CATEGORY
    "leaderboard only"
    PROVIDER
  }

  "trailing window ending on the latest indexed UTC day"
  enum Window {
    D1
    D7
    D30
    D90
    ALL
  }

  type MetricPoint {
    periodStart: DateTime!
    "null when unknown (no price, no supply)"
    value: Float
  }

  "one metric of one network or category over time"
  type MetricSeries {
    metric: Metric!
    groupBy: GroupBy!
    "network id or category id"
    key: String!
    "USD, count, ratio, the token or fee-asset symbol, or the capacity unit (capacity metrics of a category come per unit)"
    unit: String
    points: [MetricPoint!]!
  }

  type LeaderboardEntry {
    rank: Int!
    "network id, category id or provider address"
    key: String!
    "the network (groupBy NETWORK or PROVIDER)"
    network: String
    category: String!
    value: Float
    unit: String
  }

  "one provider over a window (ProviderEarningDay, ProviderDay, Provider, Lease)"
  type ProviderStats {
    network: String!
    provider: String!
    window: Window!
    from: DateTime!
    to: DateTime!
    firstSeen: DateTime!
    lastSeen: DateTime!
    "declared capacity now, in capacityUnit"
    capacity: BigInt!
    capacityUnit: String
    "fees received in the window, fee-asset base units"
    feesNative: BigInt!
    fees: Float!
    "fees in USD: fee-asset fees at the network's average USD per fee unit of each day, plus fees in its other fee asset at that asset's configured price"
    feesUsd: Float
    "fees received in the network's other fee assets (Akash: USDC and ACT, 6 decimals, 1 USD each), its base units"
    feesOtherNative: BigInt!
    feesOther: Float!
    "the other fee assets as one symbol (Akash: USDC+ACT); null where the network has none"
    feesOtherAsset: String
    "feesOther in USD at its configured fixed price (included in feesUsd)"
    feesOtherUsd: Float!
    "protocol take on the provider's fees in the window (Akash: each lease's take), fee-asset base units"
    takeNative: BigInt!
    "protocol take on its fees in the other fee assets, their base units"
    takeOtherNative: BigInt!
    "earnings net of the take: feesNative - takeNative"
    earningsNetNative: BigInt!
    "earnings in the other fee assets net of the take: feesOtherNative - takeOtherNative"
    earningsNetOtherNative: BigInt!
    "rewards received, token base units"
    rewardsNative: BigInt!
    incentives: Float!
    incentivesUsd: Float
    leasesOpened: Int!
    leasesClosed: Int!
    "leases open now"
    openLeases: Int!
    "what the leases closed in the window cost, price-asset base units where known"
    leasesSpentNative: BigInt!
    facts: Int!
    "days with supply-side activity (ProviderDay) in the window"
    activeDays: Int!
    "days of the window since the provider was first seen"
    windowDays: Int!
    "uptime proxy: activeDays / windowDays"
    uptime: Float!
  }

  "capacity leased at the end of a UTC day: leases open then and their resources"
  type LeasedDay {
    day: DateTime!
    openLeases: Int!
    "CPU in cores"
    cpu: Float!
    memoryBytes: BigInt!
    storageBytes: BigInt!
    gpus: Int!
  }

  type GpuModelLeased {
    "vendor/model as the chain names it (Akash: nvidia/h100); models a unit accepts alike joined with |; unknown without a model attribute"
    model: String!
    gpus: Int!
    "open leases with GPUs of this model (a lease with units of several models counts under each)"
    leases: Int!
  }

  type LeasedResources {
    network: ID!
    openLeases: Int!
    "open leases whose resources are known"
    withResources: Int!
    "CPU cores"
    cpu: Float!
    memoryBytes: BigInt!
    storageBytes: BigInt!
    gpus: Int!
    gpusByModel: [GpuModelLeased!]!
  }

  type GpuModelDeclared {
    "vendor/model (Akash: from capabilities/gpu/vendor/<vendor>/model/<model>)"
    model: String!
    "providers declaring it"
    providers: Int!
  }

  type StorageClassDeclared {
    storageClass: String!
    providers: Int!
  }

  "What providers declare on chain (Akash provider attributes): capabilities, not quantities; provenance declared"
  type DeclaredCapacity {
    network: ID!
    "providers with an on-chain declaration (registered, not deleted)"
    providers: Int!
    providersWithGpus: Int!
    gpuModels: [GpuModelDeclared!]!
    storageClasses: [StorageClassDeclared!]!
    "declared: stated by the providers, not verified"
    provenance: String!
    "whether declared quantities (GPU count, CPU, memory, storage) are on chain; false for Akash, so utilization = leased / declared is not computed"
    quantitiesOnChain: Boolean!
  }

  type PayerShare {
    payer: String!
    feesNative: BigInt!
    "fees paid in the network's other fee assets (Akash: USDC and ACT, 6 decimals, 1 USD each), its base units"
    feesOtherNative: BigInt!
    "spend in USD (both assets); null when fee-asset fees of a day are unpriced"
    feesUsd: Float
    payments: Int!
    "leases of this payer open now (Akash: the deployment owner's)"
    openLeases: Int!
    "share of the network's fees in the window (0..1)"
    share: Float!
  }

  "one tenant (fee payer; Akash: the deployment owner) over a window (PayerDay, Lease)"
  type PayerStats {
    network: String!
    payer: String!
    window: Window!
    "first day of the window; null for ALL"
    from: DateTime
    to: DateTime!
    "fees paid in the window, fee-asset base units"
    feesNative: BigInt!
    fees: Float!
    feeAsset: String!
    "fees paid in the network's other fee assets (Akash: USDC and ACT, 6 decimals, 1 USD each), their base units"
    feesOtherNative: BigInt!
    feesOther: Float!
    feesOtherAsset: String
    "feesOther in USD at the configured fixed price"
    feesOtherUsd: Float!
    "spend in USD (both assets, valued as providerStats); null when fee-asset fees of a day are unpriced"
    feesUsd: Float
    payments: Int!
    "leases of this payer opened in the window"
    leasesOpened: Int!
    "leases of this payer closed in the window"
    leasesClosed: Int!
    "leases of this payer open now"
    openLeases: Int!
    "what the leases closed in the window cost, price-asset base units where known"
    leasesSpentNative: BigInt!
  }

  "how concentrated a network's fee payers are over a window (PayerDay)"
  type PayerConcentration {
    network: String!
    window: Window!
    from: DateTime
    to: DateTime
    payers: Int!
    feesNative: BigInt!
    fees: Float!
    feeAsset: String!
    "fees in the network's other fee assets (Akash: USDC and ACT, 6 decimals, 1 USD each), its base units, and as a decimal"
    feesOtherNative: BigInt!
    feesOther: Float!
    feesOtherAsset: String
    "spend in USD of all payers in both assets; null when some fee-asset fees are unpriced"
    feesUsd: Float
    "share of the ten largest payers (0..1) of the fee-asset fees, null without payers"
    top10Share: Float
    "share of the ten largest payers by USD spend in both assets (0..1); null when feesUsd is null"
    top10ShareUsd: Float
    "HHI of payer shares of USD spend in both assets; null when feesUsd is null"
    hhiUsd: Float
    "Herfindahl-Hirschman index of payer shares (0..1; x 10,000 for the antitrust scale), null without payers"
    hhi: Float
    top: [PayerShare!]!
  }

  enum AlertKind {
    "the indexer of a chain is more than maxLagBlocks behind the head"
    INDEXER_LAG
    "a network had no indexed event for more than quietBlocks blocks"
    NETWORK_QUIET
    "a network's trailing 7-day demand/rewards ratio (latest day) is below minDemandRewardsRatio"
    DEMAND_REWARDS_BELOW
  }

  enum AlertStatus {
    "the condition started to hold (or holds when the subscription starts)"
    FIRING
    "the condition stopped holding"
    RESOLVED
  }

  type HealthAlert {
    kind: AlertKind!
    status: AlertStatus!
    chainId: Int!
    chain: String!
    "the network, for NETWORK_QUIET and DEMAND_REWARDS_BELOW"
    network: String
    "lag in blocks, blocks since the last event, or the ratio"
    value: Float
    threshold: Float!
    message: String!
    at: DateTime!
  }

  type Subscription {
    "daily rollup rows (NetworkStat, interval DAY) of the networks named (all when none), each time the indexer writes a new or changed row"
    dailyStats(networks: [ID!]): NetworkStat!
    "health alerts, edge-triggered: FIRING when a condition starts to hold, RESOLVED when it stops"
    healthAlerts(maxLagBlocks: Int = 100, quietBlocks: Int = 50000, minDemandRewardsRatio: Float = 1): HealthAlert!
  }

  "Subsquid-style processor status of one chain (squidStatus)"
  type SquidStatus {
    chainId: Int!
    chain: String!
    "last block written by the indexer (null before the first batch)"
    height: Int
    hash: String
    timestamp: DateTime
    "blocks at or below this height are final (height - confirmations of the chain)"
    finalizedHeight: Int
    "chain head from the RPC endpoint (null if unreachable)"
    head: Int
    "head - height, blocks"
    lag: Int
    "wall-clock time since the last indexed block, seconds"
    lagSeconds: Float
  }

  type MetaBlock {
    number: Int
    hash: String
    timestamp: DateTime
  }

  "Subgraph-style indexing metadata"
  type Meta {
    chainId: Int!
    block: MetaBlock!
    hasIndexingErrors: Boolean!
    "logs at watched addresses that could not be decoded (kept in quarantined_log)"
    quarantinedLogs: Int!
    "chain head from the RPC endpoint (null if unreachable)"
    head: Int
    "head - block.number"
    lag: Int
  }

  "levels of a network on a day: its latest daily row at or before it"
  type MarketLevels {
    periodStart: DateTime!
    price: Float
    marketCap: Float
    fdv: Float
    annualizedFeesUsd: Float
    pf: Float
    demandRewardsRatio30d: Float
    capacity: Float!
    capacityUnit: String
  }

  "a market view's series of one network, one value per bucket of MarketSeries.periods (flows summed, levels at the bucket's last day; null = unknown)"
  type MarketColumns {
    marketCap: [Float]!
    feesUsd: [Float]!
    incentivesUsd: [Float]!
    capacity: [Float]!
    activeLeases: [Float]!
    utilization: [Float]!
  }

  "one network of a market view"
  type MarketSeriesNetwork {
    network: ID!
    "latest row at or before the window's last day"
    latest: MarketLevels
    "latest row at or before the previous period's last day"
    previous: MarketLevels
    "USD over the window: known values summed, null when none is known"
    feesUsd: Float
    incentivesUsd: Float
    "USD over the previous period of the same length"
    previousFeesUsd: Float
    previousIncentivesUsd: Float
    series: MarketColumns!
  }

  type MarketWindow {
    "first and last UTC day of the window (inclusive)"
    from: DateTime!
    to: DateTime!
    "first day of the previous period (it ends the day before from)"
    prevFrom: DateTime!
    days: Int!
    "whether the previous period is fully indexed (a network in view has a row on or before prevFrom); changes vs a partly indexed previous period are not shown"
    hasPrevious: Boolean!
    "the previous period is partly indexed: indexing began inside it (hasPrevious is false)"
    previousPartial: Boolean!
  }

  "what a market view (the dashboard's overview or a category page) draws, aggregated on the server"
  type MarketSeries {
    "hash of the answer; pass it as ifNoneMatch to get changed: false (and nothing else) while it is unchanged"
    version: String!
    changed: Boolean!
    window: MarketWindow
    "the interval drawn: the one asked for, coarser (WEEK, then MONTH) while the window would have more than 400 buckets"
    interval: SeriesInterval
    "bucket starts, oldest first"
    periods: [DateTime!]
    "days of each bucket inside the window"
    periodDays: [Int!]
    networks: [MarketSeriesNetwork!]
  }

  type Query {
    network(id: ID!): Network
    categories: [Category!]!
    "price observations of an asset, the latest \`limit\` (default API_MAX_LIMIT) oldest first; from/to are inclusive"
    prices(asset: String!, from: DateTime, to: DateTime, limit: Int): [PricePoint!]!
    "derived metrics of one network, the latest \`limit\` periods oldest first; cumulative figures (supply, capacity) count from the first indexed period"
    networkMetrics(network: ID!, interval: Interval = DAY, from: DateTime, to: DateTime, limit: Int): [NetworkMetrics!]!
    categoryMetrics(category: ID!, interval: Interval = DAY, from: DateTime, to: DateTime, limit: Int): [CategoryMetrics!]!
    methodology: Methodology!
    indexerStatus: [ChainStatus!]!
    "time series of methodology metrics for the networks and categories named (all when none), grouped by NETWORK or CATEGORY; from/to bound period starts (inclusive); WEEK/MONTH add up flows, take the last value of stocks and recompute ratios"
    metrics(networks: [ID!], categories: [ID!], from: DateTime, to: DateTime, interval: SeriesInterval = DAY, metrics: [Metric!]!, groupBy: GroupBy = NETWORK): [MetricSeries!]!
    "the dashboard's market view in one compact answer: the networks of a category (all when absent) narrowed to \`networks\`, the \`days\`-day window (all when null) ending on their latest indexed day and the previous period, per-network totals, levels and series by DAY, WEEK or MONTH (docs/methodology.md, Dashboard)"
    marketSeries(category: ID, networks: [ID!], days: Int, interval: SeriesInterval = DAY, ifNoneMatch: String): MarketSeries!
    "networks, categories or providers ranked by a metric over a trailing window (highest first)"
    leaderboard(metric: Metric!, window: Window = D30, groupBy: GroupBy = NETWORK, limit: Int = 10, networks: [ID!], categories: [ID!]): [LeaderboardEntry!]!
    "one provider's earnings, fees, leases and uptime proxy over a window; null for an unknown provider"
    providerStats(network: ID!, provider: String!, window: Window = D30): ProviderStats
    "one tenant (fee payer) over a window: spend, payments, leases opened / closed / open now; null when never seen"
    payerStats(network: ID!, payer: String!, window: Window = D30): PayerStats
    "capacity leased now: the resources of the network's open leases (CPU cores, memory, storage, GPUs by model) where the chain gives them (Akash)"
    leasedResources(network: ID!): LeasedResources!
    "leased capacity at the end of each of the last days UTC days (1..3660) up to the network's last indexed day, from Lease rows"
    leasedHistory(network: ID!, days: Int = 30): [LeasedDay!]!
    "capacity providers declare on chain now (Akash: GPU models and storage classes from provider attributes), flagged declared"
    declaredCapacity(network: ID!): DeclaredCapacity!
    "top payers' share and HHI of a network's fees over a window"
    payerConcentration(network: ID!, window: Window = D30, top: Int = 10): PayerConcentration!
    "processor status per chain (all chains, or one)"
    squidStatus(chainId: Int): [SquidStatus!]!
    "subgraph-style metadata of one chain (default: Arbitrum One)"
    _meta(chainId: Int): Meta!
  }
`

const entities = entitySdl(entityModel(), LEGACY_LIST_ARGS)

export const typeDefs = [
  handWritten,
  entities.types,
  /* GraphQL */ `extend type Query {\n${entities.queryFields}\n}`,
].join('\n')
