import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    ProviderRewardClaimed: event("0xfa4564fbd335a94ce3643f49a8c2450e624a52749b31619b62e9861eead776b6", "ProviderRewardClaimed(address,uint256)", {"provider": indexed(p.address), "rewardAmount": p.uint256}),
    ProviderSlashed: event("0xc34f11afbdd0bcc57a7acc1e2ac4395be00d915ef91b913fff456fa9eebd0067", "ProviderSlashed(address,uint256,uint256,uint8)", {"provider": indexed(p.address), "era": p.uint256, "slashedAmount": p.uint256, "percentage": p.uint8}),
}

export class Contract extends ContractBase {
}

/// Event types
export type ProviderRewardClaimedEventArgs = EParams<typeof events.ProviderRewardClaimed>
export type ProviderSlashedEventArgs = EParams<typeof events.ProviderSlashed>
