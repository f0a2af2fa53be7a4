/**
 * GraphQL subscriptions (served over SSE by graphql-yoga): new or changed daily rollups, and health alerts.
 * Both poll the database every API_POLL_MS (the indexer runs in other processes and commits per batch);
 * each subscription polls on its own and stops when its client goes away.
 */
import { Repeater } from 'graphql-yoga'
import { componentLogger } from '../common/logger'
import { chains, networks as registryNetworks } from '../indexer/registry'
import { entityModel } from './entities/model'
import { quote, selectList, toNode } from './entities/sql'
import { networkMetrics } from './metrics'
import { selectNetworks } from './analytics'
import type { ApiContext } from './resolvers'
import { chainStatus } from './resolvers'

const log = componentLogger('api')
const NetworkStatE = entityModel().entities.find((e) => e.name === 'NetworkStat')!

/** Runs `poll` at once and then every `ms` until the subscriber leaves; errors end the subscription with a GraphQL error. */
function polling<T>(ms: number, poll: () => Promise<T[]>): Repeater<T> {
  return new Repeater<T>(async (push, stop) => {
    let timer: NodeJS.Timeout | undefined
    let stopped = false
    const tick = async () => {
      try {
        for (const x of await poll()) {
          if (stopped) return
          await push(x)
        }
      } catch (e) {
        log.warn({ err: (e as Error).message }, 'subscription poll failed')
        stop(new Error('subscription stopped: the database could not be read'))
        return
      }
      if (!stopped) timer = setTimeout(tick, ms)
    }
    void tick()
    await stop
    stopped = true
    clearTimeout(timer)
  })
}

/** Daily NetworkStat rows that are new or changed since the subscription started (one event per row change). */
export function dailyStats(ctx: ApiContext, args: { networks?: string[] | null }) {
  const ids = selectNetworks(args.networks, null).map((n) => n.id)
  let seen: Map<string, string> | null = null
  return polling(ctx.pollMs, async () => {
    // a digest of each row tells what changed without reading every row each time
    const r = await ctx.pool.query(`SELECT id, md5(s::text) AS sig FROM network_stat s WHERE interval = 'DAY' AND network = ANY($1)`, [ids])
    const changed: string[] = []
    const next = new Map<string, string>()
    for (const x of r.rows) {
      next.set(x.id, x.sig)
      if (seen && seen.get(x.id) !== x.sig) changed.push(x.id)
    }
    seen = next
    if (!changed.length) return []
    const rows = await ctx.pool.query(`SELECT ${selectList(NetworkStatE)} FROM ${quote(NetworkStatE.table)} WHERE id = ANY($1) ORDER BY period_start, network`, [changed])
    return rows.rows.map((x) => ({ dailyStats: toNode(NetworkStatE, x) }))
  })
}

export type AlertKind = 'INDEXER_LAG' | 'NETWORK_QUIET' | 'DEMAND_REWARDS_BELOW'

export interface HealthAlert {
  kind: AlertKind
  status: 'FIRING' | 'RESOLVED'
  chainId: number
  chain: string
  network: string | null
  value: number | null
  threshold: number
  message: string
  at: Date
}

export interface AlertThresholds {
  /** indexer lag behind the chain head, blocks */
  maxLagBlocks: number
  /** blocks since a network's last indexed event */
  quietBlocks: number
  /** trailing 7-day demand/rewards ratio of the latest day */
  minDemandRewardsRatio: number
}

/** The conditions that hold now, keyed by kind and subject. */
export async function evaluateAlerts(ctx: ApiContext, t: AlertThresholds): Promise<Map<string, Omit<HealthAlert, 'status' | 'at'>>> {
  const out = new Map<string, Omit<HealthAlert, 'status' | 'at'>>()
  const heads = new Map<number, number | null>()
  for (const c of chains) {
    const s = await chainStatus(ctx, c.chainId)
    heads.set(c.chainId, s.head)
    if (s.lag != null && s.lag > t.maxLagBlocks) {
      out.set(`INDEXER_LAG|${c.chainId}`, {
        kind: 'INDEXER_LAG', chainId: c.chainId, chain: c.id, network: null, value: s.lag, threshold: t.maxLagBlocks,
        message: `${c.name}: the indexer is ${s.lag} blocks behind the head (${s.height} of ${s.head}), more than ${t.maxLagBlocks}`,
      })
    }
  }
  const last = await ctx.pool.query(`SELECT network, max(last_block)::int AS b FROM network_stat WHERE interval = 'DAY' GROUP BY network`)
  const lastBlock = new Map(last.rows.map((x) => [x.network as string, x.b as number]))
  for (const net of registryNetworks) {
    const head = heads.get(net.chain.chainId)
    const b = lastBlock.get(net.id)
    if (head != null && b != null && head - b > t.quietBlocks) {
      out.set(`NETWORK_QUIET|${net.id}`, {
        kind: 'NETWORK_QUIET', chainId: net.chain.chainId, chain: net.chain.id, network: net.id, value: head - b, threshold: t.quietBlocks,
        message: `${net.name}: no event for ${head - b} blocks (last at block ${b}), more than ${t.quietBlocks}`,
      })
    }
    if (b == null) continue
    const series = await networkMetrics(ctx.pool, net, 'DAY')
    const ratio = series.at(-1)?.demandRewardsRatio7d ?? null
    if (ratio != null && ratio < t.minDemandRewardsRatio) {
      out.set(`DEMAND_REWARDS_BELOW|${net.id}`, {
        kind: 'DEMAND_REWARDS_BELOW', chainId: net.chain.chainId, chain: net.chain.id, network: net.id, value: ratio, threshold: t.minDemandRewardsRatio,
        message: `${net.name}: 7-day demand/rewards ratio ${ratio.toPrecision(4)} is below ${t.minDemandRewardsRatio}`,
      })
    }
  }
  return out
}

/**
 * Health alerts, edge-triggered: FIRING when a condition starts to hold (including when it already holds at
 * subscription time), RESOLVED when it stops holding (a ratio that crosses back, a lag that closes).
 */
export function healthAlerts(ctx: ApiContext, t: AlertThresholds) {
  let firing = new Map<string, Omit<HealthAlert, 'status' | 'at'>>()
  return polling(ctx.pollMs, async () => {
    const now = await evaluateAlerts(ctx, t)
    const at = new Date()
    const events: HealthAlert[] = []
    for (const [k, a] of now) if (!firing.has(k)) events.push({ ...a, status: 'FIRING', at })
    for (const [k, a] of firing) {
      if (!now.has(k)) events.push({ ...a, status: 'RESOLVED', at, message: `resolved: ${a.message}` })
    }
    firing = now
    return events.map((healthAlerts) => ({ healthAlerts }))
  })
}
