import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    Signalled: event("0xb7bf5f4e5b23ef992df9875ecea572620d18dab0c1a5486a9b695d20d9ec50cf", "Signalled(address,bytes32,uint256,uint256,uint256)", {"curator": indexed(p.address), "subgraphDeploymentID": indexed(p.bytes32), "tokens": p.uint256, "signal": p.uint256, "curationTax": p.uint256}),
    Burned: event("0xe14cd5e80f6821ded0538e85a537487acf10bb5e97a12176df56a099e90bfb34", "Burned(address,bytes32,uint256,uint256)", {"curator": indexed(p.address), "subgraphDeploymentID": indexed(p.bytes32), "tokens": p.uint256, "signal": p.uint256}),
    Collected: event("0xf17fdee613a92b35db6b7598eb43750b24d4072eb304e6eca80121e40402e34b", "Collected(bytes32,uint256)", {"subgraphDeploymentID": indexed(p.bytes32), "tokens": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type SignalledEventArgs = EParams<typeof events.Signalled>
export type BurnedEventArgs = EParams<typeof events.Burned>
export type CollectedEventArgs = EParams<typeof events.Collected>
