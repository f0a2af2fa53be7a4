/**
 * The Akash economic model of the devnet: providers register, tenants create deployments (escrow deposit in uakt
 * or USDC, groups with CPU / memory / storage / GPU resources), providers bid, the cheapest bid becomes a lease
 * with a price per block, leases close by the tenant or when the escrow runs dry (closed by the provider's next
 * withdrawal, as on chain), providers sometimes try to leave (MsgDeleteProvider, refused by the chain), x/gov burns a vetoed proposal's
 * deposit about once a day (x/bank `burn`), and x/mint adds the block provision. Each block comes out as the transactions
 * (base64 protobuf, real @akashnetwork/akash-api types) and the ABCI events a v0.38 Akash node (Cosmos SDK 0.45,
 * Tendermint 0.34; the server encodes its attributes base64) would emit. Deterministic: the same seed and block times give the same blocks.
 */
import { createHash } from 'node:crypto'
import { bech32 } from '@scure/base'
import { AuthInfo, TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx'
import { MsgCloseDeployment, MsgCreateDeployment, MsgDepositDeployment } from '@akashnetwork/akash-api/akash/deployment/v1beta3'
import { MsgCreateBid, MsgCreateLease, MsgWithdrawLease } from '@akashnetwork/akash-api/akash/market/v1beta4'
import { MsgCreateProvider, MsgDeleteProvider, MsgUpdateProvider } from '@akashnetwork/akash-api/akash/provider/v1beta3'
import * as v1 from '@akashnetwork/chain-sdk/private-types/akash.v1'
import * as v1beta4 from '@akashnetwork/chain-sdk/private-types/akash.v1beta4'
import * as v1beta5 from '@akashnetwork/chain-sdk/private-types/akash.v1beta5'
import { DISTRIBUTION_ACCOUNT, ESCROW_ACCOUNT, moduleAddress, UACT, UAKT, USDC_DENOM } from '../../indexer/registry/akash'
import { Random } from '../simulator/random'

export interface AbciEventJson {
  type: string
  attributes: { key: string; value: string; index: boolean }[]
}

export interface SimTx {
  /** base64 TxRaw */
  tx: string
  events: AbciEventJson[]
  /** a failed transaction's result code, codespace and log (0 / absent: success) */
  code?: number
  codespace?: string
  log?: string
}

export interface SimBlock {
  height: number
  /** unix seconds */
  time: number
  txs: SimTx[]
  beginEvents: AbciEventJson[]
  endEvents: AbciEventJson[]
  /** produced by the v1 node (after the upgrade height): typed events, chain-sdk messages, CometBFT 0.38 results */
  v1: boolean
  /** produced by node v2 (from its upgrade height): as v1, deployments priced in uact (ACT), no x/take */
  v2: boolean
  /** x/bank total supply of uakt after this block (genesis supply + x/mint provisions) */
  supply: bigint
}

/** uakt in existence at the devnet's genesis (x/bank genesis balances; emits no event) */
export const GENESIS_SUPPLY = 242_000_000n * 1_000_000n

/** The v1 node's typed event of each legacy module/action (indexer/registry/akash.ts TYPED_EVENTS, written out here). */
const V1_EVENT: Record<string, string> = {
  'deployment/deployment-created': 'akash.deployment.v1.EventDeploymentCreated',
  'deployment/deployment-closed': 'akash.deployment.v1.EventDeploymentClosed',
  'deployment/group-closed': 'akash.deployment.v1.EventGroupClosed',
  'market/order-created': 'akash.market.v1.EventOrderCreated',
  'market/bid-created': 'akash.market.v1.EventBidCreated',
  'market/bid-closed': 'akash.market.v1.EventBidClosed',
  'market/lease-created': 'akash.market.v1.EventLeaseCreated',
  'market/lease-closed': 'akash.market.v1.EventLeaseClosed',
  'provider/provider-created': 'akash.provider.v1beta4.EventProviderCreated',
  'provider/provider-updated': 'akash.provider.v1beta4.EventProviderUpdated',
}

interface EventFields {
  owner: string
  dseq?: number
  gseq?: number
  oseq?: number
  provider?: string
  price?: { denom: string; amount: bigint }
  version?: Buffer
  reason?: string
  msgIndex?: number
}

const FEE_COLLECTOR = moduleAddress('fee_collector')
const MINT = moduleAddress('mint')
const GOV = moduleAddress('gov')
const DEC = 10n ** 18n
/** AKT price used to turn USD targets into uakt prices (close to the devnet's AKT price series start) */
const AKT_USD = 3
const GPU_MODELS = [
  { model: 'h100', usdPerHour: 1.6, ram: '80Gi' },
  { model: 'a100', usdPerHour: 0.9, ram: '80Gi' },
  { model: 'rtx4090', usdPerHour: 0.35, ram: '24Gi' },
] as const

const ev = (type: string, attrs: [string, string][]): AbciEventJson => ({ type, attributes: attrs.map(([key, value]) => ({ key, value, index: true })) })

/** A LegacyDec string with 18 decimals from a 1e18-scaled integer, as sdk.Dec.String() prints it. */
export const decString = (scaled: bigint) => `${scaled / DEC}.${(scaled % DEC).toString().padStart(18, '0')}`

interface Provider {
  address: string
  gpus: string[]
  hostUri: string
  region: string
}

/** The attributes a provider declares on chain (Akash provider conventions: capabilities/gpu/vendor/<v>/model/<m>, capabilities/storage/<n>/class). */
const providerAttributes = (p: Provider) => [
  { key: 'host', value: 'akash' },
  { key: 'region', value: p.region },
  { key: 'capabilities/storage/1/class', value: 'beta2' },
  { key: 'capabilities/storage/1/persistent', value: 'true' },
  ...p.gpus.map((m) => ({ key: `capabilities/gpu/vendor/nvidia/model/${m}`, value: 'true' })),
]
interface Lease {
  gseq: number
  provider: string
  /** uakt or USDC base units per block, x 1e18 */
  price: bigint
  opened: number
}
interface Deployment {
  owner: string
  dseq: number
  denom: string
  /** x 1e18 */
  balance: bigint
  settled: number
  leases: Lease[]
  /** planned close height (by the tenant) */
  closeAt: number
  /** a bid round is pending for these gseqs, with the bids' block */
  bids?: { gseq: number; provider: string; price: bigint }[]
  groups: number
  /** escrow ran dry at this height (leases closed by the next withdrawal) */
  dryAt?: number
  closeByWithdrawAt?: number
  /** charged but not yet paid out, per provider (x 1e18): paid at close */
  unpaid: Map<string, bigint>
}

export class AkashModel {
  private rnd: Random
  private providers: Provider[] = []
  private deployments = new Map<string, Deployment>()
  private tenants: string[] = []
  private accSeq = 0
  /** x/mint: annual provisions (uakt) and blocks per year at the devnet's block spacing */
  private annualProvisions = 31_000_000n * 1_000_000n
  private height = 0
  private supply = GENESIS_SUPPLY

  /**
   * `upgradeHeight`: first block of the v1 node (null: the v0.38 node throughout). `takeChangeHeight`: a governance
   * proposal passes in this block's end block and sets the uakt take rate from 4 % to 10 % (null: never).
   */
  /**
   * Chain events of the kinds the indexer reads, emitted so far: x/mint's provision (one per block), deployment /
   * market / provider events, escrow payouts (transfers from the escrow account) and deposits. The benchmark checks
   * the indexer's rows against it.
   */
  chainEvents = 0

  /**
   * `density` (SIM_DENSITY, benchmarks): tenants, new deployments, provider registrations and updates are `density`
   * times the model's (density 1 is the model of docs/simulation.md, the same blocks as without the knob).
   */
  constructor(
    seed: number, private readonly blockSeconds: number, readonly upgradeHeight: number | null = null, readonly takeChangeHeight: number | null = null, private readonly density = 1,
    /** first block of node v2 (null: never): new deployments in uact, no take (x/take removed) */
    readonly v2Height: number | null = null,
  ) {
    this.rnd = new Random(seed)
    for (let i = 0; i < 40 * density; i++) this.tenants.push(this.address())
  }

  /** x/take parameters in effect after block `height` (percent per denom; others take the default) */
  takeParams(height: number): { denomRates: Record<string, number>; defaultRate: number } {
    const changed = this.takeChangeHeight != null && height >= this.takeChangeHeight
    return { denomRates: { [UAKT]: changed ? 10 : 4 }, defaultRate: 20 }
  }

  /** the rate the escrow applies to a payment in block `height`: the parameters after the block before */
  private takeRate(denom: string, height: number) {
    // node v2 removed x/take: ACT payments go to the provider whole (x/escrow paymentWithdraw)
    if (denom === UACT) return 0
    const p = this.takeParams(height - 1)
    return p.denomRates[denom] ?? p.defaultRate
  }

  private get v1() {
    return (this.upgradeHeight != null && this.height >= this.upgradeHeight) || this.v2
  }

  private get v2() {
    return this.v2Height != null && this.height >= this.v2Height
  }

  /**
   * A deployment / market / provider event as the node of the current height emits it: before the upgrade a
   * `message` event with module, action and plain attributes (v0.38); after it the typed event (Cosmos SDK
   * EmitTypedEvent: one attribute per field, keys sorted, values proto JSON with uint64 as strings; msg_index last).
   */
  private mev(module: string, action: string, f: EventFields): AbciEventJson {
    this.chainEvents++
    if (!this.v1) {
      const a: [string, string][] = [['module', module], ['action', action]]
      if (f.version) a.push(['version', f.version.toString('hex')])
      a.push(['owner', f.owner])
      if (f.dseq != null) a.push(['dseq', String(f.dseq)])
      if (f.gseq != null) a.push(['gseq', String(f.gseq)])
      if (f.oseq != null) a.push(['oseq', String(f.oseq)])
      if (f.provider != null) a.push(['provider', f.provider])
      if (f.price) a.push(['price-denom', f.price.denom], ['price-amount', decString(f.price.amount)])
      return ev('message', a)
    }
    const type = V1_EVENT[`${module}/${action}`]
    const msgIndex: [string, string] = ['msg_index', String(f.msgIndex ?? 0)]
    if (module === 'provider') return ev(type, [['owner', JSON.stringify(f.owner)], msgIndex])
    const id: Record<string, unknown> = { owner: f.owner, dseq: String(f.dseq) }
    if (f.gseq != null) id.gseq = f.gseq
    if (f.oseq != null) id.oseq = f.oseq
    if (f.provider != null) Object.assign(id, { provider: f.provider, bseq: 0 })
    const a: [string, string][] = []
    if (f.version) a.push(['hash', JSON.stringify(f.version.toString('base64'))])
    a.push(['id', JSON.stringify(id)])
    if (f.price && action !== 'lease-closed' && action !== 'bid-closed') a.push(['price', JSON.stringify({ denom: f.price.denom, amount: decString(f.price.amount) })])
    if (action === 'lease-closed') a.push(['reason', JSON.stringify(f.reason ?? 'lease_closed_owner')])
    return ev(type, [...a, msgIndex])
  }

  private address(): string {
    const b = new Uint8Array(20)
    for (let i = 0; i < 20; i++) b[i] = this.rnd.int(0, 256)
    return bech32.encode('akash', bech32.toWords(b))
  }

  private blocksPerHour() {
    return 3600 / this.blockSeconds
  }

  /** price per block (x 1e18) of a USD-per-hour target in a denom; fractional like real bids */
  private pricePerBlock(usdPerHour: number, denom: string): bigint {
    const usdPerBlock = usdPerHour / this.blocksPerHour()
    const baseUnits = denom === UAKT ? (usdPerBlock / AKT_USD) * 1e6 : usdPerBlock * 1e6
    const whole = BigInt(Math.floor(baseUnits))
    const frac = BigInt(Math.floor((baseUnits - Math.floor(baseUnits)) * 1e9)) * 10n ** 9n + BigInt(this.rnd.int(0, 1e9))
    return whole * DEC + frac
  }

  private tx(signer: string, msgs: { typeUrl: string; value: Uint8Array }[], events: AbciEventJson[]): SimTx {
    const body = TxBody.encode(TxBody.fromPartial({ messages: msgs, memo: '' })).finish()
    const fee = String(this.rnd.int(2_000, 20_000))
    const auth = AuthInfo.encode(AuthInfo.fromPartial({ fee: { amount: [{ denom: UAKT, amount: fee }], gasLimit: 200_000n }, signerInfos: [{ sequence: BigInt(++this.accSeq) }] })).finish()
    const sig = new Uint8Array(64)
    for (let i = 0; i < 64; i++) sig[i] = this.rnd.int(0, 256)
    const raw = TxRaw.encode(TxRaw.fromPartial({ bodyBytes: body, authInfoBytes: auth, signatures: [sig] })).finish()
    const feeEvents = [
      ev('coin_spent', [['spender', signer], ['amount', `${fee}${UAKT}`]]),
      ev('coin_received', [['receiver', FEE_COLLECTOR], ['amount', `${fee}${UAKT}`]]),
      ev('transfer', [['recipient', FEE_COLLECTOR], ['sender', signer], ['amount', `${fee}${UAKT}`]]),
      ev('message', [['sender', signer]]),
      ev('tx', [['fee', `${fee}${UAKT}`], ['fee_payer', signer]]),
    ]
    const msgEvents = msgs.map((m, i) => ev('message', [['action', m.typeUrl], ['sender', signer], ['module', m.typeUrl.split('.')[1]], ...(this.v1 ? [['msg_index', String(i)] as [string, string]] : [])]))
    return { tx: Buffer.from(raw).toString('base64'), events: [...feeEvents, ...msgEvents, ...events] }
  }

  private transfer(sender: string, recipient: string, amount: bigint, denom: string): AbciEventJson[] {
    if (amount <= 0n) return []
    if (sender === ESCROW_ACCOUNT) this.chainEvents++
    return [
      ev('coin_spent', [['spender', sender], ['amount', `${amount}${denom}`]]),
      ev('coin_received', [['receiver', recipient], ['amount', `${amount}${denom}`]]),
      ev('transfer', [['recipient', recipient], ['sender', sender], ['amount', `${amount}${denom}`]]),
    ]
  }


  /** Charges a deployment's leases up to `height` (what the chain's escrow does at withdrawals); payouts at close. */
  private settle(d: Deployment, height: number): void {
    if (d.dryAt != null || height <= d.settled) return
    const rate = d.leases.reduce((s, l) => s + l.price, 0n)
    let blocks = BigInt(height - d.settled)
    if (rate > 0n && rate * blocks > d.balance) {
      blocks = d.balance / rate
      d.dryAt = d.settled + Number(blocks)
    }
    for (const l of d.leases) {
      d.balance -= l.price * blocks
      d.unpaid.set(l.provider, (d.unpaid.get(l.provider) ?? 0n) + l.price * blocks)
    }
    d.settled = height
  }

  /** Events of the escrow paying providers (net of the take) and the take to the community pool. */
  private payouts(d: Deployment, paid: Map<string, bigint>): AbciEventJson[] {
    const out: AbciEventJson[] = []
    const rate = BigInt(this.takeRate(d.denom, this.height))
    for (const [provider, scaled] of paid) {
      const gross = scaled / DEC
      const take = (gross * rate) / 100n
      out.push(...this.transfer(ESCROW_ACCOUNT, provider, gross - take, d.denom), ...this.transfer(ESCROW_ACCOUNT, DISTRIBUTION_ACCOUNT, take, d.denom))
    }
    return out
  }

  private closeDeployment(d: Deployment, height: number, signer: string, reason: 'tenant' | 'escrow'): SimTx {
    this.settle(d, height)
    const paid = d.unpaid
    const events: AbciEventJson[] = []
    for (const l of d.leases) {
      events.push(this.mev('market', 'lease-closed', {
        owner: d.owner, dseq: d.dseq, gseq: l.gseq, oseq: 1, provider: l.provider, price: { denom: d.denom, amount: l.price },
        reason: reason === 'tenant' ? 'lease_closed_owner' : 'lease_closed_reason_insufficient_funds',
      }))
    }
    for (let g = 1; g <= d.groups; g++) events.push(this.mev('deployment', 'group-closed', { owner: d.owner, dseq: d.dseq, gseq: g }))
    events.push(this.mev('deployment', 'deployment-closed', { owner: d.owner, dseq: d.dseq }))
    events.push(...this.payouts(d, paid))
    const refund = d.balance / DEC
    events.push(...this.transfer(ESCROW_ACCOUNT, d.owner, refund, d.denom))
    this.deployments.delete(`${d.owner}/${d.dseq}`)
    if (reason === 'tenant') {
      if (this.v1) return this.tx(signer, [{ typeUrl: '/akash.deployment.v1beta4.MsgCloseDeployment', value: v1beta4.MsgCloseDeployment.encode(v1beta4.MsgCloseDeployment.fromPartial({ id: { owner: d.owner, dseq: d.dseq } as any })).finish() }], events)
      return this.tx(signer, [{ typeUrl: '/akash.deployment.v1beta3.MsgCloseDeployment', value: MsgCloseDeployment.encode(MsgCloseDeployment.fromPartial({ id: { owner: d.owner, dseq: d.dseq } as any })).finish() }], events)
    }
    const l = d.leases[0]
    if (this.v1) {
      return this.tx(signer, [{
        typeUrl: '/akash.market.v1beta5.MsgWithdrawLease',
        value: v1beta5.MsgWithdrawLease.encode(v1beta5.MsgWithdrawLease.fromPartial({ id: { owner: d.owner, dseq: d.dseq, gseq: l?.gseq ?? 1, oseq: 1, provider: l?.provider ?? signer, bseq: 0 } as any })).finish(),
      }], events)
    }
    return this.tx(signer, [{
      typeUrl: '/akash.market.v1beta4.MsgWithdrawLease',
      value: MsgWithdrawLease.encode(MsgWithdrawLease.fromPartial({ bidId: { owner: d.owner, dseq: d.dseq, gseq: l?.gseq ?? 1, oseq: 1, provider: l?.provider ?? signer } as any })).finish(),
    }], events)
  }

  private registerProvider(): SimTx {
    const address = this.address()
    const gpus = this.rnd.next() < 0.6 ? [this.rnd.pick(GPU_MODELS).model] : []
    const p: Provider = { address, gpus, hostUri: `https://provider.p${this.providers.length + 1}.devnet-akash.example:8443`, region: this.rnd.pick(['us-west', 'us-east', 'eu-central', 'asia-east']) }
    this.providers.push(p)
    const fields = { owner: address, hostUri: p.hostUri, attributes: providerAttributes(p), info: { email: '', website: '' } }
    const m = this.v1
      ? { typeUrl: '/akash.provider.v1beta4.MsgCreateProvider', value: v1beta4.MsgCreateProvider.encode(v1beta4.MsgCreateProvider.fromPartial(fields)).finish() }
      : { typeUrl: '/akash.provider.v1beta3.MsgCreateProvider', value: MsgCreateProvider.encode(MsgCreateProvider.fromPartial(fields)).finish() }
    return this.tx(address, [m], [this.mev('provider', 'provider-created', { owner: address })])
  }

  /**
   * A provider tries to leave: MsgDeleteProvider, which the chain refuses (akash-network/node v0.38.0 and v2.0.0
   * x/provider/handler/server.go DeleteProvider: "TODO: cancel leases", returns ErrInternal (provider code 10)
   * wrapped as NOTIMPLEMENTED). A failed transaction: code 10, no events, the provider stays.
   */
  private deleteProvider(): SimTx {
    const p = this.rnd.pick(this.providers)
    const m = this.v1
      ? { typeUrl: '/akash.provider.v1beta4.MsgDeleteProvider', value: v1beta4.MsgDeleteProvider.encode(v1beta4.MsgDeleteProvider.fromPartial({ owner: p.address })).finish() }
      : { typeUrl: '/akash.provider.v1beta3.MsgDeleteProvider', value: MsgDeleteProvider.encode(MsgDeleteProvider.fromPartial({ owner: p.address })).finish() }
    const tx = this.tx(p.address, [m], [])
    return { tx: tx.tx, events: [], code: 10, codespace: 'provider', log: 'failed to execute message; message index: 0: NOTIMPLEMENTED: internal error' }
  }

  private createDeployment(height: number): SimTx {
    const owner = this.rnd.pick(this.tenants)
    const dseq = height * 10 + this.rnd.int(0, 10)
    // node v2 refuses deployments not priced in uact (x/deployment/handler/server.go); existing ones keep their denom here
    const drawn = this.rnd.next() < 0.2 ? USDC_DENOM : UAKT
    const denom = this.v2 ? UACT : drawn
    const groups = this.rnd.next() < 0.15 ? 2 : 1
    const specs = []
    let usdPerHour = 0
    for (let g = 0; g < groups; g++) {
      const gpuModel = this.rnd.next() < 0.3 ? this.rnd.pick(GPU_MODELS) : null
      const gpus = gpuModel ? this.rnd.pick([1, 1, 1, 2, 4, 8]) : 0
      const cpu = this.rnd.pick([500, 1000, 2000, 4000, 8000])
      const mem = BigInt(this.rnd.pick([512, 1024, 2048, 4096, 16384, 32768])) * 1024n * 1024n
      const storage = BigInt(this.rnd.pick([1, 5, 10, 50, 100])) * 1024n ** 3n
      const count = this.rnd.pick([1, 1, 1, 2, 3])
      usdPerHour += count * (cpu / 1000) * 0.004 + (gpuModel ? count * gpus * gpuModel.usdPerHour : 0)
      const val = (v: bigint | number) => ({ val: new TextEncoder().encode(String(v)) })
      // a GPU group sometimes has a second unit with another model (a lease holding GPUs of two models)
      const second = gpuModel && this.rnd.next() < 0.25 ? GPU_MODELS.find((m) => m.model !== gpuModel.model)! : null
      if (second) usdPerHour += second.usdPerHour
      const gpuAttrs = (m: (typeof GPU_MODELS)[number]) => [{ key: `vendor/nvidia/model/${m.model}`, value: 'true' }, { key: `vendor/nvidia/model/${m.model}/ram/${m.ram}`, value: 'true' }]
      specs.push({
        name: `group-${g + 1}`,
        requirements: { signedBy: { allOf: [], anyOf: [] }, attributes: [{ key: 'host', value: 'akash' }] },
        resources: [{
          resource: {
            id: 1,
            cpu: { units: val(cpu), attributes: [] },
            memory: { quantity: val(mem), attributes: [] },
            storage: [{ name: 'default', quantity: val(storage), attributes: [] }],
            gpu: { units: val(gpus), attributes: gpuModel ? gpuAttrs(gpuModel) : [] },
            endpoints: [{ kind: 0, sequenceNumber: 0 }],
          },
          count,
          price: { denom, amount: decString(this.pricePerBlock(usdPerHour * 3, denom)) },
        }, ...(second ? [{
          resource: {
            id: 2,
            cpu: { units: val(1000), attributes: [] },
            memory: { quantity: val(8n * 1024n ** 3n), attributes: [] },
            storage: [{ name: 'default', quantity: val(20n * 1024n ** 3n), attributes: [] }],
            gpu: { units: val(1), attributes: gpuAttrs(second) },
            endpoints: [],
          },
          count: 1,
          price: { denom, amount: decString(this.pricePerBlock(second.usdPerHour * 3, denom)) },
        }] : [])],
      })
    }
    // life: log-normal around 2 days; deposit covers 0.3x..1.6x of it (some run dry)
    const lifeHours = Math.min(24 * 40, Math.max(1, Math.exp(Math.log(48) + 1.1 * this.rnd.normal())))
    const blocks = Math.ceil((lifeHours * 3600) / this.blockSeconds)
    const est = this.pricePerBlock(usdPerHour, denom) * BigInt(blocks)
    const depositUnits = BigInt(Math.floor(Math.max(5_000_000, Number(est / DEC) * this.rnd.between(0.3, 1.6))))
    const d: Deployment = { owner, dseq, denom, balance: depositUnits * DEC, settled: height, leases: [], closeAt: height + blocks, groups, unpaid: new Map() }
    this.deployments.set(`${owner}/${dseq}`, d)
    const version = createHash('sha256').update(`${owner}/${dseq}`).digest()
    const coin = { denom, amount: depositUnits.toString() }
    const m = this.v1
      ? { typeUrl: '/akash.deployment.v1beta4.MsgCreateDeployment', value: v1beta4.MsgCreateDeployment.encode(v1beta4.MsgCreateDeployment.fromPartial({ id: { owner, dseq } as any, groups: specs as any, hash: version, deposit: { amount: coin, sources: [1] } })).finish() }
      : { typeUrl: '/akash.deployment.v1beta3.MsgCreateDeployment', value: MsgCreateDeployment.encode(MsgCreateDeployment.fromPartial({ id: { owner, dseq } as any, groups: specs as any, version, deposit: coin, depositor: owner })).finish() }
    const events = [
      this.mev('deployment', 'deployment-created', { owner, dseq, version }),
      ...specs.map((_, g) => this.mev('market', 'order-created', { owner, dseq, gseq: g + 1, oseq: 1 })),
      ...this.transfer(owner, ESCROW_ACCOUNT, depositUnits, denom),
    ]
    ;(d as any).usdPerHour = usdPerHour
    return this.tx(owner, [m], events)
  }

  private bid(d: Deployment): SimTx[] {
    const out: SimTx[] = []
    d.bids = []
    const usdPerHour = (d as any).usdPerHour as number
    for (let g = 1; g <= d.groups; g++) {
      const n = Math.min(this.providers.length, this.rnd.int(1, 4))
      const chosen = new Set<Provider>()
      while (chosen.size < n) chosen.add(this.rnd.pick(this.providers))
      for (const p of chosen) {
        const price = this.pricePerBlock((usdPerHour / d.groups) * this.rnd.between(0.6, 1.4), d.denom)
        d.bids.push({ gseq: g, provider: p.address, price })
        const m = this.v1
          ? { typeUrl: '/akash.market.v1beta5.MsgCreateBid', value: v1beta5.MsgCreateBid.encode(v1beta5.MsgCreateBid.fromPartial({
            id: { owner: d.owner, dseq: d.dseq, gseq: g, oseq: 1, provider: p.address, bseq: 0 } as any, price: { denom: d.denom, amount: decString(price) }, deposit: { amount: { denom: UAKT, amount: '500000' }, sources: [1] },
          })).finish() }
          : { typeUrl: '/akash.market.v1beta4.MsgCreateBid', value: MsgCreateBid.encode(MsgCreateBid.fromPartial({
            order: { owner: d.owner, dseq: d.dseq, gseq: g, oseq: 1 } as any, provider: p.address, price: { denom: d.denom, amount: decString(price) }, deposit: { denom: UAKT, amount: '500000' },
          })).finish() }
        out.push(this.tx(p.address, [m], [
          this.mev('market', 'bid-created', { owner: d.owner, dseq: d.dseq, gseq: g, oseq: 1, provider: p.address, price: { denom: d.denom, amount: price } }),
          ...this.transfer(p.address, ESCROW_ACCOUNT, 500_000n, UAKT),
        ]))
      }
    }
    return out
  }

  private lease(d: Deployment, height: number): SimTx {
    const msgs: { typeUrl: string; value: Uint8Array }[] = []
    const events: AbciEventJson[] = []
    for (let g = 1; g <= d.groups; g++) {
      const bids = (d.bids ?? []).filter((b) => b.gseq === g).sort((a, b) => (a.price < b.price ? -1 : 1))
      const win = bids[0]
      if (!win) continue
      d.leases.push({ gseq: g, provider: win.provider, price: win.price, opened: height })
      const msgIndex = msgs.length
      msgs.push(this.v1
        ? { typeUrl: '/akash.market.v1beta5.MsgCreateLease', value: v1beta5.MsgCreateLease.encode(v1beta5.MsgCreateLease.fromPartial({ bidId: { owner: d.owner, dseq: d.dseq, gseq: g, oseq: 1, provider: win.provider, bseq: 0 } as any })).finish() }
        : { typeUrl: '/akash.market.v1beta4.MsgCreateLease', value: MsgCreateLease.encode(MsgCreateLease.fromPartial({ bidId: { owner: d.owner, dseq: d.dseq, gseq: g, oseq: 1, provider: win.provider } as any })).finish() })
      events.push(this.mev('market', 'lease-created', { owner: d.owner, dseq: d.dseq, gseq: g, oseq: 1, provider: win.provider, price: { denom: d.denom, amount: win.price }, msgIndex }))
      for (const lost of bids.slice(1)) {
        events.push(this.mev('market', 'bid-closed', { owner: d.owner, dseq: d.dseq, gseq: g, oseq: 1, provider: lost.provider, price: { denom: d.denom, amount: lost.price }, msgIndex }))
        events.push(...this.transfer(ESCROW_ACCOUNT, lost.provider, 500_000n, UAKT))
      }
    }
    d.bids = undefined
    d.settled = height
    return this.tx(d.owner, msgs, events)
  }

  /** The block at `height`, time `time` (unix seconds). Advances the model. */
  block(height: number, time: number): SimBlock {
    this.height = height
    const txs: SimTx[] = []
    if (height === 1 || (height < 6 && this.providers.length < 12 * this.density)) {
      for (let i = 0; i < 3 * this.density; i++) txs.push(this.registerProvider())
    } else if (this.rnd.next() < (this.density * this.blockSeconds) / (3 * 86_400)) {
      txs.push(this.registerProvider())
    } else if (this.providers.length && this.rnd.next() < (this.density * this.blockSeconds) / (5 * 86_400)) {
      const p = this.rnd.pick(this.providers)
      // an update re-declares the attributes; half of them add a GPU model (new hardware)
      if (this.rnd.next() < 0.5) {
        const g = this.rnd.pick(GPU_MODELS).model
        if (!p.gpus.includes(g)) p.gpus.push(g)
      }
      const fields = { owner: p.address, hostUri: p.hostUri, attributes: providerAttributes(p), info: { email: '', website: '' } }
      const m = this.v1
        ? { typeUrl: '/akash.provider.v1beta4.MsgUpdateProvider', value: v1beta4.MsgUpdateProvider.encode(v1beta4.MsgUpdateProvider.fromPartial(fields)).finish() }
        : { typeUrl: '/akash.provider.v1beta3.MsgUpdateProvider', value: MsgUpdateProvider.encode(MsgUpdateProvider.fromPartial(fields)).finish() }
      txs.push(this.tx(p.address, [m], [this.mev('provider', 'provider-updated', { owner: p.address })]))
    } else if (this.providers.length && this.rnd.next() < (this.density * this.blockSeconds) / (0.5 * 86_400)) {
      txs.push(this.deleteProvider())
    }
    // existing deployments first (sorted for determinism): leases from last block's bids, closes, deposits
    for (const d of [...this.deployments.values()].sort((a, b) => a.dseq - b.dseq || a.owner.localeCompare(b.owner))) {
      if (d.bids) {
        txs.push(this.lease(d, height))
        continue
      }
      if (d.leases.length === 0) {
        if (height > d.settled + 1) txs.push(...this.bid(d))
        continue
      }
      if (d.dryAt == null) this.settle(d, height) // keeps dryAt current (the chain knows it at the next withdrawal)
      if (d.dryAt != null) {
        d.closeByWithdrawAt ??= height + this.rnd.int(1, Math.ceil(6 * this.blocksPerHour()))
        if (height >= d.closeByWithdrawAt) txs.push(this.closeDeployment(d, height, d.leases[0].provider, 'escrow'))
        continue
      }
      if (height >= d.closeAt) {
        txs.push(this.closeDeployment(d, height, d.owner, 'tenant'))
        continue
      }
      if (this.rnd.next() < this.blockSeconds / (4 * 86_400)) {
        const amount = BigInt(this.rnd.int(5, 50)) * 1_000_000n
        d.balance += amount * DEC
        this.chainEvents++ // the indexer's deployment/deposit
        const coin = { denom: d.denom, amount: amount.toString() }
        const m = this.v1
          ? { typeUrl: '/akash.escrow.v1.MsgAccountDeposit', value: v1.MsgAccountDeposit.encode(v1.MsgAccountDeposit.fromPartial({ signer: d.owner, id: { scope: 1, xid: `${d.owner}/${d.dseq}` }, deposit: { amount: coin, sources: [1] } })).finish() }
          : { typeUrl: '/akash.deployment.v1beta3.MsgDepositDeployment', value: MsgDepositDeployment.encode(MsgDepositDeployment.fromPartial({ id: { owner: d.owner, dseq: d.dseq } as any, amount: coin, depositor: d.owner })).finish() }
        txs.push(this.tx(d.owner, [m], this.transfer(d.owner, ESCROW_ACCOUNT, amount, d.denom)))
      }
    }
    // new deployments: about one per 40 minutes (x density)
    if (this.providers.length) {
      const n = this.rnd.poisson((this.density * this.blockSeconds) / 2400)
      for (let i = 0; i < n; i++) txs.push(this.createDeployment(height))
    }
    // x/mint block provision
    const blocksPerYear = BigInt(Math.round((365.25 * 86_400) / this.blockSeconds))
    const provision = this.annualProvisions / blocksPerYear
    const beginEvents = [
      ev('coin_received', [['receiver', MINT], ['amount', `${provision}${UAKT}`]]),
      ev('coinbase', [['minter', MINT], ['amount', `${provision}${UAKT}`]]),
      ev('coin_spent', [['spender', MINT], ['amount', `${provision}${UAKT}`]]),
      ev('coin_received', [['receiver', FEE_COLLECTOR], ['amount', `${provision}${UAKT}`]]),
      ev('transfer', [['recipient', FEE_COLLECTOR], ['sender', MINT], ['amount', `${provision}${UAKT}`]]),
      ev('mint', [['bonded_ratio', '0.470000000000000000'], ['inflation', '0.130000000000000000'], ['annual_provisions', `${this.annualProvisions}.000000000000000000`], ['amount', String(provision)]]),
    ]
    const endEvents = height === this.takeChangeHeight
      ? [ev('active_proposal', [['proposal_id', '1'], ['proposal_result', 'proposal_passed'], ['proposal_log', 'proposal tally passed']])]
      : []
    // x/gov burns the deposit of a vetoed proposal (x/bank burn event from the gov module account), about one a day
    if (height !== this.takeChangeHeight && this.rnd.next() < this.blockSeconds / 86_400) {
      const burned = BigInt(this.rnd.int(100, 5_000)) * 1_000_000n
      endEvents.push(
        ev('active_proposal', [['proposal_id', String(height)], ['proposal_result', 'proposal_rejected'], ['proposal_log', 'proposal did not pass']]),
        ev('coin_spent', [['spender', GOV], ['amount', `${burned}${UAKT}`]]),
        ev('burn', [['burner', GOV], ['amount', `${burned}${UAKT}`]]),
      )
      this.supply -= burned
      this.chainEvents++ // the burn event
    }
    this.supply += provision
    this.chainEvents++ // the block's mint event
    return { height, time, txs, beginEvents, endEvents, v1: this.v1, v2: this.v2, supply: this.supply }
  }
}
