import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Issued: event("0x7533f62ec6601bf9c87f8d96bf756b4b495e2a0e26ec9284e4927926ed6b3afd", "Issued(uint256,address,address)", {"tokenId": indexed(p.uint256), "owner": indexed(p.address), "clientId": indexed(p.address)}),
    StakeDeposit: event("0x1cd3a07c960f34280cc48968d5b5315035ebdde3a1e371aa539bf0a415743a3b", "StakeDeposit(uint256,address,uint256)", {"tokenId": indexed(p.uint256), "user": indexed(p.address), "amount": p.uint256}),
    StakeWithdraw: event("0xb632f81a2da981f3daa6d867e773bbab8f2931ca133d2cca3595eb61af045c3a", "StakeWithdraw(uint256,address,uint256)", {"tokenId": indexed(p.uint256), "user": indexed(p.address), "amount": p.uint256}),
    UpdateLicenseCost: event("0x0aca62d366c4fbb1ef303879453cb890975077ec0dcc742f25c0736c2f563652", "UpdateLicenseCost(uint256)", {"licenseCost": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type IssuedEventArgs = EParams<typeof events.Issued>
export type StakeDepositEventArgs = EParams<typeof events.StakeDeposit>
export type StakeWithdrawEventArgs = EParams<typeof events.StakeWithdraw>
export type UpdateLicenseCostEventArgs = EParams<typeof events.UpdateLicenseCost>
