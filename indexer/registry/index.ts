/** The network registry: every network, contract, event meaning and price feed the indexer knows. */
import { categories } from './categories'
import { allChains, isCometbft, isLotus, isSolana } from './chains'
import { aethir } from './aethir'
import { akash } from './akash'
import { dimo } from './dimo'
import { filecoin } from './filecoin'
import { geodnet } from './geodnet'
import { helium } from './helium'
import { iotexIoid } from './iotex-ioid'
import { livepeer } from './livepeer'
import { spheron } from './spheron'
import { thegraph } from './thegraph'
import { priceFeeds } from './prices'
import type { ChainDef, ContractDef, EventDef, NetworkDef, PriceFeedDef } from './types'

export * from './types'

/** Every indexed network. Adding one: a module in this folder, one line here (and its devnet model). */
export { allChains, categories, isCometbft, isLotus, isSolana, priceFeeds }

/** Every indexed network. Adding one: a module in this folder, one line here (and its devnet model). */
export const networks: NetworkDef[] = [livepeer, thegraph, aethir, dimo, geodnet, iotexIoid, spheron, filecoin, akash, helium]

/** Chains with at least one network or price feed: one processor (and one devnet node) each. */
export const chains: ChainDef[] = allChains.filter(
  (c) => networks.some((n) => n.chain.chainId === c.chainId) || priceFeeds.some((f) => f.chain.chainId === c.chainId),
)

export function chainById(id: string): ChainDef | undefined {
  return chains.find((c) => c.id === id)
}

export function networkById(id: string): NetworkDef | undefined {
  return networks.find((n) => n.id === id)
}

/**
 * Every asset priced from chain, with the chain its prices come from: Chainlink feeds, and network events that set
 * a price (EventDef.price, e.g. DIMO's DCX rate). The rollup values fees at the last such price on the same chain.
 */
export function onchainPricedAssets(): { asset: string; chainId: number }[] {
  const out = new Map<string, { asset: string; chainId: number }>()
  for (const f of priceFeeds) out.set(`${f.asset}@${f.chain.chainId}`, { asset: f.asset, chainId: f.chain.chainId })
  for (const n of networks) {
    for (const c of n.contracts) for (const e of c.events) if (e.price) out.set(`${e.price.asset}@${n.chain.chainId}`, { asset: e.price.asset, chainId: n.chain.chainId })
  }
  return [...out.values()]
}

/** What a watched address is: a network contract or a price feed. */
export type Watched =
  | { kind: 'contract'; network: NetworkDef; contract: ContractDef; byTopic: Map<string, EventDef> }
  | { kind: 'price'; feed: PriceFeedDef; byTopic: Map<string, EventDef> }

/**
 * All watched addresses of one chain, keyed by lower-case address (Subsquid delivers lower-case).
 * `nets` and `feeds` default to the whole registry (tests pass a single network).
 */
export function watchedOnChain(chain: ChainDef, nets: NetworkDef[] = networks, feeds: PriceFeedDef[] = priceFeeds): Map<string, Watched> {
  const out = new Map<string, Watched>()
  const topics = (events: EventDef[]) => new Map(events.map((e) => [e.abi.topic.toLowerCase(), e]))
  for (const network of nets.filter((n) => n.chain.chainId === chain.chainId)) {
    for (const contract of network.contracts) {
      const key = contract.address.toLowerCase()
      if (out.has(key)) throw new Error(`${network.id} ${contract.name}: address ${contract.address} is already watched`)
      out.set(key, { kind: 'contract', network, contract, byTopic: topics(contract.events) })
    }
  }
  for (const feed of feeds.filter((f) => f.chain.chainId === chain.chainId)) {
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
  return blocks.length ? Math.min(...blocks) : 0
}
