/** Writes one batch's output and its rollups through the Subsquid store (inside the batch transaction). */
import type { Store } from '@subsquid/typeorm-store'
import { In, LessThanOrEqual } from 'typeorm'
import type { BatchOutput } from './handlers/batch'
import { StateCache, toStored } from './handlers/state'
import { UndoRecorder } from './store/undo'
import { PROVIDER_FACTS, periodStart } from './metrics'
import { BatchCheckpoint, EconomicFact, Lease, NetworkState, NetworkStat, PayerDay, PricePoint, Provider, ProviderCountDay, ProviderDay, ProviderEarningDay, ProviderSpan } from './model'
import { networkById, onchainPricedAssets } from './registry'
import { mergePayerDay, mergeProviderEarning, payerDeltas, providerEarningDeltas } from './rollup/accounts'
import { applyLeaseFacts, leaseIdsOf } from './rollup/leases'
import { applyProviderFacts, providerFactsOf, providerId } from './rollup/providers'
import { mergeProviderCount, providerCountChanges, providerSpanId } from './rollup/provider-counts'
import { mergeStat, rollupBatch, type LastPrices } from './rollup/rollup'
import { bulkInsert } from './store/bulk'

/** Fixed USD price of a network's other accepted fee assets (registry otherFeeAssets, e.g. Akash USDC = 1). */
export const otherAssetPrice = (network: string, asset: string) => networkById(network)?.otherFeeAssets?.find((a) => a.symbol === asset)?.usdPrice

/**
 * Last price per asset at or before a block of the batch's chain, from the database (correct after restarts and
 * reorgs); block numbers compare only within one chain, so prices of other chains are not read.
 */
export async function loadLastPrices(store: Pick<Store, 'findOne'>, beforeBlock: number, chainId?: number): Promise<LastPrices> {
  const out: LastPrices = new Map()
  for (const { asset, chainId: c } of onchainPricedAssets()) {
    if (chainId != null && c !== chainId) continue
    const p = await store.findOne(PricePoint, {
      where: { asset, chainId: c, blockNumber: LessThanOrEqual(beforeBlock) },
      order: { blockNumber: 'DESC', logIndex: 'DESC' },
    })
    if (p) out.set(asset, p)
  }
  return out
}

/** Loads the handler state of the given networks (at start, and after a rollback). */
export async function loadState(store: Store, networks: string[]): Promise<StateCache> {
  const rows = await store.findBy(NetworkState, { network: In(networks) })
  return new StateCache(rows)
}

/**
 * Writes a batch. Rows of mutable tables go through an UndoRecorder: their images before the batch are kept in the
 * batch's BatchCheckpoint, so that a reorg deeper than the finality depth can put them back (indexer/reorg.ts).
 */
export async function writeBatch(store: Store, out: BatchOutput, firstBlock: number, state?: StateCache): Promise<void> {
  const undo = new UndoRecorder(store)
  const batchChain = out.cursor ? Number(out.cursor.id) : (out.rawEvents[0] ?? out.prices[0])?.chainId
  const lastPrices = await loadLastPrices(store, firstBlock - 1, batchChain)
  const deltas = rollupBatch(out.rawEvents, out.facts, out.prices, lastPrices, (n) => networkById(n)?.category ?? 'unknown', otherAssetPrice)
  await bulkInsert(store, out.rawEvents)
  await bulkInsert(store, out.facts)
  await bulkInsert(store, out.prices)
  if (out.quarantined.length) await store.upsert(out.quarantined)
  if (deltas.size) {
    const ids = [...deltas.keys()]
    const stored = new Map((await store.findBy(NetworkStat, { id: In(ids) })).map((s) => [s.id, s]))
    await undo.upsert([...deltas.values()].map((d) => mergeStat(stored.get(d.id), d)))
  }
  if (state) {
    const changes = state.takeChanges()
    const upserts = changes.filter(([, v]) => v != null).map(([id, v]) => new NetworkState({ id, network: v!.network, key: v!.key, value: toStored(v!.value) }))
    const deletes = changes.filter(([, v]) => v == null).map(([id]) => id)
    await undo.upsert(upserts)
    await undo.remove(NetworkState, deletes)
  }
  await writeProviderDays(store, undo, out)
  await writeLeases(store, undo, out)
  await writeProviders(store, undo, out)
  await writeAccountDays(store, undo, out)
  if (out.cursor) {
    await undo.upsert([out.cursor])
    // the batch's end and the rows it replaced: what a reorg deeper than the finality depth rewinds to
    const chainId = Number(out.cursor.id)
    await store.upsert(new BatchCheckpoint({
      id: checkpointId(chainId, out.cursor.height), chainId, firstBlock, height: out.cursor.height, hash: out.cursor.hash, rowsBefore: undo.rows,
    }))
  }
}

export const checkpointId = (chainId: number, height: number) => `${chainId}-${String(height).padStart(10, '0')}`

/** Counts each provider's supply-side facts per UTC day (pure). */
export function countProviderDays(facts: EconomicFact[]): Map<string, ProviderDay> {
  const days = new Map<string, ProviderDay>()
  for (const f of facts) {
    if (!f.actor || !PROVIDER_FACTS.includes(f.kind)) continue
    const day = periodStart(f.timestamp, 'DAY')
    const id = `${f.network}-${day.toISOString().slice(0, 10)}-${f.actor}`
    const d = days.get(id) ?? new ProviderDay({ id, network: f.network, day, provider: f.actor, facts: 0 })
    d.facts += 1
    days.set(id, d)
  }
  return days
}

/**
 * Counts each provider's supply-side facts per UTC day (ProviderDay), merged with stored counts, and keeps the
 * per-day provider counts (ProviderCountDay, ProviderSpan) in step with them.
 */
async function writeProviderDays(store: Store, undo: UndoRecorder, out: BatchOutput): Promise<void> {
  const days = countProviderDays(out.facts)
  if (days.size === 0) return
  const stored = new Map((await store.findBy(ProviderDay, { id: In([...days.keys()]) })).map((d) => [d.id, d]))
  const created = new Set([...days.keys()].filter((id) => !stored.has(id)))
  for (const d of days.values()) d.facts += stored.get(d.id)?.facts ?? 0
  await undo.upsert([...days.values()])
  const spanIds = [...new Set([...days.values()].map((d) => providerSpanId(d.network, d.provider)))]
  const spans = new Map((await store.findBy(ProviderSpan, { id: In(spanIds) })).map((s) => [s.id, s]))
  const changes = providerCountChanges([...days.values()], created, spans)
  await undo.upsert(changes.spans)
  if (changes.deltas.size) {
    const counts = new Map((await store.findBy(ProviderCountDay, { id: In([...changes.deltas.keys()]) })).map((c) => [c.id, c]))
    await undo.upsert([...changes.deltas.values()].map((d) => mergeProviderCount(counts.get(d.id), d)))
  }
}

/** Lease rows of the leases the batch opened or closed, merged with their stored rows. */
async function writeLeases(store: Store, undo: UndoRecorder, out: BatchOutput): Promise<void> {
  const touched = leaseIdsOf(out.facts)
  if (touched.size === 0) return
  const stored: Lease[] = []
  for (const [network, ids] of touched) stored.push(...(await store.findBy(Lease, { network, leaseId: In([...ids]) })))
  const rows = applyLeaseFacts(stored, out.facts, out.leaseTerms)
  await undo.upsert(rows)
}

/** Provider rows of the providers active in the batch, merged with their stored rows. */
async function writeProviders(store: Store, undo: UndoRecorder, out: BatchOutput): Promise<void> {
  const facts = providerFactsOf(out.facts, networkById)
  if (facts.length === 0) return
  const ids = [...new Set(facts.map((f) => providerId(f.network, f.actor!)))]
  const stored = await store.findBy(Provider, { id: In(ids) })
  const rows = applyProviderFacts(stored, facts, networkById)
  await undo.upsert(rows)
}

/** Provider earnings and payer payments per day (ProviderEarningDay, PayerDay), merged with the stored rows. */
async function writeAccountDays(store: Store, undo: UndoRecorder, out: BatchOutput): Promise<void> {
  const earnings = providerEarningDeltas(out.facts, networkById)
  if (earnings.size) {
    const stored = new Map((await store.findBy(ProviderEarningDay, { id: In([...earnings.keys()]) })).map((d) => [d.id, d]))
    await undo.upsert([...earnings.values()].map((d) => mergeProviderEarning(stored.get(d.id), d)))
  }
  const payers = payerDeltas(out.facts, networkById)
  if (payers.size) {
    const stored = new Map((await store.findBy(PayerDay, { id: In([...payers.keys()]) })).map((d) => [d.id, d]))
    await undo.upsert([...payers.values()].map((d) => mergePayerDay(stored.get(d.id), d)))
  }
}
