/**
 * Drives one devnet chain: installs the emitters, produces blocks from the economic model, and keeps
 * a journal of block timestamps so that a restart rebuilds the identical chain (same hashes) before
 * going on. That is what lets a second `npm start` resume indexing instead of starting over.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { componentLogger } from '../../common/logger'
import { networks, priceFeeds, type ChainDef } from '../../indexer/registry'
import { encodeTransaction, installEmitters } from '../emitter'
import type { Rpc } from '../rpc'
import { ChainlinkModel } from './chainlink'
import { cloneState, forEachInstance } from './clone'
import { deriveSeed, Random, type EmittedLog, type NetworkModel } from './model'
import { models } from './models'

const log = componentLogger('devnet')

/** below the node's per-transaction gas cap (EIP-7825: 2^24) */
const MAX_TX_GAS = 15_000_000

export interface ChainSimOptions {
  rpc: Rpc
  chain: ChainDef
  seed: number
  /** genesis time, unix seconds */
  genesis: number
  stateDir: string
  /** spacing of simulated history blocks, seconds */
  historyBlockSeconds: number
  /** independent economies per network on the same contracts (SIM_DENSITY, default 1): the event volume scales with it */
  density?: number
}

export interface DevnetGenesis {
  chainId: number
  seed: number
  genesis: number
  historyDays: number
  /** SIM_DENSITY the chain was made with (absent: 1) */
  density?: number
}

/** Reads or creates the genesis record of a devnet; a different seed or chain needs a fresh data folder. */
export function loadGenesis(stateDir: string, want: Omit<DevnetGenesis, 'genesis'>, now: number): DevnetGenesis {
  mkdirSync(stateDir, { recursive: true })
  const file = join(stateDir, `genesis-${want.chainId}.json`)
  if (existsSync(file)) {
    const g = JSON.parse(readFileSync(file, 'utf8')) as DevnetGenesis
    if (g.seed !== want.seed) {
      throw new Error(`SIM_SEED is ${want.seed} but the devnet in ${stateDir} was made with seed ${g.seed}: keep the seed, or delete the data folder (DATA_DIR) to start over`)
    }
    if ((g.density ?? 1) !== (want.density ?? 1)) {
      throw new Error(`SIM_DENSITY is ${want.density ?? 1} but the devnet in ${stateDir} was made with density ${g.density ?? 1}: keep it, or delete the data folder (DATA_DIR) to start over`)
    }
    return g
  }
  const day = 86_400
  const g = { ...want, genesis: Math.floor(now / day) * day - want.historyDays * day }
  writeFileSync(file, JSON.stringify(g, null, 2))
  return g
}

/**
 * The models of one chain: its price feeds first, then each network in registry order. With density k > 1
 * each network model runs k times with derived seeds (k independent economies emitting real-format events
 * from the same contracts): the volume of events and of logs per block scales with k, for benchmarks.
 * Identifiers drawn at random (accounts, leases, devices) differ between replicas; counters a model starts at a
 * fixed value (Livepeer rounds, token supply) repeat, so network totals are k times a plausible network's.
 */
export function chainModels(chain: ChainDef, seed: number, genesis: number, density = 1): NetworkModel[] {
  const out: NetworkModel[] = []
  const feeds = priceFeeds.filter((f) => f.chain.chainId === chain.chainId)
  if (feeds.length) out.push(new ChainlinkModel(deriveSeed(seed, `chainlink:${chain.id}`), feeds))
  for (const n of networks.filter((n) => n.chain.chainId === chain.chainId)) {
    const factory = models[n.id]
    if (!factory) continue
    for (let r = 0; r < density; r++) out.push(factory({ seed: deriveSeed(seed, r === 0 ? n.id : `${n.id}#${r}`), genesis }))
  }
  return out
}

export class ChainSimulator {
  private models: NetworkModel[]
  private lastTimestamp: number
  private journal: string
  private sender = ''
  private nonce = 0
  blocks = 0
  logs = 0
  /** model state and node snapshot before each recent block, kept while checkpoints are on (live mode) */
  private checkpoints: { snapshot: string; models: NetworkModel[]; lastTimestamp: number; nonce: number; blocks: number; journalLines: number }[] = []
  private keepCheckpoints = 0
  private journalLines = 0

  constructor(private readonly o: ChainSimOptions) {
    this.models = chainModels(o.chain, o.seed, o.genesis, o.density ?? 1)
    this.lastTimestamp = o.genesis
    this.journal = join(o.stateDir, `journal-${o.chain.chainId}.txt`)
  }

  async init(): Promise<void> {
    await installEmitters(this.o.rpc, [...new Set(this.models.flatMap((m) => m.addresses))])
    await this.o.rpc.call('evm_setAutomine', [false])
    this.sender = (await this.o.rpc.call<string[]>('eth_accounts'))[0]
    const head = await this.o.rpc.blockNumber()
    if (head !== 0) throw new Error(`devnet chain ${this.o.chain.chainId} is at block ${head}, expected a fresh node`)
  }

  /** Replays the journal: rebuilds blocks already produced by an earlier run. Returns their count. */
  async replay(onProgress?: (done: number, total: number) => void): Promise<number> {
    if (!existsSync(this.journal)) return 0
    const lines = readFileSync(this.journal, 'utf8').split('\n').filter(Boolean)
    let mined = 0
    for (let i = 0; i < lines.length; i++) {
      // a "reorg" line marks where an injected reorg put the models back and perturbed them
      if (lines[i] === 'reorg') this.perturb()
      else {
        await this.mine(Number(lines[i]), false)
        mined++
      }
      if (onProgress && i % 200 === 0) onProgress(i, lines.length)
    }
    this.journalLines = lines.length
    return mined
  }

  /** Produces history blocks up to `until` (unix seconds). */
  async catchUp(until: number, onProgress?: (t: number) => void): Promise<void> {
    let n = 0
    while (this.lastTimestamp + this.o.historyBlockSeconds <= until) {
      await this.mine(this.lastTimestamp + this.o.historyBlockSeconds, true)
      if (onProgress && ++n % 200 === 0) onProgress(this.lastTimestamp)
    }
  }

  /** Produces one block at `t` (unix seconds, later than the last block). */
  async mine(t: number, record: boolean): Promise<void> {
    if (t <= this.lastTimestamp && this.blocks > 0) t = this.lastTimestamp + 1
    if (this.keepCheckpoints > 0 && record) {
      this.checkpoints.push({
        snapshot: await this.o.rpc.call<string>('evm_snapshot'), models: cloneState(this.models), lastTimestamp: this.lastTimestamp,
        nonce: this.nonce, blocks: this.blocks, journalLines: this.journalLines,
      })
      if (this.checkpoints.length > this.keepCheckpoints) this.checkpoints.shift()
    }
    const logs = this.models.flatMap((m) => m.step(this.lastTimestamp, t))
    await this.send(logs)
    await this.o.rpc.call('evm_mine', [t])
    this.lastTimestamp = t
    this.blocks += 1
    this.logs += logs.length
    if (record) {
      appendFileSync(this.journal, `${t}\n`)
      this.journalLines++
    }
  }

  /** Keeps what is needed to reorganise the last `depth` blocks (live mode). */
  enableReorgs(depth: number): void {
    this.keepCheckpoints = depth
  }

  /**
   * Injects a reorg: drops the last `depth` blocks (node snapshot revert, model state put back) and mines
   * `newBlocks` different ones in their place (models perturbed, so events differ; timestamps shifted).
   * The journal is rewritten to the canonical chain with a marker, so a restart rebuilds it identically.
   */
  async reorg(depth: number, newBlocks = depth + 1): Promise<{ from: number; orphaned: number; added: number }> {
    if (depth < 1 || depth > this.checkpoints.length) {
      throw new Error(`can reorganise 1 to ${this.checkpoints.length} blocks on chain ${this.o.chain.chainId} (checkpoints kept), not ${depth}`)
    }
    const c = this.checkpoints[this.checkpoints.length - depth]
    this.checkpoints = []
    if (!(await this.o.rpc.call<boolean>('evm_revert', [c.snapshot]))) throw new Error('evm_revert refused the snapshot')
    this.models = cloneState(c.models)
    this.lastTimestamp = c.lastTimestamp
    this.nonce = c.nonce
    this.blocks = c.blocks
    const kept = readFileSync(this.journal, 'utf8').split('\n').filter(Boolean).slice(0, c.journalLines)
    writeFileSync(this.journal, [...kept, 'reorg'].join('\n') + '\n')
    this.journalLines = kept.length + 1
    this.perturb()
    const from = await this.o.rpc.blockNumber()
    for (let i = 0; i < newBlocks; i++) await this.mine(this.lastTimestamp + 1 + i, true)
    return { from: from + 1, orphaned: depth, added: newBlocks }
  }

  /** Advances every model's random stream by one draw, so the new branch differs from the orphaned one. */
  private perturb(): void {
    forEachInstance(this.models, Random, (r) => r.next())
  }

  /** Re-reads the sender's nonce from the chain (after a test reverts to a snapshot). */
  async resyncNonce(): Promise<void> {
    this.nonce = Number(await this.o.rpc.call<string>('eth_getTransactionCount', [this.sender, 'latest']))
  }

  get timestamp() {
    return this.lastTimestamp
  }

  /**
   * One transaction per contract, in first-emission order, so each log comes from its contract's address; a
   * contract's logs are split over several transactions when they would pass the node's per-transaction gas cap.
   * Logs sharing a `tx` token are one transaction of their own (several contracts, through the emitter's forward
   * records), in the order of their first log.
   */
  private async send(logs: EmittedLog[]): Promise<void> {
    const units = new Map<unknown, { to: string; logs: EmittedLog[]; grouped: boolean }>()
    for (const l of logs) {
      const key = l.tx ?? l.address
      const unit = units.get(key) ?? { to: l.address, logs: [], grouped: l.tx != null }
      unit.logs.push(l)
      units.set(key, unit)
    }
    // generous: calldata floor (EIP-7623: 40 gas per byte) + per-log cost (375 + 375/topic + 8/byte) + memory
    const gasOf = (l: EmittedLog) => {
      const bytes = (l.data.length - 2) / 2
      return 2_000 + 375 * l.topics.length + 16 * bytes + 48 * (3 + 32 * l.topics.length + bytes)
    }
    const txs: { to: string; logs: EmittedLog[]; gas: number }[] = []
    for (const { to, logs: ls, grouped } of units.values()) {
      if (grouped) {
        // one call per forward (cold account access + call) on top of the logs
        txs.push({ to, logs: ls, gas: 60_000 + ls.reduce((g, l) => g + gasOf(l) + (l.address === to ? 0 : 40_000), 0) })
        continue
      }
      let tx = { to, logs: [] as EmittedLog[], gas: 60_000 }
      for (const l of ls) {
        const g = gasOf(l)
        if (tx.logs.length > 0 && tx.gas + g > MAX_TX_GAS) {
          txs.push(tx)
          tx = { to, logs: [], gas: 60_000 }
        }
        tx.logs.push(l)
        tx.gas += g
      }
      txs.push(tx)
    }
    // explicit nonces and zero gas price: the node may handle a JSON-RPC batch in any order, and the
    // chain must come out identical when the journal is replayed
    const calls = txs.map((tx) => ({
      method: 'eth_sendTransaction',
      params: [{ from: this.sender, to: tx.to, data: encodeTransaction(tx.to, tx.logs), nonce: '0x' + (this.nonce++).toString(16), gasPrice: '0x0', gas: '0x' + Math.ceil(tx.gas).toString(16) }],
    }))
    await this.o.rpc.batch(calls)
  }
}

export { log as devnetLog }
