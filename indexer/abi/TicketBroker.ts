import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    WinningTicketRedeemed: event("0xc389eb51ed006dbf2528507f010efdf5225ea596e1e1741d74f550dab1925ee7", "WinningTicketRedeemed(address,address,uint256,uint256,uint256,uint256,bytes)", {"sender": indexed(p.address), "recipient": indexed(p.address), "faceValue": p.uint256, "winProb": p.uint256, "senderNonce": p.uint256, "recipientRand": p.uint256, "auxData": p.bytes}),
    WinningTicketTransfer: event("0x8b87351a208c06e3ceee59d80725fd77a23b4129e1b51ca231fc89b40712649c", "WinningTicketTransfer(address,address,uint256)", {"sender": indexed(p.address), "recipient": indexed(p.address), "amount": p.uint256}),
    DepositFunded: event("0x5159e237d952190e68d5215430f305831be7c9c8776d1377c76679ae4773413f", "DepositFunded(address,uint256)", {"sender": indexed(p.address), "amount": p.uint256}),
    ReserveFunded: event("0xb52b99b9e83551fcbd069b559cc3e823e2a1a3bad8ece46561ea77524394c850", "ReserveFunded(address,uint256)", {"reserveHolder": indexed(p.address), "amount": p.uint256}),
    ReserveClaimed: event("0x5c2b394723f408a40a60335e24b71829642e35f350cebe2036a96a66e895ea98", "ReserveClaimed(address,address,uint256)", {"reserveHolder": indexed(p.address), "claimant": p.address, "amount": p.uint256}),
    Withdrawal: event("0xdf273cb619d95419a9cd0ec88123a0538c85064229baa6363788f743fff90deb", "Withdrawal(address,uint256,uint256)", {"sender": indexed(p.address), "deposit": p.uint256, "reserve": p.uint256}),
    Unlock: event("0xf7870c5b224cbc19873599e46ccfc7103934650509b1af0c3ce90138377c2004", "Unlock(address,uint256,uint256)", {"sender": indexed(p.address), "startRound": p.uint256, "endRound": p.uint256}),
    UnlockCancelled: event("0xfa044b7b93a40365dc68049797c2eb06918523d694e5d56e406cac3eb35578e5", "UnlockCancelled(address)", {"sender": indexed(p.address)}),
}

export class Contract extends ContractBase {
}

/// Event types
export type WinningTicketRedeemedEventArgs = EParams<typeof events.WinningTicketRedeemed>
export type WinningTicketTransferEventArgs = EParams<typeof events.WinningTicketTransfer>
export type DepositFundedEventArgs = EParams<typeof events.DepositFunded>
export type ReserveFundedEventArgs = EParams<typeof events.ReserveFunded>
export type ReserveClaimedEventArgs = EParams<typeof events.ReserveClaimed>
export type WithdrawalEventArgs = EParams<typeof events.Withdrawal>
export type UnlockEventArgs = EParams<typeof events.Unlock>
export type UnlockCancelledEventArgs = EParams<typeof events.UnlockCancelled>
