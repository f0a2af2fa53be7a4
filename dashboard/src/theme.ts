/**
 * Light/dark theme: the OS preference (prefers-color-scheme) until the user picks one with the toggle; the pick is
 * kept in localStorage. The theme is the `data-theme` attribute of <html> (set before first paint by index.html),
 * which switches the CSS variables of styles.css. SVG chart attributes cannot read CSS variables, so the chart
 * palette is here too (keep it in sync with styles.css).
 */
import { useSyncExternalStore } from 'react'

export type ThemeName = 'light' | 'dark'
export const THEME_KEY = 'depin-theme'

export interface ChartTheme {
  name: ThemeName
  fees: string
  usd: string
  rewards: string
  grid: string
  axis: string
  cursor: string
}

export const lightTheme: ChartTheme = {
  name: 'light',
  fees: '#6366f1',
  usd: '#ea580c',
  rewards: '#0d9488',
  grid: '#e6e8ee',
  axis: '#6b7280',
  cursor: 'rgba(99, 102, 241, 0.08)',
}

export const darkTheme: ChartTheme = {
  name: 'dark',
  fees: '#818cf8',
  usd: '#fb923c',
  rewards: '#2dd4bf',
  grid: '#263041',
  axis: '#94a3b8',
  cursor: 'rgba(129, 140, 248, 0.12)',
}

const listeners = new Set<() => void>()
const mql = typeof window !== 'undefined' ? window.matchMedia('(prefers-color-scheme: dark)') : undefined

function stored(): ThemeName | null {
  try {
    const v = localStorage.getItem(THEME_KEY)
    return v === 'light' || v === 'dark' ? v : null
  } catch {
    return null
  }
}

export function currentTheme(): ThemeName {
  return stored() ?? (mql?.matches ? 'dark' : 'light')
}

function apply() {
  document.documentElement.dataset.theme = currentTheme()
  for (const l of listeners) l()
}

mql?.addEventListener('change', apply)

export function setTheme(t: ThemeName): void {
  try {
    localStorage.setItem(THEME_KEY, t)
  } catch {
    // private mode: the choice lasts for this page
  }
  apply()
}

function subscribe(cb: () => void) {
  listeners.add(cb)
  return () => listeners.delete(cb)
}

/** The active theme's chart palette, re-rendering on a change. */
export function useChartTheme(): ChartTheme {
  return useSyncExternalStore(subscribe, currentTheme) === 'dark' ? darkTheme : lightTheme
}

export function useThemeName(): ThemeName {
  return useSyncExternalStore(subscribe, currentTheme)
}
