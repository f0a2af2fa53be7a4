/**
 * Each network's derived metric series (api/metrics.ts networkMetrics: its rollups and prices through
 * indexer/metrics.ts deriveMetrics) kept per version of what it is derived from: the cursor of the network's own
 * chain (its rollup rows are written in that chain's batches only) and the imported prices (api/data-version.ts).
 * A commit on one chain then re-derives that chain's networks only: the response cache's cold requests (every
 * commit changes the whole data version) reuse the other networks' series. Single-flight and bounded (lru-cache).
 */
import { LRUCache } from 'lru-cache'
import type { DerivedMetrics, Interval } from '../indexer/metrics'
import type { NetworkDef } from '../indexer/registry'
import type { DataVersion } from './data-version'

/** networks × intervals × a few versions each */
const MAX_SERIES = 400

export type SeriesSource = (net: NetworkDef, interval: Interval) => Promise<DerivedMetrics[]>

/** The memoized source; `clear()` drops every kept series (benchmarks: a cold request after every chain moved). */
export function memoizedSeries(version: DataVersion, derive: SeriesSource): SeriesSource & { clear(): void } {
  const memo = new LRUCache<string, DerivedMetrics[], () => Promise<DerivedMetrics[]>>({
    max: MAX_SERIES,
    fetchMethod: (_key, _stale, { context }) => context(),
  })
  const source: SeriesSource = async (net, interval) => {
    const v = await version.parts()
    // a chain without a cursor has nothing indexed: its networks' series are keyed on the whole version
    const key = `${net.id}|${interval}|${v.cursors.get(String(net.chain.chainId)) ?? v.version}|${v.prices}`
    return (await memo.fetch(key, { context: () => derive(net, interval) }))!
  }
  return Object.assign(source, { clear: () => memo.clear() })
}
