/**
 * Decoding of one log at a watched address, by topic0 (never by event name: names repeat with other
 * arguments on some proxies). Anything that cannot be decoded comes back with its reason for quarantine.
 */
import { Sink, type Codec } from '@subsquid/evm-codec'
import type { EventDef, Watched } from '../registry'
import type { LogInput } from './types'

export type DecodeResult =
  | { ok: true; watched: Watched; event: EventDef; args: Record<string, unknown> }
  | { ok: false; reason: string; watched?: Watched }

export function decodeLog(log: LogInput, watched: Map<string, Watched>): DecodeResult {
  const w = watched.get(log.address.toLowerCase())
  if (!w) return { ok: false, reason: `address ${log.address} is not watched on this chain` }
  const topic0 = log.topics[0]
  if (!topic0) return { ok: false, watched: w, reason: 'anonymous log (no topic0)' }
  const event = w.byTopic.get(topic0.toLowerCase())
  if (!event) return { ok: false, watched: w, reason: `unknown topic0 ${topic0} for ${describe(w)}` }
  let args: Record<string, unknown>
  try {
    args = event.abi.decode({ topics: log.topics, data: log.data })
  } catch (e) {
    return { ok: false, watched: w, reason: `cannot decode ${event.name} of ${describe(w)}: ${(e as Error).message}` }
  }
  const params = (event.abi as { params?: Record<string, ParamCodec> }).params
  if (params && !roundTrips(params, args, log.data)) {
    return { ok: false, watched: w, reason: `cannot decode ${event.name} of ${describe(w)}: data is not the ABI encoding of its values (a value out of range for its type?)` }
  }
  return { ok: true, watched: w, event, args }
}

type ParamCodec = Codec<any, any> & { indexed?: boolean; baseType?: string }
const SIMPLE = new Set(['int', 'bool', 'address'])

/**
 * The decoder reads a uint8 from the last byte of its word and ignores the rest: a word holding 300 decodes as 44.
 * Events whose data holds only integers, booleans and addresses are re-encoded from the decoded values and must give
 * back the exact data (other layouts are not checked).
 */
function roundTrips(params: Record<string, ParamCodec>, args: Record<string, unknown>, data: string): boolean {
  const fields = Object.entries(params).filter(([, c]) => !c.indexed)
  if (!fields.every(([, c]) => SIMPLE.has(c.baseType ?? '') && !c.isDynamic)) return true
  try {
    const sink = new Sink(fields.length)
    for (const [k, c] of fields) c.encode(sink, args[k])
    return sink.toString().toLowerCase() === data.toLowerCase()
  } catch {
    return false
  }
}

export function describe(w: Watched): string {
  return w.kind === 'contract'
    ? `${w.network.id} ${w.contract.name} (${w.contract.address})`
    : `price feed ${w.feed.asset}/${w.feed.quote} (${w.feed.aggregator})`
}

/** Decoded arguments as JSON: integers become decimal strings so no precision is lost. */
export function argsToJson(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(args)) out[k] = toJson(v)
  return out
}

function toJson(v: unknown): unknown {
  if (typeof v === 'bigint') return v.toString()
  if (Array.isArray(v)) return v.map(toJson)
  if (v && typeof v === 'object') return argsToJson(v as Record<string, unknown>)
  return v
}
