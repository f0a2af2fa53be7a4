/**
 * The Graph (data indexing and query) on Arbitrum One.
 * Addresses, start blocks and event signatures: graphprotocol/contracts @ 687d928 (packages/horizon,
 * packages/subgraph-service and packages/contracts addresses.json, key 42161; ignition deployments for the
 * Horizon ABIs and deploy blocks) and graphprotocol/graph-network-subgraph @ 69c99a9 (subgraph.template.yaml,
 * abis/*.json, src/mappings/*.ts). Collected in shared/reference/depin-contracts.json, every topic0 checked.
 *
 * Legacy (pre-Horizon, 2022 to late 2025) and Horizon events come from the SAME proxies (HorizonStaking is
 * the old L2Staking proxy), and some names repeat with other arities (AllocationClosed x3, RewardsDenied x2,
 * GraphPaymentCollected x2). The registry keys events by topic0, so one contract lists EventDefs from
 * several generated modules (one ABI file per variant), each with a distinct name.
 *
 * Fee source, one per era (so nothing is counted twice):
 * - legacy: Staking.RebateCollected (tokens = gross query fees; protocolTax = 1 % burned);
 * - Horizon: GraphPayments.GraphPaymentCollected (tokens gross, tokensProtocol burned), for QueryFee and
 *   IndexingFee payments. SubgraphService.QueryFeesCollected reports the same query fees again (it is
 *   emitted in the same collect() call, after GraphPayments), so it stays a raw event; so do
 *   GraphTallyCollector.PaymentCollected and PaymentsEscrow.EscrowCollected, which are earlier legs of the
 *   same payment.
 */
import * as GraphCuration from '../abi/GraphCuration'
import * as GraphEpochManager from '../abi/GraphEpochManager'
import * as GraphPayments from '../abi/GraphPayments'
import * as GraphPaymentsEscrow from '../abi/GraphPaymentsEscrow'
import * as GraphPaymentsV9 from '../abi/GraphPaymentsV9'
import * as GraphRewardsManager from '../abi/GraphRewardsManager'
import * as GraphRewardsManagerLegacy from '../abi/GraphRewardsManagerLegacy'
import * as GraphServiceRegistry from '../abi/GraphServiceRegistry'
import * as GraphStakingHorizon from '../abi/GraphStakingHorizon'
import * as GraphStakingLegacy from '../abi/GraphStakingLegacy'
import * as GraphStakingLegacyOld from '../abi/GraphStakingLegacyOld'
import * as GraphSubgraphService from '../abi/GraphSubgraphService'
import * as GraphTallyCollector from '../abi/GraphTallyCollector'
import * as GraphToken from '../abi/GraphToken'
import { FactKind } from '../model'
import { arbitrumOne } from './chains'
import type { FactDraft, HandlerContext, NetworkDef, TokenDef } from './types'

const CONTRACTS = 'github.com/graphprotocol/contracts @ 687d928: packages/{horizon,subgraph-service,contracts}/addresses.json (42161)'
const SUBGRAPH = 'github.com/graphprotocol/graph-network-subgraph @ 69c99a9: subgraph.template.yaml, abis/*.json, src/mappings/*.ts'
const IGNITION = 'github.com/graphprotocol/contracts: packages/{horizon,subgraph-service}/ignition/deployments/*-arbitrumOne (deployed ABIs, deploy blocks)'
const THIRD_PARTY_BLOCKS = 'start block: third-party eth_getCode binary search (nightswatchhq/graph-allocations-nest README), not official'

/** GRT is uncapped: 10 B genesis supply on L1, indexing-reward issuance (~3 %/year), burns (protocol and curation tax). */
export const GRT: TokenDef = { symbol: 'GRT', address: '0x9623063377AD1B27544C965cCd7342f7EA7e88C7', decimals: 18, maxSupply: null }

export const THEGRAPH_ADDRESSES = {
  GraphToken: GRT.address!,
  HorizonStaking: '0x00669A4CF01450B64E8A2A20E9b1FCB71E61eF03',
  RewardsManager: '0x971B9d3d0Ae3ECa029CAB5eA1fB0F72c85e6a525',
  SubgraphService: '0xb2Bb92d0DE618878E438b55D5846cfecD9301105',
  GraphPayments: '0x7Aae8ae011927BC36Cb4d0d3e81f2E6E30daE06D',
  PaymentsEscrow: '0xf6Fcc27aAf1fcD8B254498c9794451d82afC673E',
  GraphTallyCollector: '0x8f69F5C07477Ac46FBc491B1E6D91E2bb0111A9e',
  L2Curation: '0x22d78fb4bc72e191C765807f8891B5e1785C8014',
  EpochManager: '0x5A843145c43d328B9bB7a4401d94918f131bB281',
  ServiceRegistry: '0x072884c745c0A23144753335776c99BE22588f8A',
  /** legacy TAP v1 voucher redeemer: the assetHolder of most RebateCollected events (not watched) */
  AllocationExchange: '0x993F00C98D1678371a7b261Ed0E0D4b6F42d9aEE',
}

const ZERO = '0x0000000000000000000000000000000000000000'
export const CAPACITY_UNIT = 'indexers'

/** IGraphPayments.PaymentTypes */
export const PaymentType = { QueryFee: 0, IndexingFee: 1, IndexingRewards: 2 } as const

const grt = (kind: FactKind, amount: bigint, actor?: string | null, counterparty?: string | null, subject?: string | null): FactDraft => ({
  kind, asset: GRT.symbol, amount, decimals: GRT.decimals, actor, counterparty, subject, provenance: 'onchain',
})

/** Open allocations (legacy and Horizon share one id space: the allocation address). */
interface OpenAllocation {
  indexer: string
  tokens: string
  deployment: string
  openedAt: number
}
const allocKey = (id: string) => `alloc:${id.toLowerCase()}`
const indexerKey = (a: string) => `indexer:${a.toLowerCase()}`

function openAllocation(ctx: HandlerContext, id: string, indexer: string, tokens: bigint, deployment: string): FactDraft[] {
  ctx.state.set(allocKey(id), { indexer: indexer.toLowerCase(), tokens: tokens.toString(), deployment, openedAt: ctx.block.timestamp } satisfies OpenAllocation)
  return [{ ...grt(FactKind.LEASE_OPENED, tokens, indexer, null, id.toLowerCase()), lease: { resources: { stakeGrt: tokens.toString(), subgraphDeployment: deployment } } }]
}

function closeAllocation(ctx: HandlerContext, id: string, indexer: string, tokens: bigint): FactDraft[] {
  const open = ctx.state.get<OpenAllocation>(allocKey(id))
  ctx.state.delete(allocKey(id))
  // the event carries the allocation's tokens; the stored open (if the open was indexed) covers a 0 there
  const amount = tokens > 0n || !open ? tokens : BigInt(open.tokens)
  return [grt(FactKind.LEASE_CLOSED, amount, indexer, null, id.toLowerCase())]
}

const nodeUpdate = (indexer: string): FactDraft[] => [grt(FactKind.NODE_UPDATE, 0n, indexer)]

/** One indexer counts once, whether it registered on the legacy ServiceRegistry, the SubgraphService or both. */
function registerIndexer(ctx: HandlerContext, indexer: string): FactDraft[] {
  if (ctx.state.get(indexerKey(indexer))) return nodeUpdate(indexer)
  ctx.state.set(indexerKey(indexer), ctx.block.timestamp)
  return [{ kind: FactKind.NODE_REGISTERED, asset: CAPACITY_UNIT, amount: 1n, decimals: 0, actor: indexer, unit: CAPACITY_UNIT, provenance: 'onchain' }]
}

/** Horizon payment split: customer payments (query and indexing fees) are fees; the protocol tax is burned. */
function graphPayment(a: GraphPayments.GraphPaymentCollectedEventArgs | GraphPaymentsV9.GraphPaymentCollectedEventArgs): FactDraft[] {
  const type = Number(a.paymentType)
  if (type !== PaymentType.QueryFee && type !== PaymentType.IndexingFee) return []
  return [
    grt(FactKind.FEE_PAID, a.tokens, a.receiver, a.payer),
    ...(a.tokensProtocol > 0n ? [grt(FactKind.PROTOCOL_TAKE, a.tokensProtocol, a.receiver, ZERO)] : []),
  ]
}

export const thegraph: NetworkDef = {
  id: 'thegraph',
  name: 'The Graph',
  category: 'data',
  categories: ['data', 'ai'],
  chain: arbitrumOne,
  token: GRT,
  feeAsset: GRT,
  capacityUnit: CAPACITY_UNIT,
  price: { kind: 'import', asset: 'GRT' },
  source: `${CONTRACTS}; ${SUBGRAPH}`,
  notes: [
    'Legacy (pre-Horizon) and Horizon events come from the same proxies and are decoded by topic0; AllocationClosed (9-arg legacy, 8-arg legacy, SubgraphService), RewardsDenied (with and without epoch) and GraphPaymentCollected (9 and 10 args) are each listed under their variant names.',
    'Fees: one source per era. Legacy: Staking.RebateCollected.tokens (gross query fees) with protocolTax as PROTOCOL_TAKE (burned). Horizon: GraphPayments.GraphPaymentCollected for QueryFee and IndexingFee payments (tokens gross, tokensProtocol burned, PROTOCOL_TAKE); IndexingRewards payments are issuance, not fees. SubgraphService.QueryFeesCollected, GraphTallyCollector.PaymentCollected and PaymentsEscrow.EscrowCollected are legs of the same payment and stay raw events.',
    'GraphPaymentCollected arity is medium confidence: the deployed implementation artifact has 10 arguments (receiverDestination), the network subgraph subscribes to the 9-argument form; both are decoded with the same meaning, and only one fires per payment.',
    'Indexing rewards: RewardsManager.RewardsAssigned (legacy) and HorizonRewardsAssigned are REWARD_EMITTED (newly minted GRT). SubgraphService.IndexingRewardsCollected reports the same rewards split between indexer and delegators and stays raw.',
    'The PROTOCOL_TAKE of The Graph is burned (not a treasury): the same GRT also appears as a GRT Transfer to 0x0 (SUPPLY_BURN). Curation tax (Signalled.curationTax, burned) and the legacy 0.5 % delegation tax are not protocol revenue from usage and are kept raw; their burns show up as SUPPLY_BURN.',
    'GRT supply facts are L2 supply: Transfer from/to 0x0 on Arbitrum also includes L1<->L2 bridge mints and burns by L2GraphTokenGateway, not only issuance; use REWARD_EMITTED for issuance.',
    'Allocations are leases of stake to a subgraph deployment: LEASE_OPENED/LEASE_CLOSED with subject = allocation id and amount = allocated GRT (not a price); open allocations are kept in handler state.',
    'Indexers: legacy ServiceRegistry.ServiceRegistered and SubgraphService.ServiceProviderRegistered count 1 indexer the first time an address is seen (re-registration or URL updates are NODE_UPDATE). There is no deregistration event, so capacity only grows.',
    'Allocations are the committed capacity as leases: each open allocation is an open Lease whose resources carry its stake (`stakeGrt`) and subgraph deployment, so active leases count open allocations and the allocated GRT is the sum over open Lease rows (the `leases` query). It is not summed into the capacity figure, whose unit is indexers: a GRT amount and a count of indexers cannot share one unit.',
    'Legacy undelegation/unstake events (StakeDelegatedLocked, StakeWithdrawn) are not in the reference and not indexed: STAKE_UNBOND only exists from Horizon (HorizonStakeWithdrawn, TokensUndelegated).',
    'Start blocks of the staking, rewards and curation proxies come from a third-party eth_getCode binary search (medium); GraphToken has no pinned deployment block, 42,440,000 is the network subgraph start. 2026 contracts (IssuanceAllocator, RecurringCollector) are not indexed.',
  ],
  contracts: [
    {
      name: 'GraphToken',
      address: THEGRAPH_ADDRESSES.GraphToken,
      proxy: true,
      startBlock: 42_440_000,
      source: `${CONTRACTS}; start block = graph-network-subgraph Arbitrum start (deployment block not pinned)`,
      confidence: 'high',
      events: [
        {
          name: 'Transfer',
          abi: GraphToken.events.Transfer,
          meaning: 'GRT transfer. From 0x0 = mint (indexing rewards by RewardsManager, L1->L2 bridge mints); to 0x0 = burn (protocol tax, curation tax, delegation tax, slashing, L2->L1 bridge).',
          facts: (a: GraphToken.TransferEventArgs) =>
            a.from === ZERO ? [grt(FactKind.SUPPLY_MINT, a.value, a.to)] : a.to === ZERO ? [grt(FactKind.SUPPLY_BURN, a.value, a.from)] : [],
        },
      ],
    },
    {
      name: 'HorizonStaking',
      address: THEGRAPH_ADDRESSES.HorizonStaking,
      proxy: true,
      startBlock: 42_449_585,
      source: `${CONTRACTS}; ${SUBGRAPH}; ${IGNITION}; ${THIRD_PARTY_BLOCKS}`,
      confidence: 'high',
      events: [
        // legacy (L2Staking) ABI
        {
          name: 'StakeDeposited',
          abi: GraphStakingLegacy.events.StakeDeposited,
          meaning: 'Indexer stakes GRT (legacy).',
          facts: (a: GraphStakingLegacy.StakeDepositedEventArgs) => [grt(FactKind.STAKE_BOND, a.tokens, a.indexer)],
        },
        {
          name: 'StakeDelegated',
          abi: GraphStakingLegacy.events.StakeDelegated,
          meaning: 'Delegator delegates GRT to an indexer (legacy); tokens after the 0.5 % delegation tax, which is burned.',
          facts: (a: GraphStakingLegacy.StakeDelegatedEventArgs) => [grt(FactKind.STAKE_BOND, a.tokens, a.indexer, a.delegator)],
        },
        {
          name: 'AllocationCreated(legacy)',
          abi: GraphStakingLegacy.events.AllocationCreated,
          meaning: 'Indexer allocates stake to a subgraph deployment (legacy): a lease of `tokens` GRT, subject = allocationID.',
          facts: (a: GraphStakingLegacy.AllocationCreatedEventArgs, ctx: HandlerContext) => openAllocation(ctx, a.allocationID, a.indexer, a.tokens, a.subgraphDeploymentID),
        },
        {
          name: 'AllocationClosed(v8)',
          abi: GraphStakingLegacy.events.AllocationClosed,
          meaning: 'Legacy allocation closed with a POI (8-argument form, live from about block 129.8M; also used for legacy allocations closed after Horizon).',
          facts: (a: GraphStakingLegacy.AllocationClosedEventArgs, ctx: HandlerContext) => closeAllocation(ctx, a.allocationID, a.indexer, a.tokens),
        },
        {
          name: 'AllocationClosed(v9)',
          abi: GraphStakingLegacyOld.events.AllocationClosed,
          meaning: 'Older legacy allocation close with effectiveAllocation (9-argument form, until about block 129.8M).',
          facts: (a: GraphStakingLegacyOld.AllocationClosedEventArgs, ctx: HandlerContext) => closeAllocation(ctx, a.allocationID, a.indexer, a.tokens),
          confidence: 'medium',
        },
        {
          name: 'RebateCollected',
          abi: GraphStakingLegacy.events.RebateCollected,
          meaning: 'Legacy query-fee settlement: tokens = gross query fees paid by the asset holder (gateway via AllocationExchange); protocolTax burned (1 %), curationFees to curators, queryRebates to the indexer, delegationRewards to delegators. Network subgraph: totalQueryFees += tokens.',
          facts: (a: GraphStakingLegacy.RebateCollectedEventArgs) => [
            grt(FactKind.FEE_PAID, a.tokens, a.indexer, a.assetHolder, a.allocationID.toLowerCase()),
            ...(a.protocolTax > 0n ? [grt(FactKind.PROTOCOL_TAKE, a.protocolTax, a.indexer, ZERO, a.allocationID.toLowerCase())] : []),
          ],
        },
        {
          name: 'DelegationParametersUpdated',
          abi: GraphStakingLegacy.events.DelegationParametersUpdated,
          meaning: 'Indexer sets its indexing-reward and query-fee cuts (legacy, ppm).',
          facts: (a: GraphStakingLegacy.DelegationParametersUpdatedEventArgs) => nodeUpdate(a.indexer),
        },
        // Horizon ABI
        {
          name: 'HorizonStakeDeposited',
          abi: GraphStakingHorizon.events.HorizonStakeDeposited,
          meaning: 'Service provider (indexer) stakes GRT (Horizon).',
          facts: (a: GraphStakingHorizon.HorizonStakeDepositedEventArgs) => [grt(FactKind.STAKE_BOND, a.tokens, a.serviceProvider)],
        },
        {
          name: 'HorizonStakeWithdrawn',
          abi: GraphStakingHorizon.events.HorizonStakeWithdrawn,
          meaning: 'Service provider withdraws stake (Horizon).',
          facts: (a: GraphStakingHorizon.HorizonStakeWithdrawnEventArgs) => [grt(FactKind.STAKE_UNBOND, a.tokens, a.serviceProvider)],
        },
        {
          name: 'TokensDelegated',
          abi: GraphStakingHorizon.events.TokensDelegated,
          meaning: 'Delegation to an indexer provision (Horizon).',
          facts: (a: GraphStakingHorizon.TokensDelegatedEventArgs) => [grt(FactKind.STAKE_BOND, a.tokens, a.serviceProvider, a.delegator)],
        },
        {
          name: 'TokensUndelegated',
          abi: GraphStakingHorizon.events.TokensUndelegated,
          meaning: 'Undelegation started (Horizon).',
          facts: (a: GraphStakingHorizon.TokensUndelegatedEventArgs) => [grt(FactKind.STAKE_UNBOND, a.tokens, a.serviceProvider, a.delegator)],
        },
        {
          name: 'ProvisionCreated',
          abi: GraphStakingHorizon.events.ProvisionCreated,
          meaning: 'Stake provisioned to a data service (verifier = SubgraphService): the Horizon capacity commitment that allocations draw from.',
        },
        { name: 'ProvisionSlashed', abi: GraphStakingHorizon.events.ProvisionSlashed, meaning: 'Provision slashed by its data service (part to the verifier, the rest burned).' },
        {
          name: 'TokensToDelegationPoolAdded',
          abi: GraphStakingHorizon.events.TokensToDelegationPoolAdded,
          meaning: 'Delegators\u2019 share of query fees or indexing rewards added to the delegation pool (already counted in the payment / reward).',
        },
        {
          name: 'DelegationFeeCutSet',
          abi: GraphStakingHorizon.events.DelegationFeeCutSet,
          meaning: 'Indexer fee cut per payment type (0 QueryFee, 1 IndexingFee, 2 IndexingRewards), ppm; direction (delegator or indexer share) not verified.',
          facts: (a: GraphStakingHorizon.DelegationFeeCutSetEventArgs) => nodeUpdate(a.serviceProvider),
        },
      ],
    },
    {
      name: 'RewardsManager',
      address: THEGRAPH_ADDRESSES.RewardsManager,
      proxy: true,
      startBlock: 42_449_638,
      source: `${CONTRACTS}; ${SUBGRAPH}; ${THIRD_PARTY_BLOCKS}`,
      confidence: 'high',
      events: [
        {
          name: 'RewardsAssigned',
          abi: GraphRewardsManager.events.RewardsAssigned,
          meaning: 'Legacy indexing rewards minted for an allocation on close (newly issued GRT, split later between indexer and delegators).',
          facts: (a: GraphRewardsManager.RewardsAssignedEventArgs) => [grt(FactKind.REWARD_EMITTED, a.amount, a.indexer, null, a.allocationID.toLowerCase())],
        },
        {
          name: 'HorizonRewardsAssigned',
          abi: GraphRewardsManager.events.HorizonRewardsAssigned,
          meaning: 'Indexing rewards minted for an allocation (Horizon, taken by SubgraphService).',
          facts: (a: GraphRewardsManager.HorizonRewardsAssignedEventArgs) => [grt(FactKind.REWARD_EMITTED, a.amount, a.indexer, null, a.allocationID.toLowerCase())],
        },
        { name: 'RewardsDenied', abi: GraphRewardsManager.events.RewardsDenied, meaning: 'Rewards denied for an allocation (Horizon form, no epoch).' },
        { name: 'RewardsDenied(epoch)', abi: GraphRewardsManagerLegacy.events.RewardsDenied, meaning: 'Rewards denied for an allocation (legacy form with epoch).', confidence: 'medium' },
        {
          name: 'RewardsDeniedDueToEligibility',
          abi: GraphRewardsManager.events.RewardsDeniedDueToEligibility,
          meaning: 'Rewards withheld by the Rewards Eligibility Oracle (2026 upgrade); not minted.',
          confidence: 'medium',
        },
        { name: 'RewardsDenylistUpdated', abi: GraphRewardsManager.events.RewardsDenylistUpdated, meaning: 'A deployment is (un)denied rewards from sinceBlock.' },
      ],
    },
    {
      name: 'SubgraphService',
      address: THEGRAPH_ADDRESSES.SubgraphService,
      proxy: true,
      startBlock: 397_492_865,
      source: `${CONTRACTS}; ${IGNITION}`,
      confidence: 'high',
      events: [
        {
          name: 'ServiceProviderRegistered',
          abi: GraphSubgraphService.events.ServiceProviderRegistered,
          meaning: 'Indexer registers with the Subgraph Service (data = abi(url, geohash, paymentsDestination)); 1 indexer the first time an address is seen.',
          facts: (a: GraphSubgraphService.ServiceProviderRegisteredEventArgs, ctx: HandlerContext) => registerIndexer(ctx, a.serviceProvider),
        },
        {
          name: 'AllocationCreated(horizon)',
          abi: GraphSubgraphService.events.AllocationCreated,
          meaning: 'Horizon allocation opened: a lease of `tokens` GRT of the provision to a deployment.',
          facts: (a: GraphSubgraphService.AllocationCreatedEventArgs, ctx: HandlerContext) => openAllocation(ctx, a.allocationId, a.indexer, a.tokens, a.subgraphDeploymentId),
        },
        {
          name: 'AllocationResized',
          abi: GraphSubgraphService.events.AllocationResized,
          meaning: 'Horizon allocation resized from oldTokens to newTokens (handler state updated, no fact).',
          facts: (a: GraphSubgraphService.AllocationResizedEventArgs, ctx: HandlerContext) => {
            const open = ctx.state.get<OpenAllocation>(allocKey(a.allocationId))
            if (open) ctx.state.set(allocKey(a.allocationId), { ...open, tokens: a.newTokens.toString() })
            return []
          },
        },
        {
          name: 'AllocationClosed(horizon)',
          abi: GraphSubgraphService.events.AllocationClosed,
          meaning: 'Horizon allocation closed (forceClosed = closed by someone else for staleness).',
          facts: (a: GraphSubgraphService.AllocationClosedEventArgs, ctx: HandlerContext) => closeAllocation(ctx, a.allocationId, a.indexer, a.tokens),
        },
        {
          name: 'IndexingRewardsCollected',
          abi: GraphSubgraphService.events.IndexingRewardsCollected,
          meaning: 'Indexing rewards collected with a POI: tokensRewards split into indexer and delegation rewards (the mint is HorizonRewardsAssigned).',
        },
        {
          name: 'QueryFeesCollected',
          abi: GraphSubgraphService.events.QueryFeesCollected,
          meaning: 'Query fees collected for an allocation: tokensCollected gross, tokensCurators to curation. Same payment as GraphPaymentCollected (the fee source), so raw only.',
        },
        { name: 'PaymentsDestinationSet', abi: GraphSubgraphService.events.PaymentsDestinationSet, meaning: 'Where the indexer\u2019s payments are sent.', confidence: 'medium' },
        { name: 'RewardsDestinationSet', abi: GraphSubgraphService.events.RewardsDestinationSet, meaning: 'Earlier name of PaymentsDestinationSet.', confidence: 'medium' },
      ],
    },
    {
      name: 'GraphPayments',
      address: THEGRAPH_ADDRESSES.GraphPayments,
      proxy: true,
      startBlock: 397_491_099,
      source: `${CONTRACTS}; ${IGNITION}; ${SUBGRAPH}`,
      confidence: 'high',
      events: [
        {
          name: 'GraphPaymentCollected',
          abi: GraphPayments.events.GraphPaymentCollected,
          meaning: 'Horizon payment split (10-argument form of the deployed implementation): tokens gross, tokensProtocol burned, tokensDataService (curators), tokensDelegationPool, tokensReceiver. QueryFee and IndexingFee -> FEE_PAID + PROTOCOL_TAKE; IndexingRewards -> raw.',
          facts: graphPayment,
        },
        {
          name: 'GraphPaymentCollected(v9)',
          abi: GraphPaymentsV9.events.GraphPaymentCollected,
          meaning: '9-argument form without receiverDestination (what the network subgraph subscribes to); same meaning.',
          facts: graphPayment,
          confidence: 'medium',
        },
      ],
    },
    {
      name: 'PaymentsEscrow',
      address: THEGRAPH_ADDRESSES.PaymentsEscrow,
      proxy: true,
      startBlock: 397_491_106,
      source: `${CONTRACTS}; ${IGNITION}`,
      confidence: 'high',
      events: [
        { name: 'Deposit', abi: GraphPaymentsEscrow.events.Deposit, meaning: 'Payer (gateway) pre-funds escrow for a (collector, receiver) pair.' },
        { name: 'Thaw', abi: GraphPaymentsEscrow.events.Thaw, meaning: 'Payer starts thawing escrow.' },
        { name: 'CancelThaw', abi: GraphPaymentsEscrow.events.CancelThaw, meaning: 'Thaw cancelled.' },
        { name: 'Withdraw', abi: GraphPaymentsEscrow.events.Withdraw, meaning: 'Payer withdraws thawed escrow.' },
        { name: 'EscrowCollected', abi: GraphPaymentsEscrow.events.EscrowCollected, meaning: 'Escrow debited for a collection (same payment as GraphPaymentCollected).' },
      ],
    },
    {
      name: 'GraphTallyCollector',
      address: THEGRAPH_ADDRESSES.GraphTallyCollector,
      proxy: false,
      startBlock: 399_496_057,
      source: `${CONTRACTS}; ${IGNITION}`,
      confidence: 'high',
      events: [
        { name: 'PaymentCollected', abi: GraphTallyCollector.events.PaymentCollected, meaning: 'Collector pulled a payment for a receipt aggregate voucher (same payment as GraphPaymentCollected).' },
        { name: 'RAVCollected', abi: GraphTallyCollector.events.RAVCollected, meaning: 'Receipt Aggregate Voucher redeemed; valueAggregate is cumulative per collectionId.' },
      ],
    },
    {
      name: 'L2Curation',
      address: THEGRAPH_ADDRESSES.L2Curation,
      proxy: true,
      startBlock: 42_449_403,
      source: `${CONTRACTS}; ${SUBGRAPH}; ${THIRD_PARTY_BLOCKS}`,
      confidence: 'high',
      events: [
        { name: 'Signalled', abi: GraphCuration.events.Signalled, meaning: 'Curator signals GRT on a deployment; curationTax (1 %) is burned (its burn is a GRT Transfer to 0x0).' },
        { name: 'Burned', abi: GraphCuration.events.Burned, meaning: 'Curator removes signal and gets GRT back.' },
        { name: 'Collected', abi: GraphCuration.events.Collected, meaning: 'Curators\u2019 share of query fees added to a deployment reserve (part of the fee already counted).' },
      ],
    },
    {
      name: 'EpochManager',
      address: THEGRAPH_ADDRESSES.EpochManager,
      proxy: true,
      startBlock: 42_449_227,
      source: `${CONTRACTS}; ${SUBGRAPH}`,
      confidence: 'high',
      events: [{ name: 'EpochRun', abi: GraphEpochManager.events.EpochRun, meaning: 'New epoch (measured in L1 blocks, about one day).' }],
    },
    {
      name: 'ServiceRegistry',
      address: THEGRAPH_ADDRESSES.ServiceRegistry,
      proxy: true,
      startBlock: 42_449_357,
      source: `${CONTRACTS}; ${SUBGRAPH}`,
      confidence: 'high',
      events: [
        {
          name: 'ServiceRegistered',
          abi: GraphServiceRegistry.events.ServiceRegistered,
          meaning: 'Legacy indexer registration (url, geohash); 1 indexer the first time an address is seen, NODE_UPDATE after.',
          facts: (a: GraphServiceRegistry.ServiceRegisteredEventArgs, ctx: HandlerContext) => registerIndexer(ctx, a.indexer),
        },
      ],
    },
  ],
}
