/**
 * All runtime configuration, read from the environment once and validated with zod.
 * A bad value fails at start with the variable named. Every variable is listed in README.md.
 */
import { resolve } from 'node:path'
import { z } from 'zod'
import { allChains, chains, isCometbft, isLotus, isSolana, type ChainDef } from '../indexer/registry'

const port = z.coerce.number().int().min(1).max(65535)
const block = z.coerce.number().int().min(0)
const url = (protocols: string[]) =>
  z.string().refine((v) => {
    try {
      return protocols.includes(new URL(v).protocol)
    } catch {
      return false
    }
  }, `must be a URL with protocol ${protocols.join(' or ')}`)

const baseSchema = z.object({
  PORT: port.default(4350),
  HOST: z.string().default('127.0.0.1'),
  DEVNET_PORT: port.default(8545),
  DEVNET_CONTROL_PORT: port.default(8599),
  /** how the indexer reads a devnet EVM node without an RPC_<CHAIN>_URL: WebSocket (default) or HTTP (benchmark datasets) */
  DEVNET_RPC_TRANSPORT: z.enum(['ws', 'http']).default('ws'),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  DATA_DIR: z.string().default('.data'),
  EMBEDDED_PG_PORT: port.default(5433),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  SIM_SEED: z.coerce.number().int().default(42),
  SIM_DAYS: z.coerce.number().int().min(1).max(3650).default(45),
  SIM_BLOCK_TIME_MS: z.coerce.number().int().min(100).default(2000),
  INDEXER_BULK_COPY: z.enum(['true', 'false']).default('true'),
  SIM_DENSITY: z.coerce.number().int().min(1).max(10000).default(1),
  SIM_LIVE: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
  SIM_AKASH_UPGRADE_HEIGHT: z.coerce.number().int().min(1).optional(),
  /** first block of the devnet's Akash node v2 (ACT); 0: never */
  SIM_AKASH_V2_HEIGHT: z.coerce.number().int().min(0).optional(),
  RPC_RATE_LIMIT: z.coerce.number().int().positive().optional(),
  RPC_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(30_000),
  API_MAX_LIMIT: z.coerce.number().int().min(1).max(100_000).default(1000),
  API_POLL_MS: z.coerce.number().int().min(100).max(600_000).default(2000),
  COMETBFT_BATCH_BLOCKS: z.coerce.number().int().min(1).max(10000).default(200),
  COMETBFT_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  LOTUS_BATCH_EPOCHS: z.coerce.number().int().min(1).max(2880).optional(),
  SOLANA_BATCH_SLOTS: z.coerce.number().int().min(1).max(10_000_000).optional(),
  SOLANA_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(8),
  // API protection and operations (README: Configuration, docs/api.md)
  API_DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  API_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(10).max(600_000).default(5000),
  API_MAX_BODY_BYTES: z.coerce.number().int().min(1024).max(10_000_000).default(100_000),
  API_RATE_LIMIT_PER_MIN: z.coerce.number().int().min(0).default(600),
  GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(1).max(100).default(10),
  GRAPHQL_MAX_ALIASES: z.coerce.number().int().min(1).max(1000).default(15),
  GRAPHQL_MAX_TOKENS: z.coerce.number().int().min(10).max(100_000).default(2000),
  GRAPHQL_MAX_COST: z.coerce.number().int().min(10).max(100_000_000).default(100_000),
  EXPORT_MAX_CONCURRENT: z.coerce.number().int().min(1).max(100).default(4),
  READY_MAX_LAG_BLOCKS: z.coerce.number().int().min(0).default(100),
  API_CACHE_MAX_MB: z.coerce.number().int().min(0).max(65_536).default(64),
  API_CACHE_VERSION_MS: z.coerce.number().int().min(0).max(60_000).default(250),
})

export interface ChainConfig {
  chain: ChainDef
  /** RPC endpoint (http(s):// or ws(s)://); undefined = the local devnet */
  rpcUrl?: string
  /** Subsquid Network gateway for historical blocks (the RPC then serves only recent/hot blocks) */
  gatewayUrl?: string
  startBlock?: number
  endBlock?: number
  finality?: number
  /** Lotus chains: bearer token of the JSON-RPC endpoint (RPC_<SLUG>_TOKEN) */
  token?: string
}

export type Config = z.infer<typeof baseSchema> & {
  chains: ChainConfig[]
  /** true when at least one chain uses the local devnet */
  usesDevnet: boolean
  /** the settings this config was read from (known variables only), to hand to child processes */
  env: Record<string, string>
  dataDir: string
}

export class ConfigError extends Error {
  constructor(public readonly issues: string[]) {
    super(`Invalid configuration:\n  ${issues.join('\n  ')}`)
    this.name = 'ConfigError'
  }
}

/** Environment variable names of one chain: RPC_<SLUG>_URL, GATEWAY_<SLUG>_URL, START_BLOCK_<SLUG>, END_BLOCK_<SLUG>, FINALITY_<SLUG>. */
export function chainEnvNames(chain: ChainDef) {
  const slug = chain.id.toUpperCase().replace(/-/g, '_')
  return {
    rpc: `RPC_${slug}_URL`,
    gateway: `GATEWAY_${slug}_URL`,
    start: `START_BLOCK_${slug}`,
    end: `END_BLOCK_${slug}`,
    finality: `FINALITY_${slug}`,
    token: `RPC_${slug}_TOKEN`,
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const issues: string[] = []
  const base = baseSchema.safeParse(env)
  if (!base.success) {
    for (const i of base.error.issues) issues.push(`${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`)
  }
  const chainConfigs: ChainConfig[] = []
  for (const chain of chains) {
    const names = chainEnvNames(chain)
    const schema = z.object({
      [names.rpc]: url(['http:', 'https:', 'ws:', 'wss:']).optional(),
      [names.gateway]: url(['http:', 'https:']).optional(),
      [names.start]: block.optional(),
      [names.end]: block.optional(),
      [names.finality]: z.coerce.number().int().min(isLotus(chain) ? 0 : 1).max(10000).optional(),
      [names.token]: z.string().min(1).optional(),
    })
    const r = schema.safeParse(env)
    if (!r.success) {
      for (const i of r.error.issues) issues.push(`${i.path.join('.')}: ${i.message} (got ${JSON.stringify(env[String(i.path[0])])})`)
      continue
    }
    const v = r.data as Record<string, any>
    const c: ChainConfig = { chain, rpcUrl: v[names.rpc], gatewayUrl: v[names.gateway], startBlock: v[names.start], endBlock: v[names.end], finality: v[names.finality], token: v[names.token] }
    if (isLotus(chain)) {
      // a Lotus chain: JSON-RPC over HTTP (a node's /rpc/v1), no Subsquid gateway
      if (c.rpcUrl && !/^https?:/.test(c.rpcUrl)) issues.push(`${names.rpc}: ${chain.name} is read over Lotus JSON-RPC: use an http(s):// URL ending in /rpc/v1 (got ${JSON.stringify(c.rpcUrl)})`)
      if (c.gatewayUrl) issues.push(`${names.gateway}: ${chain.name} has no Subsquid gateway (Lotus source)`)
    } else if (c.token) issues.push(`${names.token}: only Lotus chains take a token`)
    if (isCometbft(chain)) {
      // a CometBFT chain: JSON-RPC over HTTP (port 26657 of a node), instant finality, no gateway
      if (c.rpcUrl && !/^https?:/.test(c.rpcUrl)) issues.push(`${names.rpc}: ${chain.name} is read over CometBFT JSON-RPC: use an http(s):// URL (got ${JSON.stringify(c.rpcUrl)})`)
      if (c.gatewayUrl) issues.push(`${names.gateway}: ${chain.name} has no Subsquid gateway (CometBFT source)`)
      if (c.finality != null) issues.push(`${names.finality}: ${chain.name} has instant finality (CometBFT); remove the variable`)
    }
    if (isSolana(chain)) {
      // Solana: JSON-RPC over HTTP, finalized slots only, no gateway
      if (c.rpcUrl && !/^https?:/.test(c.rpcUrl)) issues.push(`${names.rpc}: ${chain.name} is read over Solana JSON-RPC: use an http(s):// URL (got ${JSON.stringify(c.rpcUrl)})`)
      if (c.gatewayUrl) issues.push(`${names.gateway}: ${chain.name} has no Subsquid gateway (Solana source)`)
      if (c.finality != null) issues.push(`${names.finality}: ${chain.name} is read at commitment "finalized"; remove the variable`)
    }
    if (c.gatewayUrl && !c.rpcUrl) issues.push(`${names.gateway}: needs ${names.rpc} too (the gateway serves history, the RPC the chain head)`)
    if (c.startBlock != null && c.endBlock != null && c.endBlock < c.startBlock) {
      issues.push(`${names.end}: must be >= ${names.start} (${c.endBlock} < ${c.startBlock})`)
    }
    chainConfigs.push(c)
  }
  if (issues.length || !base.success) throw new ConfigError(issues)
  const known = [...Object.keys(baseSchema.shape), ...chains.flatMap((c) => Object.values(chainEnvNames(c)))]
  const source = Object.fromEntries(known.filter((k) => env[k] != null).map((k) => [k, String(env[k])]))
  return {
    env: source,
    ...base.data,
    chains: chainConfigs,
    usesDevnet: chainConfigs.some((c) => c.rpcUrl == null),
    dataDir: resolve(base.data.DATA_DIR),
  }
}

/** The devnet port of a chain: DEVNET_PORT + the chain's position in the registry (Arbitrum One first). */
export function devnetPortOf(config: Config, chain: ChainDef): number {
  return config.DEVNET_PORT + allChains.findIndex((c) => c.chainId === chain.chainId)
}

/** The RPC URL the indexer uses for a chain: the configured one, or the devnet's endpoint (WebSocket unless DEVNET_RPC_TRANSPORT=http). */
export function rpcUrlOf(config: Config, c: ChainConfig): string {
  if (isLotus(c.chain)) return c.rpcUrl ?? `http://127.0.0.1:${devnetPortOf(config, c.chain)}/rpc/v1`
  if (isCometbft(c.chain) || isSolana(c.chain)) return c.rpcUrl ?? `http://127.0.0.1:${devnetPortOf(config, c.chain)}`
  return c.rpcUrl ?? `${config.DEVNET_RPC_TRANSPORT}://127.0.0.1:${devnetPortOf(config, c.chain)}`
}
