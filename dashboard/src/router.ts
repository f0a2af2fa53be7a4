/** Client-side routing on the History API (no dependency): `/` is the overview, `/network/:id` a network page. */
import { createElement, useSyncExternalStore, type AnchorHTMLAttributes } from 'react'

export type Route = { page: 'overview' } | { page: 'network'; id: string } | { page: 'not-found'; path: string }

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

export function parseRoute(path: string): Route {
  const p = path.replace(/\/+$/, '') || '/'
  if (p === '/') return { page: 'overview' }
  const m = /^\/network\/([^/]+)$/.exec(p)
  if (m) return { page: 'network', id: decodeURIComponent(m[1]) }
  return { page: 'not-found', path }
}

export const networkPath = (id: string) => `/network/${encodeURIComponent(id)}`

export function navigate(to: string): void {
  if (to === window.location.pathname) return
  window.history.pushState(null, '', to)
  window.scrollTo(0, 0)
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
