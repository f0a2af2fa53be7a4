import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Deposit: event("0x7cfff908a4b583f36430b25d75964c458d8ede8a99bd61be750e97ee1b2f3a96", "Deposit(address,address,address,uint256)", {"payer": indexed(p.address), "collector": indexed(p.address), "receiver": indexed(p.address), "tokens": p.uint256}),
    Thaw: event("0xba109e8a47e57c895aa1802554cd51025499c2b07c3c9b467c70413a4434ffbc", "Thaw(address,address,address,uint256,uint256)", {"payer": indexed(p.address), "collector": indexed(p.address), "receiver": indexed(p.address), "tokens": p.uint256, "thawEndTimestamp": p.uint256}),
    CancelThaw: event("0x6c4ed34e7347a8682024ee40d393e45f4075c46c593aaaed3cc3e49dd6933535", "CancelThaw(address,address,address,uint256,uint256)", {"payer": indexed(p.address), "collector": indexed(p.address), "receiver": indexed(p.address), "tokensThawing": p.uint256, "thawEndTimestamp": p.uint256}),
    Withdraw: event("0x3115d1449a7b732c986cba18244e897a450f61e1bb8d589cd2e69e6c8924f9f7", "Withdraw(address,address,address,uint256)", {"payer": indexed(p.address), "collector": indexed(p.address), "receiver": indexed(p.address), "tokens": p.uint256}),
    EscrowCollected: event("0x399b99b484be516eace7ececa486139581a25b0d2d12dac8bfa0948d07a8c913", "EscrowCollected(uint8,address,address,address,uint256,address)", {"paymentType": indexed(p.uint8), "payer": indexed(p.address), "collector": indexed(p.address), "receiver": p.address, "tokens": p.uint256, "receiverDestination": p.address}),
}

export class Contract extends ContractBase {
}

/// Event types
export type DepositEventArgs = EParams<typeof events.Deposit>
export type ThawEventArgs = EParams<typeof events.Thaw>
export type CancelThawEventArgs = EParams<typeof events.CancelThaw>
export type WithdrawEventArgs = EParams<typeof events.Withdraw>
export type EscrowCollectedEventArgs = EParams<typeof events.EscrowCollected>
