/**
 * Analytics queries (metrics, leaderboard, providerStats, payerConcentration) and the daily account rollups
 * behind them (ProviderEarningDay, PayerDay), against expectations computed here: SQL over the stored facts,
 * or the per-day networkMetrics series aggregated by hand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HeadTracker } from '../../api/heads'
import { startApi, type ApiServer } from '../../api/server'
import { startFixture, type Fixture } from '../helpers/fixture'

let fx: Fixture
let api: ApiServer
const DAY = 86_400_000

async function data(query: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })
  const body = (await res.json()) as { data?: any; errors?: { message: string }[] }
  expect(body.errors, query).toBeUndefined()
  return body.data
}
async function error(query: string) {
  const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })
  expect(res.status).toBeLessThan(500)
  return ((await res.json()) as { errors?: { message: string }[] }).errors?.[0]?.message
}
/** A real SSE client (graphql-yoga's default transport for subscriptions): the events received so far. */
function subscribe(query: string) {
  const ac = new AbortController()
  const events: any[] = []
  const done = (async () => {
    const res = await fetch(`${api.url}/graphql`, {
      method: 'POST', headers: { 'content-type': 'application/json', accept: 'text/event-stream' }, body: JSON.stringify({ query }), signal: ac.signal,
    })
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/)
    const reader = res.body!.getReader()
    const dec = new TextDecoder()
    let buf = ''
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      buf += dec.decode(value, { stream: true })
      for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
        const data = buf.slice(0, i).split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).join('')
        buf = buf.slice(i + 2)
        if (data) events.push(JSON.parse(data))
      }
    }
  })().catch((e) => {
    if ((e as Error).name !== 'AbortError') throw e
  })
  return { events, close: () => ac.abort(), done }
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
async function until(cond: () => Promise<boolean> | boolean, ms: number) {
  const end = Date.now() + ms
  while (!(await cond())) {
    if (Date.now() > end) return false
    await sleep(100)
  }
  return true
}
const q = async (sql: string, params: unknown[] = []) => (await fx.pool.query(sql, params)).rows
const monday = (t: number) => {
  const d = Math.floor(t / DAY) * DAY
  return d - ((new Date(d).getUTCDay() + 6) % 7) * DAY
}
// provider facts as docs/methodology.md defines them (PROVIDER_FACTS, NODE_DEREGISTERED, and fees where providers receive them)
const SUPPLY_KINDS = ['REWARD_EMITTED', 'NODE_REGISTERED', 'NODE_UPDATE', 'LEASE_OPENED', 'LEASE_CLOSED', 'FEE_SETTLED']
const PROVIDER_FACT = `actor IS NOT NULL AND (kind = ANY(ARRAY['REWARD_EMITTED','NODE_REGISTERED','NODE_UPDATE','LEASE_OPENED','LEASE_CLOSED','FEE_SETTLED','NODE_DEREGISTERED'])
  OR (kind = 'FEE_PAID' AND network NOT IN ('geodnet', 'iotex-ioid')))`
let lastDay: Date

beforeAll(async () => {
  fx = await startFixture({ SIM_DAYS: '9' }, { importPrices: true })
  const { node, sim } = fx.devnet.nodes[0]
  const head = await node.rpc.blockNumber()
  for (let i = 0; i <= 5; i++) await sim.mine(sim.timestamp + 900, true)
  expect((await fx.runIndexerTo(head)).code).toBe(0)
  api = await startApi({ databaseUrl: fx.db.url, port: fx.config.PORT, host: '127.0.0.1', heads: HeadTracker.fromConfig(fx.config), pollMs: 300 })
  lastDay = (await q(`SELECT max(period_start) AS t FROM network_stat WHERE interval = 'DAY'`))[0].t
})
afterAll(async () => {
  await api?.stop()
  await fx?.stop()
})

describe('daily account rollups', () => {
  it('ProviderEarningDay equals per-provider, per-day sums of the facts', async () => {
    const want = await q(`SELECT network || '-' || to_char(date_trunc('day', timestamp AT TIME ZONE 'UTC'), 'YYYY-MM-DD') || '-' || actor AS id,
        sum(amount) FILTER (WHERE kind = 'FEE_PAID')::text AS fees, sum(amount) FILTER (WHERE kind = 'REWARD_EMITTED')::text AS rewards,
        count(*) FILTER (WHERE kind = 'LEASE_OPENED')::int AS opened, count(*) FILTER (WHERE kind = 'LEASE_CLOSED')::int AS closed, count(*)::int AS facts
      FROM economic_fact WHERE ${PROVIDER_FACT} GROUP BY 1 ORDER BY 1`)
    const got = await q(`SELECT id, fees_native::text AS fees, rewards_native::text AS rewards, leases_opened AS opened, leases_closed AS closed, facts FROM provider_earning_day ORDER BY id`)
    expect(got).toEqual(want.map((w) => ({ ...w, fees: w.fees ?? '0', rewards: w.rewards ?? '0' })))
    expect(got.length).toBeGreaterThan(20)
    expect(got.filter((g) => g.fees !== '0').length).toBeGreaterThan(0)
    expect(got.filter((g) => g.opened > 0).length).toBeGreaterThan(0)
  })

  it('PayerDay equals per-payer, per-day sums of fees in the fee asset', async () => {
    const want = await q(`SELECT f.network || '-' || to_char(date_trunc('day', f.timestamp AT TIME ZONE 'UTC'), 'YYYY-MM-DD') || '-' || f.counterparty AS id,
        sum(f.amount)::text AS fees, count(*)::int AS payments
      FROM economic_fact f JOIN network n ON n.id = f.network
      WHERE f.kind = 'FEE_PAID' AND f.counterparty IS NOT NULL AND f.asset = n.fee_asset GROUP BY 1 ORDER BY 1`)
    const got = await q(`SELECT id, fees_native::text AS fees, payments FROM payer_day ORDER BY id`)
    expect(got).toEqual(want)
    expect(new Set(got.map((g) => g.id.split('-')[0])).size).toBeGreaterThanOrEqual(2)
  })
})

describe('metrics series', () => {
  it('DAY series by network equal networkMetrics; WEEK and MONTH add flows, keep last stocks, recompute ratios', async () => {
    const ids = ['livepeer', 'thegraph', 'aethir']
    const daily: Record<string, any[]> = {}
    for (const id of ids) daily[id] = (await data(`{ networkMetrics(network: "${id}", interval: DAY) { periodStart feesUsd incentivesUsd capacity marketCap activeLeases } }`)).networkMetrics
    const metrics = 'FEES_USD INCENTIVES_USD DEMAND_REWARDS_RATIO CAPACITY MARKET_CAP ACTIVE_LEASES'
    const d = await data(`{ metrics(networks: ["livepeer", "thegraph", "aethir"], interval: DAY, metrics: [${metrics.split(' ').join(', ')}]) { metric key unit points { periodStart value } } }`)
    const series = (m: string, k: string, src = d) => src.metrics.find((s: any) => s.metric === m && s.key === k)
    for (const id of ids) {
      const fees = series('FEES_USD', id)
      expect(fees.unit).toBe('USD')
      // every day of networkMetrics appears with the same value; days without rollup rows have no fees
      const byDay = new Map(fees.points.map((p: any) => [p.periodStart, p.value]))
      for (const m of daily[id]) {
        expect(byDay.get(m.periodStart), `${id} ${m.periodStart}`).toBeCloseTo(m.feesUsd ?? NaN, 6)
      }
      expect(fees.points.at(-1).periodStart).toBe(lastDay.toISOString())
    }
    // weekly: sums of the daily values per Monday-based week, stocks at the week's last day
    const w = await data(`{ metrics(networks: ["livepeer", "thegraph", "aethir"], interval: WEEK, metrics: [${metrics.split(' ').join(', ')}]) { metric key points { periodStart value } } }`)
    for (const id of ids) {
      const weeks = new Map<number, any[]>()
      for (const m of daily[id]) {
        const k = monday(Date.parse(m.periodStart))
        weeks.set(k, [...(weeks.get(k) ?? []), m])
      }
      const got = (m: string) => new Map(series(m, id, w).points.map((p: any) => [Date.parse(p.periodStart), p.value]))
      expect([...got('FEES_USD').keys()]).toEqual([...weeks.keys()])
      expect(weeks.size).toBeGreaterThanOrEqual(2)
      for (const [k, days] of weeks) {
        const fees = days.reduce((s, m) => s + m.feesUsd, 0)
        const inc = days.reduce((s, m) => s + m.incentivesUsd, 0)
        expect(got('FEES_USD').get(k)).toBeCloseTo(fees, 4)
        expect(got('INCENTIVES_USD').get(k)).toBeCloseTo(inc, 4)
        if (inc > 0) expect(got('DEMAND_REWARDS_RATIO').get(k)).toBeCloseTo(fees / inc, 9)
        expect(got('CAPACITY').get(k)).toBe(days.at(-1).capacity)
        expect(got('ACTIVE_LEASES').get(k)).toBe(days.at(-1).activeLeases)
        if (days.at(-1).marketCap != null) expect(got('MARKET_CAP').get(k)).toBeCloseTo(days.at(-1).marketCap, 2)
      }
    }
    // monthly by category: the category's networks summed
    const m = await data(`{ metrics(categories: ["compute"], interval: MONTH, groupBy: CATEGORY, metrics: [FEES_USD, ACTIVE_PROVIDERS]) { metric key points { periodStart value } } }`)
    const fees = m.metrics.find((s: any) => s.metric === 'FEES_USD')
    expect(fees.key).toBe('compute')
    const monthOf = (iso: string) => iso.slice(0, 7) + '-01T00:00:00.000Z'
    const want = new Map<string, number>()
    for (const id of ['livepeer', 'aethir']) for (const x of daily[id]) want.set(monthOf(x.periodStart), (want.get(monthOf(x.periodStart)) ?? 0) + x.feesUsd)
    expect(fees.points.map((p: any) => p.periodStart)).toEqual([...want.keys()].sort())
    for (const p of fees.points) expect(p.value).toBeCloseTo(want.get(p.periodStart)!, 4)
    // active providers: distinct supply-side actors of the category's networks in the month, from the facts
    const prov = m.metrics.find((s: any) => s.metric === 'ACTIVE_PROVIDERS')
    for (const p of prov.points) {
      const [{ n }] = await q(`SELECT count(DISTINCT (network, actor))::int AS n FROM economic_fact WHERE network IN ('livepeer', 'aethir', 'spheron')
        AND actor IS NOT NULL AND kind = ANY($1) AND date_trunc('month', timestamp AT TIME ZONE 'UTC') = ($2::timestamptz AT TIME ZONE 'UTC')`, [SUPPLY_KINDS, p.periodStart])
      expect(p.value, p.periodStart).toBe(n)
    }
    expect(Math.max(...prov.points.map((p: any) => p.value))).toBeGreaterThan(3)
  })

  it('rejects metrics that cannot be grouped or counted as asked', async () => {
    expect(await error('{ metrics(groupBy: CATEGORY, metrics: [FEES]) { key } }')).toMatch(/FEES is in each network's own fee asset: group by NETWORK/)
    expect(await error('{ metrics(interval: HOUR, metrics: [ACTIVE_PROVIDERS]) { key } }')).toMatch(/ACTIVE_PROVIDERS is counted per day/)
    expect(await error('{ metrics(metrics: []) { key } }')).toMatch(/name at least one metric/)
    expect(await error('{ metrics(networks: ["nope"], metrics: [FEES_USD]) { key } }')).toMatch(/unknown network "nope"/)
    expect(await error('{ metrics(metrics: [FEES_USD], interval: HOUR, groupBy: PROVIDER) { key } }')).toMatch(/PROVIDER is for leaderboard/)
    expect(await error('{ metrics(metrics: [FEES_USD], from: "later") { key } }')).toMatch(/from: not a valid ISO 8601 date/)
  })
})

describe('leaderboards, provider stats, payer concentration', () => {
  it('ranks networks by 7-day fees as the daily series add up, and providers by fees from the facts', async () => {
    const from = new Date(lastDay.getTime() - 6 * DAY)
    const ids = ['livepeer', 'thegraph', 'aethir']
    const want: [string, number][] = []
    for (const id of ids) {
      const s = (await data(`{ networkMetrics(network: "${id}", interval: DAY) { periodStart feesUsd } }`)).networkMetrics
      want.push([id, s.filter((m: any) => Date.parse(m.periodStart) >= from.getTime()).reduce((a: number, m: any) => a + m.feesUsd, 0)])
    }
    want.sort((a, b) => b[1] - a[1])
    const got = (await data(`{ leaderboard(metric: FEES_USD, window: D7, networks: ["livepeer", "thegraph", "aethir"]) { rank key network category value unit } }`)).leaderboard
    expect(got.map((e: any) => e.key)).toEqual(want.map((w) => w[0]))
    got.forEach((e: any, i: number) => {
      expect(e.rank).toBe(i + 1)
      expect(e.value).toBeCloseTo(want[i][1], 4)
      expect(e.unit).toBe('USD')
    })
    const providers = (await data(`{ leaderboard(metric: FEES, window: D7, groupBy: PROVIDER, networks: ["livepeer"], limit: 5) { rank key network value unit } }`)).leaderboard
    const sql = await q(`SELECT actor, sum(amount)::text AS fees FROM economic_fact WHERE network = 'livepeer' AND kind = 'FEE_PAID' AND timestamp >= $1 AND timestamp < $2::timestamptz + interval '1 day'
      GROUP BY actor ORDER BY sum(amount) DESC, actor LIMIT 5`, [from, lastDay])
    expect(providers.map((p: any) => p.key)).toEqual(sql.map((r) => r.actor))
    providers.forEach((p: any, i: number) => expect(p.value).toBeCloseTo(Number(BigInt(sql[i].fees)) / 1e18, 12))
    expect(providers[0].unit).toBe('ETH')
    expect(providers.length).toBe(5)
    const cats = (await data(`{ leaderboard(metric: ACTIVE_PROVIDERS, window: ALL, groupBy: CATEGORY) { key value } }`)).leaderboard
    const [{ n }] = await q(`SELECT count(DISTINCT (network, actor))::int AS n FROM economic_fact WHERE network = 'thegraph' AND actor IS NOT NULL AND kind = ANY($1)`, [SUPPLY_KINDS])
    expect(cats.find((c: any) => c.key === 'data').value).toBe(n)
  })

  it('gives one provider its window figures as the facts add up', async () => {
    const [top] = await q(`SELECT actor FROM economic_fact WHERE network = 'livepeer' AND kind = 'REWARD_EMITTED' GROUP BY actor ORDER BY count(*) DESC, actor LIMIT 1`)
    const from = new Date(lastDay.getTime() - 6 * DAY)
    const s = (await data(`{ providerStats(network: "livepeer", provider: "${top.actor}", window: D7) {
      provider from to feesNative rewardsNative fees incentives incentivesUsd leasesOpened activeDays windowDays uptime firstSeen } }`)).providerStats
    const [f] = await q(`SELECT coalesce(sum(amount) FILTER (WHERE kind = 'FEE_PAID'), 0)::text AS fees, coalesce(sum(amount) FILTER (WHERE kind = 'REWARD_EMITTED'), 0)::text AS rewards,
        count(DISTINCT date_trunc('day', timestamp AT TIME ZONE 'UTC')) FILTER (WHERE kind = ANY($4))::int AS days, min(timestamp) AS first
      FROM economic_fact WHERE network = 'livepeer' AND actor = $1 AND timestamp >= $2 AND timestamp < $3::timestamptz + interval '1 day'`, [top.actor, from, lastDay, SUPPLY_KINDS])
    expect(s.provider).toBe(top.actor)
    expect(s.from).toBe(from.toISOString())
    expect(s.to).toBe(lastDay.toISOString())
    expect(s.feesNative).toBe(f.fees)
    expect(s.rewardsNative).toBe(f.rewards)
    expect(BigInt(s.rewardsNative)).toBeGreaterThan(0n)
    expect(s.activeDays).toBe(f.days)
    const [{ first }] = await q(`SELECT min(timestamp) AS first FROM economic_fact WHERE network = 'livepeer' AND actor = $1 AND (${PROVIDER_FACT})`, [top.actor])
    const startDay = Math.max(from.getTime(), Math.floor(first.getTime() / DAY) * DAY)
    expect(s.windowDays).toBe(Math.round((lastDay.getTime() - startDay) / DAY) + 1)
    expect(s.uptime).toBeCloseTo(f.days / s.windowDays, 12)
    expect(s.incentivesUsd).toBeGreaterThan(0)
    expect((await data(`{ providerStats(network: "livepeer", provider: "0x0000000000000000000000000000000000000001") { provider } }`)).providerStats).toBeNull()
  })

  it('measures payer concentration (top-10 share, HHI) as the fees per payer add up', async () => {
    const payerCounts: number[] = []
    for (const [network, window, days] of [['livepeer', 'D30', 30], ['thegraph', 'ALL', null], ['aethir', 'D7', 7]] as const) {
      const c = (await data(`{ payerConcentration(network: "${network}", window: ${window}, top: 3) { payers feesNative top10Share hhi feeAsset top { payer feesNative share } } }`)).payerConcentration
      const from = days == null ? null : new Date(lastDay.getTime() - (days - 1) * DAY)
      const rows = await q(`SELECT counterparty, sum(amount)::text AS fees FROM economic_fact WHERE network = $1 AND kind = 'FEE_PAID' AND counterparty IS NOT NULL
        AND ($2::timestamptz IS NULL OR timestamp >= $2) GROUP BY counterparty HAVING sum(amount) > 0 ORDER BY sum(amount) DESC, counterparty`, [network, from])
      const total = rows.reduce((s, r) => s + Number(r.fees), 0)
      const shares = rows.map((r) => Number(r.fees) / total)
      expect(c.payers).toBe(rows.length)
      payerCounts.push(rows.length)
      expect(BigInt(c.feesNative)).toBe(rows.reduce((s, r) => s + BigInt(r.fees), 0n))
      expect(c.top10Share).toBeCloseTo(shares.slice(0, 10).reduce((a, b) => a + b, 0), 9)
      expect(c.hhi).toBeCloseTo(shares.reduce((a, b) => a + b * b, 0), 9)
      expect(c.top.map((t: any) => t.payer)).toEqual(rows.slice(0, 3).map((r) => r.counterparty))
      if (rows.length) expect(c.top[0].share).toBeCloseTo(shares[0], 9)
    }
    // the devnet has networks with one payer and networks with many (so shares, top 10 and HHI are exercised)
    expect(Math.max(...payerCounts)).toBeGreaterThan(10)
    expect(Math.min(...payerCounts)).toBeGreaterThanOrEqual(1)
    expect(await error('{ payerConcentration(network: "nope") { hhi } }')).toMatch(/unknown network "nope"/)
    expect(await error('{ leaderboard(metric: CAPACITY, groupBy: PROVIDER) { key } }')).toMatch(/groupBy PROVIDER ranks by FEES, FEES_USD, INCENTIVES, INCENTIVES_USD/)
    expect(await error('{ leaderboard(metric: FEES, groupBy: PROVIDER) { key } }')).toMatch(/rank providers of one network/)
  })
})

describe('subscriptions over SSE', () => {
  it('streams every daily rollup row the indexer writes while it runs', async () => {
    const before = new Map((await q(`SELECT id, md5(s::text) AS sig FROM network_stat s WHERE interval = 'DAY'`)).map((r) => [r.id, r.sig]))
    const sub = subscribe('subscription { dailyStats(networks: ["livepeer", "thegraph", "aethir"]) { id network periodStart feesNative rewardsNative eventCount lastBlock } }')
    await sleep(1000) // the subscription's first poll: what exists now is not news
    const { node, sim } = fx.devnet.nodes[0]
    for (let i = 0; i < 4; i++) await sim.mine(sim.timestamp + 3600, true)
    const head = await node.rpc.blockNumber()
    for (let i = 0; i <= 5; i++) await sim.mine(sim.timestamp + 60, true)
    expect((await fx.runIndexerTo(head)).code).toBe(0)
    const after = await q(`SELECT id, network, period_start, fees_native::text AS fees, rewards_native::text AS rewards, event_count, last_block, md5(s::text) AS sig
      FROM network_stat s WHERE interval = 'DAY' AND network IN ('livepeer', 'thegraph', 'aethir') ORDER BY id`)
    const changed = after.filter((r) => before.get(r.id) !== r.sig)
    expect(changed.length).toBeGreaterThan(0)
    const last = () => {
      const m = new Map<string, any>()
      for (const e of sub.events) if (e.data?.dailyStats) m.set(e.data.dailyStats.id, e.data.dailyStats)
      return m
    }
    // every changed row arrives, its last event carrying the row as stored
    expect(await until(() => changed.every((r) => last().get(r.id)?.eventCount === r.event_count && last().get(r.id)?.lastBlock === r.last_block), 10_000)).toBe(true)
    sub.close()
    await sub.done
    expect([...last().keys()].sort()).toEqual(changed.map((r) => r.id))
    for (const r of changed) {
      expect(last().get(r.id)).toEqual({
        id: r.id, network: r.network, periodStart: r.period_start.toISOString(), feesNative: r.fees, rewardsNative: r.rewards, eventCount: r.event_count, lastBlock: r.last_block,
      })
    }
    expect(sub.events.every((e) => !e.errors)).toBe(true)
  })

  it('fires health alerts for lag, quiet networks and a low demand/rewards ratio, as the chain and the rollups say', async () => {
    const { node, sim } = fx.devnet.nodes[0]
    for (let i = 0; i < 5; i++) await sim.mine(sim.timestamp + 60, true) // the indexer is stopped: it falls behind
    const head = await node.rpc.blockNumber()
    const [{ height }] = await q(`SELECT height FROM chain_cursor WHERE id = '42161'`)
    const lastBlocks = await q(`SELECT network, max(last_block)::int AS b FROM network_stat WHERE interval = 'DAY' GROUP BY network`)
    const ratios: Record<string, number | null> = {}
    for (const { network } of lastBlocks) {
      const s = (await data(`{ networkMetrics(network: "${network}", interval: DAY) { demandRewardsRatio7d } }`)).networkMetrics
      ratios[network] = s.at(-1).demandRewardsRatio7d
    }
    const sub = subscribe('subscription { healthAlerts(maxLagBlocks: 2, quietBlocks: 3, minDemandRewardsRatio: 1e12) { kind status chainId network value threshold message } }')
    const wantRatio = Object.entries(ratios).filter(([, r]) => r != null).map(([n]) => n).sort()
    const want = 1 + lastBlocks.filter((x) => head - x.b > 3).length + wantRatio.length
    expect(await until(() => sub.events.length >= want, 10_000)).toBe(true)
    await sleep(800) // nothing more fires on later polls: alerts are edge-triggered
    sub.close()
    await sub.done
    const alerts = sub.events.map((e) => e.data.healthAlerts)
    expect(alerts.length).toBe(want)
    expect(alerts.every((a) => a.status === 'FIRING')).toBe(true)
    expect(alerts.filter((a) => a.kind === 'INDEXER_LAG')).toEqual([
      expect.objectContaining({ chainId: 42161, network: null, value: head - height, threshold: 2 }),
    ])
    expect(head - height).toBeGreaterThanOrEqual(5)
    const quiet = alerts.filter((a) => a.kind === 'NETWORK_QUIET')
    expect(quiet.map((a) => a.network).sort()).toEqual(lastBlocks.filter((x) => head - x.b > 3).map((x) => x.network).sort())
    for (const a of quiet) expect(a.value).toBe(head - lastBlocks.find((x) => x.network === a.network)!.b)
    const low = alerts.filter((a) => a.kind === 'DEMAND_REWARDS_BELOW')
    expect(low.map((a) => a.network).sort()).toEqual(wantRatio)
    expect(wantRatio.length).toBeGreaterThan(0)
    for (const a of low) expect(a.value).toBeCloseTo(ratios[a.network]!, 9)
    // a bad threshold is a GraphQL error in the stream, not a crash
    const bad = subscribe('subscription { healthAlerts(maxLagBlocks: -1) { kind } }')
    expect(await until(() => bad.events.length > 0, 5000)).toBe(true)
    bad.close()
    expect(bad.events[0].errors[0].message).toMatch(/maxLagBlocks must be at least 0/)
  })
})
