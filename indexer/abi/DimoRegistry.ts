import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    VehicleNodeMinted: event("0xd471ae8ab3c01edc986909c344bb50f982b21772fcac173103ef8b9924375ec6", "VehicleNodeMinted(uint256,uint256,address)", {"manufacturerNode": p.uint256, "tokenId": p.uint256, "owner": p.address}),
    VehicleNodeMintedWithDeviceDefinition: event("0xc7c7d9ac150ee7eff1ae17be6e6c250d9f574d019d47cd741f693feb1929496c", "VehicleNodeMintedWithDeviceDefinition(uint256,uint256,address,string)", {"manufacturerId": indexed(p.uint256), "vehicleId": indexed(p.uint256), "owner": indexed(p.address), "deviceDefinitionId": p.string}),
    AftermarketDeviceNodeMinted: event("0xd624fd4c3311e1803d230d97ce71fd60c4f658c30a31fbe08edcb211fd90f63f", "AftermarketDeviceNodeMinted(uint256,uint256,address,address)", {"manufacturerId": indexed(p.uint256), "tokenId": p.uint256, "aftermarketDeviceAddress": indexed(p.address), "owner": indexed(p.address)}),
    AftermarketDeviceClaimed: event("0x8468d811e5090d3b1a07e28af524e66c128f624e16b07638f419012c779f76ec", "AftermarketDeviceClaimed(uint256,address)", {"aftermarketDeviceNode": p.uint256, "owner": indexed(p.address)}),
    AftermarketDevicePaired: event("0x89ec132808bbf01af00b90fd34e04fd6cfb8dba2813ca5446a415500b83c7938", "AftermarketDevicePaired(uint256,uint256,address)", {"aftermarketDeviceNode": p.uint256, "vehicleNode": p.uint256, "owner": indexed(p.address)}),
    AftermarketDeviceUnpaired: event("0xd9135724aa6cdaa5b3ea73e3e0d74cb1a3a6d3cddcb9d58583f05f17bac82a8e", "AftermarketDeviceUnpaired(uint256,uint256,address)", {"aftermarketDeviceNode": p.uint256, "vehicleNode": p.uint256, "owner": indexed(p.address)}),
    SyntheticDeviceNodeMinted: event("0x5a560c1adda92bd6cbf9c891dc38e9e2973b7963493f2364caa40a4218346280", "SyntheticDeviceNodeMinted(uint256,uint256,uint256,address,address)", {"connectionId": p.uint256, "syntheticDeviceNode": p.uint256, "vehicleNode": indexed(p.uint256), "syntheticDeviceAddress": indexed(p.address), "owner": indexed(p.address)}),
    VehicleNodeBurned: event("0x7b36384f0fcf18da09247269a4716eecbcbc475a5b2bc7aa371fc1164789508d", "VehicleNodeBurned(uint256,address)", {"vehicleNode": indexed(p.uint256), "owner": indexed(p.address)}),
    AftermarketDeviceNodeBurned: event("0xc4d38c0a034bc1693db3b9a33125831c3d2e1f11e5b69be183ff9ac991384d95", "AftermarketDeviceNodeBurned(uint256,address)", {"adNode": indexed(p.uint256), "owner": indexed(p.address)}),
    SyntheticDeviceNodeBurned: event("0xe4edc3c1f917608d486e02df63af34158f185b78cef44615aebee26c09064122", "SyntheticDeviceNodeBurned(uint256,uint256,address)", {"syntheticDeviceNode": indexed(p.uint256), "vehicleNode": indexed(p.uint256), "owner": indexed(p.address)}),
}

export class Contract extends ContractBase {
}

/// Event types
export type VehicleNodeMintedEventArgs = EParams<typeof events.VehicleNodeMinted>
export type VehicleNodeMintedWithDeviceDefinitionEventArgs = EParams<typeof events.VehicleNodeMintedWithDeviceDefinition>
export type AftermarketDeviceNodeMintedEventArgs = EParams<typeof events.AftermarketDeviceNodeMinted>
export type AftermarketDeviceClaimedEventArgs = EParams<typeof events.AftermarketDeviceClaimed>
export type AftermarketDevicePairedEventArgs = EParams<typeof events.AftermarketDevicePaired>
export type AftermarketDeviceUnpairedEventArgs = EParams<typeof events.AftermarketDeviceUnpaired>
export type SyntheticDeviceNodeMintedEventArgs = EParams<typeof events.SyntheticDeviceNodeMinted>
export type VehicleNodeBurnedEventArgs = EParams<typeof events.VehicleNodeBurned>
export type AftermarketDeviceNodeBurnedEventArgs = EParams<typeof events.AftermarketDeviceNodeBurned>
export type SyntheticDeviceNodeBurnedEventArgs = EParams<typeof events.SyntheticDeviceNodeBurned>
