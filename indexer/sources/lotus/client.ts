/**
 * Lotus JSON-RPC client (JSON-RPC 2.0 over HTTP POST at /rpc/v1; only the methods the source calls), with an
 * optional bearer token (RPC_FILECOIN_TOKEN), per-request timeouts, retries with exponential backoff (p-retry) and
 * an optional rate limit. Works against a Lotus (or Forest, Glif) node and the devnet's Lotus-compatible server.
 */
import pRetry, { AbortError } from 'p-retry'
import { componentLogger } from '../../../common/logger'
import type { ActorEventJson, MarketDealJson, TipSetJson } from './decode'
import { Throttle } from '../throttle'

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
  private id = 0
  private readonly throttle: Throttle
  constructor(readonly url: string, private readonly opts: LotusClientOptions = {}) {
    this.throttle = new Throttle(opts.rateLimit)
  }

  async call<T>(method: string, params: unknown[]): Promise<T> {
    return pRetry(
      async () => {
        await this.throttle.wait()
        const res = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(this.opts.token ? { authorization: `Bearer ${this.opts.token}` } : {}) },
          body: JSON.stringify({ jsonrpc: '2.0', id: ++this.id, method, params }),
          signal: AbortSignal.timeout(this.opts.timeoutMs ?? 60_000),
        })
        if (res.status === 401 || res.status === 403) throw new AbortError(new LotusRpcError(`${method}: HTTP ${res.status} (check RPC_FILECOIN_TOKEN)`))
        if (!res.ok) throw new LotusRpcError(`${method}: HTTP ${res.status}`)
        const body = (await res.json()) as { result?: T; error?: { code: number; message: string } }
        if (body.error) {
          // an error answer is the node's verdict (method unknown, deal not found): not retried
          throw new AbortError(new LotusRpcError(`${method}: ${body.error.message}`, body.error.code))
        }
        return body.result as T
      },
      {
        retries: this.opts.retries ?? 5, minTimeout: 500, maxTimeout: 10_000,
        onFailedAttempt: (e) => log.warn({ method, attempt: e.attemptNumber, left: e.retriesLeft, err: e.message }, 'Lotus RPC request failed; retrying'),
      },
    )
  }

  chainHead() {
    return this.call<TipSetJson>('Filecoin.ChainHead', [])
  }
  /** the tipset at `height`, or the last one before it when `height` is a null round */
  tipSetByHeight(height: number) {
    return this.call<TipSetJson>('Filecoin.ChainGetTipSetByHeight', [height, []])
  }
  networkName() {
    return this.call<string>('Filecoin.StateNetworkName', [[]])
  }
  actorEventsRaw(filter: { fromHeight: number; toHeight: number; addresses?: string[]; fields?: Record<string, { Codec: number; Value: string }[]> }) {
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
