/**
 * End to end: the overview page (`/`) of the built dashboard against the whole stack (embedded Postgres, devnets of
 * every chain with 20 simulated days, indexers, API), its numbers checked against the API's own `networkMetrics`.
 *
 * The page's aggregation rule (dashboard/src/overview.ts), re-implemented here independently:
 * - window: each network's last 30 DAY rows of `networkMetrics`;
 * - fees / incentives USD: sum of every non-null value of every row of every network (null = no price, skipped);
 * - market cap: sum of the latest row's market cap of each network where it is non-null;
 * - demand/rewards: the fees total divided by the incentives total.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { networks as registryNetworks } from '../../indexer/registry'
import { expectClose, startBrowserStack, until, type BrowserStack } from '../helpers/browser-stack'


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
  perNetwork: Map<string, { marketCap: number | null; fees30dUsd: number | null }>
}

let browser: Browser | undefined
let apiUrl = ''

let bs: BrowserStack | undefined
const gql = <T,>(query: string) => bs!.gql<T>(query)

const apiStatus = async () => (await gql<{ indexerStatus: ChainStatus[] }>('{ indexerStatus { chain height head lag } }')).indexerStatus

/** `networkMetrics` (last 30 days) of every network, by id, in the registry's order. */
async function apiMetrics(): Promise<Map<string, MetricsRow[]>> {
  const { networks } = await gql<{ networks: { id: string }[] }>('{ networks { id } }')
  const out = new Map<string, MetricsRow[]>()
  for (const n of networks) {
    const { networkMetrics } = await gql<{ networkMetrics: MetricsRow[] }>(
      `{ networkMetrics(network: "${n.id}", interval: DAY, limit: 30) { periodStart marketCap feesUsd incentivesUsd } }`,
    )
    out.set(n.id, networkMetrics)
  }
  return out
}

/** The rule stated at the top of this file. */
function expected(metrics: Map<string, MetricsRow[]>): Expected {
  let marketCap = 0
  let feesUsd = 0
  let incentivesUsd = 0
  const perNetwork = new Map<string, { marketCap: number | null; fees30dUsd: number | null }>()
  for (const [id, rows] of metrics) {
    const window = rows.slice(-30)
    const latest = window.at(-1)
    if (latest?.marketCap != null) marketCap += latest.marketCap
    const priced = window.filter((r) => r.feesUsd != null)
    const fees = priced.reduce((s, r) => s + r.feesUsd!, 0)
    feesUsd += fees
    incentivesUsd += window.filter((r) => r.incentivesUsd != null).reduce((s, r) => s + r.incentivesUsd!, 0)
    perNetwork.set(id, { marketCap: latest?.marketCap ?? null, fees30dUsd: priced.length ? fees : null })
  }
  return { marketCap, feesUsd, incentivesUsd, ratio: incentivesUsd > 0 ? feesUsd / incentivesUsd : null, perNetwork }
}



/** data-value of an element: a number, or null for the empty string (an unknown value). */
async function dataValue(page: Page, selector: string): Promise<number | null> {
  const v = await page.locator(selector).getAttribute('data-value')
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
      return { id: tr.getAttribute('data-network')!, marketCap: val('marketCap'), fees30dUsd: val('fees30dUsd') }
    }),
  )
}

async function openOverview(context: BrowserContext, errors: string[]): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text())
  })
  await page.goto(apiUrl + '/')
  await page.getByTestId('ov-card-mcap').waitFor({ timeout: 20_000 })
  await page.waitForFunction(() => document.querySelectorAll('[data-testid="ov-chart-fees"] svg .recharts-bar-rectangle').length > 0, undefined, {
    timeout: 20_000,
  })
  return page
}

describe('overview page (end to end)', () => {
  const pageErrors: string[] = []

  beforeAll(async () => {
    const t0 = Date.now()
    bs = await startBrowserStack('overview')
    ;({ browser, apiUrl } = bs)
    // every chain caught up; the last finality blocks wait for a new head, which a still devnet never mines
    let last: ChainStatus[] = []
    await until(
      'every chain to catch up',
      async () => {
        last = await apiStatus()
        return last.length > 0 && last.every((c) => c.height != null && c.height > 0 && c.lag != null && c.lag <= 6) ? true : undefined
      },
      150_000,
      500,
    ).catch((e) => {
      throw new Error(`${e.message}; last indexerStatus ${JSON.stringify(last)}`)
    })
    console.log(`stack up and indexed in ${((Date.now() - t0) / 1000).toFixed(1)} s: ${last.map((c) => `${c.chain} ${c.height}/${c.head}`).join(', ')}`)
  })

  afterAll(async () => {
    await bs?.stop()
  })

  it('shows the cross-network totals, the fees chart and the network table from the API', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' })
    const page = await openOverview(context, pageErrors)
    const metrics = await apiMetrics()
    expect(metrics.size, `the API serves the registry's ${registryNetworks.length} networks`).toBe(registryNetworks.length)
    for (const [id, rows] of metrics) expect(rows.length, `${id} has daily rows`).toBeGreaterThan(5)
    const want = expected(metrics)

    // cards: raw values equal the sums computed here from the API's rows
    expectCards(await cards(page), want)
    await expect(page.getByTestId('ov-card-mcap').textContent()).resolves.toMatch(/^\$[\d.,]+[KMB]?$/)
    await expect(page.getByTestId('ov-card-ratio').textContent()).resolves.toMatch(/^[\d.,]+[KM]?×$/)

    // table: one row per network with the API's market cap and 30-day fees
    const rows = await tableRows(page)
    expect(rows.map((r) => r.id).sort()).toEqual([...metrics.keys()].sort())
    for (const r of rows) {
      const e = want.perNetwork.get(r.id)!
      if (e.marketCap == null) expect(r.marketCap, `${r.id} market cap`).toBeNull()
      else expectClose(r.marketCap!, e.marketCap, `${r.id} market cap`)
      if (e.fees30dUsd == null) expect(r.fees30dUsd, `${r.id} fees 30d`).toBeNull()
      else expectClose(r.fees30dUsd!, e.fees30dUsd, `${r.id} fees 30d`)
    }

    // stacked fees chart: bars drawn, one legend entry per category that has networks
    expect(await page.locator('[data-testid="ov-chart-fees"] .recharts-bar-rectangle').count()).toBeGreaterThan(0)
    expect(await page.locator('[data-testid="ov-chart-fees"] .recharts-legend-item').count()).toBeGreaterThan(1)

    // sorting by market cap: descending, unknown values last
    await page.locator('[data-testid="ov-table"] thead button[data-sort="marketCap"]').click()
    await expect(page.locator('[data-testid="ov-table"] thead th[aria-sort="descending"] button').getAttribute('data-sort')).resolves.toBe('marketCap')
    const sorted = (await tableRows(page)).map((r) => r.marketCap)
    const known = sorted.filter((v): v is number => v != null)
    expect(sorted.slice(0, known.length)).toEqual(known)
    expect(known).toEqual([...known].sort((a, b) => b - a))
    // a second click flips the order
    await page.locator('[data-testid="ov-table"] thead button[data-sort="marketCap"]').click()
    const asc = (await tableRows(page)).map((r) => r.marketCap).filter((v): v is number => v != null)
    expect(asc).toEqual([...known].sort((a, b) => a - b))
    await page.locator('[data-testid="ov-table"] thead button[data-sort="marketCap"]').click()

    await page.waitForTimeout(700) // entrance animation
    await page.screenshot({ path: '/tmp/overview.png', fullPage: true })

    // clicking a network opens its page in place (no reload), back returns to the overview
    await page.evaluate(() => ((window as unknown as { __noReload: boolean }).__noReload = true))
    await page.locator('[data-testid="ov-table"] tr[data-network="dimo"] a').click()
    await page.waitForURL(/\/network\/dimo$/, { timeout: 5000 })
    await page.getByTestId('net-card-fees').waitFor({ timeout: 20_000 })
    expect(await page.evaluate(() => (window as unknown as { __noReload?: boolean }).__noReload)).toBe(true)
    const dimoFees = want.perNetwork.get('dimo')!.fees30dUsd!
    expectClose((await dataValue(page, '[data-testid="net-card-fees"]'))!, dimoFees, 'dimo page fees')
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="chart-net-fees"] svg .recharts-bar-rectangle').length > 0, undefined, { timeout: 20_000 })
    await page.screenshot({ path: '/tmp/overview-network.png', fullPage: true })
    await page.goBack()
    await page.getByTestId('ov-card-mcap').waitFor({ timeout: 20_000 })
    expect(new URL(page.url()).pathname).toBe('/')

    // Akash (CometBFT source) is in the table and its page shows the capacity its open leases hold, GPUs by model
    await page.locator('[data-testid="ov-table"] tr[data-network="akash"] a').click()
    await page.waitForURL(/\/network\/akash$/, { timeout: 5000 })
    await page.getByTestId('net-leased').waitFor({ timeout: 20_000 })
    expect(await page.locator('.hero .chip').first().textContent()).toMatch(/compute/i)
    // the live devnet keeps opening and closing leases: reload until the page and the API answer agree
    type Leased = { openLeases: number; gpus: number; gpusByModel: { model: string; gpus: number; leases: number }[] }
    const shown = async (): Promise<Leased> => ({
      openLeases: (await dataValue(page, '[data-testid="net-leased-leases"]'))!,
      gpus: (await dataValue(page, '[data-testid="net-leased-gpus"]'))!,
      gpusByModel: await page.$$eval('[data-testid="table-net-gpus"] tbody tr', (trs) =>
        trs.map((tr) => ({ model: tr.getAttribute('data-model')!, gpus: Number(tr.querySelectorAll('td')[0].getAttribute('data-value')), leases: Number(tr.querySelectorAll('td')[1].getAttribute('data-value')) })),
      ),
    })
    let last: { page?: Leased; api?: Leased } = {}
    await until('the Akash page to show the API\'s leased capacity', async () => {
      await page.reload()
      await page.getByTestId('net-leased').waitFor({ timeout: 20_000 })
      const api = (await gql<{ leasedResources: Leased }>('{ leasedResources(network: "akash") { openLeases gpus gpusByModel { model gpus leases } } }')).leasedResources
      last = { page: await shown(), api }
      return JSON.stringify(last.page) === JSON.stringify(api) ? true : undefined
    }, 60_000, 100).catch((e) => {
      throw new Error(`${e.message}; last ${JSON.stringify(last)}`)
    })
    expect(last.page!.openLeases).toBeGreaterThan(0)
    expect(last.page!.gpus).toBeGreaterThan(0)
    expect(last.page!.gpusByModel.length).toBeGreaterThan(0)
    await page.goBack()
    await page.getByTestId('ov-card-mcap').waitFor({ timeout: 20_000 })

    // the Livepeer link of the header nav opens the Livepeer page
    await page.locator('[data-testid="nav"] a[data-nav="livepeer"]').click()
    await page.waitForURL(/\/network\/livepeer$/, { timeout: 5000 })
    await page.getByTestId('card-fees-eth').waitFor({ timeout: 20_000 })

    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('skips unknown (null) USD values in every sum, as its rule says', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    // the answer as the page gets it, with prices knocked out: the first network's fees and its latest market cap,
    // and every other day of the second network's incentives
    let seen: Record<string, unknown> | undefined
    await page.route('**/graphql', async (route) => {
      const res = await route.fetch()
      const body = (await res.json()) as { data: Record<string, unknown> }
      const series = Object.keys(body.data)
        .filter((k) => /^m\d+$/.test(k))
        .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
      const first = body.data[series[0]] as MetricsRow[]
      for (const r of first) r.feesUsd = null
      first[first.length - 1].marketCap = null
      ;(body.data[series[1]] as MetricsRow[]).forEach((r, i) => i % 2 === 0 && (r.incentivesUsd = null))
      seen = body.data
      await route.fulfill({ response: res, json: body })
    })
    await page.goto(apiUrl + '/')
    await page.getByTestId('ov-card-mcap').waitFor({ timeout: 20_000 })
    const networks = seen!.networks as { id: string }[]
    const metrics = new Map(networks.map((n, i) => [n.id, seen![`m${i}`] as MetricsRow[]]))
    const want = expected(metrics)
    expectCards(await cards(page), want)
    const firstId = networks[0].id
    const row = page.locator(`[data-testid="ov-table"] tr[data-network="${firstId}"]`)
    await expect(row.locator('[data-col="fees30dUsd"]').getAttribute('data-value')).resolves.toBe('')
    await expect(row.locator('[data-col="marketCap"]').getAttribute('data-value')).resolves.toBe('')
    await expect(row.locator('[data-col="marketCap"]').textContent()).resolves.toBe('–')
    await context.close()
  })

  it('holds its layout on a 375 px wide phone', async () => {
    const context = await browser!.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
    const page = await openOverview(context, pageErrors)
    await page.waitForTimeout(700)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow, 'no horizontal page scroll').toBeLessThanOrEqual(0)
    // the wide table scrolls inside its own container
    const wrap = await page.locator('[data-testid="ov-table"]').evaluate((t) => {
      const w = t.parentElement!
      return { scroll: w.scrollWidth, client: w.clientWidth, overflowX: getComputedStyle(w).overflowX }
    })
    expect(wrap.client).toBeLessThanOrEqual(375)
    expect(['auto', 'scroll']).toContain(wrap.overflowX)
    await page.screenshot({ path: '/tmp/overview-mobile.png', fullPage: true })
    await context.close()
    expect(pageErrors).toEqual([])
  })

  it('shows the error state when /graphql fails', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await page.route('**/graphql', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"errors":[{"message":"internal error"}]}' }))
    await page.goto(apiUrl + '/')
    await page.getByTestId('error').waitFor({ timeout: 10_000 })
    expect(await page.getByTestId('error').textContent()).toContain('500')
    expect(await page.getByTestId('ov-card-mcap').count()).toBe(0)
    await context.close()
  })
})
