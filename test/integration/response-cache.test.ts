/**
 * The GraphQL response cache (api/response-cache.ts) over a real indexed database: a cached answer equals a fresh
 * computation (a second API without the cache) and the chain's own totals (eth_getLogs recomputation); after the
 * indexer commits more blocks the next request past the version's reuse time has the new data; concurrent identical
 * requests are computed once (counted in /metrics); bad arguments stay GraphQL errors and are not kept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HeadTracker } from '../../api/heads'
import { DataVersion } from '../../api/data-version'
import { networkMetrics } from '../../api/metrics'
import { VOLATILE_TTL_MS } from '../../api/response-cache'
import { memoizedSeries } from '../../api/series-memo'
import { startApi, type ApiServer } from '../../api/server'
import { importPrices } from '../../indexer/prices/import'
import { networkById, type NetworkDef } from '../../indexer/registry'
import { marketRequest, networkRequest } from '../../dashboard/src/api'
import { sleep } from '../helpers/consistency'
import { startFixture, type Fixture } from '../helpers/fixture'
import { freePort } from '../helpers/ports'
import { recompute, type Recomputed } from '../helpers/recompute'

const VERSION_MS = 200

let fx: Fixture
let cached: ApiServer
let fresh: ApiServer
let mid: number
let head: number
let polygonHead: number

interface Body { data?: any; errors?: { message: string; extensions?: { code?: string } }[] }

async function post(api: ApiServer, q: { query: string; variables?: Record<string, unknown> }): Promise<Body> {
  const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q.query, variables: q.variables }) })
  return (await res.json()) as Body
}

/** The value of a counter of the API's /metrics (0 when absent). */
async function counter(name: string, labels = ''): Promise<number> {
  const text = await (await fetch(`${cached.url}/metrics`)).text()
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels ? `{${labels}}` : ''} `))
  return line ? Number(line.split(' ')[1]) : 0
}
const counts = async () => ({
  misses: await counter('depin_api_cache_misses_total'),
  hits: await counter('depin_api_cache_hits_total', 'source="cache"'),
  shared: await counter('depin_api_cache_hits_total', 'source="in_flight"'),
  stale: await counter('depin_api_cache_hits_total', 'source="stale"'),
})
const delta = async (before: Awaited<ReturnType<typeof counts>>) => {
  const now = await counts()
  return { misses: now.misses - before.misses, hits: now.hits - before.hits, shared: now.shared - before.shared, stale: now.stale - before.stale }
}

/** Figures that move with the clock and the RPC head, not with the data (lag in seconds). */
function withoutClock(body: Body): Body {
  return JSON.parse(JSON.stringify(body, (k, v) => (k === 'lagSeconds' ? undefined : v)))
}

const overview = marketRequest({ networks: [], days: null, interval: 'day' })
const networkPage = () => networkRequest('livepeer', null, Date.now(), null)

/** Livepeer's daily USD fees in the overview equal the recomputation's, day by day (days it could price). */
function expectLivepeerFees(body: Body, want: Recomputed) {
  const m = body.data.market
  const lp = m.networks.find((n: any) => n.network === 'livepeer')
  expect(m.interval).toBe('DAY')
  let compared = 0
  m.periods.forEach((p: string, i: number) => {
    const w = want.days.get(p.slice(0, 10))
    const got = lp.series.feesUsd[i]
    if (got == null || !w) return
    expect(Math.abs(got - w.feesUsd)).toBeLessThanOrEqual(Math.max(1e-9, Math.abs(w.feesUsd) * 1e-9))
    compared++
  })
  expect(compared).toBeGreaterThan(1)
  return m.periods.length as number
}

beforeAll(async () => {
  fx = await startFixture({ SIM_DAYS: '4' })
  const { node, sim } = fx.devnet.nodes[0]
  head = await node.rpc.blockNumber()
  // the processor ends a bounded run once the end block is final: put a few blocks on top of the head
  for (let i = 0; i <= fx.config.chains[0].finality!; i++) await sim.mine(sim.timestamp + 900, true)
  mid = head - 60 // the last 15 hours are indexed in the test
  expect((await fx.runIndexerTo(mid)).code).toBe(0)
  // Polygon (GEODNET, DIMO) too, short of its head: a commit on another chain than Livepeer's
  const polygon = fx.devnet.nodes.find((n) => n.chainId === networkById('geodnet')!.chain.chainId)!
  polygonHead = await polygon.node.rpc.blockNumber()
  for (let i = 0; i <= 5; i++) await polygon.sim.mine(polygon.sim.timestamp + 900, true)
  expect((await fx.runIndexerTo(polygonHead - 60, { INDEXER_CHAIN: 'polygon', FINALITY_POLYGON: '5' })).code).toBe(0)
  const heads = HeadTracker.fromConfig(fx.config)
  cached = await startApi({ databaseUrl: fx.db.url, port: fx.config.PORT, host: '127.0.0.1', heads, limits: { rateLimitPerMin: 0, cacheVersionMs: VERSION_MS } })
  fresh = await startApi({ databaseUrl: fx.db.url, port: await freePort(), host: '127.0.0.1', heads, limits: { rateLimitPerMin: 0, cacheMaxMb: 0 } })
}, 240_000)
afterAll(async () => {
  await cached?.stop()
  await fresh?.stop()
  await fx?.stop()
})

describe('GraphQL response cache', () => {
  it('serves the dashboard answers from memory, equal to a fresh computation and to the chain', async () => {
    expect(fresh.cache).toBeUndefined()
    const before = await counts()
    const first = await post(cached, overview)
    const second = await post(cached, overview)
    expect(await delta(before)).toEqual({ misses: 1, hits: 1, shared: 0, stale: 0 })
    expect(first.errors).toBeUndefined()
    expect(withoutClock(second)).toEqual(withoutClock(first))
    expect(withoutClock(second)).toEqual(withoutClock(await post(fresh, overview)))
    expectLivepeerFees(second, await recompute(fx.httpUrl, mid))

    const page = networkPage()
    const p1 = await post(cached, page)
    const p2 = await post(cached, page)
    expect(p1.errors).toBeUndefined()
    expect(p1.data.networkMetrics.length).toBeGreaterThan(1)
    expect(withoutClock(p2)).toEqual(withoutClock(await post(fresh, page)))
    expect(await delta(before)).toEqual({ misses: 2, hits: 2, shared: 0, stale: 0 })
    expect(await counter('depin_api_cache_entries')).toBe(2)
  })

  it('answers with the new data once the indexer has committed more blocks', async () => {
    const old = await post(cached, overview)
    const oldHeight = old.data.indexerStatus.find((s: any) => s.chain === 'arbitrum-one').height
    expect(oldHeight).toBe(mid)
    expect((await fx.runIndexerTo(head)).code).toBe(0)
    // the documented bound: a request later than API_CACHE_VERSION_MS after the commit sees it
    await sleep(VERSION_MS + 50)
    const before = await counts()
    const entriesBefore = await counter('depin_api_cache_entries')
    const sweptBefore = await counter('depin_api_cache_swept_total')
    expect(entriesBefore).toBeGreaterThanOrEqual(2) // the overview and the network page of the old version (and more)
    const now = await post(cached, overview)
    expect(await delta(before)).toEqual({ misses: 1, hits: 0, shared: 0, stale: 0 })
    // the old version's answers were dropped when the version moved: only the new overview is kept
    expect(await counter('depin_api_cache_swept_total')).toBe(sweptBefore + entriesBefore)
    expect(await counter('depin_api_cache_entries')).toBe(1)
    expect(now.data.indexerStatus.find((s: any) => s.chain === 'arbitrum-one').height).toBe(head)
    expect(now.data.market.version).not.toBe(old.data.market.version)
    expect(withoutClock(now)).toEqual(withoutClock(await post(fresh, overview)))
    const days = expectLivepeerFees(now, await recompute(fx.httpUrl, head))
    expect(days).toBeGreaterThanOrEqual(old.data.market.periods.length)
    // the network page too
    const page = networkPage()
    expect(withoutClock(await post(cached, page))).toEqual(withoutClock(await post(fresh, page)))
  })

  it('answers with imported prices once they are imported (no indexer batch in between)', async () => {
    const page = networkPage()
    const before = await post(cached, page)
    expect(before.data.networkMetrics.every((m: any) => m.price == null)).toBe(true) // LPT has no on-chain feed
    const lpt = fx.devnet.priceFiles.find((p) => p.asset === 'LPT')!
    expect(await importPrices(fx.pool, lpt.asset, lpt.file)).toBeGreaterThan(0)
    await sleep(VERSION_MS + 50)
    const after = await post(cached, page)
    expect(after.data.networkMetrics.some((m: any) => m.price != null)).toBe(true)
    expect(withoutClock(after)).toEqual(withoutClock(await post(fresh, page)))
  })

  it("re-derives a network's series only when its own chain (or the prices) moved", async () => {
    const derived: string[] = []
    const series = memoizedSeries(new DataVersion(fx.pool, 0), (net, interval) => {
      derived.push(net.id)
      return networkMetrics(fx.pool, net, interval)
    })
    const livepeer = networkById('livepeer')!
    const geodnet = networkById('geodnet')!
    expect(geodnet.chain.id).toBe('polygon')
    const both = async () => Promise.all([livepeer, geodnet].map((n: NetworkDef) => series(n, 'DAY')))
    const [lp1, geo1] = await both()
    await both()
    expect(derived).toEqual(['livepeer', 'geodnet'])
    expect(geo1).toEqual(await networkMetrics(fx.pool, geodnet, 'DAY'))
    expect(geo1.length).toBeGreaterThan(0)
    // a commit on Polygon: GEODNET is derived again, Livepeer's series is the one kept
    expect((await fx.runIndexerTo(polygonHead, { INDEXER_CHAIN: 'polygon', FINALITY_POLYGON: '5' })).code).toBe(0)
    const [lp2, geo2] = await both()
    expect(derived).toEqual(['livepeer', 'geodnet', 'geodnet'])
    expect(lp2).toBe(lp1)
    expect(geo2).toEqual(await networkMetrics(fx.pool, geodnet, 'DAY'))
    expect(geo2).not.toEqual(geo1)
  })

  it('computes concurrent identical requests once', async () => {
    cached.cache!.clear()
    const before = await counts()
    const page = networkPage()
    const bodies = await Promise.all(Array.from({ length: 8 }, () => post(cached, page)))
    expect(await delta(before)).toEqual({ misses: 1, hits: 0, shared: 7, stale: 0 })
    for (const b of bodies) expect(b).toEqual(bodies[0])
    expect(bodies[0].errors).toBeUndefined()
  })

  it('answers bad arguments with GraphQL errors each time and keeps none of them', async () => {
    const entries = await counter('depin_api_cache_entries')
    const before = await counts()
    const errorsBefore = await counter('depin_graphql_errors_total', 'code="BAD_USER_INPUT"')
    const bad = { query: 'query($d: Int) { marketSeries(days: $d) { version } }', variables: { d: 0 } }
    for (let i = 0; i < 2; i++) {
      const b = await post(cached, bad)
      expect(b.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT')
      expect(b.errors?.[0].message).toMatch(/days must be a whole number/)
    }
    const unknown = { query: '{ networkMetrics(network: "nope", interval: DAY) { periodStart } }' }
    expect((await post(cached, unknown)).errors?.[0].message).toMatch(/unknown network "nope"/)
    expect((await post(cached, unknown)).errors?.[0].message).toMatch(/unknown network "nope"/)
    // a document that does not parse never reaches the cache
    expect((await post(cached, { query: '{ networks {' })).errors?.[0].message).toMatch(/Syntax Error/)
    expect(await delta(before)).toEqual({ misses: 4, hits: 0, shared: 0, stale: 0 })
    expect(await counter('depin_graphql_errors_total', 'code="BAD_USER_INPUT"')).toBe(errorsBefore + 4)
    expect(await counter('depin_api_cache_entries')).toBe(entries)
  })

  it(`refreshes answers with live figures (lag) after ${VOLATILE_TTL_MS} ms without making a request wait`, async () => {
    const q = { query: '{ indexerStatus { chain height lagSeconds } }' }
    const before = await counts()
    const first = await post(cached, q)
    expect(await post(cached, q)).toEqual(first)
    expect(await delta(before)).toEqual({ misses: 1, hits: 1, shared: 0, stale: 0 })
    await sleep(VOLATILE_TTL_MS + 100)
    // past its time: the kept answer, while it is computed again
    expect(await post(cached, q)).toEqual(first)
    expect(await delta(before)).toEqual({ misses: 2, hits: 1, shared: 0, stale: 1 })
    await sleep(200)
    const refreshed = await post(cached, q)
    expect(await delta(before)).toEqual({ misses: 2, hits: 2, shared: 0, stale: 1 })
    expect(refreshed.data.indexerStatus.map((s: any) => s.height)).toEqual(first.data.indexerStatus.map((s: any) => s.height))
  })
})
