/**
 * Chainlink price feeds of one chain: each aggregator publishes an hourly AnswerUpdated (heartbeat),
 * a random walk with a small drift, 8 decimals.
 */
import type { PriceFeedDef } from '../../indexer/registry'
import { encodeEvent } from './encode'
import { HOUR, Random, type EmittedLog, type NetworkModel } from './model'

const START_PRICE: Record<string, number> = { ETH: 3000 }

export class ChainlinkModel implements NetworkModel {
  private rnd: Random
  private feeds: { feed: PriceFeedDef; price: number; round: bigint; lastHour: number }[]

  constructor(seed: number, feeds: PriceFeedDef[]) {
    this.rnd = new Random(seed)
    this.feeds = feeds.map((feed) => ({ feed, price: START_PRICE[feed.asset] ?? 1, round: 18446744073709562000n, lastHour: -1 }))
  }

  get addresses() {
    return this.feeds.map((f) => f.feed.aggregator)
  }

  step(_from: number, to: number): EmittedLog[] {
    const out: EmittedLog[] = []
    const hour = Math.floor(to / HOUR)
    for (const f of this.feeds) {
      if (hour === f.lastHour) continue
      if (f.lastHour !== -1) f.price = Math.max(f.price * 0.05, f.price * Math.exp(0.006 * this.rnd.normal() + 0.0001))
      f.lastHour = hour
      f.round += 1n
      out.push({
        address: f.feed.aggregator,
        ...encodeEvent('ChainlinkAggregator', 'AnswerUpdated', { current: BigInt(Math.round(f.price * 10 ** f.feed.decimals)), roundId: f.round, updatedAt: BigInt(to) }),
      })
    }
    return out
  }
}
