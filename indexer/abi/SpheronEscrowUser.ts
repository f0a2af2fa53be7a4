import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    UserTokenLocked: event("0x104eb8684e1d069ac9eef8d991d343f010afe01682e62915c73f1d4696bce9a0", "UserTokenLocked(address,address,uint256)", {"user": indexed(p.address), "token": indexed(p.address), "deposit": p.uint256}),
    UserTokenUnlocked: event("0x66d1ba6a7bba8a64b1341777e1e7721371ab2824e4b50ec33c687036451fe7f0", "UserTokenUnlocked(address,address,uint256)", {"user": indexed(p.address), "token": indexed(p.address), "deposit": p.uint256}),
    TokenMovement: event("0x5820ba18690528ae09fd9da13157ba6286391963f636bafea90947c415f9507a", "TokenMovement(address,address,address,uint256,uint8)", {"from": indexed(p.address), "to": indexed(p.address), "token": indexed(p.address), "amount": p.uint256, "movementType": p.uint8}),
}

export class Contract extends ContractBase {
}

/// Event types
export type UserTokenLockedEventArgs = EParams<typeof events.UserTokenLocked>
export type UserTokenUnlockedEventArgs = EParams<typeof events.UserTokenUnlocked>
export type TokenMovementEventArgs = EParams<typeof events.TokenMovement>
