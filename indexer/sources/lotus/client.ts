/**
 * Lotus JSON-RPC client (JSON-RPC 2.0 over HTTP POST at /rpc/v1; only the methods the source calls), with an
 * optional bearer token (RPC_FILECOIN_TOKEN), per-request timeouts, retries with exponential backoff (p-retry) and
 * an optional rate limit. Works against a Lotus (or Forest, Glif) node and the devnet's Lotus-compatible server.
 */
import { componentLogger } from '../../../common/logger'
import type { ActorEventBlockJson, ActorEventJson, MarketDealJson, TipSetJson } from './decode'
import { JsonRpcHttp } from '../jsonrpc'

/** Further answers asked for before an empty list of events is taken as the truth. */
export const EMPTY_CONFIRMATIONS = 2

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
  /**
   * The tipset at `height`, or the last one before it when `height` is a null round: an answer above `height`, or
   * without blocks, is refused and asked again.
   */
  tipSetByHeight(height: number) {
    return this.rpc.call<TipSetJson>('Filecoin.ChainGetTipSetByHeight', [height, []], (ts) =>
      !ts || !Array.isArray(ts.Cids) || !ts.Cids.length || !Number.isSafeInteger(ts.Height) ? `height ${height}: not a tipset`
        : ts.Height > height ? `height ${height}: answered with the tipset of height ${ts.Height}` : undefined)
  }
  /** the tipset at `height`, or the first one after it when `height` is a null round (an answer below `height` is refused and asked again) */
  tipSetAfterHeight(height: number) {
    return this.rpc.call<TipSetJson>('Filecoin.ChainGetTipSetAfterHeight', [height, []], (ts) =>
      !ts || !Array.isArray(ts.Cids) || !ts.Cids.length || !Number.isSafeInteger(ts.Height) ? `height ${height}: not a tipset`
        : ts.Height < height ? `height ${height}: answered with the tipset of height ${ts.Height}` : undefined)
  }
  networkName() {
    return this.call<string>('Filecoin.StateNetworkName', [[]])
  }
  /**
   * The actor events of [fromHeight, toHeight]: an event outside the range is refused and asked again; an empty
   * answer (Lotus answers null for none) is asked twice more and taken only when the answers agree (a node whose
   * event index has not reached the range answers empty).
   */
  async actorEventsRaw(filter: { fromHeight: number; toHeight: number; addresses?: string[]; fields?: Record<string, ActorEventBlockJson[]> }): Promise<ActorEventJson[]> {
    const { fromHeight: from, toHeight: to } = filter
    for (let confirmations = 0; ; confirmations++) {
      const events = await this.rpc.call<ActorEventJson[] | null>('Filecoin.GetActorEventsRaw', [filter], (r) => {
        if (r != null && !Array.isArray(r)) return `heights ${from}-${to}: not a list of events`
        const outside = r?.find((e) => !(Number(e?.height) >= from && Number(e?.height) <= to))
        return outside ? `heights ${from}-${to}: answered with an event at height ${outside.height}` : undefined
      })
      if (events?.length || confirmations === EMPTY_CONFIRMATIONS) return events ?? []
    }
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
