/**
 * Bad chain data at a watched address (Spheron's ComputeLease on Base), emitted by the devnet's log emitter among the
 * simulation's normal blocks: an unknown topic0, an anonymous log, LeaseCreated with truncated data, with an amount out
 * of range (2^255) and with a uint8 word that does not fit (300). Each is quarantined with its reason and the raw log;
 * every other log is indexed (raw events + quarantined = the logs eth_getLogs returns), and the count is served
 * (GraphQL `_meta.quarantinedLogs`, Prometheus `depin_quarantined_logs` on /metrics).
 */
import { encodeAbiParameters, keccak256, parseAbiParameters, toEventSelector, toHex } from 'viem'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HeadTracker } from '../../api/heads'
import { startApi } from '../../api/server'
import { encodeRecords, type LogSpec } from '../../devnet/emitter'
import { onlyChain } from '../helpers/consistency'
import { startFixture, type Fixture } from '../helpers/fixture'

const BASE = 8453
const COMPUTE_LEASE = '0x8a9f22d855bbe978c0d47de0963a3b15022e8ce0'
const LEASE_CREATED = 'LeaseCreated(uint256,uint256,uint64,uint256,address,address,uint32,uint32,uint32,uint8)'
const leaseData = (price: bigint, state: bigint) =>
  encodeAbiParameters(parseAbiParameters('uint256, uint256, uint64, uint256, address, address, uint32, uint32, uint32, uint256'), [
    900001n, 1n, 2n, price, '0x1111111111111111111111111111111111111111', '0x2222222222222222222222222222222222222222', 1, 1_700_000_000, 1_700_086_400, state,
  ])

/** what is injected, and the reason each must be quarantined with */
const BAD: { what: string; log: LogSpec; reason: RegExp }[] = [
  { what: 'unknown topic0', log: { topics: [toEventSelector('Bogus(uint256)')], data: toHex(7n, { size: 32 }) }, reason: /unknown topic0/ },
  { what: 'anonymous log', log: { topics: [], data: '0x01' }, reason: /anonymous/ },
  { what: 'truncated data', log: { topics: [keccak256(toHex(LEASE_CREATED))], data: '0x0102030405' }, reason: /cannot decode LeaseCreated/ },
  { what: 'amount out of range', log: { topics: [keccak256(toHex(LEASE_CREATED))], data: leaseData(2n ** 255n, 1n) }, reason: /out of range/ },
  { what: 'uint8 out of range', log: { topics: [keccak256(toHex(LEASE_CREATED))], data: leaseData(1000n, 300n) }, reason: /cannot decode LeaseCreated|out of range|state/ },
]

let fx: Fixture

beforeAll(async () => {
  fx = await startFixture({ SIM_DAYS: '1', FINALITY_BASE: '5', ...onlyChain('base') })
})
afterAll(async () => {
  await fx?.stop()
})

describe('bad chain data', () => {
  it('quarantines each malformed log with its reason and the raw log, and indexes everything else', async () => {
    const { node, sim } = fx.devnet.nodes[0]
    const rpc = node.rpc
    // one block of malformed logs from the emitter at the contract's address, between simulated blocks
    const [sender] = await rpc.call<string[]>('eth_accounts')
    const nonce = Number(await rpc.call<string>('eth_getTransactionCount', [sender, 'latest']))
    const txHash = await rpc.call<string>('eth_sendTransaction', [{ from: sender, to: COMPUTE_LEASE, data: encodeRecords(BAD.map((b) => b.log)), nonce: toHex(nonce), gasPrice: '0x0', gas: toHex(2_000_000) }])
    await rpc.call('evm_mine', [sim.timestamp + 450])
    await sim.resyncNonce()
    for (let i = 0; i < 30; i++) await sim.mine(sim.timestamp + 900, true)
    const receipt = await rpc.call<{ blockNumber: string; status: string; logs: unknown[] }>('eth_getTransactionReceipt', [txHash])
    expect({ status: receipt.status, logs: receipt.logs.length }).toEqual({ status: '0x1', logs: BAD.length })
    const badBlock = Number(receipt.blockNumber)
    const end = await rpc.blockNumber()
    for (let i = 0; i <= 5; i++) await sim.mine(sim.timestamp + 900, true)

    const run = await fx.runIndexerTo(end, { INDEXER_CHAIN: 'base' })
    expect(run.code).toBe(0) // indexing went on to the end block
    expect((await fx.pool.query('SELECT height FROM chain_cursor WHERE id = $1', [String(BASE)])).rows[0].height).toBe(end)

    const q = (await fx.pool.query('SELECT * FROM quarantined_log WHERE chain_id = $1 ORDER BY log_index', [BASE])).rows
    expect(q.map((r) => r.block_number)).toEqual(BAD.map(() => badBlock))
    BAD.forEach((b, i) => {
      expect({ what: b.what, reason: q[i].reason }).toEqual({ what: b.what, reason: expect.stringMatching(b.reason) })
      // the raw log is kept as it was
      expect(q[i].topics).toEqual(b.log.topics.map((t) => t.toLowerCase()))
      expect(q[i].data).toBe(b.log.data.toLowerCase())
      expect(q[i]).toMatchObject({ network: 'spheron', address: COMPUTE_LEASE })
    })
    // every other log at the watched addresses is a raw event
    const logs = await rpc.call<unknown[]>('eth_getLogs', [{ fromBlock: '0x0', toBlock: toHex(end), address: [COMPUTE_LEASE] }])
    const raw = (await fx.pool.query(`SELECT count(*)::int AS n FROM raw_event WHERE contract = $1`, [COMPUTE_LEASE])).rows[0].n
    expect(raw + q.length).toBe(logs.length)
    expect(raw).toBeGreaterThan(0)
    // the API serves the count
    const api = await startApi({ databaseUrl: fx.db.url, port: fx.config.PORT, host: '127.0.0.1', heads: HeadTracker.fromConfig(fx.config) })
    try {
      const res = await fetch(`${api.url}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: `{ _meta(chainId: ${BASE}) { quarantinedLogs } }` }),
      })
      expect(((await res.json()) as any).data._meta.quarantinedLogs).toBe(BAD.length)
      const metrics = await (await fetch(`${api.url}/metrics`)).text()
      expect(metrics).toContain(`depin_quarantined_logs{network="spheron",chain_id="${BASE}"} ${BAD.length}`)
    } finally {
      await api.stop()
    }
  })
})
