/** The GraphQL API over an indexed database: values equal the rollup tables, bad input gets GraphQL errors. */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HeadTracker } from '../../api/heads'
import { startApi, type ApiServer } from '../../api/server'
import { startFixture, type Fixture } from '../helpers/fixture'
import { recomputedProviderCounts, storedProviderCounts } from '../helpers/provider-counts'

let fx: Fixture
let api: ApiServer
let head: number

async function gql(query: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: any }[] } }
}

beforeAll(async () => {
  fx = await startFixture({ SIM_DAYS: '6' })
  const { node, sim } = fx.devnet.nodes[0]
  head = await node.rpc.blockNumber()
  for (let i = 0; i <= 5; i++) await sim.mine(sim.timestamp + 900, true)
  expect((await fx.runIndexerTo(head)).code).toBe(0)
  api = await startApi({ databaseUrl: fx.db.url, port: fx.config.PORT, host: '127.0.0.1', heads: HeadTracker.fromConfig(fx.config) })
})
afterAll(async () => {
  await api?.stop()
  await fx?.stop()
})

describe('GraphQL API', () => {
  it('lists networks and categories from the registry', async () => {
    const { body } = await gql('{ networks { id name category chainId tokenSymbol feeAsset } categories { id networks { id } } }')
    expect(body.errors).toBeUndefined()
    expect(body.data.networks.find((n: any) => n.id === 'livepeer')).toEqual({ id: 'livepeer', name: 'Livepeer', category: 'compute', chainId: 42161, tokenSymbol: 'LPT', feeAsset: 'ETH' })
    // every registered network once, with its chain
    const byId = Object.fromEntries(body.data.networks.map((n: any) => [n.id, n.chainId]))
    expect(byId).toEqual({ aethir: 42161, akash: 1_000_002, dimo: 137, filecoin: 314, geodnet: 137, helium: 792_703_809, 'iotex-ioid': 4689, livepeer: 42161, spheron: 8453, thegraph: 42161 })
    const ids = (c: string) => body.data.categories.find((x: any) => x.id === c).networks.map((n: any) => n.id).sort()
    expect(ids('compute')).toEqual(['aethir', 'akash', 'livepeer', 'spheron'])
    expect(ids('sensors')).toEqual(['dimo', 'geodnet'])
    expect(ids('wireless')).toEqual(['helium'])
    expect(new Set(body.data.networks.map((n: any) => n.category)).size).toBeGreaterThanOrEqual(4)
  })

  it('serves daily series equal to the stored rollups, exact in base units', async () => {
    const { body } = await gql('{ networkStats(network: "livepeer", interval: DAY, limit: 100) { periodStart feesNative fees feesUsd rewardsNative rewards feeCount } }')
    expect(body.errors).toBeUndefined()
    const rows = (await fx.pool.query(`SELECT period_start, fees_native::text, fees_usd::float8, rewards_native::text, fee_count FROM network_stat WHERE network='livepeer' AND interval='DAY' ORDER BY period_start`)).rows
    expect(body.data.networkStats).toHaveLength(rows.length)
    body.data.networkStats.forEach((s: any, i: number) => {
      expect(s.periodStart).toBe(rows[i].period_start.toISOString())
      expect(s.feesNative).toBe(rows[i].fees_native)
      expect(s.rewardsNative).toBe(rows[i].rewards_native)
      expect(s.fees).toBeCloseTo(Number(BigInt(rows[i].fees_native)) / 1e18, 12)
      expect(s.feesUsd).toBeCloseTo(rows[i].fees_usd, 6)
      expect(s.feeCount).toBe(rows[i].fee_count)
    })
    // from/to bounds and limit keep the latest periods, oldest first
    const last2 = await gql('query($to: DateTime) { networkStats(network: "livepeer", limit: 2, to: $to) { periodStart } }', { to: rows[rows.length - 2].period_start.toISOString() })
    expect(last2.body.data.networkStats.map((s: any) => s.periodStart)).toEqual(rows.slice(-3, -1).map((r) => r.period_start.toISOString()))
  })

  it('reports indexer status and lag against the chain head', async () => {
    const { body } = await gql('{ indexerStatus { chain chainId height head lag } _meta { chainId block { number hash } hasIndexingErrors quarantinedLogs } }')
    expect(body.errors).toBeUndefined()
    const chainHead = await fx.devnet.nodes[0].node.rpc.blockNumber()
    expect(body.data.indexerStatus.find((c: any) => c.chainId === 42161)).toEqual({ chain: 'arbitrum-one', chainId: 42161, height: head, head: chainHead, lag: chainHead - head })
    // chains not indexed in this test report their head and no height
    const polygon = body.data.indexerStatus.find((c: any) => c.chainId === 137)
    expect(polygon.height).toBeNull()
    expect(polygon.head).toBeGreaterThan(0)
    // Filecoin's head is the devnet Lotus server's head tipset (Filecoin.ChainHead), not eth_blockNumber
    const lotusHead = fx.devnet.lotus[0].server.head()
    expect(body.data.indexerStatus.find((c: any) => c.chainId === 314)).toEqual({ chain: 'filecoin', chainId: 314, height: null, head: lotusHead, lag: null })
    const hash = (await fx.devnet.nodes[0].node.rpc.call<{ hash: string }>('eth_getBlockByNumber', ['0x' + head.toString(16), false])).hash
    // Akash (CometBFT): head from /status of its devnet server, not indexed here
    const akashHead = fx.devnet.cometbft[0].devnet.height
    expect(body.data.indexerStatus.find((c: any) => c.chainId === 1_000_002)).toEqual({ chain: 'akash', chainId: 1_000_002, height: null, head: akashHead, lag: null })
    // Helium (Solana): head = the devnet server's finalized slot (getSlot), not indexed here
    const solanaHead = fx.devnet.solana[0].server.finalized()
    const sol = body.data.indexerStatus.find((c: any) => c.chainId === 792_703_809)
    expect(sol).toMatchObject({ chain: 'solana', height: null, lag: null })
    expect(sol.head).toBeGreaterThanOrEqual(solanaHead)
    expect(body.data._meta).toEqual({ chainId: 42161, block: { number: head, hash }, hasIndexingErrors: false, quarantinedLogs: 0 })
    const status = (await gql('{ squidStatus { chainId height hash finalizedHeight head lag } polygon: squidStatus(chainId: 137) { height finalizedHeight } _meta { head lag } }')).body
    expect(status.errors).toBeUndefined()
    const finalized = (await fx.pool.query('SELECT height FROM squid_processor_42161.status WHERE id = 0')).rows[0].height
    expect(finalized).toBeGreaterThanOrEqual(head - 5)
    expect(status.data.squidStatus.map((s: any) => s.chainId)).toEqual([42161, 137, 8453, 4689, 314, 1_000_002, 792_703_809])
    expect(status.data.squidStatus[0]).toEqual({ chainId: 42161, height: head, hash, finalizedHeight: finalized, head: chainHead, lag: chainHead - head })
    expect(status.data.polygon).toEqual([{ height: null, finalizedHeight: null }])
    expect(status.data._meta).toEqual({ head: chainHead, lag: chainHead - head })
  })

  it('answers bad queries with GraphQL errors, not crashes', async () => {
    const cases: [string, RegExp][] = [
      ['{ networkStats(network: "nope") { fees } }', /unknown network "nope"/],
      ['{ networkStats(network: "livepeer", from: "yesterday") { fees } }', /from: not a valid ISO 8601 date/],
      ['{ networkStats(network: "livepeer", limit: 0) { fees } }', /limit must be between 1 and 1000,/],
      ['{ networkStats(network: "livepeer", interval: WEEKLY) { fees } }', /WEEKLY/],
      ['{ networks { nonexistentField } }', /Cannot query field "nonexistentField"/],
      ['{ networks { id ', /Syntax Error/],
      ['{ _meta(chainId: 1) { chainId } }', /unknown chainId 1/],
      ['{ squidStatus(chainId: 5) { height } }', /unknown chainId 5; known: 42161, 137, 8453, 4689/],
      ['{ networkMetrics(network: "nope") { fees } }', /unknown network "nope"/],
      ['{ categoryMetrics(category: "nope") { feesUsd } }', /unknown category "nope"/],
      ['{ networkMetrics(network: "livepeer", limit: 100000) { fees } }', /limit must be between 1 and 1000,/],
    ]
    for (const [query, message] of cases) {
      const { body } = await gql(query)
      expect(body.errors?.[0]?.message, query).toMatch(message)
    }
    const health = await fetch(`${api.url}/healthz`)
    expect(health.status).toBe(200)
  })

  it('exposes the methodology version and category series that add up their networks', async () => {
    const { body } = await gql(`{ methodology { version document }
      categoryMetrics(category: "compute", limit: 5) { periodStart networks feesUsd }
      livepeer: networkMetrics(network: "livepeer") { periodStart feesUsd }
      aethir: networkMetrics(network: "aethir") { periodStart feesUsd }
      spheron: networkMetrics(network: "spheron") { periodStart feesUsd } }`)
    expect(body.errors).toBeUndefined()
    expect(body.data.methodology).toEqual({ version: expect.stringMatching(/^\d+\.\d+\.\d+$/), document: 'docs/methodology.md' })
    // only Arbitrum One was indexed here: the compute category holds Livepeer and Aethir from their first day (Spheron
    // is on Base); a network without a row that day adds no fees
    expect(body.data.categoryMetrics.length).toBe(5)
    for (const c of body.data.categoryMetrics) {
      const parts = ['livepeer', 'aethir', 'spheron'].map((n) => body.data[n].find((m: any) => m.periodStart === c.periodStart)).filter(Boolean)
      expect(c.networks.sort()).toEqual(['livepeer', 'aethir', 'spheron'].filter((n) => body.data[n].some((m: any) => m.periodStart <= c.periodStart)).sort())
      if (c.feesUsd != null) expect(c.feesUsd).toBeCloseTo(parts.reduce((s: number, m: any) => s + m.feesUsd, 0), 6)
    }
  })

  it('counts active and new providers per day, as recomputed from the stored facts', async () => {
    const { body } = await gql('{ networkMetrics(network: "livepeer", limit: 1000) { periodStart activeProviders newProviders churnedProviders } }')
    expect(body.errors).toBeUndefined()
    const kinds = ['REWARD_EMITTED', 'NODE_REGISTERED', 'NODE_UPDATE', 'LEASE_OPENED', 'LEASE_CLOSED', 'FEE_SETTLED']
    const facts = (await fx.pool.query(`SELECT actor, timestamp FROM economic_fact WHERE network = 'livepeer' AND actor IS NOT NULL AND kind = ANY($1)`, [kinds])).rows
    const active = new Map<string, Set<string>>()
    const first = new Map<string, string>()
    for (const f of facts) {
      const day = new Date(f.timestamp).toISOString().slice(0, 10)
      if (!active.has(day)) active.set(day, new Set())
      active.get(day)!.add(f.actor)
      if (!first.has(f.actor) || first.get(f.actor)! > day) first.set(f.actor, day)
    }
    expect(body.data.networkMetrics.length).toBeGreaterThan(3)
    for (const m of body.data.networkMetrics) {
      const day = m.periodStart.slice(0, 10)
      expect(m.activeProviders, day).toBe(active.get(day)?.size ?? 0)
      expect(m.newProviders, day).toBe([...first.values()].filter((d) => d === day).length)
      expect(m.churnedProviders).toBeNull() // fewer than 30 days of history here
    }
    expect(Math.max(...body.data.networkMetrics.map((m: any) => m.activeProviders))).toBeGreaterThan(5)
  })

  it('keeps the per-day provider counts (ProviderCountDay) equal to a recomputation from the facts in SQL', async () => {
    const want = await recomputedProviderCounts(fx.pool)
    expect(new Set(want.map((w) => w.network)).size).toBeGreaterThanOrEqual(3)
    expect(want.some((w) => w.new > 0 && w.lastActive > 0 && w.active > w.new)).toBe(true)
    expect(await storedProviderCounts(fx.pool)).toEqual(want)
  })

  it('serves GraphiQL to browsers', async () => {
    const res = await fetch(`${api.url}/graphql`, { headers: { accept: 'text/html' } })
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toMatch(/graphiql/i)
    // without internet: every script, style and worker of the page from the API itself, byte for byte the package's
    const srcs = [...html.matchAll(/(?:src|href)="([^"]+)"|'(\/graphiql\/[^']+)'/g)].map((m) => m[1] ?? m[2]).filter((u) => !u.startsWith('data:'))
    expect(srcs.filter((u) => !u.startsWith('/graphiql/'))).toEqual([])
    expect(srcs.length).toBeGreaterThanOrEqual(5) // css, umd, 3 workers
    const dist = resolve(dirname(createRequire(import.meta.url).resolve('@graphql-yoga/graphiql')))
    for (const u of new Set(srcs)) {
      const file = await fetch(api.url + u)
      expect(file.status, u).toBe(200)
      expect(Buffer.from(await file.arrayBuffer()).equals(readFileSync(join(dist, u.slice('/graphiql/'.length)))), u).toBe(true)
    }
    expect((await fetch(`${api.url}/graphiql/no-such-file.js`)).status).toBe(404)
  })
})
