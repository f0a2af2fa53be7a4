/**
 * End to end: the whole stack in-process (embedded Postgres, devnet with 20 simulated days, indexer, API),
 * the built dashboard in headless Chromium, and what it shows checked against the API's own answers.
 */
import { join } from 'node:path'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { Stack } from '../../cli/stack'
import { expectClose, screenshot, SCREENSHOT_DIR, settled, startBrowserStack, until, type BrowserStack } from '../helpers/browser-stack'


interface DayRow {
  periodStart: string
  fees: number
  feesUsd: number
  rewards: number
}
interface ChainStatus {
  height: number | null
  head: number | null
  lag: number | null
}

let stack: Stack | undefined
let browser: Browser | undefined
let dataDir: string | undefined
let apiUrl = ''

let bs: BrowserStack | undefined
const gql = <T,>(query: string) => bs!.gql<T>(query)

const statsQuery = `{ networkStats(network: "livepeer", interval: DAY, limit: 30) { periodStart fees feesUsd rewards } }`
const statusQuery = `{ indexerStatus { height head lag } }`
const apiStats = async () => (await gql<{ networkStats: DayRow[] }>(statsQuery)).networkStats
const apiStatus = async () => (await gql<{ indexerStatus: ChainStatus[] }>(statusQuery)).indexerStatus[0]

const dayOf = (iso: string) => new Date(iso).toISOString().slice(0, 10)
const sum = (rows: DayRow[], k: 'fees' | 'feesUsd' | 'rewards') => rows.reduce((s, r) => s + r[k], 0)



async function dataValue(page: Page, testId: string): Promise<number> {
  const v = await page.getByTestId(testId).getAttribute('data-value')
  expect(v, `${testId} has a data-value`).not.toBeNull()
  expect(v, `${testId} data-value is set`).not.toBe('')
  return Number(v)
}

/** Opens the dashboard and waits until both charts have drawn their bars. */
async function openDashboard(context: BrowserContext, feeBars: number, rewardBars: number, errors: string[]): Promise<Page> {
  const page = await context.newPage()
  page.on('pageerror', (e) => errors.push(e.message))
  await page.goto(apiUrl + '/network/livepeer')
  await page.getByTestId('card-fees-eth').waitFor()
  await page.waitForFunction(
    ([f, r]) =>
      document.querySelectorAll('[data-testid="chart-fees"] svg .recharts-bar-rectangle').length === f &&
      document.querySelectorAll('[data-testid="chart-rewards"] svg .recharts-bar-rectangle').length === r,
    [feeBars, rewardBars] as const,
    { timeout: 20_000 },
  )
  await settled(page)
  return page
}

/**
 * Set before any page script: resolves window.__firstBars with the fees chart's bar outlines as they are first put in
 * the DOM (in the mutation's own task, before any animation frame could move them), performance.now() and how many
 * sections of the page were still placeholders (rendered after the headline chart) at that moment.
 */
const FIRST_BARS_PROBE = `
window.__firstBars = new Promise((resolve) => {
  const obs = new MutationObserver(() => {
    const bars = [...document.querySelectorAll('[data-testid="chart-fees"] .recharts-bar-rectangle path')]
    if (bars.length) {
      obs.disconnect()
      resolve({ at: performance.now(), d: bars.map((b) => b.getAttribute('d')), placeholders: document.querySelectorAll('[data-placeholder]').length })
    }
  })
  obs.observe(document, { childList: true, subtree: true, attributes: true })
})`

describe('livepeer (end to end)', () => {
  let stats: DayRow[] = []
  let heightBefore = 0
  const pageErrors: string[] = []

  beforeAll(async () => {
    const t0 = Date.now()
    bs = await startBrowserStack('livepeer')
    ;({ stack, browser, apiUrl, dataDir } = bs)
    // The indexer leaves the last `finality` blocks (5 on the devnet) to its hot-block path, which runs when a new
    // head arrives; with SIM_LIVE=false none does, so once it is stuck just behind the head, mine one block.
    let last: ChainStatus | undefined
    let since = Date.now()
    let nudges = 0
    let settledSince: number | undefined
    const caught = await until(
      'the indexer to catch up',
      async () => {
        const st = await apiStatus()
        if (st.height !== last?.height) {
          since = Date.now()
          settledSince = undefined
        }
        last = st
        // lag 0 held for longer than the API's 1 s head cache: the head it compares with is current
        if (st.height != null && st.height > 0 && st.lag === 0) {
          settledSince ??= Date.now()
          return Date.now() - settledSince > 1500 ? st : undefined
        }
        settledSince = undefined
        if (st.height != null && st.lag != null && st.lag <= 10 && Date.now() - since > 2000 && nudges < 5) {
          nudges++
          since = Date.now()
          await stack!.devnet!.nodes[0].sim.mine(Math.floor(Date.now() / 1000), true)
        }
        return undefined
      },
      300_000,
    ).catch((e) => {
      throw new Error(`${e.message}; last indexerStatus ${JSON.stringify(last)}; indexer log in ${join(dataDir!, 'logs/indexer-arbitrum-one.log')} (KEEP_TEST_DATA=1 keeps it)`)
    })
    heightBefore = caught.height!
    stats = await apiStats()
    console.log(`stack up and indexed in ${((Date.now() - t0) / 1000).toFixed(1)} s: height ${heightBefore}, ${stats.length} days`)
  }, 480_000) // a busy shared machine can take minutes to simulate, index and boot

  afterAll(async () => {
    await bs?.stop()
  })

  it('shows the API numbers in cards, charts and tables', async () => {
    expect(stats.length, 'the simulated history yields daily rows').toBeGreaterThan(5)
    const feeDays = stats.filter((r) => r.fees > 0).length
    const rewardDays = stats.filter((r) => r.rewards > 0).length
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'light' })
    const page = await openDashboard(context, feeDays, rewardDays, pageErrors)

    // cards: raw values equal the sums over the API's rows
    expectClose(await dataValue(page, 'card-fees-eth'), sum(stats, 'fees'), 'fees ETH')
    // fees in USD: the API's derived metric (fees net of refunds at the day's valuation), the figure of the overview too
    const { networkMetrics } = await gql<{ networkMetrics: { periodStart: string; feesUsd: number | null }[] }>(`{ networkMetrics(network: "livepeer", interval: DAY, limit: 30) { periodStart feesUsd } }`)
    expectClose(await dataValue(page, 'net-card-fees'), networkMetrics.reduce((s, r) => s + (r.feesUsd ?? 0), 0), 'fees USD')
    expectClose(await dataValue(page, 'card-rewards-lpt'), sum(stats, 'rewards'), 'rewards LPT')
    // displayed in compact form
    await expect(page.getByTestId('card-fees-eth').textContent()).resolves.toMatch(/^[\d.,]+[KM]? ETH$/)
    await expect(page.getByTestId('net-card-fees').textContent()).resolves.toMatch(/^\$[\d.,]+[KM]?$/)
    await expect(page.getByTestId('card-rewards-lpt').textContent()).resolves.toMatch(/^[\d.,]+[KM]? LPT$/)

    // indexer status: within the polling window
    const pageHeight = await dataValue(page, 'status-height')
    const apiHeight = (await apiStatus()).height!
    expect(pageHeight).toBeGreaterThanOrEqual(heightBefore)
    expect(pageHeight).toBeLessThanOrEqual(apiHeight)
    expect(await dataValue(page, 'status-head')).toBeGreaterThanOrEqual(pageHeight)
    expect(await dataValue(page, 'status-lag')).toBeGreaterThanOrEqual(0)

    // one bar per day with fees (a zero day draws no rectangle), date axis labels like "Nov 3"
    expect(await page.locator('[data-testid="chart-fees"] .recharts-bar-rectangle').count()).toBe(feeDays)
    expect(await page.locator('[data-testid="chart-rewards"] .recharts-bar-rectangle').count()).toBe(rewardDays)
    expect(await page.locator('[data-testid="chart-fees"] .recharts-line-curve').count()).toBe(1)
    const ticks = await page.locator('[data-testid="chart-fees"] .recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents()
    expect(ticks.length).toBeGreaterThan(2)
    for (const t of ticks) expect(t).toMatch(/^[A-Z][a-z]{2} \d{1,2}$/)

    await screenshot(page, 'livepeer')

    // tooltip on hover: the day and its ETH amount
    const hovered = stats.findIndex((r) => r.fees > 0)
    const bar = page.locator('[data-testid="chart-fees"] .recharts-bar-rectangle').nth(hovered)
    await bar.hover()
    const tooltip = page.locator('[data-testid="chart-fees"] .chart-tooltip')
    await tooltip.waitFor({ timeout: 5000 })
    const day = new Date(stats[hovered].periodStart)
    const tip = await tooltip.textContent()
    expect(tip).toContain(day.toLocaleDateString('en-US', { month: 'short', day: 'numeric', timeZone: 'UTC' }))
    expect(tip).toContain(stats[hovered].fees.toFixed(4))
    await page.locator('[data-testid="chart-fees"]').screenshot({ path: join(SCREENSHOT_DIR, 'livepeer-tooltip.png') })
    await page.mouse.move(0, 0)

    // tables: hidden until toggled, then one row per API day with the API's values
    expect(await page.getByTestId('table-fees').count()).toBe(0)
    await page.getByTestId('toggle-table-fees').click()
    await page.getByTestId('toggle-table-rewards').click()
    const tables = await page.evaluate(() => {
      const read = (testId: string, cols: string[]) =>
        [...document.querySelectorAll(`[data-testid="${testId}"] tbody tr[data-day]`)].map((tr) => ({
          day: tr.getAttribute('data-day')!,
          values: Object.fromEntries(cols.map((c) => [c, tr.querySelector(`td[data-col="${c}"]`)?.getAttribute('data-value') ?? null])),
        }))
      return { fees: read('table-fees', ['fees', 'usd']), rewards: read('table-rewards', ['rewards']) }
    })
    await page.getByTestId('table-fees').evaluate((e) => e.scrollIntoView({ block: 'center' }))
    await screenshot(page, 'livepeer-table', false)
    const byDay = new Map(stats.map((r) => [dayOf(r.periodStart), r]))
    expect(tables.fees.map((r) => r.day)).toEqual(stats.map((r) => dayOf(r.periodStart)))
    expect(tables.rewards.map((r) => r.day)).toEqual(stats.map((r) => dayOf(r.periodStart)))
    for (const row of tables.fees) {
      const api = byDay.get(row.day)!
      expectClose(Number(row.values.fees), api.fees, `fees table ${row.day} ETH`)
      // USD: the derived metric of the day (net of refunds; unknown shown as – with an empty data-value)
      const usdOfDay = networkMetrics.find((m) => dayOf(m.periodStart) === row.day)?.feesUsd ?? null
      if (usdOfDay == null) expect(row.values.usd, `fees table ${row.day} USD unknown`).toBe('')
      else expectClose(Number(row.values.usd), usdOfDay, `fees table ${row.day} USD`)
    }
    for (const row of tables.rewards) expectClose(Number(row.values.rewards), byDay.get(row.day)!.rewards, `rewards table ${row.day} LPT`)
    await page.getByTestId('toggle-table-fees').click()
    expect(await page.getByTestId('table-fees').count()).toBe(0)

    // polling with nothing new: the page asks for its pulse (indexer status, last event; its whole request once a
    // minute), a small answer, and no chart renders again
    const renders = () => page.$$eval('[data-render-count]', (els) => els.map((e) => Number(e.getAttribute('data-render-count'))))
    const rendersBefore = await renders()
    expect(rendersBefore.length, 'charts counting their renders').toBeGreaterThan(0)
    const pulses: number[] = []
    for (let i = 0; i < 3; i++) {
      const answer = page.waitForResponse((r) => r.url().endsWith('/graphql') && r.request().method() === 'POST')
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
      const res = await answer
      if (res.request().postData()?.includes('NetworkPulse')) pulses.push((await res.body()).length)
    }
    await page.waitForTimeout(500)
    expect(pulses.length, 'polls answered by the pulse').toBeGreaterThanOrEqual(2)
    for (const b of pulses) expect(b, 'pulse answer bytes').toBeLessThan(4000)
    expect(await renders(), 'renders after polls with nothing new').toEqual(rendersBefore)

    // polling: a new block shows up without a reload
    await stack!.devnet!.nodes[0].sim.mine(Math.floor(Date.now() / 1000), true)
    await page.waitForFunction(
      (h) => Number(document.querySelector('[data-testid="status-height"]')?.getAttribute('data-value')) > h,
      pageHeight,
      { timeout: 20_000 },
    )
    stats = await apiStats() // the block may have added fees to today's row
    // the network's last event moved with the block's events: the next polls bring the whole answer again
    await until('the page to show the API\'s fees after the block', async () => {
      await page.evaluate(() => document.dispatchEvent(new Event('visibilitychange')))
      return Math.abs((await dataValue(page, 'card-fees-eth')) - sum(stats, 'fees')) <= 1e-9 * Math.max(1, sum(stats, 'fees')) ? true : undefined
    }, 20_000, 500)

    // polling: the API going away shows a banner on the next poll while the last data stays on screen
    await page.route('**/graphql', (route) => route.fulfill({ status: 503, contentType: 'application/json', body: '{"errors":[{"message":"down for the test"}]}' }))
    await page.getByTestId('error').waitFor({ timeout: 12_000 })
    await expect(page.getByTestId('error').textContent()).resolves.toContain('503')
    expect(await page.getByTestId('card-fees-eth').count()).toBe(1)
    await page.unroute('**/graphql')
    await page.getByTestId('error').waitFor({ state: 'detached', timeout: 12_000 })

    expect(pageErrors).toEqual([])
    await context.close()
  })

  it('sends the view\'s request before React renders, draws the fees chart first and without animation', async () => {
    const feeDays = stats.filter((r) => r.fees > 0).length
    const context = await browser!.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    const sent: string[] = []
    page.on('request', (r) => {
      if (r.url().endsWith('/graphql') && r.method() === 'POST') sent.push(r.postData() ?? '')
    })
    await page.addInitScript(FIRST_BARS_PROBE)
    await page.goto(apiUrl + '/network/livepeer')
    const first = await page.evaluate(() => (window as unknown as { __firstBars: Promise<{ at: number; d: string[]; placeholders: number }> }).__firstBars)
    // the first request left before React's first render was committed (the entry module sent it), and the page
    // took it over: one full request, the polls after it ask for the pulse
    const timing = await page.evaluate(() => ({
      rendered: performance.getEntriesByName('app:first-render')[0]?.startTime,
      requests: performance.getEntriesByType('resource').filter((r) => r.name.endsWith('/graphql')).map((r) => r.startTime),
    }))
    expect(timing.rendered, 'React marked its first render').toBeGreaterThan(0)
    expect(Math.min(...timing.requests), 'first /graphql request start vs React\'s first render (ms)').toBeLessThan(timing.rendered)
    // headline first: when the fees bars appeared, the sections after it (rewards chart, tables) were placeholders
    expect(first.placeholders, 'sections not rendered yet when the headline chart was drawn').toBeGreaterThan(0)
    await settled(page)
    expect(sent.filter((b) => b.includes('query NetworkPage')).length, 'full requests of the page').toBe(1)
    // no entrance animation: the bars as first inserted are the bars as they stay, one per day with fees
    const final = await page.$$eval('[data-testid="chart-fees"] .recharts-bar-rectangle path', (ps) => ps.map((p) => p.getAttribute('d')))
    expect(first.d.length).toBe(feeDays)
    expect(final).toEqual(first.d)
    console.log(`first request at ${Math.min(...timing.requests).toFixed(0)} ms, React's first render ${timing.rendered.toFixed(0)} ms, fees bars ${first.at.toFixed(0)} ms; ${first.placeholders} sections still placeholders then`)
    await context.close()
  })

  it('shows the error state when /graphql fails', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await page.route('**/graphql', (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: '{"errors":[{"message":"internal error"}]}' }),
    )
    await page.goto(apiUrl + '/network/livepeer')
    const error = page.getByTestId('error')
    await error.waitFor({ timeout: 10_000 })
    expect(await error.isVisible()).toBe(true)
    expect(await error.textContent()).toContain('500')
    expect(await page.getByTestId('card-fees-eth').count()).toBe(0)
    await screenshot(page, 'livepeer-error', false)
    await context.close()
  })

  it('shows the loading and empty states', async () => {
    const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    page.on('pageerror', (e) => pageErrors.push(e.message))
    let release!: () => void
    const held = new Promise<void>((r) => (release = r))
    await page.route('**/graphql', async (route) => {
      await held
      const res = await route.fetch()
      const body = await res.json()
      body.data.networkStats = []
      await route.fulfill({ response: res, json: body })
    })
    await page.goto(apiUrl + '/network/livepeer')
    await page.getByTestId('loading').waitFor({ timeout: 10_000 })
    await screenshot(page, 'livepeer-loading', false)
    release()
    await page.getByTestId('empty').waitFor({ timeout: 10_000 })
    await screenshot(page, 'livepeer-empty', false)
    expect(await page.getByTestId('empty').textContent()).toContain('No data indexed yet')
    expect(await page.locator('.recharts-bar-rectangle').count()).toBe(0)
    await context.close()
  })

  it('holds its layout on a 375 px wide phone', async () => {
    const feeDays = stats.filter((r) => r.fees > 0).length
    const rewardDays = stats.filter((r) => r.rewards > 0).length
    const context = await browser!.newContext({ viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true })
    const page = await openDashboard(context, feeDays, rewardDays, pageErrors)
    // nothing wider than the screen: no horizontal scrolling
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await screenshot(page, 'livepeer-mobile')
    await context.close()

    // the dark theme, for a look at it (not asserted beyond rendering)
    const dark = await browser!.newContext({ viewport: { width: 1280, height: 900 }, colorScheme: 'dark' })
    const darkPage = await openDashboard(dark, feeDays, rewardDays, pageErrors)
    await screenshot(darkPage, 'livepeer-dark')
    await dark.close()
    expect(pageErrors).toEqual([])
  })
})
