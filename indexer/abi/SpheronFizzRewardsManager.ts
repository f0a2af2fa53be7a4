import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    FizzRewardClaimed: event("0x79aa2f861b11e8e8f4f6e0d2ff9bbb386e6e7e5df40e897653110ed0e77cc9b9", "FizzRewardClaimed(address,uint256)", {"fizz": indexed(p.address), "rewardAmount": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type FizzRewardClaimedEventArgs = EParams<typeof events.FizzRewardClaimed>
