/**
 * Benchmark datasets: an embedded PostgreSQL and every devnet chain filled with a chosen volume of real-format
 * DePIN events (every network of the registry), built by the devnet's own generators with SIM_DAYS of history and
 * SIM_DENSITY as the volume knob: the four EVM chains (SIM_DENSITY economies per network, devnet/simulator/chain.ts),
 * Filecoin (Lotus actor events, devnet/lotus/sim.ts), Akash (CometBFT blocks, devnet/cometbft/akash-model.ts) and
 * Helium (Solana instructions, devnet/solana/sim.ts), whose activity is SIM_DENSITY times their model's.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chainEnvNames, loadConfig, rpcUrlOf, type Config } from '../common/config'
import { startDatabase, type Database } from '../common/postgres'
import { startDevnet, type Devnet } from '../devnet/devnet'
import { watchedOnChain, type ChainDef, type Watched } from '../indexer/registry'
import { SAMPLE_EPOCHS } from '../indexer/registry/filecoin'
import { applyMigrations } from '../indexer/store/dataSource'
import { freePort, freePortBlock } from '../test/helpers/ports'
import { round, seconds } from './measure'

/** Simulated history per dataset; the volume is set by the density (economies per network). */
export const DATASET_DAYS = 30
/**
 * Spacing of history blocks: hourly rather than the devnet's 900 s, because generation time goes with the
 * block count (≈ 16 blocks/s per chain on a loaded 2-core machine) and the volume goes with the density.
 */
export const DATASET_BLOCK_SECONDS = 3600
/** the API under load from one address: no per-address rate limit (API_RATE_LIMIT_PER_MIN=0), other limits as configured */
export const BENCH_API_LIMITS = { rateLimitPerMin: 0 }

/** empty blocks mined after the history */
export const FINALITY_PADDING = 256
/**
 * Events of all chains per simulated day at density 1, seed 42 (measured over 30 days; used only to pick the
 * density): EVM logs of the four EVM chains ~1,600, Filecoin actor events ~660, Akash chain events ~560 (hourly
 * blocks), Helium instructions ~420.
 */
export const EVENTS_PER_DAY_AT_DENSITY_1 = 3_240

export interface DatasetSpec {
  /** target volume of events (all chains); the generated count is measured and reported */
  events: number
  days?: number
  seed?: number
  blockSeconds?: number
}

export interface ChainData {
  chain: ChainDef
  httpUrl: string
  wsUrl: string
  /** last block of the history (what every indexer indexes up to) */
  head: number
  addresses: string[]
  watched: Map<string, Watched>
  logs: number
  generationSeconds: number
}

/** A chain read by a non-EVM source (indexer/sources): Filecoin (Lotus), Akash (CometBFT), Helium (Solana). */
export interface SourceChainData {
  chain: ChainDef
  kind: 'lotus' | 'cometbft' | 'solana'
  /** the RPC URL the indexer reads */
  url: string
  /** first and last height the indexer reads (Filecoin epoch, Akash block height, Solana slot) */
  start: number
  head: number
  /** blocks in [start, head]: Filecoin epochs (tipsets), Akash blocks, Solana slots with a block */
  blocks: number
  /**
   * chain events of the kinds the indexer reads, counted by the generator: Filecoin actor events (deal and sector
   * events), Akash events (x/mint provisions, deployment / market / provider events, escrow payouts, deposits),
   * Helium instructions (the registry's, in successful transactions)
   */
  events: number
  /** rows the indexer adds beside the chain events: Filecoin state samples (every SAMPLE_EPOCHS) */
  samples: number
  /** building the history (Akash at start; Filecoin and Helium: the counting pass, which builds every event once) */
  generationSeconds: number
}

export interface Dataset {
  spec: Required<DatasetSpec> & { density: number }
  config: Config
  db: Database
  devnet: Devnet
  dataDir: string
  chains: ChainData[]
  /** Filecoin, Akash, Helium */
  sourceChains: SourceChainData[]
  /** EVM logs of the four EVM chains (what eth_getLogs and Ponder see) */
  evmEvents: number
  /** events of all chains */
  events: number
  /** blocks of all chains */
  blocks: number
  generationSeconds: number
  stop(): Promise<void>
}



/** Days of history: DATASET_DAYS, fewer for volumes below what one economy emits in that time (smoke runs). */
export function daysFor(spec: DatasetSpec): number {
  return spec.days ?? Math.max(1, Math.min(DATASET_DAYS, Math.round(spec.events / EVENTS_PER_DAY_AT_DENSITY_1)))
}

export function densityFor(spec: DatasetSpec): number {
  return Math.max(1, Math.round(spec.events / (EVENTS_PER_DAY_AT_DENSITY_1 * daysFor(spec))))
}

export async function buildDataset(spec: DatasetSpec, onProgress?: (msg: string) => void): Promise<Dataset> {
  const days = daysFor(spec)
  const seed = spec.seed ?? 42
  const blockSeconds = spec.blockSeconds ?? DATASET_BLOCK_SECONDS
  const density = densityFor(spec)
  const dataDir = mkdtempSync(join(tmpdir(), 'depin-bench-'))
  chmodSync(dataDir, 0o755)
  mkdirSync(join(dataDir, 'logs'), { recursive: true })
  const env: Record<string, string> = {
    DATA_DIR: dataDir, DEVNET_PORT: String(await freePortBlock()), EMBEDDED_PG_PORT: String(await freePort()),
    SIM_DAYS: String(days), SIM_DENSITY: String(density), SIM_LIVE: 'false', SIM_SEED: String(seed), LOG_LEVEL: 'warn',
    // the indexers read the EVM nodes over HTTP, as Ponder does: Subsquid's WebSocket transport refuses messages over
    // 24 MB, and one 10-block eth_getLogs answer of a 10 M-event dataset is 32 MB (Polygon's block 1 holds 35 k
    // logs), which the processor would retry for ever
    DEVNET_RPC_TRANSPORT: 'http',
  }
  const db = await startDatabase({ dataDir, port: Number(env.EMBEDDED_PG_PORT) })
  let devnet: Devnet | undefined
  try {
    await applyMigrations(db.url)
    const t0 = process.hrtime.bigint()
    // a fixed "now" (midnight) so that the same spec gives the same chains
    const now = Math.floor(Date.now() / 1000 / 86_400) * 86_400
    // Akash blocks at the dataset's spacing too (hourly): generation and ingest go with the block count
    devnet = await startDevnet({ config: loadConfig(env), now, onProgress, historyBlockSeconds: blockSeconds, cometbftBlockSeconds: blockSeconds })
    const chains: ChainData[] = []
    for (const n of devnet.nodes) {
      // empty blocks on top, so that the history up to `head` is final for every indexer: the project's
      // (finality 5 here) and Ponder's, which holds the last 240 blocks of chain 42161 (200 on 137) as unfinalized
      const head = await n.node.rpc.blockNumber()
      const logs = n.sim.logs
      await n.node.rpc.call('hardhat_mine', ['0x' + FINALITY_PADDING.toString(16), '0x' + blockSeconds.toString(16)])
      const chain = loadConfig(env).chains.find((c) => c.chain.chainId === n.chainId)!.chain
      const watched = watchedOnChain(chain)
      const addresses = [...watched.keys()]
      // the generator's own count; the ingest benchmark checks it against eth_getLogs and the indexer's rows
      chains.push({ chain, httpUrl: n.node.httpUrl, wsUrl: n.node.wsUrl, head, addresses, watched, logs, generationSeconds: round(devnet.generationSeconds[chain.id] ?? 0, 2) })
      env[chainEnvNames(chain).end] = String(head)
      env[chainEnvNames(chain).finality] = '5'
    }
    const sourceChains = countSourceChains(devnet, loadConfig(env))
    for (const c of sourceChains) env[chainEnvNames(c.chain).end] = String(c.head)
    const generationSeconds = seconds(t0)
    const config = loadConfig(env)
    const d = devnet
    const evmEvents = chains.reduce((s, c) => s + c.logs, 0)
    return {
      spec: { events: spec.events, days, seed, density, blockSeconds }, config, db, devnet: d, dataDir, chains, sourceChains, evmEvents,
      events: evmEvents + sourceChains.reduce((s, c) => s + c.events, 0),
      blocks: chains.reduce((s, c) => s + c.head + 1, 0) + sourceChains.reduce((s, c) => s + c.blocks, 0), generationSeconds,
      async stop() {
        await d.stop()
        await db.stop()
        rmSync(dataDir, { recursive: true, force: true })
      },
    }
  } catch (e) {
    await devnet?.stop()
    await db.stop()
    rmSync(dataDir, { recursive: true, force: true })
    throw e
  }
}

/**
 * The non-EVM chains of the devnet, with what their generators emitted over the history (the counts the ingest
 * benchmark checks the indexer's rows against). Filecoin and Helium histories are pure functions of seed and height,
 * built on request: here every event is built once (the Lotus server keeps them; the Solana server's blocks go to a
 * ledger on disk it then serves getBlock from), and that time is their generation time.
 */
function countSourceChains(devnet: Devnet, config: Config): SourceChainData[] {
  const out: SourceChainData[] = []
  const urlOf = (chain: ChainDef) => rpcUrlOf(config, config.chains.find((c) => c.chain.chainId === chain.chainId)!)
  for (const l of devnet.lotus) {
    const chain = config.chains.find((c) => c.chain.chainId === l.chainId)!.chain
    const t = process.hrtime.bigint()
    const start = l.server.sim.firstEpoch
    const head = l.server.head()
    const events = l.server.sim.countIn(start, head)
    let samples = 0
    for (let h = Math.ceil(start / SAMPLE_EPOCHS) * SAMPLE_EPOCHS; h <= head; h += SAMPLE_EPOCHS) samples++
    out.push({ chain, kind: 'lotus', url: urlOf(chain), start, head, blocks: head - start + 1, events, samples, generationSeconds: round(seconds(t), 2) })
  }
  for (const c of devnet.cometbft) {
    const chain = config.chains.find((x) => x.chain.chainId === c.chainId)!.chain
    const head = c.devnet.height
    out.push({ chain, kind: 'cometbft', url: urlOf(chain), start: 1, head, blocks: head, events: c.devnet.chainEventsThrough(head), samples: 0, generationSeconds: round(devnet.generationSeconds[chain.id] ?? 0, 2) })
  }
  for (const x of devnet.solana) {
    const chain = config.chains.find((c) => c.chain.chainId === x.chainId)!.chain
    const t = process.hrtime.bigint()
    const start = x.server.sim.firstSlot
    const head = x.server.finalized()
    // the history as a ledger on disk (getBlock answers), built once: served as read, not simulated per request
    const { blocks, indexed: events } = x.server.buildLedger(start, head, join(config.dataDir, 'devnet', `ledger-${chain.chainId}`))
    out.push({ chain, kind: 'solana', url: urlOf(chain), start, head, blocks, events, samples: 0, generationSeconds: round(seconds(t), 2) })
  }
  return out
}
