import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    ServiceRegistered: event("0xd0306c1da0ed1d7b7d56ac9ef91ed1f717e3d2d63a55ebe8dc2891056687f300", "ServiceRegistered(address,string,string)", {"indexer": indexed(p.address), "url": p.string, "geohash": p.string}),
}

export class Contract extends ContractBase {
}

/// Event types
export type ServiceRegisteredEventArgs = EParams<typeof events.ServiceRegistered>
