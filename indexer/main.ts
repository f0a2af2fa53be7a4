/**
 * Indexer entry point: one Subsquid processor per chain (today: Arbitrum One), reading the chain
 * over JSON-RPC and writing raw events, normalized facts and rollups into PostgreSQL.
 * Run by `npm start` as a child process; can run alone: `tsx indexer/main.ts` with DATABASE_URL set.
 */
import { ConfigError, loadConfig, rpcUrlOf } from '../common/config'
import { componentLogger } from '../common/logger'
import { isConnectionError, redact, UnreachableError, waitForDatabase } from '../common/postgres'
import { exitWithParent } from '../common/process'
import { handleBlocks } from './handlers/batch'
import { Network } from './model'
import { createProcessor } from './processor'
import { chainById, chains, isCometbft, isLotus, isSolana, networks, watchedOnChain } from './registry'
import { runCometbftIndexer } from './sources/cometbft/run'
import { WrongChainError } from './sources/jsonrpc'
import { runLotusIndexer } from './sources/lotus/run'
import { runSolanaIndexer } from './sources/solana/run'
import type { StateCache } from './handlers/state'
import { ChainCursor } from './model'
import { ChainDiscontinuityError, checkDeepReorg, pruneCheckpoints, statusSchemaOf } from './reorg'
import { guardRpcClient } from './rpc-guard'
import { IndexerDatabase } from './store/database'
import { applyMigrations, createDataSource } from './store/dataSource'
import { loadState, writeBatch } from './writer'

const log = componentLogger('indexer')

async function registerNetworks(url: string) {
  const ds = createDataSource(url, { poolSize: 1 })
  await ds.initialize()
  try {
    await ds.getRepository(Network).upsert(
      networks.map((n) => new Network({
        id: n.id, name: n.name, category: n.category, categories: n.categories, chain: n.chain.id, chainId: n.chain.chainId,
        tokenSymbol: n.token.symbol, tokenAddress: n.token.address?.toLowerCase() ?? null, tokenDecimals: n.token.decimals,
        feeAsset: n.feeAsset.symbol, feeAssetDecimals: n.feeAsset.decimals, source: n.source,
      })),
      ['id'],
    )
  } finally {
    await ds.destroy()
  }
}

/** Runs a start-up step; when the connection to PostgreSQL is lost under it, waits for the server and runs it again. */
async function untilConnected<T>(url: string, step: () => Promise<T>, attempts = 10): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await step()
    } catch (e) {
      if (!isConnectionError(e) || i >= attempts) throw e
      log.warn({ err: (e as Error).message, attempt: i }, 'database connection lost during start-up; waiting for PostgreSQL, then again')
      await waitForDatabase(url, 120_000)
    }
  }
}

async function main() {
  if (process.env.DEPIN_SUPERVISED === '1') exitWithParent()
  const config = loadConfig()
  guardRpcClient()
  const url = process.env.DATABASE_URL
  if (!url) throw new ConfigError(['DATABASE_URL: must be set for the indexer (npm start sets it)'])
  await waitForDatabase(url, 120_000)
  // PostgreSQL may stop or restart while the indexer starts too: the start-up steps are redone once it answers
  const applied = await untilConnected(url, () => applyMigrations(url))
  if (applied.length) log.info({ applied }, 'migrations applied')
  await untilConnected(url, () => registerNetworks(url))
  // one process per chain: INDEXER_CHAIN names it (npm start runs one per chain of the registry)
  const chainId = process.env.INDEXER_CHAIN ?? chains[0].id
  const chain = chainById(chainId)
  if (!chain) throw new ConfigError([`INDEXER_CHAIN: unknown chain "${chainId}"; known: ${chains.map((c) => c.id).join(', ')}`])
  const chainConfig = config.chains.find((c) => c.chain.chainId === chain.chainId)!
  const rpcUrl = rpcUrlOf(config, chainConfig)
  if (isLotus(chain)) {
    // a Filecoin chain: the Lotus source, same tables, same writer
    await runLotusIndexer({ config, chainConfig, rpcUrl, databaseUrl: url })
    process.exit(0)
  }
  if (isCometbft(chain)) {
    // a CometBFT chain (Akash): the CometBFT source, same tables, same writer
    await runCometbftIndexer({ config, chainConfig, rpcUrl, databaseUrl: url })
    process.exit(0)
  }
  if (isSolana(chain)) {
    // Solana (Helium): the Solana source, same tables, same writer
    await runSolanaIndexer({ config, chainConfig, rpcUrl, databaseUrl: url })
    process.exit(0)
  }
  const { processor, from, finality, addresses } = createProcessor({
    chain: chainConfig, rpcUrl, devnet: chainConfig.rpcUrl == null, rateLimit: config.RPC_RATE_LIMIT, requestTimeoutMs: config.RPC_REQUEST_TIMEOUT_MS,
  })
  const watched = watchedOnChain(chain)
  const chainNetworks = networks.filter((n) => n.chain.chainId === chain.chainId).map((n) => n.id)
  let state: StateCache | undefined
  let lastHeight = -1
  let lastHash: string | undefined
  let attemptOpen = false
  // a reorg deeper than the finality depth while the indexer was down (or that made it exit): roll back first
  await checkDeepReorg({ url, rpcUrl, chain, networks: chainNetworks, startBlock: from })
  log.info({ chain: chain.id, chainId: chain.chainId, rpc: redact(rpcUrl), from, to: chainConfig.endBlock, finality, addresses: addresses.length, db: redact(url) }, 'indexer starting')
  // One processor per chain writes to the same tables, but only its own rows (ids carry the network, networks
  // belong to one chain; each has its own status schema). SERIALIZABLE would make their batches abort each
  // other on predicate locks; READ COMMITTED is safe for disjoint rows, and the status nonce still detects races.
  const db = new IndexerDatabase(url, { supportHotBlocks: true, stateSchema: statusSchemaOf(chain.chainId), isolationLevel: 'READ COMMITTED', waitOnConnectionLoss: true })
  processor.run(db, async (ctx) => {
    if (lastHash === undefined) {
      const c = await ctx.store.get(ChainCursor, String(chain.chainId))
      lastHeight = c?.height ?? -1
      lastHash = c?.hash ?? ''
    }
    // a batch that continues the stored chain must start on its last block; a batch that starts lower follows
    // a rollback of hot blocks by the processor. Anything else is a fork below the final block (or a data source
    // on another chain): nothing is written, the process ends, and the start check rolls the fork back.
    const head = ctx.blocks[0]?.header
    if (head && head.height === lastHeight + 1 && lastHash && head.parentHash !== lastHash) {
      throw new ChainDiscontinuityError(chain.chainId, head.height, head.parentHash, lastHash)
    }
    // and the blocks of a batch form a chain (a data source answering with wrong blocks is refused, never stored)
    for (let i = 1; i < ctx.blocks.length; i++) {
      const [prev, b] = [ctx.blocks[i - 1].header, ctx.blocks[i].header]
      if (b.height <= prev.height || (b.height === prev.height + 1 && b.parentHash !== prev.hash)) {
        throw new ChainDiscontinuityError(chain.chainId, b.height, b.parentHash, prev.hash)
      }
    }
    const blocks = ctx.blocks.map((b) => ({
      header: { height: b.header.height, hash: b.header.hash, timestamp: b.header.timestamp },
      logs: b.logs.map((l) => ({ address: l.address, topics: l.topics, data: l.data, logIndex: l.logIndex, transactionHash: l.transactionHash })),
    }))
    const first = blocks[0]?.header.height ?? lastHeight + 1
    // a batch that does not continue the last one follows a rollback: the cached state may be ahead of the database
    // (so is one whose previous attempt failed before finishing: the store retries serialization failures)
    if (!state || first <= lastHeight || attemptOpen) state = await loadState(ctx.store, chainNetworks)
    attemptOpen = true
    const out = handleBlocks(chain, watched, blocks, state)
    await writeBatch(ctx.store, out, first, state)
    attemptOpen = false
    if (blocks.length) {
      lastHeight = blocks[blocks.length - 1].header.height
      lastHash = blocks[blocks.length - 1].header.hash
      await pruneCheckpoints(ctx.store, chain.chainId, lastHeight)
    }
    if (out.quarantined.length) log.warn({ count: out.quarantined.length, first: out.quarantined[0].reason }, 'logs quarantined')
  })
}

main().catch((e) => {
  // bad settings and unreachable servers are reported by their message, which names the setting or the server
  if (e instanceof ConfigError || e instanceof UnreachableError || e instanceof WrongChainError) log.fatal(`indexer cannot start: ${e.message}`)
  else log.fatal({ err: e }, 'indexer failed')
  process.exit(1)
})
