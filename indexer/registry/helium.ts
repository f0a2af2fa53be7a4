/**
 * Helium (wireless: IoT and Mobile sub-networks) on Solana, read over Solana JSON-RPC (indexer/sources/solana):
 * instructions of four Anchor programs of helium/helium-program-library, decoded with their published IDLs
 * (@helium/idls 0.11.27, converted to JSON in indexer/abi/helium by `npm run codegen`), and the SPL Token
 * instructions they run by CPI (where the amounts move).
 *
 * Program ids: the IDLs' `address` (data-credits credMBJh…, helium-sub-daos hdaoVTCq…, lazy-distributor 1azyuavd…,
 * helium-entity-manager hemjuPXB…). Mints: packages/spl-utils/src/constants.ts (HNT hntyVP6Y…, DC dcuc8Amr…,
 * IOT iotEVVZL…, MOBILE mb1eu7Tz…). Sub-DAO accounts: PDA ["sub_dao", dnt mint] of helium-sub-daos
 * (programs/helium-sub-daos/src/instructions/initialize_sub_dao_v0.rs; packages/helium-sub-daos-sdk/src/pdas.ts).
 * What each instruction moves: programs/data-credits/src/instructions/{burn/*,mint_data_credits_v0}.rs,
 * programs/helium-sub-daos/src/instructions/issue_rewards_v0.rs, programs/lazy-distributor/src/instructions/distribute/common.rs,
 * programs/helium-entity-manager/src/instructions/onboard_{iot,mobile}_hotspot_v0.rs.
 */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import anchor from '@coral-xyz/anchor'
import { FactKind } from '../model'
import { solana } from './chains'
import type { FactDraft, NetworkDef, SolanaInstruction, SolanaInstructionDef, SolanaProgramDef, TokenDef } from './types'

const REPO = 'github.com/helium/helium-program-library'

/** An Anchor IDL of indexer/abi/helium (written by `npm run codegen` from @helium/idls). */
const idl = (program: string): { address: string; metadata: { name: string; version: string }; instructions: any[] } =>
  JSON.parse(readFileSync(join(import.meta.dirname, '../abi/helium', `${program}.json`), 'utf8'))
const dataCreditsIdl = idl('data_credits')
const heliumSubDaosIdl = idl('helium_sub_daos')
const lazyDistributorIdl = idl('lazy_distributor')
const heliumEntityManagerIdl = idl('helium_entity_manager')

export const HNT_MINT = 'hntyVP6YFm1Hg25TN9WGLqM12b8TQmcknKrdu1oxWux'
export const DC_MINT = 'dcuc8Amr83Wz27ZkQ2K9NS6r8zRpf1J6cvArEBDZDmm'
export const IOT_MINT = 'iotEVVZLEywoTn1QdwNPddxPWszn3zFhEot3MfL9fns'
export const MOBILE_MINT = 'mb1eu7TzEc71KxDpsmsKoucSSuuoGLv1drys1oP2jh6'

export const DATA_CREDITS_PROGRAM = dataCreditsIdl.address
export const HELIUM_SUB_DAOS_PROGRAM = heliumSubDaosIdl.address
export const LAZY_DISTRIBUTOR_PROGRAM = lazyDistributorIdl.address
export const HELIUM_ENTITY_MANAGER_PROGRAM = heliumEntityManagerIdl.address

/** 1 DC = 0.00001 USD: the data-credits program mints DC for HNT at the oracle price at this rate (HIP-10 / HIP-51). */
export const DC_USD = 0.00001

/** HNT: SPL token, 8 decimals, max supply 223,000,000 (Helium tokenomics, HIP-20 emission curve). */
export const HNT: TokenDef = { symbol: 'HNT', address: HNT_MINT, decimals: 8, maxSupply: 223_000_000n * 10n ** 8n }
/** Data Credits: non-transferable SPL token, 0 decimals, fixed at 0.00001 USD each. */
export const DC: TokenDef = {
  symbol: 'DC', address: DC_MINT, decimals: 0, maxSupply: null,
  fixedUsdPrice: { usd: DC_USD, source: 'Helium protocol: 1 DC = 0.00001 USD (data-credits mint_data_credits_v0 mints DC for HNT at the Pyth HNT/USD price at this rate)' },
}

/** helium-sub-daos PDA of a sub-network: ["sub_dao", dnt mint]. */
export const subDaoOf = (dntMint: string) =>
  anchor.web3.PublicKey.findProgramAddressSync([Buffer.from('sub_dao'), new anchor.web3.PublicKey(dntMint).toBuffer()], new anchor.web3.PublicKey(HELIUM_SUB_DAOS_PROGRAM))[0].toBase58()
export const IOT_SUB_DAO = subDaoOf(IOT_MINT)
export const MOBILE_SUB_DAO = subDaoOf(MOBILE_MINT)
/** sub-network of a sub-DAO account */
export const subNetworkOf = (subDao: string | undefined) => (subDao === IOT_SUB_DAO ? 'iot' : subDao === MOBILE_SUB_DAO ? 'mobile' : null)

const programs: SolanaProgramDef[] = [
  { name: 'dataCredits', programId: DATA_CREDITS_PROGRAM, idl: dataCreditsIdl, source: `${REPO} programs/data-credits; IDL @helium/idls 0.11.27 (data_credits ${dataCreditsIdl.metadata.version})` },
  { name: 'heliumSubDaos', programId: HELIUM_SUB_DAOS_PROGRAM, idl: heliumSubDaosIdl, source: `${REPO} programs/helium-sub-daos; IDL @helium/idls 0.11.27 (helium_sub_daos ${heliumSubDaosIdl.metadata.version})` },
  { name: 'lazyDistributor', programId: LAZY_DISTRIBUTOR_PROGRAM, idl: lazyDistributorIdl, source: `${REPO} programs/lazy-distributor; IDL @helium/idls 0.11.27 (lazy_distributor ${lazyDistributorIdl.metadata.version})` },
  { name: 'heliumEntityManager', programId: HELIUM_ENTITY_MANAGER_PROGRAM, idl: heliumEntityManagerIdl, source: `${REPO} programs/helium-entity-manager; IDL @helium/idls 0.11.27 (helium_entity_manager ${heliumEntityManagerIdl.metadata.version})` },
]

const instructions: SolanaInstructionDef[] = [
  { program: 'dataCredits', name: 'burnDelegatedDataCreditsV0', meaning: 'The burn service burns Data Credits delegated to a sub-DAO for data transfer (packets, Mobile data). FEE_PAID and PROTOCOL_TAKE in DC = the DC of the inner SPL Burn (= args.amount); actor = the sub-DAO (IoT or Mobile), counterparty = the delegated-data-credits account (the router / OUI that paid).', facts: true },
  { program: 'dataCredits', name: 'burnWithoutTrackingV0', meaning: 'DC burned outside sub-DAO tracking (hotspot onboarding and location fees, by CPI from helium-entity-manager). FEE_PAID and PROTOCOL_TAKE in DC = the inner SPL Burn; counterparty = the owner of the burned DC.', facts: true },
  { program: 'dataCredits', name: 'mintDataCreditsV0', meaning: 'HNT burned to mint Data Credits at the oracle price (Burn-and-Mint Equilibrium): SUPPLY_BURN of the HNT of the inner SPL Burn (actor = owner, counterparty = recipient); the DC minted (inner MintTo) is kept in the raw event, not a fact (DC are spent when burned).', facts: true },
  { program: 'dataCredits', name: 'delegateDataCreditsV0', meaning: 'DC delegated to a sub-DAO for a router (moved to an escrow, burned later by burnDelegatedDataCreditsV0). Raw event only.', facts: false },
  { program: 'heliumSubDaos', name: 'issueRewardsV0', meaning: 'Epoch (daily) emission of a sub-DAO: every inner SPL MintTo of HNT (rewards escrow of the lazy distributor, veHNT delegator pool, supplement and Council vaults) is a SUPPLY_MINT (actor = sub-DAO, counterparty = the credited account). Not incentives: those are counted when hotspots claim them (distribute*).', facts: true },
  { program: 'lazyDistributor', name: 'distributeRewardsV0', meaning: 'A hotspot\'s oracle-approved rewards are paid out: REWARD_EMITTED of the inner SPL Transfer from the rewards escrow (HNT since HIP-138), actor = hotspot owner (`common.owner`), counterparty = the lazy distributor, subject = the hotspot\'s recipient account. Rewards in IOT / MOBILE (before HIP-138) are raw events only.', facts: true },
  { program: 'lazyDistributor', name: 'distributeCompressionRewardsV0', meaning: 'Same as distributeRewardsV0 for a compressed hotspot NFT (the usual case).', facts: true },
  { program: 'lazyDistributor', name: 'distributeCustomDestinationV0', meaning: 'Same as distributeRewardsV0, paid to the recipient\'s custom destination.', facts: true },
  { program: 'heliumEntityManager', name: 'onboardIotHotspotV0', meaning: 'An IoT hotspot is onboarded: NODE_REGISTERED of 1 hotspot (actor = hotspot owner, counterparty = the IoT sub-DAO, subject = the hotspot\'s key-to-asset account). Its DC onboarding fee is the burnWithoutTrackingV0 it calls.', facts: true },
  { program: 'heliumEntityManager', name: 'onboardMobileHotspotV0', meaning: 'A Mobile hotspot is onboarded: NODE_REGISTERED of 1 hotspot (counterparty = the Mobile sub-DAO); its DC fee as above (the MOBILE part of the fee, dntBurner, is not counted).', facts: true },
  { program: 'heliumEntityManager', name: 'onboardDataOnlyIotHotspotV0', meaning: 'A data-only IoT hotspot is onboarded: NODE_REGISTERED of 1 hotspot (IoT sub-DAO).', facts: true },
  { program: 'heliumEntityManager', name: 'onboardDataOnlyMobileHotspotV0', meaning: 'A data-only Mobile hotspot is onboarded: NODE_REGISTERED of 1 hotspot (Mobile sub-DAO).', facts: true },
]

const sum = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n)
const need = (ix: SolanaInstruction, name: string) => {
  const v = ix.accounts[name]
  if (!v) throw new Error(`account ${name} missing`)
  return v
}

/** DC burned by a data-credits burn instruction: its inner SPL Burn of the DC mint, which must equal args.amount. */
function dcBurned(ix: SolanaInstruction): bigint {
  const burns = ix.tokenOps.filter((o) => o.kind === 'burn' && o.mint === DC_MINT)
  if (!burns.length) throw new Error('no SPL Burn of DC among the inner instructions')
  const amount = sum(burns.map((o) => o.amount))
  const declared = (ix.args.args as { amount?: string } | undefined)?.amount
  if (declared != null && BigInt(declared) !== amount) throw new Error(`DC burned ${amount} differs from args.amount ${declared}`)
  return amount
}

function dcFacts(amount: bigint, actor: string | null, counterparty: string | null): FactDraft[] {
  const base = { asset: DC.symbol, amount, decimals: DC.decimals, counterparty, provenance: 'onchain' as const }
  return [{ ...base, kind: FactKind.FEE_PAID, actor }, { ...base, kind: FactKind.PROTOCOL_TAKE, actor: null }]
}

function hotspot(ix: SolanaInstruction, subDao: string): FactDraft[] {
  return [{ kind: FactKind.NODE_REGISTERED, asset: 'hotspots', amount: 1n, decimals: 0, actor: need(ix, 'hotspotOwner'), counterparty: subDao, subject: need(ix, 'keyToAsset'), unit: 'hotspots', provenance: 'onchain' }]
}

function handleInstruction(ix: SolanaInstruction): FactDraft[] {
  switch (`${ix.programId}:${ix.name}`) {
    case `${DATA_CREDITS_PROGRAM}:burnDelegatedDataCreditsV0`: {
      const subDao = need(ix, 'subDao')
      if (!subNetworkOf(subDao)) throw new Error(`sub-DAO ${subDao} is neither IoT (${IOT_SUB_DAO}) nor Mobile (${MOBILE_SUB_DAO})`)
      return dcFacts(dcBurned(ix), subDao, need(ix, 'delegatedDataCredits'))
    }
    case `${DATA_CREDITS_PROGRAM}:burnWithoutTrackingV0`:
      return dcFacts(dcBurned(ix), null, need(ix, 'burnAccounts.owner'))
    case `${DATA_CREDITS_PROGRAM}:mintDataCreditsV0`: {
      const burns = ix.tokenOps.filter((o) => o.kind === 'burn' && o.mint === HNT_MINT)
      if (!burns.length) throw new Error('no SPL Burn of HNT among the inner instructions')
      return [{ kind: FactKind.SUPPLY_BURN, asset: HNT.symbol, amount: sum(burns.map((o) => o.amount)), decimals: HNT.decimals, actor: need(ix, 'owner'), counterparty: need(ix, 'recipient'), provenance: 'onchain' }]
    }
    case `${HELIUM_SUB_DAOS_PROGRAM}:issueRewardsV0`: {
      const subDao = need(ix, 'subDao')
      return ix.tokenOps
        .filter((o) => o.kind === 'mintTo' && o.mint === HNT_MINT && o.amount > 0n)
        .map((o) => ({ kind: FactKind.SUPPLY_MINT, asset: HNT.symbol, amount: o.amount, decimals: HNT.decimals, actor: subDao, counterparty: o.to, provenance: 'onchain' as const }))
    }
    case `${LAZY_DISTRIBUTOR_PROGRAM}:distributeRewardsV0`:
    case `${LAZY_DISTRIBUTOR_PROGRAM}:distributeCompressionRewardsV0`:
    case `${LAZY_DISTRIBUTOR_PROGRAM}:distributeCustomDestinationV0`: {
      if (need(ix, 'common.rewardsMint') !== HNT_MINT) return [] // IOT / MOBILE rewards before HIP-138: raw only
      const escrow = need(ix, 'common.rewardsEscrow')
      const paid = sum(ix.tokenOps.filter((o) => o.kind === 'transfer' && o.from === escrow).map((o) => o.amount))
      if (paid === 0n) return []
      return [{ kind: FactKind.REWARD_EMITTED, asset: HNT.symbol, amount: paid, decimals: HNT.decimals, actor: need(ix, 'common.owner'), counterparty: need(ix, 'common.lazyDistributor'), subject: need(ix, 'common.recipient'), provenance: 'onchain' }]
    }
    case `${HELIUM_ENTITY_MANAGER_PROGRAM}:onboardIotHotspotV0`:
    case `${HELIUM_ENTITY_MANAGER_PROGRAM}:onboardDataOnlyIotHotspotV0`:
    case `${HELIUM_ENTITY_MANAGER_PROGRAM}:onboardMobileHotspotV0`:
    case `${HELIUM_ENTITY_MANAGER_PROGRAM}:onboardDataOnlyMobileHotspotV0`: {
      const subDao = need(ix, 'subDao')
      const expected = /Iot/.test(ix.name) ? 'iot' : 'mobile'
      if (subNetworkOf(subDao) !== expected) throw new Error(`${ix.name} with sub-DAO ${subDao}, not the ${expected} sub-DAO`)
      return hotspot(ix, subDao)
    }
    default:
      return []
  }
}

export const helium: NetworkDef = {
  id: 'helium',
  name: 'Helium',
  category: 'wireless',
  categories: ['wireless'],
  chain: solana,
  token: HNT,
  feeAsset: DC,
  takeInFeeAsset: true,
  capacityUnit: 'hotspots',
  feeRecipient: 'protocol',
  price: { kind: 'import', asset: HNT.symbol },
  supplyFromMints: false,
  source: `${REPO} (programs, packages/spl-utils/src/constants.ts), @helium/idls 0.11.27 on npm`,
  contracts: [],
  notes: [
    `Not an EVM chain: finalized Solana blocks are read over JSON-RPC (getBlocks, then getBlock with encoding json, maxSupportedTransactionVersion 0); instructions (top-level and inner) of the four programs are decoded by their Anchor discriminators with the IDLs of @helium/idls; failed transactions are skipped. Chain key 792703809 (Relay's Solana chain id).`,
    'The four IDLs declare no Anchor events (and the programs emit none that carry amounts): every figure comes from the instructions and the SPL Token instructions of their CPI subtrees. The source is a plain getBlock client on the shared ingest loop (resumable cursor in the batch transaction), not @subsquid/solana-stream, so every non-EVM source has one loop.',
    'Fees and protocol revenue are the Data Credits burned (data transfer and onboarding fees), valued at the protocol\'s fixed 0.00001 USD per DC; all of it is protocol revenue (DC burns take HNT out of supply through the DC minted before), so supply-side revenue is 0 and providers are paid by emissions.',
    'Incentives are the HNT rewards hotspots claim (lazy-distributor), not the epoch emissions (issueRewardsV0 mints, counted as SUPPLY_MINT): rewards not yet claimed and the veHNT delegators\' share are in issuance but not in incentives.',
    'The sub-network (IoT or Mobile) of a fact is its sub-DAO account: actor of DC burns and emissions, counterparty of hotspot onboardings (IoT sub-DAO and Mobile sub-DAO are the PDAs ["sub_dao", IOT / MOBILE mint]).',
    'Supply: HNT minted (issueRewardsV0) and burned (mintDataCreditsV0) since the start slot are indexed, but the supply migrated from the Helium L1 in April 2023 emits no instruction, so the supply is not rebuilt from events (supplyFromMints: false): market cap is the imported CoinGecko market_cap (marketCapBasis off-chain-import); FDV uses the 223M max supply.',
    'Hotspots: onboardings only; hotspots that stop (no deregistration on chain) stay counted, so capacity is hotspots onboarded since the start slot.',
  ],
  solana: { programs, instructions, handleInstruction: (ix) => handleInstruction(ix) },
}
