/**
 * Dashboard benchmark: the production build's initial JavaScript (gzip) and the render time of the overview with a
 * synthetic dataset of 5 years of daily metrics for 20 networks, in headless Chromium.
 *
 * The built app is served as the API serves it (sirv); its /graphql request (`marketSeries`) is answered by the
 * API's own aggregation (api/market-series.ts marketSeriesOf) over synthetic daily rows of the shape of
 * `networkMetrics` (the registry knows 9 networks, so 20 cannot come from a real database).
 * Measures the bytes of the answers, the time to the first drawn chart and to every chart and the table, and an
 * interval switch. Prints a markdown table and writes dashboard.json to BENCH_RESULTS_DIR (bench/results). Settings:
 * BENCH_NETWORKS (20), BENCH_YEARS (5), BENCH_DASHBOARD_DIST (a build to measure instead of building the sources).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, loadavg, tmpdir } from 'node:os'
import { createServer } from 'node:http'
import { join, resolve } from 'node:path'
import { gzipSync } from 'node:zlib'
import sirv from 'sirv'
import { build } from 'vite'
import { marketSeriesOf, type MarketDay } from '../api/market-series'
import { DASHBOARD_DIR } from '../cli/dashboard-build'
import { categories } from '../indexer/registry/categories'
import { launchChromium } from '../test/helpers/chromium'
import { freePort } from '../test/helpers/ports'

const root = resolve(import.meta.dirname, '..')
const NETWORKS = Number(process.env.BENCH_NETWORKS ?? 20)
const DAYS = Math.round(Number(process.env.BENCH_YEARS ?? 5) * 365.25)
const DAY = 86_400_000

/** Gzip size of the JavaScript the first page load needs: the entry script and its modulepreloads. */
function initialJs(dist: string) {
  const html = readFileSync(join(dist, 'index.html'), 'utf8')
  const files = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1])
  let raw = 0
  let gz = 0
  for (const f of files) {
    const b = readFileSync(join(dist, f))
    raw += b.length
    gz += gzipSync(b).length
  }
  return { files, raw, gz }
}

/** Deterministic synthetic daily metrics of one network over DAYS days ending today. */
function series(i: number) {
  const today = Math.floor(Date.now() / DAY) * DAY
  let seed = 1000 + i * 7919
  const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647)
  let price = 0.05 + rnd() * 5
  let capacity = 100 + Math.floor(rnd() * 5000)
  const supply = 1e8 + rnd() * 1e9
  const rows: MarketDay[] = []
  for (let d = DAYS - 1; d >= 0; d--) {
    price *= 1 + (rnd() - 0.5) * 0.06
    capacity = Math.max(0, capacity + Math.floor((rnd() - 0.45) * 20))
    const fees = rnd() * 20_000 * (1 + i / 5)
    const incentives = rnd() * 60_000
    rows.push({
      periodStart: new Date(today - d * DAY), price, marketCap: price * supply, fdv: price * supply * 1.5,
      feesUsd: fees, incentivesUsd: incentives, demandRewardsRatio30d: fees / incentives, annualizedFeesUsd: fees * 365,
      pf: (price * supply) / (fees * 365), capacity,
      activeLeases: Math.floor(capacity * 0.6), utilization: i % 3 === 0 ? 0.6 : null,
    })
  }
  return rows
}

async function main() {
  const t0 = Date.now()
  // a build of its own (dashboard/dist may be served by a running stack)
  // BENCH_DASHBOARD_DIST: an existing build to measure instead (e.g. an earlier commit's, for before/after)
  const prebuilt = process.env.BENCH_DASHBOARD_DIST
  const dist = prebuilt ? resolve(prebuilt) : mkdtempSync(join(tmpdir(), 'depin-bench-dashboard-'))
  if (!prebuilt) await build({ root: DASHBOARD_DIR, logLevel: 'warn', build: { outDir: dist, emptyOutDir: true } })
  const buildSeconds = (Date.now() - t0) / 1000
  const js = initialJs(dist)

  const ids = Array.from({ length: NETWORKS }, (_, i) => `net${String(i + 1).padStart(2, '0')}`)
  const cats = categories.slice(0, 5)
  const networks = ids.map((id, i) => ({
    id, name: `Network ${i + 1}`, category: cats[i % cats.length].id, chain: 'arbitrum-one', chainId: 42161,
    tokenSymbol: `T${i + 1}`, tokenDecimals: 18, feeAsset: 'USDC', feeAssetDecimals: 6,
  }))
  const data = new Map(ids.map((id, i) => [id, series(i)]))
  const registry = {
    networks,
    categories: categories.map((c) => ({ ...c, networks: networks.filter((n) => n.category === c.id).map(({ id, name }) => ({ id, name })) })),
    indexerStatus: [{ chain: 'arbitrum-one', chainId: 42161, name: 'Arbitrum One', height: 1000, head: 1000, lag: 0, lagSeconds: 2, timestamp: new Date().toISOString() }],
  }
  let answerBytes = 0
  let requests = 0
  /** The API's answer to the market query (the registry and marketSeries of the view's networks). */
  function answer(body: { query: string; variables: { networks?: string[] | null; days?: number | null; interval?: string | null; ifNoneMatch?: string | null } }) {
    const v = body.variables
    const inView = v.networks?.length ? networks.filter((n) => v.networks!.includes(n.id)) : networks
    const market = marketSeriesOf(inView.map((n, i) => ({ net: { id: n.id, capacityUnit: i % 3 === 0 ? 'GPUs' : 'devices' }, rows: data.get(n.id)! })), v)
    return JSON.stringify({ data: { ...registry, market } })
  }

  const statics = sirv(dist, { single: true })
  const server = createServer((req, res) => {
    if (req.url?.startsWith('/graphql')) {
      let b = ''
      req.on('data', (c) => (b += c))
      req.on('end', () => {
        const s = answer(JSON.parse(b))
        answerBytes += Buffer.byteLength(s)
        requests++
        res.writeHead(200, { 'content-type': 'application/json' }).end(s)
      })
      return
    }
    statics(req, res, () => {
      res.writeHead(404).end()
    })
  })
  const port = await freePort()
  await new Promise<void>((ok) => server.listen(port, '127.0.0.1', ok))
  const browser = await launchChromium()
  const results: Record<string, unknown>[] = []
  try {
    for (const interval of ['day', 'week', 'month'] as const) {
      const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } })
      page.setDefaultTimeout(180_000)
      const errors: string[] = []
      page.on('pageerror', (e) => errors.push(e.message))
      requests = 0
      answerBytes = 0
      const start = Date.now()
      await page.goto(`http://127.0.0.1:${port}/?range=5y&interval=${interval}`)
      // first chart: any chart's drawn surface with a series in it
      await page.waitForFunction(() => document.querySelector('[data-testid^="chart-"] .recharts-surface .recharts-layer'), undefined, { timeout: 180_000, polling: 20 })
      const firstChart = (Date.now() - start) / 1000
      // all drawn: fees and incentives bars, the market cap areas, capacity and utilization lines, every network in the table
      await page.waitForFunction(
        (n) =>
          document.querySelectorAll('[data-testid="chart-fees"] .recharts-bar-rectangle').length > 0 &&
          document.querySelectorAll('[data-testid="chart-incentives"] .recharts-bar-rectangle').length > 0 &&
          document.querySelectorAll('[data-testid="chart-mcap"] .recharts-area').length > 0 &&
          document.querySelectorAll('[data-testid="chart-capacity"] .recharts-line').length > 0 &&
          document.querySelectorAll('[data-testid="chart-utilization"] .recharts-line').length > 0 &&
          document.querySelectorAll('[data-testid="ov-table"] tbody tr').length === n,
        NETWORKS,
        { timeout: 180_000, polling: 20 },
      ).catch((e) => {
        throw new Error(`${e.message}; page errors: ${JSON.stringify(errors)}`)
      })
      const firstRender = (Date.now() - start) / 1000
      const firstRequests = requests
      const firstBytes = answerBytes
      // a live poll with nothing new (the page polls on becoming visible, as on its timer): its answer carries no series
      const polled = requests
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
      for (let i = 0; i < 200 && requests === polled; i++) await new Promise((r) => setTimeout(r, 25))
      const pollBytes = answerBytes - firstBytes
      // switching the interval back and forth re-derives and re-draws every chart from the data in memory
      const other = interval === 'month' ? 'week' : 'month'
      const t1 = Date.now()
      await page.locator(`button[data-interval="${other}"]`).click()
      // the new answer is drawn: the range label names the interval and the page is no longer updating
      await page.waitForFunction(
        (iv) => document.querySelector('[data-testid="range-label"]')?.textContent?.includes(`by ${iv}`) && !document.querySelector('[data-testid="updating"], [data-testid="loading"]'),
        other,
        { polling: 20 },
      )
      await page.waitForFunction(() => document.querySelectorAll('[data-testid="chart-fees"] .recharts-bar-rectangle').length > 0, undefined, { polling: 50 })
      const switchSeconds = (Date.now() - t1) / 1000
      const drawn = await page.evaluate(() => document.querySelectorAll('[data-testid="chart-fees"] .recharts-bar-rectangle').length)
      results.push({ interval, drawnFeeBars: drawn, firstChartSeconds: firstChart, firstRenderSeconds: firstRender, requests: firstRequests, answerKiB: firstBytes / 1024, unchangedPollBytes: pollBytes, switchTo: other, switchSeconds, errors })
      await page.close()
    }
  } finally {
    await browser.close()
    server.close()
    if (!prebuilt) rmSync(dist, { recursive: true, force: true })
  }
  const out = {
    date: new Date().toISOString(), loadAverage: loadavg(), cpus: cpus().length, networks: NETWORKS, days: DAYS, buildSeconds,
    initialJs: { files: js.files, bytes: js.raw, gzipBytes: js.gz }, render: results,
  }
  const outDir = resolve(process.env.BENCH_RESULTS_DIR ?? join(root, 'bench/results'))
  mkdirSync(outDir, { recursive: true })
  writeFileSync(join(outDir, 'dashboard.json'), JSON.stringify(out, null, 2) + '\n')
  console.log(`\n## Dashboard (bench/dashboard.ts)\n`)
  console.log(`initial JavaScript: ${(js.raw / 1000).toFixed(1)} kB, **${(js.gz / 1000).toFixed(1)} kB gzip** (${js.files.join(', ')})\n`)
  console.log(`| overview, ${NETWORKS} networks × ${DAYS} days, 5Y range | fee bars drawn | requests | answer (KiB) | unchanged poll (bytes) | first chart (s) | all charts and table (s) | switch interval (s) |`)
  console.log('|---|---|---|---|---|---|---|---|')
  for (const r of results) {
    console.log(`| by ${r.interval} | ${r.drawnFeeBars} | ${r.requests} | ${(r.answerKiB as number).toFixed(0)} | ${r.unchangedPollBytes} | ${(r.firstChartSeconds as number).toFixed(2)} | ${(r.firstRenderSeconds as number).toFixed(2)} | → ${r.switchTo}: ${(r.switchSeconds as number).toFixed(2)} |`)
  }
  console.log(`load average ${loadavg().map((x) => x.toFixed(1)).join(' ')} on ${cpus().length} cores`)
}

await main()
