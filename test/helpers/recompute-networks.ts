/**
 * Independent recomputation of every network's daily totals straight from the chain: eth_getLogs over the
 * real contract addresses (copied here from docs/networks.md), decoded with viem from human-readable
 * signatures written here (from docs/networks.md and shared/reference/depin-contracts.json), block timestamps
 * from eth_getBlockByNumber. The economic rules (which event is a fee, a reward, a capacity change, ...) are
 * re-implemented here from the documentation; nothing is imported from the indexer or its registry.
 */
import { decodeEventLog, parseAbiItem, toEventSelector, type AbiEvent } from 'viem'
import { Rpc } from '../../devnet/rpc'

type Hex = `0x${string}`

/** Totals of one network on one UTC day (amounts in base units of the fact's asset). */
export interface NetDay {
  fees: bigint
  feesRefunded: bigint
  feeCount: number
  rewards: bigint
  rewardCount: number
  protocolTake: bigint
  minted: bigint
  burned: bigint
  capacityAdded: bigint
  capacityRemoved: bigint
  nodesRegistered: number
  nodesDeregistered: number
  leasesOpened: number
  leasesClosed: number
  events: number
  /** value moved for fees (Livepeer WinningTicketTransfer, DIMO credits spent) */
  feesSettled: bigint
  /** stake added / removed (Livepeer Bond, Rebond / Unbond; The Graph stake and delegation; DIMO licence stake) */
  bonded: bigint
  unbonded: bigint
  /** tokens moved into / out of a listed non-circulating address (the Livepeer Treasury) */
  locked: bigint
  unlocked: bigint
  /** fees before the first answer of the network's on-chain oracle (Livepeer); all fees where it has none */
  feesUnpriced: bigint
}

/** A day's totals while folding: NetDay plus the fees valued at the on-chain oracle (USD, a float: kept apart). */
type DayAcc = NetDay & { feesUsd: number }

const emptyDay = (): NetDay => ({
  fees: 0n, feesRefunded: 0n, feeCount: 0, rewards: 0n, rewardCount: 0, protocolTake: 0n, minted: 0n, burned: 0n,
  capacityAdded: 0n, capacityRemoved: 0n, nodesRegistered: 0, nodesDeregistered: 0, leasesOpened: 0, leasesClosed: 0, events: 0,
  feesSettled: 0n, bonded: 0n, unbonded: 0n, locked: 0n, unlocked: 0n, feesUnpriced: 0n,
})

const ZERO = '0x0000000000000000000000000000000000000000'
const isZero = (a: string) => a.toLowerCase() === ZERO
const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

const ERC20_TRANSFER = 'event Transfer(address indexed from, address indexed to, uint256 value)'
const ERC721_TRANSFER = 'event Transfer(address indexed from, address indexed to, uint256 indexed tokenId)'

/** A contract: its address (docs/networks.md) and the signatures of the events whose arguments a rule reads. */
interface ContractSpec {
  address: string
  /** human-readable event signatures; events not listed are only counted */
  events: string[]
}

interface Decoded {
  contract: string
  /** event name; variants that share a name are told apart by `sig` */
  name: string
  sig: string
  args: Record<string, any>
  block: number
  tx: string
}

/** A lease as the chain tells it (Spheron LeaseCreated / LeaseUpdated / LeaseClosed). */
export interface RecomputedLease {
  provider: string
  payer: string
  status: 'OPEN' | 'CLOSED'
  price: bigint | null
  openedBlock: number | null
  closedBlock: number | null
  /** price x 2 s blocks run, summed over the prices a lease had (the documented inferred cost) */
  spent: bigint | null
  startTime: number
  accrued: bigint
}

/** What a provider received, by address. */
export interface RecomputedProvider {
  fees: bigint
  rewards: bigint
}

/** Per-entity results besides daily totals (leases by id, providers by address). */
export interface Extras {
  leases: Map<string, RecomputedLease>
  providers: Map<string, RecomputedProvider>
  /** how often a rule met a case worth showing a test occurred (e.g. DIMO licences paid in DIMO) */
  cases: Map<string, number>
}

/** Per-network fold: sees every log in chain order (decoded or not), adds to the day's totals, keeps its own state. */
type Rule = (ev: Decoded | undefined, d: DayAcc, st: Map<string, any>, x: Extras) => void

interface NetworkSpec {
  id: string
  chainId: number
  contracts: Record<string, ContractSpec>
  rule: Rule
  /**
   * a Chainlink aggregator on the same chain whose AnswerUpdated(current / 1e8) prices the fees at each event: its
   * logs are folded in chain order into the rule's state ('usd') but are not the network's events
   */
  oracle?: string
}

// ---------------------------------------------------------------------------------------------------------
// Livepeer (Arbitrum One): fee = WinningTicketRedeemed.faceValue (ETH), reward = Reward.amount,
// protocol take = TreasuryReward.amount, supply = LivepeerToken Mint / Burn, capacity = orchestrators in the active set
// (TranscoderActivated +1 unless active, TranscoderDeactivated -1 if active).
// ---------------------------------------------------------------------------------------------------------
const livepeer: NetworkSpec = {
  id: 'livepeer',
  chainId: 42161,
  contracts: {
    TicketBroker: {
      address: '0xa8bB618B1520E284046F3dFc448851A1Ff26e41B',
      events: [
        'event WinningTicketRedeemed(address indexed sender, address indexed recipient, uint256 faceValue, uint256 winProb, uint256 senderNonce, uint256 recipientRand, bytes auxData)',
        'event WinningTicketTransfer(address indexed sender, address indexed recipient, uint256 amount)',
      ],
    },
    BondingManager: {
      address: '0x35Bcf3c30594191d53231E4FF333E8A770453e40',
      events: [
        'event Reward(address indexed transcoder, uint256 amount)', 'event TreasuryReward(address indexed transcoder, address treasury, uint256 amount)',
        'event Bond(address indexed newDelegate, address indexed oldDelegate, address indexed delegator, uint256 additionalAmount, uint256 bondedAmount)',
        'event Unbond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount, uint256 withdrawRound)',
        'event Rebond(address indexed delegate, address indexed delegator, uint256 unbondingLockId, uint256 amount)',
        // slashing takes the penalty out of the orchestrator's bonded stake (livepeer/protocol IBondingManager)
        'event TranscoderSlashed(address indexed transcoder, address finder, uint256 penalty, uint256 finderReward)',
        // capacity: orchestrators in the active set (docs/networks.md, Livepeer)
        'event TranscoderActivated(address indexed transcoder, uint256 activationRound)',
        'event TranscoderDeactivated(address indexed transcoder, uint256 deactivationRound)',
      ],
    },
    RoundsManager: { address: '0xdd6f56DcC28D3F5f27084381fE8Df634985cc39f', events: [] },
    Minter: { address: '0xc20DE37170B45774e6CD3d2304017fc962f27252', events: [] },
    LivepeerToken: {
      address: '0x289ba1701C2F088cf0faf8B3705246331cB8A839',
      events: ['event Mint(address indexed to, uint256 amount)', 'event Burn(address indexed burner, uint256 amount)', ERC20_TRANSFER],
    },
  },
  oracle: '0x3607e46698d218b3a5CAE44bF381475C0a5e2ca7',
  rule(ev, d, st, x) {
    if (!ev) return
    const a = ev.args
    const provider = (addr: string) => {
      const k = addr.toLowerCase()
      if (!x.providers.has(k)) x.providers.set(k, { fees: 0n, rewards: 0n })
      return x.providers.get(k)!
    }
    if (ev.name === 'WinningTicketRedeemed') {
      const usd: number | undefined = st.get('usd')
      fee(d, a.faceValue, usd === undefined ? null : (Number(a.faceValue) / 1e18) * usd)
      provider(a.recipient).fees += a.faceValue
    } else if (ev.name === 'WinningTicketTransfer') d.feesSettled += a.amount
    else if (ev.name === 'Bond') d.bonded += a.additionalAmount
    else if (ev.name === 'Rebond') d.bonded += a.amount
    else if (ev.name === 'Unbond') d.unbonded += a.amount
    else if (ev.name === 'TranscoderSlashed') d.unbonded += a.penalty
    else if (ev.name === 'TranscoderActivated' || ev.name === 'TranscoderDeactivated') {
      // one orchestrator joins / leaves the active set; repeated activations or deactivations change nothing
      const active: Set<string> = st.get('active') ?? new Set()
      st.set('active', active)
      const k = a.transcoder.toLowerCase()
      if (ev.name === 'TranscoderActivated' && !active.has(k)) {
        active.add(k)
        register(d, 1n)
      } else if (ev.name === 'TranscoderDeactivated' && active.has(k)) {
        active.delete(k)
        deregister(d, 1n)
      }
    }
    else if (ev.name === 'Transfer') {
      // the Livepeer Treasury (LIP-89/90) is listed as non-circulating: LPT into it is locked, out of it unlocked
      if (same(a.to, LIVEPEER_TREASURY) && !same(a.from, LIVEPEER_TREASURY)) d.locked += a.value
      else if (same(a.from, LIVEPEER_TREASURY) && !same(a.to, LIVEPEER_TREASURY)) d.unlocked += a.value
    } else if (ev.name === 'Reward') {
      reward(d, a.amount)
      provider(a.transcoder).rewards += a.amount
    }
    else if (ev.name === 'TreasuryReward') d.protocolTake += a.amount
    else if (ev.name === 'Mint') d.minted += a.amount
    else if (ev.name === 'Burn') d.burned += a.amount
  },
}

const LIVEPEER_TREASURY = '0xf82C1FF415F1fCf582554fDba790E27019c8E8C4'

// ---------------------------------------------------------------------------------------------------------
// The Graph (Arbitrum One). Fees: legacy RebateCollected.tokens (protocolTax = protocol take); Horizon
// GraphPaymentCollected (10- and 9-argument forms) for paymentType 0 (QueryFee) and 1 (IndexingFee):
// tokens = fee, tokensProtocol = protocol take; paymentType 2 (IndexingRewards) is not a fee.
// Rewards: RewardsAssigned / HorizonRewardsAssigned. Supply: GRT Transfer from / to 0x0.
// Leases: every AllocationCreated (legacy, Horizon) opens, every AllocationClosed (v8, v9, Horizon) closes.
// Capacity: 1 indexer the first time an address registers (ServiceRegistered or ServiceProviderRegistered).
// ---------------------------------------------------------------------------------------------------------
const thegraph: NetworkSpec = {
  id: 'thegraph',
  chainId: 42161,
  contracts: {
    GraphToken: { address: '0x9623063377AD1B27544C965cCd7342f7EA7e88C7', events: [ERC20_TRANSFER] },
    HorizonStaking: {
      address: '0x00669A4CF01450B64E8A2A20E9b1FCB71E61eF03',
      events: [
        'event AllocationCreated(address indexed indexer, bytes32 indexed subgraphDeploymentID, uint256 epoch, uint256 tokens, address indexed allocationID, bytes32 metadata)',
        'event AllocationClosed(address indexed indexer, bytes32 indexed subgraphDeploymentID, uint256 epoch, uint256 tokens, address indexed allocationID, address sender, bytes32 poi, bool isPublic)',
        'event AllocationClosed(address indexed indexer, bytes32 indexed subgraphDeploymentID, uint256 epoch, uint256 tokens, address indexed allocationID, uint256 effectiveAllocation, address sender, bytes32 poi, bool isPublic)',
        'event RebateCollected(address assetHolder, address indexed indexer, bytes32 indexed subgraphDeploymentID, address indexed allocationID, uint256 epoch, uint256 tokens, uint256 protocolTax, uint256 curationFees, uint256 queryFees, uint256 queryRebates, uint256 delegationRewards)',
        // stake: legacy deposits and delegations, Horizon deposits, withdrawals, delegations and undelegations
        'event StakeDeposited(address indexed indexer, uint256 tokens)',
        'event StakeDelegated(address indexed indexer, address indexed delegator, uint256 tokens, uint256 shares)',
        'event HorizonStakeDeposited(address indexed serviceProvider, uint256 tokens)',
        'event HorizonStakeWithdrawn(address indexed serviceProvider, uint256 tokens)',
        'event TokensDelegated(address indexed serviceProvider, address indexed verifier, address indexed delegator, uint256 tokens, uint256 shares)',
        'event TokensUndelegated(address indexed serviceProvider, address indexed verifier, address indexed delegator, uint256 tokens, uint256 shares)',
      ],
    },
    RewardsManager: {
      address: '0x971B9d3d0Ae3ECa029CAB5eA1fB0F72c85e6a525',
      events: [
        'event RewardsAssigned(address indexed indexer, address indexed allocationID, uint256 epoch, uint256 amount)',
        'event HorizonRewardsAssigned(address indexed indexer, address indexed allocationID, uint256 amount)',
      ],
    },
    SubgraphService: {
      address: '0xb2Bb92d0DE618878E438b55D5846cfecD9301105',
      events: [
        'event ServiceProviderRegistered(address indexed serviceProvider, bytes data)',
        'event AllocationCreated(address indexed indexer, address indexed allocationId, bytes32 indexed subgraphDeploymentId, uint256 tokens, uint256 currentEpoch)',
        'event AllocationClosed(address indexed indexer, address indexed allocationId, bytes32 indexed subgraphDeploymentId, uint256 tokens, bool forceClosed)',
      ],
    },
    GraphPayments: {
      address: '0x7Aae8ae011927BC36Cb4d0d3e81f2E6E30daE06D',
      events: [
        'event GraphPaymentCollected(uint8 indexed paymentType, address indexed payer, address receiver, address indexed dataService, uint256 tokens, uint256 tokensProtocol, uint256 tokensDataService, uint256 tokensDelegationPool, uint256 tokensReceiver, address receiverDestination)',
        'event GraphPaymentCollected(uint8 indexed paymentType, address indexed payer, address receiver, address indexed dataService, uint256 tokens, uint256 tokensProtocol, uint256 tokensDataService, uint256 tokensDelegationPool, uint256 tokensReceiver)',
      ],
    },
    PaymentsEscrow: { address: '0xf6Fcc27aAf1fcD8B254498c9794451d82afC673E', events: [] },
    GraphTallyCollector: { address: '0x8f69F5C07477Ac46FBc491B1E6D91E2bb0111A9e', events: [] },
    L2Curation: { address: '0x22d78fb4bc72e191C765807f8891B5e1785C8014', events: [] },
    EpochManager: { address: '0x5A843145c43d328B9bB7a4401d94918f131bB281', events: [] },
    ServiceRegistry: { address: '0x072884c745c0A23144753335776c99BE22588f8A', events: ['event ServiceRegistered(address indexed indexer, string url, string geohash)'] },
  },
  rule(ev, d, st) {
    if (!ev) return
    const a = ev.args
    switch (ev.name) {
      case 'Transfer':
        if (isZero(a.from)) d.minted += a.value
        else if (isZero(a.to)) d.burned += a.value
        break
      case 'RebateCollected':
        fee(d, a.tokens)
        d.protocolTake += a.protocolTax
        break
      case 'GraphPaymentCollected':
        if (a.paymentType === 0 || a.paymentType === 1) {
          fee(d, a.tokens)
          d.protocolTake += a.tokensProtocol
        }
        break
      case 'RewardsAssigned':
      case 'HorizonRewardsAssigned':
        reward(d, a.amount)
        break
      case 'StakeDeposited':
      case 'StakeDelegated':
      case 'HorizonStakeDeposited':
      case 'TokensDelegated':
        d.bonded += a.tokens
        break
      case 'HorizonStakeWithdrawn':
      case 'TokensUndelegated':
        d.unbonded += a.tokens
        break
      case 'AllocationCreated':
        d.leasesOpened++
        break
      case 'AllocationClosed':
        d.leasesClosed++
        break
      case 'ServiceRegistered':
      case 'ServiceProviderRegistered': {
        const who = String(a.indexer ?? a.serviceProvider).toLowerCase()
        if (!st.has(`indexer:${who}`)) {
          st.set(`indexer:${who}`, true)
          register(d, 1n)
        }
        break
      }
    }
  },
}

// ---------------------------------------------------------------------------------------------------------
// Aethir (Arbitrum One). Fees: DepositServiceFee.amount, refunds: WithdrawServiceFee.amount (ATH).
// Licences (ERC-721): mint = +1 capacity, burn = -1 (and ends its delegation). ERC-4907 UpdateUser: a
// delegation to a new user opens a lease (ending a delegation to another user); the same user again is a
// renewal; user 0x0 ends the delegation. ATH: mint / burn; transfers out of CheckerClaimAndWithdraw are rewards.
// ---------------------------------------------------------------------------------------------------------
const AETHIR_CHECKER_CLAIM = '0x3EB64fc76De5D77659387E64951d78d5fCaE1111'
const aethir: NetworkSpec = {
  id: 'aethir',
  chainId: 42161,
  contracts: {
    AethirCore: {
      address: '0x226DC7D2AA1F9a565e82faf04772FDbBaF2da42d',
      events: ['event DepositServiceFee(address indexed developer, uint64 nonce, uint256 amount)', 'event WithdrawServiceFee(address indexed developer, uint64 nonce, uint256 amount)'],
    },
    CheckerNodeLicense: {
      address: '0xC227e25544EdD261A9066932C71a25F4504972f1',
      events: [ERC721_TRANSFER, 'event UpdateUser(uint256 indexed tokenId, address indexed user, uint64 expires)'],
    },
    AethirToken: { address: '0xc87B37a581ec3257B734886d9d3a581F5A9d056c', events: [ERC20_TRANSFER] },
  },
  rule(ev, d, st) {
    if (!ev) return
    const a = ev.args
    const endDelegation = (tokenId: bigint) => {
      if (st.has(`user:${tokenId}`)) {
        st.delete(`user:${tokenId}`)
        d.leasesClosed++
      }
    }
    if (ev.name === 'DepositServiceFee') fee(d, a.amount)
    else if (ev.name === 'WithdrawServiceFee') d.feesRefunded += a.amount
    else if (ev.name === 'UpdateUser') {
      if (isZero(a.user)) return endDelegation(a.tokenId)
      const current: string | undefined = st.get(`user:${a.tokenId}`)
      if (current && same(current, a.user)) return // renewal
      endDelegation(a.tokenId)
      st.set(`user:${a.tokenId}`, a.user.toLowerCase())
      d.leasesOpened++
    } else if (ev.name === 'Transfer' && ev.contract === 'CheckerNodeLicense') {
      if (isZero(a.from) && isZero(a.to)) return
      if (isZero(a.from)) register(d, 1n)
      else if (isZero(a.to)) {
        endDelegation(a.tokenId)
        deregister(d, 1n)
      }
    } else if (ev.name === 'Transfer' && ev.contract === 'AethirToken') {
      if (isZero(a.from) && isZero(a.to)) return
      if (isZero(a.from)) d.minted += a.value
      else if (isZero(a.to)) d.burned += a.value
      else if (same(a.from, AETHIR_CHECKER_CLAIM)) reward(d, a.value)
    }
  },
}

// ---------------------------------------------------------------------------------------------------------
// DIMO (Polygon). Fees: DCX minted (DimoCredit Transfer from 0x0), in DCX, plus developer licences paid in DIMO
// (a DevLicense Issued in the same transaction as a DIMO Transfer from the licence owner to the receiver
// 0x62b98e01…), worth the licence's USD cost (UpdateLicenseCost, 1e18 before any) in DCX at the DCX rate
// (UpdateDimoCreditRate, 1e15 before any), rounded as issueInDc: (cost / rate) * 1e18. Every DCX fee is valued on
// chain at the DCX rate of the last UpdateDimoCreditRate before it (rate / 1e18 USD per DCX; DCX has no market
// price and none is imported). Rewards: TokensTransferredForDevice,
// TokensTransferredForConnectionStreak, TokensTransferred (v1 layout with 2 topics and the current one with 3),
// and ReferralComplete = the last BonusChanged amount (nothing before a non-zero bonus). Capacity: aftermarket
// and synthetic devices minted minus burned. Supply: DIMO Transfer from / to 0x0.
// ---------------------------------------------------------------------------------------------------------
const dimo: NetworkSpec = {
  id: 'dimo',
  chainId: 137,
  contracts: {
    DimoReward: {
      address: '0x8129f3cD3EBA82136Caf5aB87E2321c958Da5B63',
      events: [
        'event TokensTransferredForDevice(uint256 week, address indexed user, uint256 _amount, uint256 indexed vehicleNodeId, address deviceNftProxy, uint256 indexed deviceNode)',
        'event TokensTransferredForConnectionStreak(uint256 week, address indexed user, uint256 _amount, uint256 indexed vehicleNodeId, uint256 connectionStreak)',
        // current layout (vehicleNodeId indexed); the v1 layout is in LEGACY below
        'event TokensTransferred(address indexed user, uint256 _amount, uint256 indexed vehicleNodeId)',
      ],
    },
    DimoReferral: {
      address: '0x3a99A9c4997B710febd7696E73088Fd9e51f49a5',
      events: ['event ReferralComplete(address indexed referee, address indexed referrer)', 'event BonusChanged(uint256 amount)'],
    },
    DimoRegistry: {
      address: '0xFA8beC73cebB9D88FF88a2f75E7D7312f2Fd39EC',
      events: [
        'event AftermarketDeviceNodeMinted(uint256 indexed manufacturerId, uint256 tokenId, address indexed aftermarketDeviceAddress, address indexed owner)',
        'event SyntheticDeviceNodeMinted(uint256 connectionId, uint256 syntheticDeviceNode, uint256 indexed vehicleNode, address indexed syntheticDeviceAddress, address indexed owner)',
        'event AftermarketDeviceNodeBurned(uint256 indexed adNode, address indexed owner)',
        'event SyntheticDeviceNodeBurned(uint256 indexed syntheticDeviceNode, uint256 indexed vehicleNode, address indexed owner)',
      ],
    },
    DimoCredit: {
      address: '0x7186F9aC35d24c9a4cf1E58a797c04DF1b334322',
      events: ['event Transfer(address indexed from, address indexed to, uint256 amount)', 'event UpdateDimoCreditRate(uint256 rate)'],
    },
    DimoDevLicense: {
      address: '0x9A9D2E717bB005B240094ba761Ff074d392C7C85',
      events: [
        'event Issued(uint256 indexed tokenId, address indexed owner, address indexed clientId)', 'event UpdateLicenseCost(uint256 licenseCost)',
        'event StakeDeposit(uint256 indexed tokenId, address indexed user, uint256 amount)', 'event StakeWithdraw(uint256 indexed tokenId, address indexed user, uint256 amount)',
      ],
    },
    DimoToken: { address: '0xE261D618a959aFfFd53168Cd07D12E37B26761db', events: [ERC20_TRANSFER] },
  },
  rule(ev, d, st, x) {
    if (!ev) return
    const a = ev.args
    switch (ev.name) {
      case 'TokensTransferredForDevice':
      case 'TokensTransferredForConnectionStreak':
      case 'TokensTransferred':
        reward(d, a._amount)
        break
      case 'BonusChanged':
        st.set('bonus', a.amount)
        break
      case 'ReferralComplete': {
        const bonus: bigint | undefined = st.get('bonus')
        if (bonus) reward(d, bonus)
        break
      }
      case 'AftermarketDeviceNodeMinted':
      case 'SyntheticDeviceNodeMinted':
        register(d, 1n)
        break
      case 'AftermarketDeviceNodeBurned':
      case 'SyntheticDeviceNodeBurned':
        deregister(d, 1n)
        break
      case 'UpdateDimoCreditRate':
        st.set('dcxRate', a.rate)
        break
      case 'UpdateLicenseCost':
        st.set('licenseCost', a.licenseCost)
        break
      case 'StakeDeposit':
        d.bonded += a.amount
        break
      case 'StakeWithdraw':
        d.unbonded += a.amount
        break
      case 'Issued': {
        const paid: { tx: string; from: string } | undefined = st.get('receiverInflow')
        if (paid && paid.tx === ev.tx && same(paid.from, a.owner)) {
          const cost: bigint = st.get('licenseCost') ?? 10n ** 18n
          const rate: bigint = st.get('dcxRate') ?? 10n ** 15n
          fee(d, (cost / rate) * 10n ** 18n, dcxUsd((cost / rate) * 10n ** 18n, rate))
          x.cases.set('licensesPaidInDimo', (x.cases.get('licensesPaidInDimo') ?? 0) + 1)
        }
        break
      }
      case 'Transfer':
        if (ev.contract === 'DimoToken' && same(a.to, '0x62b98e019e0d3e4A1Ad8C786202e09017Bd995e1')) st.set('receiverInflow', { tx: ev.tx, from: a.from })
        if (ev.contract === 'DimoCredit') {
          if (isZero(a.from) && !isZero(a.to)) fee(d, a.amount, dcxUsd(a.amount, st.get('dcxRate') ?? 10n ** 15n))
          // credits spent (burned): consumption of prepaid credits, settled, not a second fee
          else if (isZero(a.to) && !isZero(a.from)) d.feesSettled += a.amount
        } else if (isZero(a.from) && !isZero(a.to)) d.minted += a.value
        else if (isZero(a.to) && !isZero(a.from)) d.burned += a.value
        break
    }
  },
}
const DIMO_LEGACY_TOKENS_TRANSFERRED = 'event TokensTransferred(address indexed user, uint256 _amount, uint256 vehicleNodeId)'

// ---------------------------------------------------------------------------------------------------------
// GEODNET (Polygon): GEOD sent to 0x…dEaD = fee (buy-back) and burn; from 0x0 = mint; to 0x0 = burn.
// ---------------------------------------------------------------------------------------------------------
const GEOD_DEAD = '0x000000000000000000000000000000000000dEaD'
const geodnet: NetworkSpec = {
  id: 'geodnet',
  chainId: 137,
  contracts: { GeodToken: { address: '0xAC0F66379A6d7801D7726d5a943356A172549Adb', events: [ERC20_TRANSFER] } },
  rule(ev, d) {
    if (ev?.name !== 'Transfer') return
    const a = ev.args
    if (same(a.to, GEOD_DEAD)) {
      fee(d, a.value)
      d.burned += a.value
    } else if (isZero(a.from)) d.minted += a.value
    else if (isZero(a.to)) d.burned += a.value
  },
}

// ---------------------------------------------------------------------------------------------------------
// IoTeX ioID: the store-wide price comes from the last Initialize / ChangePrice. ApplyIoIDs buys `amount`
// slots for a project: fee = amount × price. ActiveIoID consumes an unused slot of the project if it has one
// (no fee), otherwise the device pays the price (virtual project): fee = price. No fee while no price is known.
// Capacity: NewDevice +1, RemoveDevice -1.
// ---------------------------------------------------------------------------------------------------------
const iotexIoid: NetworkSpec = {
  id: 'iotex-ioid',
  chainId: 4689,
  contracts: {
    ioIDStore: {
      address: '0xa822Fd390e8eD3FEC80Bd26c77DD036935463b5E',
      events: [
        'event ApplyIoIDs(uint256 indexed projectId, uint256 amount)',
        'event ActiveIoID(uint256 indexed projectId)',
        'event Initialize(address indexed project, uint256 price)',
        'event ChangePrice(uint256 price)',
      ],
    },
    ioIDRegistry: {
      address: '0x04e4655Cf258EC802D17c23ec6112Ef7d97Fa2aF',
      events: ['event NewDevice(address indexed device, address owner, bytes32 hash, string uri)', 'event RemoveDevice(address indexed device, address owner)'],
    },
    ioID: { address: '0x1FCB980eD0287777ab05ADc93012332e11300e54', events: [] },
  },
  rule(ev, d, st) {
    if (!ev) return
    const a = ev.args
    const price: bigint | undefined = st.get('price')
    switch (ev.name) {
      case 'Initialize':
      case 'ChangePrice':
        st.set('price', a.price)
        break
      case 'ApplyIoIDs':
        st.set(`slots:${a.projectId}`, (st.get(`slots:${a.projectId}`) ?? 0n) + a.amount)
        if (price !== undefined) fee(d, a.amount * price)
        break
      case 'ActiveIoID': {
        const slots: bigint = st.get(`slots:${a.projectId}`) ?? 0n
        if (slots > 0n) st.set(`slots:${a.projectId}`, slots - 1n)
        else if (price !== undefined) fee(d, price)
        break
      }
      case 'NewDevice':
        register(d, 1n)
        break
      case 'RemoveDevice':
        deregister(d, 1n)
        break
    }
  },
}

// ---------------------------------------------------------------------------------------------------------
// Spheron (Base). Fees: LockedTokenTransfered.deposit and LockedTokenTransferedToFizz.deposit, only in uSPON;
// protocol take: TreasuryMovement.amount in uSPON. Rewards: ProviderRewardClaimed / FizzRewardClaimed.rewardAmount.
// Leases: LeaseCreated opens, LeaseClosed closes. Capacity: ProviderAdded +1, ProviderRemoved -1.
// ---------------------------------------------------------------------------------------------------------
const USPON = '0xBf0fA0461331d815A103e59929E5a19A48C30f5e'
const spheron: NetworkSpec = {
  id: 'spheron',
  chainId: 8453,
  contracts: {
    ComputeLease: {
      address: '0x8A9f22D855bBE978C0D47De0963a3B15022E8ce0',
      events: [
        'event LeaseCreated(uint256 leaseId, uint256 fizzId, uint64 requestId, uint256 acceptedPrice, address providerAddress, address tenantAddress, uint32 startBlock, uint32 startTime, uint32 endTime, uint8 state)',
        'event LeaseClosed(uint256 leaseId, address providerAddress, address tenantAddress, uint32 endTime, uint8 state)',
        'event LeaseUpdated(uint256 indexed leaseId, address indexed providerAddress, address indexed tenantAddress, uint256 acceptedPrice, uint32 startBlock, uint32 startTime)',
      ],
    },
    OrderRequest: { address: '0xC1A0AF3224465c2a5099C14c5A1A4f6680C30A86', events: [] },
    Bid: { address: '0x1582D6f9A7098B112dC76dd55a98d11d95f4702A', events: [] },
    EscrowUser: { address: '0x67Ad502B202Ac602C215B2Ba28689a71d03F9Ba4', events: [] },
    EscrowProtocol: {
      address: '0x7381F084D31EF2F983c95572b7DD6Ee99eE03d8d',
      events: [
        'event LockedTokenTransfered(address indexed from, address indexed to, address indexed token, uint256 deposit)',
        'event LockedTokenTransferedToFizz(address indexed from, uint256 indexed fizzId, address indexed token, uint256 deposit)',
        'event TreasuryMovement(address indexed treasury, address indexed token, uint256 amount)',
      ],
    },
    ProviderRegistry: {
      address: '0x79c892AE9D910bBeb81705960BA01706Bb2Af02e',
      events: [
        'event ProviderAdded(uint256 indexed providerId, address indexed walletAddress, string spec, string hostUri, string certificate, address[] paymentsAccepted, uint8 status, uint8 tier, uint256 joinTimestamp, address rewardWallet)',
        'event ProviderRemoved(uint256 indexed providerId)',
      ],
    },
    ProviderRewardsManager: { address: '0x20f2159b1082529089752Bce0549a649B0f0032C', events: ['event ProviderRewardClaimed(address indexed provider, uint256 rewardAmount)'] },
    FizzRewardsManager: { address: '0x8A01206Fd078Be34b28d689C92C1f2C05B3C641B', events: ['event FizzRewardClaimed(address indexed fizz, uint256 rewardAmount)'] },
  },
  rule(ev, d, _st, x) {
    if (!ev) return
    const a = ev.args
    const blocks = (from: number, to: number) => BigInt(Math.max(0, Math.floor((to - from) / 2)))
    switch (ev.name) {
      case 'LeaseUpdated': {
        const l = x.leases.get(String(a.leaseId))
        if (!l) {
          // first seen at an update (its LeaseCreated is not in the range): cost known from this update on
          x.leases.set(String(a.leaseId), {
            provider: a.providerAddress.toLowerCase(), payer: a.tenantAddress.toLowerCase(), status: 'OPEN', price: a.acceptedPrice,
            openedBlock: null, closedBlock: null, spent: null, startTime: a.startTime, accrued: 0n,
          })
          break
        }
        if (l.price != null) l.accrued += l.price * blocks(l.startTime, a.startTime)
        Object.assign(l, { price: a.acceptedPrice, startTime: a.startTime })
        break
      }
      case 'LockedTokenTransfered':
      case 'LockedTokenTransferedToFizz':
        if (same(a.token, USPON)) fee(d, a.deposit)
        break
      case 'TreasuryMovement':
        if (same(a.token, USPON)) d.protocolTake += a.amount
        break
      case 'ProviderRewardClaimed':
      case 'FizzRewardClaimed':
        reward(d, a.rewardAmount)
        break
      case 'LeaseCreated':
        d.leasesOpened++
        x.leases.set(String(a.leaseId), {
          provider: a.providerAddress.toLowerCase(), payer: a.tenantAddress.toLowerCase(), status: 'OPEN', price: a.acceptedPrice,
          openedBlock: ev.block, closedBlock: null, spent: null, startTime: a.startTime, accrued: 0n,
        })
        break
      case 'LeaseClosed': {
        d.leasesClosed++
        const l = x.leases.get(String(a.leaseId))
        if (!l) {
          x.leases.set(String(a.leaseId), {
            provider: a.providerAddress.toLowerCase(), payer: a.tenantAddress.toLowerCase(), status: 'CLOSED', price: null,
            openedBlock: null, closedBlock: ev.block, spent: null, startTime: 0, accrued: 0n,
          })
          break
        }
        // endTime 0 would mean "now"; the devnet always sets it
        l.spent = l.accrued + l.price! * blocks(l.startTime, a.endTime)
        Object.assign(l, { status: 'CLOSED', closedBlock: ev.block })
        break
      }
      case 'ProviderAdded':
        register(d, 1n)
        break
      case 'ProviderRemoved':
        deregister(d, 1n)
        break
    }
  },
}

/** USD of DCX base units at `rate` USD wei per DCX (DimoCredit's own peg, UpdateDimoCreditRate; 1e15 before any) */
function dcxUsd(amount: bigint, rate: bigint): number {
  return (Number(amount) / 1e18) * (Number(rate) / 1e18)
}

function fee(d: DayAcc, amount: bigint, onchainUsd?: number | null) {
  d.fees += amount
  d.feeCount++
  // valued on chain at the event (the network's oracle), or not at all here (valued later at the period price)
  if (onchainUsd == null) d.feesUnpriced += amount
  else d.feesUsd += onchainUsd
}
function reward(d: NetDay, amount: bigint) {
  d.rewards += amount
  d.rewardCount++
}
function register(d: NetDay, n: bigint) {
  d.capacityAdded += n
  d.nodesRegistered++
}
function deregister(d: NetDay, n: bigint) {
  d.capacityRemoved += n
  d.nodesDeregistered++
}

export const NETWORK_SPECS: NetworkSpec[] = [livepeer, thegraph, aethir, dimo, geodnet, iotexIoid, spheron]

const ANSWER_UPDATED = toEventSelector('AnswerUpdated(int256,uint256,uint256)')

interface RawLog { address: string; topics: Hex[]; data: Hex; blockNumber: string; logIndex: string; transactionHash: string }

/** event ABI items of a contract by topic0 (and, for DIMO's TokensTransferred, by number of topics) */
function decoderOf(name: string, c: ContractSpec) {
  const byTopic = new Map<string, AbiEvent[]>()
  const add = (sig: string) => {
    const item = parseAbiItem(sig) as AbiEvent
    const t = toEventSelector(item)
    byTopic.set(t, [...(byTopic.get(t) ?? []), item])
  }
  for (const sig of c.events) add(sig)
  if (name === 'DimoReward') add(DIMO_LEGACY_TOKENS_TRANSFERRED)
  return (l: RawLog): Decoded | undefined => {
    const items = byTopic.get(l.topics[0]?.toLowerCase())
    if (!items) return undefined
    for (const item of items) {
      const indexed = item.inputs.filter((i) => i.indexed).length
      if (indexed + 1 !== l.topics.length) continue // same topic0, other layout
      const r = decodeEventLog({ abi: [item], topics: l.topics as [Hex, ...Hex[]], data: l.data, strict: true })
      return { contract: name, name: item.name, sig: `${item.name}/${item.inputs.length}`, args: r.args as Record<string, any>, block: Number(l.blockNumber), tx: l.transactionHash }
    }
    throw new Error(`${name}: log ${l.blockNumber}/${l.logIndex} with topic0 ${l.topics[0]} matches no layout`)
  }
}

export interface NetworkRecomputation {
  /** per network id, per UTC day (YYYY-MM-DD) */
  days: Map<string, Map<string, NetDay>>
  /** per network id, per UTC day: fees valued at the network's on-chain oracle at each event, USD (Livepeer) */
  feesUsd: Map<string, Map<string, number>>
  /** per network id: logs read, and how many of them a rule decoded */
  logs: Map<string, { total: number; decoded: number }>
  /** per network id: leases and providers where its rule records them */
  extras: Map<string, Extras>
}

/** Recomputes every network of one chain from block 0 to `toBlock`. */
export async function recomputeChain(url: string, chainId: number, toBlock: number): Promise<NetworkRecomputation> {
  const rpc = new Rpc(url)
  const specs = NETWORK_SPECS.filter((n) => n.chainId === chainId)
  const out: NetworkRecomputation = { days: new Map(), feesUsd: new Map(), logs: new Map(), extras: new Map() }
  const ts = new Map<string, number>()
  for (const spec of specs) {
    const byAddress = new Map(Object.entries(spec.contracts).map(([name, c]) => [c.address.toLowerCase(), decoderOf(name, c)]))
    const logs: RawLog[] = []
    const oracle = spec.oracle?.toLowerCase()
    const addresses = [...byAddress.keys(), ...(oracle ? [oracle] : [])]
    for (let from = 0; from <= toBlock; from += 2000) {
      const to = Math.min(toBlock, from + 1999)
      logs.push(...(await rpc.call<RawLog[]>('eth_getLogs', [{ fromBlock: '0x' + from.toString(16), toBlock: '0x' + to.toString(16), address: addresses }])))
    }
    logs.sort((a, b) => Number(a.blockNumber) - Number(b.blockNumber) || Number(a.logIndex) - Number(b.logIndex))
    const missing = [...new Set(logs.map((l) => l.blockNumber))].filter((h) => !ts.has(h))
    for (let i = 0; i < missing.length; i += 200) {
      const blocks = await rpc.batch<{ number: string; timestamp: string }>(missing.slice(i, i + 200).map((h) => ({ method: 'eth_getBlockByNumber', params: [h, false] })))
      for (const b of blocks) ts.set(b.number, Number(b.timestamp))
    }
    const days = new Map<string, DayAcc>()
    const state = new Map<string, any>()
    const extras: Extras = { leases: new Map(), providers: new Map(), cases: new Map() }
    let decoded = 0
    for (const l of logs) {
      if (l.address.toLowerCase() === oracle) {
        if (l.topics[0]?.toLowerCase() === ANSWER_UPDATED) state.set('usd', Number(BigInt.asIntN(256, BigInt(l.topics[1]))) / 1e8)
        continue
      }
      const key = new Date(ts.get(l.blockNumber)! * 1000).toISOString().slice(0, 10)
      let d = days.get(key)
      if (!d) days.set(key, (d = { ...emptyDay(), feesUsd: 0 }))
      d.events++
      const ev = byAddress.get(l.address.toLowerCase())!(l)
      if (ev) decoded++
      spec.rule(ev, d, state, extras)
    }
    out.extras.set(spec.id, extras)
    out.days.set(spec.id, new Map([...days].map(([k, { feesUsd: _, ...d }]) => [k, d])))
    out.feesUsd.set(spec.id, new Map([...days].map(([k, d]) => [k, d.feesUsd])))
    out.logs.set(spec.id, { total: logs.filter((l) => l.address.toLowerCase() !== oracle).length, decoded })
  }
  return out
}

// ---------------------------------------------------------------------------------------------------------
// Derived metrics recomputed from the days above and the price table, from the definitions of
// docs/methodology.md (written here again; nothing is shared with indexer/metrics.ts).
// ---------------------------------------------------------------------------------------------------------

/** What docs/networks.md says about a network's token, fee asset and capacity. */
export interface NetworkFacts {
  tokenDecimals: number
  feeDecimals: number
  /** fees are paid in the token itself (its protocol take is revenue in the fee asset) */
  feeIsToken: boolean
  /** hard cap, whole tokens; null = uncapped */
  maxSupply: number | null
  /** a lease occupies one capacity unit (utilization = open leases / capacity) */
  leasesUseCapacity: boolean
}

/** Daily USD prices (last at or before a day), or null where none is known. */
export interface DayPrices {
  token(day: string): number | null
  feeAsset(day: string): number | null
  /** the token's imported CoinGecko market cap (market_cap column), used where no mint gives the supply */
  tokenMarketCap?(day: string): number | null
}

/** Provider counts of a day (SQL from the facts, test/helpers/provider-counts.ts). */
export interface ProviderDayCounts { active: number; new: number; lastActive: number }

export interface ExpectedMetrics {
  periodStart: string
  price: number | null
  totalSupply: number
  circulatingSupply: number
  marketCap: number | null
  marketCapBasis: string | null
  fdv: number | null
  fdvBasis: string
  fees: number
  feesUsd: number | null
  feesValuation: string
  protocolRevenueUsd: number | null
  supplySideRevenueUsd: number | null
  incentives: number
  incentivesUsd: number | null
  earningsUsd: number | null
  demandRewardsRatio7d: number | null
  demandRewardsRatio30d: number | null
  annualizedFeesUsd: number | null
  pf: number | null
  ps: number | null
  netIssuance: number
  netIssuanceUsd: number | null
  issuanceCoverage: number | null
  capacity: number
  activeLeases: number
  /** open leases where a lease occupies a capacity unit, else null */
  leased: number | null
  utilization: number | null
  activeProviders: number
  newProviders: number
  churnedProviders: number | null
  /** scale of the terms of differences (gross fees in USD), for tolerances */
  grossFeesUsd: number
}

const DAY_MS = 86_400_000
const dayMs = (day: string) => Date.parse(`${day}T00:00:00Z`)
const dayKey = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const times = (a: number | null, b: number | null) => (a == null || b == null ? null : a * b)
const ratio = (a: number | null, b: number | null) => (a == null || b == null || b === 0 ? null : a / b)

/**
 * Every DAY metric of one network: `days` (recomputeChain) with the oracle-valued fees, prices from the price
 * table and provider counts per day. Trailing windows are calendar days (a day without events adds 0), unknown
 * until the first day with events is inside the window; ARR = 30-day fees × 12; churned providers on day D are
 * those last active on D − 30, unknown until 30 days after the first provider day.
 */
export function recomputeMetrics(
  days: Map<string, NetDay>, oracleUsd: Map<string, number>, prices: DayPrices, facts: NetworkFacts, providers: Map<string, ProviderDayCounts>,
): ExpectedMetrics[] {
  const keys = [...days.keys()].sort()
  const tokenUnit = 10 ** facts.tokenDecimals
  const feeUnit = 10 ** facts.feeDecimals
  let supply = 0n
  let nonCirculating = 0n
  let anyMint = false
  let capacity = 0n
  let openLeases = 0
  const flows = new Map<string, { feesUsd: number | null; incentivesUsd: number | null; revenueUsd: number | null }>()
  const first = dayMs(keys[0])
  // Σ over the calendar window of n days ending on `day`; null before the history covers it or if a value is unknown
  const window = (day: string, n: number, f: (x: { feesUsd: number | null; incentivesUsd: number | null; revenueUsd: number | null }) => number | null) => {
    const end = dayMs(day)
    if (end - (n - 1) * DAY_MS < first) return null
    let s = 0
    for (let k = 0; k < n; k++) {
      const x = flows.get(dayKey(end - k * DAY_MS))
      if (!x) continue
      const v = f(x)
      if (v == null) return null
      s += v
    }
    return s
  }
  const providerDays = [...providers.keys()].sort()
  const out: ExpectedMetrics[] = []
  for (const day of keys) {
    const d = days.get(day)!
    const price = prices.token(day)
    const feePrice = prices.feeAsset(day)
    supply += d.minted - d.burned
    if (d.minted > 0n) anyMint = true
    nonCirculating += d.locked - d.unlocked
    capacity += d.capacityAdded - d.capacityRemoved
    openLeases += d.leasesOpened - d.leasesClosed
    const totalSupply = Number(supply) / tokenUnit
    const circulatingSupply = Number(supply - nonCirculating) / tokenUnit
    const fees = Number(d.fees - d.feesRefunded) / feeUnit
    const onchain = d.fees - d.feesUnpriced
    // on-chain valued fees as they are; the rest (and refunds) at the day's price of the fee asset
    const rest = Number(d.feesUnpriced - d.feesRefunded) / feeUnit
    const feesUsd = d.feesUnpriced === 0n && d.feesRefunded === 0n ? (oracleUsd.get(day) ?? 0) : feePrice == null ? null : (oracleUsd.get(day) ?? 0) + rest * feePrice
    const protocolRevenueUsd = facts.feeIsToken ? times(Number(d.protocolTake) / feeUnit, feePrice ?? price) : feesUsd == null ? null : 0
    const incentives = Number(d.rewards) / tokenUnit
    const incentivesUsd = times(incentives, price)
    flows.set(day, { feesUsd, incentivesUsd, revenueUsd: protocolRevenueUsd })
    // no mint indexed (native coin, token minted before the start): the imported market cap, flagged as an import
    const marketCap = anyMint ? times(circulatingSupply, price) : prices.tokenMarketCap?.(day) ?? null
    const marketCapBasis = marketCap == null ? null : anyMint ? 'onchain-supply' : 'off-chain-import'
    const fees30 = window(day, 30, (x) => x.feesUsd)
    const rev30 = window(day, 30, (x) => x.revenueUsd)
    const annualizedFeesUsd = fees30 == null ? null : fees30 * 12
    const netIssuance = Number(d.minted - d.burned) / tokenUnit
    const netIssuanceUsd = times(netIssuance, price)
    const p = providers.get(day)
    const inProviderSpan = providerDays.length > 0 && day >= providerDays[0] && day <= providerDays[providerDays.length - 1]
    const churnFrom = providerDays.length ? dayMs(providerDays[0]) + 30 * DAY_MS : Infinity
    out.push({
      periodStart: `${day}T00:00:00.000Z`, price, totalSupply, circulatingSupply, marketCap, marketCapBasis,
      fdv: facts.maxSupply != null ? times(facts.maxSupply, price) : anyMint ? times(totalSupply, price) : null,
      fdvBasis: facts.maxSupply != null ? 'max-supply' : 'total-supply',
      fees, feesUsd, feesValuation: onchain > 0n ? 'onchain-oracle-at-event' : feesUsd == null ? 'unpriced' : 'period-price',
      protocolRevenueUsd, supplySideRevenueUsd: feesUsd == null || protocolRevenueUsd == null ? null : feesUsd - protocolRevenueUsd,
      incentives, incentivesUsd, earningsUsd: protocolRevenueUsd == null || incentivesUsd == null ? null : protocolRevenueUsd - incentivesUsd,
      demandRewardsRatio7d: ratio(window(day, 7, (x) => x.feesUsd), window(day, 7, (x) => x.incentivesUsd)),
      demandRewardsRatio30d: ratio(fees30, window(day, 30, (x) => x.incentivesUsd)),
      annualizedFeesUsd, pf: ratio(marketCap, annualizedFeesUsd), ps: ratio(marketCap, rev30 == null ? null : rev30 * 12),
      netIssuance, netIssuanceUsd, issuanceCoverage: netIssuance > 0 ? ratio(protocolRevenueUsd, netIssuanceUsd) : null,
      capacity: Number(capacity), activeLeases: openLeases, leased: facts.leasesUseCapacity ? openLeases : null,
      utilization: capacity > 0n && facts.leasesUseCapacity ? openLeases / Number(capacity) : null,
      activeProviders: p?.active ?? 0, newProviders: p?.new ?? 0,
      churnedProviders: inProviderSpan && dayMs(day) >= churnFrom ? providers.get(dayKey(dayMs(day) - 30 * DAY_MS))?.lastActive ?? 0 : null,
      grossFeesUsd: (oracleUsd.get(day) ?? 0) + (feePrice == null ? 0 : (Number(d.feesUnpriced) / feeUnit) * feePrice),
    })
  }
  return out
}

/** A category's networks: each one's recomputed daily metrics and capacity unit. */
export interface CategoryPart { network: string; capacityUnit: string | null; days: ExpectedMetrics[] }

/**
 * A category per UTC day from its networks' recomputed metrics (docs/methodology.md, categories): every day from the
 * first network's first day to the last day of any; a network counts from its own first day, adds its flows on days
 * with a row (0 otherwise) and its latest stocks; ratios from the sums; trailing windows over the summed daily
 * flows, unknown until the history of every counted network covers them.
 */
export function recomputeCategory(parts: CategoryPart[]) {
  const live = parts.filter((p) => p.days.length)
  const ms = (iso: string) => Date.parse(iso)
  const start = Math.min(...live.map((p) => ms(p.days[0].periodStart)))
  const end = Math.max(...live.map((p) => ms(p.days[p.days.length - 1].periodStart)))
  const add = (a: number | null, b: number | null) => (a == null || b == null ? null : a + b)
  const daily = new Map<number, { fees: number | null; incentives: number | null; revenue: number | null }>()
  const out = []
  for (let t = start; t <= end; t += DAY_MS) {
    let fees: number | null = 0, revenue: number | null = 0, supplySide: number | null = 0, incentives: number | null = 0, earnings: number | null = 0, issuance: number | null = 0
    let marketCap: number | null = 0, fdv: number | null = 0, leases = 0
    const units = new Map<string, { capacity: number; leased: number | null; leasedOf: number }>()
    const networks: string[] = []
    let latestFirst = start
    for (const p of live) {
      const first = ms(p.days[0].periodStart)
      if (t < first) continue
      latestFirst = Math.max(latestFirst, first)
      networks.push(p.network)
      const row = p.days.find((d) => ms(d.periodStart) === t)
      const last = [...p.days].reverse().find((d) => ms(d.periodStart) <= t)!
      fees = add(fees, row ? row.feesUsd : 0)
      revenue = add(revenue, row ? row.protocolRevenueUsd : 0)
      supplySide = add(supplySide, row ? row.supplySideRevenueUsd : 0)
      incentives = add(incentives, row ? row.incentivesUsd : 0)
      earnings = add(earnings, row ? row.earningsUsd : 0)
      issuance = add(issuance, row ? row.netIssuanceUsd : 0)
      marketCap = add(marketCap, last.marketCap)
      fdv = add(fdv, last.fdv)
      leases += last.activeLeases
      if (p.capacityUnit) {
        const u = units.get(p.capacityUnit) ?? { capacity: 0, leased: null, leasedOf: 0 }
        u.capacity += last.capacity
        if (last.leased != null) {
          u.leased = (u.leased ?? 0) + last.leased
          u.leasedOf += last.capacity
        }
        units.set(p.capacityUnit, u)
      }
    }
    daily.set(t, { fees, incentives, revenue })
    const sum = (n: number, f: (x: { fees: number | null; incentives: number | null; revenue: number | null }) => number | null) => {
      if (t - (n - 1) * DAY_MS < latestFirst) return null
      let s = 0
      for (let k = 0; k < n; k++) {
        const v = f(daily.get(t - k * DAY_MS)!)
        if (v == null) return null
        s += v
      }
      return s
    }
    const fees30 = sum(30, (x) => x.fees)
    const rev30 = sum(30, (x) => x.revenue)
    out.push({
      periodStart: new Date(t).toISOString(), networks: networks.sort(), marketCap, fdv, feesUsd: fees, protocolRevenueUsd: revenue,
      supplySideRevenueUsd: supplySide, incentivesUsd: incentives, earningsUsd: earnings, netIssuanceUsd: issuance,
      demandRewardsRatio: ratio(fees, incentives), demandRewardsRatio7d: ratio(sum(7, (x) => x.fees), sum(7, (x) => x.incentives)),
      demandRewardsRatio30d: ratio(fees30, sum(30, (x) => x.incentives)), annualizedFeesUsd: fees30 == null ? null : fees30 * 12,
      pf: ratio(marketCap, fees30 == null ? null : fees30 * 12), ps: ratio(marketCap, rev30 == null ? null : rev30 * 12),
      issuanceCoverage: issuance != null && issuance > 0 ? ratio(revenue, issuance) : null, activeLeases: leases,
      capacity: [...units].sort(([a], [b]) => a.localeCompare(b)).map(([unit, u]) => ({
        unit, capacity: u.capacity, leased: u.leased, utilization: u.leased == null || u.leasedOf <= 0 ? null : u.leased / u.leasedOf,
      })),
    })
  }
  return out
}
