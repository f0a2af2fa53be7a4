/** Shapes of the network registry. One entry per network; see docs/networks.md. */
import type { FactKind } from '../model'

export type Provenance = 'onchain' | 'inferred' | 'config'
export type Confidence = 'high' | 'medium' | 'low'

/** A decodable event: what @subsquid/evm-typegen generates per ABI event. */
export interface AbiEvent {
  topic: string
  decode(log: { topics: string[]; data: string }): Record<string, unknown>
}

export interface ChainDef {
  /** slug used in env names (RPC_<SLUG>_URL) and ids */
  id: string
  name: string
  chainId: number
  /**
   * how the chain is read: `evm` (Subsquid EvmBatchProcessor, the default) or `lotus` (Filecoin Lotus JSON-RPC,
   * indexer/sources/lotus). A non-EVM chain's chainId is a numeric key no other registry chain uses.
   */
  kind?: 'evm' | 'lotus'
  /** blocks after which a block is treated as final (Subsquid setFinalityConfirmation) */
  finalityConfirmations: number
  /** native asset */
  nativeSymbol: string
}

/** A normalized fact before it gets chain references attached. */
export interface FactDraft {
  kind: FactKind
  asset: string
  amount: bigint
  decimals: number
  actor?: string | null
  counterparty?: string | null
  /** lease id, device id, token id: what the fact is about */
  subject?: string | null
  /** capacity unit of NODE_* facts */
  unit?: string | null
  provenance: Provenance
  /** terms of the lease a LEASE_OPENED / LEASE_CLOSED fact is about; fills the Lease row, not stored on the fact */
  lease?: LeaseTerms
}

/** What a LEASE_* fact says about its lease beyond parties and id (each field where the chain tells it). */
export interface LeaseTerms {
  /** price in base units of priceAsset (priceDecimals) per priceUnit */
  price?: bigint | null
  priceAsset?: string
  priceDecimals?: number
  /** block, second, hour, ... */
  priceUnit?: string
  /** cpu (units), memoryBytes, storageBytes, gpu, gpuModel, stake, ... (JSON; bigints as strings) */
  resources?: Record<string, string | number | boolean | null>
  /** LEASE_CLOSED: what the lease cost over its life, in the price's base units */
  spent?: bigint | null
  /** provenance of price / spent when it differs from the fact's */
  provenance?: Provenance
}

/**
 * Handler state that outlives a batch (e.g. a store's current price, open leases), stored in NetworkState
 * inside the batch transaction so that a reorg rolls it back. Values must be JSON (bigints as strings).
 */
export interface StateAccess {
  get<T = unknown>(key: string): T | undefined
  set(key: string, value: unknown): void
  delete(key: string): void
}

export interface HandlerContext {
  block: { height: number; timestamp: number }
  txHash: string
  state: StateAccess
}

export interface EventDef {
  name: string
  abi: AbiEvent
  /** economic meaning, shown in docs/networks.md */
  meaning: string
  /** turns decoded args into facts; absent = raw event only. May read and write handler state. */
  facts?: (args: any, ctx: HandlerContext) => FactDraft[]
  confidence?: Confidence
}

export interface ContractDef {
  name: string
  /** checksummed address; logs come from proxies, so this is the proxy where there is one */
  address: string
  proxy: boolean
  /** first block with events of interest on the real chain */
  startBlock: number
  source: string
  confidence: Confidence
  events: EventDef[]
}

export interface TokenDef {
  symbol: string
  address: string | null
  decimals: number
  /** hard cap where the project states one; null = uncapped or unknown (FDV then uses total supply, flagged) */
  maxSupply?: bigint | null
}

export interface NetworkDef {
  id: string
  name: string
  category: string
  categories: string[]
  chain: ChainDef
  token: TokenDef
  feeAsset: TokenDef
  contracts: ContractDef[]
  source: string
  /** what NODE_* facts count (devices, GPUs, licences, orchestrators, ...) */
  capacityUnit?: string
  /** where the token's USD price comes from */
  price?: { kind: 'chainlink'; asset: string } | { kind: 'import'; asset: string }
  /**
   * Addresses whose token balances are not circulating (treasury, vesting, foundation). Token transfers into
   * them yield SUPPLY_LOCK, out of them SUPPLY_UNLOCK; circulating supply = total supply - locked + unlocked.
   */
  nonCirculating?: { address: string; label: string; source: string }[]
  /**
   * who the actor of FEE_PAID is: 'provider' (default: orchestrator, indexer, compute provider) or 'protocol'
   * (a fee receiver or burning wallet); only provider fee recipients get Provider rows and fees
   */
  feeRecipient?: 'provider' | 'protocol'
  /** leases occupy capacity units (e.g. rented licences), so utilization = active leases / capacity */
  leasesUseCapacity?: boolean
  /** caveats shown in docs/networks.md (medium/low confidence items, inferred meanings) */
  notes?: string[]
  /** a Filecoin network read over Lotus JSON-RPC: its actor events, state reads and handlers */
  lotus?: LotusNetworkDef
}

/** A built-in actor event (FIP-0049) decoded from Filecoin.GetActorEventsRaw: its `$type` and its fields. */
export interface LotusActorEvent {
  height: number
  /** unix ms of the epoch */
  timestamp: number
  /** position of the event among the events of its height in the RPC answer */
  index: number
  /** emitting actor (f05 for the market actor, the miner's f0 address for miner events) */
  emitter: string
  msgCid: string
  /** first CID of the tipset key */
  tipset: string
  /** value of the `$type` entry */
  type: string
  /** decoded entry values by key, in entry order (a key may repeat: piece-cid / piece-size) */
  fields: Record<string, unknown[]>
}

/** Filecoin.StateMarketStorageDeal: the proposal of a deal (what deal-activated is enriched with). */
export interface LotusDeal {
  dealId: number
  pieceCid: string
  pieceSize: bigint
  verified: boolean
  client: string
  provider: string
  label: string
  startEpoch: number
  endEpoch: number
  pricePerEpoch: bigint
  providerCollateral: bigint
  clientCollateral: bigint
}

/** Chain state read at one sample tipset (state after the messages of the epoch before it). */
export interface LotusStateSample {
  height: number
  timestamp: number
  tipset: string
  /** Filecoin.StateMinerPower(<undef>).TotalPower */
  rawBytePower: bigint
  qualityAdjPower: bigint
  /** Filecoin.StateVMCirculatingSupplyInternal */
  filVested: bigint
  filMined: bigint
  filBurnt: bigint
  filLocked: bigint
  filCirculating: bigint
  filReserveDisbursed: bigint
  /** reward actor (f02) state: ThisEpochReward */
  thisEpochReward: bigint
}

export interface LotusEventDef {
  /** the `$type` value */
  type: string
  /** emitting actor kind */
  actor: 'market' | 'miner'
  /** entries in emission order: key, CBOR type, indexed */
  fields: string
  meaning: string
  facts: boolean
  source: string
  confidence?: Confidence
}

export interface LotusNetworkDef {
  events: LotusEventDef[]
  /** state methods read at every sample, for docs */
  stateReads: { method: string; meaning: string; source: string }[]
  /** epochs between state samples (a sample at every multiple of this height) */
  sampleEpochs: number
  /** event `$type`s whose deal is looked up with StateMarketStorageDeal at the event's tipset */
  enrichDeals: string[]
  /** facts of one actor event (deal: the enrichment, where looked up) */
  handleEvent(e: LotusActorEvent, deal: LotusDeal | undefined, state: StateAccess): FactDraft[]
  /** facts of one state sample (deltas against the previous sample, accruals since it) */
  handleSample(s: LotusStateSample, state: StateAccess): { facts: FactDraft[]; args: Record<string, string> }
}

/** A USD price feed whose events the indexer reads on the same chain as the networks it prices. */
export interface PriceFeedDef {
  asset: string
  quote: 'USD'
  chain: ChainDef
  /** the aggregator emits AnswerUpdated (not the proxy); it rotates on phase upgrades */
  aggregator: string
  proxy: string
  decimals: number
  startBlock: number
  source: string
  confidence: Confidence
  events: EventDef[]
}
