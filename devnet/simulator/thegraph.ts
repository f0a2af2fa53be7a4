/**
 * Economic model of The Graph on Arbitrum One, emitting the events its real contracts emit, in two eras:
 * - legacy (L2Staking, before Graph Horizon): indexers register on the ServiceRegistry, stake, get
 *   delegations (0.5 % delegation tax burned), allocate stake to subgraph deployments, close allocations
 *   with indexing rewards minted by the RewardsManager, and settle query fees with Staking.RebateCollected
 *   (1 % protocol tax burned, 10 % to curators);
 * - Horizon (after the switch): indexers provision stake to the SubgraphService and register there, allocate
 *   through the SubgraphService, and query fees flow escrow -> GraphTallyCollector -> GraphPayments
 *   (1 % protocol tax burned) -> SubgraphService. Legacy allocations still open at the switch close with the
 *   legacy event, as on the real chain.
 * The switch comes after HORIZON_AFTER_DAYS of history (60 % of the default 45-day SIM_DAYS), or at the
 * first live block (the real network is in the Horizon era today), whichever comes first. The older
 * 9-argument AllocationClosed is used for closes in the first days, the 8-argument one after.
 *
 * Calibration (approximate, order of magnitude only):
 * - GRT total supply ~10.8 B (graphprotocol token pages / CoinGecko, 2025), minted here from 0x0 at the first
 *   block (an L2 supply stand-in: on Arbitrum these are bridge mints);
 * - indexing-reward issuance ~3 %/year of supply (GIP-0037 era issuance rate; Graph docs "Tokenomics");
 * - query fees ~30 k GRT/day, about 11 M GRT/year, i.e. $1-3 M/year at GRT $0.1-0.3 (Messari "State of The
 *   Graph" quarterly reports, 2024-2025: quarterly query fees of a few hundred thousand dollars);
 * - protocol tax 1 % of query fees (burned), curation cut 10 %, curation tax 1 %, delegation tax 0.5 %.
 * Deterministic for a seed and a sequence of block timestamps.
 */
import { encodeAbiParameters } from 'viem'
import { THEGRAPH_ADDRESSES } from '../../indexer/registry/thegraph'
import { encodeEvent } from './encode'
import { DAY, Random, units, type EmittedLog, type ModelContext, type NetworkModel } from './model'

const A = THEGRAPH_ADDRESSES
/** L2GraphTokenGateway: recipient of the initial supply mint (on Arbitrum GRT exists by bridge mints) */
const GATEWAY = '0x65E1a5e8946e7E87d9774f5288f41c30a99fD302'
const ZERO = '0x0000000000000000000000000000000000000000'
const YEAR = 365 * DAY
const PPM = 1_000_000n

/** Horizon era starts after this many days of history (60 % of the default SIM_DAYS of 45). */
export const HORIZON_AFTER_DAYS = 27
/** The 9-argument AllocationClosed is used before this day, the 8-argument one after (Arbitrum ~block 129.8M). */
export const V8_CLOSE_AFTER_DAYS = 6
/** a block closer than this to the previous one is a live block (history blocks are 900 s apart) */
const LIVE_GAP = 60

const INITIAL_SUPPLY = 10_800_000_000
const ISSUANCE_PER_YEAR = 0.03
const QUERY_FEES_PER_DAY = 30_000
const PROTOCOL_TAX_PPM = 10_000n // 1 %
const CURATION_CUT_PPM = 100_000n // 10 %
const CURATION_TAX_PPM = 10_000n // 1 %
const DELEGATION_TAX_PPM = 5_000n // 0.5 %

export interface TheGraphModelOptions {
  horizonAfterDays?: number
  v8CloseAfterDays?: number
}

interface Indexer {
  address: string
  stake: bigint
  /** ppm of query fees and rewards going to delegators */
  delegationCut: bigint
  weight: number
  horizonRegistered: boolean
}

interface Allocation {
  id: string
  indexer: Indexer
  deployment: string
  tokens: bigint
  openedAt: number
  closeAt: number
  horizon: boolean
}

type Emit = (address: string, file: string, event: string, args: Record<string, unknown>) => void

export class TheGraphModel implements NetworkModel {
  readonly addresses = [A.GraphToken, A.HorizonStaking, A.RewardsManager, A.SubgraphService, A.GraphPayments, A.PaymentsEscrow, A.GraphTallyCollector, A.L2Curation, A.EpochManager, A.ServiceRegistry]
  private rnd: Random
  private readonly genesis: number
  private readonly horizonAt: number
  private readonly v8At: number
  private indexers: Indexer[] = []
  private delegators: string[] = []
  private curators: string[] = []
  private payers: string[] = []
  private deployments: string[] = []
  private allocations: Allocation[] = []
  private ravTotals = new Map<string, bigint>()
  private supply = 0n
  private epoch = 4000n
  private epochStart = 0
  private started = false
  private horizon = false

  constructor({ seed, genesis }: ModelContext, opts: TheGraphModelOptions = {}) {
    this.genesis = genesis
    this.horizonAt = genesis + (opts.horizonAfterDays ?? HORIZON_AFTER_DAYS) * DAY
    this.v8At = genesis + (opts.v8CloseAfterDays ?? V8_CLOSE_AFTER_DAYS) * DAY
    this.rnd = new Random(seed)
    for (let i = 0; i < 18; i++) this.indexers.push(this.newIndexer())
    for (let i = 0; i < 50; i++) this.delegators.push(this.rnd.address())
    for (let i = 0; i < 12; i++) this.curators.push(this.rnd.address())
    for (let i = 0; i < 4; i++) this.payers.push(this.rnd.address())
    for (let i = 0; i < 40; i++) this.deployments.push(this.rnd.bytes32())
  }

  get isHorizon() {
    return this.horizon
  }

  step(from: number, to: number): EmittedLog[] {
    const out: EmittedLog[] = []
    const emit: Emit = (address, file, event, args) => out.push({ address, ...encodeEvent(file, event, args) })
    if (!this.started) {
      this.started = true
      this.epochStart = Math.floor(to / DAY) * DAY
      this.supply = units(INITIAL_SUPPLY)
      emit(A.GraphToken, 'GraphToken', 'Transfer', { from: ZERO, to: GATEWAY, value: this.supply })
      emit(A.EpochManager, 'GraphEpochManager', 'EpochRun', { epoch: this.epoch, caller: this.rnd.address() })
      for (const ix of this.indexers) this.registerLegacy(ix, to, emit)
    }
    if (!this.horizon && (to >= this.horizonAt || to - from < LIVE_GAP)) this.switchToHorizon(emit)
    while (Math.floor(to / DAY) * DAY > this.epochStart) {
      this.epochStart += DAY
      this.epoch += 1n
      emit(A.EpochManager, 'GraphEpochManager', 'EpochRun', { epoch: this.epoch, caller: this.rnd.pick(this.indexers).address })
    }
    // allocations that reach their end are closed (with rewards) and replaced
    const due = this.allocations.filter((a) => a.closeAt <= to).sort((a, b) => a.closeAt - b.closeAt)
    for (const a of due) {
      this.close(a, to, emit)
      this.open(a.indexer, to, emit)
    }
    const dt = to - from
    const days = (to - this.genesis) / DAY
    const weekday = new Date(to * 1000).getUTCDay()
    const demand = (1 + 0.01 * days) * (weekday === 0 || weekday === 6 ? 0.75 : 1.1)
    for (let i = this.rnd.poisson((dt / DAY) * 24 * demand); i > 0; i--) this.queryFees(to, (QUERY_FEES_PER_DAY / 24) * demand, emit)
    if (this.horizon) {
      for (let i = this.rnd.poisson((dt / DAY) * 0.3); i > 0; i--) this.indexingFee(emit)
      for (let i = this.rnd.poisson((dt / DAY) * 1); i > 0; i--) {
        const payer = this.rnd.pick(this.payers)
        emit(A.PaymentsEscrow, 'GraphPaymentsEscrow', 'Deposit', { payer, collector: A.GraphTallyCollector, receiver: this.rnd.pick(this.indexers).address, tokens: units(this.rnd.between(20_000, 200_000)) })
      }
    }
    for (let i = this.rnd.poisson((dt / DAY) * 6); i > 0; i--) this.delegate(emit)
    for (let i = this.rnd.poisson((dt / DAY) * 0.6); i > 0; i--) this.indexerStake(emit)
    for (let i = this.rnd.poisson((dt / DAY) * 2); i > 0; i--) this.curate(emit)
    if (this.rnd.next() < (dt / DAY) * 0.15) {
      const ix = this.newIndexer()
      this.indexers.push(ix)
      if (this.horizon) this.registerHorizon(ix, emit, true)
      else this.registerLegacy(ix, to, emit)
    }
    return out
  }

  private newIndexer(): Indexer {
    return {
      address: this.rnd.address(),
      stake: units(Math.round(this.rnd.between(2_000_000, 40_000_000))),
      delegationCut: BigInt(this.rnd.int(5, 60)) * 10_000n,
      weight: this.rnd.between(0.2, 3),
      horizonRegistered: false,
    }
  }

  private registerLegacy(ix: Indexer, now: number, emit: Emit) {
    emit(A.ServiceRegistry, 'GraphServiceRegistry', 'ServiceRegistered', { indexer: ix.address, url: `https://indexer-${ix.address.slice(2, 8)}.example/`, geohash: 'u0vh' })
    emit(A.HorizonStaking, 'GraphStakingLegacy', 'DelegationParametersUpdated', {
      indexer: ix.address, indexingRewardCut: Number(PPM - ix.delegationCut), queryFeeCut: Number(PPM - ix.delegationCut), __DEPRECATED_cooldownBlocks: 0,
    })
    emit(A.HorizonStaking, 'GraphStakingLegacy', 'StakeDeposited', { indexer: ix.address, tokens: ix.stake })
    for (let n = this.rnd.int(3, 6); n > 0; n--) this.open(ix, now, emit)
  }

  private registerHorizon(ix: Indexer, emit: Emit, fresh: boolean) {
    if (fresh) emit(A.HorizonStaking, 'GraphStakingHorizon', 'HorizonStakeDeposited', { serviceProvider: ix.address, tokens: ix.stake })
    emit(A.HorizonStaking, 'GraphStakingHorizon', 'ProvisionCreated', {
      serviceProvider: ix.address, verifier: A.SubgraphService, tokens: (ix.stake * 9n) / 10n, maxVerifierCut: 1_000_000, thawingPeriod: 28n * 86_400n,
    })
    const data = encodeAbiParameters(
      [{ type: 'string' }, { type: 'string' }, { type: 'address' }],
      [`https://indexer-${ix.address.slice(2, 8)}.example/`, 'u0vh', ix.address as `0x${string}`],
    )
    emit(A.SubgraphService, 'GraphSubgraphService', 'ServiceProviderRegistered', { serviceProvider: ix.address, data })
    for (const paymentType of [0, 2]) {
      emit(A.HorizonStaking, 'GraphStakingHorizon', 'DelegationFeeCutSet', { serviceProvider: ix.address, verifier: A.SubgraphService, paymentType, feeCut: ix.delegationCut })
    }
    ix.horizonRegistered = true
  }

  private switchToHorizon(emit: Emit) {
    this.horizon = true
    for (const ix of this.indexers) this.registerHorizon(ix, emit, false)
    // gateways fund the escrow that Horizon query fees are drawn from
    for (const payer of this.payers) {
      emit(A.PaymentsEscrow, 'GraphPaymentsEscrow', 'Deposit', { payer, collector: A.GraphTallyCollector, receiver: this.rnd.pick(this.indexers).address, tokens: units(this.rnd.between(200_000, 1_000_000)) })
    }
  }

  private totalAllocated(): bigint {
    return this.allocations.reduce((s, a) => s + a.tokens, 0n)
  }

  private open(ix: Indexer, now: number, emit: Emit) {
    const tokens = (ix.stake * BigInt(this.rnd.int(8, 25))) / 100n
    const a: Allocation = {
      id: this.rnd.address(), indexer: ix, deployment: this.rnd.pick(this.deployments), tokens,
      openedAt: now, closeAt: now + Math.floor(this.rnd.between(2, 28) * DAY), horizon: this.horizon,
    }
    this.allocations.push(a)
    if (a.horizon) {
      emit(A.SubgraphService, 'GraphSubgraphService', 'AllocationCreated', { indexer: ix.address, allocationId: a.id, subgraphDeploymentId: a.deployment, tokens, currentEpoch: this.epoch })
    } else {
      emit(A.HorizonStaking, 'GraphStakingLegacy', 'AllocationCreated', {
        indexer: ix.address, subgraphDeploymentID: a.deployment, epoch: this.epoch, tokens, allocationID: a.id, metadata: '0x' + '00'.repeat(32),
      })
    }
  }

  private close(a: Allocation, now: number, emit: Emit) {
    // rewards pro rata of allocated tokens and time: the sum over allocations is ~ISSUANCE_PER_YEAR of supply
    const share = Number((a.tokens * 1_000_000n) / (this.totalAllocated() || 1n)) / 1e6
    const reward = units((Number(this.supply / 10n ** 18n) * ISSUANCE_PER_YEAR * share * (now - a.openedAt)) / YEAR)
    const denied = this.rnd.next() < 0.03
    const ix = a.indexer
    this.allocations = this.allocations.filter((x) => x !== a)
    const mintTo = a.horizon ? A.SubgraphService : A.HorizonStaking
    if (denied) {
      if (this.horizon) emit(A.RewardsManager, 'GraphRewardsManager', 'RewardsDenied', { indexer: ix.address, allocationID: a.id })
      else emit(A.RewardsManager, 'GraphRewardsManagerLegacy', 'RewardsDenied', { indexer: ix.address, allocationID: a.id, epoch: this.epoch })
    } else if (reward > 0n) {
      // RewardsManager.takeRewards mints to the rewards issuer (staking or the SubgraphService)
      emit(A.GraphToken, 'GraphToken', 'Transfer', { from: ZERO, to: mintTo, value: reward })
      this.supply += reward
      if (this.horizon) emit(A.RewardsManager, 'GraphRewardsManager', 'HorizonRewardsAssigned', { indexer: ix.address, allocationID: a.id, amount: reward })
      else emit(A.RewardsManager, 'GraphRewardsManager', 'RewardsAssigned', { indexer: ix.address, allocationID: a.id, epoch: this.epoch, amount: reward })
      if (a.horizon) {
        const delegation = (reward * ix.delegationCut) / PPM
        emit(A.HorizonStaking, 'GraphStakingHorizon', 'TokensToDelegationPoolAdded', { serviceProvider: ix.address, verifier: A.SubgraphService, tokens: delegation })
        emit(A.SubgraphService, 'GraphSubgraphService', 'IndexingRewardsCollected', {
          indexer: ix.address, allocationId: a.id, subgraphDeploymentId: a.deployment, tokensRewards: reward, tokensIndexerRewards: reward - delegation,
          tokensDelegationRewards: delegation, poi: this.rnd.bytes32(), poiMetadata: '0x', currentEpoch: this.epoch,
        })
      }
      ix.stake += reward
    }
    if (a.horizon) {
      emit(A.SubgraphService, 'GraphSubgraphService', 'AllocationClosed', { indexer: ix.address, allocationId: a.id, subgraphDeploymentId: a.deployment, tokens: a.tokens, forceClosed: false })
    } else if (now < this.v8At) {
      emit(A.HorizonStaking, 'GraphStakingLegacyOld', 'AllocationClosed', {
        indexer: ix.address, subgraphDeploymentID: a.deployment, epoch: this.epoch, tokens: a.tokens, allocationID: a.id,
        effectiveAllocation: a.tokens * BigInt(Math.max(1, Math.round((now - a.openedAt) / DAY))), sender: ix.address, poi: this.rnd.bytes32(), isPublic: false,
      })
    } else {
      emit(A.HorizonStaking, 'GraphStakingLegacy', 'AllocationClosed', {
        indexer: ix.address, subgraphDeploymentID: a.deployment, epoch: this.epoch, tokens: a.tokens, allocationID: a.id, sender: ix.address, poi: this.rnd.bytes32(), isPublic: false,
      })
    }
  }

  /** an open allocation, chosen by the indexers' share of query traffic, of the current era */
  private pickAllocation(): Allocation | undefined {
    const open = this.allocations.filter((a) => a.horizon === this.horizon)
    if (!open.length) return undefined
    const total = open.reduce((s, a) => s + a.indexer.weight, 0)
    let r = this.rnd.next() * total
    return open.find((a) => (r -= a.indexer.weight) <= 0) ?? open[0]
  }

  private queryFees(now: number, meanGrt: number, emit: Emit) {
    const a = this.pickAllocation()
    if (!a) return
    const ix = a.indexer
    const tokens = units(Math.max(1, Math.round(meanGrt * Math.exp(this.rnd.normal() * 0.7 - 0.245))))
    const protocolTax = (tokens * PROTOCOL_TAX_PPM) / PPM
    const curation = ((tokens - protocolTax) * CURATION_CUT_PPM) / PPM
    const afterCuration = tokens - protocolTax - curation
    const delegation = (afterCuration * ix.delegationCut) / PPM
    if (!a.horizon) {
      emit(A.GraphToken, 'GraphToken', 'Transfer', { from: A.HorizonStaking, to: ZERO, value: protocolTax })
      emit(A.L2Curation, 'GraphCuration', 'Collected', { subgraphDeploymentID: a.deployment, tokens: curation })
      emit(A.HorizonStaking, 'GraphStakingLegacy', 'RebateCollected', {
        assetHolder: A.AllocationExchange, indexer: ix.address, subgraphDeploymentID: a.deployment, allocationID: a.id, epoch: this.epoch,
        tokens, protocolTax, curationFees: curation, queryFees: afterCuration, queryRebates: afterCuration - delegation, delegationRewards: delegation,
      })
      return
    }
    const payer = this.rnd.pick(this.payers)
    const collectionId = '0x' + a.id.slice(2).padStart(64, '0')
    const aggregate = (this.ravTotals.get(collectionId) ?? 0n) + tokens
    this.ravTotals.set(collectionId, aggregate)
    emit(A.GraphTallyCollector, 'GraphTallyCollector', 'RAVCollected', {
      collectionId, payer, serviceProvider: ix.address, dataService: A.SubgraphService, timestampNs: BigInt(now) * 1_000_000_000n,
      valueAggregate: aggregate, metadata: '0x', signature: '0x' + this.rnd.bytes32().slice(2) + this.rnd.bytes32().slice(2) + '1b',
    })
    this.payment(0, payer, ix, tokens, curation, delegation, emit)
    emit(A.GraphTallyCollector, 'GraphTallyCollector', 'PaymentCollected', { paymentType: 0, collectionId, payer, receiver: ix.address, dataService: A.SubgraphService, tokens })
    emit(A.L2Curation, 'GraphCuration', 'Collected', { subgraphDeploymentID: a.deployment, tokens: curation })
    emit(A.SubgraphService, 'GraphSubgraphService', 'QueryFeesCollected', { serviceProvider: ix.address, payer, allocationId: a.id, subgraphDeploymentId: a.deployment, tokensCollected: tokens, tokensCurators: curation })
  }

  /** escrow debit, protocol tax burn, delegation pool and the GraphPayments split of one Horizon payment */
  private payment(paymentType: number, payer: string, ix: Indexer, tokens: bigint, dataServiceCut: bigint, delegation: bigint, emit: Emit) {
    const protocolTax = (tokens * PROTOCOL_TAX_PPM) / PPM
    emit(A.PaymentsEscrow, 'GraphPaymentsEscrow', 'EscrowCollected', { paymentType, payer, collector: A.GraphTallyCollector, receiver: ix.address, tokens, receiverDestination: ix.address })
    emit(A.GraphToken, 'GraphToken', 'Transfer', { from: A.GraphPayments, to: ZERO, value: protocolTax })
    if (delegation > 0n) emit(A.HorizonStaking, 'GraphStakingHorizon', 'TokensToDelegationPoolAdded', { serviceProvider: ix.address, verifier: A.SubgraphService, tokens: delegation })
    emit(A.GraphPayments, 'GraphPayments', 'GraphPaymentCollected', {
      paymentType, payer, receiver: ix.address, dataService: A.SubgraphService, tokens, tokensProtocol: protocolTax, tokensDataService: dataServiceCut,
      tokensDelegationPool: delegation, tokensReceiver: tokens - protocolTax - dataServiceCut - delegation, receiverDestination: ix.address,
    })
    this.supply -= protocolTax
  }

  /** indexing fees (paymentType 1): rare customer payments for indexing a subgraph, Horizon only */
  private indexingFee(emit: Emit) {
    const ix = this.rnd.pick(this.indexers)
    const tokens = units(Math.round(this.rnd.between(500, 5_000)))
    const delegation = ((tokens - (tokens * PROTOCOL_TAX_PPM) / PPM) * ix.delegationCut) / PPM
    this.payment(1, this.rnd.pick(this.payers), ix, tokens, 0n, delegation, emit)
  }

  private delegate(emit: Emit) {
    const ix = this.rnd.pick(this.indexers)
    const delegator = this.rnd.pick(this.delegators)
    const amount = units(Math.round(this.rnd.between(1_000, 500_000)))
    if (!this.horizon) {
      const tax = (amount * DELEGATION_TAX_PPM) / PPM
      emit(A.GraphToken, 'GraphToken', 'Transfer', { from: A.HorizonStaking, to: ZERO, value: tax })
      emit(A.HorizonStaking, 'GraphStakingLegacy', 'StakeDelegated', { indexer: ix.address, delegator, tokens: amount - tax, shares: amount - tax })
      this.supply -= tax
    } else if (this.rnd.next() < 0.65) {
      emit(A.HorizonStaking, 'GraphStakingHorizon', 'TokensDelegated', { serviceProvider: ix.address, verifier: A.SubgraphService, delegator, tokens: amount, shares: amount })
    } else {
      emit(A.HorizonStaking, 'GraphStakingHorizon', 'TokensUndelegated', { serviceProvider: ix.address, verifier: A.SubgraphService, delegator, tokens: amount, shares: amount })
    }
  }

  private indexerStake(emit: Emit) {
    const ix = this.rnd.pick(this.indexers)
    const amount = units(Math.round(this.rnd.between(10_000, 1_000_000)))
    if (!this.horizon) {
      ix.stake += amount
      emit(A.HorizonStaking, 'GraphStakingLegacy', 'StakeDeposited', { indexer: ix.address, tokens: amount })
    } else if (this.rnd.next() < 0.7 || ix.stake < amount * 10n) {
      ix.stake += amount
      emit(A.HorizonStaking, 'GraphStakingHorizon', 'HorizonStakeDeposited', { serviceProvider: ix.address, tokens: amount })
    } else {
      ix.stake -= amount
      emit(A.HorizonStaking, 'GraphStakingHorizon', 'HorizonStakeWithdrawn', { serviceProvider: ix.address, tokens: amount })
    }
  }

  private curate(emit: Emit) {
    const curator = this.rnd.pick(this.curators)
    const deployment = this.rnd.pick(this.deployments)
    const tokens = units(Math.round(this.rnd.between(1_000, 100_000)))
    if (this.rnd.next() < 0.75) {
      const tax = (tokens * CURATION_TAX_PPM) / PPM
      emit(A.GraphToken, 'GraphToken', 'Transfer', { from: A.L2Curation, to: ZERO, value: tax })
      emit(A.L2Curation, 'GraphCuration', 'Signalled', { curator, subgraphDeploymentID: deployment, tokens, signal: tokens / 10n, curationTax: tax })
      this.supply -= tax
    } else {
      emit(A.L2Curation, 'GraphCuration', 'Burned', { curator, subgraphDeploymentID: deployment, tokens, signal: tokens / 10n })
    }
  }
}
