import { useEffect, useRef, useState, useSyncExternalStore } from 'react'
import { takeEarly } from './prefetch'

export interface PollState<T> {
  data?: T
  /** last failure; cleared by the next success */
  error?: Error
  /** Date.now() of the last successful fetch */
  fetchedAt?: number
  loading: boolean
  retry(): void
}

/**
 * `next` with every part that deep-equals the same part of `prev` replaced by `prev`'s object, so a poll that
 * changes one series keeps the identity of the others and memoised charts of unchanged data do not re-render.
 */
export function share<T>(prev: unknown, next: T): T {
  if (prev === next) return next
  if (typeof prev !== 'object' || typeof next !== 'object' || prev === null || next === null) return next
  if (Array.isArray(prev) !== Array.isArray(next)) return next
  let same = true
  if (Array.isArray(next)) {
    const p = prev as unknown[]
    const out = next.map((v, i) => share(p[i], v))
    if (out.length !== p.length || out.some((v, i) => v !== p[i])) same = false
    return (same ? prev : out) as T
  }
  const p = prev as Record<string, unknown>
  const n = next as Record<string, unknown>
  const out: Record<string, unknown> = {}
  const keys = Object.keys(n)
  if (keys.length !== Object.keys(p).length) same = false
  for (const k of keys) {
    out[k] = share(p[k], n[k])
    if (out[k] !== p[k]) same = false
  }
  return (same ? prev : out) as T
}

/**
 * Polls `fetcher` every `pollMs` after the previous request settled (never two in flight), paused while the tab
 * is hidden. Keeps the last good data on failure; starts over when `key` changes. The fetcher gets the last data of
 * its key (to ask the API only for a change); an answer equal to it keeps its identity (structural sharing).
 * With `keepAcross`, data stays on screen (with `loading` set) while a new key loads, as long as `keepAcross` is
 * unchanged (e.g. a new range of the same page, not another network). The first request of a key the entry module
 * sent early (prefetch.ts) is taken over instead of sent again.
 */
export function usePolling<T>(fetcher: (prev?: T) => Promise<T>, pollMs: number, key: string, keepAcross?: string): PollState<T> {
  const [state, setState] = useState<Omit<PollState<T>, 'retry'>>({ loading: true })
  const fetcherRef = useRef(fetcher)
  fetcherRef.current = fetcher
  const tickRef = useRef<() => void>(() => {})
  /** the last data of this key, handed to the fetcher */
  const lastRef = useRef<T | undefined>(undefined)
  const keptRef = useRef<string | undefined>(undefined)
  useEffect(() => {
    const keep = keepAcross != null && keepAcross === keptRef.current
    keptRef.current = keepAcross
    setState((s) => (keep ? { ...s, loading: true, error: undefined } : { loading: true }))
    lastRef.current = undefined
    let stopped = false
    let inFlight = false
    let timer: ReturnType<typeof setTimeout> | undefined
    const schedule = () => {
      clearTimeout(timer)
      if (!stopped) timer = setTimeout(tick, pollMs)
    }
    const tick = async () => {
      clearTimeout(timer)
      if (stopped || inFlight) return
      if (document.visibilityState === 'hidden') return // resumed by visibilitychange
      inFlight = true
      try {
        // the first answer of the opening view may be in flight already (sent by the entry module, prefetch.ts)
        const early = lastRef.current === undefined ? takeEarly<T>(key) : undefined
        const data = await (early ?? fetcherRef.current(lastRef.current))
        if (!stopped) {
          lastRef.current = share(lastRef.current, data)
          setState({ data: lastRef.current, fetchedAt: Date.now(), loading: false })
        }
      } catch (e) {
        if (!stopped) setState((s) => ({ ...s, loading: false, error: e instanceof Error ? e : new Error(String(e)) }))
      } finally {
        inFlight = false
        schedule()
      }
    }
    tickRef.current = () => void tick()
    const onVisible = () => {
      if (document.visibilityState === 'visible') void tick()
    }
    document.addEventListener('visibilitychange', onVisible)
    void tick()
    return () => {
      stopped = true
      clearTimeout(timer)
      document.removeEventListener('visibilitychange', onVisible)
    }
  }, [key, pollMs, keepAcross])
  return { ...state, retry: () => tickRef.current() }
}

/** Date.now(), re-rendering the caller every `ms`. */
export function useNow(ms = 1000): number {
  const [now, setNow] = useState(() => Date.now())
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), ms)
    return () => clearInterval(t)
  }, [ms])
  return now
}

const queries = new Map<string, { mql: MediaQueryList; subscribe: (cb: () => void) => () => void }>()

/** Live result of a CSS media query. */
export function useMediaQuery(query: string): boolean {
  let q = queries.get(query)
  if (!q) {
    const mql = window.matchMedia(query)
    q = {
      mql,
      subscribe: (cb) => {
        mql.addEventListener('change', cb)
        return () => mql.removeEventListener('change', cb)
      },
    }
    queries.set(query, q)
  }
  const { mql, subscribe } = q
  return useSyncExternalStore(subscribe, () => mql.matches)
}

/** Keeps the identity of every part of `next` that equals the previous value (memoised charts skip re-rendering). */
export function useShared<T>(next: T): T {
  const ref = useRef<T | undefined>(undefined)
  const out = share(ref.current, next)
  ref.current = out
  return out
}
