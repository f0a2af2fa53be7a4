/** Every GraphQL document the dashboard sends (and shows on its data page) is valid against the API's schema. */
import { parse, validate } from 'graphql'
import { createSchema } from 'graphql-yoga'
import { describe, expect, it } from 'vitest'
import { resolvers } from '../../api/resolvers'
import { typeDefs } from '../../api/schema'
import { MARKET_QUERY, marketRequest, NETWORK_PULSE_QUERY, networkQuery, slices } from '../../dashboard/src/api'
import { examples } from '../../dashboard/src/examples'

const schema = createSchema({ typeDefs, resolvers })
const errors = (q: string) => validate(schema, parse(q)).map((e) => e.message)

describe('dashboard queries', () => {
  it.each([1, 2, 4])('the network query with %i slices is valid', (n) => {
    expect(errors(networkQuery(n))).toEqual([])
  })
  it('the network page\'s pulse query is valid', () => {
    expect(errors(NETWORK_PULSE_QUERY)).toEqual([])
  })
  it('the market query is one valid document whatever the view', () => {
    expect(errors(MARKET_QUERY)).toEqual([])
    const r = marketRequest({ category: 'compute', networks: ['livepeer', 'no-such-network'], days: 1826, interval: 'week' }, 'v1')
    expect(r.query).toBe(MARKET_QUERY)
    // ids the app does not know are dropped (a stale shared link never breaks the page)
    expect(r.variables).toEqual({ category: 'compute', networks: ['livepeer'], days: 1826, interval: 'WEEK', ifNoneMatch: 'v1' })
    expect(marketRequest({ networks: [], days: null, interval: 'day' }).variables).toMatchObject({ category: null, networks: null, days: null, ifNoneMatch: null })
  })
  it('the data page examples are valid', () => {
    const ex = [
      ...examples(['livepeer', 'dimo'], '2026-01-01T00:00:00Z', ['compute', 'sensors'], { days: 90, interval: 'week', filtered: true }),
      ...examples(['livepeer'], null, ['compute'], { days: null, interval: 'day', filtered: false }),
    ]
    expect(ex.length).toBeGreaterThan(2)
    for (const e of ex) expect(errors(e.query), e.id).toEqual([])
  })
  it('slices cover the window without gaps or overlaps, none longer than the API returns', () => {
    const now = Date.UTC(2026, 10, 29, 15)
    const day = 86_400_000
    for (const from of [null, new Date(now - 61 * day).toISOString(), new Date(Date.UTC(2026, 10, 29) - 3653 * day).toISOString()]) {
      const s = slices(from, now)
      expect(s[0].from).toBe(from)
      expect(s.at(-1)!.to).toBeNull()
      for (let i = 1; i < s.length; i++) expect(Date.parse(s[i].from!) - Date.parse(s[i - 1].to!)).toBe(1)
      for (const x of s.slice(0, -1)) if (x.from) expect(Date.parse(x.to!) - Date.parse(x.from) + 1).toBe(1000 * day)
    }
    expect(slices(new Date(now - 61 * day).toISOString(), now)).toHaveLength(1)
    expect(slices(null, now)).toHaveLength(4)
  })
})
