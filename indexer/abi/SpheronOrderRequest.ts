import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    OrderCreated: event("0xbf0becce6edeae4f448544a778fc7f178eeac2b2cefaef1b707c05bffa5d43d2", "OrderCreated(uint64,address,uint256,uint64,address,string,uint16,uint8)", {"orderId": p.uint64, "creator": p.address, "maxPrice": p.uint256, "numOfBlocks": p.uint64, "token": p.address, "specs": p.string, "version": p.uint16, "mode": p.uint8}),
}

export class Contract extends ContractBase {
}

/// Event types
export type OrderCreatedEventArgs = EParams<typeof events.OrderCreated>
