/** Strict ISO 8601 parsing of every date the API accepts (JavaScript's Date parser alone is lenient). */
import { describe, expect, it } from 'vitest'
import { parseIsoDate } from '../../api/dates'

describe('parseIsoDate', () => {
  it('accepts dates and date-times, UTC unless an offset is given', () => {
    expect(parseIsoDate('2026-01-31')?.toISOString()).toBe('2026-01-31T00:00:00.000Z')
    expect(parseIsoDate('2026-01-31T12:30')?.toISOString()).toBe('2026-01-31T12:30:00.000Z')
    expect(parseIsoDate('2026-01-31 12:30:15.250')?.toISOString()).toBe('2026-01-31T12:30:15.250Z')
    expect(parseIsoDate('2026-01-31T12:00:00+0200')?.toISOString()).toBe('2026-01-31T10:00:00.000Z')
    expect(parseIsoDate('2026-01-31T12:00:00-05:00')?.toISOString()).toBe('2026-01-31T17:00:00.000Z')
  })
  it('refuses what Date would guess at', () => {
    for (const v of ["x' OR '1'='1", '1', 'yesterday', '2026-13-01', '2026-1-1', 'Jan 5 2026', '2026-01-01; DROP TABLE x', '']) expect(parseIsoDate(v), v).toBeNull()
  })
})
