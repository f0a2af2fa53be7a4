import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    TokensTransferredForDevice: event("0x3ab5458e0b305f1e637781c67c5be0f43b7ee1a4427584e3b229524929184bc4", "TokensTransferredForDevice(uint256,address,uint256,uint256,address,uint256)", {"week": p.uint256, "user": indexed(p.address), "_amount": p.uint256, "vehicleNodeId": indexed(p.uint256), "deviceNftProxy": p.address, "deviceNode": indexed(p.uint256)}),
    TokensTransferredForConnectionStreak: event("0x4608830ab3ec9e091c65f293254fe1aef6fcd37ed152914a665e6ad38de6a992", "TokensTransferredForConnectionStreak(uint256,address,uint256,uint256,uint256)", {"week": p.uint256, "user": indexed(p.address), "_amount": p.uint256, "vehicleNodeId": indexed(p.uint256), "connectionStreak": p.uint256}),
    TokensTransferred: event("0x57e1000ba5ba7b6ab6670639de9fc3db34d05ef2bbce4a09d60dda560387b0ea", "TokensTransferred(address,uint256,uint256)", {"user": indexed(p.address), "_amount": p.uint256, "vehicleNodeId": indexed(p.uint256)}),
    DidntQualify: event("0xf667cbbd740351d2f58b68dc6a8ee1b1f3a853c609d7ce7eee4a3bdc94d62774", "DidntQualify(address,uint256,uint256)", {"user": indexed(p.address), "_amount": p.uint256, "vehicleNodeId": indexed(p.uint256)}),
    WeekAdvanced: event("0x54ab1f5ea80e88ee480c10edc5b60056a0e392c6125954a9f47ce8677acc59d0", "WeekAdvanced(uint256)", {"newWeek": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type TokensTransferredForDeviceEventArgs = EParams<typeof events.TokensTransferredForDevice>
export type TokensTransferredForConnectionStreakEventArgs = EParams<typeof events.TokensTransferredForConnectionStreak>
export type TokensTransferredEventArgs = EParams<typeof events.TokensTransferred>
export type DidntQualifyEventArgs = EParams<typeof events.DidntQualify>
export type WeekAdvancedEventArgs = EParams<typeof events.WeekAdvanced>
