import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    SetCurrentRewardTokens: event("0x39567a366345edf17f50c1967a31b597745186c4632f34c4f8ebe06b6890784d", "SetCurrentRewardTokens(uint256,uint256)", {"currentMintableTokens": p.uint256, "currentInflation": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type SetCurrentRewardTokensEventArgs = EParams<typeof events.SetCurrentRewardTokens>
