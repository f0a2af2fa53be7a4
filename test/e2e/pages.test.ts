/**
 * End to end: the overview (`/`), category (`/category/:id`) and data (`/data`) pages of the built dashboard against
 * the whole stack (embedded Postgres, devnets of every chain with 20 simulated days, indexers, API) in headless
 * Chromium; the numbers on screen are checked against GraphQL queries of the same figures.
 *
 * The pages' aggregation rule (dashboard/src/market.ts), re-implemented here independently:
 * - window: the 30 UTC days ending on the latest day any network has a `networkMetrics` row for (not before the
 *   first row: with 20 simulated days, all of them);
 * - flows (fees / incentives USD): sum of every non-null value in the window (null = no price, skipped);
 * - levels (market cap): each network's latest row in the window, summed where non-null;
 * - demand/rewards: the fees total divided by the incentives total;
 * - a category's figures: the same over its networks, equal to the API's own `categoryMetrics` sums.
 */
import { readFileSync } from 'node:fs'
import { tableFromIPC } from 'apache-arrow'
import { parse } from 'csv-parse/sync'
import { readParquet } from 'parquet-wasm/node'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { bundleFigures } from '../../bench/dashboard'
import { networks } from '../../indexer/registry'
import { expectClose, horizontalOverflow, screenshot, settled, startBrowserStack, until, watchErrors, type BrowserStack } from '../helpers/browser-stack'

interface MetricsRow {
  periodStart: string
  marketCap: number | null
  feesUsd: number | null
  incentivesUsd: number | null
}
interface ChainStatus {
  chain: string
  height: number | null
  head: number | null
  lag: number | null
}
interface Expected {
  marketCap: number
  feesUsd: number
  incentivesUsd: number
  ratio: number | null
  perNetwork: Map<string, { marketCap: number | null; feesUsd: number | null }>
}

const DAY = 86_400_000
let browser: Browser | undefined
let apiUrl = ''
let bs: BrowserStack | undefined
const gql = <T,>(query: string) => bs!.gql<T>(query)
let registry: { id: string; category: string }[] = []

const apiStatus = async () => (await gql<{ indexerStatus: ChainStatus[] }>('{ indexerStatus { chain height head lag } }')).indexerStatus

/** `networkMetrics` (every day) of every network, by id. */
async function apiMetrics(): Promise<Map<string, MetricsRow[]>> {
  const out = new Map<string, MetricsRow[]>()
  for (const n of registry) {
    const { networkMetrics } = await gql<{ networkMetrics: MetricsRow[] }>(
      `{ networkMetrics(network: "${n.id}", interval: DAY) { periodStart marketCap feesUsd incentivesUsd } }`,
    )
    out.set(n.id, networkMetrics)
  }
  return out
}

/** The last day with a row and the first day of the `days`-day window ending on it (ms). */
function windowOf(metrics: Map<string, MetricsRow[]>, days = 30) {
  let last = 0
  for (const rows of metrics.values()) for (const r of rows) last = Math.max(last, Date.parse(r.periodStart))
  return { from: last - (days - 1) * DAY, to: last }
}

/** The rule stated at the top of this file. */
function expected(metrics: Map<string, MetricsRow[]>, ids?: string[]): Expected {
  const w = windowOf(metrics)
  let marketCap = 0
  let feesUsd = 0
  let incentivesUsd = 0
  const perNetwork = new Map<string, { marketCap: number | null; feesUsd: number | null }>()
  for (const [id, rows] of metrics) {
    if (ids && !ids.includes(id)) continue
    const window = rows.filter((r) => Date.parse(r.periodStart) >= w.from && Date.parse(r.periodStart) <= w.to)
    const latest = window.at(-1)
    if (latest?.marketCap != null) marketCap += latest.marketCap
    const priced = window.filter((r) => r.feesUsd != null)
    const fees = priced.reduce((s, r) => s + r.feesUsd!, 0)
    feesUsd += fees
    incentivesUsd += window.filter((r) => r.incentivesUsd != null).reduce((s, r) => s + r.incentivesUsd!, 0)
    perNetwork.set(id, { marketCap: latest?.marketCap ?? null, feesUsd: priced.length ? fees : null })
  }
  return { marketCap, feesUsd, incentivesUsd, ratio: incentivesUsd > 0 ? feesUsd / incentivesUsd : null, perNetwork }
}

/** data-value of an element: a number, or null for the empty string (an unknown value). */
async function dataValue(page: Page, selector: string): Promise<number | null> {
  const v = await page.locator(selector).first().getAttribute('data-value')
  expect(v, `${selector} has a data-value`).not.toBeNull()
  return v === '' ? null : Number(v)
}

async function cards(page: Page) {
  return {
    marketCap: await dataValue(page, '[data-testid="ov-card-mcap"]'),
    feesUsd: await dataValue(page, '[data-testid="ov-card-fees"]'),
    incentivesUsd: await dataValue(page, '[data-testid="ov-card-incentives"]'),
    ratio: await dataValue(page, '[data-testid="ov-card-ratio"]'),
  }
}

function expectCards(c: Awaited<ReturnType<typeof cards>>, e: Expected) {
  expectClose(c.marketCap!, e.marketCap, 'market cap')
  expectClose(c.feesUsd!, e.feesUsd, 'fees USD 30d')
  expectClose(c.incentivesUsd!, e.incentivesUsd, 'incentives USD 30d')
  if (e.ratio == null) expect(c.ratio).toBeNull()
  else expectClose(c.ratio!, e.ratio, 'demand/rewards')
}

/** Each table row's id and the raw values of two columns, in display order. */
async function tableRows(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('[data-testid="ov-table"] tbody tr[data-network]')].map((tr) => {
      const val = (col: string) => {
        const v = tr.querySelector(`[data-col="${col}"]`)?.getAttribute('data-value')
        return v == null || v === '' ? null : Number(v)
      }
      return { id: tr.getAttribute('data-network')!, marketCap: val('marketCap'), feesUsd: val('feesUsd') }
    }),
  )
}

/** Opens a market page (overview or category) and waits for its cards and a drawn fees chart. */
async function openMarket(context: BrowserContext, path: string, errors: string[]): Promise<Page> {
  const page = watchErrors(await context.newPage(), errors)
  await page.goto(apiUrl + path)
  await page.getByTestId('ov-card-mcap').waitFor({ timeout: 20_000 })
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="chart-fees"] svg .recharts-bar-rectangle').length > 0, undefined, { timeout: 20_000 })
  await settled(page)
  return page
}

/** Capacity per unit of networks on the view's last day: each network's latest networkMetrics row (GraphQL), summed per unit. */
async function capacityOf(ids: string[]): Promise<Map<string, number>> {
  const rows = new Map<string, { periodStart: string; capacity: number; capacityUnit: string | null }[]>()
  for (const id of ids) rows.set(id, (await gql<{ networkMetrics: { periodStart: string; capacity: number; capacityUnit: string | null }[] }>(`{ networkMetrics(network: "${id}", interval: DAY) { periodStart capacity capacityUnit } }`)).networkMetrics)
  const last = Math.max(...[...rows.values()].flat().map((r) => Date.parse(r.periodStart)))
  const out = new Map<string, number>()
  for (const rs of rows.values()) {
    const l = rs.filter((r) => Date.parse(r.periodStart) <= last).at(-1)
    if (l?.capacityUnit) out.set(l.capacityUnit, (out.get(l.capacityUnit) ?? 0) + l.capacity)
  }
  return out
}

/** The overview/category capacity card shows `want` (unit -> value), one entry per unit. */
async function expectCapacityCard(page: Page, want: Map<string, number>) {
  const shown = await page.$$eval('[data-testid="card-capacity"] li[data-unit]', (els) => els.map((e) => [e.getAttribute('data-unit')!, Number(e.getAttribute('data-value'))] as const))
  expect(shown.map(([u]) => u).sort()).toEqual([...want.keys()].sort())
  for (const [u, v] of shown) expectClose(v, want.get(u)!, `capacity card ${u}`)
}

describe('overview, category and data pages (end to end)', () => {
  const pageErrors: string[] = []

  beforeAll(async () => {
    const t0 = Date.now()
    bs = await startBrowserStack('pages')
    ;({ browser, apiUrl } = bs)
    // every chain caught up; the last finality blocks wait for a new head, which a still devnet never mines
    let last: ChainStatus[] = []
    await until(
      'every chain to catch up',
      async () => {
        last = await apiStatus()
        return last.length > 0 && last.every((c) => c.height != null && c.height > 0 && c.lag != null && c.lag <= 6) ? true : undefined
      },
      360_000,
      500,
    ).catch((e) => {
      throw new Error(`${e.message}; last indexerStatus ${JSON.stringify(last)}`)
    })
    registry = (await gql<{ networks: { id: string; category: string }[] }>('{ networks { id category } }')).networks
    console.log(`stack up and indexed in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${last.map((c) => `${c.chain} ${c.height}/${c.head}`).join(', ')}`)
  }, 480_000) // a busy shared machine can take minutes to simulate, index and boot

  afterAll(async () => {
    await bs?.stop()
  })

  it('overview: cards, category totals and the network table equal the API', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' })
    const page = await openMarket(context, '/', pageErrors)
    const metrics = await apiMetrics()
    expect(metrics.size, 'the API serves every network of the registry').toBe(networks.length)
    for (const [id, rows] of metrics) expect(rows.length, `${id} has daily rows`).toBeGreaterThan(5)
    const want = expected(metrics)

    // cards: raw values equal the sums computed here from the API's rows
    expectCards(await cards(page), want)
    await expect(page.getByTestId('ov-card-mcap').textContent()).resolves.toMatch(/^\$[\d.,]+[KMB]?$/)
    await expect(page.getByTestId('ov-card-ratio').textContent()).resolves.toMatch(/^[\d.,]+[KM]?×$/)

    // category table: each category's fees and incentives equal the API's categoryMetrics over the same window
    const w = windowOf(metrics)
    const cats = [...new Set(registry.map((n) => n.category))]
    let fromCategoryMetrics = 0
    for (const c of cats) {
      const { categoryMetrics } = await gql<{ categoryMetrics: (MetricsRow & { networks: string[] })[] }>(
        `{ categoryMetrics(category: "${c}", interval: DAY) { periodStart networks marketCap feesUsd incentivesUsd } }`,
      )
      const inWin = categoryMetrics.filter((r) => Date.parse(r.periodStart) >= w.from && Date.parse(r.periodStart) <= w.to)
      const row = page.locator(`[data-testid="ov-categories"] tr[data-category="${c}"]`)
      const fees = await dataValue(page, `[data-testid="ov-categories"] tr[data-category="${c}"] [data-col="feesUsd"]`)
      const inc = await dataValue(page, `[data-testid="ov-categories"] tr[data-category="${c}"] [data-col="incentivesUsd"]`)
      expect(await row.count(), `category ${c} listed`).toBe(1)
      // categoryMetrics adds a day only when every network of the category has a price that day; where one has
      // none, the page (which skips unknown values) is checked against the networks' own rows instead
      if (inWin.every((r) => r.feesUsd != null && r.incentivesUsd != null)) {
        expectClose(fees!, inWin.reduce((s, r) => s + r.feesUsd!, 0), `${c} fees = categoryMetrics`)
        expectClose(inc!, inWin.reduce((s, r) => s + r.incentivesUsd!, 0), `${c} incentives = categoryMetrics`)
        fromCategoryMetrics++
      } else {
        const e = expected(metrics, registry.filter((n) => n.category === c).map((n) => n.id))
        expectClose(fees!, e.feesUsd, `${c} fees`)
        expectClose(inc!, e.incentivesUsd, `${c} incentives`)
      }
    }
    expect(fromCategoryMetrics, 'categories checked against categoryMetrics').toBeGreaterThan(0)

    // network table: one row per network with the API's market cap and fees over the window
    const rows = await tableRows(page)
    expect(rows.map((r) => r.id).sort()).toEqual([...metrics.keys()].sort())
    for (const r of rows) {
      const e = want.perNetwork.get(r.id)!
      if (e.marketCap == null) expect(r.marketCap, `${r.id} market cap`).toBeNull()
      else expectClose(r.marketCap!, e.marketCap, `${r.id} market cap`)
      if (e.feesUsd == null) expect(r.feesUsd, `${r.id} fees 30d`).toBeNull()
      else expectClose(r.feesUsd!, e.feesUsd, `${r.id} fees 30d`)
    }

    // charts: stacked fees bars drawn, market cap areas, legends with one entry per category; a legend entry hides its series
    expect(await page.locator('[data-testid="chart-mcap"] .recharts-area').count()).toBeGreaterThan(0)
    const legend = page.locator('[data-panel="fees"] .legend-item')
    const categoriesDrawn = await legend.count()
    expect(categoriesDrawn).toBeGreaterThan(1)
    const series = await page.locator('[data-testid="chart-fees"] .recharts-bar').count()
    await legend.first().click()
    await expect(legend.first().getAttribute('aria-pressed')).resolves.toBe('false')
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="chart-fees"] .recharts-bar').length === n - 1, series, { timeout: 5000 })
    await legend.first().click()

    // sorting by market cap: descending, unknown values last; the sort is in the URL
    await page.locator('[data-testid="ov-table"] thead button[data-sort="marketCap"]').click()
    await expect(page.locator('[data-testid="ov-table"] thead th[aria-sort="descending"] button').getAttribute('data-sort')).resolves.toBe('marketCap')
    expect(new URL(page.url()).searchParams.get('sort')).toBe('marketCap:desc')
    const sorted = (await tableRows(page)).map((r) => r.marketCap)
    const known = sorted.filter((v): v is number => v != null)
    expect(sorted.slice(0, known.length)).toEqual(known)
    expect(known).toEqual([...known].sort((a, b) => b - a))
    await page.locator('[data-testid="ov-table"] thead button[data-sort="marketCap"]').click()
    const asc = (await tableRows(page)).map((r) => r.marketCap).filter((v): v is number => v != null)
    expect(asc).toEqual([...known].sort((a, b) => a - b))

    await settled(page)
    await screenshot(page, 'overview')

    // clicking a network opens its page in place (no reload), back returns to the overview
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true))
    await page.locator('[data-testid="ov-table"] tr[data-network="dimo"] th a').click()
    await page.waitForURL(/\/network\/dimo$/, { timeout: 5000 })
    await page.getByTestId('net-card-fees').waitFor({ timeout: 20_000 })
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true)
    expectClose((await dataValue(page, '[data-testid="net-card-fees"]'))!, want.perNetwork.get('dimo')!.feesUsd!, 'dimo page fees')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="chart-fees-incentives"] svg .recharts-bar-rectangle').length > 0, undefined, { timeout: 20_000 })
    await page.getByTestId('health').waitFor()
    // health: one row per chain with the API's height (within the polling window)
    const status = await apiStatus()
    for (const s of status) {
      const h = await dataValue(page, `[data-testid="health-chains"] tr[data-chain="${s.chain}"] [data-col="height"]`)
      expect(h, `${s.chain} height`).toBeLessThanOrEqual(s.height!)
      expect(h, `${s.chain} height`).toBeGreaterThan(0)
    }
    await settled(page)
    await screenshot(page, 'network-dimo')
    await page.goBack()
    await page.getByTestId('ov-card-mcap').waitFor({ timeout: 20_000 })
    expect(new URL(page.url()).pathname).toBe('/')

    // the Livepeer link of the header nav opens the Livepeer page
    await page.locator('[data-testid="nav"] a[data-nav="livepeer"]').click()
    await page.waitForURL(/\/network\/livepeer(\?.*)?$/, { timeout: 5000 })
    await page.getByTestId('card-fees-eth').waitFor({ timeout: 20_000 })

    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('category page: its networks side by side, totals equal categoryMetrics, filters round-trip through the URL', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } })
    // the category with the most networks
    const counts = new Map<string, number>()
    for (const n of registry) counts.set(n.category, (counts.get(n.category) ?? 0) + 1)
    const [cat] = [...counts].sort((a, b) => b[1] - a[1])[0]
    const members = registry.filter((n) => n.category === cat).map((n) => n.id).sort()
    expect(members.length, `${cat} has several networks`).toBeGreaterThan(1)
    const page = await openMarket(context, `/category/${cat}`, pageErrors)
    expect((await tableRows(page)).map((r) => r.id).sort()).toEqual(members)
    const want = expected(await apiMetrics(), members)
    expectCards(await cards(page), want)
    // one legend entry per network, each a distinct shade of the category's colour
    await expect(page.locator('[data-panel="fees"] .legend-item').count()).resolves.toBe(members.length)
    const legendColors = () => page.$$eval('[data-panel="fees"] .legend-item', (els) =>
      Object.fromEntries(els.map((e) => [e.getAttribute('data-series')!, getComputedStyle(e.querySelector('i')!).backgroundColor])))
    const colorsBefore = await legendColors()
    const { categories } = await gql<{ categories: { id: string; color: string }[] }>('{ categories { id color } }')
    const catColor = categories.find((c) => c.id === cat)!.color
    const hueOf = (rgb: string) => {
      const [r, g, b] = (rgb.match(/\d+/g) ?? []).slice(0, 3).map((x) => Number(x) / 255)
      const max = Math.max(r, g, b)
      const d = max - Math.min(r, g, b)
      const h = d === 0 ? 0 : max === r ? ((g - b) / d) % 6 : max === g ? (b - r) / d + 2 : (r - g) / d + 4
      return (h * 60 + 360) % 360
    }
    const catRgb = `rgb(${[1, 3, 5].map((i) => parseInt(catColor.slice(i, i + 2), 16)).join(', ')})`
    expect(new Set(Object.values(colorsBefore)).size, 'distinct shades').toBe(members.length)
    for (const [id, c] of Object.entries(colorsBefore)) expect(Math.abs(hueOf(c) - hueOf(catRgb)), `${id} ${c} is a shade of ${cat} ${catColor}`).toBeLessThan(10)
    // other categories' colours are not used
    for (const other of categories.filter((c) => c.id !== cat)) expect(Object.values(colorsBefore)).not.toContain(`rgb(${[1, 3, 5].map((i) => parseInt(other.color.slice(i, i + 2), 16)).join(', ')})`)
    await settled(page)
    await screenshot(page, `category-${cat}`)

    // change range, interval, network filter and sort; the URL carries them and a reload shows the same view
    await page.locator('[data-testid="toolbar"] button[data-range="90d"]').click()
    await page.locator('[data-testid="toolbar"] button[data-interval="week"]').click()
    const dropped = members[0]
    await page.locator(`[data-testid="toolbar"] button[data-filter="${dropped}"]`).click()
    await page.locator('[data-testid="ov-table"] thead button[data-sort="name"]').click()
    const kept = members.filter((m) => m !== dropped)
    const url = new URL(page.url())
    expect(url.pathname).toBe(`/category/${cat}`)
    expect(url.searchParams.get('range')).toBe('90d')
    expect(url.searchParams.get('interval')).toBe('week')
    expect(url.searchParams.get('networks')).toBe(kept.join(','))
    expect(url.searchParams.get('sort')).toBe('name:asc')
    const readView = async () => ({
      range: await page.locator('[data-testid="toolbar"] button[data-range][aria-pressed="true"]').getAttribute('data-range'),
      interval: await page.locator('[data-testid="toolbar"] button[data-interval][aria-pressed="true"]').getAttribute('data-interval'),
      rows: (await tableRows(page)).map((r) => r.id),
      fees: await dataValue(page, '[data-testid="ov-card-fees"]'),
    })
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="ov-table"] tbody tr').length === n, kept.length)
    const before = await readView()
    expect(before).toMatchObject({ range: '90d', interval: 'week', rows: [...kept].sort((a, b) => a.localeCompare(b)) })
    await page.reload()
    await page.getByTestId('ov-card-fees').waitFor({ timeout: 20_000 })
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="ov-table"] tbody tr').length === n, kept.length)
    expect(await readView()).toEqual(before)
    // the filtered totals: the kept networks only, over 90 days
    const metrics = await apiMetrics()
    const w90 = windowOf(new Map([...metrics].filter(([id]) => kept.includes(id))), 90)
    const fees90 = kept.flatMap((id) => metrics.get(id)!).filter((r) => Date.parse(r.periodStart) >= w90.from && r.feesUsd != null).reduce((s, r) => s + r.feesUsd!, 0)
    expectClose(before.fees!, fees90, 'filtered fees over 90 days')

    // weekly buckets: the fees chart's table has one row per ISO week (Mondays), each the sum of its days
    await page.getByTestId('toggle-table-fees').click()
    const weeks = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="table-fees"] tbody tr[data-day]')].map((tr) => ({
        day: tr.getAttribute('data-day')!,
        values: [...tr.querySelectorAll('td[data-col]')].map((td) => [td.getAttribute('data-col')!, td.getAttribute('data-value')!] as const),
      })),
    )
    expect(weeks.length).toBeGreaterThan(2)
    for (const wk of weeks) {
      expect(new Date(wk.day + 'T00:00:00Z').getUTCDay(), `${wk.day} is a Monday`).toBe(1)
      const start = Date.parse(wk.day + 'T00:00:00Z')
      for (const [id, v] of wk.values) {
        const days = (metrics.get(id) ?? []).filter((r) => Date.parse(r.periodStart) >= Math.max(start, w90.from) && Date.parse(r.periodStart) < start + 7 * DAY && r.feesUsd != null)
        if (v === '') expect(days.length, `${id} ${wk.day} unknown`).toBe(0)
        else expectClose(Number(v), days.reduce((s, r) => s + r.feesUsd!, 0), `${id} week of ${wk.day}`)
      }
    }
    await settled(page)
    // a network keeps its colour when the filter changes
    const colorsAfter = await legendColors()
    expect(Object.keys(colorsAfter).sort()).toEqual([...kept].sort())
    for (const id of kept) expect(colorsAfter[id], `${id} keeps its colour`).toBe(colorsBefore[id])
    await screenshot(page, `category-${cat}-filtered`)

    // back and forward keep working; an unknown category has a designed page
    await page.goto(apiUrl + '/category/no-such-category')
    await page.getByTestId('not-found').waitFor({ timeout: 20_000 })
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('wireless category: Helium (Solana) with fees in DC at $0.00001, incentives and hotspots, equal to the API', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } })
    const members = registry.filter((n) => n.category === 'wireless').map((n) => n.id).sort()
    expect(members).toContain('helium')
    const page = await openMarket(context, '/category/wireless', pageErrors)
    expect((await tableRows(page)).map((r) => r.id).sort()).toEqual(members)
    const metrics = await apiMetrics()
    const want = expected(metrics, members)
    expectCards(await cards(page), want)
    expect(want.feesUsd).toBeGreaterThan(0)
    expect(want.incentivesUsd).toBeGreaterThan(0)
    const { networkMetrics } = await gql<{ networkMetrics: { fees: number; feesUsd: number | null; protocolRevenueUsd: number | null; capacity: number; capacityUnit: string | null }[] }>(
      '{ networkMetrics(network: "helium", interval: DAY) { fees feesUsd protocolRevenueUsd capacity capacityUnit } }',
    )
    for (const d of networkMetrics) {
      expect(d.feesUsd).toBeCloseTo(d.fees * 0.00001, 6)
      expect(d.protocolRevenueUsd).toBeCloseTo(d.fees * 0.00001, 6)
    }
    expect(networkMetrics.at(-1)).toMatchObject({ capacityUnit: 'hotspots' })
    expect(networkMetrics.at(-1)!.capacity).toBeGreaterThan(0)
    // the capacity card: hotspots of the category's networks on the window's last day, as the API counts them
    const hotspots = await capacityOf(members)
    expect(hotspots.get('hotspots')).toBeGreaterThan(0)
    await expectCapacityCard(page, hotspots)
    await settled(page)
    await screenshot(page, 'category-wireless')
    // its network page draws fees (DC), incentives and capacity without errors
    await page.goto(apiUrl + '/network/helium')
    await page.getByTestId('net-card-fees').waitFor({ timeout: 20_000 })
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="chart-fees-incentives"] svg .recharts-bar-rectangle').length > 0, undefined, { timeout: 20_000 })
    await settled(page)
    await screenshot(page, 'network-helium')
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('data page: GraphiQL links run (in the API\'s own GraphiQL, without internet), export links carry the view', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } })
    const page = watchErrors(await context.newPage(), pageErrors)
    await page.goto(apiUrl + '/data?range=90d&networks=dimo,livepeer')
    await page.getByTestId('exports').waitFor({ timeout: 20_000 })
    // every example query, as linked to GraphiQL, runs without errors against the API
    const links = await page.locator('[data-graphiql]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href))
    expect(links.length).toBeGreaterThan(2)
    for (const href of links) {
      const q = new URL(href).searchParams.get('query')!
      expect(new URL(href).pathname).toBe('/graphql')
      const data = await gql<Record<string, unknown>>(q)
      expect(Object.keys(data).length, q).toBeGreaterThan(0)
    }
    // the market example asks for the two filtered networks from the range's first day
    const market = new URL(links[0]).searchParams.get('query')!
    expect(market).toContain('"dimo"')
    expect(market).toContain('"livepeer"')
    expect(market).not.toContain('"thegraph"')
    // export links: every dataset in three formats, with the networks and the 90-day window
    const hrefs = () => page.locator('[data-testid="exports"] a[data-export]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).getAttribute('href')!))
    expect((await hrefs()).length).toBe(7 * 3)
    // the window the charts of that view draw: the API's marketSeries window (ending on the latest indexed day)
    const chartWindow = async (args: string) =>
      (await gql<{ marketSeries: { window: { from: string; to: string } } }>(`{ marketSeries(${args}) { window { from to } } }`)).marketSeries.window
    const expectExports = async (network: string, args: string) => {
      const w = await chartWindow(args)
      for (const h of await hrefs()) {
        const u = new URL(h, apiUrl)
        expect(u.pathname).toMatch(/^\/export\/(daily_metrics|events|raw_events|daily_stats|hourly_stats|leases|providers)\.(arrow|csv|parquet)$/)
        expect(u.searchParams.get('network')).toBe(network)
        expect(u.searchParams.get('to')).toBe(new Date(Date.parse(w.to) + DAY).toISOString().slice(0, 10)) // exclusive
        expect(u.searchParams.get('from')).toBe(w.from.slice(0, 10))
      }
    }
    await expectExports('dimo,livepeer', 'networks: ["dimo", "livepeer"], days: 90')
    await screenshot(page, 'data')

    // from a category page: the header's Data link carries the page; its query comes first, its networks' exports
    await page.goto(apiUrl + '/category/storage')
    await page.getByTestId('ov-card-mcap').waitFor({ timeout: 20_000 })
    await page.locator('[data-testid="nav"] a[data-nav="data"]').click()
    await page.getByTestId('exports').waitFor({ timeout: 20_000 })
    expect(new URL(page.url()).searchParams.get('view')).toBe('category:storage')
    const storage = registry.filter((n) => n.category === 'storage').map((n) => n.id).sort()
    await page.waitForFunction((n) => document.querySelector('[data-testid="exports"] a[data-export]')?.getAttribute('href')?.includes(`network=${n}`), storage.join(','), { timeout: 10_000 })
    await expectExports(storage.join(','), 'category: "storage", days: 30')
    const categoryQuery = new URL((await page.locator('[data-graphiql="view"]').getAttribute('href'))!, apiUrl).searchParams.get('query')!
    expect(categoryQuery).toContain('category: "storage"')
    expect(Object.keys(await gql<Record<string, unknown>>(categoryQuery))).toEqual(['marketSeries'])
    // from a network page: that network's own query first, runnable
    await page.goto(apiUrl + '/data?view=network:filecoin')
    await page.locator('[data-graphiql="page"]').waitFor({ timeout: 20_000 })
    await expectExports('filecoin', 'networks: ["filecoin"], days: 30')
    const pageQuery = new URL((await page.locator('[data-graphiql]').first().getAttribute('href'))!, apiUrl).searchParams.get('query')!
    expect(pageQuery).toContain('networkMetrics(network: "filecoin"')
    const answer = await gql<{ networkMetrics: unknown[] }>(pageQuery)
    expect(answer.networkMetrics.length).toBeGreaterThan(5)
    // GraphiQL without internet: the link opens the API's GraphiQL, whose files the API serves itself; any request
    // leaving the API is recorded and refused (as behind a proxy), and the example query runs in it
    const external: string[] = []
    const uncaught: string[] = []
    await context.route('**/*', (route) => {
      if (route.request().url().startsWith(apiUrl + '/') || route.request().url().startsWith('data:')) return route.continue()
      external.push(route.request().url())
      return route.abort()
    })
    const gq = await context.newPage()
    gq.on('pageerror', (e) => uncaught.push(e.message))
    await gq.goto(new URL((await page.locator('[data-graphiql]').first().getAttribute('href'))!, apiUrl).href)
    await gq.locator('.graphiql-execute-button').first().waitFor({ timeout: 30_000 })
    const ran = gq.waitForResponse((r) => new URL(r.url()).pathname === '/graphql' && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('networkMetrics'), { timeout: 30_000 })
    await gq.locator('.graphiql-execute-button').first().click()
    expect((await (await ran).json()).data.networkMetrics.length).toBe(answer.networkMetrics.length)
    await gq.waitForFunction(() => [...document.querySelectorAll('.graphiql-response')].some((e) => (e.textContent ?? '').includes('networkMetrics')), undefined, { timeout: 20_000 })
    await screenshot(gq, 'graphiql')
    expect(external, 'requests leaving the API').toEqual([])
    expect(uncaught).toEqual([])
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('network page: top providers, lease medians, supply, providers, capacity, top payers and health equal the API', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } })
    const page = watchErrors(await context.newPage(), pageErrors)
    await page.goto(apiUrl + '/network/spheron')
    await page.getByTestId('top-providers').waitFor({ timeout: 20_000 })
    // top providers: every Spheron provider, ranked here by fees then rewards (then id, as the API breaks ties)
    const { providers } = await gql<{ providers: { id: string; address: string; feesNative: string; rewardsNative: string }[] }>(
      '{ providers(where: { network_eq: "spheron" }, limit: 1000) { id address feesNative rewardsNative } }',
    )
    expect(providers.length).toBeGreaterThan(0)
    expect(providers.length).toBeLessThan(1000)
    const cmp = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0)
    const ranked = [...providers].sort((a, b) => cmp(BigInt(b.feesNative), BigInt(a.feesNative)) || cmp(BigInt(b.rewardsNative), BigInt(a.rewardsNative)) || (a.id < b.id ? -1 : 1))
    const shown = await page.locator('[data-testid="top-providers"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-provider')))
    expect(shown).toEqual(ranked.slice(0, 10).map((p) => p.address))
    // lease medians: leases closed in the page's 30-day window (ending on the network's latest day), from the Lease entity
    const { networkStats } = await gql<{ networkStats: { periodStart: string }[] }>('{ networkStats(network: "spheron", interval: DAY, limit: 1) { periodStart } }')
    const last = Date.parse(networkStats[0].periodStart)
    const { leases } = await gql<{ leases: { openedAt: string | null; closedAt: string }[] }>(
      '{ leases(where: { network_eq: "spheron", status_eq: "CLOSED" }, orderBy: [closedAt_DESC], limit: 1000) { openedAt closedAt } }',
    )
    expect(leases.length).toBeLessThan(1000)
    const durations = leases
      .filter((l) => l.openedAt && Date.parse(l.closedAt) >= last - 29 * DAY && Date.parse(l.closedAt) < last + DAY)
      .map((l) => (Date.parse(l.closedAt) - Date.parse(l.openedAt!)) / 1000)
      .sort((a, b) => a - b)
    const medians = page.getByTestId('lease-medians')
    expect(Number(await medians.getAttribute('data-count'))).toBe(durations.length)
    if (durations.length) {
      const m = durations.length % 2 ? durations[durations.length >> 1] : (durations[durations.length / 2 - 1] + durations[durations.length / 2]) / 2
      expectClose(Number(await medians.getAttribute('data-duration')), m, 'median lease duration (s)')
    }
    // supply, providers, capacity vs leased: every day of the window in the charts' tables (data-value, raw numbers)
    // equals that day's networkMetrics / networkStats row of the API
    type NM = { periodStart: string; circulatingSupply: number; totalSupply: number; activeProviders: number | null; newProviders: number | null; churnedProviders: number | null; capacity: number; activeLeases: number }
    const { networkMetrics: nm } = await gql<{ networkMetrics: NM[] }>('{ networkMetrics(network: "spheron", interval: DAY) { periodStart circulatingSupply totalSupply activeProviders newProviders churnedProviders capacity activeLeases } }')
    const { networkStats: ns } = await gql<{ networkStats: { periodStart: string; minted: number; burned: number }[] }>('{ networkStats(network: "spheron", interval: DAY) { periodStart minted burned } }')
    const inWindow = (r: { periodStart: string }) => Date.parse(r.periodStart) >= last - 29 * DAY && Date.parse(r.periodStart) <= last
    const tableOf = async (name: string) => {
      await page.getByTestId(`toggle-table-${name}`).click()
      await page.getByTestId(`table-${name}`).waitFor({ timeout: 20_000 })
      return page.$$eval(`[data-testid="table-${name}"] tbody tr[data-day]`, (trs) =>
        Object.fromEntries(trs.map((tr) => [tr.getAttribute('data-day')!, Object.fromEntries([...tr.querySelectorAll('td[data-col]')].map((td) => [td.getAttribute('data-col')!, td.getAttribute('data-value')]))])),
      ) as Promise<Record<string, Record<string, string | null>>>
    }
    const cell = (v: string | null | undefined) => (v == null || v === '' ? null : Number(v))
    const compareDays = (table: Record<string, Record<string, string | null>>, rows: Record<string, unknown>[], cols: string[], what: string) => {
      const days = rows.filter((r) => inWindow(r as { periodStart: string }))
      expect(days.length, `${what}: API days in the window`).toBeGreaterThan(0)
      for (const r of days) {
        const day = (r.periodStart as string).slice(0, 10)
        expect(table[day], `${what}: the table has ${day}`).toBeDefined()
        for (const c of cols) {
          const want = r[c] as number | null
          if (want == null) expect(cell(table[day][c]), `${what} ${c} ${day}`).toBeNull()
          else expectClose(cell(table[day][c])!, want, `${what} ${c} ${day}`)
        }
      }
    }
    const supply = await tableOf('supply')
    compareDays(supply, nm, ['circulatingSupply', 'totalSupply'], 'supply')
    compareDays(supply, ns, ['minted', 'burned'], 'emissions/burns')
    compareDays(await tableOf('providers'), nm, ['activeProviders', 'newProviders', 'churnedProviders'], 'providers')
    const capacity = await tableOf('capacity')
    compareDays(capacity, nm, ['capacity', 'activeLeases'], 'capacity vs leased')
    expect(nm.filter(inWindow).some((r) => r.capacity > 0), 'spheron capacity in the window').toBe(true)
    // top payers: order and shares of payerConcentration over the page's window (30 days), the payer count in the summary
    await page.getByTestId('top-payers').waitFor({ timeout: 20_000 })
    const { payerConcentration: pc } = await gql<{ payerConcentration: { payers: number; top: { payer: string; share: number }[] } }>('{ payerConcentration(network: "spheron", window: D30, top: 10) { payers top { payer share } } }')
    expect(pc.top.length).toBeGreaterThan(0)
    const shownPayers = await page.$$eval('[data-testid="top-payers"] tbody tr[data-payer]', (trs) => trs.map((tr) => ({ payer: tr.getAttribute('data-payer')!, share: Number(tr.querySelector('[data-col="share"]')!.getAttribute('data-value')) })))
    expect(shownPayers.map((p) => p.payer)).toEqual(pc.top.map((p) => p.payer))
    shownPayers.forEach((p, i) => expectClose(p.share, pc.top[i].share, `payer ${p.payer} share`))
    await expect(page.locator('section[aria-labelledby="payers-title"] .panel-summary').textContent()).resolves.toContain(`${pc.payers.toLocaleString('en-US')} payers`)
    // median lease price: the most common (asset, unit) of the window's closed leases, recomputed from the Lease entities
    const { leases: priced } = await gql<{ leases: { closedAt: string; price: string | null; priceAsset: string | null; priceDecimals: number | null; priceUnit: string | null }[] }>(
      '{ leases(where: { network_eq: "spheron", status_eq: "CLOSED" }, orderBy: [closedAt_DESC], limit: 1000) { closedAt price priceAsset priceDecimals priceUnit } }',
    )
    const groups = new Map<string, number[]>()
    for (const l of priced) {
      if (l.price == null || l.priceAsset == null || Date.parse(l.closedAt) < last - 29 * DAY || Date.parse(l.closedAt) >= last + DAY) continue
      const k = `${l.priceAsset}|${l.priceUnit ?? ''}`
      groups.set(k, [...(groups.get(k) ?? []), Number(l.price) / 10 ** (l.priceDecimals ?? 0)])
    }
    const common = [...groups.values()].sort((a, b) => b.length - a.length)[0]
    const shownPrice = await medians.getAttribute('data-price')
    if (!common) expect(shownPrice).toBe('')
    else {
      const s = [...common].sort((a, b) => a - b)
      expectClose(Number(shownPrice), s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2, 'median lease price')
    }
    // health: the last event (latest hourly rollup) and Spheron's chain height and lag as indexerStatus (polled: the page
    // refreshes its pulse every few seconds, so wait for both to agree)
    const chain = (await gql<{ networks: { id: string; chain: string }[] }>('{ networks { id chain } }')).networks.find((n) => n.id === 'spheron')!.chain
    await page.getByTestId('health').waitFor({ timeout: 20_000 })
    let lastHealth: unknown
    await until('the Spheron page\'s health to equal the API', async () => {
      const api = await gql<{ indexerStatus: ChainStatus[]; networkStats: { periodStart: string }[] }>('{ indexerStatus { chain height head lag } networkStats(network: "spheron", interval: HOUR, limit: 1) { periodStart } }')
      const s = api.indexerStatus.find((c) => c.chain === chain)!
      const row = page.locator(`[data-testid="health-chains"] tr[data-chain="${chain}"]`)
      const shown = {
        lastEvent: await page.getByTestId('last-event').getAttribute('data-value'),
        height: cell(await row.locator('[data-col="height"]').getAttribute('data-value')),
        lag: cell(await row.locator('[data-col="lag"]').getAttribute('data-value')),
      }
      lastHealth = { shown, api: { lastEvent: api.networkStats[0]?.periodStart, height: s.height, lag: s.lag } }
      return shown.lastEvent != null && Date.parse(shown.lastEvent) === Date.parse(api.networkStats[0].periodStart) && shown.height === s.height && shown.lag === s.lag ? true : undefined
    }, 30_000, 500).catch((e) => {
      throw new Error(`${e.message}; last ${JSON.stringify(lastHealth)}`)
    })
    await settled(page)
    await screenshot(page, 'network-spheron')

    // Akash: the capacity its open leases hold, GPUs by model, as the API's leasedResources (the live devnet keeps
    // opening and closing leases: reload until the page and the API answer agree)
    await page.goto(apiUrl + '/network/akash')
    await page.getByTestId('net-leased').waitFor({ timeout: 20_000 })
    type Leased = { openLeases: number; gpus: number; gpusByModel: { model: string; gpus: number; leases: number }[] }
    const shownLeased = async (): Promise<Leased> => ({
      openLeases: Number(await page.getByTestId('net-leased-leases').getAttribute('data-value')),
      gpus: Number(await page.getByTestId('net-leased-gpus').getAttribute('data-value')),
      gpusByModel: await page.$$eval('[data-testid="table-net-gpus"] tbody tr', (trs) =>
        trs.map((tr) => ({ model: tr.getAttribute('data-model')!, gpus: Number(tr.querySelectorAll('td')[0].getAttribute('data-value')), leases: Number(tr.querySelectorAll('td')[1].getAttribute('data-value')) })),
      ),
    })
    let lastLeased: { page?: Leased; api?: Leased } = {}
    await until('the Akash page to show the API\'s leased capacity', async () => {
      await page.reload()
      await page.getByTestId('net-leased').waitFor({ timeout: 20_000 })
      const api = (await gql<{ leasedResources: Leased }>('{ leasedResources(network: "akash") { openLeases gpus gpusByModel { model gpus leases } } }')).leasedResources
      lastLeased = { page: await shownLeased(), api }
      return JSON.stringify(lastLeased.page) === JSON.stringify(api) ? true : undefined
    }, 60_000, 100).catch((e) => {
      throw new Error(`${e.message}; last ${JSON.stringify(lastLeased)}`)
    })
    expect(lastLeased.page!.openLeases).toBeGreaterThan(0)
    expect(lastLeased.page!.gpus).toBeGreaterThan(0)
    await screenshot(page, 'network-akash')
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('a chart\'s exports hold the charted numbers: daily_metrics CSV, Arrow and Parquet equal networkMetrics and the chart\'s table', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    const page = await openMarket(context, '/', pageErrors)
    const download = async (panel: string, format: string) => {
      const link = page.locator(`[data-panel="${panel}"] a[data-export="${format}"]`)
      const href = new URL((await link.getAttribute('href'))!, apiUrl)
      const [d] = await Promise.all([page.waitForEvent('download'), link.click()])
      return { href, bytes: readFileSync((await d.path())!) }
    }
    const fields = ['periodStart', 'price', 'marketCap', 'fdv', 'feesUsd', 'incentivesUsd', 'demandRewardsRatio30d', 'annualizedFeesUsd', 'pf', 'circulatingSupply', 'capacity', 'utilization', 'activeLeases', 'activeProviders', 'newProviders', 'churnedProviders'] as const
    const columns: Record<(typeof fields)[number], string> = {
      periodStart: 'period_start', price: 'price', marketCap: 'market_cap', fdv: 'fdv', feesUsd: 'fees_usd', incentivesUsd: 'incentives_usd',
      demandRewardsRatio30d: 'demand_rewards_ratio_30d', annualizedFeesUsd: 'annualized_fees_usd', pf: 'pf', circulatingSupply: 'circulating_supply',
      capacity: 'capacity', utilization: 'utilization', activeLeases: 'active_leases', activeProviders: 'active_providers', newProviders: 'new_providers', churnedProviders: 'churned_providers',
    }
    // the API's rows of every network (GraphQL), the window the overview draws (30 days ending on the latest day)
    const api = new Map<string, Record<string, number | string | null>[]>()
    for (const n of registry) {
      const { networkMetrics } = await gql<{ networkMetrics: Record<string, number | string | null>[] }>(`{ networkMetrics(network: "${n.id}", interval: DAY) { ${fields.join(' ')} } }`)
      api.set(n.id, networkMetrics)
    }
    const w = windowOf(api as unknown as Map<string, MetricsRow[]>)
    const want = [...api].sort(([a], [b]) => a.localeCompare(b)).flatMap(([id, rows]) =>
      rows.filter((r) => Date.parse(r.periodStart as string) >= w.from && Date.parse(r.periodStart as string) <= w.to).map((r) => ({ id, r })))
    expect(want.length).toBeGreaterThan(registry.length * 10)

    // CSV of the fees chart: the view's networks and window, one row per network and day with the API's values
    const csvFile = await download('fees', 'csv')
    expect(csvFile.href.pathname).toBe('/export/daily_metrics.csv')
    expect(csvFile.href.searchParams.get('network')!.split(',').sort()).toEqual(registry.map((n) => n.id).sort())
    const csv = parse(csvFile.bytes, { columns: true }) as Record<string, string>[]
    expect(csv.map((r) => `${r.network} ${Date.parse(r.period_start)}`)).toEqual(want.map(({ id, r }) => `${id} ${Date.parse(r.periodStart as string)}`))
    let compared = 0
    csv.forEach((row, i) => {
      const { id, r } = want[i]
      for (const f of fields) {
        if (f === 'periodStart') continue
        const v = row[columns[f]]
        expect(v === '' ? null : Number(v), `${id} ${row.period_start} ${columns[f]}`).toBe(r[f])
        compared++
      }
    })
    // ...and the chart's own table: fees per category and day are the sums of the file's fees_usd
    await page.getByTestId('toggle-table-fees').click()
    const table = await page.evaluate(() =>
      [...document.querySelectorAll('[data-testid="table-fees"] tbody tr[data-day]')].map((tr) => ({
        day: tr.getAttribute('data-day')!,
        values: [...tr.querySelectorAll('td[data-col]')].map((td) => [td.getAttribute('data-col')!, td.getAttribute('data-value')!] as const),
      })),
    )
    // one row per day from the window's first day (not before the first indexed day) to its last
    const firstDay = Math.max(w.from, Math.min(...want.map(({ r }) => Date.parse(r.periodStart as string))))
    expect(table.length).toBe(Math.round((w.to - firstDay) / DAY) + 1)
    const categoryOf = new Map(registry.map((n) => [n.id, n.category]))
    for (const { day, values } of table) {
      for (const [cat, v] of values) {
        const rows = csv.filter((r) => r.period_start.slice(0, 10) === day && categoryOf.get(r.network) === cat && r.fees_usd !== '')
        if (v === '') expect(rows.length, `${cat} ${day} unknown`).toBe(0)
        else expectClose(Number(v), rows.reduce((s, r) => s + Number(r.fees_usd), 0), `fees chart ${cat} ${day} = Σ CSV fees_usd`)
      }
    }

    // Arrow and Parquet of the market cap chart: the same rows (Parquet read back with parquet-wasm)
    const ms = (v: unknown) => (v instanceof Date ? v.getTime() : Number(v))
    const arrow = tableFromIPC((await download('mcap', 'arrow')).bytes)
    const pq = tableFromIPC(readParquet((await download('mcap', 'parquet')).bytes).intoIPCStream())
    for (const [name, t] of [['arrow', arrow], ['parquet', pq]] as const) {
      expect(t.numRows, name).toBe(want.length)
      const rows = t.toArray() as Record<string, unknown>[]
      rows.forEach((row, i) => {
        const { id, r } = want[i]
        expect(row.network, `${name} row ${i}`).toBe(id)
        expect(ms(row.period_start), `${name} ${id} period_start`).toBe(Date.parse(r.periodStart as string))
        for (const f of ['marketCap', 'feesUsd', 'incentivesUsd', 'capacity', 'utilization', 'activeProviders'] as const) {
          expect(row[columns[f]] ?? null, `${name} ${id} ${r.periodStart} ${columns[f]}`).toBe(r[f])
        }
      })
    }
    console.log(`daily_metrics: ${csv.length} rows, ${compared} CSV values equal networkMetrics; ${table.length} fees-table days; Arrow and Parquet ${want.length} rows`)
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('storage: the category page (a filter matching none of its networks shows them all) and Filecoin\'s page equal the API: fees, incentives, capacity in bytes, utilization', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } })
    const members = registry.filter((n) => n.category === 'storage').map((n) => n.id).sort()
    expect(members).toContain('filecoin')
    // livepeer is not a storage network: the filter matches none of the category's, so the page shows all of them
    const page = await openMarket(context, '/category/storage?networks=livepeer', pageErrors)
    expect((await tableRows(page)).map((r) => r.id).sort()).toEqual(members)
    const metrics = await apiMetrics()
    const want = expected(metrics, members)
    expectCards(await cards(page), want)
    expect(want.feesUsd, 'storage fees').toBeGreaterThan(0)
    const bytes = await capacityOf(members)
    expect([...bytes.keys()].some((u) => /bytes|B$/i.test(u)), `a byte unit among ${[...bytes.keys()]}`).toBe(true)
    await expectCapacityCard(page, bytes)
    // utilization: Filecoin's line ends on its leased bytes over its capacity, the API's utilization
    type U = { periodStart: string; capacity: number; utilization: number | null; feesUsd: number | null; incentivesUsd: number | null }
    const { networkMetrics: fil } = await gql<{ networkMetrics: U[] }>('{ networkMetrics(network: "filecoin", interval: DAY) { periodStart capacity utilization feesUsd incentivesUsd } }')
    const lastFil = fil.at(-1)!
    expect(lastFil.utilization, 'filecoin reports a utilization').not.toBeNull()
    await page.getByTestId('toggle-table-utilization').click()
    const utilCell = await page.$$eval('[data-testid="table-utilization"] tbody tr[data-day]', (trs) => trs.at(-1)?.querySelector('td[data-col="filecoin"]')?.getAttribute('data-value') ?? null)
    expectClose(Number(utilCell), lastFil.utilization!, 'filecoin utilization (category page)')
    // the capacity chart in bytes: nice binary ticks (steps of 1, 2 or 5 × a power of ten of a unit), each on one line,
    // inside the chart (not clipped on the left), the top tick at or above the largest value of the table
    const byteButton = page.locator('[data-panel="capacity"] button[data-unit^="bytes"]')
    if (await byteButton.count()) await byteButton.click()
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="chart-capacity"] .recharts-yAxis-tick-labels text.recharts-cartesian-axis-tick-value').length > 1, undefined, { timeout: 20_000 })
    const axis = await page.$eval('[data-testid="chart-capacity"]', (el) => {
      const box = el.querySelector('svg')!.getBoundingClientRect()
      return [...el.querySelectorAll('.recharts-yAxis-tick-labels text.recharts-cartesian-axis-tick-value')].map((t) => ({ text: t.textContent ?? '', lines: t.querySelectorAll('tspan').length, left: t.getBoundingClientRect().left - box.left }))
    })
    const tick = /^(0|(\d+)(,\d{3})* (B|KiB|MiB|GiB|TiB|PiB|EiB))$/
    for (const t of axis) {
      expect(t.text, 'a nice byte tick').toMatch(tick)
      expect(t.lines, `${t.text} on one line`).toBe(1)
      expect(t.left, `${t.text} not clipped`).toBeGreaterThanOrEqual(0)
    }
    const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB']
    const tickBytes = (t: string) => (t === '0' ? 0 : Number(t.split(' ')[0].replaceAll(',', '')) * 1024 ** units.indexOf(t.split(' ')[1]))
    // equal steps of 1, 2 or 5 × a power of ten of one unit (the labels' unit)
    const values = axis.map((t) => tickBytes(t.text)).sort((a, b) => a - b)
    const step = values[1] - values[0]
    values.forEach((v, i) => expect(v).toBe(i * step))
    const stepLabel = axis.find((t) => tickBytes(t.text) === step)!.text.split(' ')
    const m = Number(stepLabel[0].replaceAll(',', ''))
    expect([1, 2, 5], `step ${stepLabel.join(' ')}`).toContain(m / 10 ** Math.floor(Math.log10(m)))
    await page.getByTestId('toggle-table-capacity').click()
    const charted = await page.$$eval('[data-testid="table-capacity"] tbody td[data-value]', (tds) => tds.map((td) => Number(td.getAttribute('data-value') || 0)))
    expect(Math.max(...axis.map((t) => tickBytes(t.text)))).toBeGreaterThanOrEqual(Math.max(...charted))
    await settled(page)
    await screenshot(page, 'category-storage')

    // Filecoin's page: USD cards over its 30-day window, capacity and utilization of its last day
    await page.goto(apiUrl + '/network/filecoin')
    await page.getByTestId('net-card-fees').waitFor({ timeout: 20_000 })
    await settled(page)
    const w = windowOf(new Map([['filecoin', fil as unknown as MetricsRow[]]]))
    const inWin = fil.filter((r) => Date.parse(r.periodStart) >= w.from && Date.parse(r.periodStart) <= w.to)
    const sumOf = (k: 'feesUsd' | 'incentivesUsd') => inWin.filter((r) => r[k] != null).reduce((s, r) => s + r[k]!, 0)
    expectClose((await dataValue(page, '[data-testid="net-card-fees"]'))!, sumOf('feesUsd'), 'filecoin fees USD')
    expectClose((await dataValue(page, '[data-testid="net-card-incentives"]'))!, sumOf('incentivesUsd'), 'filecoin incentives USD')
    await page.getByTestId('toggle-table-capacity').click()
    const capCell = await page.$$eval('[data-testid="table-capacity"] tbody tr[data-day]', (trs) => trs.at(-1)?.querySelector('td[data-col="capacity"]')?.getAttribute('data-value') ?? null)
    expectClose(Number(capCell), lastFil.capacity, 'filecoin capacity (bytes)')
    await expect(page.locator('[data-panel="capacity"] .panel-summary').textContent()).resolves.toContain(`utilization ${(lastFil.utilization! * 100).toFixed(1)}%`)
    await screenshot(page, 'network-filecoin')
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('is usable from the keyboard: legend toggles, table buttons and sorting with Enter and Space', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } })
    const page = watchErrors(await context.newPage(), pageErrors)
    await page.goto(apiUrl + '/network/livepeer')
    await page.getByTestId('net-card-fees').waitFor({ timeout: 20_000 })
    await settled(page)
    // the fees chart's legend is buttons: Enter hides the USD line, Space shows it again
    const usdKey = page.locator('[data-panel="fees"] .legend button.legend-item[data-series="feesUsd"]')
    const lines = () => page.locator('[data-testid="chart-fees"] .recharts-line-curve').count()
    expect(await lines()).toBe(1)
    await usdKey.focus()
    await page.keyboard.press('Enter')
    await expect(usdKey.getAttribute('aria-pressed')).resolves.toBe('false')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="chart-fees"] .recharts-line-curve').length === 0, undefined, { timeout: 5000 })
    await page.keyboard.press('Space')
    await expect(usdKey.getAttribute('aria-pressed')).resolves.toBe('true')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="chart-fees"] .recharts-line-curve').length === 1, undefined, { timeout: 5000 })
    // the rewards chart (one series) has a key of what it draws
    await expect(page.locator('[data-panel="rewards"] .legend .legend-item').count()).resolves.toBe(1)
    // the table toggle: Space opens, Enter closes
    await page.getByTestId('toggle-table-fees').focus()
    await page.keyboard.press('Space')
    await page.getByTestId('table-fees').waitFor({ timeout: 5000 })
    await page.keyboard.press('Enter')
    await page.getByTestId('table-fees').waitFor({ state: 'detached', timeout: 5000 })
    // sorting the overview's table from the keyboard
    await page.goto(apiUrl + '/')
    await page.getByTestId('ov-card-mcap').waitFor({ timeout: 20_000 })
    await settled(page)
    await page.locator('[data-testid="ov-table"] thead button[data-sort="marketCap"]').focus()
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'marketCap:desc', undefined, { timeout: 5000 })
    await page.keyboard.press('Space')
    await page.waitForFunction(() => new URL(location.href).searchParams.get('sort') === 'marketCap:asc', undefined, { timeout: 5000 })
    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('keeps the initial JavaScript within its budget (250 kB gzip)', async () => {
    const b = await bundleFigures()
    console.log(`initial JS ${b.initialJsKB} kB, ${b.initialJsGzipKB} kB gzip`)
    expect(b.initialJsGzipKB, 'the entry and its preloads are counted').toBeGreaterThan(20)
    expect(b.initialJsGzipKB).toBeLessThanOrEqual(250)
  })

  it('export buttons download files that parse (Arrow IPC, CSV, Parquet)', async (ctx) => {
    // GET /export/... comes with the API's export endpoint; without it there is nothing to download yet
    const probe = await fetch(`${apiUrl}/export/daily_stats.csv`)
    await probe.arrayBuffer()
    if (probe.status === 404) return ctx.skip()
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })
    const page = watchErrors(await context.newPage(), pageErrors)
    await page.goto(apiUrl + '/data?range=all&networks=livepeer')
    await page.getByTestId('exports').waitFor({ timeout: 20_000 })
    const { networkStats } = await gql<{ networkStats: { periodStart: string }[] }>('{ networkStats(network: "livepeer", interval: DAY) { periodStart } }')
    const download = async (format: string) => {
      const [d] = await Promise.all([page.waitForEvent('download'), page.locator(`[data-dataset="daily_stats"] a[data-export="${format}"]`).click()])
      return readFileSync((await d.path())!)
    }
    // CSV: a header and one row per Livepeer day
    const csv = parse(await download('csv'), { columns: true }) as Record<string, string>[]
    expect(csv.length).toBe(networkStats.length)
    // Arrow IPC: the same rows
    const arrow = tableFromIPC(await download('arrow'))
    expect(arrow.numRows).toBe(networkStats.length)
    // Parquet: framed by the PAR1 magic
    const pq = await download('parquet')
    expect(pq.subarray(0, 4).toString()).toBe('PAR1')
    expect(pq.subarray(-4).toString()).toBe('PAR1')
    await context.close()
  })

  it('holds its layout on a 375 px wide phone, on every page', async () => {
    const context = await browser!.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
    const cat = registry[0].category
    for (const [path, name, ready] of [
      ['/', 'overview', 'ov-card-mcap'],
      [`/category/${cat}`, `category-${cat}`, 'ov-card-mcap'],
      ['/network/spheron', 'network-spheron', 'net-card-fees'],
      ['/data', 'data', 'exports'],
    ] as const) {
      const page = watchErrors(await context.newPage(), pageErrors)
      await page.goto(apiUrl + path)
      await page.getByTestId(ready).waitFor({ timeout: 20_000 })
      if (ready !== 'exports') await settled(page)
      expect(await horizontalOverflow(page), `${path}: no horizontal page scroll`).toBeLessThanOrEqual(0)
      await screenshot(page, `${name}-phone`)
      await page.close()
    }
    await context.close()
    expect(pageErrors).toEqual([])
  })

  it('switches between light and dark themes and keeps the choice', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' })
    const page = await openMarket(context, '/', pageErrors)
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme)
    const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor)
    expect(await theme()).toBe('light')
    const light = await bg()
    await page.getByTestId('theme-toggle').click()
    expect(await theme()).toBe('dark')
    expect(await bg()).not.toBe(light)
    await page.reload()
    await page.getByTestId('ov-card-mcap').waitFor({ timeout: 20_000 })
    expect(await theme()).toBe('dark')
    await settled(page)
    await screenshot(page, 'overview-dark')
    // keyboard: Tab reaches the theme button, the range buttons and the sortable headers
    const reached = new Set<string>()
    for (let i = 0; i < 300 && !['theme-toggle', 'range', 'sort'].every((k) => reached.has(k)); i++) {
      await page.keyboard.press('Tab')
      const id = await page.evaluate(() => {
        const el = document.activeElement
        return el?.getAttribute('data-testid') ?? (el?.hasAttribute('data-range') ? 'range' : el?.hasAttribute('data-sort') ? 'sort' : el?.tagName ?? '')
      })
      reached.add(id)
    }
    expect([...reached]).toEqual(expect.arrayContaining(['theme-toggle', 'range', 'sort']))
    await context.close()
    expect(pageErrors).toEqual([])
  })

  it('skips unknown (null) USD values in every sum, as its rule says', async () => {
    // the server-side rule (api/market-series.ts) is checked on worked figures in test/unit/market-series.test.ts;
    // here the page's own step: totals over networks skip a network whose figures are unknown
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } })
    const page = watchErrors(await context.newPage(), pageErrors)
    type Net = { network: string; feesUsd: number | null; incentivesUsd: number | null; latest: { marketCap: number | null } | null }
    let seen: Net[] | undefined
    await page.route('**/graphql', async (route) => {
      const res = await route.fetch()
      const body = (await res.json()) as { data: { market?: { changed: boolean; networks: Net[] } } }
      const m = body.data.market
      if (m?.changed) {
        // prices knocked out: the first network's fees and latest market cap, the second's incentives
        m.networks[0].feesUsd = null
        if (m.networks[0].latest) m.networks[0].latest.marketCap = null
        m.networks[1].incentivesUsd = null
        seen = m.networks
      }
      await route.fulfill({ response: res, json: body })
    })
    await page.goto(apiUrl + '/')
    await page.getByTestId('ov-card-mcap').waitFor({ timeout: 20_000 })
    const known = (xs: (number | null | undefined)[]) => xs.filter((x): x is number => x != null).reduce((a, x) => a + x, 0)
    const fees = known(seen!.map((n) => n.feesUsd))
    const incentives = known(seen!.map((n) => n.incentivesUsd))
    expectCards(await cards(page), {
      marketCap: known(seen!.map((n) => n.latest?.marketCap)), feesUsd: fees, incentivesUsd: incentives, ratio: incentives > 0 ? fees / incentives : null, perNetwork: new Map(),
    })
    const row = page.locator(`[data-testid="ov-table"] tr[data-network="${seen![0].network}"]`)
    await expect(row.locator('[data-col="feesUsd"]').getAttribute('data-value')).resolves.toBe('')
    await expect(row.locator('[data-col="marketCap"]').getAttribute('data-value')).resolves.toBe('')
    await expect(row.locator('[data-col="marketCap"]').textContent()).resolves.toBe('–')
    await context.close()
  })

  it('shows the error state when /graphql fails', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await page.route('**/graphql', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"errors":[{"message":"internal error"}]}' }))
    await page.goto(apiUrl + '/')
    await page.getByTestId('error').waitFor({ timeout: 10_000 })
    expect(await page.getByTestId('error').textContent()).toContain('500')
    expect(await page.getByTestId('ov-card-mcap').count()).toBe(0)
    await screenshot(page, 'overview-error', false)
    await context.close()
  })

  it('updates live: a poll with nothing new redraws no chart; new blocks redraw with the API\'s new numbers', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await openMarket(context, '/', pageErrors)
    const charts = ['chart-mcap', 'chart-fees', 'chart-incentives', 'chart-capacity', 'chart-utilization']
    /** Renders of each chart so far (data-render-count of the memoised Recharts component). */
    const renders = () =>
      page.evaluate((ids) => Object.fromEntries(ids.map((id) => [id, Number(document.querySelector(`[data-testid="${id}"] [data-render-count]`)?.getAttribute('data-render-count') ?? 0)])), charts)
    /** One poll, as the 15 s timer makes it (the page also polls when it becomes visible); the API's answer. */
    const poll = async () => {
      const answer = page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().method() === 'POST' && (r.request().postData() ?? '').includes('marketSeries'))
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
      const body = (await (await answer).json()) as { data: { market: { version: string; changed: boolean } } }
      await page.waitForTimeout(500) // React commits the state of the answer
      return body.data.market
    }
    await page.waitForFunction((ids) => ids.every((id) => document.querySelector(`[data-testid="${id}"] [data-render-count]`)), charts, { timeout: 20_000 })
    const first = await renders()
    for (const id of charts) expect(first[id], `${id} drawn`).toBeGreaterThan(0)

    // polls with no new data: the API answers with its version only and no chart renders again
    let quiet = 0
    for (let i = 0; i < 6 && quiet < 3; i++) {
      const before = await renders()
      const m = await poll()
      if (m.changed) continue // the chain moved meanwhile: not a quiet poll
      quiet++
      expect(await renders(), `poll ${i} with an unchanged answer (${m.version})`).toEqual(before)
    }
    expect(quiet, 'polls answered "unchanged"').toBe(3)

    // new blocks on Arbitrum One (Livepeer, The Graph, Aethir): mined until the API's figures change
    const version = async () => (await gql<{ marketSeries: { version: string } }>('{ marketSeries(days: 30) { version } }')).marketSeries.version
    const v0 = await version()
    const arb = bs!.stack.devnet!.nodes.find((n) => n.chainId === 42161)!
    let blocks = 0
    await until('new blocks to change the overview\'s figures', async () => {
      await arb.sim.mine(Math.floor(Date.now() / 1000) + 600 * ++blocks, true)
      return (await version()) !== v0 ? true : undefined
    }, 120_000, 500)
    // the indexer may take more than one batch over the new blocks: wait until the API's answer holds still
    const v1 = await until('the API\'s figures to settle', async () => {
      const a = await version()
      await new Promise((r) => setTimeout(r, 2000))
      return a === (await version()) ? a : undefined
    }, 60_000, 0)
    const before = await renders()
    // the next poll brings the new answer; the cards equal the figures recomputed from the API's daily rows
    await until('the page to take the new answer', async () => ((await poll()).version === v1 ? true : undefined), 30_000, 0)
    const want = expected(await apiMetrics())
    expectCards(await cards(page), want)
    const after = await renders()
    const redrawn = charts.filter((id) => after[id] > before[id])
    expect(redrawn.length, 'charts whose data changed are redrawn').toBeGreaterThan(0)
    for (const id of charts) expect(after[id] - before[id], `${id} renders once per change`).toBeLessThanOrEqual(2)
    console.log(`live: ${quiet} unchanged polls redrew nothing; ${blocks} block(s) later ${redrawn.join(', ')} redrawn`)
    expect(pageErrors).toEqual([])
    await context.close()
  })
})
