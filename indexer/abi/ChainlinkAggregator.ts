import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    AnswerUpdated: event("0x0559884fd3a460db3073b7fc896cc77986f16e378210ded43186175bf646fc5f", "AnswerUpdated(int256,uint256,uint256)", {"current": indexed(p.int256), "roundId": indexed(p.uint256), "updatedAt": p.uint256}),
    NewRound: event("0x0109fc6f55cf40689f02fbaad7af7fe7bbac8a3d2186600afc7d3e10cac60271", "NewRound(uint256,address,uint256)", {"roundId": indexed(p.uint256), "startedBy": indexed(p.address), "startedAt": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type AnswerUpdatedEventArgs = EParams<typeof events.AnswerUpdated>
export type NewRoundEventArgs = EParams<typeof events.NewRound>
