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
    Label: string
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

/** The CBOR-encoded `$type` value, as ActorEventFilter.fields expects it ({Codec, Value base64}). */
export function typeFilterValue(type: string): { Codec: number; Value: string } {
  return { Codec: IPLD_CBOR, Value: Buffer.from(dagCbor.encode(type)).toString('base64') }
}

const big = (s: string, what: string) => {
  if (!/^-?\d+$/.test(String(s))) throw new Error(`${what}: not an integer (${JSON.stringify(s)})`)
  return BigInt(s)
}

export function decodeMarketDeal(dealId: number, j: MarketDealJson): LotusDeal {
  const p = j?.Proposal
  if (!p) throw new Error(`deal ${dealId}: no Proposal`)
  return {
    dealId, pieceCid: p.PieceCID?.['/'] ?? '', pieceSize: big(String(p.PieceSize), 'PieceSize'), verified: p.VerifiedDeal === true,
    client: p.Client, provider: p.Provider, label: typeof p.Label === 'string' ? p.Label : '', startEpoch: Number(p.StartEpoch), endEpoch: Number(p.EndEpoch),
    pricePerEpoch: big(p.StoragePricePerEpoch, 'StoragePricePerEpoch'), providerCollateral: big(p.ProviderCollateral, 'ProviderCollateral'),
    clientCollateral: big(p.ClientCollateral, 'ClientCollateral'),
  }
}

export { big as parseTokenAmount }
