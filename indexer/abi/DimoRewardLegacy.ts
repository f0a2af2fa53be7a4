import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    TokensTransferred: event("0x57e1000ba5ba7b6ab6670639de9fc3db34d05ef2bbce4a09d60dda560387b0ea", "TokensTransferred(address,uint256,uint256)", {"user": indexed(p.address), "_amount": p.uint256, "vehicleNodeId": p.uint256}),
    DidntQualify: event("0xf667cbbd740351d2f58b68dc6a8ee1b1f3a853c609d7ce7eee4a3bdc94d62774", "DidntQualify(address,uint256,uint256)", {"user": indexed(p.address), "_amount": p.uint256, "vehicleNodeId": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type TokensTransferredEventArgs = EParams<typeof events.TokensTransferred>
export type DidntQualifyEventArgs = EParams<typeof events.DidntQualify>
