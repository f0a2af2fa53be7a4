import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    ProviderAdded: event("0x35ce8b9bcdd7f849c2459dd87beeea22209022a43d4394c8aaa1ae5c604f9f56", "ProviderAdded(uint256,address,string,string,string,address[],uint8,uint8,uint256,address)", {"providerId": indexed(p.uint256), "walletAddress": indexed(p.address), "spec": p.string, "hostUri": p.string, "certificate": p.string, "paymentsAccepted": p.array(p.address), "status": p.uint8, "tier": p.uint8, "joinTimestamp": p.uint256, "rewardWallet": p.address}),
    ProviderRemoved: event("0x452148878c72ebab44f2761cb8b0b79c50628a437350aee5f3aab66625addcc4", "ProviderRemoved(uint256)", {"providerId": indexed(p.uint256)}),
}

export class Contract extends ContractBase {
}

/// Event types
export type ProviderAddedEventArgs = EParams<typeof events.ProviderAdded>
export type ProviderRemovedEventArgs = EParams<typeof events.ProviderRemoved>
