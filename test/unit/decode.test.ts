/** Decoding and normalization of each Livepeer event and the Chainlink price, against hand-encoded logs. */
import { describe, expect, it } from 'vitest'
import { handleBlocks } from '../../indexer/handlers/batch'
import { decodeLog } from '../../indexer/handlers/decode'
import { StateCache } from '../../indexer/handlers/state'
import type { BlockInput, LogInput } from '../../indexer/handlers/types'
import { arbitrumOne } from '../../indexer/registry/chains'
import { watchedOnChain } from '../../indexer/registry'
import { addrTopic, addrWord, bytesTail, data, topic0, word } from '../helpers/abi-hand'
import { LivepeerModel } from '../../devnet/simulator/livepeer'
import { decodeEventLog, parseAbi } from 'viem'

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
    // livepeer/protocol contracts/pm/mixins/interfaces/MReserve.sol, MTicketBrokerCore.sol, contracts/bonding/IBondingManager.sol
    ReserveFunded: 'ReserveFunded(address,uint256)',
    ReserveClaimed: 'ReserveClaimed(address,address,uint256)',
    Unlock: 'Unlock(address,uint256,uint256)',
    UnlockCancelled: 'UnlockCancelled(address)',
    Withdrawal: 'Withdrawal(address,uint256,uint256)',
    Rebond: 'Rebond(address,address,uint256,uint256)',
    TransferBond: 'TransferBond(address,address,uint256,uint256,uint256)',
    TranscoderSlashed: 'TranscoderSlashed(address,address,uint256,uint256)',
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
    // shared/reference/depin-contracts.json (Livepeer, high confidence)
    expect(topic0('ReserveClaimed(address,address,uint256)')).toBe('0x5c2b394723f408a40a60335e24b71829642e35f350cebe2036a96a66e895ea98')
    expect(topic0('Unlock(address,uint256,uint256)')).toBe('0xf7870c5b224cbc19873599e46ccfc7103934650509b1af0c3ce90138377c2004')
    expect(topic0('UnlockCancelled(address)')).toBe('0xfa044b7b93a40365dc68049797c2eb06918523d694e5d56e406cac3eb35578e5')
    expect(topic0('TransferBond(address,address,uint256,uint256,uint256)')).toBe('0xf136b986590e86cf1abd7b6600186a7a1178ad3cbbdf0f3312e79f6214a2a567')
    expect(topic0('TranscoderSlashed(address,address,uint256,uint256)')).toBe('0xf4b71fed8e2c9a8c67c388bc6d35ad20b9368a24eed6d565459f2b277b6c0c22')
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

  it('WinningTicketTransfer -> FEE_SETTLED in ETH wei (what moved, below faceValue when deposit and reserve ran short)', () => {
    const l = log(TICKET_BROKER, [topic0('WinningTicketTransfer(address,address,uint256)'), addrTopic(A), addrTopic(B)], data(word(987_000_000_000_000n)))
    const out = handleBlocks(arbitrumOne, watched, [block([l])])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents[0]).toMatchObject({ name: 'WinningTicketTransfer', contractName: 'TicketBroker', args: { sender: A, recipient: B, amount: '987000000000000' } })
    expect(out.facts.map((f) => [f.kind, f.asset, f.amount, f.decimals, f.actor, f.counterparty, f.provenance])).toEqual([
      ['FEE_SETTLED', 'ETH', 987_000_000_000_000n, 18, B, A, 'onchain'],
    ])
  })

  it('broadcaster reserve and unlock lifecycle: ReserveFunded, ReserveClaimed, Unlock, UnlockCancelled, Withdrawal decode as raw events without facts', () => {
    const funded = log(TICKET_BROKER, [topic0('ReserveFunded(address,uint256)'), addrTopic(A)], data(word(5n * 10n ** 17n)))
    // the claimed part is inside the WinningTicketTransfer of the same ticket: no second settled fee
    const claimed = log(TICKET_BROKER, [topic0('ReserveClaimed(address,address,uint256)'), addrTopic(A)], data(addrWord(B), word(3n * 10n ** 16n)))
    const unlock = log(TICKET_BROKER, [topic0('Unlock(address,uint256,uint256)'), addrTopic(A)], data(word(3500n), word(3502n)))
    const cancelled = log(TICKET_BROKER, [topic0('UnlockCancelled(address)'), addrTopic(A)], '0x')
    const withdrawal = log(TICKET_BROKER, [topic0('Withdrawal(address,uint256,uint256)'), addrTopic(A)], data(word(7n), word(9n)))
    const out = handleBlocks(arbitrumOne, watched, [block([funded, claimed, unlock, cancelled, withdrawal])])
    expect(out.quarantined).toEqual([])
    expect(out.facts).toEqual([])
    expect(out.rawEvents.map((e) => [e.name, e.args])).toEqual([
      ['ReserveFunded', { reserveHolder: A, amount: (5n * 10n ** 17n).toString() }],
      ['ReserveClaimed', { reserveHolder: A, claimant: B, amount: (3n * 10n ** 16n).toString() }],
      ['Unlock', { sender: A, startRound: '3500', endRound: '3502' }],
      ['UnlockCancelled', { sender: A }],
      ['Withdrawal', { sender: A, deposit: '7', reserve: '9' }],
    ])
  })

  it('Rebond -> STAKE_BOND; TranscoderSlashed -> STAKE_UNBOND of the penalty; TransferBond is raw (stake stays bonded)', () => {
    const rebond = log(BONDING_MANAGER, [topic0('Rebond(address,address,uint256,uint256)'), addrTopic(A), addrTopic(B)], data(word(4n), word(250n)))
    const transfer = log(BONDING_MANAGER, [topic0('TransferBond(address,address,uint256,uint256,uint256)'), addrTopic(A), addrTopic(B)], data(word(1n), word(2n), word(600n)))
    const slash = log(BONDING_MANAGER, [topic0('TranscoderSlashed(address,address,uint256,uint256)'), addrTopic(A)], data(addrWord(B), word(1_000n), word(50n)))
    const out = handleBlocks(arbitrumOne, watched, [block([rebond, transfer, slash])])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents.map((e) => [e.name, e.args])).toEqual([
      ['Rebond', { delegate: A, delegator: B, unbondingLockId: '4', amount: '250' }],
      ['TransferBond', { oldDelegator: A, newDelegator: B, oldUnbondingLockId: '1', newUnbondingLockId: '2', amount: '600' }],
      ['TranscoderSlashed', { transcoder: A, finder: B, penalty: '1000', finderReward: '50' }],
    ])
    expect(out.facts.map((f) => [f.kind, f.asset, f.amount, f.actor, f.counterparty, f.rawEvent])).toEqual([
      ['STAKE_BOND', 'LPT', 250n, A, B, out.rawEvents[0].id],
      ['STAKE_UNBOND', 'LPT', 1_000n, A, B, out.rawEvents[2].id],
    ])
  })

  it('capacity: TranscoderActivated = NODE_REGISTERED 1 orchestrator unless already active, TranscoderDeactivated = NODE_DEREGISTERED 1 if active', () => {
    const state = new StateCache()
    const act = (who: string) => log(BONDING_MANAGER, [topic0('TranscoderActivated(address,uint256)'), addrTopic(who)], data(word(3001n)))
    const deact = (who: string) => log(BONDING_MANAGER, [topic0('TranscoderDeactivated(address,uint256)'), addrTopic(who)], data(word(3002n)))
    const first = handleBlocks(arbitrumOne, watched, [block([act(A), act(A), act(B), deact(A)], 100)], state)
    // a second deactivation of A and one of an address never active change nothing
    const second = handleBlocks(arbitrumOne, watched, [block([deact(A), deact(TREASURY)], 101)], state)
    expect([...first.quarantined, ...second.quarantined]).toEqual([])
    expect(first.rawEvents.map((e) => [e.name, e.args])).toEqual([
      ['TranscoderActivated', { transcoder: A, activationRound: '3001' }], ['TranscoderActivated', { transcoder: A, activationRound: '3001' }],
      ['TranscoderActivated', { transcoder: B, activationRound: '3001' }], ['TranscoderDeactivated', { transcoder: A, deactivationRound: '3002' }],
    ])
    expect(first.facts.map((f) => [f.kind, f.amount, f.decimals, f.unit, f.actor, f.subject])).toEqual([
      ['NODE_REGISTERED', 1n, 0, 'orchestrators', A, A],
      ['NODE_REGISTERED', 1n, 0, 'orchestrators', B, B],
      ['NODE_DEREGISTERED', 1n, 0, 'orchestrators', A, A],
    ])
    expect(second.facts).toEqual([])
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

describe('the Livepeer devnet model', () => {
  it('emits the broadcaster lifecycle, reserve claims, rebonds, bond transfers and active-set changes over 20 days; every log decodes; a settled ticket = deposit part + reserve claimed', () => {
    const genesis = Math.floor(Date.UTC(2026, 0, 1) / 1000)
    const model = new LivepeerModel({ seed: 5, genesis })
    const blocks: BlockInput[] = []
    for (let t = genesis, prev = genesis - 900, i = 0; t <= genesis + 20 * 86_400; prev = t, t += 900, i++) {
      const logs = model.step(prev, t)
      blocks.push({
        header: { height: 1_000 + i, hash: '0x' + (i + 1).toString(16).padStart(64, '0'), timestamp: t * 1000 },
        logs: logs.map((l, j) => ({ address: l.address.toLowerCase(), topics: l.topics, data: l.data, logIndex: j, transactionHash: '0x' + (i * 10_000 + j).toString(16).padStart(64, '0') })),
      })
    }
    const out = handleBlocks(arbitrumOne, watched, blocks, new StateCache())
    expect(out.quarantined).toEqual([])
    const names = new Map<string, number>()
    for (const e of out.rawEvents) names.set(e.name, (names.get(e.name) ?? 0) + 1)
    for (const e of ['ReserveFunded', 'ReserveClaimed', 'Unlock', 'UnlockCancelled', 'Withdrawal', 'Rebond', 'TransferBond', 'WinningTicketTransfer', 'TranscoderActivated', 'TranscoderDeactivated']) {
      expect(names.get(e) ?? 0, e).toBeGreaterThan(0)
    }
    // independently of the registry: in log order, a ReserveClaimed is followed by its ticket's WinningTicketTransfer
    // and WinningTicketRedeemed of the same sender and orchestrator; the transfer includes the claim and is at most faceValue
    const abi = parseAbi([
      'event ReserveClaimed(address indexed reserveHolder, address claimant, uint256 amount)',
      'event WinningTicketTransfer(address indexed sender, address indexed recipient, uint256 amount)',
      'event WinningTicketRedeemed(address indexed sender, address indexed recipient, uint256 faceValue, uint256 winProb, uint256 senderNonce, uint256 recipientRand, bytes auxData)',
    ])
    const logs = blocks.flatMap((b) => b.logs).filter((l) => l.address === TICKET_BROKER.toLowerCase())
    const decoded = logs.flatMap((l) => {
      try {
        return [decodeEventLog({ abi, topics: l.topics as any, data: l.data as `0x${string}` })]
      } catch {
        return []
      }
    })
    let claims = 0
    for (let i = 0; i < decoded.length; i++) {
      const d = decoded[i] as any
      if (d.eventName !== 'ReserveClaimed') continue
      claims++
      const transfer = decoded[i + 1] as any
      const redeemed = decoded[i + 2] as any
      expect([transfer.eventName, redeemed.eventName]).toEqual(['WinningTicketTransfer', 'WinningTicketRedeemed'])
      expect(transfer.args.sender).toBe(d.args.reserveHolder)
      expect(transfer.args.recipient).toBe(d.args.claimant)
      expect(transfer.args.amount >= d.args.amount && transfer.args.amount <= redeemed.args.faceValue).toBe(true)
    }
    expect(claims).toBe(names.get('ReserveClaimed'))
    // FEE_SETTLED = Σ WinningTicketTransfer; reserve claims add no fact of their own
    const settled = decoded.filter((d: any) => d.eventName === 'WinningTicketTransfer').reduce((s, d: any) => s + (d.args.amount as bigint), 0n)
    expect(out.facts.filter((f) => f.kind === 'FEE_SETTLED').reduce((s, f) => s + f.amount, 0n)).toBe(settled)
    expect(out.facts.filter((f) => f.kind === 'FEE_SETTLED').length).toBe(names.get('WinningTicketTransfer'))
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
