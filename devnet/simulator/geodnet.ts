/**
 * Economic model of GEODNET on Polygon PoS, emitting what the real GEOD token emits (ERC-20 Transfer only):
 *  - at the first block the supply is minted from 0x0 to the foundation treasury, which seeds DEX liquidity;
 *  - the treasury tops up a reward distributor wallet weekly, and that wallet pays miners once a day
 *    (plain transfers: no documented reward sender exists, so the indexer keeps them as raw events);
 *  - miners sell part of their rewards on a DEX pool and holders move GEOD around;
 *  - the foundation buys GEOD back from the pool with 80 % of RTK subscription revenue and sends it to 0x…dEaD
 *    one to three times a day (what the indexer counts as the inferred fee and as a burn).
 * Deterministic for a seed and a sequence of block timestamps: the only randomness is `Random(ctx.seed)`.
 *
 * Calibration (approximate, public orders of magnitude, not fitted):
 *  - revenue: ~$3M/year of RTK subscription fees (order of DefiLlama's fees/geodnet, 2025), of which 80 % is
 *    bought back and burnt (DefiLlama adapter methodology), growing slowly (+0.2 %/day);
 *  - GEOD price: $0.20 (inside the 2024-2025 range $0.1-0.3; the start of the devnet's imported GEOD series in
 *    devnet/prices.ts), so ~33,000 GEOD burnt a day (~$6.6k);
 *  - miner rewards: ~350,000 GEOD/day (order of ~13,000 stations earning ~25 GEOD/day each, GEODNET explorer
 *    2025); each simulated miner wallet stands for ~100 stations, which keeps the volume to ~200 logs a day.
 */
import { GEOD, GEOD_DEAD, ZERO_ADDRESS } from '../../indexer/registry/geodnet'
import { encodeEvent } from './encode'
import { DAY, HOUR, Random, units, type EmittedLog, type ModelContext, type NetworkModel } from './model'

/** revenue assumptions (see the header) */
export const GEODNET_CALIBRATION = {
  feesUsdPerYear: 3_000_000,
  burnShare: 0.8,
  geodUsd: 0.2,
  rewardsGeodPerDay: 350_000,
  initialSupplyGeod: 1_000_000_000,
}

const C = GEODNET_CALIBRATION
const MINERS = 120
const HOLDERS = 40
/** ordinary holder transfers per day */
const TRANSFERS_PER_DAY = 50

type Scheduled = { at: number; seq: number; kind: 'rewards' | 'burn' | 'topup' }

export class GeodnetModel implements NetworkModel {
  readonly addresses = [GEOD.address!]
  private rnd: Random
  private readonly genesis: number
  private readonly treasury: string
  private readonly distributor: string
  private readonly buyback: string
  private readonly pool: string
  private miners: { address: string; weight: number; sellShare: number }[] = []
  private holders: string[] = []
  private balances = new Map<string, bigint>()
  private started = false
  private dayStart = 0
  private seq = 0
  private queue: Scheduled[] = []

  constructor({ seed, genesis }: ModelContext) {
    this.genesis = genesis
    this.rnd = new Random(seed)
    this.treasury = this.rnd.address()
    this.distributor = this.rnd.address()
    this.buyback = this.rnd.address()
    this.pool = this.rnd.address()
    for (let i = 0; i < MINERS; i++) {
      this.miners.push({ address: this.rnd.address(), weight: Math.exp(this.rnd.normal() * 0.5), sellShare: this.rnd.between(0.1, 0.7) })
    }
    for (let i = 0; i < HOLDERS; i++) this.holders.push(this.rnd.address())
  }

  step(from: number, to: number): EmittedLog[] {
    const out: EmittedLog[] = []
    if (!this.started) {
      this.started = true
      this.dayStart = Math.floor(to / DAY) * DAY
      const supply = units(C.initialSupplyGeod)
      this.transfer(out, ZERO_ADDRESS, this.treasury, supply)
      // DEX liquidity and an initial float among holders
      this.transfer(out, this.treasury, this.pool, units(40_000_000))
      for (const h of this.holders) this.transfer(out, this.treasury, h, units(this.rnd.between(10_000, 500_000)))
      this.transfer(out, this.treasury, this.distributor, units(C.rewardsGeodPerDay * 7))
      this.scheduleDay(this.dayStart)
    }
    while (Math.floor(to / DAY) * DAY > this.dayStart) {
      this.dayStart += DAY
      this.scheduleDay(this.dayStart)
    }
    this.queue.sort((a, b) => a.at - b.at || a.seq - b.seq)
    while (this.queue.length && this.queue[0].at <= to) {
      const job = this.queue.shift()!
      if (job.kind === 'rewards') this.payRewards(out, job.at)
      else if (job.kind === 'burn') this.buyBackAndBurn(out, job.at)
      else this.transfer(out, this.treasury, this.distributor, units(C.rewardsGeodPerDay * 7))
    }
    for (let i = this.rnd.poisson(((to - from) / DAY) * TRANSFERS_PER_DAY); i > 0; i--) this.ordinaryTransfer(out)
    return out
  }

  /** the day's jobs: miner payout early in the UTC day, 1-3 buy-back burns, a weekly distributor top-up on Mondays */
  private scheduleDay(start: number) {
    const push = (at: number, kind: Scheduled['kind']) => this.queue.push({ at, seq: this.seq++, kind })
    push(start + Math.floor(this.rnd.between(1, 3) * HOUR), 'rewards')
    for (let i = this.rnd.int(1, 4); i > 0; i--) push(start + Math.floor(this.rnd.between(0.1, 0.95) * DAY), 'burn')
    if (new Date(start * 1000).getUTCDay() === 1) push(start + Math.floor(0.5 * HOUR), 'topup')
  }

  private payRewards(out: EmittedLog[], at: number) {
    const days = Math.max(0, (at - this.genesis) / DAY)
    const total = C.rewardsGeodPerDay * (1 + 0.001 * days)
    const weights = this.miners.reduce((s, m) => s + m.weight, 0)
    for (const m of this.miners) {
      // stations are offline now and then: ~5 % of wallets get nothing on a given day
      if (this.rnd.next() < 0.05) continue
      const amount = units((total * m.weight * this.rnd.between(0.85, 1.15)) / weights)
      this.transfer(out, this.distributor, m.address, amount)
    }
  }

  /** the buy-back swap (pool -> buy-back wallet) and the burn (buy-back wallet -> 0x…dEaD), one of 1-3 a day */
  private buyBackAndBurn(out: EmittedLog[], at: number) {
    const days = Math.max(0, (at - this.genesis) / DAY)
    const weekday = new Date(at * 1000).getUTCDay()
    const burnUsdPerDay = (C.feesUsdPerYear / 365) * C.burnShare * (1 + 0.002 * days) * (weekday === 0 || weekday === 6 ? 0.85 : 1.05)
    // split over the day's burns on average (2 a day); lognormal noise
    const geod = (burnUsdPerDay / 2 / C.geodUsd) * Math.exp(this.rnd.normal() * 0.25)
    const amount = this.transfer(out, this.pool, this.buyback, units(geod))
    if (amount > 0n) this.transfer(out, this.buyback, GEOD_DEAD, amount)
  }

  private ordinaryTransfer(out: EmittedLog[]) {
    const r = this.rnd.next()
    if (r < 0.45) {
      // a miner sells part of its balance on the DEX
      const m = this.rnd.pick(this.miners)
      const bal = this.balances.get(m.address) ?? 0n
      if (bal > 0n) this.transfer(out, m.address, this.pool, (bal * BigInt(Math.round(m.sellShare * 1000))) / 1000n)
    } else if (r < 0.75) {
      // a holder buys on the DEX
      this.transfer(out, this.pool, this.rnd.pick(this.holders), units(Math.exp(this.rnd.normal()) * 5_000))
    } else {
      const a = this.rnd.pick(this.holders)
      const b = this.rnd.pick(this.holders)
      if (a !== b) this.transfer(out, a, b, units(Math.exp(this.rnd.normal()) * 2_000))
    }
  }

  /** emits a Transfer of at most the sender's balance (0x0 mints); returns the amount moved (0n = nothing emitted) */
  private transfer(out: EmittedLog[], from: string, to: string, wanted: bigint): bigint {
    const balance = from === ZERO_ADDRESS ? wanted : (this.balances.get(from) ?? 0n)
    const value = wanted < balance ? wanted : balance
    if (value <= 0n) return 0n
    if (from !== ZERO_ADDRESS) this.balances.set(from, balance - value)
    this.balances.set(to, (this.balances.get(to) ?? 0n) + value)
    out.push({ address: GEOD.address!, ...encodeEvent('GeodToken', 'Transfer', { from, to, value }) })
    return value
  }
}
