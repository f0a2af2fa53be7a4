/**
 * Colours of series. A category's colour comes from the registry (indexer/registry/categories.ts, served by the
 * API as `Category.color`) and is the same on every page; networks drawn side by side get distinct shades.
 */
import type { Category } from './api'

const FALLBACK = '#8a93a3'

export function categoryColor(categories: Category[], id: string): string {
  return categories.find((c) => c.id === id)?.color ?? FALLBACK
}

/** Distinct colours for the networks of one view, starting from their category's colour. */
const NETWORK_PALETTE = ['#6366f1', '#0ea5e9', '#f59e0b', '#10b981', '#ec4899', '#8b5cf6', '#14b8a6', '#ef4444', '#84cc16', '#f97316', '#06b6d4', '#a855f7']

export function networkColors(ids: string[], categoryColorOf: (id: string) => string): Map<string, string> {
  const out = new Map<string, string>()
  const used = new Set<string>()
  for (const id of ids) {
    const c = categoryColorOf(id)
    if (!used.has(c)) {
      out.set(id, c)
      used.add(c)
      continue
    }
    const free = NETWORK_PALETTE.find((p) => !used.has(p)) ?? FALLBACK
    out.set(id, free)
    used.add(free)
  }
  return out
}

/** Fixed colours of named series (fees, incentives, supply...) shared by the network page's charts. */
export const SERIES = {
  fees: '#6366f1',
  usd: '#ea580c',
  incentives: '#0d9488',
  supply: '#6366f1',
  circulating: '#0ea5e9',
  minted: '#10b981',
  burned: '#ef4444',
  active: '#6366f1',
  new: '#10b981',
  churned: '#f59e0b',
  capacity: '#0ea5e9',
  leased: '#ec4899',
  opened: '#10b981',
  closed: '#8a93a3',
} as const
