/**
 * Akash Network (compute marketplace: deployments, orders, bids, leases paid per block from an escrow account) on
 * its own Cosmos SDK chain, read over CometBFT JSON-RPC (indexer/sources/cometbft).
 *
 * Event names, attribute keys and message types: github.com/akash-network/akash-api, go/node/market/v1beta4/event.go
 * (order-/bid-/lease-created/closed with owner, dseq, gseq, oseq, provider, price-denom, price-amount),
 * go/node/deployment/v1beta3/event.go (deployment-created/updated/closed with owner, dseq, version; group-* with
 * gseq), go/node/provider/v1beta3/event.go (provider-created/updated/deleted with owner). The v0.38 node (go.mod of
 * akash-network/node v0.38.0: Cosmos SDK 0.45.16, Tendermint 0.34.27) emits them as `message` events with `module`
 * and `action` attributes (ToSDKEvent); Tendermint 0.34 serves attribute keys and values base64-encoded, decoded to
 * text by the source (indexer/sources/cometbft/decode.ts) before they reach this handler. Messages are decoded with the protobuf types of @akashnetwork/akash-api 1.4.3.
 * Bank `transfer` / `burn` and mint `mint` events are the Cosmos SDK's (x/bank, x/mint).
 *
 * Lease spend follows the Akash Console: a lease costs its price (a DecCoin per block) for every block from its
 * creation until it closes or its deployment's escrow account runs dry (predicted close height = settled height +
 * balance / Σ prices of the deployment's leases). The fee accrues hourly (FEE_PAID at the first block of each UTC
 * hour, and at close); the take rate comes from the x/take parameters read over abci_query (provenance `onchain`),
 * or configuration (4% AKT, 20% USDC, provenance `config`) while the node cannot answer.
 */
import { createHash } from 'node:crypto'
import { bech32 } from '@scure/base'
import { FactKind } from '../model'
import { akashnet } from './chains'
import { QuerySupplyOfRequest, QuerySupplyOfResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query'
import { QueryParamsRequest as ParamsQueryRequest, QueryParamsResponse as ParamsQueryResponse } from 'cosmjs-types/cosmos/params/v1beta1/query'
import { Take_QueryParamsRequest, Take_QueryParamsResponse } from '@akashnetwork/chain-sdk/private-types/akash.v1'
import type { AbciEvent, AbciQuery, CosmosBlockInput, CosmosBlockOutput, CosmosEventOut, FactDraft, NetworkDef, StateAccess, TokenDef } from './types'

const API = 'github.com/akash-network/akash-api (go/node/{market/v1beta4,deployment/v1beta3,provider/v1beta3}/event.go; proto/node), @akashnetwork/akash-api 1.4.3 on npm; v1 node: github.com/akash-network/chain-sdk (proto/node/akash/{market/v1,deployment/v1,provider/v1beta4}/event.proto), github.com/akash-network/node x/*/keeper (EmitTypedEvent), @akashnetwork/chain-sdk 1.0.0-alpha.25 on npm'

/**
 * AKT: the native coin, denom uakt (6 decimals). No max supply on chain: x/mint issues the block provision at the
 * inflation its parameters set, without a cap (the 388,539,008 AKT of early tokenomics papers is not enforced), so
 * FDV is price x total supply (fdvBasis total-supply).
 */
export const AKT: TokenDef = { symbol: 'AKT', address: null, decimals: 6, maxSupply: null }
export const UAKT = 'uakt'
/**
 * USDC on Akash: Axelar USDC over IBC (Akash docs, "Stable Payment": "currently only Axelar USDC (usdc) is supported";
 * the same denom is the Akash Console's usdcIbcDenoms[mainnetId]).
 */
export const USDC_DENOM = 'ibc/170C677610AC31DF0904FFE09CD3B5C657492170E7E52372E48756B71E56F2F1'
export const USDC: TokenDef = { symbol: 'USDC', address: null, decimals: 6, maxSupply: null }
/**
 * ACT (Akash Compute Token), denom uact: node v2 prices every new deployment in it (akash-network/node v2.0.0,
 * x/deployment/handler/server.go: a group price not in uact is refused, "unsupported denomination"). Its bank
 * metadata (upgrades/software/v2.0.0/upgrade.go): base uact, mact exponent 3, act exponent 6 -> 6 decimals; minted
 * and burned against AKT by x/bme, not sendable. Its USD value is fixed by the chain: x/oracle's
 * GetAggregatedPrice answers 1 for act ("ACT is always pegged to 1USD"), which x/bme uses as the price of ACT when
 * it swaps AKT and ACT.
 */
export const ACT: TokenDef = { symbol: 'ACT', address: null, decimals: 6, maxSupply: null }
export const UACT = 'uact'

/**
 * Take rate per payment denom in percent as configured: the fallback (provenance `config`) while the x/take
 * parameters cannot be read from the chain (TAKE_PARAMS_QUERY).
 */
export const TAKE_RATE_PERCENT: Record<string, bigint> = { [UAKT]: 4n, [USDC_DENOM]: 20n, [UACT]: 0n }

/**
 * Denoms paid without a take: ACT. Node v2.0.0 removed x/take (the upgrade deletes its store; app.go no longer
 * wires it) and x/escrow's paymentWithdraw sends a lease's whole balance to the provider; the protocol earns
 * through x/bme's mint spread instead, which is not a per-lease take. Applies unless take parameters read from the
 * chain name the denom.
 */
export const NO_TAKE_DENOMS = new Set([UACT])

/** x/take parameters as read from the chain: percent per denom, the default for other denoms, where from. */
export interface TakeParams {
  denomRates: Record<string, number>
  defaultRate: number
  /** the query that answered */
  path: string
}
const TAKE_STATE = 'take-params'

/** Decodes x/take parameters (akash.take.v1 QueryParamsResponse, or the v0.38 node's x/params subspace values). */
export async function readTakeParams(query: AbciQuery, height: number): Promise<TakeParams | null> {
  // v1 node: the take module's own query service
  const v1Path = '/akash.take.v1.Query/Params'
  const r = await query(v1Path, Take_QueryParamsRequest.encode(Take_QueryParamsRequest.fromPartial({})).finish(), height)
  if (r.code === 0) {
    const p = Take_QueryParamsResponse.decode(r.value).params
    if (!p) throw new Error(`${v1Path}: no params in the response`)
    // a v1 node asked for a height before its upgrade reads an empty take store: not an answer (x/params below is)
    if (p.defaultTakeRate !== 0 || p.denomTakeRates.length) return { denomRates: Object.fromEntries(p.denomTakeRates.map((d) => [d.denom, d.rate])), defaultRate: p.defaultTakeRate, path: v1Path }
  }
  // v0.38 node: take keeps its params in the x/params subspace "take" (values as amino JSON); its Query service is empty
  const paramsPath = '/cosmos.params.v1beta1.Query/Params'
  const get = async (key: string) => {
    const x = await query(paramsPath, ParamsQueryRequest.encode({ subspace: 'take', key }).finish(), height)
    if (x.code !== 0) return null
    return JSON.parse(ParamsQueryResponse.decode(x.value).param?.value ?? 'null') as unknown
  }
  const def = await get('DefaultTakeRate')
  const denoms = await get('DenomTakeRates')
  if (def == null || !Array.isArray(denoms)) return null
  const rate = (v: unknown) => {
    const n = Number(v)
    if (!Number.isInteger(n) || n < 0 || n > 100) throw new Error(`take rate is not a percentage: ${JSON.stringify(v)}`)
    return n
  }
  return { denomRates: Object.fromEntries(denoms.map((d: any) => [String(d.denom), rate(d.rate)])), defaultRate: rate(def), path: `${paramsPath} take/{DefaultTakeRate,DenomTakeRates}` }
}

/** x/bank total supply of uakt as read from the chain (state after `height`). */
export interface BankSupply {
  amount: string
  path: string
}
const SUPPLY_QUERY = 'bank-supply'
/** supply the handler has accounted for: the opening balance, then + mints - burns of the indexed blocks */
const SUPPLY_TRACKED = 'supply-tracked'
/** a supply reading of a height not reached yet (read at the head when the start height's state was pruned) */
const SUPPLY_PENDING = 'supply-pending'

export async function readBankSupply(query: AbciQuery, height: number): Promise<BankSupply | null> {
  const path = '/cosmos.bank.v1beta1.Query/SupplyOf'
  const r = await query(path, QuerySupplyOfRequest.encode({ denom: UAKT }).finish(), height)
  if (r.code !== 0) return null
  const c = QuerySupplyOfResponse.decode(r.value).amount
  if (!c || c.denom !== UAKT || !/^\d+$/.test(c.amount)) throw new Error(`${path}: unexpected answer ${JSON.stringify(c)}`)
  return { amount: c.amount, path }
}

/**
 * The chain's supply against what the handler accounted for: the first reading gives the opening balance
 * (SUPPLY_MINT, subject opening-balance: the genesis supply and everything before the indexed range), later
 * readings a reconciliation (SUPPLY_MINT / SUPPLY_BURN of an unexplained difference, subject supply-reconciliation).
 */
function supplyFacts(state: StateAccess, s: BankSupply): FactDraft[] {
  const tracked = state.get<{ amount: string; opened: boolean }>(SUPPLY_TRACKED) ?? { amount: '0', opened: false }
  const diff = BigInt(s.amount) - BigInt(tracked.amount)
  state.set(SUPPLY_TRACKED, { amount: s.amount, opened: true })
  if (diff === 0n) return []
  const subject = tracked.opened ? 'supply-reconciliation' : 'opening-balance'
  return [{ kind: diff > 0n ? FactKind.SUPPLY_MINT : FactKind.SUPPLY_BURN, asset: AKT.symbol, amount: diff > 0n ? diff : -diff, decimals: AKT.decimals, actor: null, subject, provenance: 'onchain' }]
}

/** Governance changed parameters in this block (a passed proposal), or a take MsgUpdateParams was executed. */
export const paramsMayChange = (b: CosmosBlockInput) =>
  b.blockEvents.some((e) => e.type === 'active_proposal' && e.attributes.some((a) => a.key === 'proposal_result' && a.value === 'proposal_passed')) ||
  b.txs.some((t) => t.code === 0 && t.events.some((e) => e.type === 'message' && e.attributes.some((a) => a.key === 'action' && /^\/akash\.take\.v1\w*\.MsgUpdateParams$/.test(a.value))))

/** The take rate of a denom and its provenance: chain parameters when read, the configured rate otherwise. */
export function takeRateOf(state: StateAccess, denom: string): { percent: bigint; provenance: 'onchain' | 'config' } {
  const p = state.get<TakeParams>(TAKE_STATE)
  if (p && p.denomRates[denom] != null) return { percent: BigInt(p.denomRates[denom]), provenance: 'onchain' }
  // ACT: no take module on the node that prices in it (a default rate read from an older node does not apply)
  if (NO_TAKE_DENOMS.has(denom)) return { percent: 0n, provenance: 'config' }
  if (p) return { percent: BigInt(p.defaultRate), provenance: 'onchain' }
  return { percent: TAKE_RATE_PERCENT[denom] ?? 0n, provenance: 'config' }
}

/** Cosmos SDK LegacyDec: 18 decimal places; prices per block are DecCoins. */
export const DEC_SCALE = 10n ** 18n

/** Module account address (x/auth: first 20 bytes of sha256(module name)) with the akash prefix. */
export const moduleAddress = (name: string) => bech32.encode('akash', bech32.toWords(createHash('sha256').update(name).digest().subarray(0, 20)))
export const ESCROW_ACCOUNT = moduleAddress('escrow')
export const DISTRIBUTION_ACCOUNT = moduleAddress('distribution')

const assetOfDenom = (denom: string): TokenDef | undefined => (denom === UAKT ? AKT : denom === USDC_DENOM ? USDC : denom === UACT ? ACT : undefined)

/** Parses a LegacyDec string ("1.378800000000000000", "12") into an integer scaled by 1e18. */
export function parseDec(s: string): bigint {
  const m = /^(\d+)(?:\.(\d{1,18}))?$/.exec(s.trim())
  if (!m) throw new Error(`not a decimal: "${s}"`)
  return BigInt(m[1]) * DEC_SCALE + BigInt((m[2] ?? '').padEnd(18, '0'))
}

/** Parses an SDK coins string ("5000000uakt,12ibc/ABC...") into [amount, denom] pairs. */
export function parseCoins(s: string): { amount: bigint; denom: string }[] {
  if (!s) return []
  return s.split(',').map((c) => {
    const m = /^(\d+)([a-zA-Z][a-zA-Z0-9/:._-]{2,127})$/.exec(c.trim())
    if (!m) throw new Error(`not a coin: "${c}"`)
    return { amount: BigInt(m[1]), denom: m[2] }
  })
}

/** Resources of a deployment group: totals over its resource units (count x unit). */
export interface GroupResources {
  /** CPU in millicores */
  cpu: string
  memoryBytes: string
  storageBytes: string
  gpu: number
  /** GPU model(s) from the units' attributes (vendor/<v>/model/<m>), comma-separated */
  gpuModel: string | null
  /**
   * GPUs per model: each resource unit's GPUs under its model (`vendor/model`); a unit that accepts several models
   * (several model attributes: the provider picks one) under those models joined with `|`, one without a model
   * attribute under `unknown`. Sums to `gpu`.
   */
  gpuByModel?: Record<string, number>
}

/** Handler state of a deployment: its escrow account and its groups' resources. Amounts scaled by 1e18. */
export interface AkashDeploymentState {
  owner: string
  denom: string
  /** escrow balance left, in denom base units x 1e18 */
  balance: string
  /** height up to which the leases of this deployment have been charged */
  settled: number
  /** height at which the escrow ran dry (no accrual after it), or null */
  exhaustedAt: number | null
  groups: Record<string, GroupResources>
  /** open leases (ids) of this deployment */
  leases: string[]
}

export interface AkashLeaseState {
  owner: string
  provider: string
  denom: string
  /** price per block, denom base units x 1e18 */
  price: string
  openedHeight: number
  /** spent so far, base units x 1e18 */
  spent: string
  resources: GroupResources | null
}

const depKey = (owner: string, dseq: string) => `dep:${owner}/${dseq}`
const leaseKey = (id: string) => `lease:${id}`
const OPEN_DEPLOYMENTS = 'open-deployments'
const LAST_HOUR = 'last-hour'

export const leaseIdOf = (a: Record<string, string>) => `${a.owner}/${a.dseq}/${a.gseq}/${a.oseq}/${a.provider}`

/** Resources of each group of a MsgCreateDeployment (protobuf-decoded, @akashnetwork/akash-api v1beta3), by gseq. */
export function groupResources(msg: any): Record<string, GroupResources> {
  const out: Record<string, GroupResources> = {}
  const num = (v: Uint8Array | undefined) => {
    if (!v || v.length === 0) return 0n
    const s = new TextDecoder().decode(v)
    if (!/^\d+$/.test(s)) throw new Error(`resource value is not an integer: "${s}"`)
    return BigInt(s)
  }
  ;(msg.groups ?? []).forEach((g: any, i: number) => {
    let cpu = 0n
    let memory = 0n
    let storage = 0n
    let gpu = 0n
    const models = new Set<string>()
    const byModel: Record<string, bigint> = {}
    for (const ru of g.resources ?? []) {
      const count = BigInt(ru.count ?? 0)
      const r = ru.resource ?? {}
      cpu += num(r.cpu?.units?.val) * count
      memory += num(r.memory?.quantity?.val) * count
      for (const s of r.storage ?? []) storage += num(s.quantity?.val) * count
      const gpus = num(r.gpu?.units?.val) * count
      gpu += gpus
      if (gpus > 0n) {
        const unit = new Set<string>()
        for (const a of r.gpu?.attributes ?? []) {
          const m = /^vendor\/([^/]+)\/model\/([^/]+)/.exec(a.key ?? '')
          if (m) unit.add(`${m[1]}/${m[2]}`)
        }
        unit.forEach((m) => models.add(m))
        const key = unit.size ? [...unit].sort().join('|') : 'unknown'
        byModel[key] = (byModel[key] ?? 0n) + gpus
      }
    }
    out[String(i + 1)] = {
      cpu: cpu.toString(), memoryBytes: memory.toString(), storageBytes: storage.toString(), gpu: Number(gpu), gpuModel: models.size ? [...models].sort().join(',') : null,
      gpuByModel: Object.fromEntries(Object.entries(byModel).sort(([a], [b]) => a.localeCompare(b)).map(([m, n]) => [m, Number(n)])),
    }
  })
  return out
}

/** Attributes of an event as a record (the last value wins for a repeated key, as in sdkutil.GetString). */
export const attrs = (e: AbciEvent): Record<string, string> => Object.fromEntries(e.attributes.map((a) => [a.key, a.value]))

/** Base units (floor of the 1e18-scaled amount). */
export const units = (scaled: bigint) => scaled / DEC_SCALE

function feeFacts(lease: AkashLeaseState, id: string, before: bigint, after: bigint, state: StateAccess): FactDraft[] {
  const asset = assetOfDenom(lease.denom)
  const paid = units(after) - units(before)
  if (!asset || paid <= 0n) return []
  const rate = takeRateOf(state, lease.denom)
  const take = (paid * rate.percent) / 100n
  const out: FactDraft[] = [
    { kind: FactKind.FEE_PAID, asset: asset.symbol, amount: paid, decimals: asset.decimals, actor: lease.provider, counterparty: lease.owner, subject: id, provenance: 'inferred' },
  ]
  if (take > 0n) out.push({ kind: FactKind.PROTOCOL_TAKE, asset: asset.symbol, amount: take, decimals: asset.decimals, actor: null, counterparty: lease.owner, subject: id, provenance: rate.provenance })
  return out
}

/**
 * Charges a deployment's open leases from `settled` up to `height`, capped by its escrow balance (the Console's
 * predicted close height). Returns the FEE_PAID / PROTOCOL_TAKE facts of what accrued. Pure over the state.
 */
export function settleDeployment(state: StateAccess, key: string, height: number): FactDraft[] {
  const d = state.get<AkashDeploymentState>(key)
  if (!d) return []
  const out: FactDraft[] = []
  if (height > d.settled && d.exhaustedAt == null && d.leases.length) {
    const leases = d.leases.map((id) => [id, state.get<AkashLeaseState>(leaseKey(id))!] as const).filter(([, l]) => l)
    const rate = leases.reduce((s, [, l]) => s + BigInt(l.price), 0n)
    let balance = BigInt(d.balance)
    let blocks = BigInt(height - d.settled)
    if (rate > 0n && rate * blocks > balance) {
      blocks = balance / rate
      d.exhaustedAt = d.settled + Number(blocks)
    }
    for (const [id, l] of leases) {
      const before = BigInt(l.spent)
      const after = before + BigInt(l.price) * blocks
      balance -= BigInt(l.price) * blocks
      out.push(...feeFacts(l, id, before, after, state))
      state.set(leaseKey(id), { ...l, spent: after.toString() })
    }
    d.balance = balance.toString()
  }
  d.settled = Math.max(d.settled, height)
  state.set(key, d)
  return out
}

/** Predicted height at which a deployment's escrow runs dry at its current rate (Akash Console), or null. */
export function predictedCloseHeight(d: AkashDeploymentState, leases: AkashLeaseState[]): number | null {
  const rate = leases.reduce((s, l) => s + BigInt(l.price), 0n)
  if (rate === 0n) return null
  return d.settled + Number(BigInt(d.balance) / rate)
}

const MODULES = new Set(['deployment', 'market', 'provider'])

/**
 * Typed events of the v1 node (Akash v1.0+, Cosmos SDK 0.50, chain-sdk `pkg.akt.dev/go`: x/market and x/deployment
 * keepers call EmitTypedEvent with akash.market.v1 / akash.deployment.v1 / akash.provider.v1beta4 messages). The
 * event type is the message's full name; each field is one attribute whose value is the field's proto JSON
 * (`id` = {"owner","dseq" (uint64 as a string),"gseq","oseq","provider","bseq"}, `price` = DecCoin). They map onto
 * the legacy `module/action` names, so both generations give the same normalized events and facts.
 */
export const TYPED_EVENTS: Record<string, string> = {
  'akash.deployment.v1.EventDeploymentCreated': 'deployment/deployment-created',
  'akash.deployment.v1.EventDeploymentUpdated': 'deployment/deployment-updated',
  'akash.deployment.v1.EventDeploymentClosed': 'deployment/deployment-closed',
  'akash.deployment.v1.EventGroupStarted': 'deployment/group-started',
  'akash.deployment.v1.EventGroupPaused': 'deployment/group-paused',
  'akash.deployment.v1.EventGroupClosed': 'deployment/group-closed',
  'akash.market.v1.EventOrderCreated': 'market/order-created',
  'akash.market.v1.EventOrderClosed': 'market/order-closed',
  'akash.market.v1.EventBidCreated': 'market/bid-created',
  'akash.market.v1.EventBidClosed': 'market/bid-closed',
  'akash.market.v1.EventLeaseCreated': 'market/lease-created',
  'akash.market.v1.EventLeaseClosed': 'market/lease-closed',
  'akash.market.v1.EventLeaseReclaimStarted': 'market/lease-reclaim-started',
  'akash.provider.v1beta4.EventProviderCreated': 'provider/provider-created',
  'akash.provider.v1beta4.EventProviderUpdated': 'provider/provider-updated',
  'akash.provider.v1beta4.EventProviderDeleted': 'provider/provider-deleted',
}
/** Typed events of other Akash modules of the v1 node: recorded as raw events (no economic fact here). */
export const RAW_ONLY_TYPED = /^akash\.(audit\.v1|oracle\.v[12]|bme\.v1|epochs\.v1beta1|wasm\.v1)\.Event\w+$/

/**
 * A typed event's attributes -> the legacy attribute record: objects are flattened (`id` -> owner, dseq, gseq,
 * oseq, provider, bseq; `price` -> price-denom, price-amount), `hash` (base64 bytes) -> version (hex), scalars
 * as strings. `msg_index` and `mode` (added by the SDK) are kept as they are. Throws on a value that is not JSON.
 */
export function typedEventArgs(e: AbciEvent): Record<string, string> {
  const out: Record<string, string> = { event: e.type }
  for (const { key, value } of e.attributes) {
    if (key === 'msg_index' || key === 'mode') {
      out[key] = value
      continue
    }
    let v: unknown
    try {
      v = JSON.parse(value)
    } catch {
      throw new Error(`attribute ${key} is not JSON: ${JSON.stringify(value.slice(0, 80))}`)
    }
    if (key === 'price' && v && typeof v === 'object') {
      const p = v as { denom?: unknown; amount?: unknown }
      out['price-denom'] = String(p.denom ?? '')
      out['price-amount'] = String(p.amount ?? '')
    } else if (key === 'hash' && typeof v === 'string') {
      out.version = Buffer.from(v, 'base64').toString('hex')
    } else if (v && typeof v === 'object' && !Array.isArray(v)) {
      for (const [k, x] of Object.entries(v)) out[k] = x != null && typeof x === 'object' ? JSON.stringify(x) : String(x)
    } else {
      out[key] = typeof v === 'string' ? v : JSON.stringify(v)
    }
  }
  return out
}

/** The events and messages the Akash handler reads (docs/networks.md). */
const EVENT_DEFS = [
  { name: 'deployment/deployment-created', meaning: 'A tenant creates a deployment (owner, dseq, version = SDL hash). Its escrow deposit and group resources come from the MsgCreateDeployment of the same transaction.', facts: false },
  { name: 'deployment/deployment-updated', meaning: 'New SDL version of a deployment. Raw only.', facts: false },
  { name: 'deployment/deployment-closed', meaning: 'A deployment closes (its leases close with lease-closed events): FEE_PAID / PROTOCOL_TAKE of what its leases accrued since the last booking, then its escrow state is dropped.', facts: true },
  { name: 'deployment/group-closed', meaning: 'A deployment group closes. Raw only.', facts: false },
  { name: 'market/order-created', meaning: 'An order per group opens for bids (owner, dseq, gseq, oseq). Raw only.', facts: false },
  { name: 'market/order-closed', meaning: 'An order closes. Raw only.', facts: false },
  { name: 'market/bid-created', meaning: 'A provider bids price-amount price-denom per block on an order. Raw only.', facts: false },
  { name: 'market/bid-closed', meaning: 'A bid closes. Raw only.', facts: false },
  { name: 'market/lease-created', meaning: 'A lease starts: LEASE_OPENED (subject owner/dseq/gseq/oseq/provider, actor provider, counterparty owner, amount = price per block in base units x 1e18, decimals + 18). Charged from this height.', facts: true },
  { name: 'market/lease-closed', meaning: 'A lease ends (by the tenant, the provider, or escrow exhaustion): last FEE_PAID accrual and LEASE_CLOSED with what it cost over its life (inferred; base units x 1e18, decimals + 18, like the price).', facts: true },
  { name: 'provider/provider-created', meaning: 'A provider registers (owner): NODE_REGISTERED, one provider.', facts: true },
  { name: 'provider/provider-updated', meaning: 'A provider changes its host URI or attributes: NODE_UPDATE.', facts: true },
  { name: 'provider/provider-deleted', meaning: 'A provider leaves: NODE_DEREGISTERED, one provider.', facts: true },
  { name: 'mint', meaning: 'x/mint block provision (amount uakt): SUPPLY_MINT and REWARD_EMITTED (staking incentives paid by inflation to validators and delegators; no provider actor).', facts: true },
  { name: 'burn', meaning: 'x/bank burn of uakt: SUPPLY_BURN.', facts: true },
  { name: 'transfer (from the escrow module account)', meaning: 'Escrow payouts at withdrawal / close, take to the community pool, bid-deposit and balance refunds: raw only (payments and refunds are not distinguishable from the transfer alone).', facts: false },
  ...Object.entries(TYPED_EVENTS).map(([type, legacy]) => ({
    name: type, meaning: `v1 node (typed event, attributes as proto JSON): normalized to ${legacy}, the same facts.`, facts: ['deployment/deployment-closed', 'market/lease-created', 'market/lease-closed', 'provider/provider-created', 'provider/provider-updated', 'provider/provider-deleted'].includes(legacy),
  })),
  { name: 'akash.{audit.v1,oracle.v1,oracle.v2,bme.v1,epochs.v1beta1,wasm.v1}.Event*', meaning: 'Typed events of the v1 node\'s other modules: raw only. Any other akash.* typed event is quarantined (unknown type).', facts: false },
  { name: 'indexer/take-params', meaning: 'Not a chain event: x/take parameters read over abci_query changed (args: height, path, defaultRate, denomRates); takes booked after it use them.', facts: false },
  { name: 'indexer/bank-supply', meaning: 'Not a chain event: x/bank supply of uakt read over abci_query (args: height, supply, path): SUPPLY_MINT of the opening balance, or SUPPLY_MINT / SUPPLY_BURN reconciling the tracked supply (a later reading that agrees with the tracked supply is not recorded).', facts: true },
  { name: 'indexer/escrow-accrual', meaning: 'Not a chain event: the hourly accrual of open leases (first block of each UTC hour), recorded so its FEE_PAID / PROTOCOL_TAKE facts have a raw event.', facts: true },
]

const MESSAGE_DEFS = [
  { name: '/akash.deployment.v1beta3.MsgCreateDeployment', meaning: 'Escrow deposit (amount, denom) and group resources (CPU millicores, memory, storage, GPU count and model) of a new deployment.', facts: false },
  { name: '/akash.deployment.v1beta3.MsgDepositDeployment', meaning: 'Adds to a deployment\'s escrow balance (settled first, so earlier blocks are charged at the old balance).', facts: false },
  { name: '/akash.deployment.v1beta4.MsgCreateDeployment', meaning: 'v1 node: the same as v1beta3 (deposit is a Deposit { amount, sources }).', facts: false },
  { name: '/akash.escrow.v1.MsgAccountDeposit', meaning: 'v1 node: a deposit into an escrow account; deployment accounts (scope deployment, xid owner/dseq) as MsgDepositDeployment.', facts: false },
]

function handleBlock(block: CosmosBlockInput, state: StateAccess): CosmosBlockOutput {
  const events: CosmosEventOut[] = []
  let index = 0
  // x/take parameters read for this block: state before it (start of a run) apply now, state after it at the end
  const take = block.queries?.[TAKE_STATE] as { height: number; value: TakeParams } | undefined
  if (take && take.height < block.height) state.set(TAKE_STATE, take.value)
  let supply = block.queries?.[SUPPLY_QUERY] as { height: number; value: BankSupply } | undefined
  // a reading of a later height (pruned node: read at the head) waits in state until the indexer reaches it
  if (supply && supply.height > block.height) {
    state.set(SUPPLY_PENDING, supply)
    supply = undefined
  }
  const pending = state.get<{ height: number; value: BankSupply }>(SUPPLY_PENDING)
  if (!supply && pending && pending.height === block.height) {
    supply = pending
    state.delete(SUPPLY_PENDING)
  }
  // recorded when it tells something: the first reading (opening balance) or a difference from the tracked supply; a
  // reading that agrees (every restart reads the supply again) leaves no record, so a run resumed after a crash
  // writes the same rows as one uninterrupted run
  const supplyEvent = () => {
    const opened = state.get<{ opened: boolean }>(SUPPLY_TRACKED)?.opened ?? false
    const facts = supplyFacts(state, supply!.value)
    if (opened && !facts.length) return
    events.push({ index: index++, name: 'indexer/bank-supply', module: 'bank', txHash: '', args: { height: String(supply!.height), supply: supply!.value.amount, path: supply!.value.path }, facts })
  }
  if (supply && supply.height < block.height) supplyEvent()
  // hourly accrual of every open deployment at the first block of a new UTC hour
  const hour = Math.floor(block.timestamp / 3_600_000)
  const lastHour = state.get<number>(LAST_HOUR)
  if (lastHour != null && hour !== lastHour) {
    // a closed deployment leaves the list here, not at its close (its state key is gone then): one pass per hour
    const listed = state.get<string[]>(OPEN_DEPLOYMENTS) ?? []
    // (and a deployment closed and opened again within the hour is listed twice until then: kept once)
    const seen = new Set<string>()
    const open = listed.filter((k) => state.get(k) != null && !seen.has(k) && !!seen.add(k))
    if (open.length !== listed.length) state.set(OPEN_DEPLOYMENTS, open)
    const facts = open.flatMap((k) => settleDeployment(state, k, block.height))
    events.push({ index: index++, name: 'indexer/escrow-accrual', module: 'escrow', txHash: '', args: { height: String(block.height), deployments: String(open.length) }, facts })
  }
  if (lastHour !== hour) state.set(LAST_HOUR, hour)

  const openDeps = () => state.get<string[]>(OPEN_DEPLOYMENTS) ?? []
  const push = (e: AbciEvent, txHash: string, name: string, module: string, fn: (a: Record<string, string>) => FactDraft[]) => {
    const a = attrs(e)
    const out: CosmosEventOut = { index: index++, name, module, txHash, args: a, facts: [] }
    try {
      out.facts = fn(a)
    } catch (err) {
      out.error = `cannot normalize ${name}: ${(err as Error).message}`
      out.facts = []
    }
    events.push(out)
  }
  /** a typed event (v1 node): normalized to the legacy name and attributes, or quarantined when unknown */
  const typed = (e: AbciEvent, txHash: string, ctx: TxContext) => {
    const name = TYPED_EVENTS[e.type]
    const module = e.type.split('.')[1]
    let a: Record<string, string>
    try {
      a = typedEventArgs(e)
    } catch (err) {
      events.push({ index: index++, name: e.type, module, txHash, args: attrs(e), facts: [], error: `cannot decode ${e.type}: ${(err as Error).message}` })
      return
    }
    if (!name) {
      const known = RAW_ONLY_TYPED.test(e.type)
      events.push({ index: index++, name: e.type, module, txHash, args: a, facts: [], error: known ? undefined : `unknown Akash event type ${e.type} (not in the registry's TYPED_EVENTS)` })
      return
    }
    const out: CosmosEventOut = { index: index++, name, module, txHash, args: a, facts: [] }
    try {
      out.facts = moduleFacts(name, a, block.height, ctx, state, openDeps)
    } catch (err) {
      out.error = `cannot normalize ${e.type}: ${(err as Error).message}`
    }
    events.push(out)
  }
  const need = (a: Record<string, string>, ...keys: string[]) => {
    for (const k of keys) if (a[k] == null || a[k] === '') throw new Error(`missing attribute ${k}`)
  }

  for (const e of block.blockEvents) {
    if (e.type === 'mint') {
      push(e, '', 'mint', 'mint', (a) => {
        need(a, 'amount')
        if (!/^\d+$/.test(a.amount)) throw new Error(`amount is not an integer: "${a.amount}"`)
        const amount = BigInt(a.amount)
        const base = { asset: AKT.symbol, amount, decimals: AKT.decimals, provenance: 'onchain' as const }
        return [{ ...base, kind: FactKind.SUPPLY_MINT }, { ...base, kind: FactKind.REWARD_EMITTED, actor: null }]
      })
    } else if (e.type === 'burn') {
      push(e, '', 'burn', 'bank', (a) => burnFacts(a))
    } else if (e.type.startsWith('akash.')) {
      typed(e, '', { created: new Map(), providers: new Map() })
    }
  }

  for (const tx of block.txs) {
    if (tx.code !== 0) continue // a failed transaction changes no state (its fee events are not economic facts here)
    const created = new Map<string, CreatedDeployment>()
    const providers = new Map<string, ProviderDeclaration>()
    for (const m of tx.msgs) {
      const c = createdDeployment(m)
      if (c) created.set(`${c.owner}/${c.dseq}`, c)
      const p = providerDeclaration(m, block.height)
      if (p) providers.set(p[0], p[1])
    }
    const ctx: TxContext = { created, providers }
    // deposits are applied after the transaction's events (an event in the same tx may open the deployment)
    const deposits = tx.msgs.map(escrowDeposit).filter((d) => d != null)
    for (const e of tx.events) {
      if (e.type.startsWith('akash.')) {
        typed(e, tx.hash, ctx)
      } else if (e.type === 'message') {
        const a = attrs(e)
        if (!MODULES.has(a.module) || !a.action || a.action.startsWith('/')) continue
        const name = `${a.module}/${a.action}`
        push(e, tx.hash, name, a.module, (x) => moduleFacts(name, x, block.height, ctx, state, openDeps))
      } else if (e.type === 'transfer') {
        const a = attrs(e)
        if (a.sender !== ESCROW_ACCOUNT) continue
        push(e, tx.hash, 'bank/escrow-transfer', 'escrow', (x) => escrowTransferFacts(x))
      } else if (e.type === 'burn') {
        push(e, tx.hash, 'burn', 'bank', (a) => burnFacts(a))
      }
    }
    for (const dep of deposits) {
      const key = depKey(dep.owner, dep.dseq)
      const d = state.get<AkashDeploymentState>(key)
      if (!d || dep.denom !== d.denom) continue
      const facts = settleDeployment(state, key, block.height)
      const after = state.get<AkashDeploymentState>(key)!
      after.balance = (BigInt(after.balance) + BigInt(dep.amount) * DEC_SCALE).toString()
      after.exhaustedAt = null
      state.set(key, after)
      events.push({ index: index++, name: 'deployment/deposit', module: 'deployment', txHash: tx.hash, args: { owner: d.owner, dseq: dep.dseq, amount: `${dep.amount}${dep.denom}` }, facts })
    }
  }
  // the block's mints and burns move the accounted supply; a reading of the state after the block compares with it
  let moved = 0n
  for (const e of events) {
    if (e.name === 'indexer/bank-supply' || e.error) continue
    for (const f of e.facts) if (f.asset === AKT.symbol) moved += f.kind === FactKind.SUPPLY_MINT ? f.amount : f.kind === FactKind.SUPPLY_BURN ? -f.amount : 0n
  }
  if (moved !== 0n) {
    const t = state.get<{ amount: string; opened: boolean }>(SUPPLY_TRACKED) ?? { amount: '0', opened: false }
    state.set(SUPPLY_TRACKED, { ...t, amount: (BigInt(t.amount) + moved).toString() })
  }
  if (supply && supply.height >= block.height) supplyEvent()
  if (take && take.height >= block.height) {
    const before = state.get<TakeParams>(TAKE_STATE)
    state.set(TAKE_STATE, take.value)
    if (JSON.stringify(before) !== JSON.stringify(take.value)) {
      // recorded so the change is visible in raw events (not a chain event: the parameters after this block)
      events.push({ index: index++, name: 'indexer/take-params', module: 'take', txHash: '', args: { height: String(take.height), path: take.value.path, defaultRate: String(take.value.defaultRate), denomRates: JSON.stringify(take.value.denomRates) }, facts: [] })
    }
  }
  return { events }
}

/** What a transaction's messages tell the events of the same transaction. */
export interface TxContext {
  created: Map<string, CreatedDeployment>
  /** MsgCreateProvider / MsgUpdateProvider (v1beta3 or v1beta4) by owner */
  providers: Map<string, ProviderDeclaration>
}

/**
 * What a provider declares on chain (MsgCreateProvider / MsgUpdateProvider attributes, Akash's provider attribute
 * conventions): the GPU models of `capabilities/gpu/vendor/<vendor>/model/<model>[/...]` and the storage classes of
 * `capabilities/storage/<n>/class`. Capabilities, not quantities: how many GPUs, cores or bytes a provider has is
 * reported off chain (the provider's status / inventory endpoint), so declared capacity numbers are not on chain.
 */
export interface ProviderDeclaration {
  hostUri: string
  gpuModels: string[]
  storageClasses: string[]
  region: string | null
  height: number
}

/** The declared providers of the network (state key), by owner: the last declaration of each provider not deleted. */
export const DECLARED_PROVIDERS = 'declared-providers'

export function providerDeclaration(m: { typeUrl: string; value: any }, height: number): [string, ProviderDeclaration] | null {
  if (!/^\/akash\.provider\.v1beta[34]\.Msg(Create|Update)Provider$/.test(m.typeUrl)) return null
  const gpu = new Set<string>()
  const storage = new Set<string>()
  let region: string | null = null
  for (const { key, value } of (m.value.attributes ?? []) as { key: string; value: string }[]) {
    if (String(value).toLowerCase() === 'false') continue
    const g = /^capabilities\/gpu\/vendor\/([^/]+)\/model\/([^/]+)/.exec(key)
    if (g) gpu.add(`${g[1]}/${g[2]}`)
    if (/^capabilities\/storage\/[^/]+\/class$/.test(key)) storage.add(value)
    if (key === 'region') region = value
  }
  return [String(m.value.owner), { hostUri: String(m.value.hostUri ?? ''), gpuModels: [...gpu].sort(), storageClasses: [...storage].sort(), region, height }]
}

/** A new deployment's escrow deposit and group resources, from either generation's MsgCreateDeployment. */
export interface CreatedDeployment {
  owner: string
  dseq: string
  deposit: { denom: string; amount: string } | null
  groups: Record<string, GroupResources>
}

/** MsgCreateDeployment of v1beta3 (deposit: Coin) or v1beta4 (deposit: { amount: Coin, sources }). */
export function createdDeployment(m: { typeUrl: string; value: any }): CreatedDeployment | null {
  const v = m.value
  if (m.typeUrl === '/akash.deployment.v1beta3.MsgCreateDeployment' || m.typeUrl === '/akash.deployment.v1beta4.MsgCreateDeployment') {
    const coin = m.typeUrl.endsWith('v1beta3.MsgCreateDeployment') ? v.deposit : v.deposit?.amount
    return { owner: String(v.id?.owner), dseq: String(v.id?.dseq), deposit: coin ? { denom: coin.denom, amount: String(coin.amount) } : null, groups: groupResources(v) }
  }
  return null
}

/**
 * A deposit into a deployment's escrow account: v1beta3 MsgDepositDeployment, or the v1 node's
 * akash.escrow.v1.MsgAccountDeposit with a deployment-scoped account (scope 1, xid "owner/dseq").
 */
export function escrowDeposit(m: { typeUrl: string; value: any }): { owner: string; dseq: string; denom: string; amount: string } | null {
  const v = m.value
  if (m.typeUrl === '/akash.deployment.v1beta3.MsgDepositDeployment') {
    if (!v.amount) return null
    return { owner: String(v.id?.owner), dseq: String(v.id?.dseq), denom: v.amount.denom, amount: String(v.amount.amount) }
  }
  if (m.typeUrl === '/akash.escrow.v1.MsgAccountDeposit') {
    const [owner, dseq] = String(v.id?.xid ?? '').split('/')
    const coin = v.deposit?.amount
    if (v.id?.scope !== 1 || !owner || !dseq || !coin) return null
    return { owner, dseq, denom: coin.denom, amount: String(coin.amount) }
  }
  return null
}

function burnFacts(a: Record<string, string>): FactDraft[] {
  need1(a, 'amount')
  return parseCoins(a.amount).filter((c) => c.denom === UAKT).map((c) => ({ kind: FactKind.SUPPLY_BURN, asset: AKT.symbol, amount: c.amount, decimals: AKT.decimals, actor: a.burner ?? null, provenance: 'onchain' as const }))
}

/**
 * Escrow payouts (bank transfers from the escrow module account): recorded as raw events only. The same transfers
 * refund bid deposits to providers and unused balances to tenants, so they cannot be told apart from payments
 * without the escrow's internal state; fees come from the accrual instead.
 */
function escrowTransferFacts(a: Record<string, string>): FactDraft[] {
  need1(a, 'recipient')
  parseCoins(a.amount ?? '')
  return []
}

function need1(a: Record<string, string>, k: string) {
  if (a[k] == null || a[k] === '') throw new Error(`missing attribute ${k}`)
}

function moduleFacts(
  name: string, a: Record<string, string>, height: number, ctx: TxContext, state: StateAccess, openDeps: () => string[],
): FactDraft[] {
  const { created } = ctx
  const provider = (kind: FactKind): FactDraft[] => {
    need1(a, 'owner')
    // the declared capabilities of the provider: from its message in the same transaction; dropped when it leaves
    const declared = { ...state.get<Record<string, ProviderDeclaration>>(DECLARED_PROVIDERS) }
    const decl = ctx.providers.get(a.owner)
    if (kind === FactKind.NODE_DEREGISTERED) delete declared[a.owner]
    else if (decl) declared[a.owner] = decl
    if (kind === FactKind.NODE_DEREGISTERED || decl) state.set(DECLARED_PROVIDERS, declared)
    return [{ kind, asset: 'providers', amount: kind === FactKind.NODE_UPDATE ? 0n : 1n, decimals: 0, actor: a.owner, subject: a.owner, unit: 'providers', provenance: 'onchain' }]
  }
  switch (name) {
    case 'provider/provider-created':
      return provider(FactKind.NODE_REGISTERED)
    case 'provider/provider-updated':
      return provider(FactKind.NODE_UPDATE)
    case 'provider/provider-deleted':
      return provider(FactKind.NODE_DEREGISTERED)
    case 'deployment/deployment-created': {
      need1(a, 'owner')
      need1(a, 'dseq')
      const msg = created.get(`${a.owner}/${a.dseq}`)
      const key = depKey(a.owner, a.dseq)
      const deposit = msg?.deposit
      const d: AkashDeploymentState = {
        owner: a.owner, denom: deposit?.denom ?? UAKT, balance: (BigInt(deposit?.amount ?? 0) * DEC_SCALE).toString(),
        settled: height, exhaustedAt: null, groups: msg?.groups ?? {}, leases: [],
      }
      const reopened = state.get(key) != null
      state.set(key, d)
      // appended in place (a deployment key is listed iff its state exists, so a new one is not listed yet)
      const listed = openDeps()
      if (reopened) state.set(OPEN_DEPLOYMENTS, [...listed.filter((k) => k !== key), key])
      else state.set(OPEN_DEPLOYMENTS, (listed.push(key), listed))
      return []
    }
    case 'deployment/deployment-closed': {
      need1(a, 'owner')
      need1(a, 'dseq')
      const key = depKey(a.owner, a.dseq)
      // its leases are closed by lease-closed events (emitted before this one); charge anything left and drop the account
      const facts = settleDeployment(state, key, height)
      const d = state.get<AkashDeploymentState>(key)
      for (const id of d?.leases ?? []) state.delete(leaseKey(id))
      // dropped from the open list at the next hourly accrual (a filter per close was quadratic in open deployments)
      state.delete(key)
      return facts
    }
    case 'market/lease-created': {
      need1(a, 'owner'), need1(a, 'dseq'), need1(a, 'gseq'), need1(a, 'oseq'), need1(a, 'provider'), need1(a, 'price-denom'), need1(a, 'price-amount')
      const price = parseDec(a['price-amount'])
      const asset = assetOfDenom(a['price-denom'])
      if (!asset) throw new Error(`unknown price denom ${a['price-denom']}`)
      const id = leaseIdOf(a)
      const key = depKey(a.owner, a.dseq)
      // charge the deployment's running leases up to here, then add this one at its price from this height
      const facts = settleDeployment(state, key, height)
      const d = state.get<AkashDeploymentState>(key)
      const lease: AkashLeaseState = {
        owner: a.owner, provider: a.provider, denom: a['price-denom'], price: price.toString(), openedHeight: height, spent: '0',
        resources: d?.groups[a.gseq] ?? null,
      }
      state.set(leaseKey(id), lease)
      if (d) state.set(key, { ...d, leases: [...d.leases.filter((x) => x !== id), id] })
      facts.push({
        kind: FactKind.LEASE_OPENED, asset: asset.symbol, amount: price, decimals: asset.decimals + 18, actor: a.provider, counterparty: a.owner, subject: id, provenance: 'onchain',
        lease: { price, priceAsset: asset.symbol, priceDecimals: asset.decimals + 18, priceUnit: 'block', resources: lease.resources ? { ...lease.resources } : undefined },
      })
      return facts
    }
    case 'market/lease-closed': {
      need1(a, 'owner'), need1(a, 'dseq'), need1(a, 'gseq'), need1(a, 'oseq'), need1(a, 'provider')
      const id = leaseIdOf(a)
      const key = depKey(a.owner, a.dseq)
      const facts = settleDeployment(state, key, height)
      const l = state.get<AkashLeaseState>(leaseKey(id))
      state.delete(leaseKey(id))
      const d = state.get<AkashDeploymentState>(key)
      if (d) state.set(key, { ...d, leases: d.leases.filter((x) => x !== id) })
      const asset = assetOfDenom(l?.denom ?? a['price-denom'] ?? UAKT) ?? AKT
      // opened before the indexed range: its price and start are unknown, so is its cost (0, provenance onchain)
      // amount and spent in the price's scale (base units x 1e18, decimals + 18): exact, like the price
      facts.push({
        kind: FactKind.LEASE_CLOSED, asset: asset.symbol, amount: l ? BigInt(l.spent) : 0n, decimals: asset.decimals + 18,
        actor: a.provider, counterparty: a.owner, subject: id, provenance: l ? 'inferred' : 'onchain',
        lease: { spent: l ? BigInt(l.spent) : null, priceAsset: asset.symbol, priceDecimals: asset.decimals + 18, provenance: l ? 'inferred' : 'onchain' },
      })
      return facts
    }
    default:
      return [] // order-*, bid-*, group-*, deployment-updated: raw events only
  }
}

export const akash: NetworkDef = {
  id: 'akash',
  name: 'Akash',
  category: 'compute',
  categories: ['compute', 'ai'],
  chain: akashnet,
  token: AKT,
  feeAsset: AKT,
  capacityUnit: 'providers',
  price: { kind: 'import', asset: AKT.symbol },
  source: API,
  contracts: [],
  supplyFromMints: true,
  otherFeeAssets: [
    { symbol: USDC.symbol, decimals: USDC.decimals, usdPrice: 1, source: `config: ${USDC_DENOM} (Axelar USDC) valued at 1 USD` },
    { symbol: ACT.symbol, decimals: ACT.decimals, usdPrice: 1, source: 'onchain rule: uact (node v2) valued at 1 USD, the peg x/oracle applies (akash-network/node v2.0.0 x/oracle/keeper/keeper.go GetAggregatedPrice: "ACT is always pegged to 1USD")' },
  ],
  notes: [
    'Not an EVM chain: blocks and block results are read over CometBFT JSON-RPC (/status, then /block and /block_results per height in JSON-RPC batches; not /blockchain: every block has results to read, mints included, so none is skipped by its transaction count); chain id `akashnet-2`, stored under the numeric key 1000002.',
    'Both node generations are decoded by event type into one normalized form: the v0.38 node (market v1beta4, deployment and provider v1beta3) emits `message` events with `module` and `action` attributes (Cosmos SDK 0.45.16, Tendermint 0.34.27 per its go.mod: attribute keys and values base64 in /block_results, decoded per event; CometBFT 0.37 / 0.38 nodes serve them as plain strings, both are read); the v1 node (chain-sdk: akash.market.v1, akash.deployment.v1, akash.provider.v1beta4 typed events, attribute values as proto JSON; messages deployment v1beta4, market v1beta5, provider v1beta4, escrow v1; CometBFT 0.38 finalize_block_events) maps onto the same `module/action` names (raw events keep the type in `args.event`). Unknown akash.* event types are quarantined with the reason.',
    'Lease fees are inferred (Akash Console method): price per block x blocks from lease creation to close, capped where the deployment\'s escrow runs dry; accrued hourly. The take rate is read from the chain\'s x/take parameters over abci_query (v1 node: /akash.take.v1.Query/Params; v0.38 node: the x/params subspace take) at the start of each run and after each passed governance proposal: PROTOCOL_TAKE has provenance `onchain`; while the node cannot answer (pruned state), the configured 4 % uakt / 20 % other denoms with provenance `config`.',
    'USDC leases (Axelar USDC, ibc/170C…F2F1) are valued at 1 USD (config) into feesOtherUsd / protocolTakeOtherUsd; fees in AKT are valued at the imported AKT price.',
    'Node v2 (akash-network/node v2.0.0: Cosmos SDK 0.53, CometBFT 0.38; listed as a mainnet upgrade from v1.2 in the node\'s meta.json, no height recorded there) prices new deployments in ACT (`uact`, 6 decimals; x/deployment refuses other denoms): ACT leases are asset ACT, valued at 1 USD, the peg the chain\'s x/oracle applies to ACT (feesOther / feesOtherUsd together with USDC: same decimals and price, feesOtherAsset `USDC+ACT`). No protocol take on ACT: v2 removed x/take and x/escrow pays the provider the whole lease balance (take rate 0, provenance config, unless chain parameters name uact).',
    'Supply: x/bank total supply of uakt (abci_query /cosmos.bank.v1beta1.Query/SupplyOf) read at the start of each run: the first reading is the opening balance (SUPPLY_MINT, subject opening-balance: the genesis supply and all history before the range, so the first period\'s issuance contains it), later ones reconcile the supply tracked from mint and burn events. Circulating supply = total supply (no non-circulating account is subtracted: none verified); market cap = circulating x the imported AKT price; FDV = total supply x price (no max supply, fdvBasis total-supply). Minted AKT (x/mint) are counted as staking incentives (REWARD_EMITTED), not provider rewards.',
    'Provider-declared capacity: on-chain provider attributes (MsgCreateProvider / MsgUpdateProvider) declare capabilities, not quantities: GPU models (capabilities/gpu/vendor/<vendor>/model/<model>) and storage classes per provider are kept (API declaredCapacity, provenance declared); GPU counts, CPU, memory and storage a provider offers are reported off chain (its inventory endpoint), so capacity counts providers and utilization (leased / declared) is not computed.',
  ],
  cosmos: {
    messages: MESSAGE_DEFS, events: EVENT_DEFS, handleBlock,
    queries: [{
      id: TAKE_STATE,
      meaning: 'x/take parameters (take rate per denom in percent, default rate): abci_query `/akash.take.v1.Query/Params` (v1 node) or `/cosmos.params.v1beta1.Query/Params` subspace `take` keys DefaultTakeRate, DenomTakeRates (v0.38 node), at the start of each run and after each block with a passed governance proposal (`active_proposal` proposal_passed) or a take MsgUpdateParams; PROTOCOL_TAKE then has provenance onchain, otherwise the configured 4 % / 20 % with provenance config.',
      read: readTakeParams,
      refreshAt: paramsMayChange,
    }, {
      id: SUPPLY_QUERY,
      meaning: 'x/bank total supply of uakt: abci_query `/cosmos.bank.v1beta1.Query/SupplyOf` at the start of each run. The first reading is the opening balance (SUPPLY_MINT, subject opening-balance); later readings reconcile the supply tracked from mint and burn events (SUPPLY_MINT / SUPPLY_BURN of a difference, subject supply-reconciliation).',
      read: readBankSupply,
      refreshAt: () => false,
      atHeadWhenPruned: true,
    }],
  },
}
