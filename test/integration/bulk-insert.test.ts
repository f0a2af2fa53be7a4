/**
 * COPY-based bulk insert (indexer/store/bulk.ts) against the ORM's INSERT on a real PostgreSQL: the same entities,
 * with values that need escaping in COPY's text format (tabs, newlines, backslashes, quotes, unicode, nulls, big
 * integers, JSON, text arrays), must come out of the database identical whichever way they went in.
 */
import { mkdtempSync, rmSync, chmodSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Store } from '@subsquid/typeorm-store'
import { afterAll, beforeAll, expect, test } from 'vitest'
import { startDatabase, type Database } from '../../common/postgres'
import { EconomicFact, FactKind, QuarantinedLog, RawEvent } from '../../indexer/model'
import { bulkInsert } from '../../indexer/store/bulk'
import { applyMigrations, createDataSource } from '../../indexer/store/dataSource'
import { freePort } from '../helpers/ports'

let db: Database
let dataDir: string
beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'depin-bulk-'))
  chmodSync(dataDir, 0o755)
  db = await startDatabase({ dataDir, port: await freePort() })
  await applyMigrations(db.url)
})
afterAll(async () => {
  await db?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

const nasty = ['tab\there', 'line\nbreak\r\n', 'back\\slash \\N', 'quote " and \' and {braces}, commas', 'unicode ✓ 𝔁', '']

function rows(prefix: string) {
  const events = Array.from({ length: 120 }, (_, i) => new RawEvent({
    id: `${prefix}-${i}`, network: 'livepeer', chainId: 42161, contract: '0xabc', contractName: nasty[i % nasty.length], name: 'Transfer',
    topic0: '0x' + 'f'.repeat(64), blockNumber: i, blockHash: '0x' + i.toString(16), timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, i, 7)),
    txHash: '0x' + 'a'.repeat(64), logIndex: i,
    args: { s: nasty[(i + 1) % nasty.length], n: String(2n ** 200n + BigInt(i)), list: [nasty[(i + 2) % nasty.length], null, 1.5], nested: { t: 'x\ty' } },
  }))
  const facts = Array.from({ length: 80 }, (_, i) => new EconomicFact({
    id: `${prefix}-f${i}`, network: 'livepeer', category: 'compute', kind: FactKind.FEE_PAID, asset: 'ETH', amount: 10n ** 30n + BigInt(i), decimals: 18,
    actor: i % 3 === 0 ? null : nasty[i % nasty.length], counterparty: null, subject: null, unit: null,
    chainId: 42161, blockNumber: i, timestamp: new Date(Date.UTC(2026, 0, 2, 0, i)), txHash: '0x' + 'b'.repeat(64), logIndex: i,
    rawEvent: `${prefix}-${i}`, provenance: 'onchain',
  } as Partial<EconomicFact>))
  const quarantined = Array.from({ length: 60 }, (_, i) => new QuarantinedLog({
    id: `${prefix}-q${i}`, network: 'unknown', chainId: 42161, address: '0xabc', topics: ['0x01', nasty[i % nasty.length], 'a"b\\c'], data: '0x',
    blockNumber: i, blockHash: '0x1', txHash: '0x2', logIndex: i, reason: nasty[(i + 3) % nasty.length],
  } as Partial<QuarantinedLog>))
  return { events, facts, quarantined }
}

async function write(via: 'copy' | 'orm', prefix: string) {
  const ds = createDataSource(db.url, { poolSize: 1 })
  await ds.initialize()
  try {
    await ds.transaction(async (em) => {
      const store = new Store(() => em)
      const r = rows(prefix)
      for (const list of [r.events, r.facts, r.quarantined]) {
        if (via === 'copy') expect(await bulkInsert(store, list)).toBe('copy')
        else await store.insert(list as any)
      }
    })
  } finally {
    await ds.destroy()
  }
}

async function read(table: string, prefix: string) {
  const ds = createDataSource(db.url, { poolSize: 1 })
  await ds.initialize()
  try {
    const r: Record<string, unknown>[] = await ds.query(`SELECT * FROM ${table} WHERE id LIKE $1 ORDER BY id`, [`${prefix}-%`])
    return r.map((x) => ({ ...x, id: String(x.id).slice(prefix.length) }) as Record<string, any>)
  } finally {
    await ds.destroy()
  }
}

test('rows written with COPY equal rows written with the ORM INSERT, value for value', async () => {
  await write('orm', 'orm')
  await write('copy', 'copy')
  for (const table of ['raw_event', 'economic_fact', 'quarantined_log']) {
    const viaOrm = await read(table, 'orm')
    const viaCopy = await read(table, 'copy')
    expect(viaCopy.length, table).toBeGreaterThan(50)
    // ids differ by prefix only; every other column must match exactly
    expect(viaCopy.map((r) => ({ ...r, raw_event: r.raw_event == null ? null : String(r.raw_event).replace('copy', '') })), table)
      .toEqual(viaOrm.map((r) => ({ ...r, raw_event: r.raw_event == null ? null : String(r.raw_event).replace('orm', '') })))
  }
  // and the values are what was written (not merely the same on both sides)
  const ev = (await read('raw_event', 'copy')).find((r) => r.id === '-1')!
  expect(ev.contract_name).toBe(nasty[1])
  expect((ev.args as any).s).toBe(nasty[2])
  expect((ev.args as any).n).toBe(String(2n ** 200n + 1n))
  const q = (await read('quarantined_log', 'copy')).find((r) => r.id === '-q2')!
  expect(q.topics).toEqual(['0x01', nasty[2], 'a"b\\c'])
})
