/**
 * Runs the CometBFT source of one chain (INDEXER_CHAIN=akash): blocks and block results over JSON-RPC, decoded and
 * handled as a RangeSource of the shared non-EVM ingest loop (indexer/sources/ingest.ts: one transaction per batch,
 * resumable from the last committed height). CometBFT finalizes every block, so every height up to the head is
 * indexable and nothing is rolled back.
 */
import type { ChainConfig, Config } from '../../../common/config'
import { componentLogger } from '../../../common/logger'
import { redact } from '../../../common/postgres'
import { handleCosmosBlocks } from '../../handlers/cosmos'
import { networks, type ChainDef, type NetworkDef } from '../../registry'
import { runIngest, type RangeSource } from '../ingest'
import { CometbftClient } from './client'
import { decodeBlock } from './decode'

const log = componentLogger('cometbft')

/** Heights per JSON-RPC batch: block + block_results each, within CometBFT's default max_request_batch_size of 10. */
const HEIGHTS_PER_REQUEST = 5

/** Fetches [from, to] with at most `concurrency` batch requests in flight; decoded, in height order. */
export async function fetchRange(client: CometbftClient, from: number, to: number, concurrency: number) {
  const chunks: number[][] = []
  for (let h = from; h <= to; h += HEIGHTS_PER_REQUEST) chunks.push(Array.from({ length: Math.min(HEIGHTS_PER_REQUEST, to - h + 1) }, (_, i) => h + i))
  const out: ReturnType<typeof decodeBlock>[][] = new Array(chunks.length)
  let next = 0
  await Promise.all(
    Array.from({ length: Math.min(concurrency, chunks.length) }, async () => {
      while (next < chunks.length) {
        const i = next++
        out[i] = (await client.blocksWithResults(chunks[i], HEIGHTS_PER_REQUEST)).map((x) => decodeBlock(x.block, x.results))
      }
    }),
  )
  return out.flat()
}

export function createCometbftSource(o: { chain: ChainDef; networks: NetworkDef[]; client: CometbftClient; concurrency: number }): RangeSource {
  return {
    async indexableHead() {
      return (await o.client.status()).latestHeight
    },
    async batch(from, to, state) {
      const t0 = Date.now()
      const blocks = await fetchRange(o.client, from, to, o.concurrency)
      const out = handleCosmosBlocks(o.chain, o.networks, blocks, state)
      log.debug({ from, to, facts: out.facts.length, ms: Date.now() - t0 }, 'batch fetched and handled')
      return out
    },
  }
}

export async function runCometbftIndexer(o: { config: Config; chainConfig: ChainConfig; rpcUrl: string; databaseUrl: string }) {
  const { chain } = o.chainConfig
  const devnet = o.chainConfig.rpcUrl == null
  const nets = networks.filter((n) => n.chain.chainId === chain.chainId && n.cosmos)
  if (!nets.length) throw new Error(`no CometBFT network on chain ${chain.id}`)
  const client = new CometbftClient(o.rpcUrl, { rateLimit: o.config.RPC_RATE_LIMIT })
  const status = await client.status()
  if (chain.cometbftChainId && status.chainId !== chain.cometbftChainId) {
    throw new Error(`RPC ${redact(o.rpcUrl)} serves chain "${status.chainId}", expected "${chain.cometbftChainId}" (${chain.name})`)
  }
  // a pruned node serves from its earliest block; the devnet from 1
  const startBlock = Math.max(o.chainConfig.startBlock ?? (devnet ? 1 : status.earliestHeight), status.earliestHeight, 1)
  log.info({ chain: chain.id, rpc: redact(o.rpcUrl), chainId: status.chainId, latest: status.latestHeight, startBlock, end: o.chainConfig.endBlock }, 'CometBFT indexer starting')
  await runIngest({
    chain, networks: nets.map((n) => n.id), databaseUrl: o.databaseUrl, endBlock: o.chainConfig.endBlock, startBlock,
    source: createCometbftSource({ chain, networks: nets, client, concurrency: o.config.COMETBFT_CONCURRENCY }),
    batchSize: o.config.COMETBFT_BATCH_BLOCKS, pollMs: devnet ? 250 : 1000,
  })
}
