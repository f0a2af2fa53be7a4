/**
 * Benchmark datasets: an embedded PostgreSQL and the four devnet chains filled with a chosen volume of
 * real-format DePIN events (every network of the registry), built by the devnet's own generator
 * (SIM_DAYS of history, SIM_DENSITY economies per network; see devnet/simulator/chain.ts).
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chainEnvNames, loadConfig, type Config } from '../common/config'
import { startDatabase, type Database } from '../common/postgres'
import { startDevnet, type Devnet } from '../devnet/devnet'
import { watchedOnChain, type ChainDef, type Watched } from '../indexer/registry'
import { applyMigrations } from '../indexer/store/dataSource'
import { freePort, freePortBlock } from '../test/helpers/ports'
import { seconds } from './measure'

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
/** Events of all four chains per simulated day at density 1, seed 42 (measured; used only to pick the density). */
export const EVENTS_PER_DAY_AT_DENSITY_1 = 1_600

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
}

export interface Dataset {
  spec: Required<DatasetSpec> & { density: number }
  config: Config
  db: Database
  devnet: Devnet
  dataDir: string
  chains: ChainData[]
  events: number
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
  }
  const db = await startDatabase({ dataDir, port: Number(env.EMBEDDED_PG_PORT) })
  let devnet: Devnet | undefined
  try {
    await applyMigrations(db.url)
    const t0 = process.hrtime.bigint()
    // a fixed "now" (midnight) so that the same spec gives the same chains
    const now = Math.floor(Date.now() / 1000 / 86_400) * 86_400
    devnet = await startDevnet({ config: loadConfig(env), now, onProgress, historyBlockSeconds: blockSeconds })
    const generationSeconds = seconds(t0)
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
      chains.push({ chain, httpUrl: n.node.httpUrl, wsUrl: n.node.wsUrl, head, addresses, watched, logs })
      env[chainEnvNames(chain).end] = String(head)
      env[chainEnvNames(chain).finality] = '5'
    }
    const config = loadConfig(env)
    const d = devnet
    return {
      spec: { events: spec.events, days, seed, density, blockSeconds }, config, db, devnet: d, dataDir, chains,
      events: chains.reduce((s, c) => s + c.logs, 0), blocks: chains.reduce((s, c) => s + c.head + 1, 0), generationSeconds,
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
