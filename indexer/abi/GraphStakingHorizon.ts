import * as p from '@subsquid/evm-codec'
import { event, fun, viewFun, indexed, ContractBase } from '@subsquid/evm-abi'
import type { EventParams as EParams, FunctionArguments, FunctionReturn } from '@subsquid/evm-abi'

export const events = {
    HorizonStakeDeposited: event("0x48c384dd8bdf1e06d8afecd810c4acfc3d553ac5d879dec5a69875dbbd90e14b", "HorizonStakeDeposited(address,uint256)", {"serviceProvider": indexed(p.address), "tokens": p.uint256}),
    HorizonStakeWithdrawn: event("0x32eed9ebc5696170068a371fdbea4c076da1bc21b305e78ca0a5e65ee913be83", "HorizonStakeWithdrawn(address,uint256)", {"serviceProvider": indexed(p.address), "tokens": p.uint256}),
    ProvisionCreated: event("0x88b4c2d08cea0f01a24841ff5d14814ddb5b14ac44b05e0835fcc0dcd8c7bc25", "ProvisionCreated(address,address,uint256,uint32,uint64)", {"serviceProvider": indexed(p.address), "verifier": indexed(p.address), "tokens": p.uint256, "maxVerifierCut": p.uint32, "thawingPeriod": p.uint64}),
    ProvisionSlashed: event("0xe7b110f13cde981d5079ab7faa4249c5f331f5c292dbc6031969d2ce694188a3", "ProvisionSlashed(address,address,uint256)", {"serviceProvider": indexed(p.address), "verifier": indexed(p.address), "tokens": p.uint256}),
    TokensDelegated: event("0x237818af8bb47710142edd8fc301fbc507064fb357cf122fb161ca447e3cb13e", "TokensDelegated(address,address,address,uint256,uint256)", {"serviceProvider": indexed(p.address), "verifier": indexed(p.address), "delegator": indexed(p.address), "tokens": p.uint256, "shares": p.uint256}),
    TokensUndelegated: event("0x0525d6ad1aa78abc571b5c1984b5e1ea4f1412368c1cc348ca408dbb1085c9a1", "TokensUndelegated(address,address,address,uint256,uint256)", {"serviceProvider": indexed(p.address), "verifier": indexed(p.address), "delegator": indexed(p.address), "tokens": p.uint256, "shares": p.uint256}),
    TokensToDelegationPoolAdded: event("0x673007a04e501145e79f59aea5e0413b6e88344fdaf10326254530d6a1511530", "TokensToDelegationPoolAdded(address,address,uint256)", {"serviceProvider": indexed(p.address), "verifier": indexed(p.address), "tokens": p.uint256}),
    DelegationFeeCutSet: event("0x3474eba30406cacbfbc5a596a7e471662bbcccf206f8d244dbb6f4cc578c5220", "DelegationFeeCutSet(address,address,uint8,uint256)", {"serviceProvider": indexed(p.address), "verifier": indexed(p.address), "paymentType": indexed(p.uint8), "feeCut": p.uint256}),
}

export class Contract extends ContractBase {
}

/// Event types
export type HorizonStakeDepositedEventArgs = EParams<typeof events.HorizonStakeDeposited>
export type HorizonStakeWithdrawnEventArgs = EParams<typeof events.HorizonStakeWithdrawn>
export type ProvisionCreatedEventArgs = EParams<typeof events.ProvisionCreated>
export type ProvisionSlashedEventArgs = EParams<typeof events.ProvisionSlashed>
export type TokensDelegatedEventArgs = EParams<typeof events.TokensDelegated>
export type TokensUndelegatedEventArgs = EParams<typeof events.TokensUndelegated>
export type TokensToDelegationPoolAddedEventArgs = EParams<typeof events.TokensToDelegationPoolAdded>
export type DelegationFeeCutSetEventArgs = EParams<typeof events.DelegationFeeCutSet>
