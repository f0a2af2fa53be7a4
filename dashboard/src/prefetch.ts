/**
 * The opening view's first request, sent by the entry module before React has rendered anything; the page that
 * shows the view takes the request in flight over (usePolling) instead of sending its own.
 */
import type { ViewRequest } from './views'

let early: { key: string; answer: Promise<unknown> } | undefined

export function sendEarly(req: ViewRequest<unknown> | undefined): void {
  if (!req) return
  const answer = req.fetch()
  answer.catch(() => {}) // a failure is reported by the page that takes it over (or by its own retry)
  early = { key: req.key, answer }
}

/** The request sent early for `key`, once (the polls after it are the page's own). */
export function takeEarly<T>(key: string): Promise<T> | undefined {
  if (early?.key !== key) return undefined
  const { answer } = early
  early = undefined
  return answer as Promise<T>
}
