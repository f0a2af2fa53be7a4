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
    eventCount: Int!
    lastBlock: Int!
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
    indexerStatus: [ChainStatus!]!
    _meta(chainId: Int): Meta!
  }
`
