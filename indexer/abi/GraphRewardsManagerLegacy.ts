import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    RewardsDenied: event("0x07b6d8dafdf1323cc892f303125d1308c0edc07b15b14b6de6dcb4a5eea818fa", "RewardsDenied(address,address,uint256)", {"indexer": indexed(p.address), "allocationID": indexed(p.address), "epoch": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type RewardsDeniedEventArgs = EParams<typeof events.RewardsDenied>
