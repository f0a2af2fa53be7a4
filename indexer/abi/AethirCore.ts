import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    DepositServiceFee: event("0x70e7e80b057104c7d6c05321620daa257b861367dccdf0d59c40e15e8eec2861", "DepositServiceFee(address,uint64,uint256)", {"developer": indexed(p.address), "nonce": p.uint64, "amount": p.uint256}),
    WithdrawServiceFee: event("0x4c64124f57ccdf71531fc8ac421cd851f6ec7aba85bb86e8dd225fb095f1c199", "WithdrawServiceFee(address,uint64,uint256)", {"developer": indexed(p.address), "nonce": p.uint64, "amount": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type DepositServiceFeeEventArgs = EParams<typeof events.DepositServiceFee>
export type WithdrawServiceFeeEventArgs = EParams<typeof events.WithdrawServiceFee>
