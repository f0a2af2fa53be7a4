import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    ServiceURIUpdate: event("0xfbb63068732c85741c9f8e61caffaabe038d577bfafd2d2dcc0e352a4f653a4c", "ServiceURIUpdate(address,string)", {"addr": indexed(p.address), "serviceURI": p.string}),
}

export class Contract extends ContractBase {
}

/// Event types
export type ServiceURIUpdateEventArgs = EParams<typeof events.ServiceURIUpdate>
