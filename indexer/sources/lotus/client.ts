/**
 * Lotus JSON-RPC client (JSON-RPC 2.0 over HTTP POST at /rpc/v1; only the methods the source calls), with an
 * optional bearer token (RPC_FILECOIN_TOKEN), per-request timeouts, retries with exponential backoff (p-retry) and
 * an optional rate limit. Works against a Lotus (or Forest, Glif) node and the devnet's Lotus-compatible server.
 */
import { componentLogger } from '../../../common/logger'
import type { ActorEventBlockJson, ActorEventJson, MarketDealJson, TipSetJson } from './decode'
import { JsonRpcHttp } from '../jsonrpc'

const log = componentLogger('lotus')

export class LotusRpcError extends Error {
  constructor(message: string, readonly code?: number) {
    super(message)
    this.name = 'LotusRpcError'
  }
}

export interface LotusClientOptions {
  token?: string
  retries?: number
  timeoutMs?: number
  /** max requests per second (RPC_RATE_LIMIT) */
  rateLimit?: number
}

/** A tipset key as Lotus takes it in parameters: the list of block CIDs (empty = the head). */
export type TipSetKey = { '/': string }[]

export class LotusClient {
  private readonly rpc: JsonRpcHttp
  constructor(readonly url: string, opts: LotusClientOptions = {}) {
    this.rpc = new JsonRpcHttp(url, {
      name: 'Lotus', log, error: (m, code) => new LotusRpcError(m, code), timeoutMs: 60_000,
      retry: { retries: 5, minTimeout: 500, maxTimeout: 10_000 },
      headers: opts.token ? { authorization: `Bearer ${opts.token}` } : {},
      httpStatus: (status, label) =>
        status === 401 || status === 403 ? new LotusRpcError(`${label}: HTTP ${status} (check RPC_FILECOIN_TOKEN)`)
          : status < 200 || status >= 300 ? 'retry' : undefined,
      // an error answer is the node's verdict (method unknown, deal not found): not retried
      rpcError: (method, _params, e) => ({ error: new LotusRpcError(`${method}: ${e.message}`, e.code), retry: false }),
      requireResult: false,
    }, opts)
  }

  call<T>(method: string, params: unknown[]): Promise<T> {
    return this.rpc.call<T>(method, params)
  }

  chainHead() {
    return this.call<TipSetJson>('Filecoin.ChainHead', [])
  }
  /** the tipset at `height`, or the last one before it when `height` is a null round */
  tipSetByHeight(height: number) {
    return this.call<TipSetJson>('Filecoin.ChainGetTipSetByHeight', [height, []])
  }
  /** the tipset at `height`, or the first one after it when `height` is a null round */
  tipSetAfterHeight(height: number) {
    return this.call<TipSetJson>('Filecoin.ChainGetTipSetAfterHeight', [height, []])
  }
  networkName() {
    return this.call<string>('Filecoin.StateNetworkName', [[]])
  }
  actorEventsRaw(filter: { fromHeight: number; toHeight: number; addresses?: string[]; fields?: Record<string, ActorEventBlockJson[]> }) {
    return this.call<ActorEventJson[] | null>('Filecoin.GetActorEventsRaw', [filter])
  }
  marketStorageDeal(dealId: number, tsk: TipSetKey) {
    return this.call<MarketDealJson>('Filecoin.StateMarketStorageDeal', [dealId, tsk])
  }
  /** network totals: an undefined miner address (Lotus "<empty>") returns only TotalPower */
  minerPower(miner: string, tsk: TipSetKey) {
    return this.call<{ MinerPower: { RawBytePower: string; QualityAdjPower: string }; TotalPower: { RawBytePower: string; QualityAdjPower: string }; HasMinPower: boolean }>('Filecoin.StateMinerPower', [miner, tsk])
  }
  circulatingSupplyInternal(tsk: TipSetKey) {
    return this.call<Record<'FilVested' | 'FilMined' | 'FilBurnt' | 'FilLocked' | 'FilCirculating' | 'FilReserveDisbursed', string>>('Filecoin.StateVMCirculatingSupplyInternal', [tsk])
  }
  readState(actor: string, tsk: TipSetKey) {
    return this.call<{ Balance: string; State: Record<string, any> }>('Filecoin.StateReadState', [actor, tsk])
  }
}
