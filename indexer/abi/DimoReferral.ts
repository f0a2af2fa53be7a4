import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    ReferralComplete: event("0x140ec1de14f412a3a1e4295313d7c4190785ddf8930efee41722cd36f00ebb91", "ReferralComplete(address,address)", {"referee": indexed(p.address), "referrer": indexed(p.address)}),
    BonusChanged: event("0x3004fd9893f9a32bdc520978802cadc651d89c5d9a6235f3080819aa599903b8", "BonusChanged(uint256)", {"amount": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type ReferralCompleteEventArgs = EParams<typeof events.ReferralComplete>
export type BonusChangedEventArgs = EParams<typeof events.BonusChanged>
