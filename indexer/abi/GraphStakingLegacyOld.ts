import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    AllocationClosed: event("0x7203ffa6902c4c2a85ac2612321460fa20e29a972c272ecedfdf95f944616269", "AllocationClosed(address,bytes32,uint256,uint256,address,uint256,address,bytes32,bool)", {"indexer": indexed(p.address), "subgraphDeploymentID": indexed(p.bytes32), "epoch": p.uint256, "tokens": p.uint256, "allocationID": indexed(p.address), "effectiveAllocation": p.uint256, "sender": p.address, "poi": p.bytes32, "isPublic": p.bool}),
}

export class Contract extends ContractBase {
}

/// Event types
export type AllocationClosedEventArgs = EParams<typeof events.AllocationClosed>
