/**
 * DIMO (vehicle sensors / mobility data) on Polygon PoS.
 * Addresses and event signatures: shared/reference depin-contracts.json (DIMO), i.e. DIMO-Network/dimo-identity
 * scripts/data/addresses.json (DIMORegistry and its modules), DIMO-Network/developer-license
 * script/data/addresses.json and src/*.sol (DimoCredit, DevLicenseDimo), DIMO-Network/dimo-token
 * scripts/addresses.json (token) and DIMO-Network/rewards-api (Reward and Referral ABIs, production Helm values).
 * Every topic0 below equals the reference's `topic0` (checked against keccak256 of the canonical signature in
 * test/unit/networks/dimo.test.ts).
 */
import * as DimoCredit from '../abi/DimoCredit'
import * as DimoDevLicense from '../abi/DimoDevLicense'
import * as DimoReferral from '../abi/DimoReferral'
import * as DimoRegistry from '../abi/DimoRegistry'
import * as DimoReward from '../abi/DimoReward'
import * as DimoRewardLegacy from '../abi/DimoRewardLegacy'
import * as DimoToken from '../abi/DimoToken'
import { FactKind } from '../model'
import { polygon } from './chains'
import type { AbiEvent, FactDraft, HandlerContext, NetworkDef, Provenance, TokenDef } from './types'

const SRC_TOKEN = 'github.com/DIMO-Network/dimo-token @ ea0dc2e: scripts/addresses.json; contracts/Ethereum/Mainnet/DimoV1/Dimo.sol (1e9 DIMO minted on Ethereum)'
const SRC_IDENTITY = 'github.com/DIMO-Network/dimo-identity @ d6fd02d: scripts/data/addresses.json (polygon.modules.DIMORegistry), contracts/implementations/** (Vehicle, AftermarketDevice, SyntheticDevice, DevAdmin events)'
const SRC_REWARDS =
  'github.com/DIMO-Network/rewards-api @ 3cd8b40: charts/rewards-api/values-prod.yaml (ISSUANCE_CONTRACT_ADDRESS, REFERRAL_CONTRACT_ADDRESS), internal/contracts/{reward,referral}.go (abigen ABI); ' +
  'also in DIMO-Network/contract-event-processor charts/contract-event-processor/values-prod.yaml (polygon, abi/Reward.json) and its issuance_listener.go; ' +
  'v1 source DIMO-Network/dimo-rewards-contract contracts/Reward.sol (initialWeeklyLimit 1,105,000 DIMO, -15 %/year)'
const SRC_DEVLICENSE = 'github.com/DIMO-Network/developer-license @ fc1dcdd: script/data/addresses.json, src/DimoCredit.sol, src/DevLicenseDimo.sol, src/DevLicenseStake.sol'

export const DIMO: TokenDef = {
  symbol: 'DIMO',
  address: '0xE261D618a959aFfFd53168Cd07D12E37B26761db',
  decimals: 18,
  // DimoV1 on Ethereum mints 1,000,000,000 DIMO once; Polygon DIMO is a bridged representation of it
  maxSupply: 1_000_000_000n * 10n ** 18n,
}

/** DimoCredit constructor: 1 DCX = 0.001 USD, as USD wei per DCX */
export const DCX_INITIAL_RATE = 10n ** 15n

/**
 * DIMO Credit: non-transferable developer credits bought with DIMO at a USD rate the contract sets (1 DCX = $0.001
 * at deployment). Priced on chain: each UpdateDimoCreditRate is a DCX/USD PricePoint; no market price exists.
 */
export const DCX: TokenDef = {
  symbol: 'DCX', address: '0x7186F9aC35d24c9a4cf1E58a797c04DF1b334322', decimals: 18, maxSupply: null,
  onchainPrice: {
    initialUsd: Number(DCX_INITIAL_RATE) / 1e18,
    source: `DimoCredit.UpdateDimoCreditRate(rate): 1 DCX = rate / 1e18 USD; before the first update the constructor's rate, 1e15 (0.001 USD) (${'developer-license src/DimoCredit.sol'})`,
  },
}

export const DIMO_ADDRESSES = {
  DimoToken: DIMO.address!,
  DimoReward: '0x8129f3cD3EBA82136Caf5aB87E2321c958Da5B63',
  DimoReferral: '0x3a99A9c4997B710febd7696E73088Fd9e51f49a5',
  DimoRegistry: '0xFA8beC73cebB9D88FF88a2f75E7D7312f2Fd39EC',
  DimoCredit: DCX.address!,
  DimoDevLicense: '0x9A9D2E717bB005B240094ba761Ff074d392C7C85',
} as const

/** NFT proxies named by TokensTransferredForDevice.deviceNftProxy (dimo-identity addresses.json) */
export const DIMO_AFTERMARKET_DEVICE_ID = '0x9c94C395cBcBDe662235E0A9d3bB87Ad708561BA'
export const DIMO_SYNTHETIC_DEVICE_ID = '0x4804e8D1661cd1a1e5dDdE1ff458A7f878c0aC6D'
/** receiver of the DIMO paid for DCX and licences (DIMO prod account; developer-license scripts, Artemis dimo fees model) */
export const DIMO_DCX_RECEIVER = '0x62b98e019e0d3e4A1Ad8C786202e09017Bd995e1'
const ZERO = '0x0000000000000000000000000000000000000000'
export const DIMO_CAPACITY_UNIT = 'devices'

/** handler state keys */
export const DIMO_STATE = {
  /** DimoCredit USD rate (USD wei per DCX, decimal string) from UpdateDimoCreditRate */
  dcxRate: 'dcx.rateUsdWei',
  /** referral bonus (DIMO wei, decimal string) from BonusChanged */
  referralBonus: 'referral.bonus',
  /** developer licence price (USD wei) from DevLicense UpdateLicenseCost */
  licenseCost: 'license.costUsdWei',
  /** the last DIMO Transfer to the receiver: `txHash from amount`, matched by a DevLicense Issued of the same transaction */
  receiverInflow: 'receiver.lastInflow',
} as const

/** DevLicenseDimo initialize(licenseCostInUsd1e18): 1 USD (developer-license script/data/deployArgs.ts) until an UpdateLicenseCost is seen */
export const LICENSE_COST_DEFAULT = 10n ** 18n

/**
 * DCX a licence paid in DIMO is worth: its USD cost at the DCX rate, rounded as DevLicenseDimo.issueInDc rounds
 * (`(licenseCostInUsd1e18 / dimoCreditRate) * 1 ether`), i.e. the credits the same licence costs when paid in DCX.
 */
export const licenseCostInDcx = (costUsdWei: bigint, rateUsdWei: bigint): bigint => (costUsdWei / rateUsdWei) * 10n ** 18n

/** Subject of a fact: which NFT it is about (ids of the Vehicle, AftermarketDevice, SyntheticDevice and licence NFTs overlap). */
export const dimoSubject = {
  vehicle: (id: bigint) => `vehicle:${id}`,
  aftermarket: (id: bigint) => `aftermarket:${id}`,
  synthetic: (id: bigint) => `synthetic:${id}`,
  license: (id: bigint) => `license:${id}`,
  device: (proxy: string, id: bigint) =>
    proxy.toLowerCase() === DIMO_AFTERMARKET_DEVICE_ID.toLowerCase() ? `aftermarket:${id}`
      : proxy.toLowerCase() === DIMO_SYNTHETIC_DEVICE_ID.toLowerCase() ? `synthetic:${id}`
        : `device:${proxy.toLowerCase()}:${id}`,
}

const dimoFact = (kind: FactKind, amount: bigint, o: { actor?: string | null; counterparty?: string | null; subject?: string | null; provenance?: Provenance } = {}): FactDraft => ({
  kind, asset: DIMO.symbol, amount, decimals: DIMO.decimals, actor: o.actor ?? null, counterparty: o.counterparty ?? null,
  subject: o.subject ?? null, provenance: o.provenance ?? 'onchain',
})
const dcx = (kind: FactKind, amount: bigint, o: { actor?: string | null; counterparty?: string | null; provenance?: Provenance } = {}): FactDraft => ({
  kind, asset: DCX.symbol, amount, decimals: DCX.decimals, actor: o.actor ?? null, counterparty: o.counterparty ?? null,
  provenance: o.provenance ?? 'onchain',
})
/** NODE_* facts: amount in devices (decimals 0), asset = the network token as the other networks do */
const device = (kind: FactKind, amount: bigint, subject: string, actor?: string | null, counterparty?: string | null): FactDraft => ({
  kind, asset: DIMO.symbol, amount, decimals: 0, actor: actor ?? null, counterparty: counterparty ?? null,
  subject, unit: DIMO_CAPACITY_UNIT, provenance: 'onchain',
})

/**
 * The reward contract's TokensTransferred and DidntQualify have the same topic0 in two layouts: the v1 source
 * (dimo-rewards-contract Reward.sol) does not index vehicleNodeId (2 topics, 2 data words), the current ABI
 * (rewards-api reward.go) does (3 topics, 1 data word). Decode by the number of topics.
 */
function byLayout(current: AbiEvent, legacy: AbiEvent): AbiEvent {
  if (current.topic !== legacy.topic) throw new Error('layouts of one event must share topic0')
  return {
    topic: current.topic,
    decode(log) {
      if (log.topics.length === 3) return current.decode(log)
      if (log.topics.length === 2) return legacy.decode(log)
      throw new Error(`unexpected number of topics: ${log.topics.length}`)
    },
  }
}

const bigState = (ctx: HandlerContext, key: string): bigint | undefined => {
  const v = ctx.state.get<string>(key)
  return v === undefined ? undefined : BigInt(v)
}

export const dimo: NetworkDef = {
  id: 'dimo',
  name: 'DIMO',
  category: 'sensors',
  categories: ['sensors'],
  chain: polygon,
  token: DIMO,
  feeAsset: DCX,
  capacityUnit: DIMO_CAPACITY_UNIT,
  price: { kind: 'import', asset: 'DIMO' },
  source: `${SRC_IDENTITY}; ${SRC_DEVLICENSE}; ${SRC_REWARDS}; ${SRC_TOKEN}`,
  notes: [
    'Fees are DCX (DIMO Credit) purchases: DCX Transfer from 0x0 = credits bought with DIMO (DIMO transferFrom buyer -> receiver 0x62b98e01…). DCX are non-transferable, USD-pegged credits: 1 DCX = rate/1e18 USD, rate from UpdateDimoCreditRate (constructor: 0.001 USD; DIMO docs state $0.0001, so the rate is read from events and kept in handler state `dcx.rateUsdWei`, defaulting to 1e15). DCX fees are valued at that rate at each fee (each UpdateDimoCreditRate is stored as a DCX/USD price point with an on-chain source; before the first, the constructor rate): no DCX market price exists (CoinGecko has none), and none is imported.',
    'DCX burns (Transfer to 0x0: credits spent on API usage or on a licence paid in DCX) are FEE_SETTLED (inferred): consumption of prepaid credits, not a second fee.',
    'The DIMO leg of a DCX purchase is a plain DIMO Transfer to the receiver (kept raw: the DCX minted in the same call is the fee). Licences paid directly in DIMO (DevLicenseDimo.issueInDimo: DIMO Transfer owner -> receiver, then Issued in the same transaction) are FEE_PAID (inferred) in DCX: the licence cost (UpdateLicenseCost, 1 USD at deployment) at the current DCX rate, the credits issueInDc would burn for it, so fees stay in one unit at the contract’s own USD price. Licences paid in DCX are not a second fee (the DCX were a fee when bought). Artemis counts all DIMO inflows to 0x62b98e01… as fees instead, which values the same payments at the DIMO market price.',
    'Reward (issuance) contract 0x8129f3cD… is medium confidence: it is the production ISSUANCE_CONTRACT_ADDRESS of the rewards-api Helm values (also listed in contract-event-processor values-prod.yaml), not a deployment file or explorer. Its events are flagged medium.',
    'REWARD_EMITTED sums TokensTransferredForDevice, TokensTransferredForConnectionStreak and TokensTransferred (payouts from a pre-funded contract, not mints). The current batchTransfer pays device and streak parts separately; TokensTransferred is the v1 per-vehicle event (vehicleNodeId not indexed in v1, indexed in the current ABI: both layouts are decoded). If the current contract also emitted TokensTransferred for the same payout, rewards would be double counted; DIMO’s own consumers read only the ForDevice/ForConnectionStreak events.',
    'Referral contract (ReferralComplete, BonusChanged) is medium confidence. ReferralComplete carries no amount: REWARD_EMITTED (inferred) = the last BonusChanged amount (handler state `referral.bonus`), to the referrer; nothing is emitted before a BonusChanged is seen. Whether the referee gets the same bonus is not verified.',
    'Capacity (devices) = aftermarket devices minted + synthetic devices minted - their burns (AftermarketDeviceNodeBurned / SyntheticDeviceNodeBurned, signatures from dimo-identity DevAdmin and SyntheticDevice modules, not in the reference). Vehicles are identities, not devices: VehicleNodeMinted*/VehicleNodeBurned are raw (a vehicle is burned only after its devices are unpaired or burned). Claims, pairings and unpairings are NODE_UPDATE with amount 0. DIMO’s “connected vehicles” figure (paired devices) is therefore not the capacity figure.',
    'Supply facts are Polygon DIMO mints/burns (PoS-bridge deposits and withdrawals of the Ethereum token); the 1,000,000,000 DIMO cap is the Ethereum supply. Minted - burned on Polygon = DIMO on Polygon, not the total supply.',
    'Start blocks are not in the reference: 25,000,000 (Polygon, ~Feb 2022, before the DIMO token launch and the first registry/rewards deployments) for the token, registry, rewards and referral; 49,000,000 (~Oct 2023, DimoCredit/DevLicense are compiled with solc 0.8.22, released Oct 2023) for DCX and licences. Lower bounds, not deployment blocks.',
    'DevLicenseDimo: the reference address 0x9A9D2E71… (developer-license addresses.json, developer console production config); an older contract-event-processor config lists 0xc1946311…, which is not indexed.',
  ],
  contracts: [
    {
      name: 'DimoReward',
      address: DIMO_ADDRESSES.DimoReward,
      proxy: true,
      startBlock: 25_000_000,
      source: SRC_REWARDS,
      confidence: 'medium',
      events: [
        {
          name: 'TokensTransferredForDevice',
          abi: DimoReward.events.TokensTransferredForDevice,
          confidence: 'medium',
          meaning: 'Weekly DIMO reward paid to a vehicle owner (user) for a connected device (deviceNode of the AftermarketDeviceId or SyntheticDeviceId NFT deviceNftProxy): REWARD_EMITTED _amount DIMO.',
          facts: (a: DimoReward.TokensTransferredForDeviceEventArgs) => [
            dimoFact(FactKind.REWARD_EMITTED, a._amount, { actor: a.user, subject: dimoSubject.device(a.deviceNftProxy, a.deviceNode) }),
          ],
        },
        {
          name: 'TokensTransferredForConnectionStreak',
          abi: DimoReward.events.TokensTransferredForConnectionStreak,
          confidence: 'medium',
          meaning: 'Weekly streak part of a vehicle’s reward (connectionStreak = consecutive weeks connected): REWARD_EMITTED _amount DIMO.',
          facts: (a: DimoReward.TokensTransferredForConnectionStreakEventArgs) => [
            dimoFact(FactKind.REWARD_EMITTED, a._amount, { actor: a.user, subject: dimoSubject.vehicle(a.vehicleNodeId) }),
          ],
        },
        {
          name: 'TokensTransferred',
          abi: byLayout(DimoReward.events.TokensTransferred, DimoRewardLegacy.events.TokensTransferred),
          confidence: 'medium',
          meaning: 'v1 per-vehicle weekly reward paid to the vehicle owner: REWARD_EMITTED _amount DIMO (both the v1 and the current indexed layout are decoded).',
          facts: (a: DimoReward.TokensTransferredEventArgs) => [
            dimoFact(FactKind.REWARD_EMITTED, a._amount, { actor: a.user, subject: dimoSubject.vehicle(a.vehicleNodeId) }),
          ],
        },
        {
          name: 'DidntQualify',
          abi: byLayout(DimoReward.events.DidntQualify, DimoRewardLegacy.events.DidntQualify),
          confidence: 'medium',
          meaning: 'A computed reward was not paid (owner mismatch, sanctions, too soon since the last reward): raw only, no DIMO moved.',
        },
        { name: 'WeekAdvanced', abi: DimoReward.events.WeekAdvanced, confidence: 'medium', meaning: 'Issuance week advanced; the weekly limit is 1,105,000 DIMO x 0.85^year.' },
      ],
    },
    {
      name: 'DimoReferral',
      address: DIMO_ADDRESSES.DimoReferral,
      proxy: true,
      startBlock: 25_000_000,
      source: SRC_REWARDS,
      confidence: 'medium',
      events: [
        {
          name: 'ReferralComplete',
          abi: DimoReferral.events.ReferralComplete,
          confidence: 'medium',
          meaning: 'A referred user (referee) qualified and the referral bonus was paid: REWARD_EMITTED (inferred) of the current bonus to the referrer.',
          facts: (a: DimoReferral.ReferralCompleteEventArgs, ctx: HandlerContext) => {
            const bonus = bigState(ctx, DIMO_STATE.referralBonus)
            return bonus === undefined || bonus === 0n ? [] : [dimoFact(FactKind.REWARD_EMITTED, bonus, { actor: a.referrer, counterparty: a.referee, provenance: 'inferred' })]
          },
        },
        {
          name: 'BonusChanged',
          abi: DimoReferral.events.BonusChanged,
          confidence: 'medium',
          meaning: 'Referral bonus set to amount (DIMO wei); kept in handler state for ReferralComplete.',
          facts: (a: DimoReferral.BonusChangedEventArgs, ctx: HandlerContext) => {
            ctx.state.set(DIMO_STATE.referralBonus, a.amount.toString())
            return []
          },
        },
      ],
    },
    {
      name: 'DimoRegistry',
      address: DIMO_ADDRESSES.DimoRegistry,
      proxy: true,
      startBlock: 25_000_000,
      source: SRC_IDENTITY,
      confidence: 'high',
      events: [
        {
          name: 'AftermarketDeviceNodeMinted',
          abi: DimoRegistry.events.AftermarketDeviceNodeMinted,
          meaning: 'A hardware device (AutoPi, Macaron, ...) is minted as an AftermarketDeviceId NFT by its manufacturer: NODE_REGISTERED 1 device.',
          facts: (a: DimoRegistry.AftermarketDeviceNodeMintedEventArgs) => [
            device(FactKind.NODE_REGISTERED, 1n, dimoSubject.aftermarket(a.tokenId), a.owner, a.aftermarketDeviceAddress),
          ],
        },
        {
          name: 'SyntheticDeviceNodeMinted',
          abi: DimoRegistry.events.SyntheticDeviceNodeMinted,
          meaning: 'A software connection (Tesla, Smartcar, ...) is minted as a SyntheticDeviceId NFT paired to vehicleNode: NODE_REGISTERED 1 device.',
          facts: (a: DimoRegistry.SyntheticDeviceNodeMintedEventArgs) => [
            device(FactKind.NODE_REGISTERED, 1n, dimoSubject.synthetic(a.syntheticDeviceNode), a.owner, a.syntheticDeviceAddress),
          ],
        },
        {
          name: 'AftermarketDeviceNodeBurned',
          abi: DimoRegistry.events.AftermarketDeviceNodeBurned,
          meaning: 'An aftermarket device NFT is burned: NODE_DEREGISTERED 1 device.',
          facts: (a: DimoRegistry.AftermarketDeviceNodeBurnedEventArgs) => [device(FactKind.NODE_DEREGISTERED, 1n, dimoSubject.aftermarket(a.adNode), a.owner)],
        },
        {
          name: 'SyntheticDeviceNodeBurned',
          abi: DimoRegistry.events.SyntheticDeviceNodeBurned,
          meaning: 'A synthetic device is burned (connection removed, or with its vehicle): NODE_DEREGISTERED 1 device.',
          facts: (a: DimoRegistry.SyntheticDeviceNodeBurnedEventArgs) => [device(FactKind.NODE_DEREGISTERED, 1n, dimoSubject.synthetic(a.syntheticDeviceNode), a.owner)],
        },
        {
          name: 'AftermarketDeviceClaimed',
          abi: DimoRegistry.events.AftermarketDeviceClaimed,
          meaning: 'A user claims an aftermarket device (becomes its owner): NODE_UPDATE.',
          facts: (a: DimoRegistry.AftermarketDeviceClaimedEventArgs) => [device(FactKind.NODE_UPDATE, 0n, dimoSubject.aftermarket(a.aftermarketDeviceNode), a.owner)],
        },
        {
          name: 'AftermarketDevicePaired',
          abi: DimoRegistry.events.AftermarketDevicePaired,
          meaning: 'An aftermarket device is paired to a vehicle (eligible for rewards; DIMO’s “connected vehicles”): NODE_UPDATE.',
          facts: (a: DimoRegistry.AftermarketDevicePairedEventArgs) => [device(FactKind.NODE_UPDATE, 0n, dimoSubject.aftermarket(a.aftermarketDeviceNode), a.owner)],
        },
        {
          name: 'AftermarketDeviceUnpaired',
          abi: DimoRegistry.events.AftermarketDeviceUnpaired,
          meaning: 'An aftermarket device is unpaired from its vehicle (still minted, can be paired again): NODE_UPDATE.',
          facts: (a: DimoRegistry.AftermarketDeviceUnpairedEventArgs) => [device(FactKind.NODE_UPDATE, 0n, dimoSubject.aftermarket(a.aftermarketDeviceNode), a.owner)],
        },
        { name: 'VehicleNodeMinted', abi: DimoRegistry.events.VehicleNodeMinted, meaning: 'Vehicle identity (VehicleId NFT tokenId) minted to owner under manufacturerNode.' },
        {
          name: 'VehicleNodeMintedWithDeviceDefinition',
          abi: DimoRegistry.events.VehicleNodeMintedWithDeviceDefinition,
          meaning: 'Vehicle identity minted with its device-definition id (make-model-year).',
        },
        { name: 'VehicleNodeBurned', abi: DimoRegistry.events.VehicleNodeBurned, meaning: 'Vehicle identity burned (after its devices were unpaired or burned, which carry the capacity facts).' },
      ],
    },
    {
      name: 'DimoCredit',
      address: DIMO_ADDRESSES.DimoCredit,
      proxy: true,
      startBlock: 49_000_000,
      source: SRC_DEVLICENSE,
      confidence: 'high',
      events: [
        {
          name: 'Transfer',
          abi: DimoCredit.events.Transfer,
          meaning: 'DCX is non-transferable: from 0x0 = credits bought with DIMO (FEE_PAID in DCX, payer = to); to 0x0 = credits spent (FEE_SETTLED, inferred).',
          facts: (a: DimoCredit.TransferEventArgs) => {
            if (a.from.toLowerCase() === ZERO && a.to.toLowerCase() !== ZERO) return [dcx(FactKind.FEE_PAID, a.amount, { counterparty: a.to })]
            if (a.to.toLowerCase() === ZERO && a.from.toLowerCase() !== ZERO) return [dcx(FactKind.FEE_SETTLED, a.amount, { counterparty: a.from, provenance: 'inferred' })]
            return []
          },
        },
        {
          name: 'UpdateDimoCreditRate',
          abi: DimoCredit.events.UpdateDimoCreditRate,
          meaning: 'USD price of one DCX (USD wei per DCX): a DCX/USD PricePoint (source onchain:137:<DimoCredit>:UpdateDimoCreditRate) that values DCX fees from this log on, and handler state `dcx.rateUsdWei` for licences paid in DIMO (1e15 = $0.001 before any update).',
          price: { asset: DCX.symbol, quote: 'USD', decimals: 18, answer: (a: DimoCredit.UpdateDimoCreditRateEventArgs) => a.rate },
          facts: (a: DimoCredit.UpdateDimoCreditRateEventArgs, ctx: HandlerContext) => {
            ctx.state.set(DIMO_STATE.dcxRate, a.rate.toString())
            return []
          },
        },
      ],
    },
    {
      name: 'DimoDevLicense',
      address: DIMO_ADDRESSES.DimoDevLicense,
      proxy: true,
      startBlock: 49_000_000,
      source: SRC_DEVLICENSE,
      confidence: 'high',
      events: [
        {
          name: 'Issued',
          abi: DimoDevLicense.events.Issued,
          meaning:
            'Developer licence tokenId issued to owner with its license account clientId: NODE_UPDATE (a licence is not a device). ' +
            'Paid in DIMO when the same transaction moved DIMO from owner to the receiver (issueInDimo): FEE_PAID (inferred) of the licence cost in DCX at the current rate, as issueInDc would charge; ' +
            'paid in DCX otherwise (issueInDc burns DCX bought earlier, already a fee at purchase).',
          facts: (a: DimoDevLicense.IssuedEventArgs, ctx: HandlerContext) => {
            const out: FactDraft[] = [
              { kind: FactKind.NODE_UPDATE, asset: DIMO.symbol, amount: 0n, decimals: DIMO.decimals, actor: a.owner, counterparty: a.clientId, subject: dimoSubject.license(a.tokenId), provenance: 'onchain' },
            ]
            const inflow = ctx.state.get<string>(DIMO_STATE.receiverInflow)?.split(' ')
            if (inflow && inflow[0] === ctx.txHash && inflow[1] === a.owner.toLowerCase()) {
              const cost = bigState(ctx, DIMO_STATE.licenseCost) ?? LICENSE_COST_DEFAULT
              const rate = bigState(ctx, DIMO_STATE.dcxRate) ?? DCX_INITIAL_RATE
              out.push({ ...dcx(FactKind.FEE_PAID, licenseCostInDcx(cost, rate), { counterparty: a.owner, provenance: 'inferred' }), subject: dimoSubject.license(a.tokenId) })
              ctx.state.delete(DIMO_STATE.receiverInflow)
            }
            return out
          },
        },
        {
          name: 'UpdateLicenseCost',
          abi: DimoDevLicense.events.UpdateLicenseCost,
          meaning: 'Licence price set (USD wei; 1 USD at deployment); kept in handler state `license.costUsdWei` to value licences paid in DIMO.',
          facts: (a: DimoDevLicense.UpdateLicenseCostEventArgs, ctx: HandlerContext) => {
            ctx.state.set(DIMO_STATE.licenseCost, a.licenseCost.toString())
            return []
          },
        },
        {
          name: 'StakeDeposit',
          abi: DimoDevLicense.events.StakeDeposit,
          meaning: 'DIMO staked on a developer licence: STAKE_BOND amount DIMO.',
          facts: (a: DimoDevLicense.StakeDepositEventArgs) => [dimoFact(FactKind.STAKE_BOND, a.amount, { actor: a.user, subject: dimoSubject.license(a.tokenId) })],
        },
        {
          name: 'StakeWithdraw',
          abi: DimoDevLicense.events.StakeWithdraw,
          meaning: 'DIMO stake withdrawn from a developer licence: STAKE_UNBOND amount DIMO.',
          facts: (a: DimoDevLicense.StakeWithdrawEventArgs) => [dimoFact(FactKind.STAKE_UNBOND, a.amount, { actor: a.user, subject: dimoSubject.license(a.tokenId) })],
        },
      ],
    },
    {
      name: 'DimoToken',
      address: DIMO_ADDRESSES.DimoToken,
      proxy: true,
      startBlock: 25_000_000,
      source: SRC_TOKEN,
      confidence: 'high',
      events: [
        {
          name: 'Transfer',
          abi: DimoToken.events.Transfer,
          meaning: 'ERC-20 transfer of Polygon DIMO: from 0x0 = mint (bridge deposit) -> SUPPLY_MINT; to 0x0 = burn (bridge withdrawal) -> SUPPLY_BURN; other transfers (reward payouts, DCX purchases) raw only; a transfer to the receiver 0x62b98e01… is remembered (handler state `receiver.lastInflow`) so that a licence Issued in the same transaction is known to be paid in DIMO.',
          facts: (a: DimoToken.TransferEventArgs, ctx: HandlerContext) => {
            if (a.to.toLowerCase() === DIMO_DCX_RECEIVER.toLowerCase()) ctx.state.set(DIMO_STATE.receiverInflow, `${ctx.txHash} ${a.from.toLowerCase()} ${a.value}`)
            if (a.from.toLowerCase() === ZERO && a.to.toLowerCase() !== ZERO) return [dimoFact(FactKind.SUPPLY_MINT, a.value, { actor: a.to })]
            if (a.to.toLowerCase() === ZERO && a.from.toLowerCase() !== ZERO) return [dimoFact(FactKind.SUPPLY_BURN, a.value, { actor: a.from })]
            return []
          },
        },
      ],
    },
  ],
}

