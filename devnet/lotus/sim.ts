/**
 * The Filecoin economic simulation behind the devnet's Lotus-compatible server. Deterministic: every value is a
 * function of (SIM_SEED, epoch) — deals are generated hour by hour from per-hour random streams, and chain state
 * (power, supply, rewards, burns) from per-hour increments — so a restart serves identical data without a journal.
 * Epochs are 30 s on the real mainnet schedule (epoch 0 = 2020-08-24 22:00 UTC); the simulated history starts at the
 * devnet genesis (SIM_DAYS before the first start). Magnitudes: docs/simulation.md.
 */
import { createHash } from 'node:crypto'
import * as dagCbor from '@ipld/dag-cbor'
import { CID } from 'multiformats/cid'
import * as Digest from 'multiformats/hashes/digest'
import { EPOCH_SECONDS, FILECOIN_GENESIS_TIMESTAMP, MARKET_ACTOR } from '../../indexer/registry/filecoin'
import { deriveSeed, Random, units } from '../simulator/model'

export const EPOCHS_PER_HOUR = 120
export const EPOCHS_PER_DAY = 2880
const GiB = 1n << 30n
const EiB = 1n << 60n

/** One entry as Lotus serves it (chain/types/event.go EventEntry; Value base64 in JSON). */
export interface EntryJson {
  Flags: number
  Key: string
  Codec: number
  Value: string
}

export interface SimEvent {
  height: number
  emitter: string
  msgCid: string
  entries: EntryJson[]
}

export interface SimDeal {
  id: number
  pieceCid: string
  pieceSize: bigint
  verified: boolean
  client: number
  provider: number
  label: string
  publish: number
  activation: number
  start: number
  end: number
  /** termination epoch, when terminated */
  terminated?: number
  /** epoch of its deal-completed (the SettleDealPayments after its end), when it has one */
  completed?: number
  price: bigint
  providerCollateral: bigint
  clientCollateral: bigint
}

export interface SimState {
  rawBytePower: bigint
  qualityAdjPower: bigint
  filVested: bigint
  filMined: bigint
  filBurnt: bigint
  filLocked: bigint
  filReserveDisbursed: bigint
  filCirculating: bigint
  thisEpochReward: bigint
  totalStoragePowerReward: bigint
}

/** Flags of builtin-actors EventBuilder: field_indexed = key and value indexed; field = key indexed. */
const FLAG_INDEXED_ALL = 0x03
const FLAG_INDEXED_KEY = 0x01
const IPLD_CBOR = 0x51

const entry = (key: string, value: unknown, flags = FLAG_INDEXED_ALL): EntryJson => ({
  Flags: flags, Key: key, Codec: IPLD_CBOR, Value: Buffer.from(dagCbor.encode(value)).toString('base64'),
})

const sha = (s: string) => createHash('sha256').update(s).digest()
/** a dag-cbor / blake2b-256 CID (the shape of block and message CIDs) derived from a name */
export const fakeCid = (name: string) => CID.create(1, 0x71, Digest.create(0xb220, sha(name)))
/** a piece CID: fil-commitment-unsealed (0xf101), sha2-256-trunc254-padded (0x1012) */
const pieceCid = (name: string) => CID.create(1, 0xf101, Digest.create(0x1012, sha(name)))

/** Event entries of a deal event (builtin-actors actors/market/src/emit.rs with_parties: id, client, provider). */
export const dealEntries = (type: string, d: { id: number; client: number; provider: number }) => [
  entry('$type', type), entry('id', d.id), entry('client', d.client), entry('provider', d.provider),
]

/** Entries of sector-activated (actors/miner/src/emit.rs with_sector_info) and sector-terminated. */
export const sectorActivatedEntries = (sector: number, unsealed: CID | null, pieces: [CID, bigint][]) => [
  entry('$type', 'sector-activated'), entry('sector', sector), entry('unsealed-cid', unsealed),
  ...pieces.flatMap(([cid, size]) => [entry('piece-cid', cid), entry('piece-size', size, FLAG_INDEXED_KEY)]),
]
export const sectorTerminatedEntries = (sector: number) => [entry('$type', 'sector-terminated'), entry('sector', sector)]

export class FilecoinSim {
  /** first simulated epoch */
  readonly firstEpoch: number
  private readonly providers: number[]
  private readonly clients: number[]
  private readonly deals = new Map<number, SimDeal>()
  /**
   * events by height, each kept as its JSON text: one flat string per event instead of an object graph of entries
   * (a 10 M-event benchmark dataset has ~2 M Filecoin events: 6.5 GB of heap as objects, ~1 GB as text)
   */
  private readonly events = new Map<number, string[]>()
  private readonly sectors = new Map<number, number>()
  private hoursGenerated = 0
  private nextDealId = 84_000_000
  /** cumulative state at the start of each simulated hour, and its per-hour increments */
  private readonly hourly: { at: SimState; inc: SimState }[] = []

  /**
   * `density` (SIM_DENSITY, benchmarks): the deal flow, the storage providers and the clients are `density` times a
   * plausible network's (density 1 is the model of docs/simulation.md, identical to what it was without the knob).
   */
  constructor(private readonly seed: number, genesisSeconds: number, private readonly density = 1) {
    this.firstEpoch = Math.floor((genesisSeconds - FILECOIN_GENESIS_TIMESTAMP) / EPOCH_SECONDS)
    const r = new Random(deriveSeed(seed, 'filecoin:actors'))
    this.providers = Array.from({ length: 24 * density }, () => r.int(1_000_000, 3_500_000))
    this.clients = Array.from({ length: 40 * density }, () => r.int(1_000_000, 3_500_000))
    this.preGenesisDeals()
  }

  epochTime(height: number) {
    return FILECOIN_GENESIS_TIMESTAMP + height * EPOCH_SECONDS
  }

  tipsetCid(height: number) {
    return fakeCid(`filecoin:${this.seed}:tipset:${height}`).toString()
  }

  private push(e: SimEvent) {
    let xs = this.events.get(e.height)
    if (!xs) this.events.set(e.height, (xs = []))
    xs.push(JSON.stringify(e))
  }

  private newDeal(r: Random, publish: number, activation: number, start: number, end: number): SimDeal {
    const verified = r.next() < 0.7
    const pieceSize = GiB * BigInt(r.pick([8, 16, 32, 32, 32, 64]))
    // paid deals: ~0.0015 FIL per epoch for 32 GiB (lognormal), scaled by size; verified (Fil+) deals are free
    const price = verified ? 0n : units(0.0015 * Math.exp(0.5 * r.normal()) * Number(pieceSize / GiB) / 32, 18)
    const id = this.nextDealId++
    const d: SimDeal = {
      id, pieceCid: pieceCid(`piece:${this.seed}:${id}`).toString(), pieceSize, verified, client: r.pick(this.clients), provider: r.pick(this.providers),
      label: `bafyclient${id.toString(36)}`, publish, activation, start, end, price,
      providerCollateral: units(0.01 * Number(pieceSize / GiB), 18), clientCollateral: 0n,
    }
    this.deals.set(id, d)
    return d
  }

  private msg(kind: string, id: number) {
    return fakeCid(`filecoin:${this.seed}:msg:${kind}:${id}`).toString()
  }

  /**
   * When a deal that runs to its end is completed (its final SettleDealPayments), or undefined for never: a paid deal
   * 1 h to 7 days after its end epoch, an unpaid one in 30 % of cases 1 to 30 days after it
   */
  private settlement(r: Random, d: SimDeal): number | undefined {
    const u = r.next()
    if (d.price > 0n) return d.end + r.int(1, 7 * EPOCHS_PER_DAY)
    return u < 0.3 ? d.end + r.int(EPOCHS_PER_DAY, 30 * EPOCHS_PER_DAY) : undefined
  }

  /** events of a deal from `from` on: publication, activation (with its sector), termination or completion */
  private dealEvents(r: Random, d: SimDeal, from: number) {
    const at = (height: number, emitter: string, kind: string, entries: EntryJson[]) => {
      if (height >= from) this.push({ height, emitter, msgCid: this.msg(kind, d.id), entries })
    }
    at(d.publish, MARKET_ACTOR, 'publish', dealEntries('deal-published', d))
    const sector = (this.sectors.get(d.provider) ?? r.int(1000, 50_000)) + 1
    this.sectors.set(d.provider, sector)
    at(d.activation, `f0${d.provider}`, 'activate', sectorActivatedEntries(sector, pieceCid(`unsealed:${d.id}`), [[CID.parse(d.pieceCid), d.pieceSize]]))
    at(d.activation, MARKET_ACTOR, 'activate', dealEntries('deal-activated', d))
    if (d.terminated != null) {
      at(d.terminated, `f0${d.provider}`, 'terminate', sectorTerminatedEntries(sector))
      at(d.terminated, MARKET_ACTOR, 'terminate', dealEntries('deal-terminated', d))
    } else {
      // FIP-0074 (network version 22 on): no settlement in cron; the provider's SettleDealPayments after the end epoch
      // completes the deal. Paid deals are settled within a week of their end; unpaid (verified) deals mostly never
      d.completed = this.settlement(r, d)
      if (d.completed != null) at(d.completed, MARKET_ACTOR, 'complete', dealEntries('deal-completed', d))
    }
  }

  /**
   * deals activated before the simulated history, ending from 30 days before it to 90 days into it (those that ended
   * before it and were not settled yet complete in it), or terminated within its first 45 days
   */
  private preGenesisDeals() {
    const r = new Random(deriveSeed(this.seed, 'filecoin:pre-genesis'))
    for (let i = 0; i < 400 * this.density; i++) {
      const end = this.firstEpoch + r.int(-30 * EPOCHS_PER_DAY, 90 * EPOCHS_PER_DAY)
      const start = end - r.int(180, 540) * EPOCHS_PER_DAY
      const activation = start - r.int(0, EPOCHS_PER_DAY)
      const d = this.newDeal(r, activation - r.int(60, 240), activation, start, end)
      if (r.next() < 0.05 && end > this.firstEpoch + 1) d.terminated = this.firstEpoch + r.int(1, Math.min(end - this.firstEpoch - 1, 45 * EPOCHS_PER_DAY))
      this.dealEvents(r, d, this.firstEpoch)
    }
  }

  /** generates deals hour by hour up to (and including) the hour of `height` */
  private generateTo(height: number) {
    const hour = Math.floor((height - this.firstEpoch) / EPOCHS_PER_HOUR)
    while (this.hoursGenerated <= hour) {
      const k = this.hoursGenerated++
      const r = new Random(deriveSeed(this.seed, `filecoin:hour:${k}`))
      const hourStart = this.firstEpoch + k * EPOCHS_PER_HOUR
      const day = Math.floor(k / 24)
      // ~190 deals a day (x density), growing 1 %/day
      const n = r.poisson(8 * this.density * (1 + 0.01 * day))
      for (let i = 0; i < n; i++) {
        const publish = hourStart + r.int(0, EPOCHS_PER_HOUR)
        // 2 % published and activated in the same tipset (PublishStorageDeals and the sector's activation in one)
        const activation = r.next() < 0.02 ? publish : publish + r.int(60, 240)
        const start = activation + r.int(0, EPOCHS_PER_DAY)
        const end = start + r.int(180, 540) * EPOCHS_PER_DAY
        const d = this.newDeal(r, publish, activation, start, end)
        if (r.next() < 0.03) d.terminated = activation + r.int(1, 40 * EPOCHS_PER_DAY)
        this.dealEvents(r, d, this.firstEpoch)
      }
      this.stateHour(k)
    }
  }

  /** the cumulative state at the start of hour k and its increments over the hour (FIL amounts in attoFIL) */
  private stateHour(k: number) {
    if (this.hourly[k]) return
    const r = new Random(deriveSeed(this.seed, `filecoin:state:${k}`))
    const prev = k === 0 ? undefined : this.hourly[k - 1]
    const at: SimState = prev
      ? (Object.fromEntries(Object.entries(prev.at).map(([key, v]) => [key, v + prev.inc[key as keyof SimState]])) as unknown as SimState)
      : {
          // network state near the simulated period (2025-2026 orders of magnitude, see docs/simulation.md)
          rawBytePower: 3n * EiB, qualityAdjPower: 20n * EiB, filVested: units(420_000_000), filMined: units(300_000_000),
          filBurnt: units(42_000_000), filLocked: units(120_000_000), filReserveDisbursed: units(17_066_618), filCirculating: 0n,
          thisEpochReward: 0n, totalStoragePowerReward: 0n,
        }
    const years = (k / 24) / 365
    // block reward: ~24 FIL per epoch (~70 k FIL/day), halving every 6 years (simple minting)
    const reward = units(24.3 * Math.pow(0.5, (years + 5.5) / 6) / Math.pow(0.5, 5.5 / 6))
    const burnt = units((3000 / 24) * Math.exp(0.5 * r.normal() - 0.125))
    const inc: SimState = {
      rawBytePower: BigInt(Math.round(Number(at.rawBytePower / GiB) * (-0.0005 / 24 + 0.0002 * r.normal()))) * GiB,
      qualityAdjPower: BigInt(Math.round(Number(at.qualityAdjPower / GiB) * (-0.0003 / 24 + 0.0002 * r.normal()))) * GiB,
      filVested: units(25_000 / 24),
      filMined: reward * BigInt(EPOCHS_PER_HOUR),
      filBurnt: burnt,
      filLocked: units(Math.round(20_000 * r.normal()) / 24),
      filReserveDisbursed: 0n, filCirculating: 0n, thisEpochReward: 0n, totalStoragePowerReward: 0n,
    }
    at.thisEpochReward = reward
    at.totalStoragePowerReward = at.filMined
    inc.totalStoragePowerReward = inc.filMined
    at.filCirculating = at.filVested + at.filMined + at.filReserveDisbursed - at.filBurnt - at.filLocked
    this.hourly[k] = { at, inc }
  }

  /** chain state at tipset `height` (linear within the hour; exact at hour boundaries) */
  state(height: number): SimState {
    this.generateTo(height)
    const off = height - this.firstEpoch
    const k = Math.floor(off / EPOCHS_PER_HOUR)
    const { at, inc } = this.hourly[k]
    const f = BigInt(off - k * EPOCHS_PER_HOUR)
    const s = Object.fromEntries(Object.entries(at).map(([key, v]) => [key, v + (inc[key as keyof SimState] * f) / BigInt(EPOCHS_PER_HOUR)])) as unknown as SimState
    s.thisEpochReward = at.thisEpochReward
    s.filCirculating = s.filVested + s.filMined + s.filReserveDisbursed - s.filBurnt - s.filLocked
    return s
  }

  eventsIn(from: number, to: number): SimEvent[] {
    this.generateTo(to)
    const out: SimEvent[] = []
    for (let h = from; h <= to; h++) for (const e of this.events.get(h) ?? []) out.push(JSON.parse(e) as SimEvent)
    return out
  }

  /** how many events eventsIn(from, to) returns, without building them */
  countIn(from: number, to: number): number {
    this.generateTo(to)
    let n = 0
    for (let h = from; h <= to; h++) n += this.events.get(h)?.length ?? 0
    return n
  }

  /**
   * A deal's proposal as the market actor holds it in the state of tipset `height` (its parent state: the result of
   * the epochs before it): published before `height` and not yet completed or terminated.
   */
  deal(id: number, height: number): SimDeal | undefined {
    this.generateTo(height)
    const d = this.deals.get(id)
    if (!d || d.publish >= height) return undefined
    if (d.terminated != null && d.terminated < height) return undefined
    if (d.completed != null && d.completed < height) return undefined
    return d
  }
}
