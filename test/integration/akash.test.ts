/**
 * Akash end to end: the devnet's CometBFT server -> the indexer process (CometBFT source) -> Postgres, compared with
 * figures recomputed independently from the raw RPC responses (test/helpers/recompute-akash.ts). The first run is
 * killed with SIGKILL in the middle of indexing; the second resumes from the committed height: totals equal to the
 * recomputation mean no row was lost or written twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { leasedHistory, leasedResources } from '../../api/leased'
import { declaredCapacity } from '../../api/declared'
import { leaderboard, payerConcentration, payerStats, providerStats, windowBounds } from '../../api/analytics'
import { spawnIndexer } from '../../cli/stack'
import { startFixture, type Fixture } from '../helpers/fixture'
import { bankSupplyAt, recomputeAkash, type AkashRecompute } from '../helpers/recompute-akash'
import { networkMetrics } from '../../api/metrics'
import { networkById } from '../../indexer/registry'
import { join } from 'node:path'

let fx: Fixture
let head: number
let expected: AkashRecompute
let killedAt = -1
let run: { code: number | null; log: string }
/** the devnet's v1 upgrade: v0.38 blocks before, v1 blocks (typed events, CometBFT 0.38 results) from here; SIM_DAYS 2 gives at least 576 blocks */
const UPGRADE = 300
/** the devnet's governance proposal changing x/take (upgrade + upgrade / 2) */
const TAKE_CHANGE = 450
/** node v2 from here: new deployments priced in ACT (uact), no take */
const V2 = 520

// the other chains point at an unused port: no devnet node is started for them, and their indexers are not run
const NO_EVM = { RPC_ARBITRUM_ONE_URL: 'http://127.0.0.1:9', RPC_POLYGON_URL: 'http://127.0.0.1:9', RPC_BASE_URL: 'http://127.0.0.1:9', RPC_IOTEX_URL: 'http://127.0.0.1:9', RPC_FILECOIN_URL: 'http://127.0.0.1:9/rpc/v1' }

beforeAll(async () => {
  fx = await startFixture({ ...NO_EVM, SIM_DAYS: '2', SIM_AKASH_UPGRADE_HEIGHT: String(UPGRADE), SIM_AKASH_V2_HEIGHT: String(V2) }, { importPrices: true })
  const chain = fx.devnet.cometbft[0]
  head = chain.devnet.height
  // first run: small batches, killed with SIGKILL once some batches are committed
  const p = spawnIndexer({
    databaseUrl: fx.db.url, logFile: join(fx.dataDir, 'indexer-killed.log'),
    env: { ...fx.config.env, INDEXER_CHAIN: 'akash', COMETBFT_BATCH_BLOCKS: '50', LOG_LEVEL: 'info' },
  })
  for (;;) {
    const r = await fx.pool.query(`SELECT height FROM chain_cursor WHERE chain = 'akash'`).catch(() => ({ rows: [] as any[] }))
    const h = r.rows[0]?.height ?? 0
    if (h >= head / 3 || p.child.exitCode != null) break
    await new Promise((r) => setTimeout(r, 20))
  }
  p.child.kill('SIGKILL')
  await p.exited
  killedAt = (await fx.pool.query(`SELECT height FROM chain_cursor WHERE chain = 'akash'`)).rows[0].height
  // resumed run and the independent recomputation side by side
  ;[run, expected] = await Promise.all([
    fx.runIndexerTo(head, { ...fx.config.env, INDEXER_CHAIN: 'akash', LOG_LEVEL: 'debug' }),
    recomputeAkash(chain.devnet.httpUrl, head),
  ])

}, 240_000)
afterAll(async () => {
  await fx?.stop()
})

describe('Akash over CometBFT', () => {
  it('resumes after kill -9 mid-run and indexes to the head with nothing quarantined', async () => {
    expect(run.code, run.log.slice(-3000)).toBe(0)
    expect(killedAt).toBeGreaterThan(0)
    expect(killedAt).toBeLessThan(head)
    const c = await fx.pool.query(`SELECT height FROM chain_cursor WHERE chain = 'akash'`)
    expect(c.rows[0].height).toBe(head)
    expect((await fx.pool.query(`SELECT count(*)::int AS n FROM quarantined_log`)).rows[0].n).toBe(0)
    // every module event and mint of the chain once: the recomputation counts them from the RPC responses
    const raw = await fx.pool.query(`SELECT count(*)::int AS n FROM raw_event WHERE network = 'akash' AND name NOT IN ('indexer/escrow-accrual', 'deployment/deposit', 'bank/escrow-transfer', 'indexer/take-params', 'indexer/bank-supply')`)
    expect(raw.rows[0].n).toBe(expected.events)
  })

  it('covers both node generations: v0.38 message events before the upgrade height, typed akash.*.v1 events after', async () => {
    expect(expected.legacyEvents).toBeGreaterThan(0)
    expect(expected.typedEvents).toBeGreaterThan(0)
    const typed = await fx.pool.query(`SELECT count(*)::int AS n, min(block_number) AS first FROM raw_event WHERE network = 'akash' AND args ? 'event' AND args->>'event' LIKE 'akash.%'`)
    expect(typed.rows[0].n).toBe(expected.typedEvents)
    const legacy = await fx.pool.query(`SELECT max(block_number) AS last FROM raw_event WHERE network = 'akash' AND name LIKE '%/%' AND NOT args ? 'event' AND name NOT IN ('indexer/escrow-accrual', 'deployment/deposit', 'bank/escrow-transfer', 'indexer/take-params', 'indexer/bank-supply')`)
    expect(Number(legacy.rows[0].last)).toBeLessThan(UPGRADE)
    expect(Number(typed.rows[0].first)).toBeGreaterThanOrEqual(UPGRADE)
  })

  it('take rate from the chain: x/take params read over abci_query at start and after the passed proposal; take facts onchain', async () => {
    // the devnet's proposal (block UPGRADE * 1.5) raises the uakt take from 4 % to 10 %; the recomputation read it independently
    expect(head).toBeGreaterThan(TAKE_CHANGE)
    expect(expected.takeChanges).toEqual([{ height: TAKE_CHANGE, uakt: 10n }])
    // the first run read the v0.38 node's x/params subspace at block 1; the resumed run read the same (no new record);
    // the proposal's change was read from the v1 node's take query service
    const changes = (await fx.pool.query(`SELECT block_number, args FROM raw_event WHERE network = 'akash' AND name = 'indexer/take-params' ORDER BY block_number`)).rows
    expect(changes.map((r) => [r.block_number, JSON.parse(r.args.denomRates).uakt, r.args.defaultRate, r.args.path])).toEqual([
      [1, 4, '20', '/cosmos.params.v1beta1.Query/Params take/{DefaultTakeRate,DenomTakeRates}'],
      [TAKE_CHANGE, 10, '20', '/akash.take.v1.Query/Params'],
    ])
    const prov = (await fx.pool.query(`SELECT provenance, count(*)::int AS n, sum(CASE WHEN block_number > $1 THEN 1 ELSE 0 END)::int AS after FROM economic_fact WHERE network = 'akash' AND kind = 'PROTOCOL_TAKE' GROUP BY provenance`, [TAKE_CHANGE])).rows
    expect(prov.map((r) => r.provenance)).toEqual(['onchain'])
    expect(prov[0].after).toBeGreaterThan(0)
  })

  it('daily rollups equal the recomputation: fees in AKT and USDC, take, mints, leases, providers', async () => {
    const rows = (await fx.pool.query(`SELECT * FROM network_stat WHERE network = 'akash' AND interval = 'DAY' ORDER BY period_start`)).rows
    expect(rows.length).toBe(expected.days.size)
    let fees = 0n
    // the opening balance (x/bank supply before the indexed mints: supply at the head - all mints) is minted on the first day
    const minted = [...expected.days.values()].reduce((s, d) => s + d.minted, 0n)
    const burned = [...expected.days.values()].reduce((s, d) => s + d.burned, 0n)
    const opening = (await bankSupplyAt(fx.devnet.cometbft[0].devnet.httpUrl, head)) - minted + burned
    expect(opening).toBeGreaterThan(0n)
    for (const [i, r] of rows.entries()) {
      const k = r.period_start.toISOString().slice(0, 10)
      const e = expected.days.get(k)!
      expect(e, k).toBeDefined()
      expect(BigInt(r.fees_native), `${k} fees uakt`).toBe(e.feesAkt)
      expect(BigInt(r.protocol_take_native), `${k} take uakt`).toBe(e.takeAkt)
      expect(Number(r.fees_other_usd), `${k} fees USDC`).toBeCloseTo(Number(e.feesUsdc) / 1e6, 6)
      expect(Number(r.protocol_take_other_usd), `${k} take USDC`).toBeCloseTo(Number(e.takeUsdc) / 1e6, 6)
      expect(BigInt(r.minted_native), `${k} minted`).toBe(e.minted + (i === 0 ? opening : 0n))
      expect(BigInt(r.rewards_native), `${k} rewards`).toBe(e.minted)
      expect(r.leases_opened, `${k} leases opened`).toBe(e.leasesOpened)
      expect(r.leases_closed, `${k} leases closed`).toBe(e.leasesClosed)
      expect(r.nodes_registered, `${k} providers`).toBe(e.providers)
      expect(r.nodes_deregistered, `${k} providers deleted`).toBe(e.providersDeleted)
      expect(BigInt(r.burned_native), `${k} burned`).toBe(e.burned)
      expect(r.protocol_take_provenance, k).toBe(e.takeAkt + e.takeUsdc > 0n ? 'onchain' : null)
      fees += BigInt(r.fees_native)
    }
    expect(fees).toBeGreaterThan(0n)
    expect([...expected.days.values()].some((d) => d.feesUsdc > 0n)).toBe(true)
    // the devnet burns (x/gov) and has failed transactions (MsgDeleteProvider, which the chain refuses): both occur
    expect(expected.failedTxs).toBeGreaterThan(0)
    expect(burned).toBeGreaterThan(0n)
  })

  it('Lease rows: one per lease with its price per block, spend at close (escrow exhaustion included) and GPUs', async () => {
    const rows = (await fx.pool.query(`SELECT * FROM lease WHERE network = 'akash'`)).rows
    expect(rows.length).toBe(expected.leases.size)
    let exhausted = 0
    for (const r of rows) {
      const e = expected.leases.get(r.lease_id)!
      expect(e, r.lease_id).toBeDefined()
      expect(BigInt(r.price), r.lease_id).toBe(e.price)
      expect(r.price_unit).toBe('block')
      expect(r.status).toBe(e.closed ? 'CLOSED' : 'OPEN')
      expect(Number(r.resources?.gpu ?? 0), r.lease_id).toBe(e.gpu)
      // the group's resources recomputed from MsgCreateDeployment, the heights from the lease events
      expect(r.resources, r.lease_id).toMatchObject({ cpu: String(e.res.cpu), memoryBytes: String(e.res.memory), storageBytes: String(e.res.storage), gpuByModel: e.res.gpus })
      expect([r.payer, r.provider, r.opened_block, r.closed_block], r.lease_id).toEqual([e.owner, e.provider, e.opened, e.closedAt])
      if (e.closed) {
        expect(BigInt(r.spent), r.lease_id).toBe(e.spent)
        // ran dry: spent less than price x the blocks it was open
        if (e.spent < e.price * BigInt(r.closed_block - r.opened_block)) exhausted++
      }
    }
    expect(exhausted).toBeGreaterThan(0)
  })

  it('node v2: ACT leases (uact) after its height, asset ACT, no take, in the other fee assets at 1 USD', async () => {
    const act = [...expected.leases.entries()].filter(([, l]) => l.denom === 'uact')
    expect(act.length).toBeGreaterThan(0)
    expect(act.every(([, l]) => l.opened >= V2)).toBe(true)
    const rows = (await fx.pool.query(`SELECT lease_id, opened_block FROM lease WHERE network = 'akash' AND price_asset = 'ACT'`)).rows
    expect(rows.map((r) => r.lease_id).sort()).toEqual(act.map(([id]) => id).sort())
    const facts = (await fx.pool.query(`SELECT kind, count(*)::int AS n, coalesce(sum(amount), 0)::text AS amount FROM economic_fact WHERE network = 'akash' AND asset = 'ACT' GROUP BY kind ORDER BY kind`)).rows
    expect(facts.map((f) => f.kind)).toContain('FEE_PAID')
    expect(facts.map((f) => f.kind)).not.toContain('PROTOCOL_TAKE')
    // what the ACT leases accrued, booked: the recomputation's spend of its ACT leases, whole base units per booking
    const fees = BigInt(facts.find((f) => f.kind === 'FEE_PAID')!.amount)
    expect(fees).toBeGreaterThan(0n)
    expect(fees).toBeLessThanOrEqual(act.reduce((s, [, l]) => s + l.spent, 0n) / 10n ** 18n)
  })

  it('declared capacity (API declaredCapacity): providers, providers declaring GPUs and GPU models equal the providers\' last attributes on chain', async () => {
    const got = await declaredCapacity(fx.pool, 'akash')
    const decl = [...expected.declaredGpus.values()]
    expect(got.providers).toBe(expected.declaredGpus.size)
    expect(got.providersWithGpus).toBe(decl.filter((g) => g.length > 0).length)
    const byModel = new Map<string, number>()
    for (const g of decl) for (const m of g) byModel.set(m, (byModel.get(m) ?? 0) + 1)
    expect(Object.fromEntries(got.gpuModels.map((g) => [g.model, g.providers]))).toEqual(Object.fromEntries(byModel))
    expect(got.providersWithGpus).toBeGreaterThan(0)
    expect(got.providersWithGpus).toBeLessThan(got.providers)
    expect(got).toMatchObject({ provenance: 'declared', quantitiesOnChain: false, storageClasses: [{ storageClass: 'beta2', providers: got.providers }] })
  })

  it('supply, market cap and FDV: x/bank supply read over abci_query, price from the imported AKT prices', async () => {
    const rpc = fx.devnet.cometbft[0].devnet.httpUrl
    const supply = await bankSupplyAt(rpc, head)
    const m = await networkMetrics(fx.pool, networkById('akash')!, 'DAY')
    const last = m[m.length - 1]
    expect(last.totalSupply).toBeCloseTo(Number(supply) / 1e6, 3)
    expect(last.circulatingSupply).toBe(last.totalSupply)
    const price = (await fx.pool.query(`SELECT price::float8 AS p FROM token_price WHERE asset = 'AKT' AND interval = 'DAY' AND period_start <= $1 ORDER BY period_start DESC LIMIT 1`, [last.periodStart])).rows[0].p
    expect(price).toBeGreaterThan(0)
    expect(last.marketCap!).toBeCloseTo((Number(supply) / 1e6) * price, 0)
    expect(last.fdv!).toBeCloseTo((Number(supply) / 1e6) * price, 0)
    expect(last.fdvBasis).toBe('total-supply')
    // the first run read the opening balance, the resumed run found the tracked supply equal to the chain's: no reconciliation
    const subjects = (await fx.pool.query(`SELECT subject, count(*)::int AS n FROM economic_fact WHERE network = 'akash' AND kind IN ('SUPPLY_MINT', 'SUPPLY_BURN') AND subject IS NOT NULL GROUP BY 1`)).rows
    expect(subjects).toEqual([{ subject: 'opening-balance', n: 1 }])
    // and leaves no record (a resumed run stores what one run would)
    expect((await fx.pool.query(`SELECT count(*)::int AS n FROM raw_event WHERE network = 'akash' AND name = 'indexer/bank-supply'`)).rows[0].n).toBe(1)
  })

  it('per provider and per tenant in AKT and USDC over 1d, 7d and all (providerStats, leaderboard, payerConcentration) equal the recomputation', async () => {
    const bounds = (await windowBounds(fx.pool, 'ALL'))!
    const from7 = new Date(bounds.to.getTime() - 6 * 86_400_000).toISOString().slice(0, 10)
    const from1 = bounds.to.toISOString().slice(0, 10)
    const sum = (days: Map<string, { akt: bigint; usdc: bigint; takeAkt: bigint; takeOther: bigint }> | undefined, from: string | null) => {
      const s = { akt: 0n, usdc: 0n, takeAkt: 0n, takeOther: 0n }
      for (const [d, v] of days ?? []) if (from == null || d >= from) (s.akt += v.akt), (s.usdc += v.usdc), (s.takeAkt += v.takeAkt), (s.takeOther += v.takeOther)
      return s
    }
    let usdcProviders = 0
    for (const [provider, days] of expected.byProvider) {
      for (const [window, from] of [['ALL', null], ['D7', from7], ['D1', from1]] as const) {
        const got = (await providerStats(fx.pool, { network: 'akash', provider, window }))!
        const want = sum(days, from)
        expect(BigInt(got.feesNative), `${provider} ${window} uakt`).toBe(want.akt)
        expect(BigInt(got.feesOtherNative), `${provider} ${window} USDC`).toBe(want.usdc)
        expect(got.feesOtherUsd).toBeCloseTo(Number(want.usdc) / 1e6, 6)
        expect(got.feesOtherAsset).toBe('USDC+ACT')
        // net of the take the recomputation books on each of the provider's fees (rate of the denom at that time)
        expect([BigInt(got.takeNative), BigInt(got.takeOtherNative)], `${provider} ${window} take`).toEqual([want.takeAkt, want.takeOther])
        expect(BigInt(got.earningsNetNative)).toBe(want.akt - want.takeAkt)
        expect(BigInt(got.earningsNetOtherNative)).toBe(want.usdc - want.takeOther)
        if (window === 'ALL' && want.usdc > 0n) usdcProviders++
      }
    }
    expect(usdcProviders).toBeGreaterThan(0)
    // the provider leaderboard in USD counts USDC at 1 USD: its top entry is at least its USDC earnings
    const board = await leaderboard(fx.pool, { metric: 'FEES_USD', window: 'ALL', groupBy: 'PROVIDER', limit: 100, networks: ['akash'] })
    for (const e of board) expect(e.value!, e.key).toBeGreaterThanOrEqual(Number(sum(expected.byProvider.get(e.key), null).usdc) / 1e6 - 1e-6)
    for (const [window, from] of [['ALL', null], ['D7', from7], ['D1', from1]] as const) {
      const got = await payerConcentration(fx.pool, { network: 'akash', window, top: 1000 })
      const want = [...expected.byPayer].map(([payer, days]) => ({ payer, ...sum(days, from) })).filter((p) => p.akt > 0n || p.usdc > 0n)
      expect(got.payers, window).toBe(want.length)
      expect(BigInt(got.feesNative)).toBe(want.reduce((s, p) => s + p.akt, 0n))
      expect(BigInt(got.feesOtherNative)).toBe(want.reduce((s, p) => s + p.usdc, 0n))
      const byPayer = new Map(got.top.map((t) => [t.payer, t]))
      for (const p of want) {
        expect(BigInt(byPayer.get(p.payer)!.feesNative), p.payer).toBe(p.akt)
        expect(BigInt(byPayer.get(p.payer)!.feesOtherNative), p.payer).toBe(p.usdc)
      }
      expect(got.feesUsd).not.toBeNull()
      expect(got.hhiUsd!).toBeGreaterThan(0)
    }
  })

  it('leased capacity now (API leasedResources): open leases, CPU, memory, storage and GPUs per model equal the recomputation', async () => {
    const got = await leasedResources(fx.pool, 'akash')
    const open = [...expected.leases.values()].filter((l) => !l.closed)
    expect(got.openLeases).toBe(open.length)
    expect(got.withResources).toBe(open.length)
    expect(got.gpus).toBe(open.reduce((s, l) => s + l.gpu, 0))
    expect(got.cpu).toBe(Number(open.reduce((s, l) => s + l.res.cpu, 0n)) / 1000)
    expect(got.memoryBytes).toBe(String(open.reduce((s, l) => s + l.res.memory, 0n)))
    expect(got.storageBytes).toBe(String(open.reduce((s, l) => s + l.res.storage, 0n)))
    const byModel = new Map<string, { gpus: number; leases: number }>()
    for (const l of open) for (const [m, n] of Object.entries(l.res.gpus)) byModel.set(m, { gpus: (byModel.get(m)?.gpus ?? 0) + n, leases: (byModel.get(m)?.leases ?? 0) + 1 })
    expect(Object.fromEntries(got.gpusByModel.map((g) => [g.model, { gpus: g.gpus, leases: g.leases }]))).toEqual(Object.fromEntries(byModel))
    expect(got.gpusByModel.reduce((s, g) => s + g.gpus, 0)).toBe(got.gpus)
    expect(got.gpus).toBeGreaterThan(0)
    // the devnet has leases with GPUs of two models: split per model, no comma-joined model
    expect([...expected.leases.values()].some((l) => Object.keys(l.res.gpus).length > 1)).toBe(true)
    expect(got.gpusByModel.every((g) => !g.model.includes(','))).toBe(true)
    // daily history: leases open at each day's end (opened that day or before, not closed by its end)
    const history = await leasedHistory(fx.pool, 'akash', 5)
    expect(history.length).toBe(5)
    let withLeases = 0
    for (const h of history) {
      const d = h.day.toISOString().slice(0, 10)
      const openThen = [...expected.leases.values()].filter((l) => l.openedDay <= d && (l.closedDay == null || l.closedDay > d))
      expect([h.openLeases, h.gpus, h.cpu, h.memoryBytes], d).toEqual([openThen.length, openThen.reduce((s, l) => s + l.gpu, 0), Number(openThen.reduce((s, l) => s + l.res.cpu, 0n)) / 1000, String(openThen.reduce((s, l) => s + l.res.memory, 0n))])
      if (h.openLeases > 0) withLeases++
    }
    expect(withLeases).toBeGreaterThan(1)
    // the last day's end: the leases open now
    expect(history[4].openLeases).toBe(got.openLeases)
  })

  it('per provider and per tenant leases (providerStats, payerStats, payerConcentration): opened / closed in the window and open now equal the recomputation', async () => {
    const bounds = (await windowBounds(fx.pool, 'ALL'))!
    const from1 = bounds.to.toISOString().slice(0, 10)
    const all = [...expected.leases.values()]
    const count = (ls: typeof all, from: string | null) => ({
      opened: ls.filter((l) => from == null || l.openedDay >= from).length,
      closed: ls.filter((l) => l.closedDay != null && (from == null || l.closedDay >= from)).length,
      open: ls.filter((l) => !l.closed).length,
    })
    const providers = new Set(all.map((l) => l.provider))
    for (const provider of providers) {
      for (const [window, from] of [['ALL', null], ['D1', from1]] as const) {
        const got = (await providerStats(fx.pool, { network: 'akash', provider, window }))!
        const want = count(all.filter((l) => l.provider === provider), from)
        expect([got.leasesOpened, got.leasesClosed, got.openLeases], `${provider} ${window}`).toEqual([want.opened, want.closed, want.open])
      }
    }
    const owners = new Set(all.map((l) => l.owner))
    let differs = 0
    for (const payer of owners) {
      for (const [window, from] of [['ALL', null], ['D1', from1]] as const) {
        const got = (await payerStats(fx.pool, { network: 'akash', payer, window }))!
        const ls = all.filter((l) => l.owner === payer)
        const want = count(ls, from)
        expect([got.leasesOpened, got.leasesClosed, got.openLeases], `${payer} ${window}`).toEqual([want.opened, want.closed, want.open])
        const fees = { akt: 0n, usdc: 0n }
        for (const [d, v] of expected.byPayer.get(payer) ?? []) if (from == null || d >= from) (fees.akt += v.akt), (fees.usdc += v.usdc)
        expect([BigInt(got.feesNative), BigInt(got.feesOtherNative)], `${payer} ${window} fees`).toEqual([fees.akt, fees.usdc])
        if (window === 'D1' && want.opened !== count(ls, null).opened) differs++
      }
    }
    expect(differs).toBeGreaterThan(0) // the windows do filter
    expect(await payerStats(fx.pool, { network: 'akash', payer: 'akash1nobody', window: 'ALL' })).toBeNull()
    const conc = await payerConcentration(fx.pool, { network: 'akash', window: 'ALL', top: 1000 })
    for (const t of conc.top) expect(t.openLeases, t.payer).toBe(count(all.filter((l) => l.owner === t.payer), null).open)
    expect(conc.top.some((t) => t.openLeases > 0)).toBe(true)
  })

  it('7d / 30d / all windows filter by day (the devnet history is 2 days: a provider and a tenant with rows 0-45 days old)', async () => {
    // rows of one made-up provider and tenant, `ago` days before the last indexed day; fees 10^i tell which rows a sum holds
    const to = (await windowBounds(fx.pool, 'ALL'))!.to
    const ago = [0, 3, 6, 7, 20, 29, 30, 45]
    const day = (d: number) => new Date(to.getTime() - d * 86_400_000)
    const P = 'akash1windowprovider'
    const T = 'akash1windowtenant'
    await fx.pool.query(`INSERT INTO provider (id, network, category, address, first_seen, first_block, last_seen, last_block, capacity, unit, fees_native, rewards_native, leases_opened, leases_closed, facts)
      VALUES ($1, 'akash', 'compute', $2, $3, 1, $4, 1, 0, 'providers', 0, 0, 0, 0, 0)`, [`akash-${P}`, P, day(45), to])
    for (const [i, d] of ago.entries()) {
      await fx.pool.query(`INSERT INTO provider_earning_day (id, network, day, provider, fees_native, fees_other, take_native, take_other, rewards_native, leases_opened, leases_closed, facts) VALUES ($1, 'akash', $2, $3, $4, $5, 0, 0, 0, 1, 0, 1)`,
        [`w-${P}-${i}`, day(d), P, String(10n ** BigInt(i)), String(2n * 10n ** BigInt(i))])
      await fx.pool.query(`INSERT INTO payer_day (id, network, day, payer, fees_native, fees_other, payments) VALUES ($1, 'akash', $2, $3, $4, 0, 1)`, [`w-${T}-${i}`, day(d), T, String(10n ** BigInt(i))])
      // a lease opened that day, closed at its last second for odd i (spent 10^i), open otherwise
      const closed = i % 2 === 1 ? new Date(day(d).getTime() + 86_400_000 - 1000) : null
      await fx.pool.query(`INSERT INTO lease (id, network, category, chain_id, lease_id, provider, payer, status, provenance, opened_at, closed_at, spent) VALUES ($1, 'akash', 'compute', 1000002, $8, $2, $3, $4, 'onchain', $5, $6, $7)`,
        [`w-lease-${i}`, P, T, closed ? 'CLOSED' : 'OPEN', day(d), closed, closed ? String(10n ** BigInt(i)) : null, `w-lease-${i}`])
    }
    const within = (days: number | null) => ago.map((d, i) => [d, i] as const).filter(([d]) => days == null || d <= days - 1).map(([, i]) => i)
    const sum = (is: number[], k = 1n) => String(is.reduce((s, i) => s + k * 10n ** BigInt(i), 0n))
    for (const [window, days] of [['D7', 7], ['D30', 30], ['ALL', null]] as const) {
      const is = within(days)
      const p = (await providerStats(fx.pool, { network: 'akash', provider: P, window }))!
      expect([p.feesNative, p.feesOtherNative, p.leasesOpened], `provider ${window}`).toEqual([sum(is), sum(is, 2n), is.length])
      const t = (await payerStats(fx.pool, { network: 'akash', payer: T, window }))!
      const closedIn = is.filter((i) => i % 2 === 1)
      expect([t.feesNative, t.payments, t.leasesOpened, t.leasesClosed, t.leasesSpentNative, t.openLeases], `tenant ${window}`)
        .toEqual([sum(is), is.length, is.length, closedIn.length, sum(closedIn), ago.filter((_, i) => i % 2 === 0).length])
      const c = await payerConcentration(fx.pool, { network: 'akash', window, top: 10_000 })
      expect(c.top.find((x) => x.payer === T)?.feesNative, `concentration ${window}`).toBe(sum(is))
    }
    // the three windows differ here
    expect(new Set([7, 30, null].map((d) => within(d).length)).size).toBe(3)
  })
})
