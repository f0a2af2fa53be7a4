/** Builds dashboard/dist with Vite when it is missing or older than its sources (the API serves dist as built). */
import { existsSync, readdirSync, statSync } from 'node:fs'
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

/** Returns true when it built. */
export async function buildDashboardIfStale(onBuild?: () => void): Promise<boolean> {
  const index = join(DASHBOARD_DIR, 'dist/index.html')
  const newest = Math.max(newestMtime(DASHBOARD_DIR), ...SHARED_SOURCES.map((f) => statSync(f).mtimeMs))
  if (existsSync(index) && statSync(index).mtimeMs >= newest) return false
  onBuild?.()
  const { build } = await import('vite')
  await build({ root: DASHBOARD_DIR, logLevel: 'warn' })
  return true
}
