/** Builds dashboard/dist with Vite when it is missing or older than its sources (the API serves dist as built). */
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

export const DASHBOARD_DIR = resolve(import.meta.dirname, '../dashboard')
/** Modules outside dashboard/ that the dashboard bundles (shared with the API). */
const SHARED_SOURCES = [resolve(import.meta.dirname, '../common/series.ts')]

function newestMtime(dir: string): number {
  let t = 0
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    if (e.name === 'dist' || e.name === 'node_modules') continue
    const p = join(dir, e.name)
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs)
  }
  return t
}

/** Written into dist after a build: a dist without it (or of another mode) is rebuilt. */
const BUILD_STAMP = '.build-mode'

/**
 * Returns true when it built. Always a production build: under vitest NODE_ENV is `test`, and Vite would otherwise
 * bundle React's development build and JSX dev runtime (a 143 kB instead of an 81 kB initial bundle, which the API
 * then served to `npm start` too, since the sources had not changed).
 */
export async function buildDashboardIfStale(onBuild?: () => void): Promise<boolean> {
  const index = join(DASHBOARD_DIR, 'dist/index.html')
  const stamp = join(DASHBOARD_DIR, 'dist', BUILD_STAMP)
  const newest = Math.max(newestMtime(DASHBOARD_DIR), ...SHARED_SOURCES.map((f) => statSync(f).mtimeMs))
  const production = existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === 'production'
  if (production && existsSync(index) && statSync(index).mtimeMs >= newest) return false
  onBuild?.()
  const { build } = await import('vite')
  const env = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ root: DASHBOARD_DIR, logLevel: 'warn', mode: 'production' })
  } finally {
    if (env === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = env
  }
  writeFileSync(stamp, 'production\n')
  return true
}
