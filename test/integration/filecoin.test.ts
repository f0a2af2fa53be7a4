/**
 * Filecoin end to end: the devnet's Lotus-compatible server -> the Lotus source (indexer process) -> PostgreSQL.
 * Daily rollups, leases and quarantine are compared with totals recomputed independently from the raw RPC answers
 * (JSON-RPC over fetch, entries decoded with cborg directly: nothing shared with the indexer's decoder), over a
 * bounded run that stops mid-batch and a resumed run to the head.
 */
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { decode as cborDecode } from 'cborg'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig, type Config } from '../../common/config'
import { startDatabase, type Database } from '../../common/postgres'
import { spawnIndexer } from '../../cli/stack'
import { startDevnet, type Devnet } from '../../devnet/devnet'
import { applyMigrations } from '../../indexer/store/dataSource'
import { networkMetrics } from '../../api/metrics'
import { networkById } from '../../indexer/registry'
import { freePort, freePortBlock } from '../helpers/ports'

// Filecoin mainnet facts, restated here from docs/networks.md: epoch 0 at 2020-08-24 22:00 UTC, 30 s epochs
const GENESIS = 1_598_306_400
const SAMPLE = 120

let dataDir: string
let config: Config
let db: Database
let devnet: Devnet
let pool: pg.Pool
let url: string
let first: number
let head: number
const runs: { code: number | null; log: string }[] = []

async function rpc<T = any>(method: string, params: unknown[]): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
  const body = (await res.json()) as { result?: T; error?: { message: string } }
  if (body.error) throw new Error(`${method}: ${body.error.message}`)
  return body.result as T
}

/** an entry value: cborg with tag 42 (CID) kept as bytes; integers as number or bigint */
const tags: any[] = []
tags[42] = (inner: () => Uint8Array) => ({ cid: Buffer.from(inner()).toString('hex') })
const value = (b64: string) => cborDecode(Buffer.from(b64, 'base64'), { tags })

async function runIndexer(end: number) {
  const logFile = join(dataDir, `indexer-${runs.length}.log`)
  const p = spawnIndexer({
    databaseUrl: db.url, logFile,
    env: { DEVNET_PORT: String(config.DEVNET_PORT), DATA_DIR: dataDir, SIM_SEED: '7', INDEXER_CHAIN: 'filecoin', END_BLOCK_FILECOIN: String(end), LOG_LEVEL: 'info' },
  })
  const code = await p.exited
  const { readFileSync } = await import('node:fs')
  runs.push({ code, log: readFileSync(logFile, 'utf8') })
  return code
}

interface Day { fees: bigint; rewards: bigint; burned: bigint; minted: bigint; protocolTake: bigint; leasesOpened: number; leasesClosed: number; leasedAdded: bigint; leasedRemoved: bigint; capacityAdded: bigint; capacityRemoved: bigint }
const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10)

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'depin-filecoin-'))
  // only the Filecoin devnet: the EVM chains point at an address nothing listens on and are not indexed here
  config = loadConfig({
    DATA_DIR: dataDir, DEVNET_PORT: String(await freePortBlock()), EMBEDDED_PG_PORT: String(await freePort()), SIM_DAYS: '2', SIM_LIVE: 'false', SIM_SEED: '7', LOG_LEVEL: 'warn',
    RPC_ARBITRUM_ONE_URL: 'http://127.0.0.1:9', RPC_POLYGON_URL: 'http://127.0.0.1:9', RPC_BASE_URL: 'http://127.0.0.1:9', RPC_IOTEX_URL: 'http://127.0.0.1:9',
  })
  db = await startDatabase({ dataDir, port: config.EMBEDDED_PG_PORT })
  await applyMigrations(db.url)
  devnet = await startDevnet({ config, now: Math.floor(Date.now() / 1000) })
  url = devnet.lotus[0].server.url
  pool = new pg.Pool({ connectionString: db.url, max: 2 })
  first = devnet.lotus[0].server.sim.firstEpoch
  head = (await rpc('Filecoin.ChainHead', [])).Height
  // a bounded run that ends inside a batch, then a resumed run to the head
  expect(await runIndexer(first + 3000)).toBe(0)
  expect(await runIndexer(head)).toBe(0)
}, 240_000)

afterAll(async () => {
  await pool?.end()
  await devnet?.stop()
  await db?.stop()
  if (dataDir && !process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true })
})

describe('Filecoin via Lotus JSON-RPC', () => {
  it('indexes the devnet to its head, resuming where the bounded run stopped', async () => {
    expect(runs[1].log).toMatch(new RegExp(`"resumeFrom":${first + 3001}\\b`))
    const { rows } = await pool.query(`SELECT height FROM chain_cursor WHERE id = '314'`)
    expect(rows[0].height).toBe(head)
    const q = await pool.query(`SELECT count(*)::int AS n FROM quarantined_log WHERE network = 'filecoin'`)
    expect(q.rows[0].n).toBe(0)
  })

  it('daily rollups equal totals recomputed from the raw RPC answers', async () => {
    // events: every actor event of the range, decoded here
    const events: { height: number; emitter: string; type: string; f: Record<string, any>; tsk: unknown }[] = []
    for (let from = first; from <= head; from += 2000) {
      const raw = await rpc<any[]>('Filecoin.GetActorEventsRaw', [{ fromHeight: from, toHeight: Math.min(head, from + 1999) }])
      for (const e of raw ?? []) {
        const f: Record<string, any> = {}
        for (const en of e.entries) {
          expect(en.Codec).toBe(0x51)
          f[en.Key] = value(en.Value)
        }
        events.push({ height: e.height, emitter: e.emitter, type: f.$type, f, tsk: e.tipsetKey })
      }
    }
    const types = new Set(events.map((e) => e.type))
    for (const t of ['deal-published', 'deal-activated', 'deal-terminated', 'deal-completed', 'sector-activated', 'sector-terminated']) expect(types).toContain(t)
    const days = new Map<string, Day>()
    const day = (ms: number) => {
      const k = dayOf(ms)
      if (!days.has(k)) days.set(k, { fees: 0n, rewards: 0n, burned: 0n, minted: 0n, protocolTake: 0n, leasesOpened: 0, leasesClosed: 0, leasedAdded: 0n, leasedRemoved: 0n, capacityAdded: 0n, capacityRemoved: 0n })
      return days.get(k)!
    }
    const at = (h: number) => (GENESIS + h * 30) * 1000
    const deals = new Map<number, { price: bigint; start: number; end: number; stop?: number; closed?: boolean; activated: number; size: bigint }>()
    const proposals = new Map<number, any>()
    const activations = events.filter((x) => x.type === 'deal-activated')
    // the proposal at the event's tipset (its parent state); a deal published in that same tipset is in the next one's
    let fromNext = 0
    const proposalOf = async (e: (typeof events)[number]) => {
      try {
        return await rpc('Filecoin.StateMarketStorageDeal', [Number(e.f.id), e.tsk])
      } catch {
        fromNext++
        return rpc('Filecoin.StateMarketStorageDeal', [Number(e.f.id), (await rpc('Filecoin.ChainGetTipSetByHeight', [e.height + 1, []])).Cids])
      }
    }
    for (let i = 0; i < activations.length; i += 16) {
      await Promise.all(activations.slice(i, i + 16).map(async (e) => proposals.set(Number(e.f.id), await proposalOf(e))))
    }
    expect(fromNext).toBeGreaterThan(0)
    // FIP-0074: a deal that runs to its end closes at the first sample at or after its end epoch (deal-completed, a
    // settlement call that may come much later or never, closes nothing); a termination closes at once; a
    // deal-completed / deal-terminated of a deal activated before the range closes a lease of unknown cost
    const dealEvents = events.filter((x) => x.type.startsWith('deal-'))
    let next = 0
    const eventsUpTo = (h: number) => {
      for (; next < dealEvents.length && dealEvents[next].height <= h; next++) {
        const e = dealEvents[next]
        const id = Number(e.f.id)
        if (e.type === 'deal-activated') {
          const d = proposals.get(id)
          expect(d.Proposal.Provider).toBe(`f0${e.f.provider}`)
          deals.set(id, { price: BigInt(d.Proposal.StoragePricePerEpoch), start: d.Proposal.StartEpoch, end: d.Proposal.EndEpoch, activated: e.height, size: BigInt(d.Proposal.PieceSize) })
          day(at(e.height)).leasesOpened++
          day(at(e.height)).leasedAdded += BigInt(d.Proposal.PieceSize)
        }
        if (e.type === 'deal-terminated' || e.type === 'deal-completed') {
          const d = deals.get(id)
          if (!d) day(at(e.height)).leasesClosed++
          else if (e.type === 'deal-terminated' && !d.closed && e.height < d.end) {
            d.stop = e.height
            d.closed = true
            day(at(e.height)).leasesClosed++
            day(at(e.height)).leasedRemoved += d.size
          }
        }
      }
    }
    // state samples at every multiple of 120 epochs; changes dated at the end of the epoch before the sample
    let prev: { h: number; mined: bigint; burnt: bigint; released: bigint; raw: bigint } | undefined
    const samples: { h: number; raw: bigint; qa: bigint; dealBytes: bigint }[] = []
    for (let h = Math.ceil(first / SAMPLE) * SAMPLE; h <= head; h += SAMPLE) {
      eventsUpTo(h)
      const ts = await rpc('Filecoin.ChainGetTipSetByHeight', [h, []])
      const s = await rpc('Filecoin.StateVMCirculatingSupplyInternal', [ts.Cids])
      const power = await rpc('Filecoin.StateMinerPower', [null, ts.Cids])
      const raw = BigInt(power.TotalPower.RawBytePower)
      const released = BigInt(s.FilVested) + BigInt(s.FilMined) + BigInt(s.FilReserveDisbursed)
      const d = day(at(h) - 1000)
      if (!prev) {
        d.minted += released
        d.capacityAdded += raw
      } else {
        d.minted += released - prev.released
        d.rewards += BigInt(s.FilMined) - prev.mined
        const burnt = BigInt(s.FilBurnt) - prev.burnt
        d.burned += burnt
        d.protocolTake += burnt
        d.fees += burnt
        if (raw > prev.raw) d.capacityAdded += raw - prev.raw
        else d.capacityRemoved += prev.raw - raw
        for (const deal of deals.values()) {
          if (deal.activated > h) continue
          const lo = Math.max(prev.h, deal.start)
          const hi = Math.min(h, deal.end, deal.stop ?? Infinity)
          if (hi > lo) d.fees += deal.price * BigInt(hi - lo)
        }
      }
      let dealBytes = 0n
      for (const deal of deals.values()) {
        if (deal.closed) continue
        if (deal.end <= h) {
          deal.closed = true
          d.leasesClosed++
          d.leasedRemoved += deal.size
        } else dealBytes += deal.size
      }
      samples.push({ h, raw, qa: BigInt(power.TotalPower.QualityAdjPower), dealBytes })
      prev = { h, mined: BigInt(s.FilMined), burnt: BigInt(s.FilBurnt), released, raw }
    }
    eventsUpTo(head)
    const { rows } = await pool.query(
      `SELECT period_start, fees_native, rewards_native, burned_native, minted_native, protocol_take_native, leases_opened, leases_closed, leased_capacity_added, leased_capacity_removed,
              capacity_added, capacity_removed
       FROM network_stat WHERE network = 'filecoin' AND interval = 'DAY' ORDER BY period_start`,
    )
    const stored = new Map(rows.map((r) => [dayOf(new Date(r.period_start).getTime()), {
      fees: BigInt(r.fees_native), rewards: BigInt(r.rewards_native), burned: BigInt(r.burned_native), minted: BigInt(r.minted_native),
      protocolTake: BigInt(r.protocol_take_native), leasesOpened: r.leases_opened, leasesClosed: r.leases_closed,
      leasedAdded: BigInt(r.leased_capacity_added), leasedRemoved: BigInt(r.leased_capacity_removed),
      capacityAdded: BigInt(r.capacity_added), capacityRemoved: BigInt(r.capacity_removed),
    }]))
    expect([...stored.keys()]).toEqual([...days.keys()].sort())
    for (const [k, want] of days) expect(stored.get(k), k).toEqual(want)
    const total = [...days.values()].reduce((a, d) => ({ fees: a.fees + d.fees, opened: a.opened + d.leasesOpened, closed: a.closed + d.leasesClosed }), { fees: 0n, opened: 0, closed: 0 })
    expect(total.fees).toBeGreaterThan(0n)
    expect(total.opened).toBeGreaterThan(100)
    expect(total.closed).toBeGreaterThan(5)
    // every sample row: raw-byte and quality-adjusted power as StateMinerPower answered, and active deal bytes as
    // recomputed (the deals counted in Σ CAPACITY_LEASED - Σ CAPACITY_RELEASED: one definition)
    const sampleRows = await pool.query(`SELECT block_number, args FROM raw_event WHERE network = 'filecoin' AND name = 'state-sample' ORDER BY block_number`)
    expect(sampleRows.rows.map((r) => [r.block_number, r.args.rawBytePower, r.args.qualityAdjPower, r.args.activeDealBytes]))
      .toEqual(samples.map((x) => [x.h, String(x.raw), String(x.qa), String(x.dealBytes)]))
    expect(samples.at(-1)!.dealBytes).toBeGreaterThan(0n)
    // end-of-day capacity (raw-byte power) and utilization (deal bytes / raw-byte power) as the API derives them
    const metrics = await networkMetrics(pool, networkById('filecoin')!, 'DAY')
    let capacity = 0n
    let leased = 0n
    const want = [...days.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([k, d]) => {
      capacity += d.capacityAdded - d.capacityRemoved
      leased += d.leasedAdded - d.leasedRemoved
      return { day: k, capacity: Number(capacity), utilization: Number(leased) / Number(capacity) }
    })
    expect(metrics.map((m) => dayOf(new Date(m.periodStart).getTime()))).toEqual(want.map((w) => w.day))
    const close = (got: number | null, expected: number, what: string) => expect(Math.abs(got! - expected), `${what}: ${got} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.abs(expected))
    for (const [i, m] of metrics.entries()) {
      close(m.capacity, want[i].capacity, `${want[i].day} capacity`)
      close(m.utilization, want[i].utilization, `${want[i].day} utilization`)
    }
    expect(want.at(-1)!.utilization).toBeGreaterThan(0)
    // the last day's capacity is the raw-byte power of the last sample
    expect(want.at(-1)!.capacity).toBe(Number(samples.at(-1)!.raw))
    console.log(`filecoin: ${events.length} actor events, ${deals.size} deals activated (${fromNext} published in the same tipset), ${total.closed} closed, ${days.size} days, utilization ${want.at(-1)!.utilization.toExponential(3)}`)
  })

  it('keeps one Lease row per deal with its proposal terms and, for deals that closed in range, what they paid', async () => {
    const { rows } = await pool.query(`SELECT lease_id, status, price, spent, resources, provider, payer, opened_block, closed_block FROM lease WHERE network = 'filecoin'`)
    const opened = rows.filter((r) => r.opened_block != null)
    expect(opened.length).toBeGreaterThan(100)
    // every closed one and every 10th open one against the proposal the node serves
    // (a deal published in its activation tipset is in the state of the next tipset only)
    const proposal = async (id: number, h: number) => {
      const tsk = async (x: number) => (await rpc('Filecoin.ChainGetTipSetByHeight', [x, []])).Cids
      return rpc('Filecoin.StateMarketStorageDeal', [id, await tsk(h)]).catch(async () => rpc('Filecoin.StateMarketStorageDeal', [id, await tsk(h + 1)]))
    }
    let verified = 0
    for (const r of opened.filter((x, i) => x.status === 'CLOSED' || i % 10 === 0)) {
      const d = await proposal(Number(r.lease_id), r.opened_block)
      expect(r.price).toBe(d.Proposal.StoragePricePerEpoch)
      expect(r.provider).toBe(d.Proposal.Provider)
      expect(r.payer).toBe(d.Proposal.Client)
      expect(r.resources.pieceSizeBytes).toBe(String(d.Proposal.PieceSize))
      expect([r.resources.startEpoch, r.resources.endEpoch, r.resources.verified, r.resources.pieceCid]).toEqual([d.Proposal.StartEpoch, d.Proposal.EndEpoch, d.Proposal.VerifiedDeal, d.Proposal.PieceCID['/']])
      if (r.resources.verified) verified++
      if (r.status === 'CLOSED') {
        const paid = Math.max(0, Math.min(r.closed_block, d.Proposal.EndEpoch) - d.Proposal.StartEpoch)
        expect(BigInt(r.spent)).toBe(BigInt(d.Proposal.StoragePricePerEpoch) * BigInt(paid))
      }
    }
    expect(verified).toBeGreaterThan(0)
    expect(verified).toBeLessThan(opened.filter((x, i) => x.status === 'CLOSED' || i % 10 === 0).length)
    // deals activated before the devnet's history close with no opening and unknown cost: one per deal-completed or
    // deal-terminated of a deal whose deal-activated is not in the range
    const before = rows.filter((r) => r.opened_block == null)
    const activatedInRange = new Set<number>()
    const closedBefore = new Set<number>()
    for (let from = first; from <= head; from += 2000) {
      for (const e of (await rpc<any[]>('Filecoin.GetActorEventsRaw', [{ fromHeight: from, toHeight: Math.min(head, from + 1999) }])) ?? []) {
        const f = Object.fromEntries(e.entries.map((en: any) => [en.Key, value(en.Value)]))
        if (f.$type === 'deal-activated') activatedInRange.add(Number(f.id))
        if ((f.$type === 'deal-completed' || f.$type === 'deal-terminated') && !activatedInRange.has(Number(f.id))) closedBefore.add(Number(f.id))
      }
    }
    expect(before.map((r) => Number(r.lease_id)).sort()).toEqual([...closedBefore].sort())
    expect(before.length).toBeGreaterThan(0)
    for (const r of before) expect([r.status, r.spent]).toEqual(['CLOSED', null])
  })
})
