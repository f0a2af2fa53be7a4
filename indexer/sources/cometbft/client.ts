/**
 * CometBFT JSON-RPC client (the subset an indexer needs: /status, /block, /block_results, /abci_query), over HTTP
 * POST JSON-RPC, with per-request timeouts and retries with exponential backoff (p-retry). Works against a real
 * node (port 26657) and the devnet's Akash-compatible server alike. /blockchain (block metas with num_txs) is not
 * used: an empty block still has results to read (x/mint's provision, governance and burn events in begin / end
 * block events), so no height can be skipped by its transaction count, and /block gives the header and the
 * transactions in the same batch.
 */
import { componentLogger } from '../../../common/logger'
import { JsonRpcHttp } from '../jsonrpc'

const log = componentLogger('cometbft')

export interface CometStatus {
  chainId: string
  latestHeight: number
  earliestHeight: number
}

/** /block result: the parts the source uses (CometBFT 0.34-0.38 share them). */
export interface CometBlock {
  block_id: { hash: string }
  block: { header: { chain_id: string; height: string; time: string }; data: { txs: string[] | null } }
}

/** An ABCI event: attribute keys and values base64 (Tendermint 0.34) or plain strings (CometBFT 0.37 / 0.38); a 0.34 value may be null. */
export interface CometEventJson {
  type: string
  attributes: { key: string; value: string | null; index?: boolean }[] | null
}

/** /block_results result: Tendermint 0.34 / CometBFT 0.37 (begin/end_block_events) or 0.38 (finalize_block_events). */
export interface CometBlockResults {
  height: string
  txs_results: { code: number; events: CometEventJson[] | null; log?: string }[] | null
  begin_block_events?: CometEventJson[] | null
  end_block_events?: CometEventJson[] | null
  finalize_block_events?: CometEventJson[] | null
}

export interface AbciQueryResult {
  code: number
  log: string
  value: Uint8Array
  height: number
}

export interface ClientOptions {
  /** attempts per request before giving up (RpcUnavailableError; the ingest loop waits and asks again) */
  retries?: number
  timeoutMs?: number
  /** max requests per second (RPC_RATE_LIMIT) */
  rateLimit?: number
}

export class RpcError extends Error {
  constructor(message: string, readonly code?: number) {
    super(message)
    this.name = 'RpcError'
  }
}

export class CometbftClient {
  private readonly rpc: JsonRpcHttp
  constructor(readonly url: string, opts: ClientOptions = {}) {
    this.rpc = new JsonRpcHttp(url, {
      name: 'CometBFT', log, error: (m, code) => new RpcError(m, code), timeoutMs: 30_000,
      retry: { retries: 8, minTimeout: 250, maxTimeout: 15_000, randomize: true },
      httpStatus: (status) => (status >= 500 || status === 429 ? 'retry' : undefined),
      rpcError: (method, params, e) => ({
        error: new RpcError(`${method}(${JSON.stringify(params)}): ${e.message}${e.data ? ` (${e.data})` : ''}`, e.code),
        // a height the node does not have (pruned, or not yet produced) will not appear by retrying quickly
        retry: !/must be less than or equal|lowest height|is not available/i.test(`${e.data ?? ''} ${e.message}`),
      }),
      requireResult: true,
    }, opts)
  }

  call<T>(method: string, params: Record<string, string> = {}): Promise<T> {
    return this.rpc.call<T>(method, params)
  }

  /**
   * Several calls in one JSON-RPC batch (CometBFT answers batches; nodes cap them with rpc.max_request_batch_size,
   * 10 by default), retried as a whole. Results in request order; an error in any element fails the batch.
   */
  batch<T>(calls: { method: string; params: Record<string, string> }[]): Promise<T[]> {
    return this.rpc.batch<T>(calls)
  }

  /** block + block_results of consecutive heights, in batches of `perRequest` heights (2 calls each). */
  async blocksWithResults(heights: number[], perRequest = 5): Promise<{ block: CometBlock; results: CometBlockResults }[]> {
    const out: { block: CometBlock; results: CometBlockResults }[] = []
    for (let i = 0; i < heights.length; i += perRequest) {
      const hs = heights.slice(i, i + perRequest)
      // each answer must be for the height asked, and a block's results must have one entry per transaction: another
      // answer is refused and the batch asked again
      const r = await this.rpc.batch<any>(hs.flatMap((h) => [{ method: 'block', params: { height: String(h) } }, { method: 'block_results', params: { height: String(h) } }]), (r) => {
        for (let k = 0; k < hs.length; k++) {
          const [b, res] = [r[2 * k] as CometBlock, r[2 * k + 1] as CometBlockResults]
          if (Number(b?.block?.header?.height) !== hs[k]) return `block ${hs[k]}: answered with height ${b?.block?.header?.height}`
          if (Number(res?.height) !== hs[k]) return `block_results ${hs[k]}: answered with height ${res?.height}`
          const txs = b.block.data?.txs?.length ?? 0
          if ((res.txs_results?.length ?? 0) !== txs) return `block ${hs[k]}: ${txs} transactions but ${res.txs_results?.length ?? 0} results`
        }
        return undefined
      })
      for (let k = 0; k < hs.length; k++) out.push({ block: r[2 * k], results: r[2 * k + 1] })
    }
    return out
  }

  /**
   * ABCI query of the application state at `height` (gRPC query path, e.g. `/akash.take.v1.Query/Params`, and the
   * protobuf request bytes). Returns the response code (0 = answered; e.g. 6 unknown query path, or the state at
   * that height is pruned) and the protobuf response bytes.
   */
  async abciQuery(path: string, data: Uint8Array, height?: number): Promise<AbciQueryResult> {
    const params: Record<string, string> = { path, data: Buffer.from(data).toString('hex') }
    if (height != null) params.height = String(height)
    const r = await this.call<{ response: { code?: number; log?: string; value?: string | null; height?: string; codespace?: string } }>('abci_query', params)
    const res = r.response ?? {}
    return { code: res.code ?? 0, log: res.log ?? '', value: new Uint8Array(Buffer.from(res.value ?? '', 'base64')), height: Number(res.height ?? height ?? 0) }
  }

  async status(): Promise<CometStatus> {
    const r = await this.call<{ node_info: { network: string }; sync_info: { latest_block_height: string; earliest_block_height?: string } }>('status')
    return {
      chainId: r.node_info.network,
      latestHeight: Number(r.sync_info.latest_block_height),
      earliestHeight: Number(r.sync_info.earliest_block_height ?? 1) || 1,
    }
  }

  block(height: number) {
    return this.rpc.call<CometBlock>('block', { height: String(height) }, (b) => (Number(b?.block?.header?.height) !== height ? `block ${height}: answered with height ${b?.block?.header?.height}` : undefined))
  }

  blockResults(height: number) {
    return this.rpc.call<CometBlockResults>('block_results', { height: String(height) }, (r) => (Number(r?.height) !== height ? `block_results ${height}: answered with height ${r?.height}` : undefined))
  }

}
