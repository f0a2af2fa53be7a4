/**
 * Spheron (compute marketplace: GPU/CPU leasing, plus consumer-grade "Fizz" nodes) on Base.
 * Addresses, event signatures and the payment token: spheronFdn/protocol-sdk @ 2099397 (2025-07-24):
 * nodejs/src/contracts/addresses.ts (mainnet set introduced in a7ebd7e "Release v2.0.0", 2025-05-04),
 * nodejs/src/config/index.ts (networkMap.mainnet = Base 8453; tokenMap.mainnet = [uSPON, 6 decimals]),
 * nodejs/src/contracts/abis/mainnet/*.json. Every topic0 below equals the shared reference
 * (shared/reference/depin-contracts.json, Spheron). Not cross-checked on basescan.
 *
 * Units (from the SDK, not from the contracts' source, which is not public):
 * - `acceptedPrice` / `maxPrice` are prices per "block" of 2 s (SDK: 0.5 blocks/s, 1800 blocks/hour,
 *   = Base's block time), scaled by 1e18 whatever the token (utils/deployment.ts convertToMaxPricePerBlock;
 *   modules/lease/index.ts leaseHourlyCost = acceptedPrice * 1800 / 1e18). Lease facts therefore carry
 *   decimals 18 while escrow amounts (token units) carry the token's 6 decimals.
 * - Lease `state`: 0 = active, 1 = terminated (utils/lease.ts getLeaseStateAsString).
 */
import * as ComputeLease from '../abi/SpheronComputeLease'
import * as Bid from '../abi/SpheronBid'
import * as OrderRequest from '../abi/SpheronOrderRequest'
import * as EscrowUser from '../abi/SpheronEscrowUser'
import * as EscrowProtocol from '../abi/SpheronEscrowProtocol'
import * as ProviderRegistry from '../abi/SpheronProviderRegistry'
import * as ProviderRewardsManager from '../abi/SpheronProviderRewardsManager'
import * as FizzRewardsManager from '../abi/SpheronFizzRewardsManager'
import { FactKind } from '../model'
import { base } from './chains'
import type { FactDraft, HandlerContext, LeaseTerms, NetworkDef, TokenDef } from './types'

const SDK = 'github.com/spheronFdn/protocol-sdk @ 2099397 (2025-07-24): nodejs/src/contracts/addresses.ts, nodejs/src/config/index.ts, nodejs/src/contracts/abis/mainnet'
const abiSrc = (file: string) => `${SDK}/${file}.json`

/**
 * Start block (all contracts): unknown. 25,400,000 is the Base block of 2025-01-23 00:00 UTC
 * ((1737590400 - 1686789347 genesis) / 2 s), the day the SDK moved to Base contracts (1b556e1); the Base
 * mainnet set appeared in the SDK on 2025-05-04 (a7ebd7e), so this is a conservative lower bound. FLAGGED.
 */
export const SPHERON_START_BLOCK = 25_400_000

/** uSPON: the only mainnet payment token in the SDK's tokenMap (6 decimals). Medium confidence. */
export const USPON: TokenDef = { symbol: 'uSPON', address: '0xBf0fA0461331d815A103e59929E5a19A48C30f5e', decimals: 6, maxSupply: null }
/** Provider/fizz rewards are paid in RewardToken (SDK rewardToken); its symbol/decimals are not in the SDK. */
export const SPHERON_REWARD_TOKEN = '0xA0c5ba7d9eccbE59000e8E67654CA5d867C6b401'
/** Scale of acceptedPrice / maxPrice (SDK: prices are multiplied by 1e18 before going on-chain). */
export const PRICE_DECIMALS = 18
/** Seconds per lease "block": the SDK's 0.5 blocks/s, equal to Base's 2 s block time. */
export const SECONDS_PER_BLOCK = 2

/** Handler state of an open lease (bigints as decimal strings). */
export interface SpheronLeaseState {
  price: string
  startBlock: number
  startTime: number
  provider: string
  tenant: string
  /** cost accrued at earlier prices before a LeaseUpdated (price units x blocks, 1e18 scale) */
  accrued: string
}
export const leaseKey = (id: bigint | string) => `lease:${id}`
const providerKey = (id: bigint | string) => `provider:${id}`

const isFeeAsset = (token: string) => token.toLowerCase() === USPON.address!.toLowerCase()

const uspon = (kind: FactKind, amount: bigint, actor?: string | null, counterparty?: string | null, subject?: string | null): FactDraft => ({
  kind, asset: USPON.symbol, amount, decimals: USPON.decimals, actor, counterparty, subject, provenance: 'onchain',
})
const providers = (kind: FactKind, id: bigint, actor?: string | null): FactDraft => ({
  kind, asset: 'providers', amount: 1n, decimals: 0, actor, subject: id.toString(), unit: 'providers', provenance: 'onchain',
})

/** Blocks a lease ran between two unix times, at the SDK's 2 s per block. */
export const leaseBlocks = (startTime: number, endTime: number) => BigInt(Math.max(0, Math.floor((endTime - startTime) / SECONDS_PER_BLOCK)))

function leaseCreated(a: ComputeLease.LeaseCreatedEventArgs, ctx: HandlerContext): FactDraft[] {
  const s: SpheronLeaseState = {
    price: a.acceptedPrice.toString(), startBlock: a.startBlock, startTime: a.startTime,
    provider: a.providerAddress.toLowerCase(), tenant: a.tenantAddress.toLowerCase(), accrued: '0',
  }
  ctx.state.set(leaseKey(a.leaseId), s)
  return [{
    kind: FactKind.LEASE_OPENED, asset: USPON.symbol, amount: a.acceptedPrice, decimals: PRICE_DECIMALS,
    actor: a.providerAddress, counterparty: a.tenantAddress, subject: a.leaseId.toString(), provenance: 'onchain',
    lease: leaseTerms(a.acceptedPrice, a.fizzId),
  }]
}

/** Lease terms: the price per 2 s block (1e18 scale), in uSPON. */
const leaseTerms = (price: bigint, fizzId?: bigint): LeaseTerms => ({
  price, priceAsset: USPON.symbol, priceDecimals: PRICE_DECIMALS, priceUnit: 'block (2 s)',
  ...(fizzId !== undefined && fizzId > 0n ? { resources: { fizzId: fizzId.toString() } } : {}),
})

function leaseUpdated(a: ComputeLease.LeaseUpdatedEventArgs, ctx: HandlerContext): FactDraft[] {
  const key = leaseKey(a.leaseId)
  const prev = ctx.state.get<SpheronLeaseState>(key)
  // the old price ran until the new start; a lease opened before the indexer started has no known past
  const accrued = prev ? BigInt(prev.accrued) + BigInt(prev.price) * leaseBlocks(prev.startTime, a.startTime) : 0n
  const s: SpheronLeaseState = {
    price: a.acceptedPrice.toString(), startBlock: a.startBlock, startTime: a.startTime,
    provider: a.providerAddress.toLowerCase(), tenant: a.tenantAddress.toLowerCase(), accrued: accrued.toString(),
  }
  ctx.state.set(key, s)
  return [{
    kind: FactKind.LEASE_UPDATED, asset: USPON.symbol, amount: a.acceptedPrice, decimals: PRICE_DECIMALS,
    actor: a.providerAddress, counterparty: a.tenantAddress, subject: a.leaseId.toString(), provenance: 'onchain',
    lease: leaseTerms(a.acceptedPrice),
  }]
}

function leaseClosed(a: ComputeLease.LeaseClosedEventArgs, ctx: HandlerContext): FactDraft[] {
  const key = leaseKey(a.leaseId)
  const s = ctx.state.get<SpheronLeaseState>(key)
  ctx.state.delete(key)
  const common = { kind: FactKind.LEASE_CLOSED, asset: USPON.symbol, decimals: PRICE_DECIMALS, actor: a.providerAddress, counterparty: a.tenantAddress, subject: a.leaseId.toString() }
  // opened before the indexed range: the price is unknown, so the cost is too
  if (!s) return [{ ...common, amount: 0n, provenance: 'onchain' }]
  const end = a.endTime > 0 ? a.endTime : Math.floor(ctx.block.timestamp / 1000)
  const cost = BigInt(s.accrued) + BigInt(s.price) * leaseBlocks(s.startTime, end)
  return [{ ...common, amount: cost, provenance: 'inferred', lease: { spent: cost, priceAsset: USPON.symbol, priceDecimals: PRICE_DECIMALS, provenance: 'inferred' } }]
}

export const spheron: NetworkDef = {
  id: 'spheron',
  name: 'Spheron',
  category: 'compute',
  categories: ['compute', 'ai'],
  chain: base,
  token: USPON,
  feeAsset: USPON,
  capacityUnit: 'providers',
  price: { kind: 'import', asset: USPON.symbol },
  source: SDK,
  notes: [
    'All addresses, ABIs and the uSPON token come from Spheron\'s protocol SDK (mainnet = Base 8453); not cross-checked on an explorer (medium confidence).',
    `Start blocks are unknown: every contract uses ${SPHERON_START_BLOCK} (2025-01-23, when the SDK moved to Base), a conservative lower bound.`,
    'Capacity counts registered providers, not GPUs: ProviderAdded carries the provider\'s spec as free text with no GPU count, and the GPU models and counts of a lease live in the compressed order spec (raw).',
    'Token and fee asset are uSPON (the only mainnet payment token in the SDK tokenMap; 6 decimals). The governance token SPON is not indexed. FEE_PAID / PROTOCOL_TAKE are emitted only for escrow events whose token argument is uSPON; other tokens stay raw events.',
    'Market cap: uSPON mints are not indexed (no supply from events), so market cap is the imported CoinGecko market_cap of uSPON (marketCapBasis off-chain-import); FDV is null (no max supply, no indexed total supply).',
    'LEASE_OPENED.amount = acceptedPrice, the price per 2-second block scaled by 1e18 (decimals 18, per the SDK, not the fee asset\'s 6); hourly price = amount x 1800 / 1e18.',
    'LEASE_CLOSED.amount is inferred: acceptedPrice x (endTime - startTime) / 2 s, plus what earlier prices accrued before each LeaseUpdated (decimals 18). A lease opened before the start block closes with amount 0 (provenance onchain), unless a LeaseUpdated of it was indexed: then its cost from that update on (a lower bound, inferred). It is the list price over the lease\'s life, not what the escrow settled.',
    'LeaseUpdated changes the tracked lease (price, start) and yields no fact.',
    'Escrow settlement: LockedTokenTransfered (tenant -> provider) and LockedTokenTransferedToFizz (tenant -> fizz node, subject fizz:<id>) are FEE_PAID; TreasuryMovement is PROTOCOL_TAKE (a fee take, not an emission). Whether LockedTokenTransfered is gross or net of the treasury cut is not documented.',
    'TokenMovement.movementType (EscrowUser and EscrowProtocol) is an undocumented enum: kept as raw events only.',
    `Rewards (ProviderRewardClaimed, FizzRewardClaimed) are paid in RewardToken ${SPHERON_REWARD_TOKEN}, whose symbol and decimals are not in the SDK; they are recorded as uSPON with 6 decimals. FLAGGED.`,
    'Whether the contracts are proxies is not stated in the SDK (proxy: false is a default; log filtering uses the SDK addresses either way).',
    'NODE_REGISTERED / NODE_DEREGISTERED count providers (ProviderAdded / ProviderRemoved, 1 each); Fizz node registration is not indexed.',
  ],
  contracts: [
    {
      name: 'ComputeLease',
      address: '0x8A9f22D855bBE978C0D47De0963a3B15022E8ce0',
      proxy: false,
      startBlock: SPHERON_START_BLOCK,
      source: abiSrc('ComputeLease'),
      confidence: 'medium',
      events: [
        {
          name: 'LeaseCreated',
          abi: ComputeLease.events.LeaseCreated,
          meaning: 'A lease starts between a tenant and a provider (or a fizz node when fizzId != 0) at acceptedPrice per 2 s block (1e18 scale). No indexed parameters: filtered by topic0 only.',
          facts: leaseCreated,
          confidence: 'medium',
        },
        {
          name: 'LeaseUpdated',
          abi: ComputeLease.events.LeaseUpdated,
          meaning: 'Lease terms change: new acceptedPrice from a new start block/time. LEASE_UPDATED (amount = new price, 1e18 scale); the Lease row takes the new price; the cost accrued at the old price is carried to LEASE_CLOSED.',
          facts: leaseUpdated,
          confidence: 'medium',
        },
        {
          name: 'LeaseClosed',
          abi: ComputeLease.events.LeaseClosed,
          meaning: 'Lease ends (state 1 = terminated). Its cost is inferred as price x elapsed 2 s blocks. No indexed parameters.',
          facts: leaseClosed,
          confidence: 'medium',
        },
      ],
    },
    {
      name: 'OrderRequest',
      address: '0xC1A0AF3224465c2a5099C14c5A1A4f6680C30A86',
      proxy: false,
      startBlock: SPHERON_START_BLOCK,
      source: abiSrc('OrderRequest'),
      confidence: 'medium',
      events: [
        { name: 'OrderCreated', abi: OrderRequest.events.OrderCreated, meaning: 'Tenant posts a compute order: maxPrice per block (1e18 scale), duration numOfBlocks, payment token, compressed spec.' },
      ],
    },
    {
      name: 'Bid',
      address: '0x1582D6f9A7098B112dC76dd55a98d11d95f4702A',
      proxy: false,
      startBlock: SPHERON_START_BLOCK,
      source: abiSrc('Bid'),
      confidence: 'medium',
      events: [
        { name: 'BidPlaced', abi: Bid.events.BidPlaced, meaning: 'A provider (or fizz node) bids bidPrice per block on an order.' },
        { name: 'OrderMatched', abi: Bid.events.OrderMatched, meaning: 'An order is matched with a bid at acceptedPrice; the lease follows (LeaseCreated).' },
      ],
    },
    {
      name: 'EscrowUser',
      address: '0x67Ad502B202Ac602C215B2Ba28689a71d03F9Ba4',
      proxy: false,
      startBlock: SPHERON_START_BLOCK,
      source: abiSrc('EscrowUser'),
      confidence: 'medium',
      events: [
        { name: 'UserTokenLocked', abi: EscrowUser.events.UserTokenLocked, meaning: 'Tenant funds locked in escrow for leases (a prepayment, not yet a fee).' },
        { name: 'UserTokenUnlocked', abi: EscrowUser.events.UserTokenUnlocked, meaning: 'Tenant funds released from the escrow lock.' },
        { name: 'TokenMovement', abi: EscrowUser.events.TokenMovement, meaning: 'Escrow deposit/withdrawal/settlement movement; movementType enum undocumented (raw only).', confidence: 'low' },
      ],
    },
    {
      name: 'EscrowProtocol',
      address: '0x7381F084D31EF2F983c95572b7DD6Ee99eE03d8d',
      proxy: false,
      startBlock: SPHERON_START_BLOCK,
      source: abiSrc('EscrowProtocol'),
      confidence: 'medium',
      events: [
        {
          name: 'LockedTokenTransfered',
          abi: EscrowProtocol.events.LockedTokenTransfered,
          meaning: 'Locked tenant funds (from) paid to a provider (to): the usage fee. FEE_PAID only when token is uSPON.',
          facts: (a: EscrowProtocol.LockedTokenTransferedEventArgs) => (isFeeAsset(a.token) ? [uspon(FactKind.FEE_PAID, a.deposit, a.to, a.from)] : []),
        },
        {
          name: 'LockedTokenTransferedToFizz',
          abi: EscrowProtocol.events.LockedTokenTransferedToFizz,
          meaning: 'Locked tenant funds paid to a fizz node (subject fizz:<fizzId>). FEE_PAID only when token is uSPON.',
          facts: (a: EscrowProtocol.LockedTokenTransferedToFizzEventArgs) =>
            isFeeAsset(a.token) ? [uspon(FactKind.FEE_PAID, a.deposit, null, a.from, `fizz:${a.fizzId}`)] : [],
        },
        {
          name: 'TreasuryMovement',
          abi: EscrowProtocol.events.TreasuryMovement,
          meaning: 'Protocol cut of lease payments moved to the treasury. PROTOCOL_TAKE only when token is uSPON.',
          facts: (a: EscrowProtocol.TreasuryMovementEventArgs) => (isFeeAsset(a.token) ? [uspon(FactKind.PROTOCOL_TAKE, a.amount, null, a.treasury)] : []),
        },
        { name: 'TokenMovement', abi: EscrowProtocol.events.TokenMovement, meaning: 'Escrow-side token movement; movementType enum undocumented (raw only).', confidence: 'low' },
      ],
    },
    {
      name: 'ProviderRegistry',
      address: '0x79c892AE9D910bBeb81705960BA01706Bb2Af02e',
      proxy: false,
      startBlock: SPHERON_START_BLOCK,
      source: abiSrc('ProviderRegistry'),
      confidence: 'medium',
      events: [
        {
          name: 'ProviderAdded',
          abi: ProviderRegistry.events.ProviderAdded,
          meaning: 'A provider registers (wallet, spec, host URI, accepted payment tokens, tier): one provider of capacity.',
          facts: (a: ProviderRegistry.ProviderAddedEventArgs, ctx: HandlerContext) => {
            ctx.state.set(providerKey(a.providerId), a.walletAddress.toLowerCase())
            return [providers(FactKind.NODE_REGISTERED, a.providerId, a.walletAddress)]
          },
        },
        {
          name: 'ProviderRemoved',
          abi: ProviderRegistry.events.ProviderRemoved,
          meaning: 'A provider is removed from the registry: one provider of capacity less (event from the SDK ABI; not in the shared reference).',
          facts: (a: ProviderRegistry.ProviderRemovedEventArgs, ctx: HandlerContext) => {
            const wallet = ctx.state.get<string>(providerKey(a.providerId)) ?? null
            ctx.state.delete(providerKey(a.providerId))
            return [providers(FactKind.NODE_DEREGISTERED, a.providerId, wallet)]
          },
        },
      ],
    },
    {
      name: 'ProviderRewardsManager',
      address: '0x20f2159b1082529089752Bce0549a649B0f0032C',
      proxy: false,
      startBlock: SPHERON_START_BLOCK,
      source: abiSrc('ProviderRewardsManager'),
      confidence: 'medium',
      events: [
        {
          name: 'ProviderRewardClaimed',
          abi: ProviderRewardsManager.events.ProviderRewardClaimed,
          meaning: 'A provider claims its era rewards (RewardToken; recorded as uSPON, flagged).',
          facts: (a: ProviderRewardsManager.ProviderRewardClaimedEventArgs) => [uspon(FactKind.REWARD_EMITTED, a.rewardAmount, a.provider)],
          confidence: 'low',
        },
        { name: 'ProviderSlashed', abi: ProviderRewardsManager.events.ProviderSlashed, meaning: 'A provider\'s era rewards are slashed by percentage.' },
      ],
    },
    {
      name: 'FizzRewardsManager',
      address: '0x8A01206Fd078Be34b28d689C92C1f2C05B3C641B',
      proxy: false,
      startBlock: SPHERON_START_BLOCK,
      source: abiSrc('FizzRewardsManager'),
      confidence: 'medium',
      events: [
        {
          name: 'FizzRewardClaimed',
          abi: FizzRewardsManager.events.FizzRewardClaimed,
          meaning: 'A fizz (consumer-grade) node claims its rewards (RewardToken; recorded as uSPON, flagged).',
          facts: (a: FizzRewardsManager.FizzRewardClaimedEventArgs) => [uspon(FactKind.REWARD_EMITTED, a.rewardAmount, a.fizz)],
          confidence: 'low',
        },
      ],
    },
  ],
}
