/**
 * IoTeX ioID (device identity for IoT DePINs) on the IoTeX L1 (chain id 4689).
 * Addresses and event signatures: github.com/iotexproject/ioID-contracts @ b94ad09 (2025-02-12): README.md
 * ("IoTeX Mainnet" section), .openzeppelin/unknown-4689.json (mainnet deployed 2024-08-26, commit b93c183;
 * ChangeFeeReceiver added by upgrade 2024-08-30, commit 00cdfbf), contracts/ioIDStore.sol, ioIDRegistry.sol,
 * ioID.sol. Reference: shared/reference/depin-contracts.json (IoTeX ioID); every topic0 matches it.
 *
 * Economics (contracts/ioIDStore.sol): a hardware project buys ioID slots with applyIoIDs(projectId, amount),
 * paying msg.value >= amount × price in native IOTX, forwarded to feeReceiver (kept in the store while
 * feeReceiver is unset). A virtual project (projectType != 0) cannot apply and instead pays `price` per device in
 * activeIoID. Registering a device (ioIDRegistry.register) calls store.activeIoID, mints the ioID NFT
 * (CreateIoID + ERC-721 Transfer) and emits NewDevice, in that order, in one transaction.
 * Neither ApplyIoIDs nor ActiveIoID carries the price, so the handlers keep the store's current price in state.
 */
import * as IoidNft from '../abi/IoidNft'
import * as IoidRegistry from '../abi/IoidRegistry'
import * as IoidStore from '../abi/IoidStore'
import { FactKind } from '../model'
import { iotex } from './chains'
import type { EventDef, FactDraft, HandlerContext, NetworkDef, StateAccess, TokenDef } from './types'

const REPO = 'github.com/iotexproject/ioID-contracts @ b94ad09 (2025-02-12)'
const SOURCE = `${REPO}: README.md (IoTeX Mainnet), .openzeppelin/unknown-4689.json, contracts/ioIDStore.sol, ioIDRegistry.sol, ioID.sol`

/** IOTX, the chain's native coin. 10 B cap: commonly cited, not verified from source (medium confidence). */
export const IOTX: TokenDef = { symbol: 'IOTX', address: null, decimals: 18, maxSupply: 10_000_000_000n * 10n ** 18n }

export const IOID_ADDRESSES = {
  ioIDStore: '0xa822Fd390e8eD3FEC80Bd26c77DD036935463b5E',
  ioIDRegistry: '0x04e4655Cf258EC802D17c23ec6112Ef7d97Fa2aF',
  ioID: '0x1FCB980eD0287777ab05ADc93012332e11300e54',
}

/**
 * Start block (all three proxies): the reference has none (no explorer access). 28,685,000 is the
 * BeginningBlockNumber an IoTeX ioID/W3bstream service config uses to watch this mainnet ioIDRegistry; the
 * contracts were deployed on 2024-08-26, later than that height (IoTeX ~5 s blocks), so it is a safe lower
 * bound that only costs scanning. Flagged: low confidence until checked on iotexscan.
 */
export const IOID_START_BLOCK = 28_685_000

/** Handler-state keys (NetworkState, per network). Values are JSON: bigints as decimal strings. */
export const IOID_STATE = {
  /** store price per ioID, IOTX wei (Initialize, ChangePrice) */
  price: 'price',
  /** ChangeFeeReceiver */
  feeReceiver: 'feeReceiver',
  /** applied but not yet activated ioIDs of a (hardware) project */
  slots: (projectId: bigint | string) => `slots:${projectId}`,
  /** fee events seen before any price was known: { events, ioids } */
  unpriced: 'unpriced',
} as const

const bigOf = (state: StateAccess, key: string): bigint | undefined => {
  const v = state.get<string>(key)
  return v === undefined ? undefined : BigInt(v)
}

/**
 * A fee of `ioids` × current price, paid by project `projectId` to the fee receiver (the store itself while no
 * receiver is set: applyIoIDs then keeps msg.value). Before any price is known the event is still valid: no
 * fee, the raw event stays, and the miss is counted in state (`unpriced`).
 */
function inferredFee(projectId: bigint, ioids: bigint, ctx: HandlerContext): FactDraft[] {
  const price = bigOf(ctx.state, IOID_STATE.price)
  if (price === undefined) {
    const u = ctx.state.get<{ events: number; ioids: string }>(IOID_STATE.unpriced) ?? { events: 0, ioids: '0' }
    ctx.state.set(IOID_STATE.unpriced, { events: u.events + 1, ioids: (BigInt(u.ioids) + ioids).toString() })
    return []
  }
  return [{
    kind: FactKind.FEE_PAID, asset: IOTX.symbol, amount: ioids * price, decimals: IOTX.decimals,
    actor: ctx.state.get<string>(IOID_STATE.feeReceiver) ?? IOID_ADDRESSES.ioIDStore,
    counterparty: null, subject: `project:${projectId}`, provenance: 'inferred',
  }]
}

const device = (kind: FactKind, amount: bigint, dev: string, owner: string): FactDraft => ({
  kind, asset: IOTX.symbol, amount, decimals: 0, actor: owner, counterparty: null, subject: dev.toLowerCase(), unit: 'devices', provenance: 'onchain',
})

/** proxy and initializer events every OZ transparent proxy here emits (kept raw so they are not quarantined) */
const proxyEvents = (m: { events: { Upgraded: any; AdminChanged: any; Initialized: any } }): EventDef[] => [
  { name: 'Upgraded', abi: m.events.Upgraded, meaning: 'OZ transparent proxy points to a new implementation.' },
  { name: 'AdminChanged', abi: m.events.AdminChanged, meaning: 'OZ transparent proxy admin changed.' },
  { name: 'Initialized', abi: m.events.Initialized, meaning: 'OZ Initializable: the implementation was initialized (version).' },
]

export const iotexIoid: NetworkDef = {
  id: 'iotex-ioid',
  name: 'IoTeX ioID',
  category: 'iot',
  categories: ['iot'],
  chain: iotex,
  token: IOTX,
  feeAsset: IOTX,
  capacityUnit: 'devices',
  feeRecipient: 'protocol',
  price: { kind: 'import', asset: 'IOTX' },
  source: SOURCE,
  contracts: [
    {
      name: 'ioIDStore',
      address: IOID_ADDRESSES.ioIDStore,
      proxy: true,
      startBlock: IOID_START_BLOCK,
      source: `${REPO}: README.md, contracts/ioIDStore.sol, contracts/interfaces/IioIDStore.sol`,
      confidence: 'high',
      events: [
        {
          name: 'ApplyIoIDs',
          abi: IoidStore.events.ApplyIoIDs,
          meaning: 'A hardware project buys `amount` ioID slots, paying amount × price native IOTX (forwarded to feeReceiver). The price is not in the event: FEE_PAID = amount × the last Initialize/ChangePrice price (inferred).',
          confidence: 'medium',
          facts: (a: IoidStore.ApplyIoIDsEventArgs, ctx) => {
            const key = IOID_STATE.slots(a.projectId)
            ctx.state.set(key, ((bigOf(ctx.state, key) ?? 0n) + a.amount).toString())
            return inferredFee(a.projectId, a.amount, ctx)
          },
        },
        {
          name: 'ActiveIoID',
          abi: IoidStore.events.ActiveIoID,
          meaning: 'One ioID of the project is consumed by a device registration (same tx as NewDevice, which carries the device count). A hardware project uses a slot bought with ApplyIoIDs; a virtual project (no unused slots) pays `price` IOTX here: FEE_PAID = price (inferred).',
          confidence: 'medium',
          facts: (a: IoidStore.ActiveIoIDEventArgs, ctx) => {
            const key = IOID_STATE.slots(a.projectId)
            const slots = bigOf(ctx.state, key) ?? 0n
            if (slots > 0n) {
              if (slots === 1n) ctx.state.delete(key)
              else ctx.state.set(key, (slots - 1n).toString())
              return []
            }
            return inferredFee(a.projectId, 1n, ctx)
          },
        },
        {
          name: 'Initialize',
          abi: IoidStore.events.Initialize,
          meaning: 'Store initialized with the Project NFT contract and the store-wide price per ioID (IOTX wei); the price is global, not per project.',
          facts: (a: IoidStore.InitializeEventArgs, ctx) => {
            ctx.state.set(IOID_STATE.price, a.price.toString())
            return []
          },
        },
        {
          name: 'ChangePrice',
          abi: IoidStore.events.ChangePrice,
          meaning: 'Owner changes the store-wide price per ioID (IOTX wei).',
          facts: (a: IoidStore.ChangePriceEventArgs, ctx) => {
            ctx.state.set(IOID_STATE.price, a.price.toString())
            return []
          },
        },
        {
          name: 'ChangeFeeReceiver',
          abi: IoidStore.events.ChangeFeeReceiver,
          meaning: 'Owner sets the address that receives ioID sales (before it is set, IOTX stays in the store until withdrawn).',
          facts: (a: IoidStore.ChangeFeeReceiverEventArgs, ctx) => {
            ctx.state.set(IOID_STATE.feeReceiver, a.feeReceiver.toLowerCase())
            return []
          },
        },
        { name: 'SetDeviceContract', abi: IoidStore.events.SetDeviceContract, meaning: 'A project binds its device NFT contract (required before its devices can register).' },
        { name: 'SetIoIDRegistry', abi: IoidStore.events.SetIoIDRegistry, meaning: 'Owner points the store at the ioIDRegistry allowed to activate ioIDs.' },
        { name: 'OwnershipTransferred', abi: IoidStore.events.OwnershipTransferred, meaning: 'Store owner (price and fee-receiver admin) changed.' },
        ...proxyEvents(IoidStore),
      ],
    },
    {
      name: 'ioIDRegistry',
      address: IOID_ADDRESSES.ioIDRegistry,
      proxy: true,
      startBlock: IOID_START_BLOCK,
      source: `${REPO}: README.md, contracts/ioIDRegistry.sol`,
      confidence: 'high',
      events: [
        {
          name: 'NewDevice',
          abi: IoidRegistry.events.NewDevice,
          meaning: 'A device (its address = its key) registers with a DID document hash/URI; owner = the user it is bound to. The device count: NODE_REGISTERED 1 device.',
          facts: (a: IoidRegistry.NewDeviceEventArgs) => [device(FactKind.NODE_REGISTERED, 1n, a.device, a.owner)],
        },
        {
          name: 'UpdateDevice',
          abi: IoidRegistry.events.UpdateDevice,
          meaning: 'A registered device updates its DID document hash/URI.',
          facts: (a: IoidRegistry.UpdateDeviceEventArgs) => [device(FactKind.NODE_UPDATE, 0n, a.device, a.owner)],
        },
        {
          name: 'RemoveDevice',
          abi: IoidRegistry.events.RemoveDevice,
          meaning: 'A device is removed from the registry (its DID wallet link is removed): NODE_DEREGISTERED 1 device.',
          facts: (a: IoidRegistry.RemoveDeviceEventArgs) => [device(FactKind.NODE_DEREGISTERED, 1n, a.device, a.owner)],
        },
        { name: 'Migrate', abi: IoidRegistry.events.Migrate, meaning: 'A device moves to a new owner (ioID NFT migrated); device count unchanged.' },
        { name: 'SetIoIdStore', abi: IoidRegistry.events.SetIoIdStore, meaning: 'Registry points at a new ioIDStore.' },
        ...proxyEvents(IoidRegistry),
      ],
    },
    {
      name: 'ioID',
      address: IOID_ADDRESSES.ioID,
      proxy: true,
      startBlock: IOID_START_BLOCK,
      source: `${REPO}: README.md, contracts/ioID.sol`,
      confidence: 'high',
      events: [
        { name: 'CreateIoID', abi: IoidNft.events.CreateIoID, meaning: 'ioID NFT and its ERC-6551 wallet minted for a device (did:io:<device>), one per NewDevice.' },
        { name: 'RemoveDIDWallet', abi: IoidNft.events.RemoveDIDWallet, meaning: 'DID-to-wallet link removed when a device is removed.' },
        { name: 'Migrate', abi: IoidNft.events.Migrate, meaning: 'ioID NFT moved to a new owner.' },
        { name: 'SetResolver', abi: IoidNft.events.SetResolver, meaning: 'ioID gets a profile resolver.' },
        { name: 'SetMinter', abi: IoidNft.events.SetMinter, meaning: 'Minter (the ioIDRegistry) set.' },
        { name: 'Transfer', abi: IoidNft.events.Transfer, meaning: 'ERC-721 transfer of an ioID NFT (mint on registration).' },
        { name: 'Approval', abi: IoidNft.events.Approval, meaning: 'ERC-721 approval.' },
        { name: 'ApprovalForAll', abi: IoidNft.events.ApprovalForAll, meaning: 'ERC-721 operator approval.' },
        ...proxyEvents(IoidNft),
      ],
    },
  ],
  notes: [
    'Market cap: IOTX is the native coin, whose supply no indexed event gives, so market cap is the imported CoinGecko market_cap of IOTX (marketCapBasis off-chain-import); FDV = the 10,000,000,000 IOTX max supply × price.',
    'Fees are native IOTX and no event carries them: FEE_PAID is inferred (provenance inferred) as ApplyIoIDs.amount × the store price from the last Initialize/ChangePrice (the price is store-wide: Initialize(project, price) names the Project NFT contract, not a project). msg.value may exceed amount × price (the contract requires >=); overpayment is not seen.',
    'Virtual projects cannot apply and pay the price per device in ActiveIoID; a fee is inferred for an ActiveIoID whose project has no unused applied slots in handler state. This relies on indexing from before the 2024-08-26 deployment so that every ApplyIoIDs is seen (medium confidence).',
    'A fee event before any price is known (only possible when starting after Initialize) is valid, so it is not quarantined: no fee, the raw event is kept, and NetworkState key `unpriced` counts the events and ioIDs.',
    'Fee actor = the ChangeFeeReceiver address; until one is set the store keeps the IOTX (actor = ioIDStore). The payer (project owner) is not in the event: subject = project:<projectId>, counterparty null.',
    'Device count = ioIDRegistry.NewDevice (the registration itself, carries the device address; one per device). ActiveIoID (slot consumption, no device) and ioID.CreateIoID (NFT mint, same tx) are not counted again.',
    'Start block 28,685,000 for all contracts is a documented lower bound (an IoTeX ioID service config), not the deployment block: low confidence until checked on an explorer.',
    'IOTX max supply 10,000,000,000 is commonly cited but not verified from source (medium confidence). The IOTX USD price is imported (no Chainlink feed on IoTeX).',
  ],
}
