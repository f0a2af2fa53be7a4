/**
 * Economic model of Aethir on Arbitrum One, emitting the events its (third-party-documented) contracts emit:
 * - ATH (Axelar ITS token on Arbitrum): an initial supply minted to a treasury, occasional bridge mints/burns;
 * - Checker Node License NFT (ERC-721 + ERC-4907): licences minted over time (fast at first, then a plateau,
 *   as after the 2024 node sale), rare burns and whitelisted transfers, delegations (UpdateUser) of licences
 *   to node operators opened, moved and cleared;
 * - AethirCore: developers prepaying GPU service fees in ATH (DepositServiceFee, with its ATH Transfer into
 *   the escrow) and now and then withdrawing part of it (WithdrawServiceFee);
 * - checker rewards paid out daily in ATH by CheckerClaimAndWithdraw (ATH Transfer from that contract).
 *
 * Calibration (all APPROXIMATE):
 * - Licences: ~91,759 exist (third-party LNT-vault docs citing Arbiscan; cap 100,000). Simulated at 1:100
 *   (LICENCE_SCALE), so the count grows towards ~1,000; each simulated licence stands for 100 real ones in
 *   the reward formula, which keeps ATH totals at real-world scale.
 * - Checker rewards: 15 % of 42B ATH = 6.3B ATH over 1,460 days (2024-06-12 .. 2028-06-11) for ~91.8k
 *   licences, i.e. ~47 ATH per licence per day (same LNT-vault docs, citing docs.aethir.com tokenomics);
 *   paid here for delegated (running) licences only, as daily withdrawals (the real contract pays after a
 *   vesting cliff).
 * - Service fees: Aethir reports annualised compute revenue in the tens of $M; with ATH ~$0.03-0.08 in
 *   2025, ~$30M/yr at $0.05 is ~1.6M ATH/day of deposits (DAILY_FEES_ATH). On-chain deposits counted by
 *   DefiLlama may be lower than reported revenue. Withdrawals are a few % of deposits.
 * Deterministic for a seed and a sequence of block timestamps (only the context's Random is used).
 */
import { AETHIR_CHECKER_CLAIM, ZERO_ADDRESS, aethir } from '../../indexer/registry/aethir'
import { encodeEvent } from './encode'
import { DAY, Random, units, type EmittedLog, type ModelContext, type NetworkModel } from './model'

const addr = (name: string) => aethir.contracts.find((c) => c.name === name)!.address
export const AETHIR_ADDRESSES = {
  AethirCore: addr('AethirCore'),
  CheckerNodeLicense: addr('CheckerNodeLicense'),
  AethirToken: addr('AethirToken'),
}

/** one simulated licence stands for this many real ones */
export const LICENCE_SCALE = 100
/** ATH per real licence per day: 6.3B / 1,460 d / 91,759 licences (approximate) */
export const REWARD_PER_LICENCE_DAY = 47
/** ATH of service-fee deposits per day at the start (~$30M/yr at $0.05/ATH, approximate) */
export const DAILY_FEES_ATH = 1_600_000
/** deposits per day at the start */
const DEPOSITS_PER_DAY = 45
/** licences already minted when the simulation starts, then minted at 30/day decaying over ~25 days */
const INITIAL_LICENCES = 250
/** ATH on Arbitrum at the start (arbitrary share of the 42B, bridged from Ethereum) */
const INITIAL_SUPPLY_ATH = 4_200_000_000

type Emit = (address: string, contract: string, event: string, args: Record<string, unknown>) => void

interface Licence {
  owner: string
  user: string | null
}

interface Developer {
  address: string
  weight: number
  nonce: bigint
  /** what is left of the last deposit that could still be withdrawn */
  withdrawable: bigint
}

type Pending = { at: number; kind: 'delegate'; tokenId: number } | { at: number; kind: 'reward'; to: string; amount: bigint }

export class AethirModel implements NetworkModel {
  readonly addresses = Object.values(AETHIR_ADDRESSES)
  private rnd: Random
  private readonly genesis: number
  private started = false
  private dayStart = 0
  private treasury: string
  private owners: string[] = []
  private operators: string[] = []
  private developers: Developer[] = []
  private bridgers: string[] = []
  private licences = new Map<number, Licence>()
  private nextTokenId = 1
  private pending: Pending[] = []
  private claimBalance = 0n

  constructor({ seed, genesis }: ModelContext) {
    this.genesis = genesis
    this.rnd = new Random(seed)
    this.treasury = this.rnd.address()
    for (let i = 0; i < 120; i++) this.owners.push(this.rnd.address())
    // node-as-a-service operators run most delegated licences
    for (let i = 0; i < 30; i++) this.operators.push(this.rnd.address())
    // a few large enterprise customers and a long tail (Pareto-like weights)
    for (let i = 0; i < 30; i++) {
      this.developers.push({ address: this.rnd.address(), weight: 1 / Math.pow(1 - this.rnd.next() * 0.95, 1.2), nonce: 0n, withdrawable: 0n })
    }
    for (let i = 0; i < 10; i++) this.bridgers.push(this.rnd.address())
  }

  step(from: number, to: number): EmittedLog[] {
    const out: EmittedLog[] = []
    const emit: Emit = (address, contract, event, args) => out.push({ address, ...encodeEvent(contract, event, args) })
    const A = AETHIR_ADDRESSES
    if (!this.started) {
      this.started = true
      this.dayStart = Math.floor(to / DAY) * DAY
      emit(A.AethirToken, 'AethirToken', 'Transfer', { from: ZERO_ADDRESS, to: this.treasury, value: units(INITIAL_SUPPLY_ATH) })
      this.fundClaims(units(500_000_000), emit)
      for (let i = 0; i < INITIAL_LICENCES; i++) this.mintLicence(to, emit)
      this.scheduleRewards(this.dayStart)
    }
    while (Math.floor(to / DAY) * DAY > this.dayStart) {
      this.dayStart += DAY
      this.scheduleRewards(this.dayStart)
    }
    this.pending.sort((a, b) => a.at - b.at)
    while (this.pending.length && this.pending[0].at <= to) this.runPending(this.pending.shift()!, to, emit)

    const f = (to - from) / DAY
    const days = (to - this.genesis) / DAY
    // licences: most were sold up front; later mints taper off (node sale closed)
    for (let n = this.rnd.poisson(f * 30 * Math.exp(-days / 25)); n > 0; n--) this.mintLicence(to, emit)
    for (let n = this.rnd.poisson(f * 0.15); n > 0; n--) this.burnLicence(emit)
    for (let n = this.rnd.poisson(f * 1.5); n > 0; n--) this.transferLicence(emit)
    // delegations: moved to another operator, cleared, or started for an idle licence
    for (let n = this.rnd.poisson(f * 5); n > 0; n--) {
      const id = this.pickLicence((l) => l.user != null)
      if (id != null) this.delegate(id, to, emit)
    }
    for (let n = this.rnd.poisson(f * 2); n > 0; n--) {
      const id = this.pickLicence((l) => l.user != null)
      if (id != null) this.undelegate(id, emit)
    }
    for (let n = this.rnd.poisson(f * 3); n > 0; n--) {
      const id = this.pickLicence((l) => l.user == null)
      if (id != null) this.delegate(id, to, emit)
    }
    // service fees: demand grows ~0.5 %/day, lower at weekends
    const weekday = new Date(to * 1000).getUTCDay()
    const demand = (1 + 0.005 * days) * (weekday === 0 || weekday === 6 ? 0.8 : 1.08)
    for (let n = this.rnd.poisson(f * DEPOSITS_PER_DAY * demand); n > 0; n--) this.deposit(emit)
    for (let n = this.rnd.poisson(f * 4); n > 0; n--) this.withdraw(emit)
    // Axelar ITS bridging of ATH from and to Ethereum
    for (let n = this.rnd.poisson(f * 1.2); n > 0; n--) {
      emit(A.AethirToken, 'AethirToken', 'Transfer', { from: ZERO_ADDRESS, to: this.rnd.pick(this.bridgers), value: units(this.rnd.between(1e6, 3e7)) })
    }
    for (let n = this.rnd.poisson(f * 0.8); n > 0; n--) {
      emit(A.AethirToken, 'AethirToken', 'Transfer', { from: this.rnd.pick(this.bridgers), to: ZERO_ADDRESS, value: units(this.rnd.between(5e5, 2e7)) })
    }
    return out
  }

  /** a random live licence satisfying `pred`, or null */
  private pickLicence(pred: (l: Licence) => boolean): number | null {
    const ids: number[] = []
    for (const [id, l] of this.licences) if (pred(l)) ids.push(id)
    return ids.length ? this.rnd.pick(ids) : null
  }

  private mintLicence(now: number, emit: Emit) {
    const id = this.nextTokenId++
    // a few wallets hold many licences: owner index skewed towards the start of the list
    const owner = this.owners[Math.floor(this.owners.length * Math.pow(this.rnd.next(), 2))]
    this.licences.set(id, { owner, user: null })
    emit(AETHIR_ADDRESSES.CheckerNodeLicense, 'AethirCheckerLicense', 'Transfer', { from: ZERO_ADDRESS, to: owner, tokenId: BigInt(id) })
    // most owners delegate a new licence to an operator within a couple of days
    if (this.rnd.next() < 0.8) this.pending.push({ at: now + Math.floor(this.rnd.between(0.02, 2) * DAY), kind: 'delegate', tokenId: id })
  }

  /** ERC-4907 clears the user on transfer and burn (UpdateUser(id, 0, 0) before the Transfer) */
  private clearUser(id: number, l: Licence, emit: Emit) {
    if (l.user == null) return
    l.user = null
    emit(AETHIR_ADDRESSES.CheckerNodeLicense, 'AethirCheckerLicense', 'UpdateUser', { tokenId: BigInt(id), user: ZERO_ADDRESS, expires: 0n })
  }

  private burnLicence(emit: Emit) {
    const id = this.pickLicence(() => true)
    if (id == null) return
    const l = this.licences.get(id)!
    this.clearUser(id, l, emit)
    this.licences.delete(id)
    emit(AETHIR_ADDRESSES.CheckerNodeLicense, 'AethirCheckerLicense', 'Transfer', { from: l.owner, to: ZERO_ADDRESS, tokenId: BigInt(id) })
  }

  private transferLicence(emit: Emit) {
    const id = this.pickLicence(() => true)
    if (id == null) return
    const l = this.licences.get(id)!
    const to = this.rnd.pick(this.owners)
    if (to === l.owner) return
    this.clearUser(id, l, emit)
    emit(AETHIR_ADDRESSES.CheckerNodeLicense, 'AethirCheckerLicense', 'Transfer', { from: l.owner, to, tokenId: BigInt(id) })
    l.owner = to
  }

  /** delegate (or re-delegate) a licence to an operator, or now and then to the owner's own burner wallet */
  private delegate(id: number, now: number, emit: Emit) {
    const l = this.licences.get(id)
    if (!l) return
    const user = this.rnd.next() < 0.85 ? this.rnd.pick(this.operators) : this.rnd.address()
    if (user === l.user) return
    l.user = user
    const expires = BigInt(now + this.rnd.int(30, 366) * DAY)
    emit(AETHIR_ADDRESSES.CheckerNodeLicense, 'AethirCheckerLicense', 'UpdateUser', { tokenId: BigInt(id), user, expires })
  }

  private undelegate(id: number, emit: Emit) {
    const l = this.licences.get(id)
    if (l) this.clearUser(id, l, emit)
  }

  private runPending(p: Pending, now: number, emit: Emit) {
    if (p.kind === 'delegate') {
      const l = this.licences.get(p.tokenId)
      if (l && l.user == null) this.delegate(p.tokenId, now, emit)
      return
    }
    if (this.claimBalance < p.amount) this.fundClaims(units(300_000_000), emit)
    this.claimBalance -= p.amount
    emit(AETHIR_ADDRESSES.AethirToken, 'AethirToken', 'Transfer', { from: AETHIR_CHECKER_CLAIM, to: p.to, value: p.amount })
  }

  /** the day's checker rewards: ~47 ATH per real running licence, paid in 20-35 withdrawals during the day */
  private scheduleRewards(dayStart: number) {
    let running = 0
    for (const l of this.licences.values()) if (l.user != null) running++
    if (running === 0) return
    const pool = running * LICENCE_SCALE * REWARD_PER_LICENCE_DAY * this.rnd.between(0.9, 1.1)
    const k = this.rnd.int(20, 36)
    const weights = Array.from({ length: k }, () => -Math.log(1 - this.rnd.next()))
    const total = weights.reduce((s, w) => s + w, 0)
    for (const w of weights) {
      // recipients weighted by licences held: the owner of a random running licence
      const id = this.pickLicence((l) => l.user != null)!
      this.pending.push({ at: dayStart + Math.floor(this.rnd.between(0.02, 0.98) * DAY), kind: 'reward', to: this.licences.get(id)!.owner, amount: units((pool * w) / total) })
    }
  }

  private fundClaims(amount: bigint, emit: Emit) {
    this.claimBalance += amount
    emit(AETHIR_ADDRESSES.AethirToken, 'AethirToken', 'Transfer', { from: this.treasury, to: AETHIR_CHECKER_CLAIM, value: amount })
  }

  private pickDeveloper(pred: (d: Developer) => boolean = () => true): Developer | undefined {
    const ds = this.developers.filter(pred)
    const total = ds.reduce((s, d) => s + d.weight, 0)
    let r = this.rnd.next() * total
    return ds.find((d) => (r -= d.weight) <= 0) ?? ds[ds.length - 1]
  }

  private deposit(emit: Emit) {
    const A = AETHIR_ADDRESSES
    const d = this.pickDeveloper()!
    // log-normal size, mean DAILY_FEES_ATH / DEPOSITS_PER_DAY (e^(sigma^2/2) corrects the mean)
    const amount = units(((DAILY_FEES_ATH / DEPOSITS_PER_DAY) * Math.exp(0.8 * this.rnd.normal())) / Math.exp(0.32))
    d.nonce += 1n
    d.withdrawable = amount
    emit(A.AethirToken, 'AethirToken', 'Transfer', { from: d.address, to: A.AethirCore, value: amount })
    emit(A.AethirCore, 'AethirCore', 'DepositServiceFee', { developer: d.address, nonce: d.nonce, amount })
  }

  private withdraw(emit: Emit) {
    const A = AETHIR_ADDRESSES
    const d = this.pickDeveloper((x) => x.withdrawable > 0n)
    if (!d) return
    const amount = (d.withdrawable * BigInt(this.rnd.int(10, 50))) / 100n
    if (amount === 0n) return
    d.withdrawable -= amount
    d.nonce += 1n
    emit(A.AethirToken, 'AethirToken', 'Transfer', { from: A.AethirCore, to: d.address, value: amount })
    emit(A.AethirCore, 'AethirCore', 'WithdrawServiceFee', { developer: d.address, nonce: d.nonce, amount })
  }
}
