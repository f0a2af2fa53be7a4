import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    HorizonRewardsAssigned: event("0xa111914d7f2ea8beca61d12f1a1f38c5533de5f1823c3936422df4404ac2ec68", "HorizonRewardsAssigned(address,address,uint256)", {"indexer": indexed(p.address), "allocationID": indexed(p.address), "amount": p.uint256}),
    RewardsAssigned: event("0x315d9cdbc182c9118c140c78a121ebb9f24bf73f841339a8a41cdc3586c34e18", "RewardsAssigned(address,address,uint256,uint256)", {"indexer": indexed(p.address), "allocationID": indexed(p.address), "epoch": p.uint256, "amount": p.uint256}),
    RewardsDenied: event("0x9b1323a10f3955b1c9c054ffbda78edfdf49998aaf37f61d9f84776b59ac8043", "RewardsDenied(address,address)", {"indexer": indexed(p.address), "allocationID": indexed(p.address)}),
    RewardsDeniedDueToEligibility: event("0xb012e09970916d172f2899bd374aae8d902671bf721e50331e2d57775f90e747", "RewardsDeniedDueToEligibility(address,address,uint256)", {"indexer": indexed(p.address), "allocationID": indexed(p.address), "amount": p.uint256}),
    RewardsDenylistUpdated: event("0xe016102b339c3889f4967b491f3381f2c352c8fe3d4f880007807d45b124065a", "RewardsDenylistUpdated(bytes32,uint256)", {"subgraphDeploymentID": indexed(p.bytes32), "sinceBlock": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type HorizonRewardsAssignedEventArgs = EParams<typeof events.HorizonRewardsAssigned>
export type RewardsAssignedEventArgs = EParams<typeof events.RewardsAssigned>
export type RewardsDeniedEventArgs = EParams<typeof events.RewardsDenied>
export type RewardsDeniedDueToEligibilityEventArgs = EParams<typeof events.RewardsDeniedDueToEligibility>
export type RewardsDenylistUpdatedEventArgs = EParams<typeof events.RewardsDenylistUpdated>
