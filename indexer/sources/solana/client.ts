/**
 * Solana JSON-RPC client: the methods the Solana source calls (getSlot, getBlocks, getBlock, getGenesisHash,
 * getFirstAvailableBlock), all at commitment `finalized`, over HTTP POST, with per-request timeouts, retries with
 * exponential backoff (p-retry) and an optional rate limit (RPC_RATE_LIMIT). Works against a Solana RPC node and
 * the devnet's Solana-compatible server alike.
 */
import { componentLogger } from '../../../common/logger'
import { JsonRpcHttp } from '../jsonrpc'
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
  /** slots of [start, end] that have a finalized block (a node allows at most 500,000 slots per call) */
  blocks(start: number, end: number) {
    return this.call<number[]>('getBlocks', [start, end, FINALIZED])
  }
  /** a finalized block with full transactions in the `json` encoding (account keys and instruction data in base58); null = skipped slot */
  async block(slot: number): Promise<SolanaBlockJson | null> {
    try {
      return await this.call<SolanaBlockJson | null>('getBlock', [slot, { ...FINALIZED, encoding: 'json', transactionDetails: 'full', maxSupportedTransactionVersion: 0, rewards: false }])
    } catch (e) {
      if (e instanceof SolanaRpcError && e.code != null && SKIPPED_SLOT_CODES.has(e.code)) return null
      throw e
    }
  }
}
