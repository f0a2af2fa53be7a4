/**
 * Aethir: decoding and normalization against hand-encoded logs (independent of the codec), and the devnet
 * model run for 14 simulated days through the batch handler.
 */
import { describe, expect, it } from 'vitest'
import { AethirModel, AETHIR_ADDRESSES } from '../../../devnet/simulator/aethir'
import type { EmittedLog } from '../../../devnet/simulator/model'
import { handleBlocks } from '../../../indexer/handlers/batch'
import { StateCache } from '../../../indexer/handlers/state'
import type { BlockInput, LogInput } from '../../../indexer/handlers/types'
import type { EconomicFact } from '../../../indexer/model'
import { aethir } from '../../../indexer/registry/aethir'
import { arbitrumOne } from '../../../indexer/registry/chains'
import { livepeer } from '../../../indexer/registry/livepeer'
import { watchedOnChain } from '../../../indexer/registry'
import { addrTopic, data, topic0, word } from '../../helpers/abi-hand'

// Arbitrum One addresses (DefiLlama fees/aethir; MetaStreet AethirBaseTest)
const CORE = '0x226DC7D2AA1F9a565e82faf04772FDbBaF2da42d'
const LICENSE = '0xC227e25544EdD261A9066932C71a25F4504972f1'
const ATH = '0xc87B37a581ec3257B734886d9d3a581F5A9d056c'
const CLAIM = '0x3EB64fc76De5D77659387E64951d78d5fCaE1111'
const DEV = '0x1111111111111111111111111111111111111111'
const OWNER = '0x2222222222222222222222222222222222222222'
const OP1 = '0x3333333333333333333333333333333333333333'
const OP2 = '0x4444444444444444444444444444444444444444'
const ZERO = '0x0000000000000000000000000000000000000000'
const E18 = 10n ** 18n

const T = {
  deposit: topic0('DepositServiceFee(address,uint64,uint256)'),
  withdraw: topic0('WithdrawServiceFee(address,uint64,uint256)'),
  transfer: topic0('Transfer(address,address,uint256)'),
  updateUser: topic0('UpdateUser(uint256,address,uint64)'),
}

const watched = watchedOnChain(arbitrumOne, [aethir], [])
let logIndex = 0
const log = (address: string, topics: string[], d: string): LogInput => ({
  address: address.toLowerCase(), topics, data: d, logIndex: logIndex++, transactionHash: '0x' + 'ab'.repeat(32),
})
const block = (logs: LogInput[], height = 300_000_000, timestamp = Date.UTC(2026, 0, 5, 12)): BlockInput => ({
  header: { height, hash: '0x' + 'cd'.repeat(32), timestamp }, logs,
})
const idTopic = (id: bigint) => '0x' + word(id)
const nftTransfer = (from: string, to: string, id: bigint) => log(LICENSE, [T.transfer, addrTopic(from), addrTopic(to), idTopic(id)], '0x')
const updateUser = (id: bigint, user: string, expires: bigint) => log(LICENSE, [T.updateUser, idTopic(id), addrTopic(user)], data(word(expires)))
const athTransfer = (from: string, to: string, value: bigint) => log(ATH, [T.transfer, addrTopic(from), addrTopic(to)], data(word(value)))
const brief = (fs: EconomicFact[]) => fs.map((f) => [f.kind, f.asset, f.amount, f.actor, f.counterparty, f.subject])

describe('Aethir registry', () => {
  it('topic0s are keccak256 of the canonical signatures and match the reference', () => {
    const byName = (c: string, e: string) => aethir.contracts.find((x) => x.name === c)!.events.find((x) => x.name === e)!.abi.topic
    expect(byName('AethirCore', 'DepositServiceFee')).toBe(T.deposit)
    expect(T.deposit).toBe('0x70e7e80b057104c7d6c05321620daa257b861367dccdf0d59c40e15e8eec2861')
    expect(byName('AethirCore', 'WithdrawServiceFee')).toBe('0x4c64124f57ccdf71531fc8ac421cd851f6ec7aba85bb86e8dd225fb095f1c199')
    expect(byName('CheckerNodeLicense', 'UpdateUser')).toBe('0x4e06b4e7000e659094299b3533b47b6aa8ad048e95e872d23d1f4ee55af89cfe')
    expect(byName('CheckerNodeLicense', 'Transfer')).toBe(T.transfer)
    expect(byName('AethirToken', 'Transfer')).toBe(T.transfer)
  })

  it('shares Arbitrum One with Livepeer without address clashes', () => {
    expect(() => watchedOnChain(arbitrumOne, [livepeer, aethir], [])).not.toThrow()
    expect(aethir.chain.chainId).toBe(42161)
    expect(aethir.token.maxSupply).toBe(42_000_000_000n * E18)
  })
})

describe('Aethir events decode to the expected facts', () => {
  it('DepositServiceFee -> FEE_PAID, WithdrawServiceFee -> FEE_REFUNDED, in ATH, developer as payer', () => {
    const dep = log(CORE, [T.deposit, addrTopic(DEV)], data(word(7n), word(12_345n * E18)))
    const wd = log(CORE, [T.withdraw, addrTopic(DEV)], data(word(8n), word(345n * E18)))
    const out = handleBlocks(arbitrumOne, watched, [block([dep, wd])])
    expect(out.quarantined).toEqual([])
    expect(brief(out.facts)).toEqual([
      ['FEE_PAID', 'ATH', 12_345n * E18, null, DEV, '7'],
      ['FEE_REFUNDED', 'ATH', 345n * E18, null, DEV, '8'],
    ])
    expect(out.facts[0]).toMatchObject({ network: 'aethir', category: 'compute', decimals: 18, provenance: 'onchain' })
    expect(out.rawEvents[0].args).toEqual({ developer: DEV, nonce: '7', amount: (12_345n * E18).toString() })
  })

  it('licence mint -> NODE_REGISTERED, burn -> NODE_DEREGISTERED, other transfers raw only', () => {
    const out = handleBlocks(arbitrumOne, watched, [block([nftTransfer(ZERO, OWNER, 42n), nftTransfer(OWNER, DEV, 42n), nftTransfer(DEV, ZERO, 42n)])])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents.map((e) => [e.contractName, e.name])).toEqual([
      ['CheckerNodeLicense', 'Transfer'], ['CheckerNodeLicense', 'Transfer'], ['CheckerNodeLicense', 'Transfer'],
    ])
    expect(out.rawEvents[1].args).toEqual({ from: OWNER, to: DEV, tokenId: '42' })
    expect(brief(out.facts)).toEqual([
      ['NODE_REGISTERED', 'licences', 1n, OWNER, null, '42'],
      ['NODE_DEREGISTERED', 'licences', 1n, DEV, null, '42'],
    ])
    expect(out.facts.map((f) => [f.unit, f.decimals])).toEqual([['licences', 0], ['licences', 0]])
  })

  it('UpdateUser opens a lease, a new user closes it and opens another, user 0x0 closes it', () => {
    const state = new StateCache()
    const open = handleBlocks(arbitrumOne, watched, [block([updateUser(5n, OP1, 1_800_000_000n)])], state)
    expect(brief(open.facts)).toEqual([['LEASE_OPENED', 'ATH', 0n, OP1, null, '5']])
    // a renewal by the same user is not a new lease
    const renew = handleBlocks(arbitrumOne, watched, [block([updateUser(5n, OP1, 1_900_000_000n)], 300_000_001)], state)
    expect(renew.facts).toEqual([])
    expect(renew.rawEvents[0].args).toEqual({ tokenId: '5', user: OP1, expires: '1900000000' })
    const move = handleBlocks(arbitrumOne, watched, [block([updateUser(5n, OP2, 1_900_000_000n)], 300_000_002)], state)
    expect(brief(move.facts)).toEqual([
      ['LEASE_CLOSED', 'ATH', 0n, OP1, null, '5'],
      ['LEASE_OPENED', 'ATH', 0n, OP2, null, '5'],
    ])
    const clear = handleBlocks(arbitrumOne, watched, [block([updateUser(5n, ZERO, 0n), updateUser(5n, ZERO, 0n)], 300_000_003)], state)
    expect(brief(clear.facts)).toEqual([['LEASE_CLOSED', 'ATH', 0n, OP2, null, '5']])
    expect(clear.rawEvents).toHaveLength(2)
    // the state rows are what the writer persists (and a reorg rolls back)
    expect(state.takeChanges().some(([id, v]) => id === 'aethir:lease:5' && v === null)).toBe(true)
  })

  it('burning a delegated licence closes its lease too', () => {
    const state = new StateCache()
    const out = handleBlocks(arbitrumOne, watched, [block([nftTransfer(ZERO, OWNER, 9n), updateUser(9n, OP1, 1_800_000_000n), nftTransfer(OWNER, ZERO, 9n)])], state)
    expect(out.facts.map((f) => f.kind)).toEqual(['NODE_REGISTERED', 'LEASE_OPENED', 'LEASE_CLOSED', 'NODE_DEREGISTERED'])
  })

  it('ATH: mint, burn, reward from CheckerClaimAndWithdraw (inferred), other transfers raw only', () => {
    const out = handleBlocks(arbitrumOne, watched, [block([
      athTransfer(ZERO, OWNER, 1_000n * E18),
      athTransfer(OWNER, ZERO, 10n * E18),
      athTransfer(CLAIM, OWNER, 470n * E18),
      athTransfer(DEV, CORE, 5n * E18),
    ])])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents.map((e) => e.contractName)).toEqual(['AethirToken', 'AethirToken', 'AethirToken', 'AethirToken'])
    expect(out.rawEvents[3].args).toEqual({ from: DEV, to: CORE.toLowerCase(), value: (5n * E18).toString() })
    expect(brief(out.facts)).toEqual([
      ['SUPPLY_MINT', 'ATH', 1_000n * E18, OWNER, null, null],
      ['SUPPLY_BURN', 'ATH', 10n * E18, OWNER, null, null],
      ['REWARD_EMITTED', 'ATH', 470n * E18, OWNER, CLAIM.toLowerCase(), null],
    ])
    expect(out.facts.map((f) => f.provenance)).toEqual(['onchain', 'onchain', 'inferred'])
  })

  it('malformed logs are quarantined: wrong Transfer arity per address, short data, unknown topic', () => {
    const good = athTransfer(ZERO, OWNER, 1n)
    // ERC-721 shape (tokenId indexed, no data) at the ERC-20 address, and ERC-20 shape at the ERC-721 address
    const nftShapeOnToken = log(ATH, [T.transfer, addrTopic(OWNER), addrTopic(DEV), idTopic(1n)], '0x')
    const tokenShapeOnNft = log(LICENSE, [T.transfer, addrTopic(OWNER), addrTopic(DEV)], data(word(1n)))
    const short = log(CORE, [T.deposit, addrTopic(DEV)], data(word(1n)))
    const unknown = log(CORE, [topic0('Nope(uint256)')], data(word(1n)))
    const out = handleBlocks(arbitrumOne, watched, [block([nftShapeOnToken, tokenShapeOnNft, good, short, unknown])])
    expect(out.rawEvents).toHaveLength(1)
    expect(out.facts.map((f) => f.kind)).toEqual(['SUPPLY_MINT'])
    const reasons = out.quarantined.map((q) => q.reason)
    expect(reasons).toHaveLength(4)
    expect(reasons[0]).toMatch(/cannot decode Transfer of aethir AethirToken/)
    expect(reasons[1]).toMatch(/cannot decode Transfer of aethir CheckerNodeLicense/)
    expect(reasons[2]).toMatch(/cannot decode DepositServiceFee/)
    expect(reasons[3]).toMatch(/unknown topic0 .* aethir AethirCore/)
    expect(out.quarantined.every((q) => q.network === 'aethir')).toBe(true)
  })
})

describe('Aethir devnet model', () => {
  const GENESIS = Date.UTC(2026, 0, 5) / 1000
  const STEP = 900
  const DAYS = 14

  function simulate(seed: number) {
    const model = new AethirModel({ seed, genesis: GENESIS })
    const steps: { t: number; logs: EmittedLog[] }[] = []
    for (let t = GENESIS + STEP; t <= GENESIS + DAYS * 86_400; t += STEP) steps.push({ t, logs: model.step(t - STEP, t) })
    return { model, steps }
  }

  const run = simulate(7)
  const state = new StateCache()
  const blocks: BlockInput[] = run.steps.map(({ t, logs }, i) => ({
    header: { height: 1 + i, hash: '0x' + (1 + i).toString(16).padStart(64, '0'), timestamp: t * 1000 },
    logs: logs.map((l, j) => ({ address: l.address.toLowerCase(), topics: l.topics, data: l.data, logIndex: j, transactionHash: '0x' + (i * 1000 + j).toString(16).padStart(64, '0') })),
  }))
  // one StateCache across daily batches, as the indexer does
  const outs = Array.from({ length: DAYS }, (_, d) => handleBlocks(arbitrumOne, watched, blocks.slice(d * 96, (d + 1) * 96), state))
  const facts = outs.flatMap((o) => o.facts)
  const sum = (kind: string) => facts.filter((f) => f.kind === kind).reduce((s, f) => s + f.amount, 0n)
  const count = (kind: string) => facts.filter((f) => f.kind === kind).length
  const ath = (x: bigint) => Number(x / E18)

  it('emits only from its listed addresses, at a modest volume, and nothing is quarantined', () => {
    const logs = run.steps.flatMap((s) => s.logs)
    expect(new Set(logs.map((l) => l.address))).toEqual(new Set(Object.values(AETHIR_ADDRESSES)))
    expect(run.model.addresses).toEqual(Object.values(AETHIR_ADDRESSES))
    expect(outs.flatMap((o) => o.quarantined)).toEqual([])
    expect(outs.reduce((s, o) => s + o.rawEvents.length, 0)).toBe(logs.length)
    const perDay = logs.length / DAYS
    expect(perDay).toBeGreaterThan(30)
    expect(perDay).toBeLessThan(400)
  })

  it('every fact kind of the network occurs', () => {
    for (const k of ['FEE_PAID', 'FEE_REFUNDED', 'NODE_REGISTERED', 'NODE_DEREGISTERED', 'LEASE_OPENED', 'LEASE_CLOSED', 'SUPPLY_MINT', 'SUPPLY_BURN', 'REWARD_EMITTED']) {
      expect(count(k), k).toBeGreaterThan(0)
    }
    expect(count('PROTOCOL_TAKE')).toBe(0)
  })

  it('magnitudes are sane', () => {
    const feesPerDay = ath(sum('FEE_PAID')) / DAYS
    expect(feesPerDay).toBeGreaterThan(800_000)
    expect(feesPerDay).toBeLessThan(4_000_000)
    const refunds = ath(sum('FEE_REFUNDED'))
    expect(refunds).toBeLessThan(ath(sum('FEE_PAID')) * 0.2)
    const rewardsPerDay = ath(sum('REWARD_EMITTED')) / DAYS
    expect(rewardsPerDay).toBeGreaterThan(500_000)
    expect(rewardsPerDay).toBeLessThan(6_000_000)
    const licences = count('NODE_REGISTERED') - count('NODE_DEREGISTERED')
    expect(licences).toBeGreaterThan(400)
    expect(licences).toBeLessThan(1_000)
    expect(count('NODE_DEREGISTERED')).toBeLessThan(count('NODE_REGISTERED') / 20)
    // open leases in the handler state match the model's delegated licences
    const delegated = [...(run.model as any).licences.values()].filter((l: { user: string | null }) => l.user != null).length
    expect(count('LEASE_OPENED') - count('LEASE_CLOSED')).toBe(delegated)
    expect(delegated).toBeGreaterThan(licences * 0.5)
    // the initial supply dominates the mints; every fact amount fits the token's max supply
    expect(ath(sum('SUPPLY_MINT'))).toBeGreaterThan(4_200_000_000)
    expect(facts.every((f) => f.amount <= 42_000_000_000n * E18)).toBe(true)
  })

  it('is deterministic for a seed and differs for another seed', () => {
    const again = simulate(7)
    expect(again.steps).toEqual(run.steps)
    const other = simulate(8)
    expect(other.steps).not.toEqual(run.steps)
  })
})
