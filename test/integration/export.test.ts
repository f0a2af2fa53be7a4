/**
 * Exports over HTTP, read back with independent readers (csv-parse, apache-arrow tableFromIPC; Parquet with
 * hyparquet, a JavaScript reader of another family than the arrow-rs writer, and with parquet-wasm, arrow-rs's own)
 * and compared with SQL written here on the same filters; validation of every parameter; constant memory (a
 * 100k-row export in a 96 MB heap, peak RSS vs a 10k-row one).
 */
import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { Table as ArrowTable, tableFromIPC, tableToIPC, type RecordBatch, type Table } from 'apache-arrow'
import { parse } from 'csv-parse/sync'
import { parquetMetadata, parquetReadObjects } from 'hyparquet'
import { readParquet } from 'parquet-wasm/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { HeadTracker } from '../../api/heads'
import { provisionApiRole } from '../../api/db-role'
import { binaryCopyBatches } from '../../api/export/copy-binary'
import { buildQuery, datasetById } from '../../api/export/datasets'
import { arrowSchema } from '../../api/export/formats'
import { startApi, type ApiServer } from '../../api/server'
import { networkById } from '../../indexer/registry'
import { to as copyTo } from 'pg-copy-streams'
import { startDbFixture, type DbFixture } from '../helpers/db-fixture'
import { freePort } from '../helpers/ports'

const BIG = 110_000 // economic facts: livepeer every 11th (10,000), thegraph the rest (100,000)
let fx: DbFixture
let api: ApiServer
let apiUrl: string

beforeAll(async () => {
  fx = await startDbFixture()
  const t0 = Date.now()
  // columns added to these tables after this test was written get a neutral value in the rows below
  const added = (await fx.pool.query(`SELECT table_name, column_name, data_type FROM information_schema.columns
    WHERE table_schema = 'public' AND table_name IN ('economic_fact', 'raw_event', 'network_stat', 'lease', 'provider') AND is_nullable = 'NO' AND column_default IS NULL`)).rows
  const neutral: Record<string, string> = { numeric: '0', integer: '0', 'double precision': '0', text: `''`, 'character varying': `''`, jsonb: `'{}'`, boolean: 'false', 'timestamp with time zone': `'epoch'` }
  for (const c of added) if (neutral[c.data_type]) await fx.pool.query(`ALTER TABLE "${c.table_name}" ALTER COLUMN "${c.column_name}" SET DEFAULT ${neutral[c.data_type]}`)
  // facts: amounts up to 66 digits, null counterparties, subjects with commas, quotes and newlines
  await fx.pool.query(`
    INSERT INTO economic_fact (id, network, category, kind, asset, amount, decimals, actor, counterparty, subject, unit, chain_id, block_number, timestamp, tx_hash, log_index, raw_event, provenance)
    SELECT '42161-' || lpad(i::text, 10, '0') || '-000000-0',
      CASE WHEN i % 11 = 0 THEN 'livepeer' ELSE 'thegraph' END, CASE WHEN i % 11 = 0 THEN 'compute' ELSE 'data' END,
      (ARRAY['FEE_PAID','REWARD_EMITTED','SUPPLY_MINT','LEASE_OPENED'])[1 + i % 4], CASE WHEN i % 11 = 0 THEN 'ETH' ELSE 'GRT' END,
      (i::text || repeat('7', i % 60))::numeric, CASE WHEN i % 3 = 0 THEN 6 ELSE 18 END,
      '0x' || lpad(to_hex(i % 50), 40, '0'), CASE WHEN i % 7 = 0 THEN NULL ELSE '0x' || lpad(to_hex(i % 13), 40, 'a') END,
      CASE WHEN i % 13 = 0 THEN 'lease "' || i || '", with, commas' || E'\\n' || 'and a second line' ELSE i::text END,
      CASE WHEN i % 5 = 0 THEN 'GPU' END, 42161, i, '2026-01-01T00:00:00Z'::timestamptz + i * interval '37 seconds',
      '0x' || md5(i::text) || md5((i + 1)::text), i % 100, '42161-' || lpad(i::text, 10, '0') || '-000000', 'onchain'
    FROM generate_series(1, ${BIG}) i`)
  await fx.pool.query(`
    INSERT INTO raw_event (id, network, chain_id, contract, contract_name, name, topic0, block_number, block_hash, timestamp, tx_hash, log_index, args)
    SELECT '137-' || lpad(i::text, 10, '0') || '-000001', (ARRAY['dimo','geodnet'])[1 + i % 2], 137, '0x' || lpad(to_hex(i % 3), 40, 'b'), 'Contract' || (i % 3),
      'Transfer', '0x' || md5('t'), i, '0x' || md5(i::text) || md5(i::text), '2026-02-01T00:00:00Z'::timestamptz + i * interval '1 minute',
      '0x' || md5((i * 7)::text) || md5(i::text), 1, jsonb_build_object('value', (i::text || repeat('9', 40)), 'to', '0x' || lpad(to_hex(i), 40, '0'), 'nested', jsonb_build_array(i, 'x,"y"'))
    FROM generate_series(1, 3000) i`)
  await fx.pool.query(`
    INSERT INTO network_stat (id, network, category, interval, period_start, fees_native, fees_usd, fees_unpriced_native, fee_count, fees_settled_native, rewards_native,
      reward_count, protocol_take_native, minted_native, burned_native, bonded_native, unbonded_native, fees_refunded_native, fees_shared_native, locked_native, unlocked_native,
      nodes_registered, nodes_deregistered, capacity_added, capacity_removed, leases_opened, leases_closed, event_count, last_block,
      fees_other_usd, protocol_take_other_usd, leased_capacity_added, leased_capacity_removed)
    SELECT n || '-' || iv || '-' || p, n, c, iv, p, (d * 1000000000000000000::numeric + 12345), d * 1.25 + 0.001, 0, d, 0, d * 10::numeric ^ 20, d, 1, 2, 3, 4, 5, 6, 7, 8, 9, d % 3, 0, d * 2, 0, d % 5, d % 4, d * 3, d * 100,
      0, 0, 0, 0
    FROM (VALUES ('livepeer', 'compute'), ('spheron', 'compute'), ('dimo', 'sensors'), ('thegraph', 'data')) AS nets(n, c),
      (VALUES ('DAY', interval '1 day', 60), ('HOUR', interval '1 hour', 48)) AS ivs(iv, step, cnt),
      LATERAL generate_series(1, cnt) d, LATERAL (SELECT '2026-01-01T00:00:00Z'::timestamptz + (d - 1) * step AS p) pp`)
  await fx.pool.query(`
    INSERT INTO lease (id, network, category, chain_id, lease_id, provider, payer, status, price, price_asset, price_decimals, price_unit, resources,
      opened_at, opened_block, opened_tx, closed_at, closed_block, closed_tx, spent, provenance)
    SELECT 'spheron-' || i, 'spheron', 'compute', 8453, i::text, '0x' || lpad(to_hex(i % 4), 40, 'c'), '0x' || lpad(to_hex(i), 40, 'd'),
      CASE WHEN i % 3 = 0 THEN 'OPEN' ELSE 'CLOSED' END, (i * 1000)::numeric * 10::numeric ^ 12, 'USDT', 6, 'second',
      jsonb_build_object('cpu', i % 8, 'memoryBytes', (i * 1024)::text, 'gpuModel', CASE WHEN i % 2 = 0 THEN 'H100' END),
      CASE WHEN i % 10 = 0 THEN NULL ELSE '2026-01-01T00:00:00Z'::timestamptz + i * interval '1 hour' END, i, '0x' || md5(i::text),
      CASE WHEN i % 3 = 0 THEN NULL ELSE '2026-01-01T00:00:00Z'::timestamptz + (i + 30) * interval '1 hour' END, i + 30, NULL,
      CASE WHEN i % 3 = 0 THEN NULL ELSE (i * 7)::numeric END, 'inferred'
    FROM generate_series(1, 500) i`)
  await fx.pool.query(`
    INSERT INTO provider (id, network, category, address, first_seen, first_block, last_seen, last_block, capacity, unit, fees_native, rewards_native, leases_opened, leases_closed, facts)
    SELECT n || '-0x' || lpad(to_hex(i), 40, 'e'), n, c, '0x' || lpad(to_hex(i), 40, 'e'), '2026-01-01T00:00:00Z'::timestamptz + i * interval '1 day', i,
      '2026-01-01T00:00:00Z'::timestamptz + (i + 5) * interval '1 day', i + 5, i * 3, 'GPU', (i::text || repeat('3', 30))::numeric, i * 11, i % 4, i % 2, i * 9
    FROM (VALUES ('spheron', 'compute'), ('dimo', 'sensors')) AS nets(n, c), generate_series(1, 40) i`)
  for (const c of added) await fx.pool.query(`ALTER TABLE "${c.table_name}" ALTER COLUMN "${c.column_name}" DROP DEFAULT`)
  await fx.pool.query('ANALYZE')
  console.log(`export test data: ${BIG} facts, 3000 raw events, 432 rollups in ${Date.now() - t0} ms`)
  apiUrl = await provisionApiRole(fx.db.url, fx.dataDir)
  api = await startApi({ databaseUrl: apiUrl, port: await freePort(), host: '127.0.0.1', heads: new HeadTracker(new Map()), limits: { rateLimitPerMin: 0 } })
}, 120_000)
afterAll(async () => {
  await api?.stop()
  await fx?.stop()
})

const get = (path: string) => fetch(`${api.url}${path}`)
const bytes = async (path: string) => {
  const res = await get(path)
  expect(res.status, await (res.status === 200 ? Promise.resolve('') : res.clone().text())).toBe(200)
  return { res, body: new Uint8Array(await res.arrayBuffer()) }
}

/** base units / 10^decimals, exact, without trailing zeros: written here with BigInt, independently of the API's code */
function scaled(amount: string, decimals: number): string {
  const a = BigInt(amount)
  const p = 10n ** BigInt(decimals)
  const frac = (a % p).toString().padStart(decimals, '0').replace(/0+$/, '')
  return (a / p).toString() + (frac ? '.' + frac : '')
}

const eventsSql = `SELECT id, network, category, kind, asset, amount::text AS amount, decimals, actor, counterparty, subject, unit, chain_id, block_number,
  timestamp, tx_hash, log_index, raw_event, provenance FROM economic_fact`

/** expected rows of the events export: SQL values as the formats carry them (strings, numbers, ms timestamps) */
async function expectedEvents(where: string, params: unknown[]) {
  const rows = (await fx.pool.query(`${eventsSql} WHERE ${where} ORDER BY id`, params)).rows
  return rows.map((r) => ({ ...r, timestamp: r.timestamp.getTime(), amount_decimal: scaled(r.amount, r.decimals) }))
}

const fromArrow = (t: Table) =>
  t.toArray().map((row) => {
    const o = row.toJSON() as Record<string, unknown>
    for (const k of Object.keys(o)) if (typeof o[k] === 'bigint') o[k] = Number(o[k])
    return o
  })

/** rows of a Parquet file as hyparquet reads them (timestamps as ms, 64-bit integers as numbers) */
async function fromHyparquet(body: Uint8Array) {
  const file = body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength) as ArrayBuffer
  const rows = await parquetReadObjects({ file })
  return rows.map((o) => {
    for (const k of Object.keys(o)) {
      if (o[k] instanceof Date) o[k] = (o[k] as Date).getTime()
      else if (typeof o[k] === 'bigint') o[k] = Number(o[k])
      else if (o[k] === undefined) o[k] = null
    }
    return o
  })
}

// a window of 3 days of thegraph and livepeer, one provider of each
const window = { from: '2026-01-20T00:00:00Z', to: '2026-01-23T00:00:00Z' }
const eventsWhere = `network = ANY($1) AND timestamp >= $2 AND timestamp < $3`

describe('exports', () => {
  it('events as CSV equal SQL on the same filters, escaping commas, quotes and newlines', async () => {
    const { res, body } = await bytes(`/export/events.csv?network=thegraph,livepeer&from=${window.from}&to=${window.to}`)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="depin-events_thegraph_livepeer_from-2026-01-20_to-2026-01-23.csv"')
    const records = parse(Buffer.from(body), { columns: true }) as Record<string, string>[]
    const expected = await expectedEvents(eventsWhere, [['thegraph', 'livepeer'], window.from, window.to])
    expect(records.length).toBe(expected.length)
    expect(expected.length).toBeGreaterThan(6000)
    expect(expected.some((r) => /\n/.test(r.subject)) && expected.some((r) => r.counterparty == null)).toBe(true)
    records.forEach((r, i) => {
      const e = expected[i]
      expect(r).toEqual(Object.fromEntries(Object.entries(e).map(([k, v]) => [k, v == null ? '' : k === 'timestamp' ? new Date(v as number).toISOString() : String(v)])))
    })
  })

  it('events as Arrow IPC: typed columns (exact decimal strings, UTC ms timestamps, int32) equal SQL; provider and category filters', async () => {
    const provider = '0x' + (7).toString(16).padStart(40, '0')
    const { res, body } = await bytes(`/export/events.arrow?category=data&provider=${provider.toUpperCase().replace('0X', '0x')}&from=2026-01-10`)
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.arrow.stream')
    const table = tableFromIPC(body)
    const type = (name: string) => table.schema.fields.find((f) => f.name === name)!.type
    expect(String(type('amount'))).toBe('Utf8')
    expect(String(type('block_number'))).toBe('Int32')
    expect(type('timestamp')).toMatchObject({ unit: 1, timezone: 'UTC' }) // TimeUnit.MILLISECOND
    const expected = await expectedEvents(`network = ANY($1) AND actor = $2 AND timestamp >= $3`, [['thegraph'], provider, '2026-01-10T00:00:00Z'])
    expect(expected.length).toBeGreaterThan(1000)
    expect(table.numRows).toBe(expected.length)
    expect(table.batches.length).toBeGreaterThan(0)
    expect(fromArrow(table)).toEqual(expected)
  })

  it('events as Parquet, read by hyparquet and parquet-wasm, equal SQL across several bounded row groups with logical types', async () => {
    const { res, body } = await bytes(`/export/events.parquet?network=thegraph&from=2026-01-05&to=2026-01-13`)
    expect(res.headers.get('content-type')).toBe('application/vnd.apache.parquet')
    const expected = await expectedEvents(eventsWhere, [['thegraph'], '2026-01-05', '2026-01-13'])
    expect(expected.length).toBeGreaterThan(16_384) // more than one row group
    // hyparquet: another implementation than the writer's
    const meta = parquetMetadata(body)
    expect(Number(meta.num_rows)).toBe(expected.length)
    expect(meta.row_groups.length).toBe(Math.ceil(expected.length / 16_384))
    for (const g of meta.row_groups) expect(Number(g.num_rows)).toBeLessThanOrEqual(16_384)
    const el = (name: string) => meta.schema.find((e) => e.name === name)!
    expect(el('timestamp')).toMatchObject({ type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: true, unit: 'MILLIS' } })
    expect(el('amount')).toMatchObject({ type: 'BYTE_ARRAY', logical_type: { type: 'STRING' } })
    expect(el('block_number')).toMatchObject({ type: 'INT32' })
    expect(meta.row_groups[0].columns.every((c) => c.meta_data?.codec === 'SNAPPY')).toBe(true)
    expect(await fromHyparquet(body)).toEqual(expected)
    // parquet-wasm (arrow-rs): what polars, DataFusion and DuckDB-like strict readers expect
    const table = tableFromIPC(readParquet(body).intoIPCStream())
    expect(table.numRows).toBe(expected.length)
    const ts = table.schema.fields.find((f) => f.name === 'timestamp')!.type
    expect(ts).toMatchObject({ unit: 1, timezone: expect.stringMatching(/^(UTC|\+00:00)$/) })
    expect(fromArrow(table)).toEqual(expected)
  })

  it('raw events in the three formats carry the decoded arguments as JSON', async () => {
    const rows = (await fx.pool.query(`SELECT id, network, block_number, timestamp, args FROM raw_event WHERE network = 'dimo' AND timestamp < '2026-02-02' ORDER BY id`)).rows
    expect(rows.length).toBeGreaterThan(500)
    const q = '?network=dimo&to=2026-02-02'
    const csv = parse(Buffer.from((await bytes(`/export/raw_events.csv${q}`)).body).toString(), { columns: true }) as Record<string, string>[]
    const arrow = fromArrow(tableFromIPC((await bytes(`/export/raw_events.arrow${q}`)).body))
    const pqBody = (await bytes(`/export/raw_events.parquet${q}`)).body
    const parquet = fromArrow(tableFromIPC(readParquet(pqBody).intoIPCStream()))
    for (const got of [csv, arrow, parquet, await fromHyparquet(pqBody)]) {
      expect(got.map((r) => [r.id, r.network, Number(r.block_number), JSON.parse(String(r.args))])).toEqual(rows.map((r) => [r.id, r.network, r.block_number, r.args]))
    }
    expect(csv.map((r) => r.timestamp)).toEqual(rows.map((r) => r.timestamp.toISOString()))
  })

  it('daily and hourly stats with USD, filtered by category and time', async () => {
    const sql = (iv: string) => fx.pool.query(`SELECT s.network, s.period_start, s.fees_native::text AS fees_native, s.fees_usd::float8 AS fees_usd, s.rewards_native::text AS rewards_native,
        s.event_count, n.fee_asset_decimals FROM network_stat s JOIN network n ON n.id = s.network
      WHERE s.interval = $1 AND s.network IN ('livepeer', 'spheron') AND s.period_start >= '2026-01-02' ORDER BY s.network, s.period_start`, [iv])
    const day = fromArrow(tableFromIPC((await bytes('/export/daily_stats.arrow?category=compute&from=2026-01-02')).body))
    const expectedDay = (await sql('DAY')).rows
    expect(expectedDay.length).toBe(2 * 59)
    expect(day.map((r) => [r.network, r.period_start, r.fees_native, r.fees_usd, r.rewards_native, r.event_count, r.fee_asset_decimals]))
      .toEqual(expectedDay.map((r) => [r.network, r.period_start.getTime(), r.fees_native, r.fees_usd, r.rewards_native, r.event_count, r.fee_asset_decimals]))
    const hour = parse(Buffer.from((await bytes("/export/hourly_stats.csv?category=compute&from=2026-01-02")).body).toString(), { columns: true }) as Record<string, string>[]
    const expectedHour = (await sql('HOUR')).rows
    expect(hour.map((r) => [r.network, r.period_start, r.fees_native, Number(r.fees_usd)])).toEqual(expectedHour.map((r) => [r.network, r.period_start.toISOString(), r.fees_native, r.fees_usd]))
  })

  it('leases live in the window and providers active in it, for a provider', async () => {
    const provider = '0x' + (2).toString(16).padStart(40, 'c')
    const leases = fromArrow(tableFromIPC((await bytes(`/export/leases.arrow?network=spheron&provider=${provider}&from=2026-01-05&to=2026-01-10`)).body))
    const expectedLeases = (await fx.pool.query(`SELECT id, status, price::text AS price, resources, opened_at, closed_at, spent::text AS spent FROM lease
      WHERE network = 'spheron' AND provider = $1 AND (opened_at IS NULL OR opened_at < '2026-01-10') AND (closed_at IS NULL OR closed_at >= '2026-01-05') ORDER BY id`, [provider])).rows
    expect(expectedLeases.length).toBeGreaterThan(20)
    expect(expectedLeases.some((l) => l.opened_at == null) && expectedLeases.some((l) => l.closed_at == null)).toBe(true)
    expect(leases.map((l) => [l.id, l.status, l.price, JSON.parse(String(l.resources)), l.opened_at ?? null, l.closed_at ?? null, l.spent ?? null]))
      .toEqual(expectedLeases.map((l) => [l.id, l.status, l.price, l.resources, l.opened_at?.getTime() ?? null, l.closed_at?.getTime() ?? null, l.spent]))
    const providers = parse(Buffer.from((await bytes('/export/providers.csv?category=compute&from=2026-01-20&to=2026-01-22')).body).toString(), { columns: true }) as Record<string, string>[]
    const expectedProviders = (await fx.pool.query(`SELECT id, address, fees_native::text AS fees FROM provider
      WHERE network IN ('spheron', 'livepeer', 'aethir') AND last_seen >= '2026-01-20' AND first_seen < '2026-01-22' ORDER BY id`)).rows
    expect(expectedProviders.length).toBe(7) // first seen on days 15..21, each active 5 days
    expect(providers.map((p) => [p.id, p.address, p.fees_native])).toEqual(expectedProviders.map((p) => [p.id, p.address, p.fees]))
  })

  it('gives its database connection back after HEAD requests and downloads abandoned midway', async () => {
    // more than the API pool's 10 connections: a leak would make the last download wait and fail
    for (let i = 0; i < 12; i++) {
      const head = await fetch(`${api.url}/export/events.csv?network=livepeer`, { method: 'HEAD' })
      expect(head.status).toBe(200)
      expect(head.headers.get('content-disposition')).toMatch(/^attachment; filename="depin-events_livepeer\.csv"$/)
    }
    for (let i = 0; i < 12; i++) {
      const ac = new AbortController()
      const res = await fetch(`${api.url}/export/events.${i % 2 ? 'arrow' : 'parquet'}`, { signal: ac.signal })
      await res.body!.getReader().read()
      ac.abort()
    }
    const res = await fetch(`${api.url}/export/daily_stats.csv?network=dimo`, { signal: AbortSignal.timeout(15_000) })
    expect(res.status).toBe(200)
    expect((parse(await res.text(), { columns: true }) as unknown[]).length).toBe(60)
  })

  it('an empty result is a valid file with the columns', async () => {
    const q = '?network=iotex-ioid'
    expect(parse(Buffer.from((await bytes(`/export/events.csv${q}`)).body).toString(), { columns: true })).toEqual([])
    expect(tableFromIPC((await bytes(`/export/events.arrow${q}`)).body).numRows).toBe(0)
    const pqBody = (await bytes(`/export/events.parquet${q}`)).body
    const pq = tableFromIPC(readParquet(pqBody).intoIPCStream())
    expect(pq.numRows).toBe(0)
    expect(pq.schema.fields.map((f) => f.name)).toContain('amount_decimal')
    expect(Number(parquetMetadata(pqBody).num_rows)).toBe(0)
    expect(parquetMetadata(pqBody).schema.map((e) => e.name)).toContain('amount_decimal')
  })

  it('reads the binary COPY the same whatever the chunking (rows and the header cut anywhere)', async () => {
    for (const id of ['raw_events', 'leases', 'events']) {
      const d = datasetById(id)!
      const client = await fx.pool.connect()
      let bytes: Buffer
      try {
        const parts: Buffer[] = []
        for await (const c of client.query(copyTo(`COPY (${buildQuery(d, {}, { wire: 'binary' }).text} LIMIT 1200) TO STDOUT (FORMAT binary)`))) parts.push(c as Buffer)
        bytes = Buffer.concat(parts)
      } finally {
        client.release()
      }
      const expectedRows = Math.min(1200, (await fx.pool.query(`SELECT count(*)::int AS n FROM ${d.from}`)).rows[0].n)
      const read = async (sizes: () => number, batchRows: number) => {
        async function* chunks() {
          for (let p = 0; p < bytes.length;) {
            const n = sizes()
            yield bytes.subarray(p, p + n)
            p += n
          }
        }
        const batches: RecordBatch[] = []
        for await (const b of binaryCopyBatches(chunks(), arrowSchema(d.columns), d.columns, batchRows)) batches.push(b)
        return batches
      }
      const whole = await read(() => bytes.length, 500)
      expect(whole.reduce((a, b) => a + b.numRows, 0)).toBe(expectedRows)
      const ipc = (bs: RecordBatch[]) => Buffer.from(tableToIPC(new ArrowTable(bs.length ? bs : []), 'stream'))
      let seed = 7
      const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31)
      for (const [name, sizes] of [['1 byte', () => 1], ['random 1-600', () => 1 + (random() % 600)], ['random 1-40000', () => 1 + (random() % 40_000)]] as const) {
        const got = await read(sizes, 500)
        expect(got.map((b) => b.numRows), `${id}, chunks of ${name}`).toEqual(whole.map((b) => b.numRows))
        expect(ipc(got).equals(ipc(whole)), `${id}, chunks of ${name}`).toBe(true)
      }
    }
    // a truncated stream is an error, not a shorter file
    await expect((async () => {
      async function* cut() { yield Buffer.from('PGCOPY\n\xff\r\n\0\0\0\0\0\0\0\0\0', 'latin1') }
      for await (const _ of binaryCopyBatches(cut(), arrowSchema(datasetById('events')!.columns), datasetById('events')!.columns, 10)) { /* none */ }
    })()).rejects.toThrow(/before the end-of-data marker/)
  })

  it('answers unknown datasets and formats with 404 and bad or hostile parameters with 400 naming the parameter', async () => {
    for (const [path, status, parameter] of [
      ['/export/nope.csv', 404, undefined], ['/export/events.xlsx', 404, undefined], ['/export/events', 404, undefined], ['/export/..%2Fetc%2Fpasswd.csv', 404, undefined],
      ['/export/events.csv?network=nope', 400, 'network'], ['/export/events.csv?network=livepeer,', 400, 'network'],
      ['/export/events.csv?category=compute%27--', 400, 'category'], ['/export/events.csv?from=yesterday', 400, 'from'],
      ['/export/events.csv?from=2026-01-02&to=2026-01-01', 400, 'to'], ['/export/events.csv?limit=10', 400, 'limit'],
      ['/export/events.csv?network=livepeer&network=thegraph', 400, 'network'], ['/export/raw_events.csv?provider=0xabc', 400, 'provider'],
      ["/export/events.csv?provider=0x1'%20OR%20'1'='1", 400, 'provider'], ['/export/events.csv?provider=x%3BDROP%20TABLE%20economic_fact', 400, 'provider'],
      ["/export/events.csv?network=livepeer'%3B%20DROP%20TABLE%20economic_fact%3B--", 400, 'network'],
      ["/export/events.csv?from=2026-01-01'%3B%20DELETE%20FROM%20economic_fact%3B--", 400, 'from'],
      ["/export/events.csv?to=2026-01-01%27)%20OR%20(1=1", 400, 'to'],
    ] as const) {
      const res = await get(path)
      const body = await res.json()
      expect(res.status, path).toBe(status)
      expect(res.headers.get('content-type')).toMatch(/^application\/json/)
      if (parameter) expect(body, path).toMatchObject({ parameter, message: expect.stringContaining(parameter) })
      else expect(body.message).toMatch(/unknown (dataset|format)/)
    }
    expect((await fetch(`${api.url}/export/events.csv`, { method: 'POST' })).status).toBe(405)
    // nothing was touched
    expect((await fx.pool.query('SELECT count(*)::int AS n FROM economic_fact')).rows[0].n).toBe(BIG)
  })

  it('daily_metrics: the derived metrics as networkMetrics answers them in CSV, Arrow and Parquet; trailing 30-day figures and the previous period recomputed here', async () => {
    // prices of the tokens for the 60 days of rollups (token_price, as an import writes them): market cap, incentives USD, P/F
    const nets = ['livepeer', 'thegraph'].map((id) => networkById(id)!)
    // a supply that grows (mints of 1000 tokens a day) gives a market cap and a P/F
    await fx.pool.query(`UPDATE network_stat SET minted_native = 1000 * 10::numeric ^ 18 WHERE interval = 'DAY' AND network IN ('livepeer', 'thegraph')`)
    for (const [k, n] of nets.entries()) {
      await fx.pool.query(`INSERT INTO token_price (id, asset, interval, period_start, price, source)
        SELECT $1 || '-DAY-' || d, $1, 'DAY', '2026-01-01T00:00:00Z'::timestamptz + (d - 1) * interval '1 day', $2 + d * 0.01, 'import:test:prices.csv'
        FROM generate_series(1, 60) d ON CONFLICT DO NOTHING`, [n.price?.asset ?? n.token.symbol, 1 + k])
    }
    const fields = ['periodStart', 'price', 'marketCap', 'feesUsd', 'incentivesUsd', 'demandRewardsRatio30d', 'annualizedFeesUsd', 'pf', 'circulatingSupply', 'capacity', 'utilization', 'activeProviders'] as const
    const column: Record<(typeof fields)[number], string> = {
      periodStart: 'period_start', price: 'price', marketCap: 'market_cap', feesUsd: 'fees_usd', incentivesUsd: 'incentives_usd', demandRewardsRatio30d: 'demand_rewards_ratio_30d',
      annualizedFeesUsd: 'annualized_fees_usd', pf: 'pf', circulatingSupply: 'circulating_supply', capacity: 'capacity', utilization: 'utilization', activeProviders: 'active_providers',
    }
    const gql = async <T,>(query: string): Promise<T> => {
      const r = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) })
      const body = (await r.json()) as { data: T; errors?: unknown }
      expect(body.errors).toBeUndefined()
      return body.data
    }
    type Row = Record<(typeof fields)[number], number | string | null>
    const series = new Map<string, Row[]>()
    for (const n of nets) series.set(n.id, (await gql<{ networkMetrics: Row[] }>(`{ networkMetrics(network: "${n.id}", interval: DAY) { ${fields.join(' ')} } }`)).networkMetrics)
    const day = (r: Row) => Date.parse(r.periodStart as string)
    const sum = (rows: Row[], k: 'feesUsd' | 'incentivesUsd') => rows.reduce((s, r) => s + (r[k] as number), 0)
    // the trailing 30-day rule, recomputed from the daily values: null before 30 days of history, then Σ30 × 12 (ARR) and ratios of Σ30
    let trailingChecked = 0
    for (const [id, rows] of series) {
      expect(rows.length, id).toBe(60)
      rows.forEach((r, i) => {
        if (i < 29) {
          expect(r.annualizedFeesUsd, `${id} day ${i} annualized`).toBeNull()
          return
        }
        const last30 = rows.slice(i - 29, i + 1)
        const fees30 = sum(last30, 'feesUsd')
        const close = (v: number | string | null, e: number | null, what: string) => {
          if (e == null) return expect(v, what).toBeNull()
          expect(typeof v, what).toBe('number')
          expect(Math.abs((v as number) - e), `${what}: ${v} vs ${e}`).toBeLessThanOrEqual(1e-9 * Math.abs(e))
        }
        close(r.annualizedFeesUsd, fees30 * 12, `${id} day ${i} annualized fees`)
        close(r.pf, r.marketCap == null ? null : (r.marketCap as number) / (fees30 * 12), `${id} day ${i} P/F`)
        close(r.demandRewardsRatio30d, fees30 / sum(last30, 'incentivesUsd'), `${id} day ${i} D/R 30d`)
        trailingChecked++
      })
    }
    expect(trailingChecked).toBe(2 * 31)

    // the file: the networks' rows from `from` to before `to`, every column as GraphQL answers it
    const q = '?network=thegraph,livepeer&from=2026-01-15&to=2026-02-20'
    const want = [...series].sort(([a], [b]) => a.localeCompare(b)).flatMap(([id, rows]) =>
      rows.filter((r) => day(r) >= Date.parse('2026-01-15T00:00:00Z') && day(r) < Date.parse('2026-02-20T00:00:00Z')).map((r) => ({ id, r })))
    expect(want.length).toBe(2 * 36)
    const csv = parse(Buffer.from((await bytes(`/export/daily_metrics.csv${q}`)).body).toString(), { columns: true }) as Record<string, string>[]
    expect(csv.map((r) => `${r.network} ${r.period_start}`)).toEqual(want.map(({ id, r }) => `${id} ${new Date(day(r)).toISOString()}`))
    csv.forEach((row, i) => {
      for (const f of fields) if (f !== 'periodStart') expect(row[column[f]] === '' ? null : Number(row[column[f]]), `${row.network} ${row.period_start} ${column[f]}`).toBe(want[i].r[f])
    })
    expect(csv.filter((r) => Number(r.market_cap) > 0 && Number(r.pf) > 0 && Number(r.demand_rewards_ratio_30d) > 0).length, 'rows with market cap, P/F and D/R 30d').toBeGreaterThan(20)
    const arrow = fromArrow(tableFromIPC((await bytes(`/export/daily_metrics.arrow${q}`)).body))
    const pqBody = (await bytes(`/export/daily_metrics.parquet${q}`)).body
    const pq = fromArrow(tableFromIPC(readParquet(pqBody).intoIPCStream()))
    const hy = await fromHyparquet(pqBody)
    for (const [name, rows] of [['arrow', arrow], ['parquet-wasm', pq], ['hyparquet', hy]] as const) {
      expect(rows.length, name).toBe(want.length)
      rows.forEach((row, i) => {
        expect([row.network, row.period_start], `${name} row ${i}`).toEqual([want[i].id, day(want[i].r)])
        for (const f of fields) if (f !== 'periodStart') expect(row[column[f]] ?? null, `${name} ${want[i].id} ${column[f]}`).toBe(want[i].r[f])
      })
    }
    // bad filters are named; the provider filter does not apply
    expect((await get('/export/daily_metrics.csv?provider=0xabc')).status).toBe(400)
    expect(parse(Buffer.from((await bytes('/export/daily_metrics.csv?network=iotex-ioid')).body).toString(), { columns: true })).toEqual([])

    // the previous period of a market view: compared only when fully indexed (first row at or before its first day)
    const view = async (days: number) => (await gql<{ marketSeries: { window: { from: string; prevFrom: string; hasPrevious: boolean; previousPartial: boolean }; networks: { network: string; feesUsd: number; previousFeesUsd: number | null; incentivesUsd: number; previousIncentivesUsd: number | null }[] } }>(
      `{ marketSeries(networks: ["livepeer", "thegraph"], category: null, days: ${days}) { window { from prevFrom hasPrevious previousPartial } networks { network feesUsd previousFeesUsd incentivesUsd previousIncentivesUsd } } }`)).marketSeries
    const full = await view(30) // 60 days indexed: the previous 30 are all there
    expect(full.window).toMatchObject({ hasPrevious: true, previousPartial: false })
    for (const n of full.networks.filter((x) => series.has(x.network))) {
      const rows = series.get(n.network)!
      const prev = rows.filter((r) => day(r) >= Date.parse(full.window.prevFrom) && day(r) < Date.parse(full.window.from))
      expect(prev.length).toBe(30)
      expect(Math.abs(n.previousFeesUsd! - sum(prev, 'feesUsd'))).toBeLessThan(1e-9 * sum(prev, 'feesUsd'))
      expect(Math.abs(n.previousIncentivesUsd! - sum(prev, 'incentivesUsd'))).toBeLessThan(1e-9 * sum(prev, 'incentivesUsd'))
    }
    expect((await view(45)).window).toMatchObject({ hasPrevious: false, previousPartial: true }) // 15 of its 45 days indexed
    expect((await view(60)).window).toMatchObject({ hasPrevious: false, previousPartial: false }) // nothing indexed before
  })

  it('streams in constant memory: a 100k-row export runs in a 96 MB heap, its peak RSS within 45 MB of a 10k-row one', async () => {
    const run = async (network: string, format: string) => {
      const { stdout } = await promisify(execFile)(process.execPath, ['--max-old-space-size=96', '--import', 'tsx', resolve(import.meta.dirname, '../helpers/export-rss.ts'), apiUrl, network, format],
        { cwd: resolve(import.meta.dirname, '../..') }).catch((e) => {
        throw new Error(`export-rss ${network} ${format} failed: ${String(e.stderr).split('\n').filter((l: string) => !l.startsWith('{"level')).slice(0, 12).join('\n')}`)
      })
      return JSON.parse(stdout.trim().split('\n').pop()!) as { rows: number; bytes: number; maxRssMb: number; ms: number }
    }
    // each size measured twice, the lower peak kept: a peak is a process's own floor plus what the machine's load
    // (GC timing, a late major collection) adds to it, and the floor is what grows if rows are held
    // (three runs: parquet-wasm's linear memory grows in steps, never per row, so a run's peak lands on one of two
    // levels ~15 MB apart; eleven CI runs measured differences of 17-43 MB between the sizes with two runs each)
    const lower = async (network: string, format: string) => {
      const runs = [await run(network, format), await run(network, format), await run(network, format)]
      const low = runs.reduce((a, b) => (a.maxRssMb <= b.maxRssMb ? a : b))
      return { ...low, peaks: runs.map((r) => r.maxRssMb) }
    }
    for (const format of ['parquet']) { // the encoder that holds the most per batch (a row group)
      const small = await lower('livepeer', format)
      const big = await lower('thegraph', format)
      console.log(`export ${format}: 10k rows ${small.bytes} B ${small.ms} ms peak RSS ${small.peaks.join(' / ')} MB; 100k rows ${big.bytes} B ${big.ms} ms peak RSS ${big.peaks.join(' / ')} MB`)
      expect(small.rows).toBe(10_000)
      expect(big.rows).toBe(100_000)
      expect(big.bytes).toBeGreaterThan(5 * small.bytes) // Parquet compresses better with more rows
      // 100k rows held in memory would need far more than a 96 MB heap (the process would abort)
      expect(big.maxRssMb - small.maxRssMb).toBeLessThan(45)
    }
  }, 240_000)
})
