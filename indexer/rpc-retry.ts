/**
 * Which RPC failures are retried. Subsquid's rpc-client retries connection errors, timeouts and HTTP 429/502/503/504
 * with backoff (and the processor retries forever), but treats HTTP 500 and an unreadable response (truncated or
 * invalid JSON, a reply that is not JSON-RPC) as fatal: the processor exits. Behind load balancers and rate-limited
 * providers these are transient, so they are retried with the same backoff. Errors the node answers in JSON-RPC
 * (e.g. "invalid params") are not retried. Installed once per indexer process (indexer/main.ts).
 */
import { RpcClient, RpcProtocolError } from '@subsquid/rpc-client'
import { componentLogger } from '../common/logger'

const log = componentLogger('rpc')

export function isTransientRpcFailure(err: unknown): boolean {
  if (err instanceof RpcProtocolError || err instanceof SyntaxError) return true
  const status = (err as { response?: { status?: unknown } })?.response?.status
  if (typeof status === 'number' && status >= 500) return true
  const msg = String((err as Error)?.message ?? '')
  return /Unexpected end of JSON|Unexpected token|is not valid JSON|socket hang up|ECONNRESET|terminated/i.test(msg)
}

let installed = false
export function retryTransientRpcFailures(): void {
  if (installed) return
  installed = true
  const proto = RpcClient.prototype as unknown as { isConnectionError(err: unknown): boolean }
  const stock = proto.isConnectionError
  proto.isConnectionError = function (this: unknown, err: unknown) {
    if (stock.call(this, err)) return true
    if (!isTransientRpcFailure(err)) return false
    log.warn({ err: (err as Error)?.message?.slice(0, 200) }, 'transient RPC failure, retrying with backoff')
    return true
  }
}
