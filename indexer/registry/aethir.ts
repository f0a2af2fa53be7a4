/**
 * Aethir (GPU cloud for AI and gaming) on Arbitrum One. Confidence medium-low overall: Aethir publishes no
 * contract repository, so every address comes from third-party code:
 * - AethirCore and the ATH token: DefiLlama dimension-adapters fees/aethir/index.ts (start 2024-07-22);
 * - Checker Node License NFT (ERC-721 + ERC-4907, OZ transparent proxy) and CheckerClaimAndWithdraw:
 *   MetaStreet Foundation yield-pass fork tests (AethirBaseTest, Arbitrum fork at block 257,363,089) and
 *   DefiLlama's LNT-vault TVL adapter (the licence NFT);
 * - ATH on Arbitrum is an Axelar ITS interchain token; canonical ATH lives on Ethereum (0xbe0Ed413…).
 * Event signatures and topic0s: shared/reference/depin-contracts.json (Aethir), reproduced with viem.
 * Fee meaning follows DefiLlama's fees/aethir adapter (deposits minus withdrawals, in ATH).
 */
import * as AethirCheckerLicense from '../abi/AethirCheckerLicense'
import * as AethirCore from '../abi/AethirCore'
import * as AethirToken from '../abi/AethirToken'
import { FactKind } from '../model'
import { arbitrumOne } from './chains'
import type { FactDraft, HandlerContext, NetworkDef, Provenance, TokenDef } from './types'

const DEFILLAMA_FEES = 'github.com/DefiLlama/dimension-adapters fees/aethir/index.ts (AETHIR_CORE, AETHIR_TOKEN; start 2024-07-22)'
const METASTREET = 'MetaStreet Foundation yield-pass tests: AethirBaseTest (Arbitrum fork at block 257,363,089)'

/**
 * Start block of every Aethir contract: the Arbitrum One Cancun activation block (2024-03-14), a documented
 * lower bound before the checker-licence sale (spring 2024), ATH's TGE (2024-06-12) and the first service
 * fees DefiLlama counts (2024-07-22). The reference has no deployment blocks: flagged, and safe but early.
 * Source of the block: Arbitrum hardfork tables (ARBITRUM_ONE_CANCUN_BLOCK = 190,301,729).
 */
export const AETHIR_START_BLOCK = 190_301_729

export const ATH: TokenDef = {
  symbol: 'ATH',
  address: '0xc87B37a581ec3257B734886d9d3a581F5A9d056c',
  decimals: 18,
  // widely reported 42B (15 % = 6.3B to checker nodes); not verified from source: low confidence
  maxSupply: 42_000_000_000n * 10n ** 18n,
}

/**
 * CheckerClaimAndWithdraw: pays out vested checker-node rewards in ATH (MetaStreet AethirBaseTest). Its own
 * events are not verified, so it is NOT a watched contract (every log of a watched address is fetched and
 * unknown topics are quarantined); ATH transfers out of it are read on the token instead.
 */
export const AETHIR_CHECKER_CLAIM = '0x3EB64fc76De5D77659387E64951d78d5fCaE1111'

export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000'
const isZero = (a: string) => /^0x0{40}$/i.test(a)
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

/** capacity unit of NODE_* facts; NODE facts carry it as their asset, 1 per licence, 0 decimals */
export const LICENCES = 'licences'

const ath = (kind: FactKind, amount: bigint, o: { actor?: string | null; counterparty?: string | null; subject?: string | null; provenance?: Provenance } = {}): FactDraft => ({
  kind, asset: ATH.symbol, amount, decimals: ATH.decimals, actor: o.actor ?? null, counterparty: o.counterparty ?? null,
  subject: o.subject ?? null, provenance: o.provenance ?? 'onchain',
})
const licence = (kind: FactKind, tokenId: bigint, actor: string): FactDraft => ({
  kind, asset: LICENCES, amount: 1n, decimals: 0, actor, counterparty: null, subject: tokenId.toString(), unit: LICENCES, provenance: 'onchain',
})

/** The open ERC-4907 delegation of a licence, kept in handler state under `lease:<tokenId>`. */
export interface AethirLease {
  user: string
  /** unix seconds, decimal string */
  expires: string
  openedAt: number
  openedBlock: number
}
export const leaseKey = (tokenId: bigint | string) => `lease:${tokenId.toString()}`

function closeLease(tokenId: bigint, ctx: HandlerContext): FactDraft[] {
  const prev = ctx.state.get<AethirLease>(leaseKey(tokenId))
  if (!prev) return []
  ctx.state.delete(leaseKey(tokenId))
  return [ath(FactKind.LEASE_CLOSED, 0n, { actor: prev.user, subject: tokenId.toString() })]
}

/**
 * UpdateUser(tokenId, user, expires): user != 0 opens a lease (closing a previous lease to another user);
 * user == 0 closes the open lease. The same user again (a renewal) only updates `expires`.
 */
export function updateUserFacts(a: AethirCheckerLicense.UpdateUserEventArgs, ctx: HandlerContext): FactDraft[] {
  const prev = ctx.state.get<AethirLease>(leaseKey(a.tokenId))
  if (isZero(a.user)) return closeLease(a.tokenId, ctx)
  const lease: AethirLease = { user: a.user.toLowerCase(), expires: a.expires.toString(), openedAt: ctx.block.timestamp, openedBlock: ctx.block.height }
  if (prev && same(prev.user, a.user)) {
    ctx.state.set(leaseKey(a.tokenId), { ...prev, expires: lease.expires })
    return []
  }
  const out = closeLease(a.tokenId, ctx)
  ctx.state.set(leaseKey(a.tokenId), lease)
  out.push(ath(FactKind.LEASE_OPENED, 0n, { actor: a.user, subject: a.tokenId.toString() }))
  return out
}

export function licenceTransferFacts(a: AethirCheckerLicense.TransferEventArgs, ctx: HandlerContext): FactDraft[] {
  if (isZero(a.from) && isZero(a.to)) return []
  if (isZero(a.from)) return [licence(FactKind.NODE_REGISTERED, a.tokenId, a.to)]
  if (isZero(a.to)) {
    // a burned licence has no user any more: close its lease if ERC-4907's UpdateUser(0) did not already
    return [...closeLease(a.tokenId, ctx), licence(FactKind.NODE_DEREGISTERED, a.tokenId, a.from)]
  }
  return []
}

export function athTransferFacts(a: AethirToken.TransferEventArgs): FactDraft[] {
  if (isZero(a.from) && isZero(a.to)) return []
  if (isZero(a.from)) return [ath(FactKind.SUPPLY_MINT, a.value, { actor: a.to })]
  if (isZero(a.to)) return [ath(FactKind.SUPPLY_BURN, a.value, { actor: a.from })]
  if (same(a.from, AETHIR_CHECKER_CLAIM)) {
    return [ath(FactKind.REWARD_EMITTED, a.value, { actor: a.to, counterparty: AETHIR_CHECKER_CLAIM, provenance: 'inferred' })]
  }
  return []
}

export const aethir: NetworkDef = {
  id: 'aethir',
  name: 'Aethir',
  category: 'compute',
  categories: ['compute', 'ai'],
  chain: arbitrumOne,
  token: ATH,
  feeAsset: ATH,
  capacityUnit: LICENCES,
  // a delegated (ERC-4907 rented) licence occupies one licence: utilization = active delegations / licences
  leasesUseCapacity: true,
  price: { kind: 'import', asset: 'ATH' },
  source: `${DEFILLAMA_FEES}; ${METASTREET}; shared/reference/depin-contracts.json (Aethir, confidence medium-low)`,
  notes: [
    'Confidence medium-low overall: Aethir publishes no contract repository; addresses come from DefiLlama adapters and MetaStreet fork tests, start blocks are a documented lower bound (Arbitrum Cancun block 190,301,729), not deployment blocks.',
    'Fees follow DefiLlama fees/aethir: DepositServiceFee = FEE_PAID (payer = developer as counterparty, no provider on-chain), WithdrawServiceFee = FEE_REFUNDED; net fees = FEE_PAID - FEE_REFUNDED, and can be negative on a day.',
    'DefiLlama counts 20 % of net service fees as protocol revenue (80 % to GPU providers). That split is a constant in the adapter, not an on-chain flow, so no PROTOCOL_TAKE is recorded: apply 20 % to net fees for a DefiLlama-comparable revenue.',
    'Checker rewards (REWARD_EMITTED, provenance inferred) are ATH transfers out of CheckerClaimAndWithdraw 0x3EB64fc7…1111, read on the token because that contract\'s own events are unverified. They are paid at withdrawal after a vesting cliff (180 days in the MetaStreet tests), not when earned; other claim deployments listed by third parties (e.g. 0x13f34e49…) are not watched.',
    'ATH on Arbitrum is an Axelar ITS interchain token: Transfer from/to 0x0 (SUPPLY_MINT / SUPPLY_BURN) is mostly bridging to and from Ethereum, not issuance; the 42B max supply is widely reported but unverified (low confidence).',
    'Licences: ERC-721 mint = NODE_REGISTERED, burn = NODE_DEREGISTERED (1 licence each, subject = tokenId). This is CheckerLicenseNFTv2; licences of earlier licence contracts migrated into it appear as mints.',
    'ERC-4907 UpdateUser is read as a lease of the licence to a node operator: LEASE_OPENED / LEASE_CLOSED with amount 0 (the price is off-chain) and the operator as actor. A delegation that simply expires emits no event, so its LEASE_CLOSED is only recorded at the next UpdateUser or burn of that licence.',
  ],
  contracts: [
    {
      name: 'AethirCore',
      address: '0x226DC7D2AA1F9a565e82faf04772FDbBaF2da42d',
      // proxy unknown (reference: null); DefiLlama reads its logs at this address, which is what matters here
      proxy: false,
      startBlock: AETHIR_START_BLOCK,
      source: DEFILLAMA_FEES,
      confidence: 'medium',
      events: [
        {
          name: 'DepositServiceFee',
          abi: AethirCore.events.DepositServiceFee,
          meaning: 'A developer (compute customer) prepays GPU service fees in ATH into the AethirCore escrow; DefiLlama counts the amount as fees (20 % protocol revenue, 80 % GPU providers, by a fixed rule).',
          facts: (a: AethirCore.DepositServiceFeeEventArgs) => [ath(FactKind.FEE_PAID, a.amount, { counterparty: a.developer, subject: a.nonce.toString() })],
          confidence: 'medium',
        },
        {
          name: 'WithdrawServiceFee',
          abi: AethirCore.events.WithdrawServiceFee,
          meaning: 'A developer withdraws unused prepaid service fees (ATH); DefiLlama subtracts it from fees.',
          facts: (a: AethirCore.WithdrawServiceFeeEventArgs) => [ath(FactKind.FEE_REFUNDED, a.amount, { counterparty: a.developer, subject: a.nonce.toString() })],
          confidence: 'medium',
        },
      ],
    },
    {
      name: 'CheckerNodeLicense',
      address: '0xC227e25544EdD261A9066932C71a25F4504972f1',
      proxy: true,
      startBlock: AETHIR_START_BLOCK,
      source: `${METASTREET}; DefiLlama TVL adapter (LNT vault nft)`,
      confidence: 'medium',
      events: [
        {
          name: 'Transfer',
          abi: AethirCheckerLicense.events.Transfer,
          meaning: 'ERC-721 checker-node licence: mint (from 0x0) = licence issued (NODE_REGISTERED), burn (to 0x0) = licence retired (NODE_DEREGISTERED); other (whitelisted) transfers are raw only.',
          facts: licenceTransferFacts,
          confidence: 'high',
        },
        {
          name: 'UpdateUser',
          abi: AethirCheckerLicense.events.UpdateUser,
          meaning: 'ERC-4907: the licence is delegated to a node operator (user) until expires (unix seconds), i.e. leased; user 0x0 ends the delegation.',
          facts: updateUserFacts,
          confidence: 'medium',
        },
      ],
    },
    {
      name: 'AethirToken',
      address: ATH.address!,
      // Axelar InterchainToken; logs come from this address whatever its implementation
      proxy: false,
      startBlock: AETHIR_START_BLOCK,
      source: 'DefiLlama fees/aethir (AETHIR_TOKEN); Axelar ITS token list; MetaStreet AethirBaseTest',
      confidence: 'high',
      events: [
        {
          name: 'Transfer',
          abi: AethirToken.events.Transfer,
          meaning: 'ATH ERC-20 transfer: from 0x0 = mint (SUPPLY_MINT; on Arbitrum mostly Axelar bridging in), to 0x0 = burn (SUPPLY_BURN), from CheckerClaimAndWithdraw = checker reward paid (REWARD_EMITTED, inferred).',
          facts: athTransferFacts,
          confidence: 'medium',
        },
      ],
    },
  ],
}
