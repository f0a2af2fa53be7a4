/**
 * A faulty RPC between the indexer and the chain (IoTeX: ioID), over HTTP: at a seeded rate every request is answered
 * with a fault (test/helpers/faulty-rpc.ts: hangs past the timeout, 429 with Retry-After, 500/502/503, resets,
 * truncated and invalid JSON, empty eth_getLogs results, wrong blocks) while the chain grows. The supervised indexer
 * retries with backoff and never stores wrong data: its rollups equal the recomputation from the node itself, and every
 * table equals a clean run through a healthy connection. Then the same over the devnet's default transport, a
 * WebSocket, through a TCP proxy that resets and stalls its connections (test/helpers/faulty-ws.ts). The faults
 * injected per class are printed.
 */
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnIndexer, superviseIndexer } from '../../cli/stack'
import { createDatabase, cursorOf, onlyChain, sleep, storedDays, tableChecksums, until } from '../helpers/consistency'
import { FAULTS, startFaultyRpc, type FaultyRpc } from '../helpers/faulty-rpc'
import { WS_FAULTS, startFaultyWs } from '../helpers/faulty-ws'
import { startFixture, type Fixture } from '../helpers/fixture'
import { recomputeChain } from '../helpers/recompute-networks'

const IOTEX = 4689
const FINALITY = 5
/** `npm test`: until every fault class was injected twice; `npm run test:faults` (RELIABILITY_LONG=1): 25 times */
const LONG = process.env.RELIABILITY_LONG === '1'
const PER_CLASS = LONG ? 25 : 2
let fx: Fixture
let proxy: FaultyRpc

beforeAll(async () => {
  fx = await startFixture({ SIM_DAYS: '2', FINALITY_IOTEX: String(FINALITY), ...onlyChain('iotex') })
  proxy = await startFaultyRpc({ upstream: fx.httpUrl, rate: 0.25, seed: 4689, hangMs: 1500 })
})
afterAll(async () => {
  await proxy?.close()
  await fx?.stop()
})

const node = () => fx.devnet.nodes[0]
const indexerEnv = (rpcUrl: string) => ({
  ...fx.config.env, INDEXER_CHAIN: 'iotex', RPC_IOTEX_URL: rpcUrl, START_BLOCK_IOTEX: '0', FINALITY_IOTEX: String(FINALITY),
  RPC_REQUEST_TIMEOUT_MS: '1000', LOG_LEVEL: 'info',
})
const atHead = async () => {
  const h = await node().node.rpc.call<{ hash: string }>('eth_getBlockByNumber', ['latest', false])
  return (await cursorOf(fx.pool, IOTEX))?.hash === h.hash
}

/** IoTeX ioID's daily rollups up to the stored cursor equal the recomputation from the node itself (returned). */
async function expectRollupsEqualRecomputation() {
  const head = (await cursorOf(fx.pool, IOTEX))!.height
  const want = await recomputeChain(fx.httpUrl, IOTEX, head)
  const got = await storedDays(fx.pool, 'iotex-ioid')
  const wantDays = want.days.get('iotex-ioid')!
  expect([...got.keys()]).toEqual([...wantDays.keys()].sort())
  for (const [day, w] of wantDays) expect({ day, ...got.get(day) }).toEqual({ day, ...w })
  return want
}

describe('faulty RPC', () => {
  it(`indexes through ${PER_CLASS}+ faults of every class without storing wrong data or giving up`, { timeout: LONG ? 900_000 : 240_000 }, async () => {
    const restarts: (number | null)[] = []
    const sup = superviseIndexer({ databaseUrl: fx.db.url, logFile: `${fx.dataDir}/indexer-faulty.log`, env: indexerEnv(proxy.url), onRestart: (code) => restarts.push(code) })
    const t0 = Date.now()
    try {
      // the chain grows (a block every ~150 ms) until every fault class has been injected often enough
      await until(async () => FAULTS.every((f) => proxy.counts[f] >= PER_CLASS), 'every fault class injected', {
        timeoutMs: LONG ? 840_000 : 200_000, everyMs: 150, tick: async () => node().sim.mine(node().sim.timestamp + 900, true),
      })
      // faults go on while the indexer reaches the head
      await until(atHead, 'the head through the faulty RPC', { timeoutMs: 120_000, tick: async (i) => { if (i % 20 === 19) await node().sim.mine(node().sim.timestamp + 900, true) } })
    } finally {
      await sup.stop()
    }
    const injected = FAULTS.reduce((a, f) => a + proxy.counts[f], 0)
    console.log(`faulty RPC: ${proxy.requests} requests, ${injected} faults injected in ${Math.round((Date.now() - t0) / 1000)} s: ${JSON.stringify(proxy.counts)}; indexer restarts: ${restarts.length}`)
    expect(restarts).toEqual([]) // retried in-process: the indexer never exited
    const want = await expectRollupsEqualRecomputation()
    const stored = (await fx.pool.query('SELECT (SELECT count(*) FROM raw_event WHERE chain_id = $1)::int AS raw, (SELECT count(*) FROM quarantined_log WHERE chain_id = $1)::int AS quarantined', [IOTEX])).rows[0]
    expect(stored).toEqual({ raw: want.logs.get('iotex-ioid')!.total, quarantined: 0 })
  })

  it('indexes over a WebSocket whose connections are reset and stalled, without storing wrong data or giving up', { timeout: 240_000 }, async () => {
    // the devnet's default transport: the HTTP faults above are JSON-level; here the long-lived connection breaks
    const upstream = new URL(fx.httpUrl)
    const ws = await startFaultyWs({ upstream: { host: upstream.hostname, port: Number(upstream.port) }, everyMs: 1500, stallMs: 2500, seed: 20261129 })
    const PER = LONG ? 15 : 3
    const restarts: (number | null)[] = []
    const sup = superviseIndexer({ databaseUrl: fx.db.url, logFile: `${fx.dataDir}/indexer-faulty-ws.log`, env: indexerEnv(ws.url), onRestart: (code) => restarts.push(code) })
    const t0 = Date.now()
    try {
      await until(async () => WS_FAULTS.every((f) => ws.counts[f] >= PER), 'every WebSocket fault injected', {
        timeoutMs: LONG ? 600_000 : 150_000, everyMs: 150, tick: async () => node().sim.mine(node().sim.timestamp + 900, true),
      })
      await until(atHead, 'the head through the faulty WebSocket', { timeoutMs: 90_000, tick: async (i) => { if (i % 20 === 19) await node().sim.mine(node().sim.timestamp + 900, true) } })
    } finally {
      await sup.stop()
      await ws.close()
    }
    console.log(`faulty WebSocket: ${ws.connections} connections, faults in ${Math.round((Date.now() - t0) / 1000)} s: ${JSON.stringify(ws.counts)}; indexer restarts: ${restarts.length}`)
    expect(restarts).toEqual([])
    expect(ws.connections).toBeGreaterThan(PER) // it reconnected after the faults
    await expectRollupsEqualRecomputation()
  })

  it('leaves every table equal to a clean run through a healthy connection', async () => {
    const end = (await cursorOf(fx.pool, IOTEX))!.height
    for (let i = 0; i <= FINALITY; i++) await node().sim.mine(node().sim.timestamp + 900, true)
    await sleep(100)
    const cleanUrl = await createDatabase(fx.db.url, 'clean_faulty')
    const clean = spawnIndexer({ databaseUrl: cleanUrl, logFile: `${fx.dataDir}/indexer-clean.log`, env: { ...indexerEnv(fx.httpUrl), END_BLOCK_IOTEX: String(end) } })
    expect(await clean.exited).toBe(0)
    const cleanPool = new pg.Pool({ connectionString: cleanUrl, max: 2 })
    try {
      const [got, want] = await Promise.all([tableChecksums(fx.pool), tableChecksums(cleanPool)])
      expect(got).toEqual(want)
      expect(want.raw_event.rows).toBeGreaterThan(50)
    } finally {
      await cleanPool.end()
    }
  })
})
