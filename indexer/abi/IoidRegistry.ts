import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    NewDevice: event("0x9b3397f29f76b91430e368033ed86df2fc794753ab8239898fb655ab0213f888", "NewDevice(address,address,bytes32,string)", {"device": indexed(p.address), "owner": p.address, "hash": p.bytes32, "uri": p.string}),
    UpdateDevice: event("0x56c4adbfac097b5bec49fa8c702ae682a2d4c10bee1ac0aad3af7f3768d0fc0f", "UpdateDevice(address,address,bytes32,string)", {"device": indexed(p.address), "owner": p.address, "hash": p.bytes32, "uri": p.string}),
    RemoveDevice: event("0x7fb1f1a379ee4b2c5e787bdcba983dff2cb148ae93c6341beafaca37b8ce8abe", "RemoveDevice(address,address)", {"device": indexed(p.address), "owner": p.address}),
    SetIoIdStore: event("0xc64dd2865233a317a221a0952325ee30744b237e5b6e4367fff3aeea454dfee9", "SetIoIdStore(address)", {"store": indexed(p.address)}),
    Migrate: event("0x2a05bb717043f3a794e94382bf63f2e275ecafc41be9b63c34f16d58da9822ca", "Migrate(address,address)", {"device": indexed(p.address), "owner": p.address}),
    Upgraded: event("0xbc7cd75a20ee27fd9adebab32041f755214dbc6bffa90cc0225b39da2e5c2d3b", "Upgraded(address)", {"implementation": indexed(p.address)}),
    AdminChanged: event("0x7e644d79422f17c01e4894b5f4f588d331ebfa28653d42ae832dc59e38c9798f", "AdminChanged(address,address)", {"previousAdmin": p.address, "newAdmin": p.address}),
    Initialized: event("0x7f26b83ff96e1f2b6a682f133852f6798a09c465da95921460cefb3847402498", "Initialized(uint8)", {"version": p.uint8}),
}

export class Contract extends ContractBase {
}

/// Event types
export type NewDeviceEventArgs = EParams<typeof events.NewDevice>
export type UpdateDeviceEventArgs = EParams<typeof events.UpdateDevice>
export type RemoveDeviceEventArgs = EParams<typeof events.RemoveDevice>
export type SetIoIdStoreEventArgs = EParams<typeof events.SetIoIdStore>
export type MigrateEventArgs = EParams<typeof events.Migrate>
export type UpgradedEventArgs = EParams<typeof events.Upgraded>
export type AdminChangedEventArgs = EParams<typeof events.AdminChanged>
export type InitializedEventArgs = EParams<typeof events.Initialized>
