/** Every GraphQL document the dashboard sends (and shows on its data page) is valid against the API's schema. */
import { parse, validate } from 'graphql'
import { createSchema } from 'graphql-yoga'
import { describe, expect, it } from 'vitest'
import { resolvers } from '../../api/resolvers'
import { typeDefs } from '../../api/schema'
import { MAX_ALIASES, marketQuery, marketRequest, networkQuery, slices } from '../../dashboard/src/api'
import { examples } from '../../dashboard/src/examples'

const schema = createSchema({ typeDefs, resolvers })
const errors = (q: string) => validate(schema, parse(q)).map((e) => e.message)

describe('dashboard queries', () => {
  it.each([1, 2, 4])('market and network queries with %i slices are valid', (n) => {
    expect(errors(marketQuery(['livepeer', 'thegraph', 'dimo'], n))).toEqual([])
    expect(errors(networkQuery(n))).toEqual([])
  })
  it('market requests stay under the API alias limit (GRAPHQL_MAX_ALIASES 15) and cover every network and slice', () => {
    const ids = Array.from({ length: 20 }, (_, i) => `net${i}`)
    const { requests, slices: n } = marketRequest(ids, null)
    expect(n).toBe(4)
    const aliases = requests.flatMap((r) => [...r.query.matchAll(/(m\d+(?:_\d+)?): networkMetrics/g)].map((m) => m[1]))
    expect(new Set(aliases).size).toBe(20 * 4)
    for (const r of requests) {
      expect(errors(r.query)).toEqual([])
      expect([...r.query.matchAll(/\w+: \w+\(/g)].length).toBeLessThanOrEqual(MAX_ALIASES)
    }
    expect(requests[0].query).toContain('networks {')
    expect(marketRequest(ids.slice(0, 9), new Date(Date.now() - 61 * 86_400_000).toISOString()).requests).toHaveLength(1)
  })
  it('the data page examples are valid', () => {
    const ex = examples(['livepeer', 'dimo'], '2026-01-01T00:00:00Z', ['compute', 'sensors'])
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
