/**
 * Colours of series. A category's colour comes from the registry (indexer/registry/categories.ts, served by the
 * API as `Category.color`) and is the same on every page; networks drawn side by side get distinct shades.
 */
import type { Category } from './api'

export const FALLBACK_COLOR = '#8a93a3'
const FALLBACK = FALLBACK_COLOR

export function categoryColor(categories: Category[], id: string): string {
  return categories.find((c) => c.id === id)?.color ?? FALLBACK
}

function hexToHsl(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16)
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((x) => x / 255)
  const max = Math.max(r, g, b)
  const min = Math.min(r, g, b)
  const l = (max + min) / 2
  if (max === min) return [0, 0, l * 100]
  const d = max - min
  const s = l > 0.5 ? d / (2 - max - min) : d / (max + min)
  const h = max === r ? (g - b) / d + (g < b ? 6 : 0) : max === g ? (b - r) / d + 2 : (r - g) / d + 4
  return [h * 60, s * 100, l * 100]
}

function hslToHex(h: number, s: number, l: number): string {
  const a = (s / 100) * Math.min(l / 100, 1 - l / 100)
  const f = (k: number) => {
    const x = (k + h / 30) % 12
    const c = l / 100 - a * Math.max(-1, Math.min(x - 3, 9 - x, 1))
    return Math.round(c * 255).toString(16).padStart(2, '0')
  }
  return `#${f(0)}${f(8)}${f(4)}`
}

/** Lightness steps (percentage points) of the shades, the category's own colour first, then darker and lighter in turn. */
const SHADE_STEPS = [0, -14, 14, -26, 24, -36, 32, -7, 7, -20, 19, -31]

/**
 * Shades of a category's colour for its networks, one per network of the whole category (`ids`, taken in id order),
 * so a network keeps its shade whatever the filter shows: the first the category's colour, the others darker and
 * lighter (hue kept within a few degrees), distinct from each other.
 */
export function categoryShades(ids: string[], color: string): Map<string, string> {
  const [h, s, l] = hexToHsl(color)
  const sorted = [...ids].sort()
  return new Map(sorted.map((id, i) => {
    if (i === 0) return [id, color]
    const step = SHADE_STEPS[i % SHADE_STEPS.length] + Math.floor(i / SHADE_STEPS.length) * 3
    const light = Math.min(85, Math.max(18, l + step))
    return [id, hslToHex((h + (i % 2 ? -4 : 4) + 360) % 360, s, light)]
  }))
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
