/**
 * USD price feeds read from chain. Chainlink aggregators emit AnswerUpdated; the proxy address is stable,
 * the aggregator behind it rotates on phase upgrades (re-read proxy.aggregator() before pointing at mainnet).
 */
import * as ChainlinkAggregator from '../abi/ChainlinkAggregator'
import { arbitrumOne } from './chains'
import type { PriceFeedDef } from './types'

export const ethUsdArbitrum: PriceFeedDef = {
  asset: 'ETH',
  quote: 'USD',
  chain: arbitrumOne,
  proxy: '0x639Fe6ab55C921f74e7fac1ee960C0B6293ba612',
  aggregator: '0x3607e46698d218B3a5Cae44bF381475C0a5e2ca7',
  decimals: 8,
  // the aggregator's deployment block is not recorded in the reference; start with Livepeer's contracts
  startBlock: 5856156,
  source: 'Chainlink data feeds (Arbitrum One ETH/USD proxy); aggregator per audits/indexers, confidence medium-high',
  confidence: 'medium',
  events: [
    { name: 'AnswerUpdated', abi: ChainlinkAggregator.events.AnswerUpdated, meaning: 'New ETH/USD answer, 8 decimals.' },
  ],
}

export const priceFeeds: PriceFeedDef[] = [ethUsdArbitrum]
