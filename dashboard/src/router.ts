/**
 * Client-side routing on the History API (no dependency). Pages: `/` overview, `/category/:id`, `/network/:id`,
 * `/data`. The view's filters (time range, interval, networks, sort) live in the query string, so a URL is a view.
 */
import { createElement, useSyncExternalStore, type AnchorHTMLAttributes } from 'react'

export type Route =
  | { page: 'overview' }
  | { page: 'category'; id: string }
  | { page: 'network'; id: string }
  | { page: 'data' }
  | { page: 'not-found'; path: string }

const NAV_EVENT = 'app:navigate'

function subscribe(cb: () => void): () => void {
  window.addEventListener('popstate', cb)
  window.addEventListener(NAV_EVENT, cb)
  return () => {
    window.removeEventListener('popstate', cb)
    window.removeEventListener(NAV_EVENT, cb)
  }
}

/** The current pathname, re-rendering on navigation (links, back/forward). */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname)
}

/** The current query string (`?range=90d&...` or ''), re-rendering when it changes. */
export function useSearch(): string {
  return useSyncExternalStore(subscribe, () => window.location.search)
}

export function parseRoute(path: string): Route {
  const p = path.replace(/\/+$/, '') || '/'
  if (p === '/') return { page: 'overview' }
  if (p === '/data') return { page: 'data' }
  const m = /^\/(network|category)\/([^/]+)$/.exec(p)
  if (m) return { page: m[1] as 'network' | 'category', id: decodeURIComponent(m[2]) }
  return { page: 'not-found', path }
}

export const networkPath = (id: string) => `/network/${encodeURIComponent(id)}`
export const categoryPath = (id: string) => `/category/${encodeURIComponent(id)}`

export function navigate(to: string): void {
  if (to === window.location.pathname + window.location.search) return
  window.history.pushState(null, '', to)
  window.scrollTo(0, 0)
  window.dispatchEvent(new Event(NAV_EVENT))
}

/**
 * Changes query parameters of the current page (null or '' removes one). Replaces the history entry: filters are
 * part of the URL to share and reload, without one back-button step per click.
 */
export function setSearchParams(patch: Record<string, string | null>): void {
  const q = new URLSearchParams(window.location.search)
  for (const [k, v] of Object.entries(patch)) {
    if (v == null || v === '') q.delete(k)
    else q.set(k, v)
  }
  const s = q.toString()
  const url = window.location.pathname + (s ? `?${s.replace(/%2C/g, ',')}` : '')
  if (url === window.location.pathname + window.location.search) return
  window.history.replaceState(null, '', url)
  window.dispatchEvent(new Event(NAV_EVENT))
}

/** An <a> that navigates in place; modified clicks (new tab, etc.) keep the browser's behaviour. */
export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return createElement('a', {
    ...rest,
    href,
    onClick: (e: React.MouseEvent<HTMLAnchorElement>) => {
      onClick?.(e)
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || rest.target) return
      e.preventDefault()
      navigate(href)
    },
  })
}
