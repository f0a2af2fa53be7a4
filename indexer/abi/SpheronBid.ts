import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    BidPlaced: event("0x9b4e4ecc52932cb036aaf2f49955dc06665549eec9945365026bbcf3e00a0a90", "BidPlaced(uint64,uint256,address,uint256)", {"orderId": p.uint64, "bidPrice": p.uint256, "provider": p.address, "fizz": p.uint256}),
    OrderMatched: event("0xddfcde2ae08a841bf57cf56c10e52a4f8182ccfa5859f20a5dd8ef26abc94ca4", "OrderMatched(uint64,address,uint256,uint256,uint256,address)", {"orderId": p.uint64, "providerAddress": p.address, "fizzId": p.uint256, "providerId": p.uint256, "acceptedPrice": p.uint256, "creator": p.address}),
}

export class Contract extends ContractBase {
}

/// Event types
export type BidPlacedEventArgs = EParams<typeof events.BidPlaced>
export type OrderMatchedEventArgs = EParams<typeof events.OrderMatched>
