import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    NewRound: event("0x22f2fc17c5daf07db2379b3a03a8ef20a183f761097a58fce219c8a14619e786", "NewRound(uint256,bytes32)", {"round": indexed(p.uint256), "blockHash": p.bytes32}),
}

export class Contract extends ContractBase {
}

/// Event types
export type NewRoundEventArgs = EParams<typeof events.NewRound>
