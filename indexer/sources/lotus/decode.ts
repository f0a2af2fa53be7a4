/**
 * Wire format of Lotus JSON-RPC answers, decoded: actor events (FIP-0049: entries with Flags, Key, Codec and
 * base64 Value, IPLD-CBOR values for built-in actors), deal proposals, power, circulating supply, tipsets.
 * Shapes: filecoin-project/lotus chain/types/actor_event.go, chain/types/event.go, api/api_full.go,
 * build/openrpc/full.json.
 */
import * as dagCbor from '@ipld/dag-cbor'
import { CID } from 'multiformats/cid'
import type { LotusActorEvent, LotusDeal } from '../../registry'

/** Multicodec of IPLD CBOR, the codec of every built-in actor event value (builtin-actors runtime/src/util/events.rs). */
export const IPLD_CBOR = 0x51
export const EVENT_TYPE_KEY = '$type'

export interface EventEntryJson {
  Flags: number
  Key: string
  Codec: number
  /** base64 */
  Value: string
}

export interface ActorEventJson {
  entries: EventEntryJson[]
  emitter: string
  reverted: boolean
  height: number
  tipsetKey: { '/': string }[]
  msgCid: { '/': string }
}

export interface TipSetJson {
  Cids: { '/': string }[]
  Blocks: { Timestamp: number; Height: number; ParentBaseFee?: string }[]
  Height: number
}

export interface MarketDealJson {
  Proposal: {
    PieceCID: { '/': string }
    PieceSize: number
    VerifiedDeal: boolean
    Client: string
    Provider: string
    /** a string, or for a byte label `{}` (Lotus) / DAG-JSON bytes: decodeDealLabel */
    Label: unknown
    StartEpoch: number
    EndEpoch: number
    StoragePricePerEpoch: string
    ProviderCollateral: string
    ClientCollateral: string
  }
  State: { SectorNumber: number; SectorStartEpoch: number; LastUpdatedEpoch: number; SlashEpoch: number }
}

/** One entry value as a JSON-safe JS value: CIDs as strings, byte strings as 0x hex, integers as number or bigint. */
function plain(v: unknown): unknown {
  const cid = CID.asCID(v)
  if (cid) return cid.toString()
  if (v instanceof Uint8Array) return '0x' + Buffer.from(v).toString('hex')
  if (Array.isArray(v)) return v.map(plain)
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
  return v
}

/** Decodes one entry's value (IPLD CBOR only: other codecs belong to user-programmed events, not read here). */
export function decodeEntryValue(e: EventEntryJson): unknown {
  if (e.Codec !== IPLD_CBOR) throw new Error(`entry "${e.Key}": codec 0x${e.Codec.toString(16)} is not IPLD CBOR (0x51)`)
  let bytes: Uint8Array
  try {
    bytes = Buffer.from(e.Value, 'base64')
  } catch {
    throw new Error(`entry "${e.Key}": value is not base64`)
  }
  try {
    return plain(dagCbor.decode(bytes))
  } catch (err) {
    throw new Error(`entry "${e.Key}": bad CBOR (${(err as Error).message})`)
  }
}

/** Timestamp (ms) of an epoch, from the chain's genesis timestamp (epochs are 30 s apart, null rounds included). */
export type EpochTime = (height: number) => number

/**
 * Decodes a raw actor event: its `$type` and every entry's value. Throws with a reason (the caller quarantines the
 * event) when the type is missing or an entry cannot be decoded.
 */
export function decodeActorEvent(raw: ActorEventJson, index: number, time: EpochTime): LotusActorEvent {
  if (!raw || !Array.isArray(raw.entries)) throw new Error('event without entries')
  const fields: Record<string, unknown[]> = {}
  for (const entry of raw.entries) (fields[entry.Key] ??= []).push(decodeEntryValue(entry))
  const type = fields[EVENT_TYPE_KEY]?.[0]
  if (typeof type !== 'string') throw new Error(`event without a string "${EVENT_TYPE_KEY}" entry`)
  delete fields[EVENT_TYPE_KEY]
  return {
    height: raw.height, timestamp: time(raw.height), index, emitter: raw.emitter, msgCid: raw.msgCid?.['/'] ?? '',
    tipset: raw.tipsetKey?.[0]?.['/'] ?? '', type, fields,
  }
}

/**
 * One value of ActorEventFilter.fields: lotus chain/types/actor_event.go ActorEventBlock, whose JSON tags are
 * lowercase (`codec`, `value`: base64 of the value encoded with that codec).
 */
export interface ActorEventBlockJson {
  codec: number
  value: string
}

/** The CBOR-encoded `$type` value, as ActorEventFilter.fields expects it. */
export function typeFilterValue(type: string): ActorEventBlockJson {
  return { codec: IPLD_CBOR, value: Buffer.from(dagCbor.encode(type)).toString('base64') }
}

/** A token amount as Lotus writes big.Int in JSON: a decimal string. */
const big = (s: string, what: string) => {
  if (typeof s !== 'string' || !/^-?\d+$/.test(s)) throw new Error(`${what}: not an integer string (${JSON.stringify(s)})`)
  return BigInt(s)
}

/** A JSON number field that must be a safe integer (epochs, sizes): a clear error otherwise. */
const int = (v: unknown, what: string, min = -Infinity) => {
  if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < min) throw new Error(`${what}: not an integer${min > -Infinity ? ` >= ${min}` : ''} (${JSON.stringify(v)})`)
  return v
}

const address = (v: unknown, what: string) => {
  if (typeof v !== 'string' || !/^[ft][0-4][0-9a-z]+$/.test(v)) throw new Error(`${what}: not a Filecoin address (${JSON.stringify(v)})`)
  return v
}

/**
 * A deal label as Lotus serves it: go-state-types DealLabel is a CBOR text or byte string; its MarshalJSON writes
 * a text label as a JSON string, and a byte label reaches JSON either as `{}` (the label's unexported fields: Lotus
 * strips it, go-state-types issue 179) or, from nodes that keep it, in DAG-JSON form `{"/": {"bytes": base64}}`,
 * returned as 0x hex. Anything else is an error.
 */
export function decodeDealLabel(v: unknown): string {
  if (typeof v === 'string') return v
  if (v == null) return ''
  if (typeof v === 'object' && !Array.isArray(v)) {
    const keys = Object.keys(v)
    if (keys.length === 0) return ''
    const slash = (v as Record<string, unknown>)['/']
    if (keys.length === 1 && slash && typeof slash === 'object' && typeof (slash as Record<string, unknown>).bytes === 'string') {
      const b64 = (slash as Record<string, string>).bytes
      if (/^[A-Za-z0-9+/_-]*={0,2}$/.test(b64)) return '0x' + Buffer.from(b64, 'base64').toString('hex')
    }
  }
  throw new Error(`Label: neither a string nor DAG-JSON bytes (${JSON.stringify(v).slice(0, 80)})`)
}

/**
 * A StateMarketStorageDeal answer (api.MarketDeal: Proposal = market.DealProposal, State) as the deal the handler
 * uses. Throws with the field's name when a number, address or label is malformed (the caller quarantines the event).
 */
export function decodeMarketDeal(dealId: number, j: MarketDealJson): LotusDeal {
  const p = j?.Proposal
  if (!p || typeof p !== 'object') throw new Error(`deal ${dealId}: no Proposal`)
  try {
    const startEpoch = int(p.StartEpoch, 'StartEpoch', 0)
    const endEpoch = int(p.EndEpoch, 'EndEpoch', 0)
    if (endEpoch <= startEpoch) throw new Error(`EndEpoch ${endEpoch} is not after StartEpoch ${startEpoch}`)
    const pricePerEpoch = big(p.StoragePricePerEpoch, 'StoragePricePerEpoch')
    if (pricePerEpoch < 0n) throw new Error(`StoragePricePerEpoch: negative (${p.StoragePricePerEpoch})`)
    const pieceCid = p.PieceCID?.['/']
    if (typeof pieceCid !== 'string' || pieceCid === '') throw new Error(`PieceCID: not a CID link (${JSON.stringify(p.PieceCID)})`)
    return {
      dealId, pieceCid, pieceSize: BigInt(int(p.PieceSize, 'PieceSize', 1)), verified: p.VerifiedDeal === true,
      client: address(p.Client, 'Client'), provider: address(p.Provider, 'Provider'), label: decodeDealLabel(p.Label), startEpoch, endEpoch,
      pricePerEpoch, providerCollateral: big(p.ProviderCollateral, 'ProviderCollateral'), clientCollateral: big(p.ClientCollateral, 'ClientCollateral'),
    }
  } catch (err) {
    throw new Error(`deal ${dealId}: ${(err as Error).message}`)
  }
}

export { big as parseTokenAmount }
