/**
 * Dashboard benchmark: the production bundle's gzip size (initial JavaScript = what index.html loads; the rest is
 * loaded on demand), and the time from navigation start to the first chart painted (a Recharts SVG with drawn
 * marks, then the next animation frame) in headless Chromium, against the project's API over the dataset's database.
 */
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { HeadTracker } from '../api/heads'
import { DASHBOARD_DIST, startApi } from '../api/server'
import { buildDashboardIfStale } from '../cli/dashboard-build'
import { launchChromium } from '../test/helpers/chromium'
import { freePort } from '../test/helpers/ports'
import { BENCH_API_LIMITS, type Dataset } from './dataset'
import { percentile, round } from './measure'

export interface BundleFigures {
  initialJsGzipKB: number
  initialJsKB: number
  cssGzipKB: number
  lazyJsGzipKB: number
  files: { file: string; kB: number; gzipKB: number; initial: boolean }[]
}

/**
 * Where a first chart's time went (medians over the runs, ms from navigation start): the page's scripts loaded,
 * the GraphQL requests sent before the chart (how many, when the first left, when the last answered, the
 * longest one's server time to first byte, bytes received), and what remains after the last answer (rendering).
 */
export interface FirstChartBreakdown {
  scriptsLoadedMs: number
  /** gzip size of the scripts the page had loaded when its first chart was painted (entry, app, page, charts) */
  scriptsGzipKB?: number
  graphqlRequests: number
  firstGraphqlStartMs: number
  lastGraphqlEndMs: number
  longestGraphqlWaitMs: number
  graphqlKB: number
  renderAfterDataMs: number
}

export interface DashboardResult {
  bundle: BundleFigures
  firstChart: Record<string, { runs: number; medianMs: number; maxMs: number; samplesMs: number[]; breakdown?: FirstChartBreakdown }>
}

const kB = (n: number) => round(n / 1000, 1)

export async function bundleFigures(): Promise<BundleFigures> {
  await buildDashboardIfStale()
  const html = readFileSync(join(DASHBOARD_DIST, 'index.html'), 'utf8')
  const initial = new Set([...html.matchAll(/(?:src|href)="\/?(assets\/[^"]+)"/g)].map((m) => m[1]))
  const files = readdirSync(join(DASHBOARD_DIST, 'assets')).map((f) => {
    const body = readFileSync(join(DASHBOARD_DIST, 'assets', f))
    return { file: `assets/${f}`, kB: kB(body.length), gzipKB: kB(gzipSync(body, { level: 9 }).length), initial: initial.has(`assets/${f}`) }
  })
  const sum = (xs: typeof files, k: 'kB' | 'gzipKB') => round(xs.reduce((s, f) => s + f[k], 0), 1)
  const js = files.filter((f) => f.file.endsWith('.js'))
  return {
    initialJsGzipKB: sum(js.filter((f) => f.initial), 'gzipKB'), initialJsKB: sum(js.filter((f) => f.initial), 'kB'),
    cssGzipKB: sum(files.filter((f) => f.file.endsWith('.css')), 'gzipKB'), lazyJsGzipKB: sum(js.filter((f) => !f.initial), 'gzipKB'), files,
  }
}

/** Set before any page script runs: resolves window.__firstChart with performance.now() at the first painted chart (-1 after 30 s). */
const FIRST_CHART_PROBE = `
window.__firstChart = new Promise((resolve) => {
  const selector = 'svg.recharts-surface .recharts-bar-rectangle, svg.recharts-surface .recharts-line-curve, svg.recharts-surface .recharts-area-area'
  const obs = new MutationObserver(() => {
    if (document.querySelector(selector)) {
      obs.disconnect()
      requestAnimationFrame(() => resolve(performance.now()))
    }
  })
  obs.observe(document, { childList: true, subtree: true })
  setTimeout(() => resolve(-1), 30000)
})`

/** the resource timeline at the first chart: scripts, and GraphQL requests (fetch to /graphql) that ended before it */
const TIMELINE = `(() => {
  const rs = performance.getEntriesByType('resource')
  return {
    scripts: rs.filter((r) => r.initiatorType === 'script' || /\\.js(\\?|$)/.test(r.name)).map((r) => ({ end: r.responseEnd, path: new URL(r.name).pathname })),
    graphql: rs.filter((r) => /\\/graphql/.test(r.name)).map((r) => ({ start: r.startTime, end: r.responseEnd, wait: r.responseStart - r.requestStart, bytes: r.encodedBodySize || r.transferSize })),
  }
})()`

export type Timeline = { chart: number; scripts: { end: number; path: string }[]; graphql: { start: number; end: number; wait: number; bytes: number }[] }

export function breakdown(ts: Timeline[]): FirstChartBreakdown {
  const med = (xs: number[]) => round(percentile([...xs].sort((a, b) => a - b), 50), 0)
  const before = ts.map((t) => ({ ...t, graphql: t.graphql.filter((g) => g.end <= t.chart) }))
  return {
    scriptsLoadedMs: med(before.map((t) => Math.max(0, ...t.scripts.filter((x) => x.end <= t.chart).map((x) => x.end)))),
    graphqlRequests: med(before.map((t) => t.graphql.length)),
    firstGraphqlStartMs: med(before.map((t) => Math.min(...t.graphql.map((g) => g.start), t.chart))),
    lastGraphqlEndMs: med(before.map((t) => Math.max(0, ...t.graphql.map((g) => g.end)))),
    longestGraphqlWaitMs: med(before.map((t) => Math.max(0, ...t.graphql.map((g) => g.wait)))),
    graphqlKB: round(med(before.map((t) => t.graphql.reduce((s, g) => s + g.bytes, 0))) / 1000, 1),
    renderAfterDataMs: med(before.map((t) => t.chart - Math.max(0, ...t.graphql.map((g) => g.end)))),
  }
}

/** ms from navigation start until a chart SVG has drawn marks and the next frame is painted; fresh context each run (cold cache). */
export async function firstChartMs(url: string, runs: number, timelines: Timeline[] = []): Promise<number[]> {
  const browser = await launchChromium()
  const out: number[] = []
  try {
    for (let i = 0; i < runs; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
      const page = await context.newPage()
      // a string, not a function: tsx would wrap a function's inner functions with its own helpers
      await page.addInitScript(FIRST_CHART_PROBE)
      await page.goto(url, { waitUntil: 'commit' })
      const ms = await page.evaluate(() => (window as unknown as { __firstChart: Promise<number> }).__firstChart)
      if (ms < 0) throw new Error(`no chart painted within 30 s on ${url}`)
      out.push(round(ms, 0))
      timelines.push({ chart: ms, ...((await page.evaluate(TIMELINE)) as Omit<Timeline, 'chart'>) })
      await context.close()
    }
  } finally {
    await browser.close()
  }
  return out
}

export async function runDashboard(ds: Dataset, opts: { runs: number }): Promise<DashboardResult> {
  const bundle = await bundleFigures()
  const api = await startApi({ databaseUrl: ds.db.url, port: await freePort(), host: '127.0.0.1', heads: HeadTracker.fromConfig(ds.config), limits: BENCH_API_LIMITS })
  const firstChart: DashboardResult['firstChart'] = {}
  try {
    for (const [name, path] of [['overview', '/'], ['network page (Livepeer)', '/network/livepeer']]) {
      const timelines: Timeline[] = []
      const samples = await firstChartMs(api.url + path, opts.runs, timelines)
      const sorted = [...samples].sort((a, b) => a - b)
      const loaded = new Set(timelines.flatMap((t) => t.scripts.filter((x) => x.end <= t.chart).map((x) => x.path.replace(/^\//, ''))))
      const scriptsGzipKB = round(bundle.files.filter((f) => loaded.has(f.file)).reduce((s, f) => s + f.gzipKB, 0), 1)
      firstChart[name] = { runs: samples.length, medianMs: percentile(sorted, 50), maxMs: sorted[sorted.length - 1], samplesMs: samples, breakdown: { ...breakdown(timelines), scriptsGzipKB } }
    }
  } finally {
    await api.stop()
  }
  return { bundle, firstChart }
}
