import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    PaymentCollected: event("0x481a17595c709e8f745444fb9ffc8f0b5e98458de94463971947f548e12bbdb4", "PaymentCollected(uint8,bytes32,address,address,address,uint256)", {"paymentType": p.uint8, "collectionId": indexed(p.bytes32), "payer": indexed(p.address), "receiver": p.address, "dataService": indexed(p.address), "tokens": p.uint256}),
    RAVCollected: event("0x3943fc3b19ec289c87b57de7a8bf1448d81ced03d1806144ecaca4ba9e976056", "RAVCollected(bytes32,address,address,address,uint64,uint128,bytes,bytes)", {"collectionId": indexed(p.bytes32), "payer": indexed(p.address), "serviceProvider": p.address, "dataService": indexed(p.address), "timestampNs": p.uint64, "valueAggregate": p.uint128, "metadata": p.bytes, "signature": p.bytes}),
}

export class Contract extends ContractBase {
}

/// Event types
export type PaymentCollectedEventArgs = EParams<typeof events.PaymentCollected>
export type RAVCollectedEventArgs = EParams<typeof events.RAVCollected>
