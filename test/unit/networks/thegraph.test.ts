/**
 * The Graph: decoding by topic0 of legacy and Horizon events on the same proxies, against hand-encoded logs,
 * and the devnet model run through the batch handler across the Horizon switch.
 */
import { describe, expect, it } from 'vitest'
import { TheGraphModel } from '../../../devnet/simulator/thegraph'
import { handleBlocks } from '../../../indexer/handlers/batch'
import { StateCache } from '../../../indexer/handlers/state'
import type { BlockInput, LogInput } from '../../../indexer/handlers/types'
import { arbitrumOne } from '../../../indexer/registry/chains'
import { watchedOnChain } from '../../../indexer/registry'
import { thegraph } from '../../../indexer/registry/thegraph'
import { addrTopic, addrWord, bytesTail, data, topic0, word } from '../../helpers/abi-hand'

// real Arbitrum One addresses (graphprotocol/contracts addresses.json, key 42161)
const GRT = '0x9623063377AD1B27544C965cCd7342f7EA7e88C7'
const STAKING = '0x00669A4CF01450B64E8A2A20E9b1FCB71E61eF03'
const REWARDS = '0x971B9d3d0Ae3ECa029CAB5eA1fB0F72c85e6a525'
const SUBGRAPH_SERVICE = '0xb2Bb92d0DE618878E438b55D5846cfecD9301105'
const GRAPH_PAYMENTS = '0x7Aae8ae011927BC36Cb4d0d3e81f2E6E30daE06D'
const SERVICE_REGISTRY = '0x072884c745c0A23144753335776c99BE22588f8A'
const ALLOCATION_EXCHANGE = '0x993F00C98D1678371a7b261Ed0E0D4b6F42d9aEE'

const IDX = '0x1111111111111111111111111111111111111111'
const DEL = '0x2222222222222222222222222222222222222222'
const PAYER = '0x3333333333333333333333333333333333333333'
const ALLOC1 = '0x4444444444444444444444444444444444444444'
const ALLOC2 = '0x5555555555555555555555555555555555555555'
const ALLOC3 = '0x6666666666666666666666666666666666666666'
const ZERO = '0x0000000000000000000000000000000000000000'
const DEPLOYMENT = '0x' + 'de'.repeat(32)
const E18 = 10n ** 18n

const SIG = {
  Transfer: 'Transfer(address,address,uint256)',
  StakeDeposited: 'StakeDeposited(address,uint256)',
  StakeDelegated: 'StakeDelegated(address,address,uint256,uint256)',
  AllocationCreatedLegacy: 'AllocationCreated(address,bytes32,uint256,uint256,address,bytes32)',
  AllocationClosedV8: 'AllocationClosed(address,bytes32,uint256,uint256,address,address,bytes32,bool)',
  AllocationClosedV9: 'AllocationClosed(address,bytes32,uint256,uint256,address,uint256,address,bytes32,bool)',
  RebateCollected: 'RebateCollected(address,address,bytes32,address,uint256,uint256,uint256,uint256,uint256,uint256,uint256)',
  DelegationParametersUpdated: 'DelegationParametersUpdated(address,uint32,uint32,uint32)',
  HorizonStakeDeposited: 'HorizonStakeDeposited(address,uint256)',
  HorizonStakeWithdrawn: 'HorizonStakeWithdrawn(address,uint256)',
  TokensDelegated: 'TokensDelegated(address,address,address,uint256,uint256)',
  TokensUndelegated: 'TokensUndelegated(address,address,address,uint256,uint256)',
  RewardsAssigned: 'RewardsAssigned(address,address,uint256,uint256)',
  HorizonRewardsAssigned: 'HorizonRewardsAssigned(address,address,uint256)',
  RewardsDenied: 'RewardsDenied(address,address)',
  RewardsDeniedEpoch: 'RewardsDenied(address,address,uint256)',
  ServiceProviderRegistered: 'ServiceProviderRegistered(address,bytes)',
  AllocationCreatedHorizon: 'AllocationCreated(address,address,bytes32,uint256,uint256)',
  AllocationClosedHorizon: 'AllocationClosed(address,address,bytes32,uint256,bool)',
  QueryFeesCollected: 'QueryFeesCollected(address,address,address,bytes32,uint256,uint256)',
  GraphPaymentCollected10: 'GraphPaymentCollected(uint8,address,address,address,uint256,uint256,uint256,uint256,uint256,address)',
  GraphPaymentCollected9: 'GraphPaymentCollected(uint8,address,address,address,uint256,uint256,uint256,uint256,uint256)',
  ServiceRegistered: 'ServiceRegistered(address,string,string)',
}

const watched = watchedOnChain(arbitrumOne, [thegraph], [])
let logIndex = 0
const log = (address: string, topics: string[], d: string): LogInput => ({
  address: address.toLowerCase(), topics, data: d, logIndex: logIndex++, transactionHash: '0x' + 'ab'.repeat(32),
})
const block = (logs: LogInput[], height = 400_000_000, timestamp = Date.UTC(2026, 0, 5, 10, 30)): BlockInput => ({
  header: { height, hash: '0x' + height.toString(16).padStart(64, '0'), timestamp }, logs,
})
const wordTopic = (n: bigint) => '0x' + word(n)
const b32 = (hex: string) => hex.replace(/^0x/, '')
const utf8Hex = (s: string) => Buffer.from(s, 'utf8').toString('hex')
const argsOf = (e: { args: unknown }) => e.args as Record<string, unknown>
const facts = (out: ReturnType<typeof handleBlocks>) => out.facts.map((f) => [f.kind, f.amount, f.actor, f.counterparty])

describe('The Graph topic0 values match the reference (shared/reference/depin-contracts.json)', () => {
  const reference: Record<string, string> = {
    [SIG.AllocationClosedV8]: '0xf6725dd105a6fc88bb79a6e4627f128577186c567a17c94818d201c2a4ce1403',
    [SIG.AllocationClosedV9]: '0x7203ffa6902c4c2a85ac2612321460fa20e29a972c272ecedfdf95f944616269',
    [SIG.AllocationClosedHorizon]: '0x08f2f865e0fb62d722a51e4d9873199bf6bf52e7d8ee5a2ee2896c9ef719f545',
    [SIG.RewardsDenied]: '0x9b1323a10f3955b1c9c054ffbda78edfdf49998aaf37f61d9f84776b59ac8043',
    [SIG.RewardsDeniedEpoch]: '0x07b6d8dafdf1323cc892f303125d1308c0edc07b15b14b6de6dcb4a5eea818fa',
    [SIG.GraphPaymentCollected10]: '0xb1ac8b16683562f4b1b5ecbe3321151b400058de5cdd25ac44d5bfacb106765f',
    [SIG.GraphPaymentCollected9]: '0x15031c73839eb026d1ddedd9cad4367c8cd36b18ba1056f2756f1cec59b39835',
    [SIG.RebateCollected]: '0xf5ded07502b6feba4c13b19a0c6646efd4b4119f439bcbd49076e4f0ed1eec4b',
    [SIG.HorizonRewardsAssigned]: '0xa111914d7f2ea8beca61d12f1a1f38c5533de5f1823c3936422df4404ac2ec68',
    [SIG.QueryFeesCollected]: '0x184c452047299395d4f7f147eb8e823458a450798539be54aeed978f13d87ba2',
  }
  it('hand-computed keccak equals the reference and the registry knows every signature', () => {
    const registered = new Set([...watched.values()].flatMap((w) => [...w.byTopic.keys()]))
    for (const [sig, t] of Object.entries(reference)) expect(topic0(sig), sig).toBe(t)
    for (const sig of Object.values(SIG)) expect(registered.has(topic0(sig)), sig).toBe(true)
  })
})

describe('The Graph events decode by topic0 to the expected facts', () => {
  it('GRT Transfer: from 0x0 is a mint, to 0x0 a burn, others no fact', () => {
    const mint = log(GRT, [topic0(SIG.Transfer), addrTopic(ZERO), addrTopic(STAKING)], data(word(7n * E18)))
    const burn = log(GRT, [topic0(SIG.Transfer), addrTopic(STAKING), addrTopic(ZERO)], data(word(3n * E18)))
    const move = log(GRT, [topic0(SIG.Transfer), addrTopic(IDX), addrTopic(DEL)], data(word(1n)))
    const out = handleBlocks(arbitrumOne, watched, [block([mint, burn, move])])
    expect(out.rawEvents).toHaveLength(3)
    expect(facts(out)).toEqual([
      ['SUPPLY_MINT', 7n * E18, STAKING.toLowerCase(), null],
      ['SUPPLY_BURN', 3n * E18, STAKING.toLowerCase(), null],
    ])
    expect(out.facts[0]).toMatchObject({ network: 'thegraph', category: 'data', asset: 'GRT', decimals: 18, provenance: 'onchain' })
  })

  it('legacy RebateCollected: gross query fees -> FEE_PAID, protocol tax -> PROTOCOL_TAKE', () => {
    const tokens = 1000n * E18
    const l = log(STAKING, [topic0(SIG.RebateCollected), addrTopic(IDX), '0x' + b32(DEPLOYMENT), addrTopic(ALLOC1)],
      data(addrWord(ALLOCATION_EXCHANGE), word(4100n), word(tokens), word(10n * E18), word(99n * E18), word(891n * E18), word(800n * E18), word(91n * E18)))
    const out = handleBlocks(arbitrumOne, watched, [block([l])])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents[0].name).toBe('RebateCollected')
    expect(out.rawEvents[0].args).toMatchObject({ curationFees: (99n * E18).toString(), queryRebates: (800n * E18).toString() })
    expect(facts(out)).toEqual([
      ['FEE_PAID', tokens, IDX, ALLOCATION_EXCHANGE.toLowerCase()],
      ['PROTOCOL_TAKE', 10n * E18, IDX, ZERO],
    ])
    expect(out.facts[0].subject).toBe(ALLOC1)
  })

  it('GraphPaymentCollected, both arities: QueryFee and IndexingFee are fees, IndexingRewards is not', () => {
    const head = (type: bigint, sig: string) => [topic0(sig), wordTopic(type), addrTopic(PAYER), addrTopic(SUBGRAPH_SERVICE)]
    const amounts = [word(500n * E18), word(5n * E18), word(49n * E18), word(40n * E18), word(406n * E18)]
    const q10 = log(GRAPH_PAYMENTS, head(0n, SIG.GraphPaymentCollected10), data(addrWord(IDX), ...amounts, addrWord(IDX)))
    const q9 = log(GRAPH_PAYMENTS, head(0n, SIG.GraphPaymentCollected9), data(addrWord(IDX), ...amounts))
    const fee = log(GRAPH_PAYMENTS, head(1n, SIG.GraphPaymentCollected10), data(addrWord(IDX), ...amounts, addrWord(IDX)))
    const rewards = log(GRAPH_PAYMENTS, head(2n, SIG.GraphPaymentCollected10), data(addrWord(IDX), ...amounts, addrWord(IDX)))
    const out = handleBlocks(arbitrumOne, watched, [block([q10, q9, fee, rewards])])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents.map((e) => e.name)).toEqual(['GraphPaymentCollected', 'GraphPaymentCollected(v9)', 'GraphPaymentCollected', 'GraphPaymentCollected'])
    expect(out.rawEvents[0].args).toMatchObject({ paymentType: 0, receiverDestination: IDX, tokensDataService: (49n * E18).toString() })
    expect(facts(out)).toEqual([
      ['FEE_PAID', 500n * E18, IDX, PAYER], ['PROTOCOL_TAKE', 5n * E18, IDX, ZERO],
      ['FEE_PAID', 500n * E18, IDX, PAYER], ['PROTOCOL_TAKE', 5n * E18, IDX, ZERO],
      ['FEE_PAID', 500n * E18, IDX, PAYER], ['PROTOCOL_TAKE', 5n * E18, IDX, ZERO],
    ])
  })

  it('SubgraphService.QueryFeesCollected is kept raw (the fee is counted from GraphPaymentCollected)', () => {
    const l = log(SUBGRAPH_SERVICE, [topic0(SIG.QueryFeesCollected), addrTopic(IDX), addrTopic(PAYER), addrTopic(ALLOC1)], data(b32(DEPLOYMENT), word(500n * E18), word(49n * E18)))
    const out = handleBlocks(arbitrumOne, watched, [block([l])])
    expect(out.rawEvents[0].args).toMatchObject({ tokensCollected: (500n * E18).toString(), subgraphDeploymentId: DEPLOYMENT })
    expect(out.facts).toEqual([])
  })

  it('RewardsAssigned and HorizonRewardsAssigned -> REWARD_EMITTED; both RewardsDenied forms decode on the same address', () => {
    const legacy = log(REWARDS, [topic0(SIG.RewardsAssigned), addrTopic(IDX), addrTopic(ALLOC1)], data(word(4100n), word(12_345n * E18)))
    const horizon = log(REWARDS, [topic0(SIG.HorizonRewardsAssigned), addrTopic(IDX), addrTopic(ALLOC2)], data(word(6_789n * E18)))
    const denied = log(REWARDS, [topic0(SIG.RewardsDenied), addrTopic(IDX), addrTopic(ALLOC2)], '0x')
    const deniedEpoch = log(REWARDS, [topic0(SIG.RewardsDeniedEpoch), addrTopic(IDX), addrTopic(ALLOC1)], data(word(4101n)))
    const out = handleBlocks(arbitrumOne, watched, [block([legacy, horizon, denied, deniedEpoch])])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents.map((e) => e.name)).toEqual(['RewardsAssigned', 'HorizonRewardsAssigned', 'RewardsDenied', 'RewardsDenied(epoch)'])
    expect(out.rawEvents[3].args).toEqual({ indexer: IDX, allocationID: ALLOC1, epoch: '4101' })
    expect(out.rawEvents[2].args).toEqual({ indexer: IDX, allocationID: ALLOC2 })
    expect(facts(out)).toEqual([['REWARD_EMITTED', 12_345n * E18, IDX, null], ['REWARD_EMITTED', 6_789n * E18, IDX, null]])
  })

  it('stake: legacy deposit and delegation, Horizon deposit, withdrawal, delegation and undelegation', () => {
    const logs = [
      log(STAKING, [topic0(SIG.StakeDeposited), addrTopic(IDX)], data(word(100n))),
      log(STAKING, [topic0(SIG.StakeDelegated), addrTopic(IDX), addrTopic(DEL)], data(word(200n), word(190n))),
      log(STAKING, [topic0(SIG.HorizonStakeDeposited), addrTopic(IDX)], data(word(300n))),
      log(STAKING, [topic0(SIG.HorizonStakeWithdrawn), addrTopic(IDX)], data(word(40n))),
      log(STAKING, [topic0(SIG.TokensDelegated), addrTopic(IDX), addrTopic(SUBGRAPH_SERVICE), addrTopic(DEL)], data(word(500n), word(480n))),
      log(STAKING, [topic0(SIG.TokensUndelegated), addrTopic(IDX), addrTopic(SUBGRAPH_SERVICE), addrTopic(DEL)], data(word(60n), word(55n))),
      log(STAKING, [topic0(SIG.DelegationParametersUpdated), addrTopic(IDX)], data(word(900_000n), word(800_000n), word(0n))),
    ]
    const out = handleBlocks(arbitrumOne, watched, [block(logs)])
    expect(out.quarantined).toEqual([])
    expect(facts(out)).toEqual([
      ['STAKE_BOND', 100n, IDX, null], ['STAKE_BOND', 200n, IDX, DEL], ['STAKE_BOND', 300n, IDX, null],
      ['STAKE_UNBOND', 40n, IDX, null], ['STAKE_BOND', 500n, IDX, DEL], ['STAKE_UNBOND', 60n, IDX, DEL], ['NODE_UPDATE', 0n, IDX, null],
    ])
  })

  it('allocations: opened in block 1 and closed in block 2, with both legacy AllocationClosed arities and the Horizon one', () => {
    const state = new StateCache()
    const open1 = log(STAKING, [topic0(SIG.AllocationCreatedLegacy), addrTopic(IDX), '0x' + b32(DEPLOYMENT), addrTopic(ALLOC1)], data(word(4100n), word(1000n * E18), '00'.repeat(32)))
    const open2 = log(STAKING, [topic0(SIG.AllocationCreatedLegacy), addrTopic(IDX), '0x' + b32(DEPLOYMENT), addrTopic(ALLOC2)], data(word(4100n), word(2000n * E18), '00'.repeat(32)))
    const open3 = log(SUBGRAPH_SERVICE, [topic0(SIG.AllocationCreatedHorizon), addrTopic(IDX), addrTopic(ALLOC3), '0x' + b32(DEPLOYMENT)], data(word(3000n * E18), word(4100n)))
    const b1 = handleBlocks(arbitrumOne, watched, [block([open1, open2, open3], 1)], state)
    expect(b1.facts.map((f) => [f.kind, f.amount, f.subject, f.actor])).toEqual([
      ['LEASE_OPENED', 1000n * E18, ALLOC1, IDX], ['LEASE_OPENED', 2000n * E18, ALLOC2, IDX], ['LEASE_OPENED', 3000n * E18, ALLOC3, IDX],
    ])
    expect(state.access('thegraph').get(`alloc:${ALLOC1}`)).toMatchObject({ indexer: IDX, tokens: (1000n * E18).toString() })
    const poi = 'ab'.repeat(32)
    const close9 = log(STAKING, [topic0(SIG.AllocationClosedV9), addrTopic(IDX), '0x' + b32(DEPLOYMENT), addrTopic(ALLOC1)],
      data(word(4110n), word(1000n * E18), word(10_000n * E18), addrWord(IDX), poi, word(0n)))
    const close8 = log(STAKING, [topic0(SIG.AllocationClosedV8), addrTopic(IDX), '0x' + b32(DEPLOYMENT), addrTopic(ALLOC2)],
      data(word(4110n), word(2000n * E18), addrWord(IDX), poi, word(1n)))
    const closeH = log(SUBGRAPH_SERVICE, [topic0(SIG.AllocationClosedHorizon), addrTopic(IDX), addrTopic(ALLOC3), '0x' + b32(DEPLOYMENT)], data(word(3000n * E18), word(1n)))
    const b2 = handleBlocks(arbitrumOne, watched, [block([close9, close8, closeH], 2)], state)
    expect(b2.quarantined).toEqual([])
    expect(b2.rawEvents.map((e) => e.name)).toEqual(['AllocationClosed(v9)', 'AllocationClosed(v8)', 'AllocationClosed(horizon)'])
    expect(b2.rawEvents[0].args).toMatchObject({ effectiveAllocation: (10_000n * E18).toString(), isPublic: false })
    expect(b2.rawEvents[1].args).toMatchObject({ sender: IDX, poi: '0x' + poi, isPublic: true })
    expect(b2.rawEvents[2].args).toMatchObject({ forceClosed: true })
    expect(b2.facts.map((f) => [f.kind, f.amount, f.subject])).toEqual([
      ['LEASE_CLOSED', 1000n * E18, ALLOC1], ['LEASE_CLOSED', 2000n * E18, ALLOC2], ['LEASE_CLOSED', 3000n * E18, ALLOC3],
    ])
    for (const a of [ALLOC1, ALLOC2, ALLOC3]) expect(state.access('thegraph').get(`alloc:${a}`)).toBeUndefined()
  })

  it('an indexer registered on the legacy ServiceRegistry and again on the SubgraphService counts once', () => {
    const state = new StateCache()
    const url = utf8Hex('https://indexer.example/')
    const geo = utf8Hex('u0vh')
    // head: offsets of url (0x40) and geohash (0x40 + url tail); tails: length + padded content
    const urlTail = bytesTail(url)
    const legacy = log(SERVICE_REGISTRY, [topic0(SIG.ServiceRegistered), addrTopic(IDX)], data(word(64n), word(64n + BigInt(urlTail.length / 2)), urlTail, bytesTail(geo)))
    const payload = word(96n) + word(160n) + addrWord(IDX) + bytesTail(url) + bytesTail(geo) // abi(string url, string geohash, address)
    const horizon = log(SUBGRAPH_SERVICE, [topic0(SIG.ServiceProviderRegistered), addrTopic(IDX)], data(word(32n), bytesTail(payload)))
    const other = log(SUBGRAPH_SERVICE, [topic0(SIG.ServiceProviderRegistered), addrTopic(DEL)], data(word(32n), bytesTail(payload)))
    const out = handleBlocks(arbitrumOne, watched, [block([legacy], 1), block([horizon, other], 2)], state)
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents[0].args).toEqual({ indexer: IDX, url: 'https://indexer.example/', geohash: 'u0vh' })
    expect(out.rawEvents[1].args).toEqual({ serviceProvider: IDX, data: '0x' + payload })
    expect(out.facts.map((f) => [f.kind, f.amount, f.actor, f.unit])).toEqual([
      ['NODE_REGISTERED', 1n, IDX, 'indexers'], ['NODE_UPDATE', 0n, IDX, null], ['NODE_REGISTERED', 1n, DEL, 'indexers'],
    ])
  })

  it('malformed logs are quarantined with their reason', () => {
    const short = log(STAKING, [topic0(SIG.RebateCollected), addrTopic(IDX), '0x' + b32(DEPLOYMENT), addrTopic(ALLOC1)], data(word(1n)))
    const unknown = log(STAKING, [topic0('Nope(uint256)')], data(word(1n)))
    const good = log(STAKING, [topic0(SIG.StakeDeposited), addrTopic(IDX)], data(word(1n)))
    const out = handleBlocks(arbitrumOne, watched, [block([short, unknown, good])])
    expect(out.rawEvents.map((e) => e.name)).toEqual(['StakeDeposited'])
    expect(out.quarantined.map((q) => q.reason)).toEqual([
      expect.stringMatching(/cannot decode RebateCollected of thegraph HorizonStaking/),
      expect.stringMatching(/unknown topic0 .* thegraph HorizonStaking/),
    ])
    expect(out.quarantined[0]).toMatchObject({ network: 'thegraph', data: short.data })
  })
})

describe('The Graph devnet model', () => {
  const GENESIS = Date.UTC(2026, 0, 1) / 1000
  const DAYS = 40
  /** history blocks every 900 s for DAYS days, then 30 live blocks 2 s apart */
  function run(seed: number) {
    const model = new TheGraphModel({ seed, genesis: GENESIS })
    const blocks: BlockInput[] = []
    let t = GENESIS
    let height = 1
    const stamps: number[] = []
    for (let s = GENESIS + 900; s <= GENESIS + DAYS * 86_400; s += 900) stamps.push(s)
    for (let i = 1; i <= 30; i++) stamps.push(GENESIS + DAYS * 86_400 + 2 * i)
    for (const to of stamps) {
      const logs = model.step(t, to).map((l, i) => ({ address: l.address.toLowerCase(), topics: l.topics, data: l.data, logIndex: i, transactionHash: '0x' + height.toString(16).padStart(64, '0') }))
      blocks.push({ header: { height, hash: '0x' + height.toString(16).padStart(64, 'f'), timestamp: to * 1000 }, logs })
      t = to
      height++
    }
    return { model, blocks }
  }
  const { model, blocks } = run(11)
  const state = new StateCache()
  const out = handleBlocks(arbitrumOne, watched, blocks, state)
  const switchAt = (GENESIS + 27 * 86_400) * 1000
  const kinds = (era: 'legacy' | 'horizon') =>
    new Set(out.facts.filter((f) => (era === 'legacy' ? f.timestamp.getTime() < switchAt : f.timestamp.getTime() >= switchAt)).map((f) => f.kind))

  it('every log decodes, none is quarantined, and the model ends in the Horizon era', () => {
    expect(out.quarantined).toEqual([])
    expect(model.isHorizon).toBe(true)
    const perDay = out.rawEvents.length / DAYS
    expect(perDay).toBeGreaterThan(20)
    expect(perDay).toBeLessThan(500)
  })

  it('fact kinds occur in both eras, decoded from the era\u2019s own events', () => {
    for (const k of ['FEE_PAID', 'PROTOCOL_TAKE', 'REWARD_EMITTED', 'SUPPLY_MINT', 'SUPPLY_BURN', 'STAKE_BOND', 'LEASE_OPENED', 'LEASE_CLOSED', 'NODE_REGISTERED', 'NODE_UPDATE']) {
      expect(kinds('legacy').has(k as never), `legacy ${k}`).toBe(true)
    }
    for (const k of ['FEE_PAID', 'PROTOCOL_TAKE', 'REWARD_EMITTED', 'SUPPLY_MINT', 'SUPPLY_BURN', 'STAKE_BOND', 'STAKE_UNBOND', 'LEASE_OPENED', 'LEASE_CLOSED', 'NODE_UPDATE']) {
      expect(kinds('horizon').has(k as never), `horizon ${k}`).toBe(true)
    }
    const names = new Set(out.rawEvents.map((e) => e.name))
    for (const n of ['RebateCollected', 'AllocationClosed(v9)', 'AllocationClosed(v8)', 'AllocationClosed(horizon)', 'AllocationCreated(legacy)', 'AllocationCreated(horizon)',
      'RewardsAssigned', 'HorizonRewardsAssigned', 'GraphPaymentCollected', 'QueryFeesCollected', 'ServiceRegistered', 'ServiceProviderRegistered', 'RAVCollected', 'EscrowCollected']) {
      expect(names.has(n), n).toBe(true)
    }
  })

  it('Horizon query fees are counted once: FEE_PAID of query fees = sum of QueryFeesCollected.tokensCollected', () => {
    const collected = out.rawEvents.filter((e) => e.name === 'QueryFeesCollected').reduce((s, e) => s + BigInt(argsOf(e).tokensCollected as string), 0n)
    const queryFeePayments = out.rawEvents.filter((e) => e.name === 'GraphPaymentCollected' && argsOf(e).paymentType === 0)
    const paid = queryFeePayments.reduce((s, e) => s + BigInt(argsOf(e).tokens as string), 0n)
    expect(collected).toBeGreaterThan(0n)
    expect(paid).toBe(collected)
    const horizonFees = out.facts.filter((f) => f.kind === 'FEE_PAID' && f.timestamp.getTime() >= switchAt).reduce((s, f) => s + f.amount, 0n)
    expect(horizonFees).toBeLessThan((collected * 11n) / 10n) // plus rare indexing fees, never twice the query fees
  })

  it('magnitudes are sane: ~10.8 B supply, ~3 %/year issuance, tens of thousands of GRT of fees a day, 1 % protocol tax', () => {
    const sum = (k: string) => out.facts.filter((f) => f.kind === k).reduce((s, f) => s + f.amount, 0n) / E18
    const minted = sum('SUPPLY_MINT')
    expect(minted).toBeGreaterThan(10_800_000_000n)
    const rewards = Number(sum('REWARD_EMITTED'))
    // allocations are opened at genesis and last 2-28 days, so the first days mint little: 1-4 %/year overall
    expect(rewards / DAYS).toBeGreaterThan((10.8e9 * 0.01) / 365)
    expect(rewards / DAYS).toBeLessThan((10.8e9 * 0.045) / 365)
    const fees = Number(sum('FEE_PAID'))
    expect(fees / DAYS).toBeGreaterThan(10_000)
    expect(fees / DAYS).toBeLessThan(150_000)
    const take = Number(sum('PROTOCOL_TAKE'))
    expect(take / fees).toBeGreaterThan(0.0095)
    expect(take / fees).toBeLessThan(0.0105)
    expect(Number(sum('SUPPLY_BURN'))).toBeGreaterThan(take)
    // every LEASE_CLOSED matches an earlier LEASE_OPENED
    const opened = new Set(out.facts.filter((f) => f.kind === 'LEASE_OPENED').map((f) => f.subject))
    const closed = out.facts.filter((f) => f.kind === 'LEASE_CLOSED')
    expect(closed.length).toBeGreaterThan(50)
    for (const f of closed) expect(opened.has(f.subject)).toBe(true)
  })

  it('is deterministic for a seed and differs for another', () => {
    const a = run(11).blocks.flatMap((b) => b.logs)
    expect(a).toEqual(blocks.flatMap((b) => b.logs))
    const c = run(12).blocks.flatMap((b) => b.logs)
    expect(c).not.toEqual(a)
  })

  it('with a short history the switch comes at the first live block', () => {
    const m = new TheGraphModel({ seed: 5, genesis: GENESIS })
    m.step(GENESIS, GENESIS + 900)
    m.step(GENESIS + 900, GENESIS + 1800)
    expect(m.isHorizon).toBe(false)
    const live = m.step(GENESIS + 1800, GENESIS + 1802)
    expect(m.isHorizon).toBe(true)
    const res = handleBlocks(arbitrumOne, watched, [{ header: { height: 1, hash: '0x01', timestamp: (GENESIS + 1802) * 1000 }, logs: live.map((l, i) => ({ ...l, address: l.address.toLowerCase(), logIndex: i, transactionHash: '0x02' })) }])
    expect(res.quarantined).toEqual([])
    expect(res.rawEvents.some((e) => e.name === 'ServiceProviderRegistered')).toBe(true)
  })
})
