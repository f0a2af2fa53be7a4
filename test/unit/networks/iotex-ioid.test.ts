/** IoTeX ioID: hand-encoded logs through the batch handler (state-carried price), and the devnet model end to end. */
import { describe, expect, it } from 'vitest'
import { IotexIoidModel } from '../../../devnet/simulator/iotex-ioid'
import { handleBlocks } from '../../../indexer/handlers/batch'
import { StateCache } from '../../../indexer/handlers/state'
import type { BlockInput, LogInput } from '../../../indexer/handlers/types'
import { watchedOnChain } from '../../../indexer/registry'
import { iotex } from '../../../indexer/registry/chains'
import { IOID_STATE, iotexIoid } from '../../../indexer/registry/iotex-ioid'
import { addrTopic, addrWord, bytesTail, data, topic0, word } from '../../helpers/abi-hand'

// real IoTeX mainnet proxies (iotexproject/ioID-contracts README, IoTeX Mainnet)
const STORE = '0xa822Fd390e8eD3FEC80Bd26c77DD036935463b5E'
const REGISTRY = '0x04e4655Cf258EC802D17c23ec6112Ef7d97Fa2aF'
const IOID = '0x1FCB980eD0287777ab05ADc93012332e11300e54'
const PROJECT_NFT = '0xA596800891e6a95Bf737404411ef529c1F377b4e'
const RECEIVER = '0x3333333333333333333333333333333333333333'
const DEV = '0xDdDdDDDDdDDDDdDDDDDdDDDDDDDdDdDdDDdDdDdD'
const OWNER = '0x4444444444444444444444444444444444444444'
const E18 = 10n ** 18n

const SIG = {
  ApplyIoIDs: 'ApplyIoIDs(uint256,uint256)',
  ActiveIoID: 'ActiveIoID(uint256)',
  Initialize: 'Initialize(address,uint256)',
  ChangePrice: 'ChangePrice(uint256)',
  ChangeFeeReceiver: 'ChangeFeeReceiver(address)',
  SetDeviceContract: 'SetDeviceContract(uint256,address)',
  NewDevice: 'NewDevice(address,address,bytes32,string)',
  UpdateDevice: 'UpdateDevice(address,address,bytes32,string)',
  RemoveDevice: 'RemoveDevice(address,address)',
  CreateIoID: 'CreateIoID(address,uint256,address,string)',
}
/** topic0 values of shared/reference/depin-contracts.json (IoTeX ioID) */
const REFERENCE_TOPIC0: Record<keyof typeof SIG, string> = {
  ApplyIoIDs: '0xd2269acf2bb676815583e7280e00db590013261796873aa44493d1f3124e8f99',
  ActiveIoID: '0x4732294d0fde38d02939b299653d432493659f266b04114cb3072273b2a14009',
  Initialize: '0xfb9d66c34fa43208534a846ef789547e25046760500fdf53af4204cbe4e16c89',
  ChangePrice: '0xfb92488ba7c255b32158331b4dd67ae708a8761b850ca51d1bbf57c177d35f89',
  ChangeFeeReceiver: '0xfb29108df6ec24f97dfbe39fff6bb9357a54e758efed2c6e7b5fb76b26b30f81',
  SetDeviceContract: '0x529447bfbe88a9e4f1c50a30b311b0631252ae491f6e151ba8e84d0e649397ac',
  NewDevice: '0x9b3397f29f76b91430e368033ed86df2fc794753ab8239898fb655ab0213f888',
  UpdateDevice: '0x56c4adbfac097b5bec49fa8c702ae682a2d4c10bee1ac0aad3af7f3768d0fc0f',
  RemoveDevice: '0x7fb1f1a379ee4b2c5e787bdcba983dff2cb148ae93c6341beafaca37b8ce8abe',
  CreateIoID: '0x313a15bccdaa3cc35e31f4e2f6a0c398a1c735a9231dd4684399ea0307373062',
}

const watched = watchedOnChain(iotex, [iotexIoid], [])
let logIndex = 0
const log = (address: string, topics: string[], d: string): LogInput => ({
  address: address.toLowerCase(), topics, data: d, logIndex: logIndex++, transactionHash: '0x' + 'ab'.repeat(32),
})
const block = (logs: LogInput[], height: number): BlockInput => ({
  header: { height, hash: '0x' + height.toString(16).padStart(64, '0'), timestamp: Date.UTC(2026, 0, 5) + height * 5000 }, logs,
})
const uint = (n: bigint) => '0x' + word(n)
const hex = (s: string) => Buffer.from(s, 'utf8').toString('hex')

const initialize = (price: bigint) => log(STORE, [topic0(SIG.Initialize), addrTopic(PROJECT_NFT)], data(word(price)))
const changePrice = (price: bigint) => log(STORE, [topic0(SIG.ChangePrice)], data(word(price)))
const changeReceiver = (r: string) => log(STORE, [topic0(SIG.ChangeFeeReceiver), addrTopic(r)], '0x')
const apply = (projectId: bigint, amount: bigint) => log(STORE, [topic0(SIG.ApplyIoIDs), uint(projectId)], data(word(amount)))
const active = (projectId: bigint) => log(STORE, [topic0(SIG.ActiveIoID), uint(projectId)], '0x')
// head: owner, hash, offset of uri (3 words = 96 bytes); tail: uri
const deviceLog = (sig: string, dev: string, owner: string, uri: string) =>
  log(REGISTRY, [topic0(sig), addrTopic(dev)], data(addrWord(owner), 'ab'.repeat(32), word(96n), bytesTail(hex(uri))))

describe('IoTeX ioID topic0s', () => {
  it('the registry and keccak256 of the canonical signatures reproduce the reference', () => {
    const byTopic = new Map([...watched.values()].flatMap((w) => [...w.byTopic.entries()]))
    for (const [name, canonical] of Object.entries(SIG)) {
      expect(topic0(canonical)).toBe(REFERENCE_TOPIC0[name as keyof typeof SIG])
      expect(byTopic.get(topic0(canonical))?.name).toBe(name)
    }
  })
})

describe('IoTeX ioID store fees (inferred from the price in handler state)', () => {
  it('Initialize in block 1, ApplyIoIDs in block 2 -> FEE_PAID = amount x price, inferred; receiver from state', () => {
    const state = new StateCache()
    const price = 2n * E18
    const b1 = handleBlocks(iotex, watched, [block([initialize(price)], 1)], state)
    expect(b1.facts).toEqual([])
    expect(b1.rawEvents[0].args).toEqual({ project: PROJECT_NFT.toLowerCase(), price: price.toString() })
    const b2 = handleBlocks(iotex, watched, [block([apply(7n, 250n)], 2)], state)
    expect(b2.quarantined).toEqual([])
    expect(b2.facts).toHaveLength(1)
    // no ChangeFeeReceiver yet: the store keeps the IOTX
    expect(b2.facts[0]).toMatchObject({
      network: 'iotex-ioid', category: 'iot', kind: 'FEE_PAID', asset: 'IOTX', amount: 500n * E18, decimals: 18,
      actor: STORE.toLowerCase(), counterparty: null, subject: 'project:7', provenance: 'inferred',
    })
    // ChangeFeeReceiver and ChangePrice, then an apply at the new price
    const b3 = handleBlocks(iotex, watched, [block([changeReceiver(RECEIVER), changePrice(3n * E18 + 5n * 10n ** 17n)], 3)], state)
    expect(b3.facts).toEqual([])
    const b4 = handleBlocks(iotex, watched, [block([apply(9n, 40n)], 4)], state)
    expect(b4.facts.map((f) => [f.kind, f.amount, f.actor, f.subject, f.provenance])).toEqual([
      ['FEE_PAID', 140n * E18, RECEIVER, 'project:9', 'inferred'],
    ])
  })

  it('ApplyIoIDs before any price: no fee, the raw event is kept (not quarantined) and counted', () => {
    const state = new StateCache()
    const out = handleBlocks(iotex, watched, [block([apply(3n, 100n), apply(3n, 20n)], 10)], state)
    expect(out.quarantined).toEqual([])
    expect(out.facts).toEqual([])
    expect(out.rawEvents.map((e) => [e.name, e.args])).toEqual([
      ['ApplyIoIDs', { projectId: '3', amount: '100' }],
      ['ApplyIoIDs', { projectId: '3', amount: '20' }],
    ])
    expect(state.access('iotex-ioid').get(IOID_STATE.unpriced)).toEqual({ events: 2, ioids: '120' })
    // the slots bought are still tracked, so their activations are not charged again once a price is known
    handleBlocks(iotex, watched, [block([initialize(E18)], 11)], state)
    const act = handleBlocks(iotex, watched, [block([active(3n)], 12)], state)
    expect(act.facts).toEqual([])
  })

  it('ActiveIoID consumes applied slots; without slots (virtual project) it pays the price', () => {
    const state = new StateCache()
    const price = 5n * E18
    const out = handleBlocks(iotex, watched, [
      block([initialize(price), apply(1n, 2n)], 20),
      block([active(1n), active(1n)], 21),
      block([active(1n), active(44n)], 22),
    ], state)
    expect(out.quarantined).toEqual([])
    expect(out.facts.map((f) => [f.blockNumber, f.kind, f.amount, f.subject])).toEqual([
      [20, 'FEE_PAID', 2n * price, 'project:1'],
      [22, 'FEE_PAID', price, 'project:1'],
      [22, 'FEE_PAID', price, 'project:44'],
    ])
    expect(out.facts.every((f) => f.provenance === 'inferred')).toBe(true)
    expect(state.access('iotex-ioid').get(IOID_STATE.slots(1n))).toBeUndefined()
  })
})

describe('IoTeX ioID devices', () => {
  it('NewDevice -> NODE_REGISTERED 1 device, UpdateDevice -> NODE_UPDATE, RemoveDevice -> NODE_DEREGISTERED; CreateIoID and SetDeviceContract raw', () => {
    const uri = 'https://did.iotex.me/device/diddoc.json'
    const created = log(IOID, [topic0(SIG.CreateIoID), addrTopic(OWNER)],
      // head: id, wallet, offset of did (3 words); tail: did
      data(word(12345n), addrWord(RECEIVER), word(96n), bytesTail(hex(`did:io:${DEV.toLowerCase()}`))))
    const bind = log(STORE, [topic0(SIG.SetDeviceContract), uint(7n), addrTopic(RECEIVER)], '0x')
    const reg = deviceLog(SIG.NewDevice, DEV, OWNER, uri)
    const upd = deviceLog(SIG.UpdateDevice, DEV, OWNER, uri + '?v=2')
    const rem = log(REGISTRY, [topic0(SIG.RemoveDevice), addrTopic(DEV)], data(addrWord(OWNER)))
    const out = handleBlocks(iotex, watched, [block([bind, created, reg, upd, rem], 30)])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents.map((e) => [e.contractName, e.name])).toEqual([
      ['ioIDStore', 'SetDeviceContract'], ['ioID', 'CreateIoID'], ['ioIDRegistry', 'NewDevice'], ['ioIDRegistry', 'UpdateDevice'], ['ioIDRegistry', 'RemoveDevice'],
    ])
    expect(out.rawEvents[1].args).toEqual({ owner: OWNER, id: '12345', wallet: RECEIVER, did: `did:io:${DEV.toLowerCase()}` })
    expect(out.rawEvents[2].args).toEqual({ device: DEV.toLowerCase(), owner: OWNER, hash: '0x' + 'ab'.repeat(32), uri })
    expect(out.facts.map((f) => [f.kind, f.amount, f.unit, f.subject, f.actor, f.provenance])).toEqual([
      ['NODE_REGISTERED', 1n, 'devices', DEV.toLowerCase(), OWNER, 'onchain'],
      ['NODE_UPDATE', 0n, 'devices', DEV.toLowerCase(), OWNER, 'onchain'],
      ['NODE_DEREGISTERED', 1n, 'devices', DEV.toLowerCase(), OWNER, 'onchain'],
    ])
  })

  it('malformed logs are quarantined with a reason and leave the price untouched', () => {
    const state = new StateCache()
    const short = log(STORE, [topic0(SIG.ChangePrice)], '0x1234')
    const unknown = log(REGISTRY, [topic0('Nope(uint256)')], data(word(1n)))
    const badString = log(REGISTRY, [topic0(SIG.NewDevice), addrTopic(DEV)], data(addrWord(OWNER), 'ab'.repeat(32), word(10n ** 9n)))
    const out = handleBlocks(iotex, watched, [block([initialize(E18), short, unknown, badString, apply(2n, 3n)], 40)], state)
    expect(out.quarantined.map((q) => q.network)).toEqual(['iotex-ioid', 'iotex-ioid', 'iotex-ioid'])
    const reasons = out.quarantined.map((q) => q.reason)
    expect(reasons[0]).toMatch(/cannot decode ChangePrice .*iotex-ioid ioIDStore/)
    expect(reasons[1]).toMatch(/unknown topic0 .* iotex-ioid ioIDRegistry/)
    expect(reasons[2]).toMatch(/cannot decode NewDevice/)
    expect(out.facts.map((f) => [f.kind, f.amount])).toEqual([['FEE_PAID', 3n * E18]])
  })
})

describe('IoTeX ioID devnet model through the handler', () => {
  const GENESIS = Date.UTC(2026, 0, 1) / 1000
  const simulate = (seed: number, days: number, stepSeconds = 900) => {
    const model = new IotexIoidModel({ seed, genesis: GENESIS })
    const blocks: BlockInput[] = []
    let prev = GENESIS
    for (let h = 1, t = GENESIS + stepSeconds; t <= GENESIS + days * 86_400; h++, t += stepSeconds) {
      const logs = model.step(prev, t).map((l, i) => ({ ...l, address: l.address.toLowerCase(), logIndex: i, transactionHash: '0x' + h.toString(16).padStart(64, '0') }))
      blocks.push({ header: { height: h, hash: '0x' + h.toString(16).padStart(64, 'f'), timestamp: t * 1000 }, logs })
      prev = t
    }
    return { model, blocks }
  }

  it('14 days: nothing quarantined, every fact kind occurs, magnitudes are sane', () => {
    const { model, blocks } = simulate(42, 14)
    for (const l of blocks.flatMap((b) => b.logs)) expect(model.addresses.map((a) => a.toLowerCase())).toContain(l.address)
    const state = new StateCache()
    const outs = []
    for (let i = 0; i < blocks.length; i += 96) outs.push(handleBlocks(iotex, watched, blocks.slice(i, i + 96), state))
    const facts = outs.flatMap((o) => o.facts)
    const raw = outs.flatMap((o) => o.rawEvents)
    expect(outs.flatMap((o) => o.quarantined)).toEqual([])
    const kinds = new Set(facts.map((f) => f.kind))
    for (const k of ['FEE_PAID', 'NODE_REGISTERED', 'NODE_UPDATE', 'NODE_DEREGISTERED']) expect(kinds).toContain(k)
    expect(state.access('iotex-ioid').get(IOID_STATE.unpriced)).toBeUndefined()

    const registered = facts.filter((f) => f.kind === 'NODE_REGISTERED')
    const removed = facts.filter((f) => f.kind === 'NODE_DEREGISTERED')
    // ~120 registrations a day, growing: 14 days -> roughly 1,200-3,000
    expect(registered.length).toBeGreaterThan(1_200)
    expect(registered.length).toBeLessThan(3_000)
    expect(removed.length).toBeLessThan(registered.length / 10)
    // one NewDevice, one CreateIoID and one ActiveIoID per registration
    expect(raw.filter((e) => e.name === 'CreateIoID')).toHaveLength(registered.length)
    expect(raw.filter((e) => e.name === 'ActiveIoID')).toHaveLength(registered.length)

    // fees: all inferred IOTX; the average price per paid ioID within the 1-10 IOTX range
    const fees = facts.filter((f) => f.kind === 'FEE_PAID')
    expect(fees.every((f) => f.provenance === 'inferred' && f.asset === 'IOTX' && f.amount > 0n)).toBe(true)
    const byId = new Map(raw.map((e) => [e.id, e]))
    const paidIoids = fees.reduce((s, f) => {
      const e = byId.get(f.rawEvent)!
      return s + (e.name === 'ApplyIoIDs' ? BigInt((e.args as { amount: string }).amount) : 1n)
    }, 0n)
    const total = fees.reduce((s, f) => s + f.amount, 0n)
    const avg = Number(total / paidIoids) / 1e18
    expect(avg).toBeGreaterThanOrEqual(1)
    expect(avg).toBeLessThanOrEqual(10)
    // slots are bought ahead of use: paid ioIDs at least the registrations, and not absurdly more
    expect(paidIoids).toBeGreaterThanOrEqual(BigInt(registered.length))
    expect(paidIoids).toBeLessThan(BigInt(registered.length) * 4n + 5_000n)
    // every fee goes to the fee receiver set at the first step
    const receiver = (raw.find((e) => e.name === 'ChangeFeeReceiver')!.args as { feeReceiver: string }).feeReceiver
    expect(new Set(fees.map((f) => f.actor))).toEqual(new Set([receiver.toLowerCase()]))
  })

  it('is deterministic for a seed and differs for another seed', () => {
    const a = simulate(7, 2).blocks.map((b) => b.logs)
    const b = simulate(7, 2).blocks.map((b) => b.logs)
    const c = simulate(8, 2).blocks.map((b) => b.logs)
    expect(JSON.stringify(a)).toBe(JSON.stringify(b))
    expect(JSON.stringify(a)).not.toBe(JSON.stringify(c))
  })

  it('live 2-second blocks stay consistent (no activation beyond the bought slots)', () => {
    const { blocks } = simulate(3, 0.25, 2)
    const out = handleBlocks(iotex, watched, blocks)
    expect(out.quarantined).toEqual([])
    expect(out.facts.some((f) => f.kind === 'NODE_REGISTERED')).toBe(true)
  })
})
