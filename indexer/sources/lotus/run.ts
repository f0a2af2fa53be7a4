/** Runs the Lotus source of one chain (INDEXER_CHAIN=filecoin): configuration to a running ingest loop. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ChainConfig, Config } from '../../../common/config'
import { componentLogger } from '../../../common/logger'
import { redact } from '../../../common/postgres'
import { FILECOIN_GENESIS_TIMESTAMP, FIP0083_HEIGHT } from '../../registry/filecoin'
import { networks } from '../../registry'
import { runIngest, untilAnswered } from '../ingest'
import { WrongChainError } from '../jsonrpc'
import { LotusClient } from './client'
import { createLotusSource } from './source'

const log = componentLogger('lotus')

/** First epoch of the devnet's simulated history (its genesis journal, written by the devnet at its first start). */
export function devnetFirstEpoch(dataDir: string, chainId: number): number {
  const file = join(dataDir, 'devnet', `genesis-${chainId}.json`)
  let g: { genesis: number }
  try {
    g = JSON.parse(readFileSync(file, 'utf8'))
  } catch {
    throw new Error(`no devnet genesis at ${file}: start the devnet first (npm start does), or set RPC_FILECOIN_URL`)
  }
  return Math.floor((g.genesis - FILECOIN_GENESIS_TIMESTAMP) / 30)
}

export async function runLotusIndexer(o: { config: Config; chainConfig: ChainConfig; rpcUrl: string; databaseUrl: string }) {
  const { chain } = o.chainConfig
  const devnet = o.chainConfig.rpcUrl == null
  const network = networks.find((n) => n.chain.chainId === chain.chainId && n.lotus)
  if (!network) throw new Error(`no Lotus network on chain ${chain.id}`)
  const client = new LotusClient(o.rpcUrl, { token: o.chainConfig.token, rateLimit: o.config.RPC_RATE_LIMIT, timeoutMs: o.config.RPC_REQUEST_TIMEOUT_MS })
  // an RPC that is down at the start is waited for (logged), as during the run
  const name = (await untilAnswered({ chain: chain.id, step: 'network name' }, () => client.networkName()))!
  if (name !== 'mainnet') throw new WrongChainError(`RPC ${redact(o.rpcUrl)} serves Filecoin network "${name}", expected "mainnet"`)
  const finality = o.chainConfig.finality ?? (devnet ? 0 : chain.finalityConfirmations)
  const startBlock = o.chainConfig.startBlock ?? (devnet ? devnetFirstEpoch(o.config.dataDir, chain.chainId) : FIP0083_HEIGHT)
  log.info({ chain: chain.id, rpc: redact(o.rpcUrl), network: name, finality, startBlock, end: o.chainConfig.endBlock }, 'Lotus indexer starting')
  const source = await createLotusSource({ chain, network, client, finality, genesisTimestamp: FILECOIN_GENESIS_TIMESTAMP })
  await runIngest({
    chain, networks: [network.id], databaseUrl: o.databaseUrl, source, startBlock, endBlock: o.chainConfig.endBlock,
    batchSize: o.config.LOTUS_BATCH_EPOCHS ?? (devnet ? 2880 : 240), pollMs: devnet ? 1000 : 10_000,
  })
}
