/**
 * The local devnet: one EVM node per registry chain (Arbitrum One on DEVNET_PORT, further chains on the
 * next ports) with emitters at the real contract addresses, driven by the seeded economic simulation.
 */
import { join } from 'node:path'
import type { Config } from '../common/config'
import { devnetPortOf } from '../common/config'
import { componentLogger } from '../common/logger'
import { isCometbft, isLotus, isSolana } from '../indexer/registry'
import { startLotusDevnet, type LotusDevnet } from './lotus/server'
import { startDevnetNode, type DevnetNode } from './node'
import { writePriceCsvs } from './prices'
import { ChainSimulator, loadGenesis } from './simulator/chain'
import { deriveSeed } from './simulator/model'
import { CometbftDevnet } from './cometbft/server'
import { startSolanaDevnet, type SolanaDevnet } from './solana/server'

const log = componentLogger('devnet')

export interface Devnet {
  /** CoinGecko-format price files of the assets without an on-chain feed */
  priceFiles: { asset: string; file: string }[]
  nodes: { chainId: number; name: string; node: DevnetNode; sim: ChainSimulator }[]
  /** Lotus-compatible servers of the Filecoin chains (their head follows the clock once live) */
  lotus: { chainId: number; name: string; server: LotusDevnet }[]
  /** CometBFT chains (Akash): in-process RPC servers driven by their models */
  cometbft: { chainId: number; name: string; devnet: CometbftDevnet }[]
  /** Solana-compatible servers (Helium): their finalized slot follows the clock once live */
  solana: { chainId: number; name: string; server: SolanaDevnet }[]
  /**
   * seconds spent producing each chain's history at start, by chain id (EVM chains: simulation and mining; CometBFT:
   * the model's blocks). Lotus and Solana histories are pure functions of seed and height, built when asked for.
   */
  generationSeconds: Record<string, number>
  /** keeps producing blocks every SIM_BLOCK_TIME_MS until stop() */
  startLive(): void
  /** injects a reorg of the last `depth` live blocks of a chain (between live blocks) */
  reorg(chainId: number, depth: number): Promise<{ from: number; orphaned: number; added: number }>
  stop(): Promise<void>
}

export interface DevnetOptions {
  config: Config
  /** override "now" (unix seconds) for reproducible tests */
  now?: number
  /** history block spacing, seconds (default 900) */
  historyBlockSeconds?: number
  /** history block spacing of CometBFT chains, seconds (default 300) */
  cometbftBlockSeconds?: number
  onProgress?: (msg: string) => void
}

export async function startDevnet(opts: DevnetOptions): Promise<Devnet> {
  const { config } = opts
  const stateDir = join(config.dataDir, 'devnet')
  const now = opts.now ?? Math.floor(Date.now() / 1000)
  const nodes: Devnet['nodes'] = []
  const devnetChains = config.chains.filter((c) => c.rpcUrl == null && !isLotus(c.chain) && !isCometbft(c.chain) && !isSolana(c.chain))
  // Filecoin: a Lotus-compatible server whose simulation is a pure function of seed and epoch
  let live = false
  const generationSeconds: Record<string, number> = {}
  const density = config.SIM_DENSITY
  const lotus: Devnet['lotus'] = []
  for (const c of config.chains.filter((x) => x.rpcUrl == null && isLotus(x.chain))) {
    const g = loadGenesis(stateDir, { chainId: c.chain.chainId, seed: config.SIM_SEED, historyDays: config.SIM_DAYS, density }, now)
    const server = await startLotusDevnet({ port: devnetPortOf(config, c.chain), seed: g.seed, genesis: g.genesis, now: () => (live ? Date.now() / 1000 : now), density })
    lotus.push({ chainId: c.chain.chainId, name: c.chain.name, server })
  }
  // Solana (Helium): a Solana-compatible server whose ledger is a pure function of seed and slot
  const solana: Devnet['solana'] = []
  for (const c of config.chains.filter((x) => x.rpcUrl == null && isSolana(x.chain))) {
    const g = loadGenesis(stateDir, { chainId: c.chain.chainId, seed: config.SIM_SEED, historyDays: config.SIM_DAYS, density }, now)
    const server = await startSolanaDevnet({ port: devnetPortOf(config, c.chain), seed: deriveSeed(g.seed, c.chain.id), genesis: g.genesis, now: () => (live ? Date.now() / 1000 : now), density })
    solana.push({ chainId: c.chain.chainId, name: c.chain.name, server })
  }
  const cometbft: Devnet['cometbft'] = []
  for (const c of config.chains.filter((x) => x.rpcUrl == null && isCometbft(x.chain))) {
    const g = loadGenesis(stateDir, { chainId: c.chain.chainId, seed: config.SIM_SEED, historyDays: config.SIM_DAYS, density }, now)
    const historyBlocks = (config.SIM_DAYS * 86_400) / (opts.cometbftBlockSeconds ?? 300)
    const upgradeHeight = config.SIM_AKASH_UPGRADE_HEIGHT ?? Math.max(1, Math.floor(historyBlocks / 2))
    // node v2 (ACT) for the last eighth of the history unless configured (0: never)
    const v2Height = config.SIM_AKASH_V2_HEIGHT === 0 ? null : config.SIM_AKASH_V2_HEIGHT ?? Math.max(upgradeHeight + 1, Math.floor((historyBlocks * 7) / 8))
    const devnet = new CometbftDevnet({
      port: devnetPortOf(config, c.chain), chainId: c.chain.cometbftChainId ?? c.chain.id, seed: deriveSeed(g.seed, c.chain.id), genesis: g.genesis,
      stateDir, historyBlockSeconds: opts.cometbftBlockSeconds ?? 300, key: c.chain.chainId,
      // the v1 node from the middle of the simulated history unless configured (deterministic: depends on config only)
      upgradeHeight,
      // a governance proposal raises the uakt take rate (4 % -> 10 %) half-way between the upgrade and the present
      takeChangeHeight: upgradeHeight + Math.floor(upgradeHeight / 2),
      v2Height,
      density,
    })
    const t0 = performance.now()
    devnet.catchUp(now)
    generationSeconds[c.chain.id] = (performance.now() - t0) / 1000
    await devnet.listen()
    log.info({ chain: c.chain.id, port: devnetPortOf(config, c.chain), height: devnet.height, txs: devnet.txs }, 'devnet CometBFT chain up')
    cometbft.push({ chainId: c.chain.chainId, name: c.chain.name, devnet })
  }
  // start the nodes side by side; simulate history chain by chain
  const started = await Promise.all(
    devnetChains.map(async (c) => {
      const g = loadGenesis(stateDir, { chainId: c.chain.chainId, seed: config.SIM_SEED, historyDays: config.SIM_DAYS, density: config.SIM_DENSITY }, now)
      const port = devnetPortOf(config, c.chain)
      // dense benchmark chains need bigger blocks; density 1 keeps the default, so existing chains replay identically
      const blockGasLimit = config.SIM_DENSITY > 1 ? 1_000_000_000 : undefined
      const node = await startDevnetNode({ port, chainId: c.chain.chainId, initialDate: new Date(g.genesis * 1000), stateDir, blockGasLimit })
      return { c, g, port, node }
    }),
  )
  // chains simulate side by side (each node is its own process); progress shows the slowest chain
  const progress = new Map<string, string>()
  const report = (chain: string, msg: string) => {
    progress.set(chain, msg)
    opts.onProgress?.(`devnet ${[...progress.entries()].map(([k, v]) => `${k} ${v}`).join(' | ')}`)
  }
  const simulated = await Promise.all(
    started.map(async ({ c, g, port, node }) => {
      const t0 = performance.now()
      const sim = new ChainSimulator({ rpc: node.rpc, chain: c.chain, seed: g.seed, genesis: g.genesis, stateDir, historyBlockSeconds: opts.historyBlockSeconds ?? 900, density: config.SIM_DENSITY })
      await sim.init()
      const replayed = await sim.replay((d, t) => report(c.chain.id, `rebuilding ${d}/${t}`))
      log.info({ chain: c.chain.id, chainId: c.chain.chainId, port, replayed }, 'devnet node up')
      await sim.catchUp(now, (t) => report(c.chain.id, new Date(t * 1000).toISOString().slice(0, 10)))
      generationSeconds[c.chain.id] = (performance.now() - t0) / 1000
      return { chainId: c.chain.chainId, name: c.chain.name, node, sim }
    }),
  )
  nodes.push(...simulated)
  const genesis = Math.min(...started.map((s) => s.g.genesis), ...lotus.map((l) => l.server.sim.epochTime(l.server.sim.firstEpoch)), ...(cometbft.length ? [now - (config.SIM_DAYS + 1) * 86_400] : []), ...solana.map((x) => x.server.sim.genesis))
  const priceFiles = writePriceCsvs(join(stateDir, 'prices'), config.SIM_SEED, genesis, now + 86_400)
  let timer: NodeJS.Timeout | undefined
  let stopped = false
  let busy: Promise<void> = Promise.resolve()
  const REORG_WINDOW = 64
  return {
    priceFiles,
    generationSeconds,
    nodes,
    lotus,
    cometbft,
    solana,
    async reorg(chainId, depth) {
      const n = nodes.find((x) => x.chainId === chainId)
      if (!n) throw new Error(`no devnet chain ${chainId}; chains: ${nodes.map((x) => x.chainId).join(', ')}`)
      await busy.catch(() => {})
      let release!: () => void
      busy = new Promise<void>((r) => (release = r))
      try {
        const r = await n.sim.reorg(depth)
        log.warn({ chainId, ...r }, 'reorg injected')
        return r
      } finally {
        release()
      }
    },
    startLive() {
      live = true
      for (const n of nodes) n.sim.enableReorgs(REORG_WINDOW)
      const tick = () => {
        if (stopped) return
        const previous = busy
        busy = (async () => {
          await previous.catch(() => {}) // an injected reorg may be under way
          for (const n of nodes) {
            try {
              await n.sim.mine(Math.floor(Date.now() / 1000), true)
            } catch (e) {
              if (!stopped) log.error({ err: e, chainId: n.chainId }, 'devnet block production failed')
            }
          }
          for (const c of cometbft) c.devnet.mine(Math.floor(Date.now() / 1000))
        })()
        busy.finally(() => {
          if (!stopped) timer = setTimeout(tick, config.SIM_BLOCK_TIME_MS)
        })
      }
      timer = setTimeout(tick, config.SIM_BLOCK_TIME_MS)
    },
    async stop() {
      stopped = true
      if (timer) clearTimeout(timer)
      await busy.catch(() => {})
      await Promise.all([...nodes.map((n) => n.node.stop()), ...lotus.map((l) => l.server.stop()), ...cometbft.map((c) => c.devnet.stop()), ...solana.map((x) => x.server.stop())])
    },
  }
}
