import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    LockedTokenTransfered: event("0x669521736eb2c1d9c5ff07328145eb27c6d80b6f71d5a40b083c09a5feda044e", "LockedTokenTransfered(address,address,address,uint256)", {"from": indexed(p.address), "to": indexed(p.address), "token": indexed(p.address), "deposit": p.uint256}),
    LockedTokenTransferedToFizz: event("0xfe57fa450cc5d49254cef34c1f724564eaf4c4e6c64fcaa530c33b3d1c9dd1fb", "LockedTokenTransferedToFizz(address,uint256,address,uint256)", {"from": indexed(p.address), "fizzId": indexed(p.uint256), "token": indexed(p.address), "deposit": p.uint256}),
    TreasuryMovement: event("0xc7fba393771d40cc364cce86ca939da82c4439fd2d80cc757d41a6e481fe63d3", "TreasuryMovement(address,address,uint256)", {"treasury": indexed(p.address), "token": indexed(p.address), "amount": p.uint256}),
    TokenMovement: event("0x5820ba18690528ae09fd9da13157ba6286391963f636bafea90947c415f9507a", "TokenMovement(address,address,address,uint256,uint8)", {"from": indexed(p.address), "to": indexed(p.address), "token": indexed(p.address), "amount": p.uint256, "movementType": p.uint8}),
}

export class Contract extends ContractBase {
}

/// Event types
export type LockedTokenTransferedEventArgs = EParams<typeof events.LockedTokenTransfered>
export type LockedTokenTransferedToFizzEventArgs = EParams<typeof events.LockedTokenTransferedToFizz>
export type TreasuryMovementEventArgs = EParams<typeof events.TreasuryMovement>
export type TokenMovementEventArgs = EParams<typeof events.TokenMovement>
