/**
 * DIMO: decoding and normalization against hand-encoded logs (independent of the codec), and the devnet
 * model run for 14 simulated days through the batch handler.
 */
import { describe, expect, it } from 'vitest'
import { DimoModel } from '../../../devnet/simulator/dimo'
import type { EmittedLog } from '../../../devnet/simulator/model'
import { handleBlocks } from '../../../indexer/handlers/batch'
import { StateCache } from '../../../indexer/handlers/state'
import type { BlockInput, LogInput } from '../../../indexer/handlers/types'
import type { EconomicFact } from '../../../indexer/model'
import { polygon } from '../../../indexer/registry/chains'
import { dimo, DIMO_STATE } from '../../../indexer/registry/dimo'
import { onchainPricedAssets, watchedOnChain } from '../../../indexer/registry'
import { rollupBatch } from '../../../indexer/rollup/rollup'
import { importedAssets } from '../../../devnet/prices'
import { addrTopic, addrWord, bytesTail, data, topic0, word } from '../../helpers/abi-hand'

// real Polygon addresses (reference depin-contracts.json, DIMO)
const TOKEN = '0xE261D618a959aFfFd53168Cd07D12E37B26761db'
const REWARD = '0x8129f3cD3EBA82136Caf5aB87E2321c958Da5B63'
const REFERRAL = '0x3a99A9c4997B710febd7696E73088Fd9e51f49a5'
const REGISTRY = '0xFA8beC73cebB9D88FF88a2f75E7D7312f2Fd39EC'
const DCX = '0x7186F9aC35d24c9a4cf1E58a797c04DF1b334322'
const LICENSE = '0x9A9D2E717bB005B240094ba761Ff074d392C7C85'
const AD_PROXY = '0x9c94C395cBcBDe662235E0A9d3bB87Ad708561BA'
const SD_PROXY = '0x4804e8D1661cd1a1e5dDdE1ff458A7f878c0aC6D'
const A = '0x1111111111111111111111111111111111111111'
const B = '0x2222222222222222222222222222222222222222'
const K = '0x3333333333333333333333333333333333333333'
const ZERO = '0x0000000000000000000000000000000000000000'
const E18 = 10n ** 18n

const T = {
  forDevice: topic0('TokensTransferredForDevice(uint256,address,uint256,uint256,address,uint256)'),
  streak: topic0('TokensTransferredForConnectionStreak(uint256,address,uint256,uint256,uint256)'),
  transferred: topic0('TokensTransferred(address,uint256,uint256)'),
  didntQualify: topic0('DidntQualify(address,uint256,uint256)'),
  weekAdvanced: topic0('WeekAdvanced(uint256)'),
  referral: topic0('ReferralComplete(address,address)'),
  bonus: topic0('BonusChanged(uint256)'),
  vehicleMinted: topic0('VehicleNodeMinted(uint256,uint256,address)'),
  vehicleMintedDD: topic0('VehicleNodeMintedWithDeviceDefinition(uint256,uint256,address,string)'),
  adMinted: topic0('AftermarketDeviceNodeMinted(uint256,uint256,address,address)'),
  adClaimed: topic0('AftermarketDeviceClaimed(uint256,address)'),
  adPaired: topic0('AftermarketDevicePaired(uint256,uint256,address)'),
  adUnpaired: topic0('AftermarketDeviceUnpaired(uint256,uint256,address)'),
  sdMinted: topic0('SyntheticDeviceNodeMinted(uint256,uint256,uint256,address,address)'),
  vehicleBurned: topic0('VehicleNodeBurned(uint256,address)'),
  adBurned: topic0('AftermarketDeviceNodeBurned(uint256,address)'),
  sdBurned: topic0('SyntheticDeviceNodeBurned(uint256,uint256,address)'),
  transfer: topic0('Transfer(address,address,uint256)'),
  rate: topic0('UpdateDimoCreditRate(uint256)'),
  issued: topic0('Issued(uint256,address,address)'),
  stakeDeposit: topic0('StakeDeposit(uint256,address,uint256)'),
  stakeWithdraw: topic0('StakeWithdraw(uint256,address,uint256)'),
  licenseCost: topic0('UpdateLicenseCost(uint256)'),
}

const watched = watchedOnChain(polygon, [dimo], [])
let logIndex = 0
const log = (address: string, topics: string[], d: string, tx = '0x' + 'ab'.repeat(32)): LogInput => ({
  address: address.toLowerCase(), topics, data: d, logIndex: logIndex++, transactionHash: tx,
})
const block = (logs: LogInput[], height = 80_000_000, timestamp = Date.UTC(2026, 0, 5, 12)): BlockInput => ({
  header: { height, hash: '0x' + 'cd'.repeat(32), timestamp }, logs,
})
const n = (id: bigint) => '0x' + word(id)
const brief = (fs: EconomicFact[]) => fs.map((f) => [f.kind, f.asset, f.amount, f.actor, f.counterparty, f.subject, f.unit, f.provenance])
const lc = (a: string) => a.toLowerCase()

describe('DIMO registry', () => {
  it('topic0s are keccak256 of the canonical signatures and equal the reference values', () => {
    const ev = (c: string, e: string) => dimo.contracts.find((x) => x.name === c)!.events.find((x) => x.name === e)!.abi.topic
    // reference depin-contracts.json topic0 values
    expect(ev('DimoReward', 'TokensTransferredForDevice')).toBe('0x3ab5458e0b305f1e637781c67c5be0f43b7ee1a4427584e3b229524929184bc4')
    expect(ev('DimoReward', 'TokensTransferredForConnectionStreak')).toBe('0x4608830ab3ec9e091c65f293254fe1aef6fcd37ed152914a665e6ad38de6a992')
    expect(ev('DimoReward', 'TokensTransferred')).toBe('0x57e1000ba5ba7b6ab6670639de9fc3db34d05ef2bbce4a09d60dda560387b0ea')
    expect(ev('DimoReward', 'DidntQualify')).toBe('0xf667cbbd740351d2f58b68dc6a8ee1b1f3a853c609d7ce7eee4a3bdc94d62774')
    expect(ev('DimoReward', 'WeekAdvanced')).toBe('0x54ab1f5ea80e88ee480c10edc5b60056a0e392c6125954a9f47ce8677acc59d0')
    expect(ev('DimoReferral', 'ReferralComplete')).toBe('0x140ec1de14f412a3a1e4295313d7c4190785ddf8930efee41722cd36f00ebb91')
    expect(ev('DimoReferral', 'BonusChanged')).toBe('0x3004fd9893f9a32bdc520978802cadc651d89c5d9a6235f3080819aa599903b8')
    expect(ev('DimoRegistry', 'VehicleNodeMinted')).toBe('0xd471ae8ab3c01edc986909c344bb50f982b21772fcac173103ef8b9924375ec6')
    expect(ev('DimoRegistry', 'VehicleNodeMintedWithDeviceDefinition')).toBe('0xc7c7d9ac150ee7eff1ae17be6e6c250d9f574d019d47cd741f693feb1929496c')
    expect(ev('DimoRegistry', 'AftermarketDeviceNodeMinted')).toBe('0xd624fd4c3311e1803d230d97ce71fd60c4f658c30a31fbe08edcb211fd90f63f')
    expect(ev('DimoRegistry', 'AftermarketDeviceClaimed')).toBe('0x8468d811e5090d3b1a07e28af524e66c128f624e16b07638f419012c779f76ec')
    expect(ev('DimoRegistry', 'AftermarketDevicePaired')).toBe('0x89ec132808bbf01af00b90fd34e04fd6cfb8dba2813ca5446a415500b83c7938')
    expect(ev('DimoRegistry', 'AftermarketDeviceUnpaired')).toBe('0xd9135724aa6cdaa5b3ea73e3e0d74cb1a3a6d3cddcb9d58583f05f17bac82a8e')
    expect(ev('DimoRegistry', 'SyntheticDeviceNodeMinted')).toBe('0x5a560c1adda92bd6cbf9c891dc38e9e2973b7963493f2364caa40a4218346280')
    expect(ev('DimoRegistry', 'VehicleNodeBurned')).toBe('0x7b36384f0fcf18da09247269a4716eecbcbc475a5b2bc7aa371fc1164789508d')
    expect(ev('DimoCredit', 'Transfer')).toBe('0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef')
    expect(ev('DimoCredit', 'UpdateDimoCreditRate')).toBe('0x5eb62e2c3ca8b0353954f3f662b79e03b9e84e24644df6382e8ca012d836e278')
    expect(ev('DimoDevLicense', 'Issued')).toBe('0x7533f62ec6601bf9c87f8d96bf756b4b495e2a0e26ec9284e4927926ed6b3afd')
    expect(ev('DimoDevLicense', 'StakeDeposit')).toBe('0x1cd3a07c960f34280cc48968d5b5315035ebdde3a1e371aa539bf0a415743a3b')
    expect(ev('DimoDevLicense', 'StakeWithdraw')).toBe('0xb632f81a2da981f3daa6d867e773bbab8f2931ca133d2cca3595eb61af045c3a')
    expect(ev('DimoToken', 'Transfer')).toBe(T.transfer)
    // every registry event is keccak256 of its canonical signature (not in the reference: the two device burns)
    for (const [name, t] of Object.entries(T)) expect(t, name).toMatch(/^0x[0-9a-f]{64}$/)
    expect(ev('DimoRegistry', 'AftermarketDeviceNodeBurned')).toBe(T.adBurned)
    expect(ev('DimoRegistry', 'SyntheticDeviceNodeBurned')).toBe(T.sdBurned)
  })

  it('token, fee asset and contracts are the real Polygon ones', () => {
    expect(dimo.chain.chainId).toBe(137)
    expect(dimo.token).toMatchObject({ symbol: 'DIMO', address: TOKEN, decimals: 18, maxSupply: 1_000_000_000n * E18 })
    expect(dimo.feeAsset).toMatchObject({ symbol: 'DCX', address: DCX, decimals: 18 })
    expect(dimo.capacityUnit).toBe('devices')
    expect(dimo.price).toEqual({ kind: 'import', asset: 'DIMO' })
    expect(dimo.contracts.map((c) => c.address).sort()).toEqual([TOKEN, REWARD, REFERRAL, REGISTRY, DCX, LICENSE].sort())
    for (const c of dimo.contracts) expect(c.startBlock).toBeGreaterThan(0)
    expect(dimo.contracts.find((c) => c.address === REWARD)!.confidence).toBe('medium')
  })
})

describe('DIMO events decode to the expected arguments and facts', () => {
  it('TokensTransferredForDevice and ...ForConnectionStreak -> REWARD_EMITTED DIMO to the vehicle owner', () => {
    const amount = 1_234n * E18
    // non-indexed: week, _amount, deviceNftProxy; indexed: user, vehicleNodeId, deviceNode
    const dev = log(REWARD, [T.forDevice, addrTopic(A), n(180_001n), n(40_007n)], data(word(210n), word(amount), addrWord(AD_PROXY)))
    const sd = log(REWARD, [T.forDevice, addrTopic(B), n(180_002n), n(60_009n)], data(word(210n), word(5n), addrWord(SD_PROXY)))
    const streak = log(REWARD, [T.streak, addrTopic(A), n(180_001n)], data(word(210n), word(77n * E18), word(12n)))
    const out = handleBlocks(polygon, watched, [block([dev, sd, streak])], new StateCache())
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents[0].args).toEqual({
      week: '210', user: lc(A), _amount: amount.toString(), vehicleNodeId: '180001', deviceNftProxy: lc(AD_PROXY), deviceNode: '40007',
    })
    expect(out.rawEvents[2].args).toEqual({ week: '210', user: lc(A), _amount: (77n * E18).toString(), vehicleNodeId: '180001', connectionStreak: '12' })
    expect(brief(out.facts)).toEqual([
      ['REWARD_EMITTED', 'DIMO', amount, lc(A), null, 'aftermarket:40007', null, 'onchain'],
      ['REWARD_EMITTED', 'DIMO', 5n, lc(B), null, 'synthetic:60009', null, 'onchain'],
      ['REWARD_EMITTED', 'DIMO', 77n * E18, lc(A), null, 'vehicle:180001', null, 'onchain'],
    ])
    expect(out.facts[0]).toMatchObject({ network: 'dimo', category: 'sensors', decimals: 18, chainId: 137 })
  })

  it('TokensTransferred and DidntQualify decode in both layouts (v1 unindexed vehicleNodeId, current indexed)', () => {
    const current = log(REWARD, [T.transferred, addrTopic(A), n(5n)], data(word(9n * E18)))
    const legacy = log(REWARD, [T.transferred, addrTopic(B)], data(word(8n * E18), word(6n)))
    const dq = log(REWARD, [T.didntQualify, addrTopic(A), n(7n)], data(word(3n * E18)))
    const dqLegacy = log(REWARD, [T.didntQualify, addrTopic(A)], data(word(2n * E18), word(8n)))
    const week = log(REWARD, [T.weekAdvanced], data(word(211n)))
    const out = handleBlocks(polygon, watched, [block([current, legacy, dq, dqLegacy, week])], new StateCache())
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents.map((e) => [e.name, e.args])).toEqual([
      ['TokensTransferred', { user: lc(A), _amount: (9n * E18).toString(), vehicleNodeId: '5' }],
      ['TokensTransferred', { user: lc(B), _amount: (8n * E18).toString(), vehicleNodeId: '6' }],
      ['DidntQualify', { user: lc(A), _amount: (3n * E18).toString(), vehicleNodeId: '7' }],
      ['DidntQualify', { user: lc(A), _amount: (2n * E18).toString(), vehicleNodeId: '8' }],
      ['WeekAdvanced', { newWeek: '211' }],
    ])
    expect(brief(out.facts)).toEqual([
      ['REWARD_EMITTED', 'DIMO', 9n * E18, lc(A), null, 'vehicle:5', null, 'onchain'],
      ['REWARD_EMITTED', 'DIMO', 8n * E18, lc(B), null, 'vehicle:6', null, 'onchain'],
    ])
  })

  it('device registry: mints register a device, burns deregister it, claim/pair/unpair are updates, vehicles are raw', () => {
    const adMint = log(REGISTRY, [T.adMinted, n(131n), addrTopic(K), addrTopic(B)], data(word(40_001n)))
    const claim = log(REGISTRY, [T.adClaimed, addrTopic(A)], data(word(40_001n)))
    const vmint = log(REGISTRY, [T.vehicleMinted], data(word(131n), word(180_000n), addrWord(A)))
    const vmintDD = log(REGISTRY, [T.vehicleMintedDD, n(131n), n(180_003n), addrTopic(A)], data(word(32n), bytesTail('0x' + Buffer.from('tesla_model-3_2023').toString('hex'))))
    const pair = log(REGISTRY, [T.adPaired, addrTopic(A)], data(word(40_001n), word(180_000n)))
    const sdMint = log(REGISTRY, [T.sdMinted, n(180_003n), addrTopic(K), addrTopic(A)], data(word(2n), word(60_001n)))
    const unpair = log(REGISTRY, [T.adUnpaired, addrTopic(A)], data(word(40_001n), word(180_000n)))
    const sdBurn = log(REGISTRY, [T.sdBurned, n(60_001n), n(180_003n), addrTopic(A)], '0x')
    const vburn = log(REGISTRY, [T.vehicleBurned, n(180_003n), addrTopic(A)], '0x')
    const adBurn = log(REGISTRY, [T.adBurned, n(40_001n), addrTopic(A)], '0x')
    const out = handleBlocks(polygon, watched, [block([adMint, claim, vmint, vmintDD, pair, sdMint, unpair, sdBurn, vburn, adBurn])], new StateCache())
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents).toHaveLength(10)
    expect(out.rawEvents[0].args).toEqual({ manufacturerId: '131', tokenId: '40001', aftermarketDeviceAddress: lc(K), owner: lc(B) })
    expect(out.rawEvents[3].args).toEqual({ manufacturerId: '131', vehicleId: '180003', owner: lc(A), deviceDefinitionId: 'tesla_model-3_2023' })
    expect(out.rawEvents[5].args).toEqual({ connectionId: '2', syntheticDeviceNode: '60001', vehicleNode: '180003', syntheticDeviceAddress: lc(K), owner: lc(A) })
    expect(brief(out.facts)).toEqual([
      ['NODE_REGISTERED', 'DIMO', 1n, lc(B), lc(K), 'aftermarket:40001', 'devices', 'onchain'],
      ['NODE_UPDATE', 'DIMO', 0n, lc(A), null, 'aftermarket:40001', 'devices', 'onchain'],
      ['NODE_UPDATE', 'DIMO', 0n, lc(A), null, 'aftermarket:40001', 'devices', 'onchain'],
      ['NODE_REGISTERED', 'DIMO', 1n, lc(A), lc(K), 'synthetic:60001', 'devices', 'onchain'],
      ['NODE_UPDATE', 'DIMO', 0n, lc(A), null, 'aftermarket:40001', 'devices', 'onchain'],
      ['NODE_DEREGISTERED', 'DIMO', 1n, lc(A), null, 'synthetic:60001', 'devices', 'onchain'],
      ['NODE_DEREGISTERED', 'DIMO', 1n, lc(A), null, 'aftermarket:40001', 'devices', 'onchain'],
    ])
    expect(out.facts.every((f) => f.decimals === 0)).toBe(true)
  })

  it('DCX: purchase (mint) = FEE_PAID in DCX, spend (burn) = FEE_SETTLED inferred; the rate goes to handler state', () => {
    const state = new StateCache()
    const rate = log(DCX, [T.rate], data(word(10n ** 14n)))
    const buy = log(DCX, [T.transfer, addrTopic(ZERO), addrTopic(A)], data(word(300_000n * E18)))
    const spend = log(DCX, [T.transfer, addrTopic(A), addrTopic(ZERO)], data(word(5_000n * E18)))
    const out = handleBlocks(polygon, watched, [block([rate, buy, spend])], state)
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents[0].args).toEqual({ rate: (10n ** 14n).toString() })
    expect(out.rawEvents[1].args).toEqual({ from: ZERO, to: lc(A), amount: (300_000n * E18).toString() })
    expect(brief(out.facts)).toEqual([
      ['FEE_PAID', 'DCX', 300_000n * E18, null, lc(A), null, null, 'onchain'],
      ['FEE_SETTLED', 'DCX', 5_000n * E18, null, lc(A), null, null, 'inferred'],
    ])
    expect(state.access('dimo').get(DIMO_STATE.dcxRate)).toBe((10n ** 14n).toString())
  })

  it('DCX is priced on chain: each UpdateDimoCreditRate is a DCX/USD price point, and DCX fees are valued at the rate before each fee', () => {
    const hour = (h: number) => Date.UTC(2026, 0, 5, h)
    const blocks = [
      block([log(DCX, [T.rate], data(word(10n ** 15n)))], 80_000_000, hour(1)),
      // 300,000 DCX at $0.001 = $300
      block([log(DCX, [T.transfer, addrTopic(ZERO), addrTopic(A)], data(word(300_000n * E18)))], 80_000_001, hour(2)),
      // re-peg to $0.0004 (4e14 USD wei per DCX), then 1,000,000 DCX = $400 and a spend (not a fee)
      block([
        log(DCX, [T.rate], data(word(4n * 10n ** 14n))),
        log(DCX, [T.transfer, addrTopic(ZERO), addrTopic(B)], data(word(1_000_000n * E18))),
        log(DCX, [T.transfer, addrTopic(B), addrTopic(ZERO)], data(word(7n * E18))),
      ], 80_000_002, hour(3)),
    ]
    const out = handleBlocks(polygon, watched, blocks, new StateCache())
    expect(out.quarantined).toEqual([])
    expect(out.prices.map((p) => [p.asset, p.quote, p.answer, p.decimals, p.price, p.blockNumber, p.source])).toEqual([
      ['DCX', 'USD', 10n ** 15n, 18, 0.001, 80_000_000, `onchain:137:${lc(DCX)}:UpdateDimoCreditRate`],
      ['DCX', 'USD', 4n * 10n ** 14n, 18, 0.0004, 80_000_002, `onchain:137:${lc(DCX)}:UpdateDimoCreditRate`],
    ])
    // the rate events stay raw events too (audits, exports)
    expect(out.rawEvents.filter((e) => e.name === 'UpdateDimoCreditRate').length).toBe(2)
    const deltas = rollupBatch(out.rawEvents, out.facts, out.prices, new Map(), () => 'sensors')
    const day = deltas.get('dimo-DAY-2026-01-05T00:00:00.000Z')!
    expect(day.feesNative).toBe(1_300_000n * E18)
    expect(day.feesUnpricedNative).toBe(0n)
    expect(day.feesUsd).toBeCloseTo(300 + 400, 9)
    expect(deltas.get('dimo-HOUR-2026-01-05T02:00:00.000Z')!.feesUsd).toBeCloseTo(300, 9)
    expect(deltas.get('dimo-HOUR-2026-01-05T03:00:00.000Z')!.feesUsd).toBeCloseTo(400, 9)
    // the rollup looks the rate up on Polygon, and the devnet imports no DCX price file
    expect(onchainPricedAssets()).toContainEqual({ asset: 'DCX', chainId: 137 })
    expect(importedAssets()).not.toContain('DCX')
    expect(dimo.feeAsset.onchainPrice?.initialUsd).toBe(0.001)
  })

  it('a rate of 0 is quarantined with its reason, not stored as a price', () => {
    const out = handleBlocks(polygon, watched, [block([log(DCX, [T.rate], data(word(0n)))])], new StateCache())
    expect(out.prices).toEqual([])
    expect(out.quarantined.map((q) => [q.network, q.reason])).toEqual([['dimo', 'price answer out of range: 0']])
  })

  it('developer licences: Issued = NODE_UPDATE, StakeDeposit/StakeWithdraw = STAKE_BOND/STAKE_UNBOND in DIMO', () => {
    const issued = log(LICENSE, [T.issued, n(1_201n), addrTopic(A), addrTopic(K)], '0x')
    const dep = log(LICENSE, [T.stakeDeposit, n(1_201n), addrTopic(A)], data(word(2_500n * E18)))
    const wd = log(LICENSE, [T.stakeWithdraw, n(1_201n), addrTopic(A)], data(word(1_000n * E18)))
    const out = handleBlocks(polygon, watched, [block([issued, dep, wd])], new StateCache())
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents[0].args).toEqual({ tokenId: '1201', owner: lc(A), clientId: lc(K) })
    expect(brief(out.facts)).toEqual([
      ['NODE_UPDATE', 'DIMO', 0n, lc(A), lc(K), 'license:1201', null, 'onchain'],
      ['STAKE_BOND', 'DIMO', 2_500n * E18, lc(A), null, 'license:1201', null, 'onchain'],
      ['STAKE_UNBOND', 'DIMO', 1_000n * E18, lc(A), null, 'license:1201', null, 'onchain'],
    ])
  })

  it('licences paid in DIMO (DIMO owner -> receiver, then Issued, one tx) = FEE_PAID in DCX at the licence cost and DCX rate; paid in DCX, or DIMO in another tx, no fee', () => {
    const RECEIVER = '0x62b98e019e0d3e4A1Ad8C786202e09017Bd995e1'
    const tx = (i: number) => '0x' + i.toString(16).padStart(64, '0')
    const state = new StateCache()
    // before any UpdateLicenseCost / UpdateDimoCreditRate: 1 USD (deployArgs) at 0.001 USD (constructor) = 1,000 DCX
    const inDimo1 = [
      log(TOKEN, [T.transfer, addrTopic(A), addrTopic(RECEIVER)], data(word(7n * E18)), tx(1)),
      log(LICENSE, [T.issued, n(1_300n), addrTopic(A), addrTopic(K)], '0x', tx(1)),
    ]
    // cost 2.5 USD, rate 0.0003 USD: (2.5e18 / 3e14) * 1e18 = 8,333 DCX (integer division as issueInDc)
    const cost = log(LICENSE, [T.licenseCost], data(word(25n * 10n ** 17n)), tx(2))
    const rate = log(DCX, [T.rate], data(word(3n * 10n ** 14n)), tx(3))
    const inDimo2 = [
      log(TOKEN, [T.transfer, addrTopic(B), addrTopic(RECEIVER)], data(word(20n * E18)), tx(4)),
      log(LICENSE, [T.issued, n(1_301n), addrTopic(B), addrTopic(K)], '0x', tx(4)),
    ]
    // paid in DCX (issueInDc: burn then Issued): no fee (the credits were a fee when bought)
    const inDc = [
      log(DCX, [T.transfer, addrTopic(A), addrTopic(ZERO)], data(word(8_333n * E18)), tx(5)),
      log(LICENSE, [T.issued, n(1_302n), addrTopic(A), addrTopic(K)], '0x', tx(5)),
    ]
    // a DIMO payment to the receiver in an earlier transaction, or from someone else than the owner: not this licence
    const elsewhere = [
      log(TOKEN, [T.transfer, addrTopic(B), addrTopic(RECEIVER)], data(word(9n * E18)), tx(6)),
      log(LICENSE, [T.issued, n(1_303n), addrTopic(B), addrTopic(K)], '0x', tx(7)),
      log(TOKEN, [T.transfer, addrTopic(B), addrTopic(RECEIVER)], data(word(9n * E18)), tx(8)),
      log(LICENSE, [T.issued, n(1_304n), addrTopic(A), addrTopic(K)], '0x', tx(8)),
    ]
    const out = handleBlocks(polygon, watched, [block(inDimo1, 80_000_000), block([cost, rate, ...inDimo2, ...inDc, ...elsewhere], 80_000_001)], state)
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents.find((e) => e.name === 'UpdateLicenseCost')!.args).toEqual({ licenseCost: (25n * 10n ** 17n).toString() })
    const fees = out.facts.filter((f) => f.kind === 'FEE_PAID')
    expect(brief(fees)).toEqual([
      ['FEE_PAID', 'DCX', 1_000n * E18, null, lc(A), 'license:1300', null, 'inferred'],
      ['FEE_PAID', 'DCX', 8_333n * E18, null, lc(B), 'license:1301', null, 'inferred'],
    ])
    expect(fees.map((f) => f.txHash)).toEqual([tx(1), tx(4)])
    // every licence is still a NODE_UPDATE; the DCX burn is FEE_SETTLED; DIMO transfers to the receiver are raw only
    expect(out.facts.filter((f) => f.kind === 'NODE_UPDATE').map((f) => f.subject)).toEqual(['license:1300', 'license:1301', 'license:1302', 'license:1303', 'license:1304'])
    expect(out.facts.filter((f) => f.asset === 'DIMO' && f.kind !== 'NODE_UPDATE')).toEqual([])
    expect(state.access('dimo').get(DIMO_STATE.licenseCost)).toBe((25n * 10n ** 17n).toString())
  })

  it('DIMO Transfer: mint from 0x0 = SUPPLY_MINT, burn to 0x0 = SUPPLY_BURN, other transfers raw only', () => {
    const mint = log(TOKEN, [T.transfer, addrTopic(ZERO), addrTopic(A)], data(word(400_000_000n * E18)))
    const move = log(TOKEN, [T.transfer, addrTopic(REWARD), addrTopic(B)], data(word(10n * E18)))
    const burn = log(TOKEN, [T.transfer, addrTopic(B), addrTopic(ZERO)], data(word(3n * E18)))
    const out = handleBlocks(polygon, watched, [block([mint, move, burn])], new StateCache())
    expect(out.rawEvents.map((e) => e.name)).toEqual(['Transfer', 'Transfer', 'Transfer'])
    expect(out.rawEvents[0].args).toEqual({ from: ZERO, to: lc(A), value: (400_000_000n * E18).toString() })
    expect(brief(out.facts)).toEqual([
      ['SUPPLY_MINT', 'DIMO', 400_000_000n * E18, lc(A), null, null, null, 'onchain'],
      ['SUPPLY_BURN', 'DIMO', 3n * E18, lc(B), null, null, null, 'onchain'],
    ])
  })

  it('referral: BonusChanged is kept in state across blocks, ReferralComplete pays it (inferred); none before a bonus is known', () => {
    const state = new StateCache()
    const early = log(REFERRAL, [T.referral, addrTopic(B), addrTopic(A)], '0x')
    const bonus = log(REFERRAL, [T.bonus], data(word(100n * E18)))
    const first = handleBlocks(polygon, watched, [block([early, bonus], 80_000_000)], state)
    expect(first.quarantined).toEqual([])
    expect(first.facts).toEqual([])
    expect(first.rawEvents[0].args).toEqual({ referee: lc(B), referrer: lc(A) })
    // next batch, same state cache (as the indexer does between batches)
    const done = log(REFERRAL, [T.referral, addrTopic(B), addrTopic(A)], '0x')
    const second = handleBlocks(polygon, watched, [block([done], 80_000_100)], state)
    expect(brief(second.facts)).toEqual([['REWARD_EMITTED', 'DIMO', 100n * E18, lc(A), lc(B), null, null, 'inferred']])
    // the state survives a reload from its stored rows (JSON values)
    const reloaded = new StateCache([{ network: 'dimo', key: DIMO_STATE.referralBonus, value: (100n * E18).toString() }])
    const third = handleBlocks(polygon, watched, [block([log(REFERRAL, [T.referral, addrTopic(K), addrTopic(A)], '0x')], 80_000_200)], reloaded)
    expect(third.facts.map((f) => f.amount)).toEqual([100n * E18])
  })

  it('malformed logs are quarantined with their reason', () => {
    const short = log(REWARD, [T.forDevice, addrTopic(A), n(1n), n(2n)], data(word(1n)))
    const badTopics = log(REWARD, [T.transferred, addrTopic(A), n(1n), n(2n)], data(word(1n)))
    const shortStake = log(LICENSE, [T.stakeDeposit, n(1n), addrTopic(A)], '0x12')
    const unknown = log(REGISTRY, [topic0('Nope(uint256)')], data(word(1n)))
    const out = handleBlocks(polygon, watched, [block([short, badTopics, shortStake, unknown])], new StateCache())
    expect(out.rawEvents).toEqual([])
    expect(out.facts).toEqual([])
    expect(out.quarantined.map((q) => q.reason)).toEqual([
      expect.stringMatching(/cannot decode TokensTransferredForDevice of dimo DimoReward/),
      expect.stringMatching(/cannot decode TokensTransferred of dimo DimoReward.*topics/),
      expect.stringMatching(/cannot decode StakeDeposit of dimo DimoDevLicense/),
      expect.stringMatching(/unknown topic0 .* dimo DimoRegistry/),
    ])
    expect(out.quarantined[0]).toMatchObject({ network: 'dimo', chainId: 137, data: short.data })
  })
})

describe('DIMO devnet model', () => {
  const GENESIS = Date.UTC(2026, 0, 1) / 1000
  const run = (seed: number, days = 14) => {
    const model = new DimoModel({ seed, genesis: GENESIS })
    const blocks: { t: number; logs: EmittedLog[] }[] = []
    for (let t = GENESIS, prev = GENESIS - 900; t <= GENESIS + days * 86_400; prev = t, t += 900) blocks.push({ t, logs: model.step(prev, t) })
    return { model, blocks }
  }
  // transactions as the chain simulator makes them: one per `tx` token, else one per contract and block
  const toInput = (blocks: { t: number; logs: EmittedLog[] }[]): BlockInput[] =>
    blocks.map((b, i) => {
      const txs = new Map<unknown, string>()
      const hashOf = (l: EmittedLog) => {
        const key = l.tx ?? l.address
        if (!txs.has(key)) txs.set(key, '0x' + (i * 10_000 + txs.size).toString(16).padStart(64, '0'))
        return txs.get(key)!
      }
      return {
        header: { height: 1_000 + i, hash: '0x' + (i + 1).toString(16).padStart(64, '0'), timestamp: b.t * 1000 },
        logs: b.logs.map((l, j) => ({ address: l.address.toLowerCase(), topics: l.topics, data: l.data, logIndex: j, transactionHash: hashOf(l) })),
      }
    })

  const { model, blocks } = run(7)
  const out = handleBlocks(polygon, watched, toInput(blocks), new StateCache())
  const sum = (kind: string, asset?: string) => out.facts.filter((f) => f.kind === kind && (!asset || f.asset === asset)).reduce((s, f) => s + f.amount, 0n)

  it('emits only from its real addresses, decodes everything, and every intended fact kind occurs', () => {
    const emitters = new Set(blocks.flatMap((b) => b.logs.map((l) => l.address)))
    for (const a of emitters) expect(model.addresses).toContain(a)
    expect(out.quarantined).toEqual([])
    const kinds = new Set(out.facts.map((f) => f.kind))
    for (const k of ['REWARD_EMITTED', 'FEE_PAID', 'FEE_SETTLED', 'SUPPLY_MINT', 'SUPPLY_BURN', 'STAKE_BOND', 'STAKE_UNBOND', 'NODE_REGISTERED', 'NODE_DEREGISTERED', 'NODE_UPDATE']) {
      expect(kinds, k).toContain(k)
    }
    const names = new Set(out.rawEvents.map((e) => e.name))
    for (const e of ['WeekAdvanced', 'DidntQualify', 'TokensTransferredForConnectionStreak', 'ReferralComplete', 'Issued', 'AftermarketDevicePaired', 'VehicleNodeBurned', 'UpdateDimoCreditRate', 'BonusChanged']) expect(names, e).toContain(e)
    for (const f of out.facts) {
      if (f.kind === 'NODE_UPDATE') expect(f.amount).toBe(0n)
      else expect(f.amount > 0n, `${f.kind} ${f.amount}`).toBe(true)
    }
  })

  it('magnitudes: ~0.6-0.68M DIMO of rewards a week, ~$1k/day of DCX, ~200 devices (1:500 of ~100k), 400M DIMO bridged', () => {
    // two Monday payouts in 14 days from Thursday 2026-01-01 (rewards week ~204, year 3): each 92-99 % of the weekly
    // limit 1,105,000 x 0.85^3 ≈ 678,618 DIMO, less the few DidntQualify and churned vehicles
    const rewards = Number(out.facts.filter((f) => f.kind === 'REWARD_EMITTED' && f.provenance === 'onchain').reduce((s, f) => s + f.amount, 0n) / E18)
    expect(rewards).toBeGreaterThan(2 * 580_000)
    expect(rewards).toBeLessThan(2 * 678_618)
    const perEvent = out.facts.filter((f) => f.kind === 'REWARD_EMITTED' && f.provenance === 'onchain').map((f) => Number(f.amount / E18))
    expect(Math.max(...perEvent)).toBeLessThan(10_000)
    // DCX bought: $1,200/day x 14 days ≈ $17k, valued at the DCX rate of each purchase (wide band for the lognormal sizes)
    const rates = out.prices.filter((p) => p.asset === 'DCX')
    expect(new Set(rates.map((p) => p.answer)).size, 'the rate is re-pegged during the run').toBeGreaterThan(2)
    const rateAt = (f: EconomicFact) => rates.filter((p) => p.blockNumber < f.blockNumber || (p.blockNumber === f.blockNumber && p.logIndex < f.logIndex)).at(-1)!.price
    const dcxUsd = out.facts.filter((f) => f.kind === 'FEE_PAID' && f.asset === 'DCX').reduce((s, f) => s + (Number(f.amount) / 1e18) * rateAt(f), 0)
    expect(dcxUsd).toBeGreaterThan(5_000)
    expect(dcxUsd).toBeLessThan(60_000)
    expect(sum('FEE_SETTLED', 'DCX')).toBeLessThan(sum('FEE_PAID', 'DCX'))
    // licences: ~0.4 a day, about half paid in DIMO, each worth 1 USD in DCX at the rate of the time (1,000 DCX at $0.001)
    const licences = out.rawEvents.filter((e) => e.name === 'Issued').length
    const paidInDimo = out.facts.filter((f) => f.kind === 'FEE_PAID' && f.subject?.startsWith('license:'))
    expect(licences).toBeGreaterThan(1)
    expect(paidInDimo.length).toBeGreaterThan(0)
    expect(paidInDimo.length).toBeLessThan(licences)
    for (const f of paidInDimo) expect(f.amount).toBe((E18 / rates.filter((p) => p.blockNumber <= f.blockNumber).at(-1)!.answer) * E18)
    for (const f of paidInDimo) expect((Number(f.amount) / 1e18) * rateAt(f)).toBeGreaterThan(0.99)
    const capacity = sum('NODE_REGISTERED') - sum('NODE_DEREGISTERED')
    expect(capacity).toBeGreaterThan(190n)
    expect(capacity).toBeLessThan(260n)
    const supply = sum('SUPPLY_MINT') - sum('SUPPLY_BURN')
    expect(supply).toBeGreaterThan(390_000_000n * E18)
    expect(supply).toBeLessThan(410_000_000n * E18)
    expect(sum('SUPPLY_MINT')).toBeLessThanOrEqual(1_000_000_000n * E18)
    // volume: tens to a few hundred logs a day after the initial state
    const logs = blocks.slice(1).reduce((s, b) => s + b.logs.length, 0)
    expect(logs / 14).toBeLessThan(150)
    expect(blocks[0].logs.length).toBeLessThan(400)
    for (let d = 0; d < 14; d++) {
      const day = blocks.filter((b) => b.t > GENESIS && Math.floor((b.t - GENESIS - 1) / 86_400) === d).reduce((s, b) => s + b.logs.length, 0)
      expect(day, `day ${d}`).toBeLessThan(700)
    }
  })

  it('is deterministic for a seed and differs for another seed', () => {
    const again = run(7, 3).blocks
    const other = run(8, 3).blocks
    const first3 = blocks.slice(0, again.length)
    expect(again).toEqual(first3)
    expect(other).not.toEqual(first3)
  })
})
