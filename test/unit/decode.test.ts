/** Decoding and normalization of each Livepeer event and the Chainlink price, against hand-encoded logs. */
import { describe, expect, it } from 'vitest'
import { handleBlocks } from '../../indexer/handlers/batch'
import { decodeLog } from '../../indexer/handlers/decode'
import { StateCache } from '../../indexer/handlers/state'
import type { BlockInput, LogInput } from '../../indexer/handlers/types'
import { arbitrumOne } from '../../indexer/registry/chains'
import { watchedOnChain } from '../../indexer/registry'
import { addrTopic, addrWord, bytesTail, data, topic0, word } from '../helpers/abi-hand'

// real Arbitrum One addresses (livepeer/subgraph networks.yaml; Chainlink ETH/USD aggregator)
const TICKET_BROKER = '0xa8bB618B1520E284046F3dFc448851A1Ff26e41B'
const BONDING_MANAGER = '0x35Bcf3c30594191d53231E4FF333E8A770453e40'
const ROUNDS_MANAGER = '0xdd6f56DcC28D3F5f27084381fE8Df634985cc39f'
const MINTER = '0xc20DE37170B45774e6CD3d2304017fc962f27252'
const LPT = '0x289ba1701C2F088cf0faf8B3705246331cB8A839'
const ETH_USD_AGG = '0x3607e46698d218B3a5Cae44bF381475C0a5e2ca7'
const TREASURY = '0xf82C1FF415F1fCf582554fDba790E27019c8E8C4'
const A = '0x1111111111111111111111111111111111111111'
const B = '0x2222222222222222222222222222222222222222'
const ZERO = '0x0000000000000000000000000000000000000000'

const watched = watchedOnChain(arbitrumOne)
let logIndex = 0
const log = (address: string, topics: string[], d: string): LogInput => ({
  address: address.toLowerCase(), topics, data: d, logIndex: logIndex++, transactionHash: '0x' + 'ab'.repeat(32),
})
const block = (logs: LogInput[], height = 100, timestamp = Date.UTC(2026, 10, 3, 10, 30)): BlockInput => ({
  header: { height, hash: '0x' + 'cd'.repeat(32), timestamp }, logs,
})

describe('topic0 of the registry matches keccak256 of the canonical signatures', () => {
  const expected: Record<string, string> = {
    WinningTicketRedeemed: 'WinningTicketRedeemed(address,address,uint256,uint256,uint256,uint256,bytes)',
    WinningTicketTransfer: 'WinningTicketTransfer(address,address,uint256)',
    Reward: 'Reward(address,uint256)',
    TreasuryReward: 'TreasuryReward(address,address,uint256)',
    Bond: 'Bond(address,address,address,uint256,uint256)',
    Unbond: 'Unbond(address,address,uint256,uint256,uint256)',
    TranscoderUpdate: 'TranscoderUpdate(address,uint256,uint256)',
    NewRound: 'NewRound(uint256,bytes32)',
    Mint: 'Mint(address,uint256)',
    Transfer: 'Transfer(address,address,uint256)',
  }
  for (const [name, canonical] of Object.entries(expected)) {
    it(name, () => {
      const defs = [...watched.values()].flatMap((w) => [...w.byTopic.values()]).filter((e) => e.name === name)
      expect(defs.length).toBeGreaterThan(0)
      expect(defs.some((d) => d.abi.topic === topic0(canonical))).toBe(true)
    })
  }
  it('the reference topic0 values (shared/reference) are reproduced', () => {
    expect(topic0('WinningTicketRedeemed(address,address,uint256,uint256,uint256,uint256,bytes)').slice(0, 12)).toBe('0xc389eb51ed')
    expect(topic0('Reward(address,uint256)').slice(0, 12)).toBe('0x619caafabd')
    expect(topic0('AnswerUpdated(int256,uint256,uint256)')).toBe('0x0559884fd3a460db3073b7fc896cc77986f16e378210ded43186175bf646fc5f')
  })
})

describe('Livepeer events decode to the expected arguments and facts', () => {
  it('WinningTicketRedeemed -> FEE_PAID in ETH wei, recipient as actor, sender as payer', () => {
    const faceValue = 123_456_789_000_000_000n
    const l = log(TICKET_BROKER, [topic0('WinningTicketRedeemed(address,address,uint256,uint256,uint256,uint256,bytes)'), addrTopic(A), addrTopic(B)],
      // head: faceValue, winProb, senderNonce, recipientRand, offset of auxData (5 words = 160 bytes); tail: auxData
      data(word(faceValue), word(2n ** 250n), word(7n), word(99n), word(5n * 32n), bytesTail('0xdeadbeef')))
    const d = decodeLog(l, watched)
    expect(d.ok).toBe(true)
    if (!d.ok) return
    expect(d.event.name).toBe('WinningTicketRedeemed')
    expect(d.args.sender).toBe(A)
    expect(d.args.recipient).toBe(B)
    expect(d.args.faceValue).toBe(faceValue)
    expect(d.args.auxData).toBe('0xdeadbeef')
    const out = handleBlocks(arbitrumOne, watched, [block([l])])
    expect(out.facts).toHaveLength(1)
    expect(out.facts[0]).toMatchObject({ kind: 'FEE_PAID', asset: 'ETH', amount: faceValue, actor: B, counterparty: A, network: 'livepeer', provenance: 'onchain' })
    expect(out.rawEvents[0].args).toMatchObject({ faceValue: faceValue.toString(), winProb: (2n ** 250n).toString() })
  })

  it('fee distribution: after a TranscoderUpdate, a ticket yields FEE_SHARED = faceValue x feeShare / 1e6 (inferred)', () => {
    const state = new StateCache()
    const upd = log(BONDING_MANAGER, [topic0('TranscoderUpdate(address,uint256,uint256)'), addrTopic(B)], data(word(100_000n), word(450_000n)))
    handleBlocks(arbitrumOne, watched, [block([upd], 100)], state)
    const ticket = log(TICKET_BROKER, [topic0('WinningTicketRedeemed(address,address,uint256,uint256,uint256,uint256,bytes)'), addrTopic(A), addrTopic(B)],
      data(word(2_000_000_000_000_000n), word(1n), word(1n), word(1n), word(5n * 32n), bytesTail('0x')))
    const out = handleBlocks(arbitrumOne, watched, [block([ticket], 101)], state)
    expect(out.facts.map((f) => [f.kind, f.amount, f.provenance])).toEqual([
      ['FEE_PAID', 2_000_000_000_000_000n, 'onchain'],
      ['FEE_SHARED', 900_000_000_000_000n, 'inferred'],
    ])
  })

  it('Reward -> REWARD_EMITTED LPT; TreasuryReward -> PROTOCOL_TAKE', () => {
    const r = log(BONDING_MANAGER, [topic0('Reward(address,uint256)'), addrTopic(A)], data(word(5n * 10n ** 21n)))
    const t = log(BONDING_MANAGER, [topic0('TreasuryReward(address,address,uint256)'), addrTopic(A)], data(addrWord(TREASURY), word(5n * 10n ** 20n)))
    const out = handleBlocks(arbitrumOne, watched, [block([r, t])])
    expect(out.facts.map((f) => [f.kind, f.asset, f.amount, f.actor])).toEqual([
      ['REWARD_EMITTED', 'LPT', 5n * 10n ** 21n, A],
      ['PROTOCOL_TAKE', 'LPT', 5n * 10n ** 20n, A],
    ])
    expect(out.facts[1].counterparty).toBe(TREASURY.toLowerCase())
  })

  it('Bond, Unbond and TranscoderUpdate', () => {
    const bond = log(BONDING_MANAGER, [topic0('Bond(address,address,address,uint256,uint256)'), addrTopic(A), addrTopic(ZERO), addrTopic(B)], data(word(1000n), word(5000n)))
    const unbond = log(BONDING_MANAGER, [topic0('Unbond(address,address,uint256,uint256,uint256)'), addrTopic(A), addrTopic(B)], data(word(3n), word(400n), word(3100n)))
    const upd = log(BONDING_MANAGER, [topic0('TranscoderUpdate(address,uint256,uint256)'), addrTopic(A)], data(word(250_000n), word(500_000n)))
    const out = handleBlocks(arbitrumOne, watched, [block([bond, unbond, upd])])
    expect(out.facts.map((f) => [f.kind, f.amount, f.actor, f.counterparty])).toEqual([
      ['STAKE_BOND', 1000n, A, B],
      ['STAKE_UNBOND', 400n, A, B],
      ['NODE_UPDATE', 0n, A, null],
    ])
    expect(out.rawEvents[2].args).toEqual({ transcoder: A, rewardCut: '250000', feeShare: '500000' })
  })

  it('LPT Mint and Burn are supply facts; Transfer is kept as a raw event only', () => {
    const mint = log(LPT, [topic0('Mint(address,uint256)'), addrTopic(MINTER)], data(word(10n ** 22n)))
    const transfer = log(LPT, [topic0('Transfer(address,address,uint256)'), addrTopic(ZERO), addrTopic(MINTER)], data(word(10n ** 22n)))
    const burn = log(LPT, [topic0('Burn(address,uint256)'), addrTopic(A)], data(word(77n)))
    const out = handleBlocks(arbitrumOne, watched, [block([mint, transfer, burn])])
    expect(out.rawEvents.map((e) => e.name)).toEqual(['Mint', 'Transfer', 'Burn'])
    expect(out.facts.map((f) => [f.kind, f.amount])).toEqual([['SUPPLY_MINT', 10n ** 22n], ['SUPPLY_BURN', 77n]])
  })

  it('LPT moved into the Treasury leaves circulating supply (SUPPLY_LOCK), and out of it returns (SUPPLY_UNLOCK)', () => {
    const toTreasury = log(LPT, [topic0('Transfer(address,address,uint256)'), addrTopic(MINTER), addrTopic(TREASURY)], data(word(900n)))
    const fromTreasury = log(LPT, [topic0('Transfer(address,address,uint256)'), addrTopic(TREASURY), addrTopic(A)], data(word(300n)))
    const elsewhere = log(LPT, [topic0('Transfer(address,address,uint256)'), addrTopic(A), addrTopic(B)], data(word(5n)))
    const out = handleBlocks(arbitrumOne, watched, [block([toTreasury, fromTreasury, elsewhere])])
    expect(out.facts.map((f) => [f.kind, f.amount, f.actor, f.counterparty])).toEqual([
      ['SUPPLY_LOCK', 900n, TREASURY.toLowerCase(), MINTER.toLowerCase()],
      ['SUPPLY_UNLOCK', 300n, TREASURY.toLowerCase(), A],
    ])
  })

  it('NewRound and SetCurrentRewardTokens are decoded as raw events', () => {
    const nr = log(ROUNDS_MANAGER, [topic0('NewRound(uint256,bytes32)'), '0x' + word(3001n)], data('ee'.repeat(32)))
    const sc = log(MINTER, [topic0('SetCurrentRewardTokens(uint256,uint256)')], data(word(16_000n * 10n ** 18n), word(500_000n)))
    const out = handleBlocks(arbitrumOne, watched, [block([nr, sc])])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents[0].args).toEqual({ round: '3001', blockHash: '0x' + 'ee'.repeat(32) })
    expect(out.rawEvents[1].args).toEqual({ currentMintableTokens: (16_000n * 10n ** 18n).toString(), currentInflation: '500000' })
  })

  it('Chainlink AnswerUpdated becomes a price point with 8 decimals and its source', () => {
    const p = log(ETH_USD_AGG, [topic0('AnswerUpdated(int256,uint256,uint256)'), '0x' + word(312_345_000_000n), '0x' + word(42n)], data(word(1_700_000_000n)))
    const out = handleBlocks(arbitrumOne, watched, [block([p])])
    expect(out.prices).toHaveLength(1)
    expect(out.prices[0].price).toBeCloseTo(3123.45, 10)
    expect(out.prices[0].updatedAt.toISOString()).toBe(new Date(1_700_000_000_000).toISOString())
    expect(out.prices[0].source).toBe(`chainlink:42161:${ETH_USD_AGG.toLowerCase()}`)
  })
})

describe('malformed logs are quarantined with their reason, and the batch goes on', () => {
  it('unknown topic, short data, bad price, unwatched address', () => {
    const good = log(BONDING_MANAGER, [topic0('Reward(address,uint256)'), addrTopic(A)], data(word(1n)))
    const unknown = log(BONDING_MANAGER, [topic0('Nope(uint256)')], data(word(1n)))
    const short = log(TICKET_BROKER, [topic0('WinningTicketTransfer(address,address,uint256)'), addrTopic(A), addrTopic(B)], '0x1234')
    const negative = log(ETH_USD_AGG, [topic0('AnswerUpdated(int256,uint256,uint256)'), '0x' + 'f'.repeat(64), '0x' + word(1n)], data(word(1n)))
    const stranger = log(A, [topic0('Reward(address,uint256)'), addrTopic(A)], data(word(1n)))
    const anonymous = log(LPT, [], '0x')
    const out = handleBlocks(arbitrumOne, watched, [block([unknown, short, good, negative, stranger, anonymous])])
    expect(out.rawEvents.map((e) => e.name)).toEqual(['Reward'])
    expect(out.quarantined).toHaveLength(5)
    const reasons = out.quarantined.map((q) => q.reason)
    expect(reasons[0]).toMatch(/unknown topic0 .* livepeer BondingManager/)
    expect(reasons[1]).toMatch(/cannot decode WinningTicketTransfer/)
    expect(reasons[2]).toMatch(/price answer out of range/)
    expect(reasons[3]).toMatch(/not watched/)
    expect(reasons[4]).toMatch(/anonymous/)
    expect(out.quarantined[0]).toMatchObject({ network: 'livepeer', blockNumber: 100, data: unknown.data, topics: unknown.topics })
  })
})
