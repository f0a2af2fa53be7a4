/**
 * A Solana-compatible JSON-RPC server for the devnet: JSON-RPC 2.0 over HTTP POST, only the methods the Solana
 * source (and the API's head query) call, answering from the Helium simulation in a Solana node's wire format:
 * getBlock with encoding `json` (base58 account keys and instruction data, inner instructions with stack heights,
 * token balances, loaded addresses), errors with the node's codes (-32007 skipped slot, -32004 block not available,
 * -32015 transaction version unsupported, -32602 invalid params). Slots follow the clock once live; `finalized` is
 * 32 slots behind the tip, as on mainnet.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { componentLogger } from '../../common/logger'
import { MAINNET_GENESIS_HASH } from '../../indexer/sources/solana/client'
import { HeliumSim } from './sim'
import { RawJson, RpcFailure, serveJsonRpc } from '../jsonrpc-server'

const log = componentLogger('devnet-solana')

/** slots between the tip (processed) and the last finalized slot */
const FINALIZATION_LAG = 32
const MAX_GET_BLOCKS_RANGE = 500_000

export interface SolanaDevnet {
  url: string
  port: number
  sim: HeliumSim
  /** highest finalized slot now */
  finalized(): number
  /**
   * Builds the blocks of slots [from, to] once and keeps them as getBlock answers on disk in `dir` (a ledger, as a
   * node serves from its store; benchmark datasets, so that serving history costs what reading it costs and not
   * the simulation's time); returns the blocks and the instructions in them the indexer reads.
   */
  buildLedger(from: number, to: number, dir: string): { blocks: number; indexed: number }
  stop(): Promise<void>
}

const commitmentOf = (cfg: unknown) => ((cfg as { commitment?: string } | undefined)?.commitment ?? 'finalized')

export async function startSolanaDevnet(o: { port: number; host?: string; seed: number; genesis: number; now: () => number; density?: number }): Promise<SolanaDevnet> {
  const sim = new HeliumSim(o.seed, o.genesis, o.density ?? 1)
  let ledger: { dir: string; from: number; to: number } | undefined
  const tip = () => sim.slotAt(o.now())
  const finalized = () => Math.max(sim.firstSlot, tip() - FINALIZATION_LAG)
  const headAt = (cfg: unknown) => {
    const c = commitmentOf(cfg)
    if (!['processed', 'confirmed', 'finalized'].includes(c)) throw new RpcFailure(`Invalid params: unknown commitment ${c}`, -32602)
    return c === 'finalized' ? finalized() : tip()
  }
  const slotParam = (v: unknown, what: string) => {
    if (!Number.isSafeInteger(v) || (v as number) < 0) throw new RpcFailure(`Invalid params: ${what} must be a slot (u64)`, -32602)
    return v as number
  }
  const methods: Record<string, (params: any[]) => unknown> = {
    getGenesisHash: () => MAINNET_GENESIS_HASH,
    getHealth: () => 'ok',
    getVersion: () => ({ 'solana-core': '2.1.21', 'feature-set': 3271415109 }),
    getFirstAvailableBlock: () => sim.firstSlot,
    getSlot: ([cfg]) => headAt(cfg),
    getBlockHeight: ([cfg]) => sim.block(sim.blocksIn(sim.firstSlot, headAt(cfg)).at(-1) ?? sim.firstSlot).blockHeight,
    getBlocks: ([start, endOrCfg, cfg]) => {
      const from = slotParam(start, 'start slot')
      const config = typeof endOrCfg === 'object' && endOrCfg !== null ? endOrCfg : cfg
      const head = headAt(config)
      const to = typeof endOrCfg === 'number' ? Math.min(slotParam(endOrCfg, 'end slot'), head) : head
      if (to - from > MAX_GET_BLOCKS_RANGE) throw new RpcFailure(`Slot range too large; max ${MAX_GET_BLOCKS_RANGE}`, -32602)
      return to < from ? [] : sim.blocksIn(from, to)
    },
    getBlock: ([s, cfg]) => {
      const slot = slotParam(s, 'slot')
      const c = (cfg ?? {}) as { encoding?: string; transactionDetails?: string; maxSupportedTransactionVersion?: number; rewards?: boolean }
      if ((c.encoding ?? 'json') !== 'json') throw new RpcFailure(`Invalid params: the devnet serves encoding "json" only (asked "${c.encoding}")`, -32602)
      if ((c.transactionDetails ?? 'full') !== 'full') throw new RpcFailure('Invalid params: the devnet serves transactionDetails "full" only', -32602)
      if (slot > headAt(cfg)) throw new RpcFailure(`Block not available for slot ${slot}`, -32004)
      if (!sim.hasBlock(slot)) throw new RpcFailure(`Slot ${slot} was skipped, or missing due to ledger jump to recent snapshot`, -32007)
      // the ledger holds the answer without rewards (what the Solana source asks for); every block has v0 transactions
      if (ledger && slot >= ledger.from && slot <= ledger.to && c.rewards === false && c.maxSupportedTransactionVersion != null) {
        return new RawJson(readFileSync(join(ledger.dir, `${slot}.json`), 'utf8'))
      }
      const block = sim.block(slot)
      if (c.maxSupportedTransactionVersion == null && block.transactions.some((t) => t.version === 0)) {
        throw new RpcFailure('Transaction version (0) is not supported by the requesting client. Please try the request again with the following configuration parameter: "maxSupportedTransactionVersion": 0', -32015)
      }
      return c.rewards === false ? block : { ...block, rewards: [] }
    },
  }
  const { port, stop } = await serveJsonRpc({
    port: o.port, host: o.host, defaultId: null,
    has: (m) => Object.hasOwn(methods, m),
    notFound: () => ({ code: -32601, message: 'Method not found' }),
    call: (m, params) => methods[m](Array.isArray(params) ? params : []),
    internalError: (e, method) => {
      log.error({ err: e, method }, 'devnet Solana RPC failed')
      return { code: -32603, message: 'Internal error' }
    },
    parseError: { code: -32700, message: 'Parse error' },
  })
  log.info({ port, firstSlot: sim.firstSlot, finalized: finalized() }, 'devnet Solana RPC up')
  return {
    url: `http://127.0.0.1:${port}`, port, sim, finalized,
    buildLedger(from, to, dir) {
      mkdirSync(dir, { recursive: true })
      let blocks = 0
      let indexed = 0
      for (const slot of sim.blocksIn(from, to)) {
        const r = sim.render(slot)
        writeFileSync(join(dir, `${slot}.json`), JSON.stringify(r.block))
        blocks++
        indexed += r.indexed
      }
      ledger = { dir, from, to }
      return { blocks, indexed }
    },
    stop,
  }
}
