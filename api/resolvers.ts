/** Resolvers: SQL over the indexer's tables (rollups for series, never a scan of raw events per request). */
import { GraphQLError, GraphQLScalarType, Kind, print, valueFromASTUntyped } from 'graphql'
import type pg from 'pg'
import { CHURN_DAYS, METHODOLOGY_VERSION, deriveCategoryMetrics, toDecimal } from '../indexer/metrics'
import { categories, chains, networkById, networks as registryNetworks, type NetworkDef } from '../indexer/registry'
import { entityModel, type Entity } from './entities/model'
import { entityResolvers, listRows, type ListArgs } from './entities/resolvers'
import { Params, quote, selectList, toNode } from './entities/sql'
import { leaderboard, metricSeries, payerConcentration, payerStats, providerStats, type GroupBy, type Window } from './analytics'
import { parseIsoDate } from './dates'
import { leasedHistory, leasedResources } from './leased'
import { declaredCapacity } from './declared'
import { marketSeries, type MarketSeriesArgs } from './market-series'
import { networkMetrics, networkMetricsRows, priceSource, providerCounts, window, type ProviderCounts } from './metrics'
import type { SeriesSource } from './series-memo'
import { dailyStats, healthAlerts, type AlertThresholds } from './subscriptions'
import type { SeriesInterval, SeriesMetric } from '../indexer/metrics'
import type { HeadTracker } from './heads'

export interface ApiContext {
  pool: pg.Pool
  heads: HeadTracker
  /** largest limit / first of any list (API_MAX_LIMIT) */
  maxLimit: number
  /** how often subscriptions read the database, ms (API_POLL_MS) */
  pollMs: number
  /** per-request memo (once()) */
  memo?: Map<string, Promise<unknown>>
  /** each network's derived series, kept per version of its chain and prices (api/series-memo.ts); networkMetrics without it */
  series?: SeriesSource
}

const seriesOf = (ctx: ApiContext, net: NetworkDef, interval: 'HOUR' | 'DAY') => (ctx.series ? ctx.series(net, interval) : networkMetrics(ctx.pool, net, interval))

/**
 * The same read once per request, however many aliases ask for it: the dashboard asks for each network's series
 * once per time slice (dashboard/src/api.ts), and each answer is a window of the same whole series.
 */
function once<T>(ctx: ApiContext, key: string, read: () => Promise<T>): Promise<T> {
  const memo = (ctx.memo ??= new Map())
  if (!memo.has(key)) memo.set(key, read())
  return memo.get(key) as Promise<T>
}

export const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })

function parseDate(v: unknown, arg: string): Date | null {
  if (v == null) return null
  const d = parseIsoDate(String(v))
  if (!d) throw badInput(`${arg}: not a valid ISO 8601 date: ${JSON.stringify(v)}`)
  return d
}

/** limit of a "latest N periods" series: 1..API_MAX_LIMIT, API_MAX_LIMIT when absent. */
function checkLimit(limit: number | null | undefined, maxLimit: number): number {
  if (limit == null) return maxLimit
  if (!Number.isInteger(limit) || limit < 1 || limit > maxLimit) throw badInput(`limit must be between 1 and ${maxLimit}, got ${limit}`)
  return limit
}

/** BigInt input: an integer, as a decimal string or number; anything else is a GraphQL error (never a crash). */
function parseBigInt(v: unknown): bigint {
  const s = typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? String(v).trim() : ''
  if (!/^-?\d+$/.test(s)) throw badInput(`BigInt: expected an integer as a decimal string, got ${JSON.stringify(v) ?? String(v)}`)
  return BigInt(s)
}

const model = entityModel()
const entity = (name: string): Entity => {
  const e = model.entities.find((x) => x.name === name)
  if (!e) throw new Error(`schema.graphql has no entity ${name}`)
  return e
}
const NetworkE = entity('Network')
const NetworkStatE = entity('NetworkStat')
const PricePointE = entity('PricePoint')

/** networkStats(network, interval, from, to) of the dashboard: the latest `limit` periods of one network, oldest first. */
async function networkSeries(args: ListArgs & { network: string; interval?: string | null; from?: string | null; to?: string | null }, ctx: ApiContext) {
  if (!networkById(args.network)) throw badInput(`unknown network "${args.network}"`)
  const limit = checkLimit(args.limit, ctx.maxLimit)
  const rows = await listRows(NetworkStatE, { where: args.where, orderBy: ['periodStart_DESC'], limit, offset: args.offset }, ctx, (p) =>
    `network = ${p.add(args.network, 'text')} AND interval = ${p.add(args.interval ?? 'DAY', 'text')}
     AND (${p.add(parseDate(args.from, 'from'), 'timestamptz')} IS NULL OR period_start >= $${p.values.length})
     AND (${p.add(parseDate(args.to, 'to'), 'timestamptz')} IS NULL OR period_start <= $${p.values.length})`)
  return rows.reverse()
}

/** Decimal amount of a NetworkStat row: base units / 10^decimals of the fee asset or the token. */
const decimalOf = (field: string, unit: 'fee' | 'token') => (s: Record<string, unknown>) => {
  const net = networkById(String(s.network))
  const d = unit === 'fee' ? net?.feeAsset.decimals : net?.token.decimals
  return toDecimal(BigInt(String(s[field])), d ?? 18)
}

export const resolvers = {
  BigInt: new GraphQLScalarType({
    name: 'BigInt',
    serialize: (v) => String(v),
    parseValue: parseBigInt,
    parseLiteral: (ast) => parseBigInt(ast.kind === Kind.STRING || ast.kind === Kind.INT ? ast.value : print(ast)),
  }),
  DateTime: new GraphQLScalarType({
    name: 'DateTime',
    serialize: (v) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString()),
    parseValue: (v) => v,
    parseLiteral: (ast) => (ast.kind === Kind.STRING ? ast.value : null),
  }),
  JSON: new GraphQLScalarType({
    name: 'JSON',
    serialize: (v) => v,
    parseValue: (v) => v,
    parseLiteral: (ast, vars) => valueFromASTUntyped(ast, vars),
  }),
  Subscription: {
    dailyStats: { subscribe: (_: unknown, args: { networks?: string[] | null }, ctx: ApiContext) => dailyStats(ctx, args) },
    healthAlerts: {
      subscribe: (_: unknown, args: AlertThresholds, ctx: ApiContext) => {
        for (const [k, v] of Object.entries(args)) if (!(v >= 0)) throw badInput(`${k} must be at least 0, got ${v}`)
        return healthAlerts(ctx, args)
      },
    },
  },
  NetworkStat: {
    fees: decimalOf('feesNative', 'fee'),
    rewards: decimalOf('rewardsNative', 'token'),
    protocolTake: decimalOf('protocolTakeNative', 'token'),
    minted: decimalOf('mintedNative', 'token'),
    burned: decimalOf('burnedNative', 'token'),
  },
  Query: {
    ...entityResolvers(model),
    /** OpenReader list plus the dashboard's `category` argument (primary or secondary category) */
    async networks(_: unknown, args: ListArgs & { category?: string | null }, ctx: ApiContext) {
      return listRows(NetworkE, args, ctx, args.category == null ? undefined : (p) => {
        const c = p.add(args.category, 'text')
        return `category = ${c} OR ${c} = ANY(categories)`
      })
    },
    /** OpenReader list; with `network` (and optionally interval, from, to) and no orderBy, the dashboard's series */
    async networkStats(_: unknown, args: ListArgs & { network?: string | null; interval?: string | null; from?: string | null; to?: string | null }, ctx: ApiContext) {
      if (args.network != null && !args.orderBy?.length) return networkSeries({ ...args, network: args.network }, ctx)
      if (args.network == null && (args.interval != null || args.from != null || args.to != null) && !args.orderBy?.length) {
        throw badInput('networkStats: interval, from and to need network (or use where: { interval_eq, periodStart_gte, periodStart_lte })')
      }
      return listRows(NetworkStatE, args, ctx, (p) => {
        const parts = ['TRUE']
        if (args.network != null) parts.push(`network = ${p.add(args.network, 'text')}`)
        if (args.interval != null) parts.push(`interval = ${p.add(args.interval, 'text')}`)
        if (args.from != null) parts.push(`period_start >= ${p.add(parseDate(args.from, 'from'), 'timestamptz')}`)
        if (args.to != null) parts.push(`period_start <= ${p.add(parseDate(args.to, 'to'), 'timestamptz')}`)
        return parts.join(' AND ')
      })
    },
    async network(_: unknown, args: { id: string }, ctx: ApiContext) {
      const r = await ctx.pool.query(`SELECT ${selectList(NetworkE)} FROM network WHERE id = $1`, [args.id])
      return r.rows[0] ? toNode(NetworkE, r.rows[0]) : null
    },
    async categories(_: unknown, __: unknown, ctx: ApiContext) {
      const r = await ctx.pool.query(`SELECT ${selectList(NetworkE)} FROM network ORDER BY id`)
      const nets = r.rows.map((x) => toNode(NetworkE, x) as { category: string; categories: string[] })
      return categories.map((c) => ({ ...c, networks: nets.filter((n) => n.category === c.id || n.categories.includes(c.id)) }))
    },
    async prices(_: unknown, args: { asset: string; from?: string; to?: string; limit?: number }, ctx: ApiContext) {
      const p = new Params()
      const r = await ctx.pool.query(
        `SELECT * FROM (SELECT ${selectList(PricePointE)} FROM price_point WHERE asset = ${p.add(args.asset, 'text')}
           AND (${p.add(parseDate(args.from, 'from'), 'timestamptz')} IS NULL OR timestamp >= $2) AND (${p.add(parseDate(args.to, 'to'), 'timestamptz')} IS NULL OR timestamp <= $3)
           ORDER BY block_number DESC, log_index DESC LIMIT ${p.add(checkLimit(args.limit, ctx.maxLimit), 'int8')}) p ORDER BY ${quote('blockNumber')}, ${quote('logIndex')}`,
        p.values,
      )
      return r.rows.map((x) => toNode(PricePointE, x))
    },
    async networkMetrics(_: unknown, args: { network: string; interval: 'HOUR' | 'DAY'; from?: string; to?: string; limit?: number }, ctx: ApiContext) {
      const net = networkById(args.network)
      if (!net) throw new GraphQLError(`unknown network "${args.network}"`, { extensions: { code: 'BAD_USER_INPUT' } })
      const limit = checkLimit(args.limit, ctx.maxLimit)
      const from = parseDate(args.from, 'from')
      const to = parseDate(args.to, 'to')
      const asset = net.price?.asset ?? net.token.symbol
      const [series, providers, source] = await Promise.all([
        once(ctx, `metrics/${net.id}/${args.interval}`, () => seriesOf(ctx, net, args.interval)),
        args.interval === 'DAY' ? once(ctx, `providers/${net.id}`, () => providerCounts(ctx.pool, net.id, CHURN_DAYS)) : new Map<number, ProviderCounts>(),
        once(ctx, `priceSource/${asset}`, () => priceSource(ctx.pool, asset)),
      ])
      return networkMetricsRows(net, args.interval, window(series, from, to, limit), providers, source)
    },
    async categoryMetrics(_: unknown, args: { category: string; interval: 'HOUR' | 'DAY'; from?: string; to?: string; limit?: number }, ctx: ApiContext) {
      if (!categories.some((c) => c.id === args.category)) throw new GraphQLError(`unknown category "${args.category}"`, { extensions: { code: 'BAD_USER_INPUT' } })
      const limit = checkLimit(args.limit, ctx.maxLimit)
      const from = parseDate(args.from, 'from')
      const to = parseDate(args.to, 'to')
      // a category holds the networks whose primary or secondary categories name it (Livepeer is compute and ai)
      const nets = registryNetworks.filter((n) => n.category === args.category || n.categories?.includes(args.category))
      const members = await Promise.all(nets.map(async (net) => ({
        network: net.id, capacityUnit: net.capacityUnit ?? null,
        series: await once(ctx, `metrics/${net.id}/${args.interval}`, () => seriesOf(ctx, net, args.interval)),
      })))
      return window(deriveCategoryMetrics(members, args.interval), from, to, limit).map((r) => ({ ...r, category: args.category, interval: args.interval }))
    },
    methodology: () => ({ version: METHODOLOGY_VERSION, document: 'docs/methodology.md' }),
    async metrics(_: unknown, args: { networks?: string[]; categories?: string[]; from?: string; to?: string; interval: SeriesInterval; metrics: SeriesMetric[]; groupBy: GroupBy }, ctx: ApiContext) {
      if (args.groupBy === 'PROVIDER') throw badInput('metrics: groupBy NETWORK or CATEGORY (PROVIDER is for leaderboard)')
      return metricSeries(ctx.pool, { ...args, groupBy: args.groupBy, from: parseDate(args.from, 'from'), to: parseDate(args.to, 'to'), maxPoints: ctx.maxLimit })
    },
    async marketSeries(_: unknown, args: MarketSeriesArgs, ctx: ApiContext) {
      return marketSeries(ctx.pool, args, ctx.series)
    },
    async leaderboard(_: unknown, args: { metric: SeriesMetric; window: Window; groupBy: GroupBy; limit: number; networks?: string[]; categories?: string[] }, ctx: ApiContext) {
      return leaderboard(ctx.pool, { ...args, limit: checkLimit(args.limit, ctx.maxLimit) })
    },
    async providerStats(_: unknown, args: { network: string; provider: string; window: Window }, ctx: ApiContext) {
      return providerStats(ctx.pool, args)
    },
    async payerStats(_: unknown, args: { network: string; payer: string; window: Window }, ctx: ApiContext) {
      return payerStats(ctx.pool, args)
    },
    async leasedResources(_: unknown, args: { network: string }, ctx: ApiContext) {
      if (!networkById(args.network)) throw badInput(`unknown network "${args.network}"`)
      return leasedResources(ctx.pool, args.network)
    },
    async leasedHistory(_: unknown, args: { network: string; days: number }, ctx: ApiContext) {
      if (!networkById(args.network)) throw badInput(`unknown network "${args.network}"`)
      if (!Number.isInteger(args.days) || args.days < 1 || args.days > 3660) throw badInput(`days must be between 1 and 3660, got ${args.days}`)
      return leasedHistory(ctx.pool, args.network, args.days)
    },
    async declaredCapacity(_: unknown, args: { network: string }, ctx: ApiContext) {
      if (!networkById(args.network)) throw badInput(`unknown network "${args.network}"`)
      return declaredCapacity(ctx.pool, args.network)
    },
    async payerConcentration(_: unknown, args: { network: string; window: Window; top: number }, ctx: ApiContext) {
      return payerConcentration(ctx.pool, { ...args, top: checkLimit(args.top, ctx.maxLimit) })
    },
    async indexerStatus(_: unknown, __: unknown, ctx: ApiContext) {
      return Promise.all(chains.map((chain) => chainStatus(ctx, chain.chainId)))
    },
    async squidStatus(_: unknown, args: { chainId?: number | null }, ctx: ApiContext) {
      const ids = args.chainId == null ? chains.map((c) => c.chainId) : [knownChainId(args.chainId)]
      return Promise.all(ids.map(async (id) => ({ ...(await chainStatus(ctx, id)), finalizedHeight: await finalizedHeight(ctx, id) })))
    },
    async _meta(_: unknown, args: { chainId?: number | null }, ctx: ApiContext) {
      const chainId = knownChainId(args.chainId ?? chains[0].chainId)
      const s = await chainStatus(ctx, chainId)
      const q = await ctx.pool.query('SELECT count(*)::int AS n FROM quarantined_log WHERE chain_id = $1', [chainId])
      return {
        chainId,
        block: { number: s.height, hash: s.hash, timestamp: s.timestamp },
        // undecodable logs are quarantined and indexing goes on: they are not indexing errors (see quarantinedLogs)
        hasIndexingErrors: false,
        quarantinedLogs: q.rows[0].n,
        head: s.head,
        lag: s.lag,
      }
    },
  },
}

function knownChainId(chainId: number): number {
  if (!chains.some((c) => c.chainId === chainId)) throw badInput(`unknown chainId ${chainId}; known: ${chains.map((c) => c.chainId).join(', ')}`)
  return chainId
}

/** Height of the indexer on a chain (chain_cursor, written in every batch) and its lag behind the RPC head. */
export async function chainStatus(ctx: Pick<ApiContext, 'pool' | 'heads'>, chainId: number) {
  const chain = chains.find((c) => c.chainId === chainId)!
  const c = (await ctx.pool.query('SELECT * FROM chain_cursor WHERE id = $1', [String(chainId)])).rows[0]
  const height: number | null = c ? c.height : null
  const rpcHead = await ctx.heads.head(chainId)
  // the head is cached for a second: never report it below what is already indexed
  const head = rpcHead != null && height != null ? Math.max(rpcHead, height) : rpcHead
  return {
    chain: chain.id, chainId, name: chain.name, height, hash: (c?.hash as string | undefined) ?? null, timestamp: (c?.timestamp as Date | undefined) ?? null,
    head, lag: head != null && height != null ? Math.max(0, head - height) : null,
    lagSeconds: c ? Math.max(0, (Date.now() - new Date(c.timestamp).getTime()) / 1000) : null,
    ...(await deepReorgsOf(ctx, chainId)),
  }
}

/** Reorgs deeper than the finality depth recorded by the indexer of a chain (reorg_incident, indexer/reorg.ts). */
async function deepReorgsOf(ctx: Pick<ApiContext, 'pool'>, chainId: number) {
  const r = await ctx.pool.query(
    `SELECT count(*) OVER ()::int AS n, detected_at, reason, stored_height, stored_hash, chain_hash, rewound_to, rows_rolled_back
       FROM reorg_incident WHERE chain_id = $1 ORDER BY detected_at DESC LIMIT 1`,
    [chainId],
  )
  const x = r.rows[0]
  return {
    deepReorgs: (x?.n as number | undefined) ?? 0,
    lastDeepReorg: x
      ? { detectedAt: x.detected_at, reason: x.reason, storedHeight: x.stored_height, storedHash: x.stored_hash, chainHash: x.chain_hash, rewoundTo: x.rewound_to, rowsRolledBack: x.rows_rolled_back }
      : null,
  }
}

/** The processor's finalized height on a chain (its status table in squid_processor_<chainId>), or null. */
async function finalizedHeight(ctx: ApiContext, chainId: number): Promise<number | null> {
  const table = `squid_processor_${chainId}.status`
  const exists = (await ctx.pool.query('SELECT to_regclass($1) IS NOT NULL AS ok', [table])).rows[0].ok
  if (!exists) return null
  let r
  try {
    r = await ctx.pool.query(`SELECT height FROM ${quote(`squid_processor_${chainId}`)}.status WHERE id = 0`)
  } catch (e) {
    // a read-only role without USAGE on the status schema (README: read-only API role): unknown, not an error
    if ((e as { code?: string }).code === '42501') return null
    throw e
  }
  return r.rows[0] && r.rows[0].height >= 0 ? r.rows[0].height : null
}
