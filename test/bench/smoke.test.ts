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
import type { BenchResult } from '../../bench/summary'

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
  // every chain of the devnet: the four EVM chains and the non-EVM sources, each with generated events
  expect(r.dataset.chains.map((c) => c.chain).sort()).toEqual(['akash', 'arbitrum-one', 'base', 'filecoin', 'iotex', 'polygon', 'solana'])
  for (const c of r.dataset.chains) expect(c.events, c.chain).toBeGreaterThan(0)
  expect(r.dataset.chains.reduce((s, c) => s + c.events, 0)).toBe(r.dataset.events)
  expect(r.dataset.chains.reduce((s, c) => s + c.blocks, 0)).toBe(r.dataset.blocks)
  const i = r.ingest!
  // the source reading saw every generated EVM log (the run itself fails when a raw download or the indexer's rows
  // of any chain differ from the generator's counts); the indexer quarantined nothing
  const evm = r.dataset.chains.filter((c) => c.family === 'evm')
  expect(i.source.logs).toBe(evm.reduce((s, c) => s + c.events, 0))
  expect(i.indexer.quarantined).toBe(0)
  expect(i.indexer.perChain.map((c) => c.chain).sort()).toEqual(r.dataset.chains.map((c) => c.chain).sort())
  expect(Object.keys(i.families).sort()).toEqual(['cometbft', 'evm', 'lotus', 'solana'])
  for (const [family, f] of Object.entries(i.families)) {
    const chains = r.dataset.chains.filter((c) => c.family === family)
    expect(f!.events, family).toBe(chains.reduce((s, c) => s + c.events, 0))
    expect(f!.rows, family).toBeGreaterThan(0)
    expect(f!.indexerSeconds, family).toBeLessThanOrEqual(i.indexer.seconds)
    expect(f!.sourceSeconds, family).toBeLessThanOrEqual(i.source.seconds)
    expect(f!.ingestOverSource, family).toBeCloseTo(f!.sourceSeconds / f!.indexerSeconds, 2)
  }
  // the families' apportioned COPY times add up to the measured COPY time (every row attributed to a family)
  expect(Object.values(i.families).reduce((s, f) => s + f!.copySeconds, 0)).toBeCloseTo(i.copy.seconds, 1)
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
