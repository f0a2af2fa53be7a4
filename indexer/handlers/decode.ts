/**
 * Decoding of one log at a watched address, by topic0 (never by event name: names repeat with other
 * arguments on some proxies). Anything that cannot be decoded comes back with its reason for quarantine.
 */
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
  try {
    const args = event.abi.decode({ topics: log.topics, data: log.data })
    return { ok: true, watched: w, event, args }
  } catch (e) {
    return { ok: false, watched: w, reason: `cannot decode ${event.name} of ${describe(w)}: ${(e as Error).message}` }
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
