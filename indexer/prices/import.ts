/**
 * Off-chain token prices: CoinGecko's CSV export (columns snapped_at, price, market_cap, total_volume; one row
 * per day, or per hour for short ranges) into TokenPrice. Idempotent (upsert by asset, interval, period), so
 * correcting a file and importing it again re-values history without re-indexing: USD is joined at query time.
 */
import { readFileSync } from 'node:fs'
import { basename } from 'node:path'
import { parse } from 'csv-parse/sync'
import type pg from 'pg'
import { z } from 'zod'

const row = z.object({
  snapped_at: z.string().min(1),
  price: z.coerce.number().positive(),
  market_cap: z.union([z.literal(''), z.coerce.number().nonnegative()]).optional(),
  total_volume: z.union([z.literal(''), z.coerce.number().nonnegative()]).optional(),
})

export interface ParsedPrice {
  interval: 'HOUR' | 'DAY'
  periodStart: Date
  price: number
  marketCap: number | null
  volume: number | null
}

export class PriceImportError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`)
    this.name = 'PriceImportError'
  }
}

/** Parses a CoinGecko export. Rows at midnight UTC are daily; any other time makes the file hourly. */
export function parseCoinGeckoCsv(text: string, file = 'prices.csv'): ParsedPrice[] {
  const records = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[]
  if (records.length === 0) throw new PriceImportError(file, 1, 'no rows')
  const missing = ['snapped_at', 'price'].filter((c) => !(c in records[0]))
  if (missing.length) throw new PriceImportError(file, 1, `missing column(s) ${missing.join(', ')}; expected CoinGecko's snapped_at,price,market_cap,total_volume`)
  const parsed = records.map((r, i) => {
    const v = row.safeParse(r)
    if (!v.success) throw new PriceImportError(file, i + 2, v.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; '))
    // CoinGecko writes "2024-03-01 00:00:00 UTC"
    const t = new Date(v.data.snapped_at.replace(' UTC', 'Z').replace(' ', 'T'))
    if (Number.isNaN(t.getTime())) throw new PriceImportError(file, i + 2, `snapped_at: not a date: ${JSON.stringify(v.data.snapped_at)}`)
    const num = (x: unknown) => (typeof x === 'number' ? x : null)
    return { t, price: v.data.price, marketCap: num(v.data.market_cap), volume: num(v.data.total_volume) }
  })
  const hourly = parsed.some((p) => p.t.getTime() % 86_400_000 !== 0)
  const size = hourly ? 3_600_000 : 86_400_000
  return parsed.map((p) => ({
    interval: hourly ? 'HOUR' : 'DAY',
    periodStart: new Date(Math.floor(p.t.getTime() / size) * size),
    price: p.price, marketCap: p.marketCap, volume: p.volume,
  }))
}

/** Upserts the prices of one asset; returns the number of rows written. */
export async function importPrices(client: pg.Pool | pg.Client, asset: string, file: string, prices = parseCoinGeckoCsv(readFileSync(file, 'utf8'), file)): Promise<number> {
  const source = `import:coingecko:${basename(file)}`
  const chunk = 1000
  for (let i = 0; i < prices.length; i += chunk) {
    const part = prices.slice(i, i + chunk)
    const values: unknown[] = []
    const tuples = part.map((p, j) => {
      values.push(`${asset}-${p.interval}-${p.periodStart.toISOString()}`, asset, p.interval, p.periodStart, p.price, p.marketCap, p.volume, source)
      const b = j * 8
      return `($${b + 1}, $${b + 2}, $${b + 3}, $${b + 4}, $${b + 5}, $${b + 6}, $${b + 7}, $${b + 8})`
    })
    await client.query(
      `INSERT INTO token_price (id, asset, interval, period_start, price, market_cap, volume, source) VALUES ${tuples.join(', ')}
       ON CONFLICT (id) DO UPDATE SET price = EXCLUDED.price, market_cap = EXCLUDED.market_cap, volume = EXCLUDED.volume, source = EXCLUDED.source`,
      values,
    )
  }
  // publish the table's row counters now (not within ~10 s): the API's response cache reads them (api/data-version.ts)
  await client.query(`DO $$ BEGIN IF to_regproc('pg_catalog.pg_stat_force_next_flush') IS NOT NULL THEN PERFORM pg_stat_force_next_flush(); END IF; END $$`)
  return prices.length
}
