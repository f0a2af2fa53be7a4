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
import { networks, type AbciQuery, type ChainDef, type CosmosBlockInput, type NetworkDef } from '../../registry'
import { runIngest, untilAnswered, type RangeSource } from '../ingest'
import { WrongChainError } from '../jsonrpc'
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

/**
 * Reads the networks' chain-state queries (CosmosQueryDef) for a batch: at the first batch of the run (state
 * before `from`) and at each block whose events call for a refresh; attaches them to the blocks.
 */
export async function attachQueries(client: CometbftClient, nets: NetworkDef[], blocks: CosmosBlockInput[], first: boolean) {
  const query: AbciQuery = (path, data, height) => client.abciQuery(path, data, height)
  for (const n of nets) {
    for (const q of n.cosmos?.queries ?? []) {
      const at: [CosmosBlockInput, number][] = []
      if (first && blocks.length) at.push([blocks[0], Math.max(1, blocks[0].height - 1)])
      for (const b of blocks) if (q.refreshAt(b)) at.push([b, b.height])
      for (const [b, height] of at) {
        const value = await q.read(query, height).catch((e) => {
          log.warn({ query: q.id, height, err: (e as Error).message }, 'chain state query failed; the handler keeps its last value or the configured one')
          return null
        })
        if (value == null) {
          // a pruned node has no state for old heights: a query that may be read later is asked at the head instead
          // and handed to the block as a reading of a later height (the handler applies it when it reaches that height)
          const head = q.atHeadWhenPruned && first && b === blocks[0] ? (await client.status()).latestHeight : null
          const later = head != null && head > height ? await q.read(query, head).catch(() => null) : null
          if (later != null) {
            log.warn({ query: q.id, height, head }, 'chain state query not answered at the start (pruned state); read at the head, applied when the indexer reaches it')
            b.queries = { ...b.queries, [q.id]: { height: head!, value: later } }
            continue
          }
          log.warn({ query: q.id, height }, 'chain state query not answered (pruned state or unknown query path); the handler keeps its last value or the configured one')
          continue
        }
        b.queries = { ...b.queries, [q.id]: { height, value } }
      }
    }
  }
}

/** Transactions a CometBFT batch aims at: the next range spans as many blocks as held that many in the last one. */
export const BATCH_TXS = 20_000
/** Blocks of the run's first range, read before any block's size is known (a probe, not a 200-block guess). */
export const FIRST_BATCH_BLOCKS = 10

export function createCometbftSource(o: { chain: ChainDef; networks: NetworkDef[]; client: CometbftClient; concurrency: number }): RangeSource<CosmosBlockInput[]> {
  // the run's first range also reads the chain state before it (queries' starting values)
  let firstFrom: number | undefined
  let txsPerBlock: number | undefined
  return {
    async indexableHead() {
      return (await o.client.status()).latestHeight
    },
    async fetch(from, to) {
      const t0 = Date.now()
      firstFrom ??= from
      const blocks = await fetchRange(o.client, from, to, o.concurrency)
      await attachQueries(o.client, o.networks, blocks, from === firstFrom)
      txsPerBlock = blocks.reduce((n, b) => n + b.txs.length, 0) / Math.max(1, blocks.length)
      log.debug({ from, to, txs: Math.round(txsPerBlock * blocks.length), ms: Date.now() - t0 }, 'range fetched')
      return blocks
    },
    handle(blocks, state) {
      return handleCosmosBlocks(o.chain, o.networks, blocks, state)
    },
    nextBatchSize() {
      return txsPerBlock == null ? FIRST_BATCH_BLOCKS : Math.max(1, Math.floor(BATCH_TXS / Math.max(1, txsPerBlock)))
    },
  }
}

export async function runCometbftIndexer(o: { config: Config; chainConfig: ChainConfig; rpcUrl: string; databaseUrl: string }) {
  const { chain } = o.chainConfig
  const devnet = o.chainConfig.rpcUrl == null
  const nets = networks.filter((n) => n.chain.chainId === chain.chainId && n.cosmos)
  if (!nets.length) throw new Error(`no CometBFT network on chain ${chain.id}`)
  const client = new CometbftClient(o.rpcUrl, { rateLimit: o.config.RPC_RATE_LIMIT, timeoutMs: o.config.RPC_REQUEST_TIMEOUT_MS })
  // an RPC that is down at the start is waited for (logged), as during the run
  const status = (await untilAnswered({ chain: chain.id, step: 'status' }, () => client.status()))!
  if (chain.cometbftChainId && status.chainId !== chain.cometbftChainId) {
    throw new WrongChainError(`RPC ${redact(o.rpcUrl)} serves chain "${status.chainId}", expected "${chain.cometbftChainId}" (${chain.name})`)
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
