/**
 * Economic model of IoTeX ioID on the IoTeX L1, emitting the events its real contracts emit
 * (github.com/iotexproject/ioID-contracts @ b94ad09: ioIDStore.sol, ioIDRegistry.sol, ioID.sol):
 * at the start the store is initialized with a store-wide price and a fee receiver and projects bind their
 * device NFT contracts; hardware projects then buy ioID slots in batches (ApplyIoIDs, paid amount × price in
 * native IOTX) and consume one per device registration; virtual projects pay the price per registration
 * (ActiveIoID with no slots). A registration is one transaction: ActiveIoID (store), ERC-721 Transfer mint and
 * CreateIoID (ioID NFT), NewDevice (registry). Devices occasionally update their DID document or are removed
 * (RemoveDIDWallet then RemoveDevice), and the owner changes the price now and then.
 *
 * Calibration (approximate, public magnitudes only): IoTeX's ioID dashboards and DePINscan report tens of
 * thousands of ioID-registered devices about a year after the August 2024 launch, across projects such as
 * DIMO vehicles, GEODNET stations, Pebble trackers, Envirobloq and others: ~100-150 registrations a day on
 * average, very uneven between projects. The ioID price is set by the store owner (deploy script reads
 * IOID_PRICE); we use a 1-10 IOTX range starting at ~2 IOTX, changed about once a month. Batch sizes
 * (50-1,000 slots) are an assumption. Deterministic for a seed and a sequence of block timestamps.
 */
import { IOID_ADDRESSES } from '../../indexer/registry/iotex-ioid'
import { encodeEvent } from './encode'
import { DAY, Random, units, type EmittedLog, type ModelContext, type NetworkModel } from './model'

const ZERO = '0x0000000000000000000000000000000000000000'

/** Project NFT contract (ioID-contracts README, IoTeX Mainnet): the `project` of Initialize */
const PROJECT_NFT = '0xA596800891e6a95Bf737404411ef529c1F377b4e'

interface Project {
  id: bigint
  owner: string
  deviceContract: string
  /** hardware projects buy slots with ApplyIoIDs; virtual ones pay per activation */
  hardware: boolean
  /** share of registrations */
  weight: number
  /** unused applied slots (hardware) */
  slots: bigint
  /** typical batch size of ApplyIoIDs */
  batch: number
}

/** rough relative shares of registrations (assumption; larger fleets first) */
const PROJECT_WEIGHTS: { hardware: boolean; weight: number; batch: number }[] = [
  { hardware: true, weight: 5, batch: 1000 }, // a vehicle network (DIMO-like)
  { hardware: true, weight: 2.5, batch: 500 }, // GNSS stations (GEODNET-like)
  { hardware: true, weight: 1.5, batch: 300 }, // trackers (Pebble-like)
  { hardware: true, weight: 1, batch: 200 },
  { hardware: true, weight: 0.6, batch: 100 },
  { hardware: true, weight: 0.4, batch: 100 },
  { hardware: true, weight: 0.2, batch: 50 },
  { hardware: false, weight: 0.8, batch: 0 }, // virtual projects: pay per device
  { hardware: false, weight: 0.3, batch: 0 },
]

/** kept devices for updates and removals (a sample once the fleet is large, so memory stays bounded) */
const MAX_TRACKED = 5_000

export class IotexIoidModel implements NetworkModel {
  readonly addresses = Object.values(IOID_ADDRESSES)
  private rnd: Random
  private readonly genesis: number
  private started = false
  private projects: Project[] = []
  private devices: { device: string; owner: string; id: bigint }[] = []
  private price = units(2) // IOTX wei per ioID
  private readonly feeReceiver: string
  private nextIoid = 0n

  constructor({ seed, genesis }: ModelContext) {
    this.genesis = genesis
    this.rnd = new Random(seed)
    this.feeReceiver = this.rnd.address()
    let id = 1n
    for (const p of PROJECT_WEIGHTS) {
      this.projects.push({ id: id++, owner: this.rnd.address(), deviceContract: this.rnd.address(), slots: 0n, ...p })
      // project ids are sparse on mainnet (many projects never register hardware)
      id += BigInt(this.rnd.int(0, 20))
    }
  }

  step(from: number, to: number): EmittedLog[] {
    const out: EmittedLog[] = []
    const emit = (address: string, contract: string, event: string, args: Record<string, unknown>) =>
      out.push({ address, ...encodeEvent(contract, event, args) })
    const A = IOID_ADDRESSES
    if (!this.started) {
      this.started = true
      emit(A.ioIDStore, 'IoidStore', 'Initialize', { project: PROJECT_NFT, price: this.price })
      emit(A.ioIDStore, 'IoidStore', 'ChangeFeeReceiver', { feeReceiver: this.feeReceiver })
      for (const p of this.projects) {
        emit(A.ioIDStore, 'IoidStore', 'SetDeviceContract', { projectId: p.id, deviceContract: p.deviceContract })
        if (p.hardware) this.apply(p, emit)
      }
    }
    const dt = Math.max(0, to - from)
    const days = (to - this.genesis) / DAY
    // owner changes the price about once a month, within 1-10 IOTX
    if (this.rnd.next() < (dt / DAY) / 30) {
      this.price = units(Math.round(this.rnd.between(1, 10) * 10) / 10)
      emit(A.ioIDStore, 'IoidStore', 'ChangePrice', { price: this.price })
    }
    // registrations: ~120/day, growing ~1 %/day, fewer on weekends
    const weekday = new Date(to * 1000).getUTCDay()
    const rate = 120 * (1 + 0.01 * days) * (weekday === 0 || weekday === 6 ? 0.75 : 1.1)
    for (let n = this.rnd.poisson((dt / DAY) * rate); n > 0; n--) this.register(this.pickProject(), emit)
    // hardware projects top up before they run out
    for (const p of this.projects) {
      if (p.hardware && p.slots < BigInt(Math.ceil(p.batch / 10)) && this.rnd.next() < Math.min(1, (dt / DAY) * 4)) this.apply(p, emit)
    }
    // DID document updates and removals
    for (let n = this.rnd.poisson((dt / DAY) * 6); n > 0 && this.devices.length; n--) {
      const d = this.rnd.pick(this.devices)
      emit(A.ioIDRegistry, 'IoidRegistry', 'UpdateDevice', { device: d.device, owner: d.owner, hash: this.rnd.bytes32(), uri: `ipfs://${this.rnd.bytes32().slice(2, 48)}` })
    }
    for (let n = this.rnd.poisson((dt / DAY) * 1.5); n > 0 && this.devices.length; n--) {
      const i = this.rnd.int(0, this.devices.length)
      const d = this.devices[i]
      this.devices.splice(i, 1)
      emit(A.ioID, 'IoidNft', 'RemoveDIDWallet', { wallet: this.rnd.address(), did: `did:io:${d.device}` })
      emit(A.ioIDRegistry, 'IoidRegistry', 'RemoveDevice', { device: d.device, owner: d.owner })
    }
    return out
  }

  private pickProject(): Project {
    const total = this.projects.reduce((s, p) => s + p.weight, 0)
    let r = this.rnd.next() * total
    return this.projects.find((p) => (r -= p.weight) <= 0) ?? this.projects[0]
  }

  private apply(p: Project, emit: (a: string, c: string, e: string, x: Record<string, unknown>) => void) {
    const amount = BigInt(Math.max(10, Math.round(p.batch * this.rnd.between(0.5, 1.5))))
    p.slots += amount
    emit(IOID_ADDRESSES.ioIDStore, 'IoidStore', 'ApplyIoIDs', { projectId: p.id, amount })
  }

  /** ioIDRegistry.register: store.activeIoID, ioID mint (Transfer, CreateIoID), NewDevice, in one tx */
  private register(p: Project, emit: (a: string, c: string, e: string, x: Record<string, unknown>) => void) {
    const A = IOID_ADDRESSES
    if (p.hardware) {
      // the store requires applied > activated: a project without slots buys a batch first
      if (p.slots === 0n) this.apply(p, emit)
      p.slots -= 1n
    }
    const device = this.rnd.address()
    const owner = this.rnd.address()
    this.nextIoid += 1n
    emit(A.ioIDStore, 'IoidStore', 'ActiveIoID', { projectId: p.id })
    emit(A.ioID, 'IoidNft', 'Transfer', { from: ZERO, to: owner, tokenId: this.nextIoid })
    emit(A.ioID, 'IoidNft', 'CreateIoID', { owner, id: this.nextIoid, wallet: this.rnd.address(), did: `did:io:${device}` })
    emit(A.ioIDRegistry, 'IoidRegistry', 'NewDevice', { device, owner, hash: this.rnd.bytes32(), uri: `https://did.iotex.me/${device}/diddoc.json` })
    const rec = { device, owner, id: this.nextIoid }
    if (this.devices.length < MAX_TRACKED) this.devices.push(rec)
    else this.devices[this.rnd.int(0, MAX_TRACKED)] = rec
  }
}
