/**
 * Active, new and last-active providers per network and UTC day (ProviderCountDay), maintained from the batch's
 * provider days. Pure: the batch's ProviderDay rows (with whether each is new), the stored spans of the providers
 * they belong to and the stored count rows in; changed spans and count rows out (written in the batch transaction,
 * through the undo recorder, so that reorgs roll them back with the provider days).
 *
 * - active: +1 on a day for each ProviderDay row the batch creates;
 * - new: a provider counts on its first day; a first day moving earlier (not expected: days only grow along a
 *   chain, but a reorg replay keeps it exact) moves the count;
 * - last active: a provider counts on its latest day; when a batch extends the span, the count moves from the old
 *   latest day to the new one. Churned providers on day D are the last-active providers of D - CHURN_DAYS.
 */
import { ProviderCountDay, ProviderSpan, type ProviderDay } from '../model'

export const providerSpanId = (network: string, provider: string) => `${network}-${provider}`
export const providerCountId = (network: string, day: Date) => `${network}-${day.toISOString().slice(0, 10)}`

export interface ProviderCountChanges {
  spans: ProviderSpan[]
  /** deltas per count row id (add to the stored row with mergeProviderCount) */
  deltas: Map<string, ProviderCountDay>
}

/**
 * `days`: the batch's provider days; `created`: ids of those not stored before the batch; `stored`: stored spans
 * of the providers in `days`.
 */
export function providerCountChanges(days: ProviderDay[], created: Set<string>, stored: Map<string, ProviderSpan>): ProviderCountChanges {
  const deltas = new Map<string, ProviderCountDay>()
  const delta = (network: string, day: Date) => {
    const id = providerCountId(network, day)
    let d = deltas.get(id)
    if (!d) deltas.set(id, (d = new ProviderCountDay({ id, network, day, activeProviders: 0, newProviders: 0, lastActiveProviders: 0 })))
    return d
  }
  // the batch's first and last day per provider
  const batchSpans = new Map<string, ProviderSpan>()
  for (const d of days) {
    if (created.has(d.id)) delta(d.network, d.day).activeProviders += 1
    const id = providerSpanId(d.network, d.provider)
    const s = batchSpans.get(id)
    if (!s) batchSpans.set(id, new ProviderSpan({ id, network: d.network, provider: d.provider, firstDay: d.day, lastDay: d.day }))
    else {
      if (d.day < s.firstDay) s.firstDay = d.day
      if (d.day > s.lastDay) s.lastDay = d.day
    }
  }
  const spans: ProviderSpan[] = []
  for (const [id, b] of batchSpans) {
    const old = stored.get(id)
    if (!old) {
      delta(b.network, b.firstDay).newProviders += 1
      delta(b.network, b.lastDay).lastActiveProviders += 1
      spans.push(b)
      continue
    }
    const first = b.firstDay < old.firstDay ? b.firstDay : old.firstDay
    const last = b.lastDay > old.lastDay ? b.lastDay : old.lastDay
    if (first.getTime() === old.firstDay.getTime() && last.getTime() === old.lastDay.getTime()) continue
    if (first.getTime() !== old.firstDay.getTime()) {
      delta(b.network, old.firstDay).newProviders -= 1
      delta(b.network, first).newProviders += 1
    }
    if (last.getTime() !== old.lastDay.getTime()) {
      delta(b.network, old.lastDay).lastActiveProviders -= 1
      delta(b.network, last).lastActiveProviders += 1
    }
    spans.push(new ProviderSpan({ id, network: old.network, provider: old.provider, firstDay: first, lastDay: last }))
  }
  for (const [id, d] of deltas) if (d.activeProviders === 0 && d.newProviders === 0 && d.lastActiveProviders === 0) deltas.delete(id)
  return { spans, deltas }
}

/** Adds a delta to the stored row (or starts from the delta when there is none). */
export function mergeProviderCount(stored: ProviderCountDay | undefined, delta: ProviderCountDay): ProviderCountDay {
  if (!stored) return delta
  stored.activeProviders += delta.activeProviders
  stored.newProviders += delta.newProviders
  stored.lastActiveProviders += delta.lastActiveProviders
  return stored
}
