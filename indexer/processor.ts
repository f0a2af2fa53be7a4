/** Builds the Subsquid EVM processor of one chain from configuration and the registry. */
import { EvmBatchProcessor } from '@subsquid/evm-processor'
import type { ChainConfig } from '../common/config'
import { startBlockOf, watchedOnChain } from './registry'

export interface ProcessorOptions {
  chain: ChainConfig
  rpcUrl: string
  /** devnet: start at block 0 and poll fast */
  devnet: boolean
  rateLimit?: number
  /** per request; a request that times out is retried with backoff */
  requestTimeoutMs?: number
}

export function createProcessor(opts: ProcessorOptions) {
  const { chain } = opts.chain
  const addresses = [...watchedOnChain(chain).keys()]
  const from = opts.chain.startBlock ?? (opts.devnet ? 0 : startBlockOf(chain))
  const finality = opts.chain.finality ?? (opts.devnet ? 5 : chain.finalityConfirmations)
  const processor = new EvmBatchProcessor()
    .setRpcEndpoint({ url: opts.rpcUrl, rateLimit: opts.rateLimit, requestTimeout: opts.requestTimeoutMs ?? 30_000 })
    // A devnet may sit still (SIM_LIVE=false): no head timeout there. On real chains a subscription silent for
    // 60 s is reset (processor 1.27.3 can then fail with "concurrent takes are not allowed"; the supervisor in
    // cli/stack.ts restarts the indexer, which resumes from its last committed block).
    .setRpcDataIngestionSettings({ headPollInterval: opts.devnet ? 200 : 1000, newHeadTimeout: opts.devnet ? 0 : 60_000 })
    .setFinalityConfirmation(finality)
    .setBlockRange({ from, to: opts.chain.endBlock })
    .setFields({
      block: { timestamp: true, hash: true },
      log: { address: true, topics: true, data: true, transactionHash: true, logIndex: true },
    })
    // every log of the watched addresses: unknown topics are quarantined rather than silently skipped
    .addLog({ address: addresses })
  // production history: a Subsquid Network gateway filters logs server-side; without it the RPC path
  // walks every block header and fetches unfiltered eth_getLogs ranges
  if (opts.chain.gatewayUrl) processor.setGateway(opts.chain.gatewayUrl)
  return { processor, from, finality, addresses }
}
