import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    EpochRun: event("0x666a37ccc682d20f8c51c5f6fd835cbadbcaaf09921e076282446e42d7264e3e", "EpochRun(uint256,address)", {"epoch": indexed(p.uint256), "caller": p.address}),
}

export class Contract extends ContractBase {
}

/// Event types
export type EpochRunEventArgs = EParams<typeof events.EpochRun>
