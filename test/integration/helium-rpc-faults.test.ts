/**
 * The Solana source over a faulty RPC: the devnet's Solana server behind the fault-injecting proxy
 * (test/helpers/faulty-rpc.ts: hangs past the timeout, 429, 5xx, connection resets, truncated and invalid JSON at a
 * seeded rate). The client retries each failed request, so a batch read through the proxy equals the batch read
 * directly, fact for fact; skipped slots and not-yet-finalized slots get the node's answers.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { startSolanaDevnet, type SolanaDevnet } from '../../devnet/solana/server'
import { StateCache } from '../../indexer/handlers/state'
import { solana } from '../../indexer/registry/chains'
import { helium } from '../../indexer/registry/helium'
import { SolanaClient } from '../../indexer/sources/solana/client'
import { readBatch } from '../../indexer/sources/ingest'
import { createSolanaSource } from '../../indexer/sources/solana/run'
import { startFaultyRpc, type FaultyRpc } from '../helpers/faulty-rpc'

let devnet: SolanaDevnet
let proxy: FaultyRpc
const genesis = Date.UTC(2026, 0, 1) / 1000

beforeAll(async () => {
  devnet = await startSolanaDevnet({ port: 0, seed: 5, genesis, now: () => genesis + 12 * 3600 })
  proxy = await startFaultyRpc({ upstream: devnet.url, rate: 0.3, seed: 9, hangMs: 1500 })
})
afterAll(async () => {
  await proxy?.close()
  await devnet?.stop()
})

it('a batch read through a faulty RPC equals the batch read directly', async () => {
  const direct = createSolanaSource({ chain: solana, networks: [helium], client: new SolanaClient(devnet.url), concurrency: 4 })
  const faulty = createSolanaSource({ chain: solana, networks: [helium], client: new SolanaClient(proxy.url, { timeoutMs: 500, retries: 20 }), concurrency: 4 })
  const head = await faulty.indexableHead()
  expect(head).toBe(devnet.finalized())
  const from = devnet.sim.firstSlot
  const to = from + 60 * 750
  const [a, b] = [await readBatch(direct, from, to, new StateCache()), await readBatch(faulty, from, to, new StateCache())]
  expect(a.facts.length).toBeGreaterThan(50)
  const view = (o: typeof a) => o.facts.map((f) => `${f.id} ${f.kind} ${f.amount} ${f.actor} ${f.counterparty}`)
  expect(view(b)).toEqual(view(a))
  expect(b.rawEvents.length).toBe(a.rawEvents.length)
  expect(b.cursor?.height).toBe(to)
  const injected = Object.values(proxy.counts).reduce((s, n) => s + n, 0)
  expect(injected).toBeGreaterThan(10)
  expect(proxy.counts.reset + proxy.counts.truncatedJson + proxy.counts.http429 + proxy.counts.timeout).toBeGreaterThan(0)
}, 120_000)

it('answers as a node for skipped and not yet finalized slots', async () => {
  const client = new SolanaClient(devnet.url, { retries: 0 })
  const first = devnet.sim.firstSlot
  expect(await client.block(first + 1)).toBeNull() // skipped (-32007)
  await expect(client.block(devnet.finalized() + 750 * 4)).rejects.toThrow(/Block not available for slot/) // -32004
  const res = await fetch(devnet.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'getBlock', params: [first, { encoding: 'json' }] }) })
  expect(((await res.json()) as any).error.code).toBe(-32015) // version 0 transactions need maxSupportedTransactionVersion
})
