import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    GraphPaymentCollected: event("0xb1ac8b16683562f4b1b5ecbe3321151b400058de5cdd25ac44d5bfacb106765f", "GraphPaymentCollected(uint8,address,address,address,uint256,uint256,uint256,uint256,uint256,address)", {"paymentType": indexed(p.uint8), "payer": indexed(p.address), "receiver": p.address, "dataService": indexed(p.address), "tokens": p.uint256, "tokensProtocol": p.uint256, "tokensDataService": p.uint256, "tokensDelegationPool": p.uint256, "tokensReceiver": p.uint256, "receiverDestination": p.address}),
}

export class Contract extends ContractBase {
}

/// Event types
export type GraphPaymentCollectedEventArgs = EParams<typeof events.GraphPaymentCollected>
