/**
 * Economic model of DIMO on Polygon PoS, emitting the events its real contracts emit (at their real addresses):
 *  - first block: the DIMO on Polygon is minted from 0x0 to the foundation treasury (bridge deposit), the DCX
 *    rate and the referral bonus are set, and the existing fleet is registered (aftermarket devices minted and
 *    paired, synthetic devices minted) so that capacity is reconstructable from events;
 *  - every day: manufacturers mint aftermarket devices, users claim and pair them to new vehicles or connect
 *    cars through synthetic devices, some vehicles leave (devices unpaired or burned), developers buy DCX with
 *    DIMO (DIMO transferFrom buyer -> receiver, then DCX Transfer from 0x0), spend DCX (burn), get licences
 *    (paid in DCX or DIMO) and stake DIMO on them, DIMO is bridged in and out (mint / burn) and referrals complete;
 *  - every Monday 00:00 UTC the treasury funds the reward contract, WeekAdvanced is emitted and the week's
 *    rewards are paid in batches over the following hours (TokensTransferredForDevice + ...ForConnectionStreak
 *    and the matching DIMO Transfer per vehicle; a few DidntQualify).
 * Deterministic for a seed and a sequence of block timestamps: the only randomness is `Random(ctx.seed)`.
 *
 * Calibration (approximate, public orders of magnitude, not fitted):
 *  - weekly issuance: Reward.sol initialWeeklyLimit 1,105,000 DIMO, x0.85 per year since rewards genesis
 *    (taken here as 2022-02-07): ~678,600 DIMO/week until Feb 2026, ~576,800 after, of which 92-99 % is paid;
 *  - fleet: ~100,000 connected devices (DIMO's public "100k+ connected vehicles", 2024-2025), about 40 %
 *    aftermarket hardware and 60 % synthetic (Tesla/Smartcar) connections; each simulated device stands for
 *    SCALE = 500 real ones (200 devices), so per-vehicle reward events are ~500x a real vehicle's (~3,000 DIMO
 *    instead of ~6) while the weekly total matches the real issuance; ~1,000 new devices a day in reality
 *    (order of magnitude) = ~2 simulated a day;
 *  - DCX: ~$1,200-1,700/day of credits bought (about 4 purchases a day, lognormal around $300), 1 DCX = $0.001 (DimoCredit
 *    constructor) at the first block, re-pegged every 3 days by a factor in [0.8, 1.25) (UpdateDimoCreditRate), DIMO at $0.15 (devnet/prices.ts start price); about 80 % of bought credits are spent;
 *  - Polygon DIMO supply: 400,000,000 DIMO bridged (well below the 1e9 cap), bridge flows ~0.1-1M DIMO a day.
 * Volume: ~300 logs at the first block, then ~20-30 logs/day plus ~550 logs over each Monday's payout (5 blocks).
 */
import {
  DCX_INITIAL_RATE, DIMO_ADDRESSES, DIMO_AFTERMARKET_DEVICE_ID, DIMO_DCX_RECEIVER, DIMO_SYNTHETIC_DEVICE_ID,
} from '../../indexer/registry/dimo'
import { encodeEvent } from './encode'
import { DAY, HOUR, Random, units, type EmittedLog, type ModelContext, type NetworkModel } from './model'

export const DIMO_CALIBRATION = {
  scale: 500,
  initialAftermarket: 80,
  initialSynthetic: 120,
  initialWeeklyLimitDimo: 1_105_000,
  yearlyDecay: 0.85,
  rewardsGenesis: Date.UTC(2022, 1, 7) / 1000,
  dimoUsd: 0.15,
  /** DimoCredit constructor peg, USD per DCX (the first rate; later ones come from updateDcxRate) */
  dcxUsd: 0.001,
  dcxPurchasesPerDay: 4,
  dcxPurchaseMedianUsd: 300,
  polygonSupplyDimo: 400_000_000,
  referralBonusDimo: 100,
  /** developer licence price, USD (DevLicenseDimo initialize: developer-license script/data/deployArgs.ts) */
  licenseCostUsd: 1,
  /** share of licences paid in DIMO (issueInDimo) by developers who hold enough DCX; the others pay in DCX */
  licenseInDimoShare: 0.5,
  /** developer licences issued a day (order of magnitude: a few hundred developer licences in two years) */
  licensesPerDay: 1.5,
  /**
   * days between DCX rate updates (UpdateDimoCreditRate), each moving the peg by a factor in [0.8, 1.25): DIMO has
   * re-pegged credits (constructor $0.001, docs $0.0001); frequent here so that short runs value fees at several rates
   */
  dcxRateEveryDays: 3,
}

const C = DIMO_CALIBRATION
const WEEK = 7 * DAY
const ZERO = '0x0000000000000000000000000000000000000000'
const E18 = 10n ** 18n
/** reward payouts per block (the rewards service sends the week in several batchTransfer transactions) */
const PAYOUT_BATCH = 40

interface Vehicle {
  id: bigint
  owner: string
  kind: 'aftermarket' | 'synthetic'
  device: bigint
  streak: number
  reliability: number
}

/** `tx`: logs given the same token form one transaction (see EmittedLog.tx) */
type Emit = (address: string, contract: string, event: string, args: Record<string, unknown>, tx?: object) => void

export class DimoModel implements NetworkModel {
  readonly addresses: string[] = Object.values(DIMO_ADDRESSES)
  private rnd: Random
  private readonly genesis: number
  private readonly treasury: string
  private readonly manufacturers: { node: bigint; address: string }[] = []
  private readonly developers: string[] = []
  private readonly bridgers: string[] = []
  private vehicles: Vehicle[] = []
  /** aftermarket devices minted but not paired (manufacturer stock or unpaired) */
  private stock: { id: bigint; owner: string; address: string }[] = []
  private dcxBalance = new Map<string, bigint>()
  private stakes: { license: bigint; user: string; amount: bigint }[] = []
  private nextVehicle = 180_000n
  private nextAftermarket = 40_000n
  private nextSynthetic = 60_000n
  private nextLicense = 1_200n
  private nextConnection = 1n
  private supply = 0n
  private started = false
  private weekStart = 0
  /** USD per DCX now (the rate of the last UpdateDimoCreditRate) and when the next update is due */
  private dcxRate = DCX_INITIAL_RATE
  private nextRateUpdate = 0
  private payouts: { vehicle: Vehicle; device: bigint; streak: bigint; qualified: boolean }[] = []
  private week = 0n

  constructor({ seed, genesis }: ModelContext) {
    this.genesis = genesis
    this.rnd = new Random(seed)
    this.treasury = this.rnd.address()
    for (let i = 0; i < 4; i++) this.manufacturers.push({ node: BigInt(130 + i), address: this.rnd.address() })
    for (let i = 0; i < 25; i++) this.developers.push(this.rnd.address())
    for (let i = 0; i < 10; i++) this.bridgers.push(this.rnd.address())
  }

  step(from: number, to: number): EmittedLog[] {
    const out: EmittedLog[] = []
    const emit: Emit = (address, contract, event, args, tx) => out.push({ address, ...encodeEvent(contract, event, args), ...(tx ? { tx } : {}) })
    if (!this.started) {
      this.started = true
      this.init(to, emit)
    }
    // a new reward week at each Monday 00:00 UTC crossed (unix epoch was a Thursday: Monday = +4 days)
    while (this.weekStart + WEEK <= to) {
      this.weekStart += WEEK
      this.newWeek(emit)
    }
    while (to >= this.nextRateUpdate) {
      this.nextRateUpdate += C.dcxRateEveryDays * DAY
      this.updateDcxRate(emit)
    }
    // pay the scheduled rewards in batches, one batch per block
    if (this.payouts.length && to >= this.weekStart + HOUR) this.payBatch(emit)

    const dt = (to - from) / DAY
    const days = (to - this.genesis) / DAY
    const growth = 1 + 0.003 * days
    for (let i = this.rnd.poisson(dt * 0.4 * growth); i > 0; i--) this.mintAftermarket(emit)
    for (let i = this.rnd.poisson(dt * 0.35 * growth); i > 0; i--) this.pairAftermarket(emit)
    for (let i = this.rnd.poisson(dt * 0.6 * growth); i > 0; i--) this.connectSynthetic(emit)
    for (let i = this.rnd.poisson(dt * 0.5); i > 0; i--) this.churn(emit)
    for (let i = this.rnd.poisson(dt * 0.2); i > 0; i--) this.burnStockDevice(emit)
    for (let i = this.rnd.poisson(dt * C.dcxPurchasesPerDay * growth); i > 0; i--) this.buyDcx(emit)
    for (let i = this.rnd.poisson(dt * 6); i > 0; i--) this.spendDcx(emit)
    for (let i = this.rnd.poisson(dt * C.licensesPerDay); i > 0; i--) this.issueLicense(emit)
    for (let i = this.rnd.poisson(dt * 0.5); i > 0; i--) this.stake(emit)
    for (let i = this.rnd.poisson(dt * 0.3); i > 0; i--) this.unstake(emit)
    for (let i = this.rnd.poisson(dt * 1.5); i > 0; i--) this.bridge(emit)
    for (let i = this.rnd.poisson(dt * 0.4); i > 0; i--) this.referral(emit)
    return out
  }

  private init(t: number, emit: Emit) {
    const A = DIMO_ADDRESSES
    // Monday 00:00 UTC at or before t
    this.weekStart = Math.floor((t - 4 * DAY) / WEEK) * WEEK + 4 * DAY
    this.week = this.weekNumber(this.weekStart)
    const initial = units(C.polygonSupplyDimo)
    emit(A.DimoToken, 'DimoToken', 'Transfer', { from: ZERO, to: this.treasury, value: initial })
    this.supply = initial
    emit(A.DimoCredit, 'DimoCredit', 'UpdateDimoCreditRate', { rate: DCX_INITIAL_RATE })
    this.nextRateUpdate = t + C.dcxRateEveryDays * DAY
    emit(A.DimoDevLicense, 'DimoDevLicense', 'UpdateLicenseCost', { licenseCost: units(C.licenseCostUsd) })
    emit(A.DimoReferral, 'DimoReferral', 'BonusChanged', { amount: units(C.referralBonusDimo) })
    // the existing fleet
    for (let i = 0; i < C.initialAftermarket; i++) {
      const m = this.rnd.pick(this.manufacturers)
      const id = this.nextAftermarket++
      const owner = this.rnd.address()
      emit(A.DimoRegistry, 'DimoRegistry', 'AftermarketDeviceNodeMinted', { manufacturerId: m.node, tokenId: id, aftermarketDeviceAddress: this.rnd.address(), owner })
      const vehicle = this.newVehicle(owner, 'aftermarket', id)
      emit(A.DimoRegistry, 'DimoRegistry', 'AftermarketDevicePaired', { aftermarketDeviceNode: id, vehicleNode: vehicle.id, owner })
    }
    // manufacturer stock: minted, not yet claimed
    for (let i = 0; i < 10; i++) this.mintAftermarket(emit)
    for (let i = 0; i < C.initialSynthetic; i++) {
      const owner = this.rnd.address()
      const id = this.nextSynthetic++
      const vehicle = this.newVehicle(owner, 'synthetic', id)
      emit(A.DimoRegistry, 'DimoRegistry', 'SyntheticDeviceNodeMinted', {
        connectionId: this.nextConnection, syntheticDeviceNode: id, vehicleNode: vehicle.id, syntheticDeviceAddress: this.rnd.address(), owner,
      })
    }
    // the reward contract holds one week of issuance
    emit(A.DimoToken, 'DimoToken', 'Transfer', { from: this.treasury, to: A.DimoReward, value: this.weeklyLimit(this.week) })
  }

  private newVehicle(owner: string, kind: Vehicle['kind'], device: bigint): Vehicle {
    const v: Vehicle = { id: this.nextVehicle++, owner, kind, device, streak: this.rnd.int(0, 30), reliability: this.rnd.between(0.75, 0.99) }
    this.vehicles.push(v)
    return v
  }

  private weekNumber(t: number): bigint {
    return BigInt(Math.max(0, Math.floor((t - C.rewardsGenesis) / WEEK)))
  }

  /** Reward.sol limitForWeek: 1,105,000 DIMO x 0.85^year */
  private weeklyLimit(week: bigint): bigint {
    let limit = BigInt(C.initialWeeklyLimitDimo) * E18
    for (let y = 0n; y < week / 52n; y++) limit = (85n * limit) / 100n
    return limit
  }

  private newWeek(emit: Emit) {
    const A = DIMO_ADDRESSES
    this.week = this.weekNumber(this.weekStart)
    emit(A.DimoReward, 'DimoReward', 'WeekAdvanced', { newWeek: this.week })
    const limit = this.weeklyLimit(this.week)
    const budget = (limit * BigInt(this.rnd.int(920, 990))) / 1000n
    // device points (hardware earns more than a software connection) and streak points
    const rewarded = this.vehicles.filter((v) => this.rnd.next() < v.reliability)
    for (const v of this.vehicles) v.streak = rewarded.includes(v) ? v.streak + 1 : 0
    const devicePoints = (v: Vehicle) => (v.kind === 'aftermarket' ? 1000n : 600n)
    const streakPoints = (v: Vehicle) => BigInt(Math.min(v.streak, 21) * 50)
    const totalDevice = rewarded.reduce((s, v) => s + devicePoints(v), 0n)
    const totalStreak = rewarded.reduce((s, v) => s + streakPoints(v), 0n)
    const deviceBudget = (budget * 80n) / 100n
    const streakBudget = budget - deviceBudget
    this.payouts = rewarded.map((v) => ({
      vehicle: v,
      device: totalDevice > 0n ? (deviceBudget * devicePoints(v)) / totalDevice : 0n,
      streak: totalStreak > 0n ? (streakBudget * streakPoints(v)) / totalStreak : 0n,
      // ownership changes, sanctions or a reward less than 6 days after the previous one
      qualified: this.rnd.next() > 0.02,
    }))
    emit(A.DimoToken, 'DimoToken', 'Transfer', { from: this.treasury, to: A.DimoReward, value: budget })
  }

  private payBatch(emit: Emit) {
    const A = DIMO_ADDRESSES
    for (const p of this.payouts.splice(0, PAYOUT_BATCH)) {
      const v = p.vehicle
      const total = p.device + p.streak
      if (!p.qualified) {
        emit(A.DimoReward, 'DimoReward', 'DidntQualify', { user: v.owner, _amount: total, vehicleNodeId: v.id })
        continue
      }
      emit(A.DimoToken, 'DimoToken', 'Transfer', { from: A.DimoReward, to: v.owner, value: total })
      emit(A.DimoReward, 'DimoReward', 'TokensTransferredForDevice', {
        week: this.week, user: v.owner, _amount: p.device, vehicleNodeId: v.id,
        deviceNftProxy: v.kind === 'aftermarket' ? DIMO_AFTERMARKET_DEVICE_ID : DIMO_SYNTHETIC_DEVICE_ID, deviceNode: v.device,
      })
      if (p.streak > 0n) {
        emit(A.DimoReward, 'DimoReward', 'TokensTransferredForConnectionStreak', {
          week: this.week, user: v.owner, _amount: p.streak, vehicleNodeId: v.id, connectionStreak: BigInt(v.streak),
        })
      }
    }
  }

  private mintAftermarket(emit: Emit) {
    const m = this.rnd.pick(this.manufacturers)
    const id = this.nextAftermarket++
    const address = this.rnd.address()
    emit(DIMO_ADDRESSES.DimoRegistry, 'DimoRegistry', 'AftermarketDeviceNodeMinted', { manufacturerId: m.node, tokenId: id, aftermarketDeviceAddress: address, owner: m.address })
    this.stock.push({ id, owner: m.address, address })
  }

  private pairAftermarket(emit: Emit) {
    if (!this.stock.length) return
    const A = DIMO_ADDRESSES
    const d = this.stock.splice(this.rnd.int(0, this.stock.length), 1)[0]
    const owner = this.rnd.address()
    const v = this.newVehicle(owner, 'aftermarket', d.id)
    v.streak = 0
    emit(A.DimoRegistry, 'DimoRegistry', 'VehicleNodeMintedWithDeviceDefinition', {
      manufacturerId: this.rnd.pick(this.manufacturers).node, vehicleId: v.id, owner, deviceDefinitionId: this.rnd.pick(DEFINITIONS),
    })
    emit(A.DimoRegistry, 'DimoRegistry', 'AftermarketDeviceClaimed', { aftermarketDeviceNode: d.id, owner })
    emit(A.DimoRegistry, 'DimoRegistry', 'AftermarketDevicePaired', { aftermarketDeviceNode: d.id, vehicleNode: v.id, owner })
  }

  private connectSynthetic(emit: Emit) {
    const A = DIMO_ADDRESSES
    const owner = this.rnd.address()
    const id = this.nextSynthetic++
    const v = this.newVehicle(owner, 'synthetic', id)
    v.streak = 0
    if (this.rnd.next() < 0.5) {
      emit(A.DimoRegistry, 'DimoRegistry', 'VehicleNodeMinted', { manufacturerNode: this.rnd.pick(this.manufacturers).node, tokenId: v.id, owner })
    } else {
      emit(A.DimoRegistry, 'DimoRegistry', 'VehicleNodeMintedWithDeviceDefinition', {
        manufacturerId: this.rnd.pick(this.manufacturers).node, vehicleId: v.id, owner, deviceDefinitionId: this.rnd.pick(DEFINITIONS),
      })
    }
    emit(A.DimoRegistry, 'DimoRegistry', 'SyntheticDeviceNodeMinted', {
      connectionId: this.nextConnection, syntheticDeviceNode: id, vehicleNode: v.id, syntheticDeviceAddress: this.rnd.address(), owner,
    })
  }

  /** a vehicle leaves: its device is unpaired (hardware back in stock) or burned (software), then maybe the vehicle */
  private churn(emit: Emit) {
    if (this.vehicles.length < 50) return
    const A = DIMO_ADDRESSES
    const v = this.vehicles.splice(this.rnd.int(0, this.vehicles.length), 1)[0]
    this.payouts = this.payouts.filter((p) => p.vehicle !== v)
    if (v.kind === 'aftermarket') {
      emit(A.DimoRegistry, 'DimoRegistry', 'AftermarketDeviceUnpaired', { aftermarketDeviceNode: v.device, vehicleNode: v.id, owner: v.owner })
      this.stock.push({ id: v.device, owner: v.owner, address: this.rnd.address() })
    } else {
      emit(A.DimoRegistry, 'DimoRegistry', 'SyntheticDeviceNodeBurned', { syntheticDeviceNode: v.device, vehicleNode: v.id, owner: v.owner })
    }
    if (v.kind === 'synthetic' || this.rnd.next() < 0.5) emit(A.DimoRegistry, 'DimoRegistry', 'VehicleNodeBurned', { vehicleNode: v.id, owner: v.owner })
  }

  private burnStockDevice(emit: Emit) {
    if (this.stock.length < 3) return
    const d = this.stock.splice(this.rnd.int(0, this.stock.length), 1)[0]
    emit(DIMO_ADDRESSES.DimoRegistry, 'DimoRegistry', 'AftermarketDeviceNodeBurned', { adNode: d.id, owner: d.owner })
  }

  /** DimoCredit.setDimoCreditRate: a new USD peg (USD wei per DCX, rounded to 1e9 wei) */
  private updateDcxRate(emit: Emit) {
    const factor = 0.8 + 0.45 * this.rnd.next()
    this.dcxRate = (BigInt(Math.round((Number(this.dcxRate) * factor) / 1e9)) * 10n ** 9n) || DCX_INITIAL_RATE
    emit(DIMO_ADDRESSES.DimoCredit, 'DimoCredit', 'UpdateDimoCreditRate', { rate: this.dcxRate })
  }

  /** USD price of one DCX at the current rate */
  private get dcxUsd(): number {
    return Number(this.dcxRate) / 1e18
  }

  private buyDcx(emit: Emit) {
    const A = DIMO_ADDRESSES
    const dev = this.rnd.pick(this.developers)
    const usd = C.dcxPurchaseMedianUsd * Math.exp(this.rnd.normal() * 0.8)
    const dimoIn = units(usd / C.dimoUsd)
    const credits = units(usd / this.dcxUsd)
    // DimoCredit._mint, one transaction: DIMO transferFrom(buyer -> receiver), then DCX Transfer(0x0 -> buyer)
    const tx = {}
    emit(A.DimoToken, 'DimoToken', 'Transfer', { from: dev, to: DIMO_DCX_RECEIVER, value: dimoIn }, tx)
    emit(A.DimoCredit, 'DimoCredit', 'Transfer', { from: ZERO, to: dev, amount: credits }, tx)
    this.dcxBalance.set(dev, (this.dcxBalance.get(dev) ?? 0n) + credits)
  }

  private spendDcx(emit: Emit) {
    const holders = this.developers.filter((d) => (this.dcxBalance.get(d) ?? 0n) > 0n)
    if (!holders.length) return
    const dev = this.rnd.pick(holders)
    const bal = this.dcxBalance.get(dev)!
    const amount = (bal * BigInt(this.rnd.int(10, 35))) / 100n
    if (amount === 0n) return
    emit(DIMO_ADDRESSES.DimoCredit, 'DimoCredit', 'Transfer', { from: dev, to: ZERO, amount })
    this.dcxBalance.set(dev, bal - amount)
  }

  /** DevLicenseDimo.issueInDc (DCX burn, then Issued) or issueInDimo (DIMO owner -> receiver, then Issued), one transaction each */
  private issueLicense(emit: Emit) {
    const A = DIMO_ADDRESSES
    const dev = this.rnd.pick(this.developers)
    const credits = units(C.licenseCostUsd / this.dcxUsd)
    const bal = this.dcxBalance.get(dev) ?? 0n
    const tx = {}
    if (bal >= credits && this.rnd.next() >= C.licenseInDimoShare) {
      emit(A.DimoCredit, 'DimoCredit', 'Transfer', { from: dev, to: ZERO, amount: credits }, tx)
      this.dcxBalance.set(dev, bal - credits)
    } else {
      emit(A.DimoToken, 'DimoToken', 'Transfer', { from: dev, to: DIMO_DCX_RECEIVER, value: units(C.licenseCostUsd / C.dimoUsd) }, tx)
    }
    const tokenId = this.nextLicense++
    emit(A.DimoDevLicense, 'DimoDevLicense', 'Issued', { tokenId, owner: dev, clientId: this.rnd.address() }, tx)
  }

  private stake(emit: Emit) {
    const user = this.rnd.pick(this.developers)
    const license = this.nextLicense > 1_200n ? 1_200n + BigInt(this.rnd.int(0, Number(this.nextLicense - 1_200n))) : 1_100n
    const amount = units(Math.round(this.rnd.between(100, 5_000)))
    emit(DIMO_ADDRESSES.DimoDevLicense, 'DimoDevLicense', 'StakeDeposit', { tokenId: license, user, amount })
    this.stakes.push({ license, user, amount })
  }

  private unstake(emit: Emit) {
    if (!this.stakes.length) return
    const s = this.stakes.splice(this.rnd.int(0, this.stakes.length), 1)[0]
    emit(DIMO_ADDRESSES.DimoDevLicense, 'DimoDevLicense', 'StakeWithdraw', { tokenId: s.license, user: s.user, amount: s.amount })
  }

  /** PoS-bridge deposits mint on Polygon, withdrawals burn */
  private bridge(emit: Emit) {
    const user = this.rnd.pick(this.bridgers)
    const amount = units(Math.round(Math.exp(this.rnd.between(Math.log(20_000), Math.log(800_000)))))
    const cap = BigInt(1_000_000_000) * E18
    if (this.rnd.next() < 0.55 && this.supply + amount <= cap) {
      emit(DIMO_ADDRESSES.DimoToken, 'DimoToken', 'Transfer', { from: ZERO, to: user, value: amount })
      this.supply += amount
    } else if (this.supply > amount) {
      emit(DIMO_ADDRESSES.DimoToken, 'DimoToken', 'Transfer', { from: user, to: ZERO, value: amount })
      this.supply -= amount
    }
  }

  private referral(emit: Emit) {
    if (this.vehicles.length < 2) return
    const A = DIMO_ADDRESSES
    const referrer = this.rnd.pick(this.vehicles).owner
    const referee = this.vehicles[this.vehicles.length - 1 - this.rnd.int(0, Math.min(20, this.vehicles.length))].owner
    if (referee === referrer) return
    emit(A.DimoToken, 'DimoToken', 'Transfer', { from: A.DimoReferral, to: referrer, value: units(C.referralBonusDimo) })
    emit(A.DimoReferral, 'DimoReferral', 'ReferralComplete', { referee, referrer })
  }
}

const DEFINITIONS = ['toyota_camry_2022', 'tesla_model-3_2023', 'ford_f-150_2021', 'honda_civic_2020', 'bmw_x3_2024', 'hyundai_ioniq-5_2023']
