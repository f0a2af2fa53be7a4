/**
 * Indexer entry point: one Subsquid processor per chain (today: Arbitrum One), reading the chain
 * over JSON-RPC and writing raw events, normalized facts and rollups into PostgreSQL.
 * Run by `npm start` as a child process; can run alone: `tsx indexer/main.ts` with DATABASE_URL set.
 */
import { loadConfig, rpcUrlOf } from '../common/config'
import { componentLogger } from '../common/logger'
import { redact, waitForDatabase } from '../common/postgres'
import { exitWithParent } from '../common/process'
import { handleBlocks } from './handlers/batch'
import { Network } from './model'
import { createProcessor } from './processor'
import { networks, watchedOnChain } from './registry'
import { IndexerDatabase } from './store/database'
import { applyMigrations, createDataSource } from './store/dataSource'
import { writeBatch } from './writer'

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

async function main() {
  if (process.env.DEPIN_SUPERVISED === '1') exitWithParent()
  const config = loadConfig()
  const url = process.env.DATABASE_URL
  if (!url) throw new Error('DATABASE_URL must be set for the indexer (npm start sets it)')
  await waitForDatabase(url, 120_000)
  const applied = await applyMigrations(url)
  if (applied.length) log.info({ applied }, 'migrations applied')
  await registerNetworks(url)
  const chainConfig = config.chains[0]
  const chain = chainConfig.chain
  const rpcUrl = rpcUrlOf(config, chainConfig)
  const { processor, from, finality, addresses } = createProcessor({
    chain: chainConfig, rpcUrl, devnet: chainConfig.rpcUrl == null, rateLimit: config.RPC_RATE_LIMIT,
  })
  const watched = watchedOnChain(chain)
  log.info({ chain: chain.id, chainId: chain.chainId, rpc: redact(rpcUrl), from, to: chainConfig.endBlock, finality, addresses: addresses.length, db: redact(url) }, 'indexer starting')
  const db = new IndexerDatabase(url, { supportHotBlocks: true, stateSchema: `squid_processor_${chain.chainId}` })
  processor.run(db, async (ctx) => {
    const blocks = ctx.blocks.map((b) => ({
      header: { height: b.header.height, hash: b.header.hash, timestamp: b.header.timestamp },
      logs: b.logs.map((l) => ({ address: l.address, topics: l.topics, data: l.data, logIndex: l.logIndex, transactionHash: l.transactionHash })),
    }))
    const out = handleBlocks(chain, watched, blocks)
    await writeBatch(ctx.store, out, blocks[0]?.header.height ?? 0)
    if (out.quarantined.length) log.warn({ count: out.quarantined.length, first: out.quarantined[0].reason }, 'logs quarantined')
  })
}

main().catch((e) => {
  log.fatal({ err: e }, 'indexer failed to start')
  process.exit(1)
})
