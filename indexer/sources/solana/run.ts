/**
 * The Solana source (INDEXER_CHAIN=solana): finalized slots read in ranges as a RangeSource of the shared non-EVM
 * ingest loop (indexer/sources/ingest.ts: one transaction per batch, resumable from the last committed slot).
 * Per batch: getBlocks(from, to) lists the slots that have a block (skipped slots have none), getBlock fetches each
 * (at most SOLANA_CONCURRENCY in flight), the watched programs' instructions are decoded and handed to the
 * network's handler. Only finalized slots are read, so nothing is rolled back.
 */
import type { ChainConfig, Config } from '../../../common/config'
import { componentLogger } from '../../../common/logger'
import { redact } from '../../../common/postgres'
import { handleSolanaBlocks } from '../../handlers/solana'
import { networks, type ChainDef, type NetworkDef } from '../../registry'
import { runIngest, untilAnswered, type RangeSource } from '../ingest'
import { BadAnswerError, WrongChainError } from '../jsonrpc'
import { MAINNET_GENESIS_HASH, SolanaClient } from './client'
import { decodeBlock, watchedPrograms, type SolanaBlockInput } from './decode'

const log = componentLogger('solana')

/** A node answers getBlocks for at most this many slots. */
export const MAX_GET_BLOCKS_RANGE = 500_000

/**
 * First slot of Helium on Solana: the migration from the Helium L1 on 2023-04-18 (approximate slot of that day;
 * START_BLOCK_SOLANA overrides it, and a pruned node's first available block raises it).
 */
export const HELIUM_MIGRATION_SLOT = 189_000_000

export function createSolanaSource(o: { chain: ChainDef; networks: NetworkDef[]; client: SolanaClient; concurrency: number }): RangeSource<{ blocks: SolanaBlockInput[]; to: number }> {
  const programs = new Map(o.networks.flatMap((n) => [...watchedPrograms(n.solana!).entries()]))
  return {
    async indexableHead() {
      return o.client.finalizedSlot()
    },
    async fetch(from, to) {
      const t0 = Date.now()
      const slots: number[] = []
      for (let s = from; s <= to; s += MAX_GET_BLOCKS_RANGE) slots.push(...(await o.client.blocks(s, Math.min(to, s + MAX_GET_BLOCKS_RANGE - 1))))
      const blocks: (SolanaBlockInput | null)[] = new Array(slots.length).fill(null)
      const raw: { parentSlot: number; blockhash: string; previousBlockhash: string }[] = new Array(slots.length)
      let next = 0
      await Promise.all(Array.from({ length: Math.min(o.concurrency, slots.length) }, async () => {
        while (next < slots.length) {
          const i = next++
          const b = (await o.client.block(slots[i], { listed: true }))!
          raw[i] = { parentSlot: b.parentSlot, blockhash: b.blockhash, previousBlockhash: b.previousBlockhash }
          blocks[i] = decodeBlock(slots[i], b, programs)
        }
      }))
      // the blocks of the range form a chain: each one's parent is the slot listed before it (a block missing from
      // the list, or an answer for another slot, breaks it): refused, and the ingest loop reads the range again
      for (let i = 0; i < slots.length; i++) {
        const parent = i > 0 ? raw[i - 1] : undefined
        if (i === 0 ? raw[i].parentSlot >= from : raw[i].parentSlot !== slots[i - 1] || raw[i].previousBlockhash !== parent!.blockhash) {
          throw new BadAnswerError(`slots ${from}-${to}: the block of slot ${slots[i]} has parent slot ${raw[i].parentSlot} (${raw[i].previousBlockhash}), the range lists ${i > 0 ? `${slots[i - 1]} (${parent!.blockhash})` : 'none before it'}`)
        }
      }
      const decoded = blocks.filter((b): b is SolanaBlockInput => b != null)
      log.debug({ from, to, blocks: decoded.length, ms: Date.now() - t0 }, 'range fetched')
      return { blocks: decoded, to }
    },
    handle({ blocks, to }, state) {
      return handleSolanaBlocks(o.chain, o.networks, blocks, state, to)
    },
  }
}

export async function runSolanaIndexer(o: { config: Config; chainConfig: ChainConfig; rpcUrl: string; databaseUrl: string }) {
  const { chain } = o.chainConfig
  const devnet = o.chainConfig.rpcUrl == null
  const nets = networks.filter((n) => n.chain.chainId === chain.chainId && n.solana)
  if (!nets.length) throw new Error(`no Solana network on chain ${chain.id}`)
  const client = new SolanaClient(o.rpcUrl, { rateLimit: o.config.RPC_RATE_LIMIT, timeoutMs: o.config.RPC_REQUEST_TIMEOUT_MS })
  // an RPC that is down at the start is waited for (logged), as during the run
  const genesis = (await untilAnswered({ chain: chain.id, step: 'genesis hash' }, () => client.genesisHash()))!
  if (genesis !== MAINNET_GENESIS_HASH) throw new WrongChainError(`RPC ${redact(o.rpcUrl)} serves the Solana cluster with genesis hash ${genesis}, expected mainnet-beta (${MAINNET_GENESIS_HASH})`)
  const first = (await untilAnswered({ chain: chain.id, step: 'first available block' }, () => client.firstAvailableBlock()))!
  const startBlock = Math.max(o.chainConfig.startBlock ?? (devnet ? first : HELIUM_MIGRATION_SLOT), first)
  const batchSize = o.config.SOLANA_BATCH_SLOTS ?? (devnet ? 100_000 : 1000)
  log.info({ chain: chain.id, rpc: redact(o.rpcUrl), firstAvailable: first, startBlock, end: o.chainConfig.endBlock, batchSize }, 'Solana indexer starting')
  await runIngest({
    chain, networks: nets.map((n) => n.id), databaseUrl: o.databaseUrl, startBlock, endBlock: o.chainConfig.endBlock,
    source: createSolanaSource({ chain, networks: nets, client, concurrency: o.config.SOLANA_CONCURRENCY }),
    batchSize, pollMs: devnet ? 1000 : 2000,
  })
}
