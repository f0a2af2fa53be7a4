/**
 * The lazily loaded chunks of the app (pages, charts): one loader each, shared by the entry (which starts loading
 * the opening page's chunks in parallel with its first request) and the components that render them.
 */
import { lazy, type ComponentType } from 'react'
import type { Route } from './router'

export interface Chunk<M> {
  /** starts loading (once) */
  load(): Promise<M>
  /** the module once loaded */
  loaded(): M | undefined
}

function chunk<M>(importer: () => Promise<M>): Chunk<M> {
  let mod: M | undefined
  let pending: Promise<M> | undefined
  return {
    load: () => (pending ??= importer().then((m) => (mod = m))),
    loaded: () => mod,
  }
}

export const marketPageChunk = chunk(() => import('./components/MarketPage'))
export const networkPageChunk = chunk(() => import('./components/NetworkPage'))
export const dataPageChunk = chunk(() => import('./components/DataPage'))
/** Recharts and the chart components, shared by the pages */
export const chartsChunk = chunk(() => import('./components/Charts'))

/**
 * React.lazy over a chunk. When the chunk has loaded already, the component renders in the same pass: React's lazy
 * resolves a synchronous thenable at once, so there is no Suspense fallback and no throttled reveal.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function lazyChunk<M, C extends ComponentType<any>>(c: Chunk<M>, pick: (m: M) => C) {
  return lazy(() => {
    const m = c.loaded()
    if (m) return { then: (ok: (v: { default: C }) => void) => ok({ default: pick(m) }) } as Promise<{ default: C }>
    return c.load().then((x) => ({ default: pick(x) }))
  })
}

/** Starts loading what a route draws: its page chunk and, for the data pages, the charts. */
export function preloadRoute(route: Route): void {
  if (route.page === 'overview' || route.page === 'category') void marketPageChunk.load()
  else if (route.page === 'network') void networkPageChunk.load()
  else if (route.page === 'data') void dataPageChunk.load()
  if (route.page === 'overview' || route.page === 'category' || route.page === 'network') void chartsChunk.load()
}
