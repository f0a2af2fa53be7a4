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

interface Day { fees: bigint; rewards: bigint; burned: bigint; minted: bigint; protocolTake: bigint; leasesOpened: number; leasesClosed: number; leasedAdded: bigint; leasedRemoved: bigint }
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
      if (!days.has(k)) days.set(k, { fees: 0n, rewards: 0n, burned: 0n, minted: 0n, protocolTake: 0n, leasesOpened: 0, leasesClosed: 0, leasedAdded: 0n, leasedRemoved: 0n })
      return days.get(k)!
    }
    const at = (h: number) => (GENESIS + h * 30) * 1000
    const deals = new Map<number, { price: bigint; start: number; end: number; stop?: number; activated: number; size: bigint }>()
    const proposals = new Map<number, any>()
    const activations = events.filter((x) => x.type === 'deal-activated')
    for (let i = 0; i < activations.length; i += 16) {
      await Promise.all(activations.slice(i, i + 16).map(async (e) => proposals.set(Number(e.f.id), await rpc('Filecoin.StateMarketStorageDeal', [Number(e.f.id), e.tsk]))))
    }
    for (const e of events.filter((x) => x.type.startsWith('deal-'))) {
      if (e.type === 'deal-activated') {
        const d = proposals.get(Number(e.f.id))
        expect(d.Proposal.Provider).toBe(`f0${e.f.provider}`)
        deals.set(Number(e.f.id), { price: BigInt(d.Proposal.StoragePricePerEpoch), start: d.Proposal.StartEpoch, end: d.Proposal.EndEpoch, activated: e.height, size: BigInt(d.Proposal.PieceSize) })
        day(at(e.height)).leasesOpened++
        day(at(e.height)).leasedAdded += BigInt(d.Proposal.PieceSize)
      }
      if (e.type === 'deal-terminated' || e.type === 'deal-completed') {
        day(at(e.height)).leasesClosed++
        const d = deals.get(Number(e.f.id))
        if (d && e.type === 'deal-terminated') d.stop = e.height
        if (d) day(at(e.height)).leasedRemoved += d.size
      }
    }
    // state samples at every multiple of 120 epochs; changes dated at the end of the epoch before the sample
    let prev: { h: number; mined: bigint; burnt: bigint; released: bigint } | undefined
    for (let h = Math.ceil(first / SAMPLE) * SAMPLE; h <= head; h += SAMPLE) {
      const ts = await rpc('Filecoin.ChainGetTipSetByHeight', [h, []])
      const s = await rpc('Filecoin.StateVMCirculatingSupplyInternal', [ts.Cids])
      const released = BigInt(s.FilVested) + BigInt(s.FilMined) + BigInt(s.FilReserveDisbursed)
      const d = day(at(h) - 1000)
      if (!prev) d.minted += released
      else {
        d.minted += released - prev.released
        d.rewards += BigInt(s.FilMined) - prev.mined
        const burnt = BigInt(s.FilBurnt) - prev.burnt
        d.burned += burnt
        d.protocolTake += burnt
        d.fees += burnt
        for (const deal of deals.values()) {
          if (deal.activated > h) continue
          const lo = Math.max(prev.h, deal.start)
          const hi = Math.min(h, deal.end, deal.stop ?? Infinity)
          if (hi > lo) d.fees += deal.price * BigInt(hi - lo)
        }
      }
      prev = { h, mined: BigInt(s.FilMined), burnt: BigInt(s.FilBurnt), released }
    }
    const { rows } = await pool.query(
      `SELECT period_start, fees_native, rewards_native, burned_native, minted_native, protocol_take_native, leases_opened, leases_closed, leased_capacity_added, leased_capacity_removed
       FROM network_stat WHERE network = 'filecoin' AND interval = 'DAY' ORDER BY period_start`,
    )
    const stored = new Map(rows.map((r) => [dayOf(new Date(r.period_start).getTime()), {
      fees: BigInt(r.fees_native), rewards: BigInt(r.rewards_native), burned: BigInt(r.burned_native), minted: BigInt(r.minted_native),
      protocolTake: BigInt(r.protocol_take_native), leasesOpened: r.leases_opened, leasesClosed: r.leases_closed,
      leasedAdded: BigInt(r.leased_capacity_added), leasedRemoved: BigInt(r.leased_capacity_removed),
    }]))
    expect([...stored.keys()]).toEqual([...days.keys()].sort())
    for (const [k, want] of days) expect(stored.get(k), k).toEqual(want)
    const total = [...days.values()].reduce((a, d) => ({ fees: a.fees + d.fees, opened: a.opened + d.leasesOpened, closed: a.closed + d.leasesClosed }), { fees: 0n, opened: 0, closed: 0 })
    expect(total.fees).toBeGreaterThan(0n)
    expect(total.opened).toBeGreaterThan(100)
    expect(total.closed).toBeGreaterThan(5)
    console.log(`filecoin: ${events.length} actor events, ${deals.size} deals activated, ${total.closed} closed, ${days.size} days`)
  })

  it('keeps one Lease row per deal with its proposal terms and, for deals that closed in range, what they paid', async () => {
    const { rows } = await pool.query(`SELECT lease_id, status, price, spent, resources, provider, payer, opened_block, closed_block FROM lease WHERE network = 'filecoin'`)
    const opened = rows.filter((r) => r.opened_block != null)
    expect(opened.length).toBeGreaterThan(100)
    // every closed one and every 10th open one against the proposal the node serves
    for (const r of opened.filter((x, i) => x.status === 'CLOSED' || i % 10 === 0)) {
      const d = await rpc('Filecoin.StateMarketStorageDeal', [Number(r.lease_id), (await rpc('Filecoin.ChainGetTipSetByHeight', [r.opened_block, []])).Cids])
      expect(r.price).toBe(d.Proposal.StoragePricePerEpoch)
      expect(r.provider).toBe(d.Proposal.Provider)
      expect(r.payer).toBe(d.Proposal.Client)
      expect(r.resources.pieceSizeBytes).toBe(String(d.Proposal.PieceSize))
      if (r.status === 'CLOSED') {
        const paid = Math.max(0, Math.min(r.closed_block, d.Proposal.EndEpoch) - d.Proposal.StartEpoch)
        expect(BigInt(r.spent)).toBe(BigInt(d.Proposal.StoragePricePerEpoch) * BigInt(paid))
      }
    }
    // deals activated before the devnet's history close with no opening and unknown cost
    const before = rows.filter((r) => r.opened_block == null)
    expect(before.length).toBeGreaterThan(5)
    for (const r of before) expect([r.status, r.spent]).toEqual(['CLOSED', null])
  })
})
