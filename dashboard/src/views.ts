/**
 * The request behind each data page's view, from its URL: one definition used by the page (its polls) and by the
 * entry module, which sends the opening view's first request before React renders (see prefetch.ts).
 */
import { fetchMarket, fetchNetwork, type MarketData, type NetworkData } from './api'
import { queryFrom } from './market'
import type { Route } from './router'
import { parseViewState, type ViewState } from './viewstate'

export interface ViewRequest<T> {
  /** identifies the view's data (usePolling's key): a new key starts over */
  key: string
  /** the view's request; with the previous answer, a poll that may ask only for a change */
  fetch: (prev?: T) => Promise<T>
}

/** The overview (no category) or a category page. */
export function marketView(category: string | undefined, state: ViewState): ViewRequest<MarketData> & { keepAcross: string } {
  const args = { category, networks: state.networks, days: state.days, interval: state.interval }
  return {
    key: `market:${JSON.stringify(args)}`,
    // a new range, interval or filter keeps the current view on screen until its answer arrives (not another category)
    keepAcross: `market:${category ?? ''}`,
    fetch: (prev) => fetchMarket(args, prev),
  }
}

/** A network page. */
export function networkView(id: string, state: ViewState): ViewRequest<NetworkData> {
  const from = queryFrom(state.days)
  return { key: `network:${id}:${from}`, fetch: (prev) => fetchNetwork(id, from, state.days, prev) }
}

/** The request of the view a route and query string show (none for pages without one). */
export function viewRequestOf(route: Route, search: string): ViewRequest<unknown> | undefined {
  const state = parseViewState(search)
  if (route.page === 'overview') return marketView(undefined, state) as ViewRequest<unknown>
  if (route.page === 'category') return marketView(route.id, state) as ViewRequest<unknown>
  if (route.page === 'network') return networkView(route.id, state) as ViewRequest<unknown>
  return undefined
}
