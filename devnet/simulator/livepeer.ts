/**
 * Economic model of Livepeer on Arbitrum One, emitting the events its real contracts emit:
 * orchestrators with stake and commissions, delegators bonding and unbonding, broadcasters paying
 * ETH fees with probabilistic tickets (topped up from their reserves when a deposit runs short), funding reserves,
 * unlocking and withdrawing, delegators rebonding and transferring bonds, one round a day with LPT inflation split between the
 * orchestrators' reward calls and the treasury, and the Chainlink ETH/USD feed updating hourly.
 * Deterministic for a seed and a sequence of block timestamps.
 */
import { LIVEPEER_TREASURY, livepeer } from '../../indexer/registry/livepeer'
import { encodeEvent } from './encode'
import { Random, type EmittedLog, type ModelContext, type NetworkModel } from './model'

const addr = (name: string) => livepeer.contracts.find((c) => c.name === name)!.address
export const LIVEPEER_ADDRESSES = {
  TicketBroker: addr('TicketBroker'),
  BondingManager: addr('BondingManager'),
  RoundsManager: addr('RoundsManager'),
  Minter: addr('Minter'),
  LivepeerToken: addr('LivepeerToken'),
}

const ZERO = '0x0000000000000000000000000000000000000000'
const E18 = 10n ** 18n
const DAY = 86_400

/** ETH amount (float) to wei with 1e-9 resolution */
const wei = (eth: number) => BigInt(Math.round(eth * 1e9)) * 10n ** 9n

interface Orchestrator {
  address: string
  stake: bigint
  rewardCut: bigint
  feeShare: bigint
  /** relative share of fee-paying work */
  weight: number
  reliability: number
}

export class LivepeerModel implements NetworkModel {
  readonly addresses = Object.values(LIVEPEER_ADDRESSES)
  private rnd: Random
  private orchestrators: Orchestrator[] = []
  private broadcasters: string[] = []
  private delegators: string[] = []
  private round = 3000n
  private roundStart = 0
  private pendingRewards: { at: number; orch: Orchestrator }[] = []
  private supply = 33_000_000n * E18
  private started = false
  private ticketNonce = 0n
  private unbondingLock = 0n

  private readonly genesis: number

  constructor({ seed, genesis }: ModelContext) {
    this.genesis = genesis
    this.rnd = new Random(seed)
    for (let i = 0; i < 14; i++) {
      this.orchestrators.push({
        address: this.rnd.address(),
        stake: wei(this.rnd.between(50_000, 1_500_000)),
        rewardCut: BigInt(this.rnd.int(5, 50)) * 10_000n,
        feeShare: BigInt(this.rnd.int(20, 90)) * 10_000n,
        weight: this.rnd.between(0.2, 3),
        reliability: this.rnd.between(0.8, 1),
      })
    }
    for (let i = 0; i < 8; i++) this.broadcasters.push(this.rnd.address())
    for (let i = 0; i < 40; i++) this.delegators.push(this.rnd.address())
  }

  /** Logs for the blocks between `from` (exclusive) and `to` (inclusive), unix seconds, in emission order. */
  step(from: number, to: number): EmittedLog[] {
    const out: EmittedLog[] = []
    const emit = (address: string, contract: string, event: string, args: Record<string, unknown>) =>
      out.push({ address, ...encodeEvent(contract, event, args) })
    const A = LIVEPEER_ADDRESSES
    if (!this.started) {
      this.started = true
      this.roundStart = Math.floor(to / DAY) * DAY
      // the L2 supply arrives by bridge mints (L2 gateway -> LivepeerToken.mint), here in one go, so that total
      // supply can be rebuilt from events; a tenth sits in the Treasury (non-circulating)
      const holder = this.rnd.address()
      emit(A.LivepeerToken, 'LivepeerToken', 'Mint', { to: holder, amount: this.supply })
      emit(A.LivepeerToken, 'LivepeerToken', 'Transfer', { from: ZERO, to: holder, value: this.supply })
      emit(A.LivepeerToken, 'LivepeerToken', 'Transfer', { from: holder, to: LIVEPEER_TREASURY, value: this.supply / 10n })
      for (const o of this.orchestrators) {
        emit(A.BondingManager, 'BondingManager', 'TranscoderUpdate', { transcoder: o.address, rewardCut: o.rewardCut, feeShare: o.feeShare })
        emit(A.BondingManager, 'BondingManager', 'Bond', { newDelegate: o.address, oldDelegate: ZERO, delegator: o.address, additionalAmount: o.stake, bondedAmount: o.stake })
        emit(A.BondingManager, 'BondingManager', 'TranscoderActivated', { transcoder: o.address, activationRound: this.round + 1n })
        this.active.add(o.address)
      }
      // the first round starts with the chain, so the first day has reward calls too
      this.newRound(this.roundStart, emit)
    }
    // a new round at each UTC day boundary crossed
    while (Math.floor(to / DAY) * DAY > this.roundStart) {
      this.roundStart += DAY
      this.newRound(this.roundStart, emit)
    }
    // orchestrators call reward() during the round
    this.pendingRewards.sort((a, b) => a.at - b.at)
    while (this.pendingRewards.length && this.pendingRewards[0].at <= to) {
      const { orch } = this.pendingRewards.shift()!
      this.reward(orch, emit)
    }
    const dt = to - from
    const days = (to - this.genesis) / DAY
    // demand: grows ~1.5 %/day from the start, with a weekly cycle (weekends lower)
    const weekday = new Date(to * 1000).getUTCDay()
    const demand = (1 + 0.015 * days) * (weekday === 0 || weekday === 6 ? 0.7 : 1.1)
    const tickets = this.rnd.poisson((dt / DAY) * 24 * demand)
    for (let i = 0; i < tickets; i++) this.ticket(emit)
    // broadcasters top up deposits now and then
    if (this.rnd.next() < (dt / DAY) * 2) {
      emit(A.TicketBroker, 'TicketBroker', 'DepositFunded', { sender: this.rnd.pick(this.broadcasters), amount: wei(this.rnd.between(0.5, 5)) })
    }
    // delegators bond and unbond, rebond and transfer bonds; broadcasters fund reserves, unlock and withdraw
    for (let i = this.rnd.poisson((dt / DAY) * 6); i > 0; i--) this.stake(emit)
    for (let i = this.rnd.poisson((dt / DAY) * 1.5); i > 0; i--) this.restake(emit)
    for (let i = this.rnd.poisson((dt / DAY) * 1.5); i > 0; i--) this.broadcaster(emit)
    // now and then an orchestrator leaves the active set (resigns, or is pushed out by stake) or comes back
    for (let i = this.rnd.poisson((dt / DAY) * 0.3); i > 0; i--) this.activeSet(emit)
    return out
  }

  private newRound(start: number, emit: (a: string, c: string, e: string, x: Record<string, unknown>) => void) {
    const A = LIVEPEER_ADDRESSES
    this.round += 1n
    emit(A.RoundsManager, 'RoundsManager', 'NewRound', { round: this.round, blockHash: this.rnd.bytes32() })
    const inflation = BigInt(this.rnd.int(480_000, 520_000)) // parts per billion per round
    const mintable = (this.supply * inflation) / 1_000_000_000n
    emit(A.Minter, 'Minter', 'SetCurrentRewardTokens', { currentMintableTokens: mintable, currentInflation: inflation })
    for (const o of this.orchestrators) {
      if (this.rnd.next() < o.reliability) this.pendingRewards.push({ at: start + Math.floor(this.rnd.between(0.05, 0.95) * DAY), orch: o })
    }
    this.mintable = mintable
  }

  private mintable = 0n

  private reward(o: Orchestrator, emit: (a: string, c: string, e: string, x: Record<string, unknown>) => void) {
    const A = LIVEPEER_ADDRESSES
    const total = this.orchestrators.reduce((s, x) => s + x.stake, 0n)
    const gross = (this.mintable * o.stake) / total
    const treasury = gross / 10n // treasury reward cut (LIP-89): 10 %
    const toPool = gross - treasury
    // Minter.createReward -> LivepeerToken.mint(Minter) emits Mint and Transfer(0x0, Minter)
    emit(A.LivepeerToken, 'LivepeerToken', 'Mint', { to: A.Minter, amount: gross })
    emit(A.LivepeerToken, 'LivepeerToken', 'Transfer', { from: ZERO, to: A.Minter, value: gross })
    emit(A.LivepeerToken, 'LivepeerToken', 'Transfer', { from: A.Minter, to: LIVEPEER_TREASURY, value: treasury })
    emit(A.BondingManager, 'BondingManager', 'TreasuryReward', { transcoder: o.address, treasury: LIVEPEER_TREASURY, amount: treasury })
    emit(A.BondingManager, 'BondingManager', 'Reward', { transcoder: o.address, amount: toPool })
    this.supply += gross
    o.stake += toPool
  }

  private ticket(emit: (a: string, c: string, e: string, x: Record<string, unknown>) => void) {
    const A = LIVEPEER_ADDRESSES
    const totalWeight = this.orchestrators.reduce((s, o) => s + o.weight, 0)
    let r = this.rnd.next() * totalWeight
    const o = this.orchestrators.find((x) => (r -= x.weight) <= 0) ?? this.orchestrators[0]
    const sender = this.rnd.pick(this.broadcasters)
    const faceValue = wei(Math.exp(this.rnd.normal() * 0.6) * 0.05)
    const winProb = BigInt(Math.floor(this.rnd.between(0.0001, 0.01) * 2 ** 32)) * 2n ** 224n
    this.ticketNonce += 1n
    const redeemed = {
      sender, recipient: o.address, faceValue, winProb, senderNonce: this.ticketNonce, recipientRand: BigInt(this.rnd.bytes32()), auxData: '0x' + this.rnd.bytes32().slice(2) + this.rnd.bytes32().slice(2),
    }
    // redeemWinningTicket: when the deposit runs short, the rest is claimed from the sender's reserve (ReserveClaimed,
    // up to what the reserve still holds); WinningTicketTransfer carries deposit + reserve part, then WinningTicketRedeemed
    let settled = faceValue
    if (this.rnd.next() < 0.03) {
      const fromDeposit = (faceValue * BigInt(this.rnd.int(10, 90))) / 100n
      const fromReserve = this.rnd.next() < 0.5 ? faceValue - fromDeposit : ((faceValue - fromDeposit) * BigInt(this.rnd.int(0, 90))) / 100n
      if (fromReserve > 0n) emit(A.TicketBroker, 'TicketBroker', 'ReserveClaimed', { reserveHolder: sender, claimant: o.address, amount: fromReserve })
      settled = fromDeposit + fromReserve
    }
    emit(A.TicketBroker, 'TicketBroker', 'WinningTicketTransfer', { sender, recipient: o.address, amount: settled })
    emit(A.TicketBroker, 'TicketBroker', 'WinningTicketRedeemed', redeemed)
  }

  /**
   * Broadcasters' deposit and reserve lifecycle (MixinTicketBrokerCore, MixinReserve): reserves funded, unlocks
   * started, some cancelled, the others withdrawn (deposit and reserve) once the unlock period of 2 rounds has passed.
   */
  private broadcaster(emit: (a: string, c: string, e: string, x: Record<string, unknown>) => void) {
    const A = LIVEPEER_ADDRESSES
    const b = this.rnd.pick(this.broadcasters)
    const unlock = this.unlocks.get(b)
    if (unlock == null) {
      if (this.rnd.next() < 0.6) emit(A.TicketBroker, 'TicketBroker', 'ReserveFunded', { reserveHolder: b, amount: wei(this.rnd.between(0.2, 2)) })
      else {
        // about a third of unlocks are cancelled (the broadcaster keeps streaming) instead of withdrawn
        this.unlocks.set(b, { end: this.round + 2n, cancel: this.rnd.next() < 0.35 })
        emit(A.TicketBroker, 'TicketBroker', 'Unlock', { sender: b, startRound: this.round, endRound: this.round + 2n })
      }
    } else if (unlock.cancel) {
      this.unlocks.delete(b)
      emit(A.TicketBroker, 'TicketBroker', 'UnlockCancelled', { sender: b })
    } else if (this.round >= unlock.end) {
      this.unlocks.delete(b)
      emit(A.TicketBroker, 'TicketBroker', 'Withdrawal', { sender: b, deposit: wei(this.rnd.between(0.05, 1)), reserve: wei(this.rnd.between(0.05, 1)) })
    }
  }

  /** orchestrators in the active set */
  private readonly active = new Set<string>()

  private activeSet(emit: (a: string, c: string, e: string, x: Record<string, unknown>) => void) {
    const A = LIVEPEER_ADDRESSES
    const o = this.rnd.pick(this.orchestrators)
    if (this.active.delete(o.address)) emit(A.BondingManager, 'BondingManager', 'TranscoderDeactivated', { transcoder: o.address, deactivationRound: this.round + 1n })
    else {
      this.active.add(o.address)
      emit(A.BondingManager, 'BondingManager', 'TranscoderActivated', { transcoder: o.address, activationRound: this.round + 1n })
    }
  }

  /** broadcaster -> its unlock: the round from which it can withdraw, and whether it will cancel instead */
  private readonly unlocks = new Map<string, { end: bigint; cancel: boolean }>()
  /** unbonding locks not yet rebonded: id, delegate, delegator, amount */
  private locks: { id: bigint; o: Orchestrator; delegator: string; amount: bigint }[] = []

  private stake(emit: (a: string, c: string, e: string, x: Record<string, unknown>) => void) {
    const A = LIVEPEER_ADDRESSES
    const o = this.rnd.pick(this.orchestrators)
    const delegator = this.rnd.pick(this.delegators)
    const amount = wei(this.rnd.between(100, 20_000))
    if (this.rnd.next() < 0.65) {
      o.stake += amount
      emit(A.BondingManager, 'BondingManager', 'Bond', { newDelegate: o.address, oldDelegate: ZERO, delegator, additionalAmount: amount, bondedAmount: amount })
    } else if (o.stake > amount * 10n) {
      o.stake -= amount
      this.unbondingLock += 1n
      emit(A.BondingManager, 'BondingManager', 'Unbond', { delegate: o.address, delegator, unbondingLockId: this.unbondingLock, amount, withdrawRound: this.round + 7n })
      this.locks.push({ id: this.unbondingLock, o, delegator, amount })
    }
  }

  /** a delegator rebonds one of its unbonding locks (Rebond), or moves bonded stake to another address (TransferBond) */
  private restake(emit: (a: string, c: string, e: string, x: Record<string, unknown>) => void) {
    const A = LIVEPEER_ADDRESSES
    if (this.locks.length && this.rnd.next() < 0.6) {
      const l = this.locks.splice(this.rnd.int(0, this.locks.length), 1)[0]
      l.o.stake += l.amount
      emit(A.BondingManager, 'BondingManager', 'Rebond', { delegate: l.o.address, delegator: l.delegator, unbondingLockId: l.id, amount: l.amount })
      return
    }
    const from = this.rnd.pick(this.delegators)
    const to = this.rnd.pick(this.delegators)
    if (from === to) return
    this.unbondingLock += 1n
    emit(A.BondingManager, 'BondingManager', 'TransferBond', {
      oldDelegator: from, newDelegator: to, oldUnbondingLockId: this.unbondingLock, newUnbondingLockId: 0n, amount: wei(this.rnd.between(100, 5_000)),
    })
  }
}
