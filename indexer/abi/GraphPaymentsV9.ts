import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    GraphPaymentCollected: event("0x15031c73839eb026d1ddedd9cad4367c8cd36b18ba1056f2756f1cec59b39835", "GraphPaymentCollected(uint8,address,address,address,uint256,uint256,uint256,uint256,uint256)", {"paymentType": indexed(p.uint8), "payer": indexed(p.address), "receiver": p.address, "dataService": indexed(p.address), "tokens": p.uint256, "tokensProtocol": p.uint256, "tokensDataService": p.uint256, "tokensDelegationPool": p.uint256, "tokensReceiver": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type GraphPaymentCollectedEventArgs = EParams<typeof events.GraphPaymentCollected>
