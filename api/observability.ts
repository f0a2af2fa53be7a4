/**
 * Operations endpoints: /metrics (Prometheus text format, prom-client) and /readyz (database reachable and
 * every chain's indexer within READY_MAX_LAG_BLOCKS of its head). Each server has its own registry.
 */
import type pg from 'pg'
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client'
import { chains, networks } from '../indexer/registry'
import type { HeadTracker } from './heads'

export interface ChainProgress {
  chain: string
  chainId: number
  height: number | null
  head: number | null
  lag: number | null
}

/** Indexed height (chain_cursor), RPC head and lag in blocks of every chain of the registry. */
export async function chainProgress(pool: pg.Pool, heads: HeadTracker): Promise<ChainProgress[]> {
  const rows = (await pool.query('SELECT id, height FROM chain_cursor')).rows
  const byId = new Map(rows.map((r) => [Number(r.id), Number(r.height)]))
  return Promise.all(chains.map(async (c) => {
    const height = byId.get(c.chainId) ?? null
    const rpcHead = await heads.head(c.chainId)
    const head = rpcHead != null && height != null ? Math.max(rpcHead, height) : rpcHead
    return { chain: c.id, chainId: c.chainId, height, head, lag: head != null && height != null ? head - height : null }
  }))
}

export class ApiMetrics {
  readonly registry = new Registry()
  readonly httpDuration = new Histogram({
    name: 'depin_http_request_duration_seconds', help: 'HTTP request duration by route, method and status',
    labelNames: ['route', 'method', 'status'] as const, buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [this.registry],
  })
  readonly graphqlErrors = new Counter({
    name: 'depin_graphql_errors_total', help: 'GraphQL errors returned, by error code (BAD_USER_INPUT, GRAPHQL_VALIDATION_FAILED, QUERY_TIMEOUT, ...)',
    labelNames: ['code'] as const, registers: [this.registry],
  })
  readonly rateLimited = new Counter({
    name: 'depin_http_rate_limited_total', help: 'requests refused with 429 by the per-IP rate limit or the export concurrency limit',
    labelNames: ['route'] as const, registers: [this.registry],
  })
  readonly exportBytes = new Counter({
    name: 'depin_export_bytes_total', help: 'bytes sent by exports', labelNames: ['dataset', 'format'] as const, registers: [this.registry],
  })
  readonly exportRows = new Counter({
    name: 'depin_export_rows_total', help: 'rows sent by exports', labelNames: ['dataset', 'format'] as const, registers: [this.registry],
  })
  readonly exportsActive = new Gauge({ name: 'depin_exports_active', help: 'exports being streamed', registers: [this.registry] })
  readonly cacheHits = new Counter({
    name: 'depin_api_cache_hits_total', help: 'GraphQL queries answered by the response cache: from a kept answer (cache), by sharing an identical request\'s computation (in_flight), or from an answer being refreshed (stale: live lag figures past 1 s, same data version)',
    labelNames: ['source'] as const, registers: [this.registry],
  })
  readonly cacheMisses = new Counter({
    name: 'depin_api_cache_misses_total', help: 'answers the response cache computed (no answer for the document, variables, data version and day, or a refresh of live figures)', registers: [this.registry],
  })
  readonly cacheBypassed = new Counter({
    name: 'depin_api_cache_bypassed_total', help: 'cacheable GraphQL queries answered without the cache because the data version could not be read', registers: [this.registry],
  })
  readonly cacheSwept = new Counter({
    name: 'depin_api_cache_swept_total', help: 'kept answers dropped because the data version moved past them (they can no longer be asked for)', registers: [this.registry],
  })
  private cacheSize: () => { entries: number; bytes: number } = () => ({ entries: 0, bytes: 0 })
  /** where the cache gauges read their values (api/response-cache.ts) */
  observeCache(size: () => { entries: number; bytes: number }) {
    this.cacheSize = size
  }

  constructor(pool: pg.Pool, heads: HeadTracker, readOnlyRole: () => boolean | null) {
    const registers = [this.registry]
    // one chain_cursor query and one head per chain for a scrape, shared by the gauges (collected in parallel)
    let progress: { at: number; p: Promise<ChainProgress[] | null> } | undefined
    const scrape = () => {
      if (!progress || Date.now() - progress.at > 500) progress = { at: Date.now(), p: chainProgress(pool, heads).catch(() => null) }
      return progress.p
    }
    const perChain = (name: string, help: string, value: (c: ChainProgress) => number | null) =>
      new Gauge({
        name, help, labelNames: ['chain', 'chain_id'] as const, registers,
        async collect() {
          this.reset()
          for (const c of (await scrape()) ?? []) {
            const v = value(c)
            if (v != null) this.set({ chain: c.chain, chain_id: String(c.chainId) }, v)
          }
        },
      })
    perChain('depin_indexer_height', 'last block indexed per chain (chain_cursor)', (c) => c.height)
    perChain('depin_chain_head', 'chain head seen by the API (eth_blockNumber)', (c) => c.head)
    perChain('depin_indexer_lag_blocks', 'chain head minus indexed height, per chain', (c) => c.lag)
    const cacheSize = () => this.cacheSize()
    new Gauge({ name: 'depin_api_cache_entries', help: 'answers kept by the response cache', registers, collect() { this.set(cacheSize().entries) } })
    new Gauge({ name: 'depin_api_cache_bytes', help: 'size of the answers kept by the response cache (serialised JSON characters)', registers, collect() { this.set(cacheSize().bytes) } })
    new Gauge({
      name: 'depin_database_up', help: '1 when the API reached the database at the last scrape', registers,
      async collect() {
        this.set((await scrape()) ? 1 : 0)
      },
    })
    new Gauge({
      name: 'depin_quarantined_logs', help: 'logs quarantined (undecodable or not normalizable), per network and chain',
      labelNames: ['network', 'chain_id'] as const, registers,
      async collect() {
        this.reset()
        const r = await pool.query('SELECT network, chain_id, count(*)::int AS n FROM quarantined_log GROUP BY network, chain_id').catch(() => null)
        if (!r) return // database unreachable: no values rather than false zeros (depin_database_up says why)
        // every network of the registry is listed, with 0 when nothing is quarantined
        for (const n of networks) this.set({ network: n.id, chain_id: String(n.chain.chainId) }, 0)
        for (const row of r.rows) this.set({ network: row.network, chain_id: String(row.chain_id) }, row.n)
      },
    })
    new Gauge({
      name: 'depin_deep_reorgs', help: 'reorgs deeper than the finality depth detected and rolled back by the indexer, per chain (reorg_incident)',
      labelNames: ['chain', 'chain_id'] as const, registers,
      async collect() {
        this.reset()
        const r = await pool.query('SELECT chain_id, count(*)::int AS n FROM reorg_incident GROUP BY chain_id').catch(() => null)
        if (!r) return
        const counts = new Map(r.rows.map((x) => [Number(x.chain_id), x.n as number]))
        for (const c of chains) this.set({ chain: c.id, chain_id: String(c.chainId) }, counts.get(c.chainId) ?? 0)
      },
    })
    new Gauge({
      name: 'depin_api_db_role_read_only', help: '1 when the API connects with a role that cannot write (see README), 0 when it could',
      registers,
      collect() {
        const v = readOnlyRole()
        if (v != null) this.set(v ? 1 : 0)
      },
    })
    collectDefaultMetrics({ register: this.registry, prefix: 'depin_api_' })
  }
}

export interface Readiness {
  ready: boolean
  reason?: string
  database: 'ok' | 'unreachable'
  maxLagBlocks: number
  chains: (ChainProgress & { ok: boolean })[]
}

/** Ready when the database answers and every chain's indexer is within maxLag blocks of its head. */
export async function readiness(pool: pg.Pool, heads: HeadTracker, maxLag: number): Promise<Readiness> {
  let progress: ChainProgress[]
  try {
    progress = await chainProgress(pool, heads)
  } catch (e) {
    return { ready: false, reason: `database unreachable: ${(e as Error).message}`, database: 'unreachable', maxLagBlocks: maxLag, chains: [] }
  }
  const reasons: string[] = []
  const list = progress.map((c) => {
    let ok = true
    if (c.height == null) { ok = false; reasons.push(`${c.chain}: nothing indexed yet`) }
    else if (c.head == null) { ok = false; reasons.push(`${c.chain}: chain head unknown (RPC unreachable)`) }
    else if (c.lag! > maxLag) { ok = false; reasons.push(`${c.chain}: ${c.lag} blocks behind the head (max ${maxLag})`) }
    return { ...c, ok }
  })
  return { ready: reasons.length === 0, ...(reasons.length ? { reason: reasons.join('; ') } : {}), database: 'ok', maxLagBlocks: maxLag, chains: list }
}
