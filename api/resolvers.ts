/** Resolvers: SQL over the indexer's tables (rollups for series, never a scan of raw events per request). */
import { GraphQLError, GraphQLScalarType, Kind } from 'graphql'
import type pg from 'pg'
import { CHURN_DAYS, METHODOLOGY_VERSION, toDecimal } from '../indexer/metrics'
import { categories, chains, networkById, networks as registryNetworks } from '../indexer/registry'
import { networkMetrics, priceSource, providerCounts, window } from './metrics'
import type { HeadTracker } from './heads'

export interface ApiContext {
  pool: pg.Pool
  heads: HeadTracker
}

const MAX_LIMIT = 10_000

function parseDate(v: unknown, arg: string): Date | null {
  if (v == null) return null
  const d = new Date(String(v))
  if (Number.isNaN(d.getTime())) throw new GraphQLError(`${arg}: not a valid ISO 8601 date: ${JSON.stringify(v)}`, { extensions: { code: 'BAD_USER_INPUT' } })
  return d
}

function checkLimit(limit: number): number {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new GraphQLError(`limit must be between 1 and ${MAX_LIMIT}, got ${limit}`, { extensions: { code: 'BAD_USER_INPUT' } })
  }
  return limit
}

const networkRow = (r: any) => ({
  id: r.id, name: r.name, category: r.category, categories: r.categories, chain: r.chain, chainId: r.chain_id,
  tokenSymbol: r.token_symbol, tokenAddress: r.token_address, tokenDecimals: r.token_decimals, feeAsset: r.fee_asset,
  feeAssetDecimals: r.fee_asset_decimals, source: r.source,
})

export const resolvers = {
  BigInt: new GraphQLScalarType({
    name: 'BigInt',
    serialize: (v) => String(v),
    parseValue: (v) => BigInt(String(v)),
    parseLiteral: (ast) => (ast.kind === Kind.STRING || ast.kind === Kind.INT ? BigInt(ast.value) : null),
  }),
  DateTime: new GraphQLScalarType({
    name: 'DateTime',
    serialize: (v) => (v instanceof Date ? v.toISOString() : new Date(String(v)).toISOString()),
    parseValue: (v) => v,
    parseLiteral: (ast) => (ast.kind === Kind.STRING ? ast.value : null),
  }),
  Query: {
    async networks(_: unknown, args: { category?: string }, ctx: ApiContext) {
      const r = await ctx.pool.query(
        'SELECT * FROM network WHERE $1::text IS NULL OR category = $1 OR $1 = ANY(categories) ORDER BY id',
        [args.category ?? null],
      )
      return r.rows.map(networkRow)
    },
    async network(_: unknown, args: { id: string }, ctx: ApiContext) {
      const r = await ctx.pool.query('SELECT * FROM network WHERE id = $1', [args.id])
      return r.rows[0] ? networkRow(r.rows[0]) : null
    },
    async categories(_: unknown, __: unknown, ctx: ApiContext) {
      const r = await ctx.pool.query('SELECT * FROM network ORDER BY id')
      const nets = r.rows.map(networkRow)
      return categories.map((c) => ({ ...c, networks: nets.filter((n) => n.category === c.id || n.categories.includes(c.id)) }))
    },
    async networkStats(
      _: unknown,
      args: { network: string; interval: 'HOUR' | 'DAY'; from?: string; to?: string; limit: number },
      ctx: ApiContext,
    ) {
      const limit = checkLimit(args.limit)
      const net = await ctx.pool.query('SELECT token_decimals, fee_asset_decimals FROM network WHERE id = $1', [args.network])
      if (!net.rows[0]) throw new GraphQLError(`unknown network "${args.network}"`, { extensions: { code: 'BAD_USER_INPUT' } })
      const { token_decimals: td, fee_asset_decimals: fd } = net.rows[0]
      // the latest `limit` periods in the window, returned oldest first
      const r = await ctx.pool.query(
        `SELECT * FROM (
           SELECT * FROM network_stat WHERE network = $1 AND interval = $2
             AND ($3::timestamptz IS NULL OR period_start >= $3) AND ($4::timestamptz IS NULL OR period_start <= $4)
           ORDER BY period_start DESC LIMIT $5) s ORDER BY period_start`,
        [args.network, args.interval, parseDate(args.from, 'from'), parseDate(args.to, 'to'), limit],
      )
      return r.rows.map((s) => {
        const b = (k: string) => BigInt(s[k])
        return {
          network: s.network, category: s.category, interval: s.interval, periodStart: s.period_start,
          feesNative: b('fees_native'), fees: toDecimal(b('fees_native'), fd), feesUsd: Number(s.fees_usd),
          feesUnpricedNative: b('fees_unpriced_native'), feeCount: s.fee_count, feesSettledNative: b('fees_settled_native'),
          rewardsNative: b('rewards_native'), rewards: toDecimal(b('rewards_native'), td), rewardCount: s.reward_count,
          protocolTakeNative: b('protocol_take_native'), protocolTake: toDecimal(b('protocol_take_native'), td),
          mintedNative: b('minted_native'), minted: toDecimal(b('minted_native'), td),
          burnedNative: b('burned_native'), burned: toDecimal(b('burned_native'), td),
          bondedNative: b('bonded_native'), unbondedNative: b('unbonded_native'), feesRefundedNative: b('fees_refunded_native'),
          feesSharedNative: b('fees_shared_native'), lockedNative: b('locked_native'), unlockedNative: b('unlocked_native'),
          nodesRegistered: s.nodes_registered, nodesDeregistered: s.nodes_deregistered, capacityAdded: b('capacity_added'),
          capacityRemoved: b('capacity_removed'), leasesOpened: s.leases_opened, leasesClosed: s.leases_closed,
          eventCount: s.event_count, lastBlock: s.last_block,
        }
      })
    },
    async prices(_: unknown, args: { asset: string; from?: string; to?: string; limit: number }, ctx: ApiContext) {
      const r = await ctx.pool.query(
        `SELECT * FROM (SELECT * FROM price_point WHERE asset = $1
           AND ($2::timestamptz IS NULL OR timestamp >= $2) AND ($3::timestamptz IS NULL OR timestamp <= $3)
           ORDER BY block_number DESC, log_index DESC LIMIT $4) p ORDER BY block_number, log_index`,
        [args.asset, parseDate(args.from, 'from'), parseDate(args.to, 'to'), checkLimit(args.limit)],
      )
      return r.rows.map((p) => ({ asset: p.asset, quote: p.quote, price: Number(p.price), timestamp: p.timestamp, blockNumber: p.block_number, source: p.source }))
    },
    async networkMetrics(_: unknown, args: { network: string; interval: 'HOUR' | 'DAY'; from?: string; to?: string; limit: number }, ctx: ApiContext) {
      const net = networkById(args.network)
      if (!net) throw new GraphQLError(`unknown network "${args.network}"`, { extensions: { code: 'BAD_USER_INPUT' } })
      const limit = checkLimit(args.limit)
      const from = parseDate(args.from, 'from')
      const to = parseDate(args.to, 'to')
      const series = await networkMetrics(ctx.pool, net, args.interval)
      const providers = args.interval === 'DAY' ? await providerCounts(ctx.pool, net.id, CHURN_DAYS) : new Map()
      const source = await priceSource(ctx.pool, net.price?.asset ?? net.token.symbol)
      return window(series, from, to, limit).map((m) => ({
        ...m, network: net.id, category: net.category, interval: args.interval, capacityUnit: net.capacityUnit ?? null, priceSource: source,
        // days without provider activity have 0 active providers; hourly series have no provider counts
        ...(args.interval === 'DAY' ? providers.get(m.periodStart.getTime()) ?? { activeProviders: 0, newProviders: 0, churnedProviders: null } : { activeProviders: null, newProviders: null, churnedProviders: null }),
      }))
    },
    async categoryMetrics(_: unknown, args: { category: string; interval: 'HOUR' | 'DAY'; from?: string; to?: string; limit: number }, ctx: ApiContext) {
      if (!categories.some((c) => c.id === args.category)) throw new GraphQLError(`unknown category "${args.category}"`, { extensions: { code: 'BAD_USER_INPUT' } })
      const limit = checkLimit(args.limit)
      const from = parseDate(args.from, 'from')
      const to = parseDate(args.to, 'to')
      const nets = registryNetworks.filter((n) => n.category === args.category)
      const byPeriod = new Map<number, { periodStart: Date; networks: string[]; marketCap: number | null; fdv: number | null; feesUsd: number | null; protocolRevenueUsd: number | null; incentivesUsd: number | null }>()
      const add = (a: number | null, b: number | null) => (a == null || b == null ? null : a + b)
      for (const net of nets) {
        for (const m of await networkMetrics(ctx.pool, net, args.interval)) {
          const k = m.periodStart.getTime()
          const cur = byPeriod.get(k) ?? { periodStart: m.periodStart, networks: [], marketCap: 0, fdv: 0, feesUsd: 0, protocolRevenueUsd: 0, incentivesUsd: 0 }
          cur.networks.push(net.id)
          cur.marketCap = add(cur.marketCap, m.marketCap)
          cur.fdv = add(cur.fdv, m.fdv)
          cur.feesUsd = add(cur.feesUsd, m.feesUsd)
          cur.protocolRevenueUsd = add(cur.protocolRevenueUsd, m.protocolRevenueUsd)
          cur.incentivesUsd = add(cur.incentivesUsd, m.incentivesUsd)
          byPeriod.set(k, cur)
        }
      }
      const rows = [...byPeriod.values()].sort((a, b) => a.periodStart.getTime() - b.periodStart.getTime())
      return window(rows, from, to, limit).map((r) => ({
        ...r, category: args.category, interval: args.interval,
        earningsUsd: r.protocolRevenueUsd == null || r.incentivesUsd == null ? null : r.protocolRevenueUsd - r.incentivesUsd,
        demandRewardsRatio: r.feesUsd == null || !r.incentivesUsd ? null : r.feesUsd / r.incentivesUsd,
      }))
    },
    methodology: () => ({ version: METHODOLOGY_VERSION, document: 'docs/methodology.md' }),
    async indexerStatus(_: unknown, __: unknown, ctx: ApiContext) {
      const r = await ctx.pool.query('SELECT * FROM chain_cursor')
      const byId = new Map(r.rows.map((c) => [Number(c.id), c]))
      return Promise.all(
        chains.map(async (chain) => {
          const c = byId.get(chain.chainId)
          const height = c ? c.height : null
          const rpcHead = await ctx.heads.head(chain.chainId)
          // the head is cached for a second: never report it below what is already indexed
          const head = rpcHead != null && height != null ? Math.max(rpcHead, height) : rpcHead
          return {
            chain: chain.id, chainId: chain.chainId, name: chain.name, height, hash: c?.hash ?? null, timestamp: c?.timestamp ?? null,
            head, lag: head != null && height != null ? Math.max(0, head - height) : null,
            lagSeconds: c ? Math.max(0, (Date.now() - new Date(c.timestamp).getTime()) / 1000) : null,
          }
        }),
      )
    },
    async _meta(_: unknown, args: { chainId?: number }, ctx: ApiContext) {
      const chainId = args.chainId ?? chains[0].chainId
      if (!chains.some((c) => c.chainId === chainId)) throw new GraphQLError(`unknown chainId ${chainId}`, { extensions: { code: 'BAD_USER_INPUT' } })
      const c = (await ctx.pool.query('SELECT * FROM chain_cursor WHERE id = $1', [String(chainId)])).rows[0]
      const q = await ctx.pool.query('SELECT count(*)::int AS n FROM quarantined_log WHERE chain_id = $1', [chainId])
      return {
        chainId,
        block: { number: c?.height ?? null, hash: c?.hash ?? null, timestamp: c?.timestamp ?? null },
        hasIndexingErrors: false,
        quarantinedLogs: q.rows[0].n,
      }
    },
  },
}
