import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    CreateIoID: event("0x313a15bccdaa3cc35e31f4e2f6a0c398a1c735a9231dd4684399ea0307373062", "CreateIoID(address,uint256,address,string)", {"owner": indexed(p.address), "id": p.uint256, "wallet": p.address, "did": p.string}),
    SetMinter: event("0xcec52196e972044edde8689a1b608e459c5946b7f3e5c8cd3d6d8e126d422e1c", "SetMinter(address)", {"minter": indexed(p.address)}),
    RemoveDIDWallet: event("0x5be405c75c3aee195a3c337b5ad1503937083fff6e6a6c29f9135252f379c64b", "RemoveDIDWallet(address,string)", {"wallet": indexed(p.address), "did": p.string}),
    SetResolver: event("0x8566ab8e572a998d53ba054eff8f4d5e3577cf95e3d2a0cb76ee8b2ca84e5d95", "SetResolver(uint256,address)", {"id": p.uint256, "resolver": indexed(p.address)}),
    Migrate: event("0x18df02dcc52b9c494f391df09661519c0069bd8540141946280399408205ca1a", "Migrate(address,address,uint256)", {"oldOwner": indexed(p.address), "newOwner": indexed(p.address), "id": p.uint256}),
    Transfer: event("0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef", "Transfer(address,address,uint256)", {"from": indexed(p.address), "to": indexed(p.address), "tokenId": indexed(p.uint256)}),
    Approval: event("0x8c5be1e5ebec7d5bd14f71427d1e84f3dd0314c0f7b2291e5b200ac8c7c3b925", "Approval(address,address,uint256)", {"owner": indexed(p.address), "approved": indexed(p.address), "tokenId": indexed(p.uint256)}),
    ApprovalForAll: event("0x17307eab39ab6107e8899845ad3d59bd9653f200f220920489ca2b5937696c31", "ApprovalForAll(address,address,bool)", {"owner": indexed(p.address), "operator": indexed(p.address), "approved": p.bool}),
    Upgraded: event("0xbc7cd75a20ee27fd9adebab32041f755214dbc6bffa90cc0225b39da2e5c2d3b", "Upgraded(address)", {"implementation": indexed(p.address)}),
    AdminChanged: event("0x7e644d79422f17c01e4894b5f4f588d331ebfa28653d42ae832dc59e38c9798f", "AdminChanged(address,address)", {"previousAdmin": p.address, "newAdmin": p.address}),
    Initialized: event("0x7f26b83ff96e1f2b6a682f133852f6798a09c465da95921460cefb3847402498", "Initialized(uint8)", {"version": p.uint8}),
}

export class Contract extends ContractBase {
}

/// Event types
export type CreateIoIDEventArgs = EParams<typeof events.CreateIoID>
export type SetMinterEventArgs = EParams<typeof events.SetMinter>
export type RemoveDIDWalletEventArgs = EParams<typeof events.RemoveDIDWallet>
export type SetResolverEventArgs = EParams<typeof events.SetResolver>
export type MigrateEventArgs = EParams<typeof events.Migrate>
export type TransferEventArgs = EParams<typeof events.Transfer>
export type ApprovalEventArgs = EParams<typeof events.Approval>
export type ApprovalForAllEventArgs = EParams<typeof events.ApprovalForAll>
export type UpgradedEventArgs = EParams<typeof events.Upgraded>
export type AdminChangedEventArgs = EParams<typeof events.AdminChanged>
export type InitializedEventArgs = EParams<typeof events.Initialized>
