/**
 * The Lotus source: a Filecoin chain read over Lotus JSON-RPC in epoch ranges. Per batch: the built-in actor events
 * of the range (GetActorEventsRaw filtered by `$type`), the proposal of each activated deal (StateMarketStorageDeal
 * at the event's tipset), and a state sample at every multiple of the network's sampleEpochs (StateMinerPower
 * totals, StateVMCirculatingSupplyInternal, reward actor state). Only heights at least `finality` below the head.
 */
import { componentLogger } from '../../../common/logger'
import { handleLotusBatch, type LotusBatchInput, type LotusEventInput } from '../../handlers/lotus'
import type { StateCache } from '../../handlers/state'
import type { ChainDef, LotusDeal, LotusStateSample, NetworkDef } from '../../registry'
import type { RangeSource } from '../ingest'
import { LotusClient, LotusRpcError, type TipSetKey } from './client'
import { decodeActorEvent, decodeMarketDeal, parseTokenAmount, typeFilterValue, type TipSetJson } from './decode'

const log = componentLogger('lotus')

/** Runs `f` over `xs` with at most `n` in flight, keeping order. */
async function mapLimit<T, R>(xs: T[], n: number, f: (x: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(xs.length)
  let next = 0
  await Promise.all(Array.from({ length: Math.min(n, xs.length) }, async () => {
    while (next < xs.length) {
      const i = next++
      out[i] = await f(xs[i])
    }
  }))
  return out
}

const key = (ts: TipSetJson): TipSetKey => ts.Cids

/** The call's answer, or the node's error answer as text (a verdict, e.g. deal not found); transport failures throw. */
async function nodeVerdict<T>(call: Promise<T>): Promise<T | string> {
  try {
    return await call
  } catch (err) {
    if (err instanceof LotusRpcError && err.code != null) return err.message
    throw err
  }
}

export interface LotusSourceOptions {
  chain: ChainDef
  network: NetworkDef
  client: LotusClient
  finality: number
  /** unix seconds of epoch 0 (Filecoin mainnet: 1598306400) */
  genesisTimestamp: number
  concurrency?: number
}

export async function createLotusSource(o: LotusSourceOptions): Promise<RangeSource<LotusBatchInput>> {
  const def = o.network.lotus
  if (!def) throw new Error(`${o.network.id} has no Lotus definition`)
  const time = (h: number) => (o.genesisTimestamp + h * 30) * 1000
  const types = def.events.map((e) => e.type)
  const concurrency = o.concurrency ?? 8
  const sample = async (height: number): Promise<LotusStateSample> => {
    const ts = await o.client.tipSetByHeight(height)
    const [power, supply, reward] = await Promise.all([
      o.client.minerPower('<empty>', key(ts)), o.client.circulatingSupplyInternal(key(ts)), o.client.readState('f02', key(ts)),
    ])
    const t = (s: string, what: string) => parseTokenAmount(s, what)
    return {
      height, timestamp: time(height), tipset: ts.Cids[0]['/'],
      rawBytePower: t(power.TotalPower.RawBytePower, 'RawBytePower'), qualityAdjPower: t(power.TotalPower.QualityAdjPower, 'QualityAdjPower'),
      filVested: t(supply.FilVested, 'FilVested'), filMined: t(supply.FilMined, 'FilMined'), filBurnt: t(supply.FilBurnt, 'FilBurnt'),
      filLocked: t(supply.FilLocked, 'FilLocked'), filCirculating: t(supply.FilCirculating, 'FilCirculating'), filReserveDisbursed: t(supply.FilReserveDisbursed, 'FilReserveDisbursed'),
      thisEpochReward: t(String(reward.State?.ThisEpochReward ?? '0'), 'ThisEpochReward'),
    }
  }
  return {
    async indexableHead() {
      const head = await o.client.chainHead()
      return head.Height - o.finality
    },
    async fetch(from: number, to: number): Promise<LotusBatchInput> {
      const raw = await o.client.actorEventsRaw({ fromHeight: from, toHeight: to, fields: { $type: types.map(typeFilterValue) } })
      const perHeight = new Map<number, number>()
      const events: LotusEventInput[] = []
      const tipsets = new Map<LotusEventInput, TipSetKey>()
      for (const r of raw) {
        if (r?.reverted) continue // only in live subscriptions; a final range has none
        const height = Number(r?.height)
        const index = perHeight.get(height) ?? 0
        perHeight.set(height, index + 1)
        try {
          const e: LotusEventInput = { ok: true, event: decodeActorEvent(r, index, time) }
          events.push(e)
          tipsets.set(e, r.tipsetKey)
        } catch (e) {
          events.push({ ok: false, height, index, raw: r, reason: (e as Error).message })
        }
      }
      const lookups = events.filter((e) => e.ok && def.enrichDeals.includes(e.event.type))
      const deals = new Map<number, LotusDeal | string>()
      await mapLimit(lookups, concurrency, async (e) => {
        const id = Number(e.ok && e.event.fields.id?.[0])
        if (!Number.isSafeInteger(id)) return
        // the proposal exists from publication on, and the event's own tipset key reads its parent state (before the
        // tipset's messages ran), which has it unless the deal was published in that same tipset: then the next
        // tipset's state (after it) does. The node's error answer at both (deal not found) or a malformed proposal
        // quarantines the event; a transport failure (after retries) fails the batch, which is retried after a restart
        if (!e.ok) return
        const height = e.event.height
        let answer = await nodeVerdict(o.client.marketStorageDeal(id, tipsets.get(e)!))
        if (typeof answer === 'string') {
          const next = await nodeVerdict(o.client.tipSetAfterHeight(height + 1))
          const there = typeof next === 'string' ? `no next tipset (${next})` : await nodeVerdict(o.client.marketStorageDeal(id, key(next)))
          if (typeof there === 'string') return void deals.set(id, `${answer} (at the event's tipset ${height}; at the next: ${there})`)
          answer = there
        }
        try {
          deals.set(id, decodeMarketDeal(id, answer))
        } catch (err) {
          deals.set(id, (err as Error).message)
        }
      })
      const heights: number[] = []
      for (let h = Math.ceil(from / def.sampleEpochs) * def.sampleEpochs; h <= to; h += def.sampleEpochs) heights.push(h)
      const samples = await mapLimit(heights, concurrency, sample)
      const last = await o.client.tipSetByHeight(to)
      log.debug({ from, to, events: raw.length, deals: lookups.length, samples: samples.length }, 'range read')
      return { events, deals, samples, last: { height: to, hash: last.Cids[0]['/'], timestamp: time(to) } }
    },
    handle(input, state: StateCache) {
      return handleLotusBatch(o.chain, o.network, input, state)
    },
  }
}
