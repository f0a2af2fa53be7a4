/**
 * End-to-end fixture shared by the dashboard tests: the whole stack in-process (embedded Postgres, devnets,
 * indexers, API on free ports, fresh data folder, built dashboard) and headless Chromium, plus small helpers.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { expect } from 'vitest'
import { buildDashboardIfStale } from '../../cli/dashboard-build'
import { startStack, type Stack } from '../../cli/stack'
import { loadConfig } from '../../common/config'
import { launchChromium } from './chromium'
import { freePort, freePortBlock } from './ports'

export interface BrowserStack {
  stack: Stack
  browser: Browser
  apiUrl: string
  dataDir: string
  /** POST a query to the stack's /graphql; throws on HTTP or GraphQL errors */
  gql<T>(query: string): Promise<T>
  stop(): Promise<void>
}

export async function startBrowserStack(name: string, env: Record<string, string> = {}): Promise<BrowserStack> {
  await buildDashboardIfStale()
  const dataDir = mkdtempSync(join(tmpdir(), `depin-e2e-${name}-`))
  const overrides: Record<string, string> = {
    PORT: String(await freePort()),
    DEVNET_PORT: String(await freePortBlock()),
    EMBEDDED_PG_PORT: String(await freePort()),
    DEVNET_CONTROL_PORT: String(await freePort()),
    DATA_DIR: dataDir,
    SIM_DAYS: '20',
    SIM_LIVE: 'false',
    LOG_LEVEL: 'warn',
    ...env,
  }
  // the indexer children get these settings from config.env
  const config = loadConfig({ ...process.env, ...overrides })
  // both at once; when one fails, the other is stopped (no stack or browser left running behind a failed setup)
  const [stackR, browserR] = await Promise.allSettled([startStack(config), launchChromium()])
  if (stackR.status === 'rejected' || browserR.status === 'rejected') {
    if (browserR.status === 'fulfilled') await browserR.value.close().catch(() => {})
    if (stackR.status === 'fulfilled') await stackR.value.stop().catch(() => {})
    throw stackR.status === 'rejected' ? stackR.reason : (browserR as PromiseRejectedResult).reason
  }
  const [stack, browser] = [stackR.value, browserR.value]
  const apiUrl = stack.api.url
  return {
    stack, browser, apiUrl, dataDir,
    async gql<T>(query: string): Promise<T> {
      const res = await fetch(`${apiUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })
      const body = (await res.json()) as { data?: T; errors?: { message: string }[] }
      if (!res.ok || body.errors?.length || !body.data) throw new Error(`GraphQL ${res.status}: ${JSON.stringify(body.errors ?? body)}`)
      return body.data
    },
    async stop() {
      await browser.close().catch(() => {})
      await stack.stop()
      if (!process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

/** Polls `fn` until it returns a value (errors count as "not yet"); times out with the last error. */
export async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number, everyMs = 250): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let last: unknown
  while (Date.now() < deadline) {
    try {
      const v = await fn()
      if (v !== undefined) return v
    } catch (e) {
      last = e
    }
    await new Promise((r) => setTimeout(r, everyMs))
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`)
}

/** The page's number equals the API's within 1e-9 relative (absolute near zero). */
export function expectClose(actual: number, expected: number, what: string) {
  const tol = 1e-9 * Math.max(1, Math.abs(expected))
  expect(Math.abs(actual - expected), `${what}: page ${actual} vs API ${expected}`).toBeLessThanOrEqual(tol)
}

/** Screenshots of the test run: test-output/screenshots/<name>.png (gitignored), kept after the run. */
export const SCREENSHOT_DIR = resolve(import.meta.dirname, '../../test-output/screenshots')

export async function screenshot(page: Page, name: string, fullPage = true): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true })
  // a full-page shot from the top: scrolled, the sticky header would be drawn mid-page
  if (fullPage) await page.evaluate(() => window.scrollTo(0, 0))
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage })
}

/** Collects uncaught page errors and console errors of a page into `errors`. */
export function watchErrors(page: Page, errors: string[]): Page {
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`))
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`${page.url()}: ${m.text()}`)
  })
  return page
}

/** Width the page scrolls sideways by (0 = no horizontal scroll). */
export const horizontalOverflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)

/**
 * Waits until a data page has rendered every section: the page draws its headline chart first and the other
 * sections after it, each holding its place with a placeholder (`data-placeholder`) until then.
 */
export async function settled(page: Page, timeoutMs = 20_000): Promise<void> {
  await page.waitForFunction(() => document.querySelector('main .cards') && !document.querySelector('[data-placeholder]'), undefined, { timeout: timeoutMs, polling: 50 })
}
