import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    ServiceProviderRegistered: event("0x159567bea25499a91f60e1fbb349ff2a1f8c1b2883198f25c1e12c99eddb44fa", "ServiceProviderRegistered(address,bytes)", {"serviceProvider": indexed(p.address), "data": p.bytes}),
    AllocationCreated: event("0xe5e185fab2b992c4727ff702a867d78b15fb176dbaa20c9c312a1c351d3f7f83", "AllocationCreated(address,address,bytes32,uint256,uint256)", {"indexer": indexed(p.address), "allocationId": indexed(p.address), "subgraphDeploymentId": indexed(p.bytes32), "tokens": p.uint256, "currentEpoch": p.uint256}),
    AllocationResized: event("0x6db4a6f9be2d5e72eb2a2af2374ac487971bf342a261ba0bc1cf471bf2a2c31f", "AllocationResized(address,address,bytes32,uint256,uint256)", {"indexer": indexed(p.address), "allocationId": indexed(p.address), "subgraphDeploymentId": indexed(p.bytes32), "newTokens": p.uint256, "oldTokens": p.uint256}),
    AllocationClosed: event("0x08f2f865e0fb62d722a51e4d9873199bf6bf52e7d8ee5a2ee2896c9ef719f545", "AllocationClosed(address,address,bytes32,uint256,bool)", {"indexer": indexed(p.address), "allocationId": indexed(p.address), "subgraphDeploymentId": indexed(p.bytes32), "tokens": p.uint256, "forceClosed": p.bool}),
    IndexingRewardsCollected: event("0x443f56bd2098d273b8c8120398789a41da5925db4ba2f656813fc5299ac57b1f", "IndexingRewardsCollected(address,address,bytes32,uint256,uint256,uint256,bytes32,bytes,uint256)", {"indexer": indexed(p.address), "allocationId": indexed(p.address), "subgraphDeploymentId": indexed(p.bytes32), "tokensRewards": p.uint256, "tokensIndexerRewards": p.uint256, "tokensDelegationRewards": p.uint256, "poi": p.bytes32, "poiMetadata": p.bytes, "currentEpoch": p.uint256}),
    QueryFeesCollected: event("0x184c452047299395d4f7f147eb8e823458a450798539be54aeed978f13d87ba2", "QueryFeesCollected(address,address,address,bytes32,uint256,uint256)", {"serviceProvider": indexed(p.address), "payer": indexed(p.address), "allocationId": indexed(p.address), "subgraphDeploymentId": p.bytes32, "tokensCollected": p.uint256, "tokensCurators": p.uint256}),
    PaymentsDestinationSet: event("0x003215dc05a2fc4e6a1e2c2776311d207c730ee51085aae221acc5cbe6fb55c1", "PaymentsDestinationSet(address,address)", {"indexer": indexed(p.address), "paymentsDestination": indexed(p.address)}),
    RewardsDestinationSet: event("0x3349d2e561f8c23a3ff42257745c8fb53e4bf3cbd4046672a3c4a0c7ee8a7b31", "RewardsDestinationSet(address,address)", {"indexer": indexed(p.address), "rewardsDestination": indexed(p.address)}),
}

export class Contract extends ContractBase {
}

/// Event types
export type ServiceProviderRegisteredEventArgs = EParams<typeof events.ServiceProviderRegistered>
export type AllocationCreatedEventArgs = EParams<typeof events.AllocationCreated>
export type AllocationResizedEventArgs = EParams<typeof events.AllocationResized>
export type AllocationClosedEventArgs = EParams<typeof events.AllocationClosed>
export type IndexingRewardsCollectedEventArgs = EParams<typeof events.IndexingRewardsCollected>
export type QueryFeesCollectedEventArgs = EParams<typeof events.QueryFeesCollected>
export type PaymentsDestinationSetEventArgs = EParams<typeof events.PaymentsDestinationSet>
export type RewardsDestinationSetEventArgs = EParams<typeof events.RewardsDestinationSet>
