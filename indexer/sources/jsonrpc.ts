/**
 * JSON-RPC 2.0 over HTTP POST for the non-EVM sources (Lotus, CometBFT, Solana): request ids, the RPC_RATE_LIMIT
 * spacing (Throttle), per-request timeouts and retries with exponential backoff (p-retry), a Retry-After header
 * honoured before the next attempt, and answer checks (a result for another height or slot is refused and asked
 * again). What an answer means (which HTTP statuses and error codes pass with time, what an error says) is the
 * node's own: each client gives a policy. When the retries run out on an error that time may cure, the call fails
 * with RpcUnavailableError, which the ingest loop (indexer/sources/ingest.ts) retries without bound; an error the
 * node gave as its verdict fails with the client's own error class, at once.
 */
import pRetry, { AbortError } from 'p-retry'
import type { Logger } from 'pino'
import { Throttle } from './throttle'

/** Longest Retry-After honoured as asked; a longer one waits this long (the ingest loop asks again afterwards). */
export const MAX_RETRY_AFTER_MS = 300_000

/** The node did not answer usably within the client's retries (transport errors, 429/5xx, bad or wrong answers): time may cure it. */
export class RpcUnavailableError extends Error {
  constructor(readonly node: string, readonly label: string, readonly attempts: number, options: { cause: unknown }) {
    super(`${node} RPC ${label}: no usable answer after ${attempts} attempts: ${(options.cause as Error)?.message ?? options.cause}`, options)
    this.name = 'RpcUnavailableError'
  }
}

/** The RPC serves another chain than the one configured (a final error: the process stops and says which). */
export class WrongChainError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'WrongChainError'
  }
}

/** An answer that cannot be for the request (another height or slot, a missing part): retried like a transport error. */
export class BadAnswerError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'BadAnswerError'
  }
}

/** True for errors that time may cure (the ingest loop waits and asks again): RpcUnavailableError, BadAnswerError. */
export function isTransientRpcError(e: unknown): boolean {
  return e instanceof RpcUnavailableError || e instanceof BadAnswerError
}

/** Milliseconds a Retry-After header asks for (delay-seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (header == null || header.trim() === '') return undefined
  const v = header.trim()
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(Number(v) * 1000)
  const at = Date.parse(v)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/** an attempt's error with the wait the server asked for */
class RetryAfterError extends Error {
  constructor(message: string, readonly waitMs: number) {
    super(message)
  }
}

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

const FINAL = Symbol('final')
/** marks an error the node gave as its verdict (not retried, not transient) */
function markFinal(e: Error): Error {
  return Object.assign(e, { [FINAL]: true })
}

export class JsonRpcHttp {
  private id = 0
  private readonly throttle: Throttle
  constructor(readonly url: string, private readonly policy: JsonRpcPolicy, private readonly opts: JsonRpcOptions = {}) {
    this.throttle = new Throttle(opts.rateLimit)
  }

  /**
   * One call; retried as the policy says. `check` looks at the result: a message (the answer is for another height,
   * a part is missing) refuses it and the call is asked again.
   */
  call<T>(method: string, params: unknown, check?: (result: T) => string | undefined): Promise<T> {
    return this.request(method, () => ({ jsonrpc: '2.0', id: ++this.id, method, params }), { method }, (body) => {
      const b = body as { result?: T; error?: JsonRpcErrorBody } | null
      if (!b || typeof b !== 'object' || Array.isArray(b)) throw this.policy.error(`${method}: the body is not a JSON-RPC answer`)
      if (b.error) {
        const { error, retry } = this.policy.rpcError(method, params, b.error)
        throw retry ? error : new AbortError(markFinal(error))
      }
      if (b.result === undefined && this.policy.requireResult) throw this.policy.error(`${method}: no result`)
      const problem = check?.(b.result as T)
      if (problem) throw new BadAnswerError(`${method}: ${problem}`)
      return b.result as T
    })
  }

  /**
   * Several calls in one JSON-RPC batch, retried as a whole. Results in request order; an error in any element
   * fails the attempt, retried as the policy says for that error (a verdict, e.g. a pruned height, is not).
   * `check` looks at all results together, as `call`'s does.
   */
  batch<T>(calls: { method: string; params: unknown }[], check?: (results: T[]) => string | undefined): Promise<T[]> {
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
        if (x.error) {
          const { error, retry } = this.policy.rpcError(c.method, c.params, x.error)
          throw retry ? error : new AbortError(markFinal(error))
        }
        if (x.result === undefined && this.policy.requireResult) throw this.policy.error(`${c.method}: no result`)
        return x.result as T
      })
    }, check)
  }

  /** POST `body()` (built per attempt: fresh ids), read the JSON answer with `read`, under the retry policy. */
  private async request<R>(label: string, body: () => unknown, logFields: Record<string, unknown>, read: (json: unknown) => R, check?: (r: R) => string | undefined): Promise<R> {
    const p = this.policy
    const retries = this.opts.retries ?? p.retry.retries
    let attempts = 0
    try {
      return await this.attempts(label, body, logFields, read, check, retries, () => attempts++)
    } catch (e) {
      // p-retry rejects with the AbortError's own error for a verdict (not retried): that one is final; any other
      // error was retried until the retries ran out
      if ((e as { [FINAL]?: boolean })[FINAL]) throw e
      throw new RpcUnavailableError(p.name, label, attempts, { cause: e })
    }
  }

  private attempts<R>(label: string, body: () => unknown, logFields: Record<string, unknown>, read: (json: unknown) => R, check: ((r: R) => string | undefined) | undefined, retries: number, count: () => void): Promise<R> {
    const p = this.policy
    return pRetry(
      async () => {
        count()
        await this.throttle.wait()
        const res = await fetch(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...p.headers },
          body: JSON.stringify(body()),
          signal: AbortSignal.timeout(this.opts.timeoutMs ?? p.timeoutMs),
        })
        const verdict = p.httpStatus(res.status, label)
        if (verdict === 'retry') {
          const wait = retryAfterMs(res.headers.get('retry-after'))
          await res.body?.cancel().catch(() => {})
          if (wait != null) throw new RetryAfterError(`${label}: HTTP ${res.status}, Retry-After ${res.headers.get('retry-after')}`, Math.min(wait, MAX_RETRY_AFTER_MS))
          throw p.error(`${label}: HTTP ${res.status}`)
        }
        if (verdict) throw new AbortError(markFinal(verdict))
        const json = await res.json().catch(() => undefined)
        if (json === undefined) throw p.error(`${label}: HTTP ${res.status}, body is not JSON`)
        const result = read(json)
        const problem = check?.(result)
        if (problem) throw new BadAnswerError(`${label}: ${problem}`)
        return result
      },
      {
        retries, minTimeout: p.retry.minTimeout, maxTimeout: p.retry.maxTimeout, factor: 2, randomize: p.retry.randomize ?? false,
        onFailedAttempt: async (e) => {
          if (e.retriesLeft <= 0) return
          const wait = e instanceof RetryAfterError ? e.waitMs : undefined
          p.log.warn({ ...logFields, attempt: e.attemptNumber, retriesLeft: e.retriesLeft, retryAfterMs: wait, err: e.message }, `${p.name} RPC request failed; retrying`)
          // the server said when to come back: wait that long before p-retry's own backoff
          if (wait) await new Promise((r) => setTimeout(r, wait))
        },
      },
    )
  }
}
