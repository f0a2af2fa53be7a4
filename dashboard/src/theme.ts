/** Chart colours (SVG attributes cannot use the CSS variables, so the palette lives here too; keep in sync with styles.css). */
export interface ChartTheme {
  fees: string
  usd: string
  rewards: string
  grid: string
  axis: string
  cursor: string
}

export const lightTheme: ChartTheme = {
  fees: '#6366f1',
  usd: '#ea580c',
  rewards: '#0d9488',
  grid: '#e6e8ee',
  axis: '#6b7280',
  cursor: 'rgba(99, 102, 241, 0.08)',
}

export const darkTheme: ChartTheme = {
  fees: '#818cf8',
  usd: '#fb923c',
  rewards: '#2dd4bf',
  grid: '#263041',
  axis: '#94a3b8',
  cursor: 'rgba(129, 140, 248, 0.12)',
}
