/**
 * Strict ISO 8601 dates for every date the API accepts (GraphQL filters, export parameters). JavaScript's
 * Date parser is lenient ("x' OR '1'='1" parses as 2001-01-01), so the text must match the format first.
 * A date-time without offset is UTC, like a date alone.
 */
const ISO = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/

export const ISO_DATE_HINT = 'an ISO 8601 date or date-time (2026-01-31, 2026-01-31T12:00:00Z)'

export function parseIsoDate(text: string): Date | null {
  if (!ISO.test(text)) return null
  let s = text.replace(' ', 'T')
  const offset = /(Z|[+-]\d{2}:?\d{2})$/.exec(s)
  if (s.includes('T') && !offset) s += 'Z'
  else if (offset && /^[+-]\d{4}$/.test(offset[1])) s = s.slice(0, -2) + ':' + s.slice(-2)
  const d = new Date(s)
  return Number.isNaN(d.getTime()) ? null : d
}
