import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    LeaseCreated: event("0x5ac8ea04e47ef9fd0cb3dc8fb52cafc453271d39b0e0b60c8674e64bf08737c4", "LeaseCreated(uint256,uint256,uint64,uint256,address,address,uint32,uint32,uint32,uint8)", {"leaseId": p.uint256, "fizzId": p.uint256, "requestId": p.uint64, "acceptedPrice": p.uint256, "providerAddress": p.address, "tenantAddress": p.address, "startBlock": p.uint32, "startTime": p.uint32, "endTime": p.uint32, "state": p.uint8}),
    LeaseUpdated: event("0xf6d551b1f2b244e4e7b9229ae4194c2d710143d4b08bcd7a0900906dcec6e8e4", "LeaseUpdated(uint256,address,address,uint256,uint32,uint32)", {"leaseId": indexed(p.uint256), "providerAddress": indexed(p.address), "tenantAddress": indexed(p.address), "acceptedPrice": p.uint256, "startBlock": p.uint32, "startTime": p.uint32}),
    LeaseClosed: event("0xbaca767d2b3fece79baf53cd48fae773ffcee43b36bb830add11531237d87d75", "LeaseClosed(uint256,address,address,uint32,uint8)", {"leaseId": p.uint256, "providerAddress": p.address, "tenantAddress": p.address, "endTime": p.uint32, "state": p.uint8}),
}

export class Contract extends ContractBase {
}

/// Event types
export type LeaseCreatedEventArgs = EParams<typeof events.LeaseCreated>
export type LeaseUpdatedEventArgs = EParams<typeof events.LeaseUpdated>
export type LeaseClosedEventArgs = EParams<typeof events.LeaseClosed>
