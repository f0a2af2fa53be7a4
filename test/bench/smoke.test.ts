/**
 * Smoke run of `npm run bench` at the smallest size (ingest only, without the Ponder peer, which is installed apart):
 * the harness must run end to end and write a result whose figures come from what it measured.
 */
import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, expect, test } from 'vitest'
import type { BenchResult } from '../../bench/run'

const root = resolve(import.meta.dirname, '../..')
const out = mkdtempSync(join(tmpdir(), 'depin-bench-smoke-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

test('npm run bench -- --quick at the smallest size writes measured figures and ratios', async () => {
  const started = Date.now()
  await promisify(execFile)(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick', '--events', '3000', '--only', 'ingest', '--no-ponder', '--no-before', '--out', out], {
    cwd: root, env: { ...process.env, LOG_LEVEL: 'warn' }, timeout: 170_000, maxBuffer: 16 * 2 ** 20,
  })
  const wall = (Date.now() - started) / 1000
  const r = JSON.parse(readFileSync(join(out, '3k.json'), 'utf8')) as BenchResult
  expect(r.dataset.events).toBeGreaterThan(1000)
  expect(r.dataset.chains.map((c) => c.chain).sort()).toEqual(['arbitrum-one', 'base', 'iotex', 'polygon'])
  expect(r.dataset.chains.reduce((s, c) => s + c.events, 0)).toBe(r.dataset.events)
  const i = r.ingest!
  // the source reading saw every generated log; the indexer stored each one (raw event, price or quarantine)
  expect(i.source.logs).toBe(r.dataset.events)
  expect(i.indexer.quarantined).toBe(0)
  expect(i.copy.rows).toBe(i.indexer.rowsWritten)
  expect(i.copy.rows).toBeGreaterThan(r.dataset.events)
  expect(i.storage.bytes).toBeGreaterThan(0)
  for (const s of [i.indexer.seconds, i.source.seconds, i.copy.seconds]) {
    expect(s).toBeGreaterThan(0)
    expect(s).toBeLessThan(wall)
  }
  // rates and ratios are what the measured times give
  expect(i.indexer.eventsPerSecond).toBeCloseTo(r.dataset.events / i.indexer.seconds, -1)
  expect(i.ratios.ingestOverCopy).toBeCloseTo(i.copy.seconds / i.indexer.seconds, 2)
  expect(i.ratios.ingestOverSource).toBeCloseTo(i.source.seconds / i.indexer.seconds, 2)
  expect(i.ratios.ingestOverCopy).toBeGreaterThan(0)
  expect(i.ratios.ingestOverSource).toBeGreaterThan(0)
  expect(i.indexer.peakRssMiB).toBeGreaterThan(20)
}, 180_000)
