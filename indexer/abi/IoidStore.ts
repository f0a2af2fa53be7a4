import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    ApplyIoIDs: event("0xd2269acf2bb676815583e7280e00db590013261796873aa44493d1f3124e8f99", "ApplyIoIDs(uint256,uint256)", {"projectId": indexed(p.uint256), "amount": p.uint256}),
    ActiveIoID: event("0x4732294d0fde38d02939b299653d432493659f266b04114cb3072273b2a14009", "ActiveIoID(uint256)", {"projectId": indexed(p.uint256)}),
    SetDeviceContract: event("0x529447bfbe88a9e4f1c50a30b311b0631252ae491f6e151ba8e84d0e649397ac", "SetDeviceContract(uint256,address)", {"projectId": indexed(p.uint256), "deviceContract": indexed(p.address)}),
    Initialize: event("0xfb9d66c34fa43208534a846ef789547e25046760500fdf53af4204cbe4e16c89", "Initialize(address,uint256)", {"project": indexed(p.address), "price": p.uint256}),
    ChangePrice: event("0xfb92488ba7c255b32158331b4dd67ae708a8761b850ca51d1bbf57c177d35f89", "ChangePrice(uint256)", {"price": p.uint256}),
    ChangeFeeReceiver: event("0xfb29108df6ec24f97dfbe39fff6bb9357a54e758efed2c6e7b5fb76b26b30f81", "ChangeFeeReceiver(address)", {"feeReceiver": indexed(p.address)}),
    SetIoIDRegistry: event("0x0e4e1b407dc09e8d9c52675ad47f0daca260b620f13c8cb810cb0ec77ece03a4", "SetIoIDRegistry(address)", {"ioIDRegistry": indexed(p.address)}),
    OwnershipTransferred: event("0x8be0079c531659141344cd1fd0a4f28419497f9722a3daafe3b4186f6b6457e0", "OwnershipTransferred(address,address)", {"previousOwner": indexed(p.address), "newOwner": indexed(p.address)}),
    Upgraded: event("0xbc7cd75a20ee27fd9adebab32041f755214dbc6bffa90cc0225b39da2e5c2d3b", "Upgraded(address)", {"implementation": indexed(p.address)}),
    AdminChanged: event("0x7e644d79422f17c01e4894b5f4f588d331ebfa28653d42ae832dc59e38c9798f", "AdminChanged(address,address)", {"previousAdmin": p.address, "newAdmin": p.address}),
    Initialized: event("0x7f26b83ff96e1f2b6a682f133852f6798a09c465da95921460cefb3847402498", "Initialized(uint8)", {"version": p.uint8}),
}

export class Contract extends ContractBase {
}

/// Event types
export type ApplyIoIDsEventArgs = EParams<typeof events.ApplyIoIDs>
export type ActiveIoIDEventArgs = EParams<typeof events.ActiveIoID>
export type SetDeviceContractEventArgs = EParams<typeof events.SetDeviceContract>
export type InitializeEventArgs = EParams<typeof events.Initialize>
export type ChangePriceEventArgs = EParams<typeof events.ChangePrice>
export type ChangeFeeReceiverEventArgs = EParams<typeof events.ChangeFeeReceiver>
export type SetIoIDRegistryEventArgs = EParams<typeof events.SetIoIDRegistry>
export type OwnershipTransferredEventArgs = EParams<typeof events.OwnershipTransferred>
export type UpgradedEventArgs = EParams<typeof events.Upgraded>
export type AdminChangedEventArgs = EParams<typeof events.AdminChanged>
export type InitializedEventArgs = EParams<typeof events.Initialized>
