/**
 * JSON-RPC 2.0 over HTTP POST for the non-EVM sources (Lotus, CometBFT, Solana): request ids, the RPC_RATE_LIMIT
 * spacing (Throttle), per-request timeouts and retries with exponential backoff (p-retry). What an answer means
 * (which HTTP statuses and error codes pass with time, what an error says) is the node's own: each client gives a
 * policy.
 */
import pRetry, { AbortError } from 'p-retry'
import type { Logger } from 'pino'
import { Throttle } from './throttle'

export interface JsonRpcErrorBody {
  code: number
  message: string
  data?: string
}

export interface JsonRpcPolicy {
  /** the node's name in log lines ("Lotus", "CometBFT", "Solana") */
  name: string
  log: Logger
  /** the client's error class (callers test `instanceof` and `code`) */
  error: (message: string, code?: number) => Error
  /** default timeout per request, ms */
  timeoutMs: number
  retry: { retries: number; minTimeout: number; maxTimeout: number; randomize?: boolean }
  headers?: Record<string, string>
  /**
   * An HTTP status before the body is read: `retry` (e.g. 429, 5xx), an Error that ends the call (e.g. 401 with a
   * hint), or undefined to read the body.
   */
  httpStatus(status: number, label: string): 'retry' | Error | undefined
  /** An error answer: the error to raise and whether time may cure it (retried) or it is the node's verdict. */
  rpcError(method: string, params: unknown, e: JsonRpcErrorBody): { error: Error; retry: boolean }
  /** An answer without `result` is retried (true) or returned as undefined (false). */
  requireResult: boolean
}

export interface JsonRpcOptions {
  retries?: number
  timeoutMs?: number
  /** max requests per second (RPC_RATE_LIMIT) */
  rateLimit?: number
}

export class JsonRpcHttp {
  private id = 0
  private readonly throttle: Throttle
  constructor(readonly url: string, private readonly policy: JsonRpcPolicy, private readonly opts: JsonRpcOptions = {}) {
    this.throttle = new Throttle(opts.rateLimit)
  }

  /** One call; retried as the policy says. */
  call<T>(method: string, params: unknown): Promise<T> {
    return this.request(method, () => ({ jsonrpc: '2.0', id: ++this.id, method, params }), { method }, (body) => {
      const b = body as { result?: T; error?: JsonRpcErrorBody } | null
      if (!b || typeof b !== 'object' || Array.isArray(b)) throw this.policy.error(`${method}: the body is not a JSON-RPC answer`)
      if (b.error) {
        const { error, retry } = this.policy.rpcError(method, params, b.error)
        throw retry ? error : new AbortError(error)
      }
      if (b.result === undefined && this.policy.requireResult) throw this.policy.error(`${method}: no result`)
      return b.result as T
    })
  }

  /**
   * Several calls in one JSON-RPC batch, retried as a whole. Results in request order; an error in any element
   * fails the attempt (and is retried).
   */
  batch<T>(calls: { method: string; params: unknown }[]): Promise<T[]> {
    let first = 0
    return this.request('batch', () => {
      first = this.id + 1
      return calls.map((c) => ({ jsonrpc: '2.0', id: ++this.id, method: c.method, params: c.params }))
    }, { calls: calls.length }, (body) => {
      if (!Array.isArray(body)) throw this.policy.error('batch: not a JSON array')
      const byId = new Map((body as { id: number; result?: T; error?: JsonRpcErrorBody }[]).map((x) => [Number(x.id), x]))
      return calls.map((c, i) => {
        const x = byId.get(first + i)
        if (!x) throw this.policy.error(`batch: no answer for ${c.method}`)
        if (x.error) throw this.policy.rpcError(c.method, c.params, x.error).error
        return x.result as T
      })
    })
  }

  /** POST `body()` (built per attempt: fresh ids), read the JSON answer with `read`, under the retry policy. */
  private request<R>(label: string, body: () => unknown, logFields: Record<string, unknown>, read: (json: unknown) => R): Promise<R> {
    const p = this.policy
    return pRetry(
      async () => {
        await this.throttle.wait()
        const res = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...p.headers },
          body: JSON.stringify(body()),
          signal: AbortSignal.timeout(this.opts.timeoutMs ?? p.timeoutMs),
        })
        const verdict = p.httpStatus(res.status, label)
        if (verdict === 'retry') throw p.error(`${label}: HTTP ${res.status}`)
        if (verdict) throw new AbortError(verdict)
        const json = await res.json().catch(() => undefined)
        if (json === undefined) throw p.error(`${label}: HTTP ${res.status}, body is not JSON`)
        return read(json)
      },
      {
        retries: this.opts.retries ?? p.retry.retries, minTimeout: p.retry.minTimeout, maxTimeout: p.retry.maxTimeout, factor: 2, randomize: p.retry.randomize ?? false,
        onFailedAttempt: (e) => {
          if (e.retriesLeft > 0) p.log.warn({ ...logFields, attempt: e.attemptNumber, retriesLeft: e.retriesLeft, err: e.message }, `${p.name} RPC request failed; retrying`)
        },
      },
    )
  }
}
