/**
 * Economic model of Spheron on Base, emitting the events its real contracts emit (ABIs from
 * spheronFdn/protocol-sdk, see indexer/registry/spheron.ts): providers registering, tenants locking uSPON in
 * escrow and posting orders, providers and fizz nodes bidding, orders matched into leases priced per 2 s
 * block (1e18 scale, as the SDK does), leases running hours to days, settled from escrow to the provider
 * (or fizz node) daily and at close with a treasury cut, then closed; providers and fizz nodes claiming
 * rewards, occasional slashes and price updates.
 *
 * Calibration (approximate, uSPON treated as ~1 USD, as the SDK's "u" stable-like payment token):
 * - hourly GPU prices: SDK utils/gpu-config.ts lists entry GPUs at 0.044-0.07 USD/h; Spheron's public price
 *   list (approx., 2024-25) puts RTX 4090 around 0.3-0.5, A100 around 1.1-1.5 and H100 around 2-2.5 USD/GPU-hour.
 * - volume: Spheron's own posts cite thousands of GPUs / providers (incl. fizz nodes) and compute revenue
 *   in the order of USD millions per year (unverified marketing figures). Here ~24 leases/day, mean
 *   ~3 GPUs x ~1 USD/GPU-h x ~1.5 days (lognormal, median 24 h) gives ~2 k uSPON/day of lease payments
 *   (~0.7 M/year), at ~300 logs/day in history; rewards ~1 k uSPON/day.
 * - treasury cut 5 % of each settlement: an assumption (the real rate is not in the SDK).
 * - rewards are claimed in RewardToken on the real chain; like the registry, amounts are treated as uSPON units.
 * Deterministic for a seed and a sequence of block timestamps.
 */
import { SECONDS_PER_BLOCK, USPON, spheron } from '../../indexer/registry/spheron'
import { encodeEvent } from './encode'
import { DAY, HOUR, Random, type EmittedLog, type ModelContext, type NetworkModel } from './model'

const addr = (name: string) => spheron.contracts.find((c) => c.name === name)!.address
export const SPHERON_ADDRESSES = {
  ComputeLease: addr('ComputeLease'),
  OrderRequest: addr('OrderRequest'),
  Bid: addr('Bid'),
  EscrowUser: addr('EscrowUser'),
  EscrowProtocol: addr('EscrowProtocol'),
  ProviderRegistry: addr('ProviderRegistry'),
  ProviderRewardsManager: addr('ProviderRewardsManager'),
  FizzRewardsManager: addr('FizzRewardsManager'),
}

/** Base mainnet genesis (2023-06-15 00:35:47 UTC) and 2 s blocks: notional Base block numbers for startBlock. */
const BASE_GENESIS = 1_686_789_347
const baseBlock = (t: number) => Math.max(0, Math.floor((t - BASE_GENESIS) / SECONDS_PER_BLOCK))

const E18 = 10n ** 18n
/** 1e18-scale price to uSPON base units (6 decimals) */
const TO_TOKEN = 10n ** BigInt(18 - USPON.decimals)
const BLOCKS_PER_HOUR = HOUR / SECONDS_PER_BLOCK
const TREASURY_CUT_BPS = 500n

/** USD (float) per hour to a 1e18-scale price per 2 s block */
const perBlock = (usdPerHour: number) => (BigInt(Math.round(usdPerHour * 1e9)) * (E18 / 1_000_000_000n)) / BigInt(BLOCKS_PER_HOUR)
/** uSPON (float) to base units */
const usponUnits = (x: number) => BigInt(Math.round(x * 10 ** USPON.decimals))

/** approximate USD per GPU-hour by class, with the share of orders (CPU-only orders priced per instance) */
const GPU_CLASSES = [
  { name: 'cpu', usdPerHour: 0.05, weight: 0.25 },
  { name: 'rtx4090', usdPerHour: 0.4, weight: 0.3 },
  { name: 'a100', usdPerHour: 1.3, weight: 0.25 },
  { name: 'h100', usdPerHour: 2.2, weight: 0.2 },
] as const
const GPU_COUNTS = [
  { n: 1, weight: 0.35 },
  { n: 2, weight: 0.25 },
  { n: 4, weight: 0.2 },
  { n: 8, weight: 0.2 },
] as const

interface Provider {
  id: bigint
  wallet: string
  weight: number
  active: boolean
}
interface Fizz {
  id: bigint
  wallet: string
}
interface Order {
  id: bigint
  tenant: string
  maxPrice: bigint
  blocks: bigint
  fizz: boolean
  duration: number
  deposit: bigint
}
interface Lease {
  id: bigint
  tenant: string
  provider: string
  fizzId: bigint
  price: bigint
  startTime: number
  end: number
  /** 1e18-scale cost accrued at earlier prices */
  accrued: bigint
  /** uSPON base units paid out so far (provider/fizz + treasury) */
  settled: bigint
  lastSettle: number
  updateAt: number | null
  deposit: bigint
}

type Emit = (address: string, contract: string, event: string, args: Record<string, unknown>) => void

export class SpheronModel implements NetworkModel {
  readonly addresses = Object.values(SPHERON_ADDRESSES)
  private rnd: Random
  private readonly genesis: number
  private readonly treasury: string
  private providers: Provider[] = []
  private fizzes: Fizz[] = []
  private tenants: string[] = []
  private nextProvider = 1n
  private nextOrder = 10_000n
  private nextLease = 5_000n
  private pending: { at: number; order: Order }[] = []
  private leases = new Map<bigint, Lease>()
  private started = false

  constructor({ seed, genesis }: ModelContext) {
    this.genesis = genesis
    this.rnd = new Random(seed)
    this.treasury = this.rnd.address()
    for (let i = 0; i < 36; i++) this.providers.push(this.newProvider())
    for (let i = 0; i < 48; i++) this.fizzes.push({ id: BigInt(1 + i), wallet: this.rnd.address() })
    for (let i = 0; i < 150; i++) this.tenants.push(this.rnd.address())
  }

  private newProvider(): Provider {
    return { id: this.nextProvider++, wallet: this.rnd.address(), weight: this.rnd.between(0.2, 3), active: true }
  }

  step(from: number, to: number): EmittedLog[] {
    const out: EmittedLog[] = []
    const emit: Emit = (address, contract, event, args) => out.push({ address, ...encodeEvent(`Spheron${contract}`, event, args) })
    const A = SPHERON_ADDRESSES
    if (!this.started) {
      this.started = true
      for (const p of this.providers) this.providerAdded(p, to, emit)
    }
    const dt = Math.max(0, to - from)
    const days = Math.max(0, (to - this.genesis) / DAY)

    // matches due: bids, match, lease
    this.pending.sort((a, b) => a.at - b.at || Number(a.order.id - b.order.id))
    while (this.pending.length && this.pending[0].at <= to) this.match(this.pending.shift()!.order, to, emit)

    // running leases: price updates, daily settlement, close at the end
    for (const l of [...this.leases.values()]) {
      if (l.updateAt !== null && l.updateAt <= to && to < l.end) {
        l.accrued += l.price * this.blocks(l.startTime, to)
        l.price = (l.price * BigInt(this.rnd.int(80, 121))) / 100n
        l.startTime = to
        l.updateAt = null
        emit(A.ComputeLease, 'ComputeLease', 'LeaseUpdated', {
          leaseId: l.id, providerAddress: l.provider, tenantAddress: l.tenant, acceptedPrice: l.price, startBlock: baseBlock(to), startTime: to,
        })
      }
      if (to >= l.end) this.close(l, to, emit)
      else if (to - l.lastSettle >= DAY) this.settle(l, to, emit)
    }

    // demand: ~24 orders/day, growing 1 %/day, weekends lower
    const weekday = new Date(to * 1000).getUTCDay()
    const demand = (1 + 0.01 * days) * (weekday === 0 || weekday === 6 ? 0.75 : 1.1)
    for (let i = this.rnd.poisson((dt / DAY) * 24 * demand); i > 0; i--) this.order(to, emit)

    // supply side: new providers now and then, rare removals
    if (this.rnd.next() < (dt / DAY) * 0.5) {
      const p = this.newProvider()
      this.providers.push(p)
      this.providerAdded(p, to, emit)
    }
    if (this.rnd.next() < (dt / DAY) * 0.05) {
      const active = this.providers.filter((p) => p.active)
      if (active.length > 20) {
        const p = this.rnd.pick(active)
        p.active = false
        emit(A.ProviderRegistry, 'ProviderRegistry', 'ProviderRemoved', { providerId: p.id })
      }
    }

    // rewards: each provider claims about weekly, each fizz node about every ten days
    const active = this.providers.filter((p) => p.active)
    for (let i = this.rnd.poisson((dt / DAY) * (active.length / 7)); i > 0; i--) {
      const p = this.rnd.pick(active)
      emit(A.ProviderRewardsManager, 'ProviderRewardsManager', 'ProviderRewardClaimed', { provider: p.wallet, rewardAmount: usponUnits(Math.exp(this.rnd.normal() * 0.7) * 60 * p.weight) })
    }
    for (let i = this.rnd.poisson((dt / DAY) * (this.fizzes.length / 10)); i > 0; i--) {
      const f = this.rnd.pick(this.fizzes)
      emit(A.FizzRewardsManager, 'FizzRewardsManager', 'FizzRewardClaimed', { fizz: f.wallet, rewardAmount: usponUnits(Math.exp(this.rnd.normal() * 0.6) * 15) })
    }
    if (this.rnd.next() < (dt / DAY) * 0.1) {
      const p = this.rnd.pick(active)
      emit(A.ProviderRewardsManager, 'ProviderRewardsManager', 'ProviderSlashed', {
        provider: p.wallet, era: BigInt(Math.floor(days / 7) + 40), slashedAmount: usponUnits(this.rnd.between(5, 60)), percentage: this.rnd.pick([5, 10, 25]),
      })
    }
    return out
  }

  /** lease blocks between two times, as the indexer infers them */
  private blocks(start: number, end: number) {
    return BigInt(Math.max(0, Math.floor((end - start) / SECONDS_PER_BLOCK)))
  }

  private providerAdded(p: Provider, t: number, emit: Emit) {
    emit(SPHERON_ADDRESSES.ProviderRegistry, 'ProviderRegistry', 'ProviderAdded', {
      providerId: p.id, walletAddress: p.wallet, spec: `region:${this.rnd.pick(['us-east', 'us-west', 'eu-central', 'ap-south'])};tier:dc`,
      hostUri: `provider-${p.id}.spheron.example:8443`, certificate: '', paymentsAccepted: [USPON.address], status: 1, tier: this.rnd.int(1, 6),
      joinTimestamp: BigInt(t), rewardWallet: p.wallet,
    })
  }

  private order(t: number, emit: Emit) {
    const A = SPHERON_ADDRESSES
    const tenant = this.rnd.pick(this.tenants)
    const cls = this.weighted(GPU_CLASSES)
    const count = this.weighted(GPU_COUNTS).n
    const hourly = cls.usdPerHour * count * this.rnd.between(0.85, 1.15)
    // duration: lognormal, median 24 h, from 1 h to 7 days
    const duration = Math.round(Math.min(7 * DAY, Math.max(HOUR, 24 * HOUR * Math.exp(this.rnd.normal()))))
    const blocks = BigInt(Math.ceil(duration / SECONDS_PER_BLOCK))
    const maxPrice = perBlock(hourly * 1.2)
    const deposit = (maxPrice * blocks) / TO_TOKEN + 1n
    const fizz = cls.name !== 'h100' && this.rnd.next() < 0.25
    const order: Order = { id: this.nextOrder++, tenant, maxPrice, blocks, fizz, duration, deposit }
    // tenant locks the order's maximum cost in escrow (movementType 0 assumed to be a deposit: undocumented)
    emit(A.EscrowUser, 'EscrowUser', 'UserTokenLocked', { user: tenant, token: USPON.address, deposit })
    emit(A.EscrowUser, 'EscrowUser', 'TokenMovement', { from: tenant, to: A.EscrowUser, token: USPON.address, amount: deposit, movementType: 0 })
    emit(A.OrderRequest, 'OrderRequest', 'OrderCreated', {
      orderId: order.id, creator: tenant, maxPrice, numOfBlocks: blocks, token: USPON.address,
      specs: `${cls.name}x${count}`, version: 1, mode: fizz ? 1 : 0,
    })
    this.pending.push({ at: t + this.rnd.int(20, 600), order })
  }

  private match(o: Order, t: number, emit: Emit) {
    const A = SPHERON_ADDRESSES
    const active = this.providers.filter((p) => p.active)
    const bids: { price: bigint; wallet: string; fizzId: bigint; providerId: bigint }[] = []
    for (let i = this.rnd.int(1, 4); i > 0; i--) {
      const price = (o.maxPrice * BigInt(this.rnd.int(70, 101))) / 100n
      if (o.fizz) {
        const f = this.rnd.pick(this.fizzes)
        bids.push({ price, wallet: f.wallet, fizzId: f.id, providerId: 0n })
      } else {
        const p = this.pickProvider(active)
        bids.push({ price, wallet: p.wallet, fizzId: 0n, providerId: p.id })
      }
    }
    for (const b of bids) emit(A.Bid, 'Bid', 'BidPlaced', { orderId: o.id, bidPrice: b.price, provider: b.wallet, fizz: b.fizzId })
    const win = bids.reduce((x, y) => (y.price < x.price ? y : x))
    emit(A.Bid, 'Bid', 'OrderMatched', { orderId: o.id, providerAddress: win.wallet, fizzId: win.fizzId, providerId: win.providerId, acceptedPrice: win.price, creator: o.tenant })
    const l: Lease = {
      id: this.nextLease++, tenant: o.tenant, provider: win.wallet, fizzId: win.fizzId, price: win.price, startTime: t,
      // 15 % of leases are terminated early by the tenant
      end: t + (this.rnd.next() < 0.15 ? Math.round(o.duration * this.rnd.between(0.1, 0.9)) : o.duration),
      accrued: 0n, settled: 0n, lastSettle: t, updateAt: null, deposit: o.deposit,
    }
    if (this.rnd.next() < 0.05) l.updateAt = t + Math.round((l.end - t) * this.rnd.between(0.2, 0.8))
    this.leases.set(l.id, l)
    emit(A.ComputeLease, 'ComputeLease', 'LeaseCreated', {
      leaseId: l.id, fizzId: l.fizzId, requestId: o.id, acceptedPrice: l.price, providerAddress: l.provider, tenantAddress: l.tenant,
      startBlock: baseBlock(t), startTime: t, endTime: 0, state: 0,
    })
  }

  /** Pays out what the lease cost up to t and was not paid yet: provider (or fizz node) and treasury. */
  private settle(l: Lease, t: number, emit: Emit) {
    const A = SPHERON_ADDRESSES
    const due = (l.accrued + l.price * this.blocks(l.startTime, t)) / TO_TOKEN - l.settled
    l.lastSettle = t
    if (due <= 0n) return
    l.settled += due
    const cut = (due * TREASURY_CUT_BPS) / 10_000n
    if (l.fizzId > 0n) emit(A.EscrowProtocol, 'EscrowProtocol', 'LockedTokenTransferedToFizz', { from: l.tenant, fizzId: l.fizzId, token: USPON.address, deposit: due - cut })
    else emit(A.EscrowProtocol, 'EscrowProtocol', 'LockedTokenTransfered', { from: l.tenant, to: l.provider, token: USPON.address, deposit: due - cut })
    if (cut > 0n) emit(A.EscrowProtocol, 'EscrowProtocol', 'TreasuryMovement', { treasury: this.treasury, token: USPON.address, amount: cut })
  }

  private close(l: Lease, t: number, emit: Emit) {
    const A = SPHERON_ADDRESSES
    this.settle(l, t, emit)
    emit(A.ComputeLease, 'ComputeLease', 'LeaseClosed', { leaseId: l.id, providerAddress: l.provider, tenantAddress: l.tenant, endTime: t, state: 1 })
    if (l.deposit > l.settled) emit(A.EscrowUser, 'EscrowUser', 'UserTokenUnlocked', { user: l.tenant, token: USPON.address, deposit: l.deposit - l.settled })
    this.leases.delete(l.id)
  }

  private pickProvider(active: Provider[]): Provider {
    const total = active.reduce((s, p) => s + p.weight, 0)
    let r = this.rnd.next() * total
    return active.find((p) => (r -= p.weight) <= 0) ?? active[0]
  }

  private weighted<T extends { weight: number }>(xs: readonly T[]): T {
    let r = this.rnd.next() * xs.reduce((s, x) => s + x.weight, 0)
    return xs.find((x) => (r -= x.weight) <= 0) ?? xs[xs.length - 1]
  }
}
