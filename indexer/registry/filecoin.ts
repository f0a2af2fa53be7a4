/**
 * Filecoin (decentralized storage) read over Lotus JSON-RPC: storage deals as leases from the built-in actor events
 * (FIP-0049 actor events, FIP-0083 market and miner events) enriched with the deal proposal, and network power,
 * block rewards, supply and burns from chain state sampled every hour.
 *
 * Sources (verified against the code):
 * - events: filecoin-project/builtin-actors @ b0a3bdd67859dfb417b46e7cdc1ac57b80e17f0a, actors/market/src/emit.rs,
 *   actors/miner/src/emit.rs, runtime/src/util/events.rs (`$type` key, flags, codec 0x51 = IPLD CBOR);
 * - wire format: filecoin-project/lotus @ b835fab702ebce57abd7e6d0c3326bbd1e18c008, chain/types/actor_event.go
 *   (ActorEvent, ActorEventFilter), chain/types/event.go (EventEntry: Flags, Key, Codec, Value), api/api_full.go
 *   (GetActorEventsRaw, StateMarketStorageDeal, MarketDeal, StateMinerPower, StateVMCirculatingSupplyInternal,
 *   CirculatingSupply), build/openrpc/full.json (JSON shapes), chain/stmgr/actors.go GetPowerRaw (an undefined
 *   miner address returns only the network totals);
 * - deal economics: builtin-actors actors/market/src/deal.rs (DealProposal: payment is linear between StartEpoch
 *   and EndEpoch, total = StoragePricePerEpoch x (EndEpoch - StartEpoch));
 * - settlement: filecoin-project/FIPs FIPS/fip-0074.md and builtin-actors actors/market/src/lib.rs (cron_tick does not
 *   reschedule newly activated deals; settle_deal_payments emits deal-completed once the end epoch has passed;
 *   on_miner_sectors_terminate settles and emits deal-terminated at once).
 */
import { FactKind } from '../model'
import { filecoin as filecoinChain } from './chains'
import type { FactDraft, LotusActorEvent, LotusDeal, LotusNetworkDef, LotusStateSample, NetworkDef, StateAccess, TokenDef } from './types'

const BUILTIN_ACTORS = 'filecoin-project/builtin-actors@b0a3bdd6'
const LOTUS = 'filecoin-project/lotus@b835fab7'

/** FIL, 18 decimals (attoFIL); 2,000,000,000 FIL is the protocol's maximum supply (Filecoin spec, token allocation). */
export const FIL: TokenDef = { symbol: 'FIL', address: null, decimals: 18, maxSupply: 2_000_000_000n * 10n ** 18n }

/** Built-in actor addresses (builtin-actors runtime/src/builtin/singletons.rs). */
export const MARKET_ACTOR = 'f05'
export const POWER_ACTOR = 'f04'
export const REWARD_ACTOR = 'f02'
export const BURNT_FUNDS_ACTOR = 'f099'

/** The mainnet epoch at which built-in actor events started: network version 22 (Dragon, FIP-0083), 2024-04-24. */
export const FIP0083_HEIGHT = 3_855_360
/** Mainnet genesis (epoch 0), unix seconds; epoch h starts at GENESIS + 30 h (null rounds keep the schedule). */
export const FILECOIN_GENESIS_TIMESTAMP = 1_598_306_400
export const EPOCH_SECONDS = 30
/** one state sample per hour */
export const SAMPLE_EPOCHS = 120

/** Deal kinds read from the market actor, and the miner's sector events (all of FIP-0083 that the source asks for). */
export const DEAL_EVENTS = ['deal-published', 'deal-activated', 'deal-terminated', 'deal-completed'] as const
export const SECTOR_EVENTS = ['sector-activated', 'sector-terminated'] as const

const fil = (kind: FactKind, amount: bigint, o: Partial<FactDraft> = {}): FactDraft => ({
  kind, asset: FIL.symbol, amount, decimals: FIL.decimals, provenance: 'onchain', ...o,
})

/** f0 ID address of an ActorID (event values carry IDs, not addresses). */
export const idAddress = (id: unknown) => {
  if (typeof id !== 'number' && typeof id !== 'bigint') throw new Error(`expected an actor id (CBOR unsigned int), got ${JSON.stringify(String(id))}`)
  if (BigInt(id) < 0n) throw new Error(`negative actor id ${id}`)
  return `f0${BigInt(id)}`
}

const one = (e: LotusActorEvent, key: string): unknown => {
  const v = e.fields[key]
  if (!v || v.length === 0) throw new Error(`${e.type}: missing entry "${key}"`)
  return v[0]
}

const uint = (e: LotusActorEvent, key: string): number => {
  const v = one(e, key)
  if ((typeof v !== 'number' && typeof v !== 'bigint') || BigInt(v) < 0n || BigInt(v) > BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new Error(`${e.type}: entry "${key}" is not an unsigned integer (${String(v)})`)
  }
  return Number(v)
}

/**
 * A deal in the book, as the handler keeps it: what accrual and closing need. Deals are kept per provider (NetworkState
 * key `deals:<provider>`, providers with deals in key `providers`), so that a deal event rewrites one provider's
 * deals, not all of them. A deal is in the book from its deal-activated until the first sample at or after the epoch
 * it stops paying (its end epoch, or its termination).
 */
interface ActiveDeal {
  provider: string
  client: string
  /** attoFIL per epoch, decimal string */
  price: string
  start: number
  end: number
  /** epoch from which it no longer pays (termination), when terminated: its lease and capacity closed then */
  stop?: number
  /** its deal-completed (a SettleDealPayments after the end epoch) was seen before the end sample closed it */
  completed?: boolean
  pieceSize: string
}

type Deals = Record<string, ActiveDeal>

/**
 * Deals that reached their end epoch and were closed at the end sample without a deal-completed yet (NetworkState key
 * `ended:<provider>`: deal id -> end epoch). Since FIP-0074 a deal completes only when someone calls SettleDealPayments
 * after its end, maybe long after or never (unpaid deals are not expected to be settled): a later deal-completed of
 * one of these is the settlement of a lease already closed and yields no fact.
 */
type Ended = Record<string, number>

const dealsKey = (provider: string) => `deals:${provider}`
const endedKey = (provider: string) => `ended:${provider}`

function saveEnded(state: StateAccess, provider: string, ended: Ended) {
  if (Object.keys(ended).length === 0) state.delete(endedKey(provider))
  else state.set(endedKey(provider), ended)
}

function saveDeals(state: StateAccess, provider: string, deals: Deals) {
  const providers = state.get<string[]>('providers') ?? []
  let empty = true
  for (const _ in deals) {
    empty = false
    break
  }
  if (empty) {
    state.delete(dealsKey(provider))
    if (providers.includes(provider)) state.set('providers', providers.filter((p) => p !== provider))
    return
  }
  state.set(dealsKey(provider), deals)
  if (!providers.includes(provider)) state.set('providers', [...providers, provider].sort())
}

/**
 * What the deal earned its provider between two epochs: price x epochs of [from, to) inside [start, min(end, stop)).
 * `price` is the deal's price parsed already (the sample's walk over every active deal parses it once per deal).
 */
export function dealAccrual(d: { price: string | bigint; start: number; end: number; stop?: number }, from: number, to: number, price?: bigint): bigint {
  const lo = Math.max(from, d.start)
  const hi = Math.min(to, d.end, d.stop ?? Infinity)
  return hi > lo ? (price ?? BigInt(d.price)) * BigInt(hi - lo) : 0n
}

/**
 * A deal's price and piece size as bigints, parsed once per deal object (each sample walks every active deal; the
 * book's objects are replaced by their JSON once per batch, so a deal is parsed about once a batch, not a sample).
 */
const parsedDeals = new WeakMap<ActiveDeal, { price: bigint; pieceSize: bigint }>()
function numbersOf(d: ActiveDeal): { price: bigint; pieceSize: bigint } {
  let n = parsedDeals.get(d)
  if (!n) parsedDeals.set(d, (n = { price: BigInt(d.price), pieceSize: BigInt(d.pieceSize) }))
  return n
}

/** Deal payments over the deal's paying life up to `stop` (termination) or its end. */
export const dealSpent = (d: { price: string | bigint; start: number; end: number; stop?: number }) => dealAccrual(d, d.start, Number.MAX_SAFE_INTEGER)

function handleEvent(e: LotusActorEvent, deal: LotusDeal | undefined, state: StateAccess): FactDraft[] {
  if (e.type.startsWith('sector-')) {
    // capacity is read from the power actor; a sector event marks the miner as active that day
    const sector = uint(e, 'sector')
    return [{ kind: FactKind.NODE_UPDATE, asset: 'sector', amount: 0n, decimals: 0, actor: e.emitter, subject: `${e.emitter}/${sector}`, unit: 'sector', provenance: 'onchain' }]
  }
  const id = uint(e, 'id')
  const client = idAddress(one(e, 'client'))
  const provider = idAddress(one(e, 'provider'))
  if (e.emitter !== MARKET_ACTOR) throw new Error(`${e.type} emitted by ${e.emitter}, not the market actor ${MARKET_ACTOR}`)
  const deals = state.get<Deals>(dealsKey(provider)) ?? {}
  const subject = String(id)
  switch (e.type) {
    case 'deal-published':
      return []
    case 'deal-activated': {
      if (!deal) throw new Error(`deal-activated ${id}: no deal proposal (StateMarketStorageDeal)`)
      if (deal.dealId !== id || deal.provider !== provider || deal.client !== client) {
        throw new Error(`deal-activated ${id}: proposal does not match the event (deal ${deal.dealId}, ${deal.client} -> ${deal.provider})`)
      }
      deals[subject] = { provider, client, price: deal.pricePerEpoch.toString(), start: deal.startEpoch, end: deal.endEpoch, pieceSize: deal.pieceSize.toString() }
      saveDeals(state, provider, deals)
      return [
        fil(FactKind.LEASE_OPENED, deal.pricePerEpoch, {
          actor: provider, counterparty: client, subject,
          lease: {
            price: deal.pricePerEpoch, priceAsset: FIL.symbol, priceDecimals: FIL.decimals, priceUnit: 'epoch (30 s)',
            resources: {
              pieceSizeBytes: deal.pieceSize.toString(), pieceCid: deal.pieceCid, verified: deal.verified,
              startEpoch: deal.startEpoch, endEpoch: deal.endEpoch, label: deal.label.slice(0, 200),
            },
          },
        }),
        // the deal's bytes occupy storage power from activation: utilization = deal bytes / raw-byte power
        { kind: FactKind.CAPACITY_LEASED, asset: 'bytes', amount: deal.pieceSize, decimals: 0, actor: provider, counterparty: client, subject, unit: 'bytes', provenance: 'onchain' },
      ]
    }
    case 'deal-terminated':
    case 'deal-completed': {
      const d = deals[subject]
      if (!d) {
        const ended = state.get<Ended>(endedKey(provider))
        if (ended && subject in ended) {
          // the settlement of a deal whose lease and capacity closed at the first sample at or after its end epoch
          delete ended[subject]
          saveEnded(state, provider, ended)
          return []
        }
        // activated before the indexed range: closed with its cost unknown
        return [fil(FactKind.LEASE_CLOSED, 0n, { actor: provider, counterparty: client, subject, lease: { spent: null } })]
      }
      if (d.stop != null) return [] // terminated already: closed then
      if (e.type === 'deal-completed' || e.height >= d.end) {
        // settled at or after its end epoch (FIP-0074: SettleDealPayments, maybe long after the end, or never): the
        // first sample at or after the end epoch closes the lease and releases its capacity, whether or not this came
        d.completed = true
        saveDeals(state, provider, deals)
        return []
      }
      // terminated early (sector terminated): pays up to the termination epoch; lease and capacity close now
      d.stop = e.height
      saveDeals(state, provider, deals)
      const spent = dealSpent(d)
      return [
        fil(FactKind.LEASE_CLOSED, spent, { actor: provider, counterparty: client, subject, provenance: 'inferred', lease: { spent, provenance: 'inferred' } }),
        { kind: FactKind.CAPACITY_RELEASED, asset: 'bytes', amount: BigInt(d.pieceSize), decimals: 0, actor: provider, counterparty: client, subject, unit: 'bytes', provenance: 'onchain' },
      ]
    }
    default:
      return []
  }
}

/** Previous sample's cumulative state (NetworkState key `sample`), decimal strings. */
interface PrevSample {
  height: number
  released: string
  burnt: string
  mined: string
  locked: string
  raw: string
}

function handleSample(s: LotusStateSample, state: StateAccess): { facts: FactDraft[]; args: Record<string, string> } {
  const prev = state.get<PrevSample>('sample')
  const released = s.filVested + s.filMined + s.filReserveDisbursed
  const facts: FactDraft[] = []
  const delta = (now: bigint, before: string | undefined) => now - BigInt(before ?? 0)
  // supply: released (vested + mined + reserve disbursed) minus burnt; locked (pledge, deal collateral, vesting
  // funds of miners) is not circulating. The first sample records the opening balances.
  const opening = prev ? {} : { subject: 'opening-balance' }
  const dReleased = delta(released, prev?.released)
  if (dReleased > 0n) facts.push(fil(FactKind.SUPPLY_MINT, dReleased, { counterparty: REWARD_ACTOR, ...opening }))
  const dLocked = delta(s.filLocked, prev?.locked)
  if (dLocked > 0n) facts.push(fil(FactKind.SUPPLY_LOCK, dLocked, opening))
  if (dLocked < 0n) facts.push(fil(FactKind.SUPPLY_UNLOCK, -dLocked))
  const dRaw = delta(s.rawBytePower, prev?.raw)
  const bytes = (kind: FactKind, amount: bigint): FactDraft => ({ kind, asset: 'bytes', amount, decimals: 0, actor: POWER_ACTOR, unit: 'bytes', provenance: 'onchain', ...opening })
  if (dRaw > 0n) facts.push(bytes(FactKind.NODE_REGISTERED, dRaw))
  if (dRaw < 0n) facts.push(bytes(FactKind.NODE_DEREGISTERED, -dRaw))
  const providers = state.get<string[]>('providers') ?? []
  const dealsOf = new Map(providers.map((p) => [p, state.get<Deals>(dealsKey(p)) ?? {}]))
  let dealBytes = 0n
  if (prev) {
    // block rewards since the last sample: growth of the reward actor's TotalStoragePowerReward (= FilMined)
    const dMined = delta(s.filMined, prev.mined)
    if (dMined > 0n) facts.push(fil(FactKind.REWARD_EMITTED, dMined, { counterparty: REWARD_ACTOR }))
    // burns since the last sample: growth of f099's balance (base fees, over-estimation gas, penalties)
    const dBurnt = delta(s.filBurnt, prev.burnt)
    if (dBurnt > 0n) {
      facts.push(fil(FactKind.SUPPLY_BURN, dBurnt, { counterparty: BURNT_FUNDS_ACTOR }))
      facts.push(fil(FactKind.FEE_PAID, dBurnt, { counterparty: BURNT_FUNDS_ACTOR, subject: 'burn', provenance: 'inferred' }))
      facts.push(fil(FactKind.PROTOCOL_TAKE, dBurnt, { counterparty: BURNT_FUNDS_ACTOR, subject: 'burn', provenance: 'inferred' }))
    }
  }
  // one pass over each provider's deal book: deal payments accrued over the epochs [prev, this) (the state at tipset
  // h is after epoch h - 1), active deal bytes (deals activated and still paying: the same deals as Σ CAPACITY_LEASED
  // - Σ CAPACITY_RELEASED), and deals whose paying life is over leave the book once accrued. A deal that reached its
  // end epoch closes here, not at its deal-completed: since FIP-0074 completion waits for a SettleDealPayments call.
  for (const [provider, deals] of dealsOf) {
    let amount = 0n
    let changed = false
    let ended: Ended | undefined
    for (const id in deals) {
      const d = deals[id]
      const n = numbersOf(d)
      if (prev) amount += dealAccrual(d, prev.height, s.height, n.price)
      if ((d.stop ?? d.end) > s.height) {
        dealBytes += n.pieceSize
        continue
      }
      if (d.stop == null) {
        const spent = dealAccrual(d, d.start, d.end, n.price)
        const parties = { actor: provider, counterparty: d.client, subject: id }
        facts.push(
          fil(FactKind.LEASE_CLOSED, spent, { ...parties, provenance: 'inferred', lease: { spent, provenance: 'inferred' } }),
          { kind: FactKind.CAPACITY_RELEASED, asset: 'bytes', amount: n.pieceSize, decimals: 0, ...parties, unit: 'bytes', provenance: 'inferred' },
        )
        if (!d.completed) (ended ??= state.get<Ended>(endedKey(provider)) ?? {})[id] = d.end
      }
      delete deals[id]
      changed = true
    }
    if (prev && amount > 0n) facts.push(fil(FactKind.FEE_PAID, amount, { actor: provider, subject: 'deal-payments', provenance: 'inferred' }))
    if (changed) saveDeals(state, provider, deals)
    if (ended) saveEnded(state, provider, ended)
  }
  state.set('sample', { height: s.height, released: released.toString(), burnt: s.filBurnt.toString(), mined: s.filMined.toString(), locked: s.filLocked.toString(), raw: s.rawBytePower.toString() } satisfies PrevSample)
  return {
    facts,
    args: {
      rawBytePower: s.rawBytePower.toString(), qualityAdjPower: s.qualityAdjPower.toString(), activeDealBytes: dealBytes.toString(),
      filVested: s.filVested.toString(), filMined: s.filMined.toString(), filBurnt: s.filBurnt.toString(), filLocked: s.filLocked.toString(),
      filCirculating: s.filCirculating.toString(), filReserveDisbursed: s.filReserveDisbursed.toString(), thisEpochReward: s.thisEpochReward.toString(),
    },
  }
}

const dealFields = 'id (uint, DealID), client (uint, ActorID), provider (uint, ActorID); all indexed'

export const filecoinLotus: LotusNetworkDef = {
  sampleEpochs: SAMPLE_EPOCHS,
  enrichDeals: ['deal-activated'],
  events: [
    { type: 'deal-published', actor: 'market', fields: dealFields, meaning: 'a deal proposal is published (not yet in a sector): raw event only', facts: false, source: `${BUILTIN_ACTORS} actors/market/src/emit.rs deal_published` },
    { type: 'deal-activated', actor: 'market', fields: dealFields, meaning: 'the deal is in a proven sector: LEASE_OPENED (amount = StoragePricePerEpoch) with the proposal from StateMarketStorageDeal (piece size and CID, verified, start/end epoch), CAPACITY_LEASED of its piece size', facts: true, source: `${BUILTIN_ACTORS} actors/market/src/emit.rs deal_activated` },
    { type: 'deal-terminated', actor: 'market', fields: dealFields, meaning: 'the deal ended early (sector terminated; FIP-0074 settles it at once): LEASE_CLOSED, spent = price x epochs paid (start to termination), inferred; CAPACITY_RELEASED of its piece size', facts: true, source: `${BUILTIN_ACTORS} actors/market/src/emit.rs deal_terminated` },
    { type: 'deal-completed', actor: 'market', fields: dealFields, meaning: 'the final SettleDealPayments of a deal past its end epoch (FIP-0074: any time after the end, or never): no fact for a deal the indexer saw activate (its lease and capacity closed at the first sample at or after its end epoch); LEASE_CLOSED with spent unknown for a deal activated before the indexed range', facts: true, source: `${BUILTIN_ACTORS} actors/market/src/emit.rs deal_completed` },
    { type: 'sector-activated', actor: 'miner', fields: 'sector (uint, indexed), unsealed-cid (CID or null, indexed), then per piece: piece-cid (CID, indexed), piece-size (uint, key indexed)', meaning: 'a sector is activated by its miner: NODE_UPDATE (provider activity)', facts: true, source: `${BUILTIN_ACTORS} actors/miner/src/emit.rs sector_activated` },
    { type: 'sector-terminated', actor: 'miner', fields: 'sector (uint, indexed)', meaning: 'a sector is terminated by its miner: NODE_UPDATE (provider activity)', facts: true, source: `${BUILTIN_ACTORS} actors/miner/src/emit.rs sector_terminated` },
  ],
  stateReads: [
    { method: 'Filecoin.StateMinerPower (undefined miner)', meaning: 'TotalPower.RawBytePower, QualityAdjPower: capacity (NODE_REGISTERED / NODE_DEREGISTERED = change of raw-byte power, bytes)', source: `${LOTUS} chain/stmgr/actors.go GetPowerRaw` },
    { method: 'Filecoin.StateVMCirculatingSupplyInternal', meaning: 'FilVested + FilMined + FilReserveDisbursed (SUPPLY_MINT of its growth), FilBurnt (SUPPLY_BURN, and FEE_PAID + PROTOCOL_TAKE as burnt fees), FilLocked (SUPPLY_LOCK / UNLOCK); FilMined growth = REWARD_EMITTED', source: `${LOTUS} api/api_full.go CirculatingSupply` },
    { method: 'Filecoin.StateReadState f02', meaning: 'reward actor ThisEpochReward (kept on the sample row)', source: `${BUILTIN_ACTORS} actors/reward/src/state.rs` },
    { method: 'Filecoin.StateMarketStorageDeal', meaning: 'the proposal of each activated deal at the activation tipset (its parent state), or at the next tipset (ChainGetTipSetAfterHeight) for a deal published in that same tipset', source: `${LOTUS} api/api_full.go MarketDeal; ${BUILTIN_ACTORS} actors/market/src/deal.rs DealProposal` },
    { method: 'Filecoin.ChainHead, ChainGetTipSetByHeight, ChainGetTipSetAfterHeight, StateNetworkName', meaning: 'head, tipset keys and timestamps of sample and batch heights; the tipset after an event for a proposal lookup; network check (another network stops the indexer at start)', source: `${LOTUS} api/api_full.go` },
  ],
  handleEvent,
  handleSample,
}

export const filecoin: NetworkDef = {
  id: 'filecoin',
  name: 'Filecoin',
  category: 'storage',
  categories: ['storage'],
  chain: filecoinChain,
  token: FIL,
  feeAsset: FIL,
  contracts: [],
  source: `${BUILTIN_ACTORS} (actors/market, actors/miner emit.rs); ${LOTUS} (JSON-RPC API)`,
  capacityUnit: 'bytes (raw-byte power)',
  leasedCapacity: true,
  price: { kind: 'import', asset: 'FIL' },
  lotus: filecoinLotus,
  notes: [
    `Built-in actor events exist from network version 22 (FIP-0083, epoch ${FIP0083_HEIGHT}, 2024-04-24): a mainnet run starts there at the earliest.`,
    'Fees (FEE_PAID) are gross deal payments plus burnt fees. Deal payments are accrued hourly per provider from the deals the indexer saw activate: the market actor pays a deal linearly, StoragePricePerEpoch for each epoch from StartEpoch to EndEpoch (or to termination). Since network version 22 (FIP-0074, the whole indexed range) a deal activated then is no longer settled in cron: its provider calls SettleDealPayments when it chooses (unpaid deals may never be settled), and termination settles at once; accrual follows the economics, not the settlement calls (inferred). Deals activated before the indexed range are not accrued.',
    'Burnt fees: the growth of the burnt-funds actor f099 (FilBurnt) between samples, recorded as SUPPLY_BURN and, inferred, as FEE_PAID and PROTOCOL_TAKE (protocol revenue). It includes base-fee burns, gas over-estimation burns and penalties (faults, terminations), which the state does not separate.',
    'Block rewards (REWARD_EMITTED) are the growth of FilMined (the reward actor\'s TotalStoragePowerReward) between samples, for the whole network (actor empty): per-miner block rewards are not read.',
    'The first sample records opening balances (subject opening-balance): SUPPLY_MINT of FilVested + FilMined + FilReserveDisbursed, SUPPLY_LOCK of FilLocked, NODE_REGISTERED of the raw-byte power; the first period\'s issuance and capacity added therefore contain all history before it. Later samples record changes. Circulating supply = minted - burnt - locked = FilCirculating.',
    'Capacity is the network raw-byte power in bytes. Leased capacity is the deal bytes of the deals the indexer saw activate: CAPACITY_LEASED = piece size at deal-activated; CAPACITY_RELEASED at deal-terminated, or, for a deal that runs to its end, at the first hourly sample at or after its end epoch (with its LEASE_CLOSED), not at deal-completed, which since FIP-0074 waits for a SettleDealPayments call that may come long after or never. So utilization = active deal bytes / raw-byte power, and activeDealBytes on each sample\'s raw event (state-sample, with quality-adjusted power) = Σ CAPACITY_LEASED - Σ CAPACITY_RELEASED up to that sample. Deals closed at their end that were not settled yet are remembered by id (NetworkState ended:<provider>) so that their late deal-completed yields no second close.',
    'Event values carry actor IDs; they are shown as f0 ID addresses (mainnet prefix f).',
  ],
}
