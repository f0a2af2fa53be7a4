/**
 * The batch handler of a Lotus (Filecoin) chain: decoded actor events, deal proposals and state samples of an
 * epoch range in, the same rows as the EVM handler out (RawEvent, EconomicFact, QuarantinedLog, ChainCursor).
 * Pure: the network's registry entry decides the facts. Rows are ordered by height; within a height the actor
 * events (log index = position in the RPC answer) come before the state sample (log index SAMPLE_LOG_INDEX).
 */
import { QuarantinedLog, RawEvent } from '../model'
import type { ActorEventJson } from '../sources/lotus/decode'
import type { ChainDef, LotusActorEvent, LotusDeal, LotusStateSample, NetworkDef } from '../registry'
import { cursorOf, eventId, factRows, type BatchOutput } from './batch'
import { StateCache } from './state'

/** Log index of a height's state sample row (after any actor event of that height). */
export const SAMPLE_LOG_INDEX = 900_000

/** An actor event of the batch: decoded, or the raw JSON and why it could not be decoded. */
export type LotusEventInput =
  | { ok: true; event: LotusActorEvent }
  | { ok: false; height: number; index: number; raw: ActorEventJson; reason: string }

export interface LotusBatchInput {
  events: LotusEventInput[]
  /** StateMarketStorageDeal answers by deal id (a string = why the lookup failed) */
  deals: Map<number, LotusDeal | string>
  samples: LotusStateSample[]
  /** the batch's last tipset, for the cursor */
  last: { height: number; hash: string; timestamp: number }
}

const argsOf = (e: LotusActorEvent): Record<string, unknown> => {
  const out: Record<string, unknown> = { emitter: e.emitter, tipset: e.tipset }
  for (const [k, vs] of Object.entries(e.fields)) {
    const plain = vs.map((v) => (typeof v === 'bigint' ? v.toString() : v))
    out[k] = plain.length === 1 ? plain[0] : plain
  }
  return out
}

export function handleLotusBatch(chain: ChainDef, network: NetworkDef, input: LotusBatchInput, state = new StateCache()): BatchOutput {
  const out: BatchOutput = { rawEvents: [], facts: [], prices: [], quarantined: [], cursor: undefined, leaseTerms: new Map() }
  const def = network.lotus
  if (!def) throw new Error(`${network.id} is not a Lotus network`)
  const access = state.access(network.id)
  type Item = { height: number; order: number; run: () => void }
  const items: Item[] = []
  const time = (t: number) => new Date(t)
  for (const e of input.events) {
    if (!e.ok) {
      items.push({
        height: e.height, order: e.index,
        run: () => out.quarantined.push(new QuarantinedLog({
          id: eventId(chain.chainId, e.height, e.index), network: network.id, chainId: chain.chainId, address: String(e.raw?.emitter ?? ''),
          topics: ['actor-event'], data: JSON.stringify(e.raw?.entries ?? null), blockNumber: e.height, blockHash: e.raw?.tipsetKey?.[0]?.['/'] ?? '',
          txHash: e.raw?.msgCid?.['/'] ?? '', logIndex: e.index, reason: e.reason,
        })),
      })
      continue
    }
    const ev = e.event
    items.push({
      height: ev.height, order: ev.index,
      run: () => {
        const id = eventId(chain.chainId, ev.height, ev.index)
        const refs = { chainId: chain.chainId, blockNumber: ev.height, timestamp: time(ev.timestamp), txHash: ev.msgCid, logIndex: ev.index }
        let facts
        try {
          let deal: LotusDeal | undefined
          if (def.enrichDeals.includes(ev.type)) {
            const d = input.deals.get(Number(ev.fields.id?.[0]))
            if (typeof d === 'string') throw new Error(`deal lookup failed: ${d}`)
            deal = d
          }
          facts = factRows(network, id, def.handleEvent(ev, deal, access), refs, out.leaseTerms)
        } catch (err) {
          out.quarantined.push(new QuarantinedLog({
            id, network: network.id, chainId: chain.chainId, address: ev.emitter, topics: [ev.type], data: JSON.stringify(argsOf(ev), (_, v) => (typeof v === 'bigint' ? v.toString() : v)),
            blockNumber: ev.height, blockHash: ev.tipset, txHash: ev.msgCid, logIndex: ev.index, reason: `cannot normalize ${ev.type}: ${(err as Error).message}`,
          }))
          return
        }
        out.rawEvents.push(new RawEvent({
          id, network: network.id, contract: ev.emitter, contractName: ev.type.startsWith('deal-') ? 'market' : 'miner',
          name: ev.type, topic0: ev.type, blockHash: ev.tipset, args: argsOf(ev), ...refs,
        }))
        out.facts.push(...facts)
      },
    })
  }
  for (const s of input.samples) {
    items.push({
      height: s.height, order: SAMPLE_LOG_INDEX,
      run: () => {
        const id = eventId(chain.chainId, s.height, SAMPLE_LOG_INDEX)
        // the state at tipset h is the result of epoch h - 1: its changes are dated at the end of that epoch
        const refs = { chainId: chain.chainId, blockNumber: s.height, timestamp: time(s.timestamp - 1000), txHash: s.tipset, logIndex: SAMPLE_LOG_INDEX }
        const { facts, args } = def.handleSample(s, access)
        out.rawEvents.push(new RawEvent({ id, network: network.id, contract: 'state', contractName: 'state', name: 'state-sample', topic0: 'state-sample', blockHash: s.tipset, args, ...refs }))
        out.facts.push(...factRows(network, id, facts, refs, out.leaseTerms))
      },
    })
  }
  items.sort((a, b) => a.height - b.height || a.order - b.order)
  for (const it of items) it.run()
  out.cursor = cursorOf(chain, input.last)
  return out
}
