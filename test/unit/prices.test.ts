/** CoinGecko CSV exports: parsing, daily vs hourly, clear errors with file and line. */
import { describe, expect, it } from 'vitest'
import { parseCoinGeckoCsv, PriceImportError } from '../../indexer/prices/import'

describe('parseCoinGeckoCsv', () => {
  it('reads a daily export (CoinGecko columns and date format)', () => {
    const csv = 'snapped_at,price,market_cap,total_volume\n2024-03-01 00:00:00 UTC,0.2871,2700000000,150000000\n2024-03-02 00:00:00 UTC,0.3012,,\n'
    expect(parseCoinGeckoCsv(csv)).toEqual([
      { interval: 'DAY', periodStart: new Date('2024-03-01T00:00:00Z'), price: 0.2871, marketCap: 2700000000, volume: 150000000 },
      { interval: 'DAY', periodStart: new Date('2024-03-02T00:00:00Z'), price: 0.3012, marketCap: null, volume: null },
    ])
  })

  it('treats a file with times of day as hourly, truncated to the hour', () => {
    const rows = parseCoinGeckoCsv('snapped_at,price,market_cap,total_volume\n2024-03-01 10:05:12 UTC,1.5,,\n2024-03-01 11:04:59 UTC,1.6,,\n')
    expect(rows.map((r) => [r.interval, r.periodStart.toISOString()])).toEqual([['HOUR', '2024-03-01T10:00:00.000Z'], ['HOUR', '2024-03-01T11:00:00.000Z']])
  })

  it('names the file, line and column of bad input', () => {
    expect(() => parseCoinGeckoCsv('date,close\n2024-01-01,1\n', 'x.csv')).toThrow(/x\.csv:1: missing column\(s\) snapped_at, price/)
    expect(() => parseCoinGeckoCsv('snapped_at,price,market_cap,total_volume\n2024-03-01 00:00:00 UTC,-1,,\n', 'y.csv')).toThrow(/y\.csv:2: price/)
    expect(() => parseCoinGeckoCsv('snapped_at,price,market_cap,total_volume\nyesterday,1,,\n', 'z.csv')).toThrow(PriceImportError)
    expect(() => parseCoinGeckoCsv('snapped_at,price\n', 'e.csv')).toThrow(/e\.csv:1: no rows/)
  })
})
