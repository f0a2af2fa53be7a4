/**
 * Livepeer (compute: video transcoding and AI inference) on Arbitrum One.
 * Addresses, start blocks and event signatures: livepeer/protocol deployments and livepeer/subgraph
 * networks.yaml (arbitrum-one) @ 2eac27f, livepeer/arbitrum-lpt-bridge deployments/arbitrumMainnet.
 * Event meanings follow the Livepeer subgraph and DefiLlama's fees/livepeer adapter (docs/methodology.md).
 */
import * as BondingManager from '../abi/BondingManager'
import * as LivepeerToken from '../abi/LivepeerToken'
import * as Minter from '../abi/Minter'
import * as RoundsManager from '../abi/RoundsManager'
import * as TicketBroker from '../abi/TicketBroker'
import { FactKind } from '../model'
import { arbitrumOne } from './chains'
import type { HandlerContext, NetworkDef, TokenDef } from './types'

const SUBGRAPH = 'github.com/livepeer/subgraph @ 2eac27f: networks.yaml (arbitrum-one), src/mappings/*.ts'

export const LPT: TokenDef = { symbol: 'LPT', address: '0x289ba1701C2F088cf0faf8B3705246331cB8A839', decimals: 18 }
export const ETH: TokenDef = { symbol: 'ETH', address: null, decimals: 18 }

/** The on-chain Treasury that receives TreasuryReward (LIP-89/90). */
export const LIVEPEER_TREASURY = '0xf82C1FF415F1fCf582554fDba790E27019c8E8C4'

/** capacity unit: orchestrators in the active set (TranscoderActivated / TranscoderDeactivated) */
export const LIVEPEER_CAPACITY_UNIT = 'orchestrators'
/** handler state key of an orchestrator in the active set */
const activeKey = (transcoder: string) => `active:${transcoder.toLowerCase()}`
const orchestrator = (kind: FactKind, transcoder: string) => ({
  kind, asset: 'LPT', amount: 1n, decimals: 0, actor: transcoder, subject: transcoder.toLowerCase(), unit: LIVEPEER_CAPACITY_UNIT, provenance: 'onchain' as const,
})

const lpt = (kind: FactKind, amount: bigint, actor?: string, counterparty?: string) => ({
  kind, asset: LPT.symbol, amount, decimals: LPT.decimals, actor, counterparty, provenance: 'onchain' as const,
})
const eth = (kind: FactKind, amount: bigint, actor?: string, counterparty?: string) => ({
  kind, asset: ETH.symbol, amount, decimals: ETH.decimals, actor, counterparty, provenance: 'onchain' as const,
})

export const livepeer: NetworkDef = {
  id: 'livepeer',
  name: 'Livepeer',
  category: 'compute',
  categories: ['compute', 'ai'],
  chain: arbitrumOne,
  token: LPT,
  feeAsset: ETH,
  capacityUnit: LIVEPEER_CAPACITY_UNIT,
  notes: [
    'Capacity = orchestrators in the active set: TranscoderActivated adds one (NODE_REGISTERED) unless it is already active, TranscoderDeactivated removes one (NODE_DEREGISTERED); the active set is kept in handler state (`active:<address>`). Counted at the event, although the change takes effect at activationRound / deactivationRound (the next round, about a day later).',
    'The issue’s “orchestrator stake” (active orchestrators’ bonded LPT) is not the capacity figure: stake flows are STAKE_BOND / STAKE_UNBOND (Bond, Rebond / Unbond, TranscoderSlashed), and capacity is a count in this model (NODE_* facts count providers). Bonded stake per orchestrator would need its delegators’ bonds, reward-cut compounding and claimed earnings (pendingStake) tracked per orchestrator.',
    'ReserveClaimed, Unlock, UnlockCancelled and TransferBond are raw only (no value moves, or the value is already in WinningTicketTransfer / stays bonded); TranscoderSlashed is STAKE_UNBOND of the penalty (its burned part also emits LPT Burn = SUPPLY_BURN).',
  ],
  // ETH fees are valued on chain (Chainlink ETH/USD at each fee); LPT has no verified feed: imported prices
  price: { kind: 'import', asset: 'LPT' },
  nonCirculating: [
    {
      address: LIVEPEER_TREASURY,
      label: 'Livepeer on-chain Treasury (LIP-89/90), funded by the treasury cut of each round reward',
      source: 'shared/reference/depin-contracts.json (Livepeer Treasury); livepeer/protocol LIP-89/90',
    },
  ],
  source: SUBGRAPH,
  contracts: [
    {
      name: 'TicketBroker',
      address: '0xa8bB618B1520E284046F3dFc448851A1Ff26e41B',
      proxy: true,
      startBlock: 5856357,
      source: SUBGRAPH,
      confidence: 'high',
      events: [
        {
          name: 'WinningTicketRedeemed',
          abi: TicketBroker.events.WinningTicketRedeemed,
          meaning: 'A winning probabilistic-micropayment ticket was redeemed: faceValue (ETH wei) is the fee paid by a broadcaster/gateway (sender) to an orchestrator (recipient).',
          // the delegators' part: faceValue x feeShare (parts per million) of the orchestrator's last TranscoderUpdate
          facts: (a: TicketBroker.WinningTicketRedeemedEventArgs, ctx: HandlerContext) => {
            const feeShare = ctx.state.get<string>(`feeShare:${a.recipient.toLowerCase()}`)
            const shared = feeShare == null ? [] : [{ ...eth(FactKind.FEE_SHARED, (a.faceValue * BigInt(feeShare)) / 1_000_000n, a.recipient, a.sender), provenance: 'inferred' as const }]
            return [eth(FactKind.FEE_PAID, a.faceValue, a.recipient, a.sender), ...shared]
          },
        },
        {
          name: 'WinningTicketTransfer',
          abi: TicketBroker.events.WinningTicketTransfer,
          meaning: 'ETH actually moved to the orchestrator fee pool for a winning ticket; below faceValue when deposit and reserve ran short.',
          facts: (a: TicketBroker.WinningTicketTransferEventArgs) => [eth(FactKind.FEE_SETTLED, a.amount, a.recipient, a.sender)],
        },
        { name: 'DepositFunded', abi: TicketBroker.events.DepositFunded, meaning: 'Broadcaster tops up its ticket deposit (ETH held by the Minter).' },
        { name: 'ReserveFunded', abi: TicketBroker.events.ReserveFunded, meaning: 'Broadcaster funds its reserve (collateral).' },
        {
          name: 'ReserveClaimed',
          abi: TicketBroker.events.ReserveClaimed,
          meaning:
            'An orchestrator (claimant) is paid from a broadcaster’s reserve (reserveHolder) because the deposit did not cover a winning ticket. ' +
            'Raw only: redeemWinningTicket adds the claimed amount to the WinningTicketTransfer of the same ticket (deposit part + reserve part), which carries FEE_SETTLED, so a fact here would count it twice (MixinTicketBrokerCore.redeemWinningTicket).',
        },
        { name: 'Unlock', abi: TicketBroker.events.Unlock, meaning: 'Broadcaster starts the unlock period of its deposit and reserve (withdrawable from endRound): no value moves.' },
        { name: 'UnlockCancelled', abi: TicketBroker.events.UnlockCancelled, meaning: 'Broadcaster cancels its unlock (funds stay locked for tickets): no value moves.' },
        { name: 'Withdrawal', abi: TicketBroker.events.Withdrawal, meaning: 'Broadcaster withdraws remaining deposit and reserve.' },
      ],
    },
    {
      name: 'BondingManager',
      address: '0x35Bcf3c30594191d53231E4FF333E8A770453e40',
      proxy: true,
      startBlock: 5856381,
      source: SUBGRAPH,
      confidence: 'high',
      events: [
        {
          name: 'Reward',
          abi: BondingManager.events.Reward,
          meaning: 'Orchestrator called reward() for the round: LPT inflation credited to its pool (orchestrator and delegators), after the treasury cut.',
          facts: (a: BondingManager.RewardEventArgs) => [lpt(FactKind.REWARD_EMITTED, a.amount, a.transcoder)],
        },
        {
          name: 'TreasuryReward',
          abi: BondingManager.events.TreasuryReward,
          meaning: 'Part of the round reward diverted to the on-chain Treasury (LIP-89/90); gross issuance = Reward + TreasuryReward.',
          facts: (a: BondingManager.TreasuryRewardEventArgs) => [lpt(FactKind.PROTOCOL_TAKE, a.amount, a.transcoder, a.treasury)],
        },
        {
          name: 'Bond',
          abi: BondingManager.events.Bond,
          meaning: 'Delegator bonds additionalAmount LPT to newDelegate (or re-delegates with 0 additional).',
          facts: (a: BondingManager.BondEventArgs) => [lpt(FactKind.STAKE_BOND, a.additionalAmount, a.newDelegate, a.delegator)],
        },
        {
          name: 'Unbond',
          abi: BondingManager.events.Unbond,
          meaning: 'Delegator starts unbonding amount LPT from delegate.',
          facts: (a: BondingManager.UnbondEventArgs) => [lpt(FactKind.STAKE_UNBOND, a.amount, a.delegate, a.delegator)],
        },
        {
          name: 'Rebond',
          abi: BondingManager.events.Rebond,
          meaning: 'An unbonding lock is bonded again.',
          facts: (a: BondingManager.RebondEventArgs) => [lpt(FactKind.STAKE_BOND, a.amount, a.delegate, a.delegator)],
        },
        {
          name: 'TranscoderUpdate',
          abi: BondingManager.events.TranscoderUpdate,
          meaning: 'Orchestrator registers or updates its commission: rewardCut and feeShare in parts per million.',
          facts: (a: BondingManager.TranscoderUpdateEventArgs, ctx: HandlerContext) => {
            ctx.state.set(`feeShare:${a.transcoder.toLowerCase()}`, a.feeShare.toString())
            return [lpt(FactKind.NODE_UPDATE, 0n, a.transcoder)]
          },
        },
        {
          name: 'TransferBond',
          abi: BondingManager.events.TransferBond,
          meaning:
            'Bonded LPT (amount) moved from oldDelegator to newDelegator (transferBond, e.g. an L1 migration or a stake sale). ' +
            'Raw only: the stake stays bonded (to the same orchestrator, or as the new delegator’s unbonding lock), so total stake does not change; counting STAKE_UNBOND + STAKE_BOND would inflate both flows.',
        },
        {
          name: 'TranscoderSlashed',
          abi: BondingManager.events.TranscoderSlashed,
          meaning:
            'Orchestrator slashed: penalty LPT taken from its bonded stake (STAKE_UNBOND, finder as counterparty); finderReward of it goes to the finder, the rest is burned by the Minter (LPT Burn, which carries SUPPLY_BURN). Slashing is disabled on Arbitrum today (no verifier).',
          facts: (a: BondingManager.TranscoderSlashedEventArgs) => [lpt(FactKind.STAKE_UNBOND, a.penalty, a.transcoder, a.finder)],
        },
        { name: 'EarningsClaimed', abi: BondingManager.events.EarningsClaimed, meaning: 'Delegator claims accrued LPT rewards and ETH fees over a round range.' },
        { name: 'WithdrawFees', abi: BondingManager.events.WithdrawFees, meaning: 'ETH fee earnings paid out of the Minter.' },
        { name: 'WithdrawStake', abi: BondingManager.events.WithdrawStake, meaning: 'Unbonded LPT withdrawn to the wallet.' },
        {
          name: 'TranscoderActivated',
          abi: BondingManager.events.TranscoderActivated,
          meaning: 'Orchestrator enters the active set (from activationRound): NODE_REGISTERED 1 orchestrator, unless already active (handler state).',
          facts: (a: BondingManager.TranscoderActivatedEventArgs, ctx: HandlerContext) => {
            if (ctx.state.get(activeKey(a.transcoder))) return []
            ctx.state.set(activeKey(a.transcoder), a.activationRound.toString())
            return [orchestrator(FactKind.NODE_REGISTERED, a.transcoder)]
          },
        },
        {
          name: 'TranscoderDeactivated',
          abi: BondingManager.events.TranscoderDeactivated,
          meaning: 'Orchestrator leaves the active set (from deactivationRound): NODE_DEREGISTERED 1 orchestrator, if it was active (handler state).',
          facts: (a: BondingManager.TranscoderDeactivatedEventArgs, ctx: HandlerContext) => {
            if (!ctx.state.get(activeKey(a.transcoder))) return []
            ctx.state.delete(activeKey(a.transcoder))
            return [orchestrator(FactKind.NODE_DEREGISTERED, a.transcoder)]
          },
        },
      ],
    },
    {
      name: 'RoundsManager',
      address: '0xdd6f56DcC28D3F5f27084381fE8Df634985cc39f',
      proxy: true,
      startBlock: 5856394,
      source: SUBGRAPH,
      confidence: 'high',
      events: [{ name: 'NewRound', abi: RoundsManager.events.NewRound, meaning: 'Round initialised (about one day).' }],
    },
    {
      name: 'Minter',
      address: '0xc20DE37170B45774e6CD3d2304017fc962f27252',
      proxy: false,
      startBlock: 6253359,
      source: SUBGRAPH,
      confidence: 'high',
      events: [
        { name: 'SetCurrentRewardTokens', abi: Minter.events.SetCurrentRewardTokens, meaning: 'LPT mintable this round and the inflation rate, set at round initialisation.' },
      ],
    },
    {
      name: 'LivepeerToken',
      address: LPT.address!,
      proxy: false,
      startBlock: 5856156,
      source: 'github.com/livepeer/arbitrum-lpt-bridge: deployments/arbitrumMainnet/LivepeerToken.json',
      confidence: 'high',
      events: [
        {
          name: 'Mint',
          abi: LivepeerToken.events.Mint,
          meaning: 'LPT minted (by the Minter, per round). Sum of Mint = gross issuance.',
          facts: (a: LivepeerToken.MintEventArgs) => [lpt(FactKind.SUPPLY_MINT, a.amount, a.to)],
        },
        {
          name: 'Burn',
          abi: LivepeerToken.events.Burn,
          meaning: 'LPT burned.',
          facts: (a: LivepeerToken.BurnEventArgs) => [lpt(FactKind.SUPPLY_BURN, a.amount, a.burner)],
        },
        { name: 'Transfer', abi: LivepeerToken.events.Transfer, meaning: 'ERC-20 transfer (mints and burns also emit Mint/Burn, which carry the supply facts).' },
      ],
    },
  ],
}
