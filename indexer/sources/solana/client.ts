/**
 * Solana JSON-RPC client: the methods the Solana source calls (getSlot, getBlocks, getBlock, getGenesisHash,
 * getFirstAvailableBlock), all at commitment `finalized`, over HTTP POST, with per-request timeouts, retries with
 * exponential backoff (p-retry) and an optional rate limit (RPC_RATE_LIMIT). Works against a Solana RPC node and
 * the devnet's Solana-compatible server alike.
 */
import { componentLogger } from '../../../common/logger'
import { BadAnswerError, JsonRpcHttp } from '../jsonrpc'
import type { SolanaBlockJson } from './decode'

const log = componentLogger('solana')

/** Genesis hash of Solana mainnet-beta (getGenesisHash). */
export const MAINNET_GENESIS_HASH = '5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc9iu9Vm9Kn'

/** Answers that mean "no block at this slot" (skipped, or pruned from the node's ledger): not retried. */
export const SKIPPED_SLOT_CODES = new Set([-32007, -32009])

export class SolanaRpcError extends Error {
  constructor(message: string, readonly code?: number) {
    super(message)
    this.name = 'SolanaRpcError'
  }
}

export interface SolanaClientOptions {
  retries?: number
  timeoutMs?: number
  /** max requests per second (RPC_RATE_LIMIT) */
  rateLimit?: number
}

const FINALIZED = { commitment: 'finalized' } as const

export class SolanaClient {
  private readonly rpc: JsonRpcHttp
  constructor(readonly url: string, opts: SolanaClientOptions = {}) {
    this.rpc = new JsonRpcHttp(url, {
      name: 'Solana', log, error: (m, code) => new SolanaRpcError(m, code), timeoutMs: 30_000,
      retry: { retries: 8, minTimeout: 250, maxTimeout: 15_000, randomize: true },
      httpStatus: (status) => (status === 429 || status >= 500 ? 'retry' : undefined),
      rpcError: (method, params, e) => ({
        error: new SolanaRpcError(`${method}(${JSON.stringify((params as unknown[])[0])}): ${e.message}`, e.code),
        // -32004 (block not available yet) and -32005 (node behind) pass with time; the rest is the node's verdict
        retry: e.code === -32004 || e.code === -32005,
      }),
      requireResult: true,
    }, opts)
  }

  call<T>(method: string, params: unknown[]): Promise<T> {
    return this.rpc.call<T>(method, params)
  }

  /** highest finalized slot */
  finalizedSlot() {
    return this.call<number>('getSlot', [FINALIZED])
  }
  genesisHash() {
    return this.call<string>('getGenesisHash', [])
  }
  /** lowest slot the node still has a block for (pruned nodes) */
  firstAvailableBlock() {
    return this.call<number>('getFirstAvailableBlock', [])
  }
  /**
   * Slots of [start, end] that have a finalized block (a node allows at most 500,000 slots per call): increasing, all
   * in the range (another answer is refused and asked again). An empty list is asked twice more and taken only when
   * the answers agree (a node behind a load balancer, or a proxy, can answer empty for a range it has not reached).
   */
  async blocks(start: number, end: number): Promise<number[]> {
    const ask = () => this.rpc.call<number[]>('getBlocks', [start, end, FINALIZED], (r) => {
      if (!Array.isArray(r)) return `getBlocks(${start}, ${end}) answered ${JSON.stringify(r)?.slice(0, 80)}, not a list of slots`
      for (let i = 0; i < r.length; i++) {
        if (!Number.isSafeInteger(r[i]) || r[i] < start || r[i] > end) return `getBlocks(${start}, ${end}) lists slot ${r[i]}, outside the range`
        if (i > 0 && r[i] <= r[i - 1]) return `getBlocks(${start}, ${end}) lists slot ${r[i]} after ${r[i - 1]}`
      }
      return undefined
    })
    for (let confirmations = 0; ; confirmations++) {
      const slots = await ask()
      if (slots.length || confirmations === EMPTY_CONFIRMATIONS) return slots
    }
  }
  /**
   * A finalized block with full transactions in the `json` encoding (account keys and instruction data in base58);
   * null = skipped slot. The answer must be a block whose parent slot is below `slot` (an answer for a later slot has
   * a parent at or above it: refused and asked again). `listed`: getBlocks listed the slot, so a "skipped" answer is
   * wrong and is asked again (then RpcUnavailableError-like BadAnswerError, which the ingest loop retries).
   */
  async block(slot: number, o: { listed?: boolean } = {}): Promise<SolanaBlockJson | null> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.rpc.call<SolanaBlockJson | null>('getBlock', [slot, { ...FINALIZED, encoding: 'json', transactionDetails: 'full', maxSupportedTransactionVersion: 0, rewards: false }], (b) =>
          b == null ? (o.listed ? `slot ${slot}: no block, but getBlocks lists one` : undefined)
            : typeof b !== 'object' || !Number.isSafeInteger(b.parentSlot) || typeof b.blockhash !== 'string' || !Array.isArray(b.transactions) ? `slot ${slot}: not a block`
              : b.parentSlot >= slot ? `slot ${slot}: answered with a block whose parent slot is ${b.parentSlot} (a block of a later slot)` : undefined)
      } catch (e) {
        if (!(e instanceof SolanaRpcError && e.code != null && SKIPPED_SLOT_CODES.has(e.code))) throw e
        if (!o.listed) return null
        // the node's "skipped" for a slot it listed: an answer for another slot (or a node behind); ask again a few times
        if (attempt >= 3) throw new BadAnswerError(`getBlock(${slot}): answered skipped (${e.message}), but getBlocks lists the slot`)
        await new Promise((r) => setTimeout(r, 250 * 2 ** attempt))
      }
    }
  }
}

/** Further answers asked for before an empty list of blocks or events is taken as the truth. */
export const EMPTY_CONFIRMATIONS = 2
