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
  /**
   * numeric chain key stored with every row: the EVM chain id; for a CometBFT chain (whose chain id is a string,
   * `cometbftChainId`) a project-assigned number that no EVM chain uses
   */
  chainId: number
  /**
   * how the chain is read: `evm` (Subsquid EvmBatchProcessor, the default) `lotus` (Filecoin Lotus JSON-RPC, indexer/sources/lotus) or
   * `cometbft` (CometBFT JSON-RPC, indexer/sources/cometbft) or `solana` (Solana JSON-RPC getBlock, indexer/sources/solana).
   * A non-EVM chain's chainId is a numeric key no other registry chain uses.
   */
  kind?: 'evm' | 'lotus' | 'cometbft' | 'solana'
  /** the chain id a CometBFT node reports in /status (e.g. akashnet-2) */
  cometbftChainId?: string
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
  /** cpu (units), memoryBytes, storageBytes, gpu, gpuModel, gpuByModel, stake, ... (JSON; bigints as strings) */
  resources?: Record<string, string | number | boolean | null | Record<string, number>>
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
  /**
   * the event sets an asset's USD price on chain (DIMO's DimoCredit rate): each log is also stored as a PricePoint
   * (source `onchain:<chainId>:<contract>:<event>`), which values the asset's fees at each event like a Chainlink answer
   */
  price?: OnchainPriceDef
  confidence?: Confidence
}

/** An event argument that is an asset's price: answer / 10^decimals quote units per unit of the asset. */
export interface OnchainPriceDef {
  asset: string
  quote: string
  decimals: number
  answer: (args: any) => bigint
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
  /**
   * a price the protocol itself fixes (Helium Data Credits: 1 DC = 0.00001 USD), used instead of imported prices;
   * `source` says where the rule comes from (docs/methodology.md)
   */
  fixedUsdPrice?: { usd: number; source: string }
  /**
   * priced on chain by its own contract's events (an EventDef with `price`), not by imports: `initialUsd` is the price
   * before the first such event (the contract's constructor value), `source` where both come from
   */
  onchainPrice?: { initialUsd: number; source: string }
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
  /** leases record the capacity they take (CAPACITY_LEASED / RELEASED facts): utilization = leased capacity / capacity */
  leasedCapacity?: boolean
  /** caveats shown in docs/networks.md (medium/low confidence items, inferred meanings) */
  notes?: string[]
  /** a Filecoin network read over Lotus JSON-RPC: its actor events, state reads and handlers */
  lotus?: LotusNetworkDef
  /**
   * false where indexed mints do not give the token's supply (a Cosmos chain's genesis supply emits no event):
   * market cap (then the imported CoinGecko market_cap, flagged off-chain-import) and FDV are not computed from the mints since the start block
   */
  supplyFromMints?: boolean
  /**
   * Assets other than the fee asset in which fees are paid, valued at a fixed USD price (stablecoins), with the
   * price's provenance. Their FEE_PAID / PROTOCOL_TAKE facts are valued into feesOtherUsd / protocolTakeOtherUsd.
   */
  otherFeeAssets?: { symbol: string; decimals: number; usdPrice: number; source: string }[]
  /** a Cosmos network read over CometBFT JSON-RPC: what its source decodes (CometBFT module events and messages), shown in docs/networks.md */
  cosmos?: CosmosNetworkDef
  /** a network of Solana programs read over Solana JSON-RPC: the programs, their IDLs, the instructions that yield facts */
  solana?: SolanaNetworkDef
  /**
   * PROTOCOL_TAKE facts are in the fee asset and count as protocol revenue even though the fee asset is not the
   * token (Helium: Data Credits burned). Without it only a network whose fee asset is its token values its take.
   */
  takeInFeeAsset?: boolean
}

/** An SPL Token instruction (Token or Token-2022) run by a watched instruction through CPI: where amounts move. */
export interface SolanaTokenOp {
  kind: 'transfer' | 'mintTo' | 'burn'
  /** the mint (from the instruction's accounts, or for a plain Transfer from the transaction's token balances); null if unknown */
  mint: string | null
  amount: bigint
  /** transfer / burn: the debited token account */
  from: string | null
  /** transfer / mintTo: the credited token account */
  to: string | null
}

/** A decoded instruction of a watched program (top-level or inner), with the token movements it caused. */
export interface SolanaInstruction {
  slot: number
  /** unix ms (the block's blockTime) */
  timestamp: number
  blockhash: string
  /** first signature of the transaction (its id) */
  signature: string
  /** position of the instruction: `<tx index>.<top-level index>` or `<tx index>.<top-level index>.<inner index>` */
  position: string
  programId: string
  /** IDL name (camelCase) */
  name: string
  /** decoded arguments, JSON-ready (u64 and larger as decimal strings, byte arrays as hex) */
  args: Record<string, unknown>
  /** accounts by IDL name (nested account groups as `group.name`), base58 */
  accounts: Record<string, string>
  /** SPL Token instructions it caused (its CPI subtree) */
  tokenOps: SolanaTokenOp[]
}

export interface SolanaInstructionDef {
  /** program name (IDL metadata name, camelCase) and instruction name (camelCase, as in the IDL) */
  program: string
  name: string
  meaning: string
  facts: boolean
  confidence?: Confidence
}

export interface SolanaProgramDef {
  /** IDL metadata name (camelCase): dataCredits, heliumSubDaos, ... */
  name: string
  programId: string
  /** the Anchor IDL (Anchor 0.30+ spec, as in @helium/idls) */
  idl: any
  source: string
}

export interface SolanaNetworkDef {
  programs: SolanaProgramDef[]
  /** the instructions turned into raw events (and facts); other decodable instructions of the programs are skipped */
  instructions: SolanaInstructionDef[]
  /** facts of one decoded instruction; may read and write handler state */
  handleInstruction(ix: SolanaInstruction, state: StateAccess): FactDraft[]
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

/** A CometBFT / Cosmos SDK event as a block's results carry it, attributes as text (Tendermint 0.34's base64 decoded by the source). */
export interface AbciEvent {
  type: string
  attributes: { key: string; value: string; index?: boolean }[]
}

/** A decoded transaction message: its type URL and the protobuf-decoded value. */
export interface DecodedMsg {
  typeUrl: string
  value: any
}

/** One block of a CometBFT chain, decoded: what a Cosmos network handler sees. */
export interface CosmosBlockInput {
  height: number
  hash: string
  /** unix milliseconds */
  timestamp: number
  /** events of the block outside transactions (begin/end block, or finalize_block in CometBFT 0.38) */
  blockEvents: AbciEvent[]
  txs: {
    hash: string
    /** result code: 0 = success (failed transactions change no state and are skipped) */
    code: number
    msgs: DecodedMsg[]
    /** undecodable message type URLs (kept, quarantined by the source) */
    undecoded: string[]
    events: AbciEvent[]
  }[]
  /** chain state read for this block (CosmosQueryDef), by query id */
  queries?: Record<string, { height: number; value: unknown }>
}

/** A module event or message a Cosmos network's handler understands (for docs and tests). */
export interface CosmosEventDef {
  /** the event type (and `module/action` for legacy message events), or the message type URL */
  name: string
  meaning: string
  facts: boolean
  confidence?: Confidence
}

/** ABCI query of a CometBFT node (path, protobuf request bytes, height): code 0 and the response bytes when answered. */
export type AbciQuery = (path: string, data: Uint8Array, height: number) => Promise<{ code: number; log: string; value: Uint8Array }>

/**
 * Chain state a Cosmos handler needs beside blocks (module parameters), read over abci_query by the source: at the
 * first block of each run and at every block where `refreshAt` is true. The value reaches handleBlock as
 * block.queries[id] = { height, value }: state after block `height` (applied before the block's events when
 * height < block.height, after them otherwise). `read` returns null when the node cannot answer (pruned state,
 * unknown query path): the handler then keeps what it had or falls back to configuration.
 */
export interface CosmosQueryDef {
  id: string
  /** what is read and from where (docs) */
  meaning: string
  read(query: AbciQuery, height: number): Promise<unknown | null>
  refreshAt(block: CosmosBlockInput): boolean
  /**
   * when the start reading is not answered (a pruned node), read at the chain head instead: the value reaches the
   * first block with that later height, and the handler applies it when it reaches that block
   */
  atHeadWhenPruned?: boolean
}

export interface CosmosNetworkDef {
  /** protobuf message type URLs decoded from transactions */
  messages: CosmosEventDef[]
  events: CosmosEventDef[]
  queries?: CosmosQueryDef[]
  /** module events + facts of one block; may read and write handler state */
  handleBlock(block: CosmosBlockInput, state: StateAccess): CosmosBlockOutput
}

/** A decoded event of a Cosmos block with the facts it yields (or a reason it could not be normalized). */
export interface CosmosEventOut {
  /** position of the event in the block (block events first, then each transaction's events in order) */
  index: number
  /** `module/action` or the event type */
  name: string
  /** module (or event type) that emitted it */
  module: string
  txHash: string
  args: Record<string, string>
  facts: FactDraft[]
  /** set when the event could not be normalized: quarantined with this reason */
  error?: string
}

export interface CosmosBlockOutput {
  events: CosmosEventOut[]
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
