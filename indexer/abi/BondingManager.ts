import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Reward: event("0x619caafabdd75649b302ba8419e48cccf64f37f1983ac4727cfb38b57703ffc9", "Reward(address,uint256)", {"transcoder": indexed(p.address), "amount": p.uint256}),
    TreasuryReward: event("0x40e200718fe552021167687e5491d09f5931275b6f88f14a462650f0effb5237", "TreasuryReward(address,address,uint256)", {"transcoder": indexed(p.address), "treasury": p.address, "amount": p.uint256}),
    EarningsClaimed: event("0xd7eab0765b772ea6ea859d5633baf737502198012e930f257f90013d9b211094", "EarningsClaimed(address,address,uint256,uint256,uint256,uint256)", {"delegate": indexed(p.address), "delegator": indexed(p.address), "rewards": p.uint256, "fees": p.uint256, "startRound": p.uint256, "endRound": p.uint256}),
    WithdrawFees: event("0x4f1b51dd7a2fcb861aa2670f668be66835c4ee12b4bbbf037e4d0018f39819e4", "WithdrawFees(address,address,uint256)", {"delegator": indexed(p.address), "recipient": p.address, "amount": p.uint256}),
    Bond: event("0xe5917769f276ddca9f2ee7c6b0b33e1d1e1b61008010ce622c632dd20d168a23", "Bond(address,address,address,uint256,uint256)", {"newDelegate": indexed(p.address), "oldDelegate": indexed(p.address), "delegator": indexed(p.address), "additionalAmount": p.uint256, "bondedAmount": p.uint256}),
    Unbond: event("0x2d5d98d189bee5496a08db2a5948cb7e5e786f09d17d0c3f228eb41776c24a06", "Unbond(address,address,uint256,uint256,uint256)", {"delegate": indexed(p.address), "delegator": indexed(p.address), "unbondingLockId": p.uint256, "amount": p.uint256, "withdrawRound": p.uint256}),
    Rebond: event("0x9f5b64cc71e1e26ff178caaa7877a04d8ce66fde989251870e80e6fbee690c17", "Rebond(address,address,uint256,uint256)", {"delegate": indexed(p.address), "delegator": indexed(p.address), "unbondingLockId": p.uint256, "amount": p.uint256}),
    WithdrawStake: event("0x1340f1a8f3d456a649e1a12071dfa15655e3d09252131d0f980c3b405cc8dd2e", "WithdrawStake(address,uint256,uint256,uint256)", {"delegator": indexed(p.address), "unbondingLockId": p.uint256, "amount": p.uint256, "withdrawRound": p.uint256}),
    TransferBond: event("0xf136b986590e86cf1abd7b6600186a7a1178ad3cbbdf0f3312e79f6214a2a567", "TransferBond(address,address,uint256,uint256,uint256)", {"oldDelegator": indexed(p.address), "newDelegator": indexed(p.address), "oldUnbondingLockId": p.uint256, "newUnbondingLockId": p.uint256, "amount": p.uint256}),
    TranscoderUpdate: event("0x7346854431dbb3eb8e373c604abf89e90f4865b8447e1e2834d7b3e4677bf544", "TranscoderUpdate(address,uint256,uint256)", {"transcoder": indexed(p.address), "rewardCut": p.uint256, "feeShare": p.uint256}),
    TranscoderActivated: event("0x65d72d782835d64c3287844a829608d5abdc7e864cc9affe96d910ab3db665e9", "TranscoderActivated(address,uint256)", {"transcoder": indexed(p.address), "activationRound": p.uint256}),
    TranscoderDeactivated: event("0xfee3e693fc72d0a0a673805f3e606c551f4c677b9072444b90dd2d0406bc995c", "TranscoderDeactivated(address,uint256)", {"transcoder": indexed(p.address), "deactivationRound": p.uint256}),
    TranscoderSlashed: event("0xf4b71fed8e2c9a8c67c388bc6d35ad20b9368a24eed6d565459f2b277b6c0c22", "TranscoderSlashed(address,address,uint256,uint256)", {"transcoder": indexed(p.address), "finder": p.address, "penalty": p.uint256, "finderReward": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type RewardEventArgs = EParams<typeof events.Reward>
export type TreasuryRewardEventArgs = EParams<typeof events.TreasuryReward>
export type EarningsClaimedEventArgs = EParams<typeof events.EarningsClaimed>
export type WithdrawFeesEventArgs = EParams<typeof events.WithdrawFees>
export type BondEventArgs = EParams<typeof events.Bond>
export type UnbondEventArgs = EParams<typeof events.Unbond>
export type RebondEventArgs = EParams<typeof events.Rebond>
export type WithdrawStakeEventArgs = EParams<typeof events.WithdrawStake>
export type TransferBondEventArgs = EParams<typeof events.TransferBond>
export type TranscoderUpdateEventArgs = EParams<typeof events.TranscoderUpdate>
export type TranscoderActivatedEventArgs = EParams<typeof events.TranscoderActivated>
export type TranscoderDeactivatedEventArgs = EParams<typeof events.TranscoderDeactivated>
export type TranscoderSlashedEventArgs = EParams<typeof events.TranscoderSlashed>
