/** GraphQL schema of the API. Amount fields come in pairs: `xNative` (exact base units, string) and `x` (decimal). */
export const typeDefs = /* GraphQL */ `
  "Integer in native base units, as a decimal string (exact)"
  scalar BigInt
  "ISO 8601 timestamp"
  scalar DateTime

  enum Interval {
    HOUR
    DAY
  }

  type Network {
    id: ID!
    name: String!
    category: String!
    categories: [String!]!
    chain: String!
    chainId: Int!
    tokenSymbol: String!
    tokenAddress: String
    tokenDecimals: Int!
    feeAsset: String!
    feeAssetDecimals: Int!
    "where the registry entry comes from"
    source: String!
  }

  type Category {
    id: ID!
    name: String!
    "colour used for the category on every chart"
    color: String!
    networks: [Network!]!
  }

  "Rollup of one network over one hour or one UTC day"
  type NetworkStat {
    network: String!
    category: String!
    interval: Interval!
    periodStart: DateTime!
    "fees paid by users, fee asset base units (Livepeer: ETH wei of winning tickets)"
    feesNative: BigInt!
    "feesNative in fee-asset units"
    fees: Float!
    "fees valued at the last oracle price known at each fee's block"
    feesUsd: Float!
    feesUnpricedNative: BigInt!
    feeCount: Int!
    feesSettledNative: BigInt!
    "incentives emitted to providers, token base units (Livepeer: LPT of Reward)"
    rewardsNative: BigInt!
    rewards: Float!
    rewardCount: Int!
    "incentives diverted to the protocol treasury, token base units"
    protocolTakeNative: BigInt!
    protocolTake: Float!
    mintedNative: BigInt!
    minted: Float!
    burnedNative: BigInt!
    burned: Float!
    bondedNative: BigInt!
    unbondedNative: BigInt!
    feesRefundedNative: BigInt!
    "fees passed on to delegators (Livepeer: faceValue x feeShare), fee-asset base units"
    feesSharedNative: BigInt!
    lockedNative: BigInt!
    unlockedNative: BigInt!
    nodesRegistered: Int!
    nodesDeregistered: Int!
    "capacity added / removed in the network's capacity unit"
    capacityAdded: BigInt!
    capacityRemoved: BigInt!
    leasesOpened: Int!
    leasesClosed: Int!
    eventCount: Int!
    lastBlock: Int!
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
    "total supply minus non-circulating balances (none listed yet: equals totalSupply)"
    circulatingSupply: Float!
    marketCap: Float
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
    "trailing 7-day fees / incentives (DAY interval)"
    demandRewardsRatio7d: Float
    demandRewardsRatio30d: Float
    "trailing 30-day fees x 365/30"
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
    networks: [String!]!
    marketCap: Float
    fdv: Float
    feesUsd: Float
    protocolRevenueUsd: Float
    incentivesUsd: Float
    earningsUsd: Float
    demandRewardsRatio: Float
  }

  type Methodology {
    version: String!
    document: String!
  }

  type PricePoint {
    asset: String!
    quote: String!
    price: Float!
    timestamp: DateTime!
    blockNumber: Int!
    "chainlink:<chainId>:<aggregator>"
    source: String!
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
  }

  type Query {
    networks(category: String): [Network!]!
    network(id: ID!): Network
    categories: [Category!]!
    "time series of one network; from/to are inclusive bounds on periodStart"
    networkStats(network: ID!, interval: Interval = DAY, from: DateTime, to: DateTime, limit: Int = 1000): [NetworkStat!]!
    prices(asset: String!, from: DateTime, to: DateTime, limit: Int = 1000): [PricePoint!]!
    "derived metrics of one network; cumulative figures (supply, capacity) count from the first indexed period"
    networkMetrics(network: ID!, interval: Interval = DAY, from: DateTime, to: DateTime, limit: Int = 1000): [NetworkMetrics!]!
    categoryMetrics(category: ID!, interval: Interval = DAY, from: DateTime, to: DateTime, limit: Int = 1000): [CategoryMetrics!]!
    methodology: Methodology!
    indexerStatus: [ChainStatus!]!
    _meta(chainId: Int): Meta!
  }
`
