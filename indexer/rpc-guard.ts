/**
 * Guards on the RPC client of the processor (Subsquid's rpc-client), installed once per indexer process:
 *
 * - retries: the client retries connection errors, timeouts and HTTP 429/502/503/504 with backoff (the processor
 *   forever), but treats HTTP 500 and an unreadable response (truncated or invalid JSON, a reply that is not JSON-RPC)
 *   as fatal, and the processor exits. Behind load balancers and rate-limited providers these are transient: they are
 *   retried with the same backoff. Errors the node answers in JSON-RPC (e.g. "invalid params") are not retried.
 * - answers: the processor's cold path trusts `eth_getBlockByNumber` to return the block asked for and `eth_getLogs`
 *   to return logs of the range asked for; a wrong answer would attach logs to the wrong block or skip a range.
 *   Such answers are rejected and the request is retried (an empty `eth_getLogs` for blocks whose logs bloom is not
 *   empty is caught by the processor itself, which refetches those blocks).
 */
import { RetryError, RpcClient, RpcProtocolError } from '@subsquid/rpc-client'
import { componentLogger } from '../common/logger'

const log = componentLogger('rpc')

export function isTransientRpcFailure(err: unknown): boolean {
  if (err instanceof RpcProtocolError || err instanceof SyntaxError) return true
  const status = (err as { response?: { status?: unknown } })?.response?.status
  if (typeof status === 'number' && status >= 500) return true
  const msg = String((err as Error)?.message ?? '')
  return /Unexpected end of JSON|Unexpected token|is not valid JSON|socket hang up|ECONNRESET/i.test(msg)
}

type Call = { method: string; params?: unknown[] }
const qty = (v: unknown) => (typeof v === 'string' && v.startsWith('0x') ? parseInt(v, 16) : NaN)

/** Throws RetryError when an answer does not match its request (the client then retries it with backoff). */
export function checkAnswer(call: Call, result: unknown): void {
  if (call.method === 'eth_getBlockByNumber' && result != null) {
    const asked = qty(call.params?.[0])
    const got = qty((result as { number?: unknown }).number)
    if (Number.isFinite(asked) && got !== asked) throw new RetryError(`eth_getBlockByNumber(${asked}) answered block ${got}`)
  }
  if (call.method === 'eth_getLogs' && Array.isArray(result)) {
    const f = (call.params?.[0] ?? {}) as { fromBlock?: unknown; toBlock?: unknown }
    const from = qty(f.fromBlock)
    const to = qty(f.toBlock)
    if (!Number.isFinite(from) || !Number.isFinite(to)) return
    for (const l of result as { blockNumber?: unknown }[]) {
      const n = qty(l.blockNumber)
      if (!(n >= from && n <= to)) throw new RetryError(`eth_getLogs(${from}..${to}) answered a log of block ${n}`)
    }
  }
}

let installed = false
export function guardRpcClient(): void {
  if (installed) return
  installed = true
  const proto = RpcClient.prototype as unknown as {
    isConnectionError(err: unknown): boolean
    call(method: string, params?: unknown[], options?: Options): Promise<unknown>
    batchCall(calls: Call[], options?: Options): Promise<unknown[]>
  }
  type Options = { validateResult?: (result: unknown, call: Call) => unknown; [k: string]: unknown }
  const stockIsConnectionError = proto.isConnectionError
  proto.isConnectionError = function (this: unknown, err: unknown) {
    if (stockIsConnectionError.call(this, err)) {
      if (err instanceof RetryError) log.warn({ err: err.message }, 'wrong RPC answer, retrying')
      return true
    }
    if (!isTransientRpcFailure(err)) return false
    log.warn({ err: (err as Error)?.message?.slice(0, 200) }, 'transient RPC failure, retrying with backoff')
    return true
  }
  const validated = (options?: Options): Options => ({
    ...options,
    validateResult: (result, call) => {
      checkAnswer(call, result)
      return options?.validateResult ? options.validateResult(result, call) : result
    },
  })
  const stockCall = proto.call
  proto.call = function (this: unknown, method, params, options) {
    return stockCall.call(this, method, params, validated(options))
  }
  const stockBatch = proto.batchCall
  proto.batchCall = function (this: unknown, calls, options) {
    return stockBatch.call(this, calls, validated(options))
  }
}
