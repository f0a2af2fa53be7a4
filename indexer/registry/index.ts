/** The network registry: every network, contract, event meaning and price feed the indexer knows. */
import { categories } from './categories'
import { chains } from './chains'
import { livepeer } from './livepeer'
import { priceFeeds } from './prices'
import type { ChainDef, ContractDef, EventDef, NetworkDef, PriceFeedDef } from './types'

export * from './types'
export { categories, chains, priceFeeds }

export const networks: NetworkDef[] = [livepeer]

export function networkById(id: string): NetworkDef | undefined {
  return networks.find((n) => n.id === id)
}

/** What a watched address is: a network contract or a price feed. */
export type Watched =
  | { kind: 'contract'; network: NetworkDef; contract: ContractDef; byTopic: Map<string, EventDef> }
  | { kind: 'price'; feed: PriceFeedDef; byTopic: Map<string, EventDef> }

/** All watched addresses of one chain, keyed by lower-case address (Subsquid delivers lower-case). */
export function watchedOnChain(chain: ChainDef): Map<string, Watched> {
  const out = new Map<string, Watched>()
  const topics = (events: EventDef[]) => new Map(events.map((e) => [e.abi.topic, e]))
  for (const network of networks.filter((n) => n.chain.chainId === chain.chainId)) {
    for (const contract of network.contracts) {
      out.set(contract.address.toLowerCase(), { kind: 'contract', network, contract, byTopic: topics(contract.events) })
    }
  }
  for (const feed of priceFeeds.filter((f) => f.chain.chainId === chain.chainId)) {
    out.set(feed.aggregator.toLowerCase(), { kind: 'price', feed, byTopic: topics(feed.events) })
  }
  return out
}

/** Lowest start block among everything watched on a chain: where a mainnet run begins. */
export function startBlockOf(chain: ChainDef): number {
  const blocks = [
    ...networks.filter((n) => n.chain.chainId === chain.chainId).flatMap((n) => n.contracts.map((c) => c.startBlock)),
    ...priceFeeds.filter((f) => f.chain.chainId === chain.chainId).map((f) => f.startBlock),
  ]
  return Math.min(...blocks)
}
