/**
 * GraphQL schema of the API: the entity queries generated from schema.graphql (api/entities, OpenReader
 * names) plus the hand-written analytics and status queries below. Amount fields come in pairs: `xNative`
 * (exact base units, string) and `x` (decimal).
 */
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
