/**
 * Response cache of /graphql (a graphql-yoga plugin): the result of a query is computed once per data version
 * (api/data-version.ts) and served from memory until the data changes, so the dashboard's requests (the overview's
 * `marketSeries`, the network page) cost a lookup instead of deriving metrics, executing and serialising again.
 *
 * - Key: the document, operation name and variables, the data version and the UTC day (a view without data ends today).
 * - Never stale beyond the version's reuse (API_CACHE_VERSION_MS): a request reads the version (one query, shared
 *   by every request within that time) before it looks up its answer.
 * - Documents with live figures (indexerStatus, squidStatus, _meta: chain heads, lag, lag in seconds) are refreshed
 *   after VOLATILE_TTL_MS, the time the API already keeps a chain head (api/heads.ts): the request that finds the
 *   answer older gets it while the refresh runs (same data version: only the live figures move), so no request
 *   waits for it; the live figures are at most VOLATILE_TTL_MS plus one computation old.
 * - Single-flight: concurrent identical requests share one computation (lru-cache's fetch).
 * - Bounded: an LRU of at most API_CACHE_MAX_MB (sizes from the serialised answers); answers above an eighth of it
 *   are not kept.
 * - Only queries whose answer has no error are kept (a bad argument is answered again, and counted again, each time);
 *   mutations, subscriptions and documents that do not parse pass through.
 */
import { createHash } from 'node:crypto'
import { getOperationAST, parse, visit, type ExecutionResult } from 'graphql'
import type { Plugin } from 'graphql-yoga'
import { LRUCache } from 'lru-cache'
import { componentLogger } from '../common/logger'
import type { DataVersion } from './data-version'
import type { ApiMetrics } from './observability'

const log = componentLogger('response-cache')

/** Root fields whose answer moves without a data change (chain heads, lag): kept at most this long. */
export const VOLATILE_FIELDS = new Set(['indexerStatus', 'squidStatus', '_meta'])
export const VOLATILE_TTL_MS = 1000
/** Answers of stable documents leave the cache after this long without a hit (an old version's answers sooner, by LRU). */
const STABLE_TTL_MS = 10 * 60_000
const DAY_MS = 86_400_000

type Kind = 'pass' | 'stable' | 'volatile'

interface Entry {
  result: ExecutionResult
  bytes: number
  cacheable: boolean
  /** the data version the answer was computed at */
  version: string
}

interface Compute {
  run: () => Promise<unknown>
  volatile: boolean
  version: string
}

const isAsyncIterable = (x: unknown): boolean => x != null && typeof (x as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'

/** What a document is to the cache: a query (stable or with live fields) or something to pass through. */
function classify(query: string, operationName: string | undefined): Kind {
  let doc
  try {
    doc = parse(query)
  } catch {
    return 'pass' // GraphQL answers the syntax error
  }
  const op = getOperationAST(doc, operationName)
  if (!op || op.operation !== 'query') return 'pass'
  let volatile = false
  visit(doc, {
    Field(node) {
      if (VOLATILE_FIELDS.has(node.name.value)) volatile = true
    },
  })
  return volatile ? 'volatile' : 'stable'
}

export interface ResponseCache {
  plugin: Plugin
  /** drops every answer (the next request of each document computes it: a "cold" request) */
  clear(): void
  readonly entries: number
  readonly bytes: number
}

export function createResponseCache(opts: { version: DataVersion; maxBytes: number; metrics: ApiMetrics }): ResponseCache {
  const kinds = new LRUCache<string, Kind>({ maxSize: 5_000_000, sizeCalculation: (_v, k) => Math.max(1, k.length) })
  const cache = new LRUCache<string, Entry, Compute>({
    maxSize: opts.maxBytes,
    maxEntrySize: Math.max(1, Math.floor(opts.maxBytes / 8)),
    sizeCalculation: (e) => Math.max(1, e.bytes),
    ttl: STABLE_TTL_MS,
    // an answer past its time is served while it is computed again (the key holds the data version: only live
    // figures or nothing have moved); a failed refresh drops it
    allowStale: true,
    fetchMethod: async (_key, _stale, { context, options }) => {
      opts.metrics.cacheMisses.inc()
      const result = await context.run()
      if (isAsyncIterable(result)) return { result: result as ExecutionResult, bytes: 1, cacheable: false, version: context.version }
      const r = result as ExecutionResult
      const cacheable = !r.errors?.length
      if (context.volatile) options.ttl = VOLATILE_TTL_MS
      return { result: r, bytes: cacheable ? JSON.stringify(r).length : 1, cacheable, version: context.version }
    },
  })
  opts.metrics.observeCache(() => ({ entries: cache.size, bytes: cache.calculatedSize }))

  /** the newest data version seen: entries of other versions are dropped when it moves */
  let current: string | undefined
  const plugin: Plugin = {
    async onParams({ params, paramsHandler, setParamsHandler }) {
      // not a document (graphql-http's audit sends numbers and objects): yoga answers 400 without the cache
      if (typeof params.query !== 'string' || !params.query) return
      let kind = kinds.get(params.query)
      if (kind == null) kinds.set(params.query, (kind = classify(params.query, params.operationName ?? undefined)))
      if (kind === 'pass') return
      let version: string
      try {
        version = await opts.version.current()
      } catch (e) {
        // the query itself reports the database error; nothing is cached without a version
        log.warn({ err: e }, 'cannot read the data version; answering without the cache')
        opts.metrics.cacheBypassed.inc()
        return
      }
      if (version !== current) {
        // answers of an older data version are never asked for again (the version is in the key): drop them now
        // rather than when the size bound evicts them (while indexers ingest the version moves every 250 ms, and the
        // dead answers grew the API's memory for minutes up to the bound in a soak)
        current = version
        const dead: string[] = []
        for (const [k, e] of cache.entries()) if (e.version !== version) dead.push(k)
        for (const k of dead) cache.delete(k)
        if (dead.length) opts.metrics.cacheSwept.inc(dead.length)
      }
      const key = createHash('sha1')
        .update(JSON.stringify([version, Math.floor(Date.now() / DAY_MS), params.query, params.operationName ?? null, params.variables ?? null]))
        .digest('base64url')
      const volatile = kind === 'volatile'
      setParamsHandler(async (payload) => {
        const status: LRUCache.Status<string, Entry, Compute> = {}
        const entry = (await cache.fetch(key, { context: { run: async () => paramsHandler(payload), volatile, version }, status }))!
        // (a computation's own request is counted as a miss in fetchMethod)
        if (status.returnedStale) opts.metrics.cacheHits.inc({ source: 'stale' })
        else if (status.fetch === 'hit') opts.metrics.cacheHits.inc({ source: 'cache' })
        else if (status.fetch === 'inflight') opts.metrics.cacheHits.inc({ source: 'in_flight' })
        if (!entry.cacheable && cache.peek(key) === entry) cache.delete(key)
        return entry.result
      })
    },
  }
  return {
    plugin,
    clear: () => cache.clear(),
    get entries() {
      return cache.size
    },
    get bytes() {
      return cache.calculatedSize
    },
  }
}
