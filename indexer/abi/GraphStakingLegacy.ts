import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    StakeDeposited: event("0x0a7bb2e28cc4698aac06db79cf9163bfcc20719286cf59fa7d492ceda1b8edc2", "StakeDeposited(address,uint256)", {"indexer": indexed(p.address), "tokens": p.uint256}),
    StakeDelegated: event("0xcd0366dce5247d874ffc60a762aa7abbb82c1695bbb171609c1b8861e279eb73", "StakeDelegated(address,address,uint256,uint256)", {"indexer": indexed(p.address), "delegator": indexed(p.address), "tokens": p.uint256, "shares": p.uint256}),
    AllocationCreated: event("0x0f73ab5f706106366951b51f760e0a6f60c794f233d90958d81c82ad84fa6e87", "AllocationCreated(address,bytes32,uint256,uint256,address,bytes32)", {"indexer": indexed(p.address), "subgraphDeploymentID": indexed(p.bytes32), "epoch": p.uint256, "tokens": p.uint256, "allocationID": indexed(p.address), "metadata": p.bytes32}),
    AllocationClosed: event("0xf6725dd105a6fc88bb79a6e4627f128577186c567a17c94818d201c2a4ce1403", "AllocationClosed(address,bytes32,uint256,uint256,address,address,bytes32,bool)", {"indexer": indexed(p.address), "subgraphDeploymentID": indexed(p.bytes32), "epoch": p.uint256, "tokens": p.uint256, "allocationID": indexed(p.address), "sender": p.address, "poi": p.bytes32, "isPublic": p.bool}),
    RebateCollected: event("0xf5ded07502b6feba4c13b19a0c6646efd4b4119f439bcbd49076e4f0ed1eec4b", "RebateCollected(address,address,bytes32,address,uint256,uint256,uint256,uint256,uint256,uint256,uint256)", {"assetHolder": p.address, "indexer": indexed(p.address), "subgraphDeploymentID": indexed(p.bytes32), "allocationID": indexed(p.address), "epoch": p.uint256, "tokens": p.uint256, "protocolTax": p.uint256, "curationFees": p.uint256, "queryFees": p.uint256, "queryRebates": p.uint256, "delegationRewards": p.uint256}),
    DelegationParametersUpdated: event("0xdd5c1add84431df7ff63c721510522fbccafda37dfc33f0f5094d90135a8f22a", "DelegationParametersUpdated(address,uint32,uint32,uint32)", {"indexer": indexed(p.address), "indexingRewardCut": p.uint32, "queryFeeCut": p.uint32, "__DEPRECATED_cooldownBlocks": p.uint32}),
}

export class Contract extends ContractBase {
}

/// Event types
export type StakeDepositedEventArgs = EParams<typeof events.StakeDeposited>
export type StakeDelegatedEventArgs = EParams<typeof events.StakeDelegated>
export type AllocationCreatedEventArgs = EParams<typeof events.AllocationCreated>
export type AllocationClosedEventArgs = EParams<typeof events.AllocationClosed>
export type RebateCollectedEventArgs = EParams<typeof events.RebateCollected>
export type DelegationParametersUpdatedEventArgs = EParams<typeof events.DelegationParametersUpdated>
