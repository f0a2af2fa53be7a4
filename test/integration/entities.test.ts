/**
 * Entity access generated from schema.graphql (OpenReader names): every filter operator, AND/OR, ordering,
 * limit/offset and cursor connections, each compared with a hand-written SQL query over the same tables.
 */
import fc from 'fast-check'
import {
  getNamedType, isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType, isObjectType,
  type GraphQLField, type GraphQLInputType, type GraphQLOutputType,
} from 'graphql'
import { createSchema } from 'graphql-yoga'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { resolvers } from '../../api/resolvers'
import { typeDefs } from '../../api/schema'
import { HeadTracker } from '../../api/heads'
import { startApi, type ApiServer } from '../../api/server'
import { grantStatusSchemas, provisionApiRole } from '../../api/db-role'
import { startFixture, type Fixture } from '../helpers/fixture'

const MAX_LIMIT = 200
let fx: Fixture
let api: ApiServer

async function gql(query: string, variables?: Record<string, unknown>) {
  const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: any }[] } }
}
async function data(query: string, variables?: Record<string, unknown>) {
  const { body } = await gql(query, variables)
  expect(body.errors, query).toBeUndefined()
  return body.data
}
const sqlIds = async (sql: string, params: unknown[] = []) => (await fx.pool.query(sql, params)).rows.map((r) => r.id as string)

beforeAll(async () => {
  fx = await startFixture({ SIM_DAYS: '4' })
  const { node, sim } = fx.devnet.nodes[0]
  const head = await node.rpc.blockNumber()
  // blocks beyond the end make it final (FINALITY 5), so the indexer writes it and exits
  for (let i = 0; i <= 5; i++) await sim.mine(sim.timestamp + 900, true)
  expect((await fx.runIndexerTo(head)).code).toBe(0)
  // as deployed (npm start): the API reads through the read-only depin_api role, granted the indexers' status schemas
  // (the fuzz test below runs against it)
  const apiUrl = await provisionApiRole(fx.db.url, fx.dataDir)
  await grantStatusSchemas(fx.db.url, fx.config.chains.map((c) => `squid_processor_${c.chain.chainId}`))
  api = await startApi({ databaseUrl: apiUrl, port: fx.config.PORT, host: '127.0.0.1', heads: HeadTracker.fromConfig(fx.config), maxLimit: MAX_LIMIT })
})
afterAll(async () => {
  await api?.stop()
  await fx?.stop()
})

describe('entity queries generated from schema.graphql', () => {
  it('has data to query: facts of several kinds, with and without counterparties', async () => {
    const r = (await fx.pool.query(`SELECT count(*)::int AS n, count(DISTINCT kind)::int AS kinds, count(*) FILTER (WHERE counterparty IS NULL)::int AS nulls FROM economic_fact`)).rows[0]
    expect(r.n).toBeGreaterThan(MAX_LIMIT)
    expect(r.kinds).toBeGreaterThanOrEqual(5)
    expect(r.nulls).toBeGreaterThan(0)
    expect(r.nulls).toBeLessThan(r.n)
  })

  it('filters with every comparison operator, as the same condition in SQL', async () => {
    const amounts = (await fx.pool.query(`SELECT amount::text FROM economic_fact WHERE amount > 0 ORDER BY amount LIMIT 1 OFFSET 20`)).rows
    const a = amounts[0].amount as string
    const block = (await fx.pool.query(`SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY block_number) AS b FROM economic_fact`)).rows[0].b as number
    const t = (await fx.pool.query(`SELECT percentile_disc(0.3) WITHIN GROUP (ORDER BY timestamp) AS t FROM economic_fact`)).rows[0].t as Date
    const cases: [string, unknown, string, unknown[]][] = [
      ['amount_eq', a, 'amount = $1::numeric', [a]],
      ['amount_not_eq', a, 'amount <> $1::numeric', [a]],
      ['amount_not', a, 'amount <> $1::numeric', [a]],
      ['amount_gt', a, 'amount > $1::numeric', [a]],
      ['amount_gte', a, 'amount >= $1::numeric', [a]],
      ['amount_lt', a, 'amount < $1::numeric', [a]],
      ['amount_lte', a, 'amount <= $1::numeric', [a]],
      ['blockNumber_gt', block, 'block_number > $1', [block]],
      ['blockNumber_lte', block, 'block_number <= $1', [block]],
      ['timestamp_gte', t.toISOString(), 'timestamp >= $1', [t]],
      ['timestamp_lt', t.toISOString(), 'timestamp < $1', [t]],
      ['kind_eq', 'REWARD_EMITTED', `kind = 'REWARD_EMITTED'`, []],
      ['kind_in', ['FEE_PAID', 'SUPPLY_MINT'], `kind IN ('FEE_PAID', 'SUPPLY_MINT')`, []],
      ['kind_not_in', ['FEE_PAID', 'SUPPLY_MINT'], `kind NOT IN ('FEE_PAID', 'SUPPLY_MINT')`, []],
      ['network_in', [], 'FALSE', []],
      ['counterparty_isNull', true, 'counterparty IS NULL', []],
      ['counterparty_isNull', false, 'counterparty IS NOT NULL', []],
      ['counterparty_eq', null, 'counterparty IS NULL', []],
      ['id_contains', '-000001-', `position('-000001-' in id) > 0`, []],
      ['id_not_contains', '-000001-', `position('-000001-' in id) = 0`, []],
      ['txHash_startsWith', '0x1', `tx_hash LIKE '0x1%'`, []],
      ['txHash_not_startsWith', '0x1', `tx_hash NOT LIKE '0x1%'`, []],
      ['id_endsWith', '-0', `id LIKE '%-0'`, []],
      ['id_not_endsWith', '-0', `id NOT LIKE '%-0'`, []],
      ['network_containsInsensitive', 'PEER', `network ILIKE '%peer%'`, []],
      ['network_not_containsInsensitive', 'PEER', `network NOT ILIKE '%peer%'`, []],
    ]
    for (const [key, value, cond, params] of cases) {
      const got = await data(`query($w: EconomicFactWhereInput) { economicFacts(where: $w, orderBy: [id_ASC], limit: ${MAX_LIMIT}) { id } }`, { w: { [key]: value } })
      const want = await sqlIds(`SELECT id FROM economic_fact WHERE ${cond} ORDER BY id LIMIT ${MAX_LIMIT}`, params)
      expect(got.economicFacts.map((x: any) => x.id), `${key}: ${JSON.stringify(value)}`).toEqual(want)
      // the filter really selects: neither everything (but for the empty-set case) nor nothing, except where SQL says so
      const all = (await fx.pool.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE ${cond})::int AS m FROM economic_fact`, params)).rows[0]
      if (key !== 'network_in') expect(all.m, key).toBeGreaterThan(0)
      expect(all.m, key).toBeLessThan(all.n)
    }
  })

  it('filters floats, booleans of lists and JSON', async () => {
    const usd = (await fx.pool.query(`SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY fees_usd) AS u FROM network_stat WHERE fees_usd > 0`)).rows[0].u
    const stats = await data(`query($u: Float) { networkStats(where: { feesUsd_gt: $u }, limit: ${MAX_LIMIT}) { id feesUsd } }`, { u: Number(usd) })
    expect(stats.networkStats.map((s: any) => s.id)).toEqual(await sqlIds(`SELECT id FROM network_stat WHERE fees_usd > $1 ORDER BY id`, [usd]))
    expect(stats.networkStats.length).toBeGreaterThan(0)
    const lists: [string, string][] = [
      ['{ categories_containsAny: ["storage", "compute"] }', `categories && ARRAY['storage','compute']`],
      ['{ categories_containsAll: ["compute"] }', `categories @> ARRAY['compute']`],
      ['{ categories_containsNone: ["compute"] }', `NOT (categories && ARRAY['compute'])`],
    ]
    for (const [w, cond] of lists) {
      const got = await data(`{ networks(where: ${w}) { id } }`)
      expect(got.networks.map((n: any) => n.id), w).toEqual(await sqlIds(`SELECT id FROM network WHERE ${cond} ORDER BY id`))
    }
    const name = (await fx.pool.query(`SELECT name, args FROM raw_event WHERE name = 'Reward' LIMIT 1`)).rows[0]
    const key = Object.keys(name.args)[0]
    const json = await data(`query($k: String, $c: JSON) { has: rawEvents(where: { args_jsonHasKey: $k }, limit: ${MAX_LIMIT}) { id args }
      contains: rawEvents(where: { args_jsonContains: $c }, limit: ${MAX_LIMIT}) { id } }`, { k: key, c: { [key]: name.args[key] } })
    expect(json.has.map((e: any) => e.id)).toEqual(await sqlIds(`SELECT id FROM raw_event WHERE args ? $1 ORDER BY id LIMIT ${MAX_LIMIT}`, [key]))
    expect(json.contains.map((e: any) => e.id)).toEqual(await sqlIds(`SELECT id FROM raw_event WHERE args @> $1::jsonb ORDER BY id LIMIT ${MAX_LIMIT}`, [JSON.stringify({ [key]: name.args[key] })]))
    expect(json.contains.length).toBeGreaterThan(0)
    expect(typeof json.has[0].args).toBe('object')
  })

  it('combines filters with AND and OR, nested', async () => {
    const w = { OR: [{ kind_eq: 'FEE_PAID', amount_gt: '0' }, { AND: [{ network_eq: 'thegraph' }, { kind_in: ['REWARD_EMITTED', 'PROTOCOL_TAKE'] }] }], blockNumber_gt: 10 }
    const got = await data(`query($w: EconomicFactWhereInput) { economicFacts(where: $w, limit: ${MAX_LIMIT}) { id } }`, { w })
    const want = await sqlIds(`SELECT id FROM economic_fact WHERE ((kind = 'FEE_PAID' AND amount > 0) OR (network = 'thegraph' AND kind IN ('REWARD_EMITTED','PROTOCOL_TAKE'))) AND block_number > 10 ORDER BY id LIMIT ${MAX_LIMIT}`)
    expect(got.economicFacts.map((x: any) => x.id)).toEqual(want)
    expect(new Set(want.map((id) => id.split('-')[0])).size).toBeGreaterThan(0)
    const kinds = (await fx.pool.query(`SELECT DISTINCT kind FROM economic_fact WHERE id = ANY($1)`, [want])).rows.map((r) => r.kind).sort()
    expect(kinds).toEqual(expect.arrayContaining(['FEE_PAID']))
    expect(kinds.length).toBeGreaterThan(1)
  })

  it('orders by several fields in both directions, id breaking ties, and pages with limit/offset', async () => {
    const want = await sqlIds(`SELECT id FROM economic_fact ORDER BY kind ASC, amount DESC, id ASC`)
    const pages: string[] = []
    for (let offset = 0; offset < want.length; offset += 150) {
      const got = await data(`{ economicFacts(orderBy: [kind_ASC, amount_DESC], limit: 150, offset: ${offset}) { id kind amount } }`)
      pages.push(...got.economicFacts.map((x: any) => x.id))
    }
    expect(pages).toEqual(want)
    const nulls = await data(`{ first: economicFacts(orderBy: [counterparty_ASC_NULLS_FIRST], limit: 3) { counterparty }
      last: economicFacts(orderBy: [counterparty_DESC_NULLS_LAST], limit: 3) { counterparty } }`)
    expect(nulls.first.map((x: any) => x.counterparty)).toEqual([null, null, null])
    const top = (await fx.pool.query(`SELECT counterparty FROM economic_fact ORDER BY counterparty DESC NULLS LAST, id LIMIT 3`)).rows.map((r) => r.counterparty)
    expect(nulls.last.map((x: any) => x.counterparty)).toEqual(top)
    expect(top[0]).not.toBeNull()
    // an offset past the end is an empty page
    expect((await data(`{ economicFacts(limit: 5, offset: ${want.length}) { id } }`)).economicFacts).toEqual([])
  })

  it('returns stored values exactly: BigInt as decimal strings, dates, by id, null for an unknown id', async () => {
    const row = (await fx.pool.query(`SELECT id, amount::text, timestamp, block_number, decimals FROM economic_fact WHERE kind = 'REWARD_EMITTED' ORDER BY amount DESC LIMIT 1`)).rows[0]
    const got = await data(`query($id: String!) { economicFactById(id: $id) { id amount timestamp blockNumber decimals kind } missing: economicFactById(id: "nope") { id } }`, { id: row.id })
    expect(got.economicFactById).toEqual({ id: row.id, amount: row.amount, timestamp: row.timestamp.toISOString(), blockNumber: row.block_number, decimals: row.decimals, kind: 'REWARD_EMITTED' })
    expect(got.missing).toBeNull()
    expect(BigInt(row.amount)).toBeGreaterThan(2n ** 53n)
  })

  it('pages a connection to the last page with opaque cursors and a total count', async () => {
    const want = await sqlIds(`SELECT id FROM economic_fact WHERE network = 'livepeer' ORDER BY block_number DESC, log_index ASC, id ASC`)
    expect(want.length).toBeGreaterThan(60)
    const seen: string[] = []
    let after: string | null = null
    let pages = 0
    for (;;) {
      const got: any = await data(`query($after: String) { economicFactsConnection(orderBy: [blockNumber_DESC, logIndex_ASC], first: 25, after: $after, where: { network_eq: "livepeer" }) {
        edges { node { id } cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`, { after })
      const c = got.economicFactsConnection
      pages++
      expect(c.totalCount).toBe(want.length)
      expect(c.pageInfo.hasPreviousPage).toBe(after != null)
      expect(c.pageInfo.startCursor).toBe(c.edges[0]?.cursor ?? null)
      expect(c.pageInfo.endCursor).toBe(c.edges.at(-1)?.cursor ?? null)
      seen.push(...c.edges.map((e: any) => e.node.id))
      if (!c.pageInfo.hasNextPage) {
        expect(c.edges.length).toBe(want.length - 25 * (pages - 1))
        break
      }
      after = c.pageInfo.endCursor
    }
    expect(seen).toEqual(want)
    expect(pages).toBe(Math.ceil(want.length / 25))
    const empty = await data(`{ economicFactsConnection(orderBy: [id_ASC], where: { network_eq: "none" }) { edges { cursor } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } totalCount } }`)
    expect(empty.economicFactsConnection).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null }, totalCount: 0 })
  })

  it('answers bad paging and filters with GraphQL errors', async () => {
    const cases: [string, RegExp][] = [
      ['{ economicFactsConnection(orderBy: [id_ASC], after: "bm90LWEtY3Vyc29y") { totalCount } }', /after: invalid cursor/],
      ['{ economicFactsConnection(orderBy: [id_ASC], after: "!!") { totalCount } }', /after: invalid cursor/],
      [`{ economicFactsConnection(orderBy: [id_ASC], first: ${MAX_LIMIT + 1}) { totalCount } }`, new RegExp(`first must be at most ${MAX_LIMIT}`)],
      [`{ economicFacts(limit: ${MAX_LIMIT + 1}) { id } }`, new RegExp(`limit must be at most ${MAX_LIMIT} \\(API_MAX_LIMIT\\)`)],
      ['{ economicFacts(limit: -1) { id } }', /limit must be a non-negative integer/],
      ['{ economicFacts(limit: 1, offset: -5) { id } }', /offset must be a non-negative integer/],
      // no limit and more rows than API_MAX_LIMIT: an error, never a silently cut list
      ['{ economicFacts { id } }', new RegExp(`more than ${MAX_LIMIT} EconomicFact rows match`)],
      ['{ economicFacts(where: { timestamp_gt: "soon" }, limit: 1) { id } }', /timestamp_gt: not a valid ISO 8601 date/],
      ['{ economicFacts(where: { amount_gt: "1.5" }, limit: 1) { id } }', /BigInt/],
      ['{ economicFacts(where: { amount_in: null, kind_gt: FEE_PAID }, limit: 1) { id } }', /kind_gt/],
      ['{ economicFacts(where: { actor_contains: null }, limit: 1) { id } }', /actor_contains needs a value/],
      ['{ economicFacts(orderBy: [args_ASC], limit: 1) { id } }', /args_ASC/],
      ['{ economicFactsConnection(first: 1) { totalCount } }', /orderBy/],
    ]
    for (const [query, message] of cases) {
      const { status, body } = await gql(query)
      expect(body.errors?.[0]?.message, query).toMatch(message)
      expect(status, query).toBeLessThan(500)
      expect(JSON.stringify(body), query).not.toMatch(/\bat .*\.ts:\d+/) // no stack traces
    }
    // a connection with the cursor of the last row: an empty page, not an error
    const total = Number((await fx.pool.query('SELECT count(*) FROM economic_fact')).rows[0].count)
    const last = await data(`{ economicFactsConnection(orderBy: [id_ASC], first: 1, after: "${Buffer.from(`c1:${total - 1}`).toString('base64url')}") { edges { cursor } pageInfo { hasNextPage hasPreviousPage } } }`)
    expect(last.economicFactsConnection).toEqual({ edges: [], pageInfo: { hasNextPage: false, hasPreviousPage: true } })
  })

  it('maps every entity field to a column of its table (TypeORM snake_case naming)', async () => {
    const { entityModel } = await import('../../api/entities/model')
    const cols = (await fx.pool.query(`SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`)).rows
    const have = new Set(cols.map((c) => `${c.table_name}.${c.column_name}`))
    for (const e of entityModel().entities) for (const f of e.fields) expect(have.has(`${e.table}.${f.column}`), `${e.name}.${f.name}`).toBe(true)
    // and every entity answers a list query with all its fields
    for (const e of entityModel().entities) {
      const { body } = await gql(`{ ${e.list}(limit: 2) { ${e.fields.map((f) => f.name).join(' ')} } ${e.connection}(orderBy: [id_DESC], first: 1) { totalCount } }`)
      expect(body.errors, e.name).toBeUndefined()
      expect(body.data[e.connection].totalCount, e.name).toBe(Number((await fx.pool.query(`SELECT count(*) FROM "${e.table}"`)).rows[0].count))
    }
    // the indexer's rollback images are not served, though the table has rows
    expect(Number((await fx.pool.query('SELECT count(*) FROM batch_checkpoint')).rows[0].count)).toBeGreaterThan(0)
    for (const q of ['{ batchCheckpoints(limit: 1) { id } }', '{ batchCheckpointById(id: "x") { id } }', '{ batchCheckpointsConnection(orderBy: [id_ASC]) { totalCount } }']) {
      const { body } = await gql(q)
      expect(body.data, q).toBeUndefined()
      expect(body.errors?.[0]?.message, q).toMatch(/Cannot query field "batchCheckpoint/)
    }
  })

  it('keeps the dashboard arguments of networks and networkStats next to the OpenReader ones', async () => {
    const got = await data(`{ compute: networks(category: "compute") { id } ordered: networks(orderBy: [chainId_DESC, name_ASC], where: { chainId_eq: 42161 }) { id }
      series: networkStats(network: "livepeer", interval: DAY, limit: 2) { periodStart fees feesNative }
      generic: networkStats(where: { network_eq: "livepeer", interval_eq: "DAY" }, orderBy: [periodStart_DESC], limit: 2) { periodStart } }`)
    expect(got.compute.map((n: any) => n.id)).toEqual(await sqlIds(`SELECT id FROM network WHERE category = 'compute' OR 'compute' = ANY(categories) ORDER BY id`))
    expect(got.ordered.map((n: any) => n.id)).toEqual(await sqlIds(`SELECT id FROM network WHERE chain_id = 42161 ORDER BY chain_id DESC, name ASC, id`))
    // the dashboard's series: the latest two days, oldest first; the generic query orders as asked
    expect(got.series.map((s: any) => s.periodStart)).toEqual([...got.generic.map((s: any) => s.periodStart)].reverse())
    expect(got.series[1].fees).toBeCloseTo(Number(BigInt(got.series[1].feesNative)) / 1e18, 12)
  })
})

// ---------------------------------------------------------------------------------------------------------
// Property-based fuzzing (issue 10): schema-valid queries with random arguments never make the server fail.
// ---------------------------------------------------------------------------------------------------------

const schema = createSchema({ typeDefs, resolvers })
const KNOWN = ['livepeer', 'thegraph', 'aethir', 'spheron', 'compute', 'data', '42161-0000000001-000000', "x' OR '1'='1", '%', '\\', '']

/** Random values of an input type: valid GraphQL (variables), often nonsensical for the resolver. */
function valueOf(t: GraphQLInputType, depth: number): fc.Arbitrary<unknown> {
  if (isNonNullType(t)) return valueOf(t.ofType, depth).filter((v) => v != null)
  const orNull = (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 6, arbitrary: a }, { weight: 1, arbitrary: fc.constant(null) })
  if (isListType(t)) return orNull(fc.array(valueOf(t.ofType, depth), { maxLength: 3 }))
  if (isEnumType(t)) return orNull(fc.constantFrom(...t.getValues().map((v) => v.name)))
  if (isInputObjectType(t)) {
    if (depth > 1) return fc.constant({})
    const fields = Object.values(t.getFields())
    return fc.subarray(fields, { maxLength: 3 }).chain((fs) =>
      fs.length ? fc.record(Object.fromEntries(fs.map((f) => [f.name, valueOf(f.type, depth + 1)]))) : fc.constant({}))
  }
  switch (getNamedType(t).name) {
    case 'Int': return orNull(fc.oneof(fc.integer({ min: -3, max: 1200 }), fc.integer()))
    case 'Float': return orNull(fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, 1, 1e12, -1)))
    case 'Boolean': return orNull(fc.boolean())
    case 'BigInt': return orNull(fc.oneof(fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }).map(String), fc.constantFrom('1.5', 'abc', '0x10', '')))
    case 'DateTime': return orNull(fc.oneof(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()), fc.string()))
    case 'JSON': return orNull(fc.jsonValue({ maxDepth: 2 }))
    default: return orNull(fc.oneof(fc.constantFrom(...KNOWN), fc.string({ maxLength: 12 }), fc.base64String({ maxLength: 12 })))
  }
}

const typeString = (t: GraphQLInputType): string => String(t)

/** A selection of an output type: its leaf fields and, two levels deep, its object fields. */
function selection(t: GraphQLOutputType, depth = 0): string {
  const n = getNamedType(t)
  if (isLeafType(n) || !isObjectType(n)) return ''
  const parts = Object.values(n.getFields()).filter((f) => !f.args.some((a) => isNonNullType(a.type))).map((f) => {
    if (isLeafType(getNamedType(f.type))) return f.name
    return depth < 2 ? `${f.name} ${selection(f.type, depth + 1)}` : ''
  }).filter(Boolean)
  return `{ ${parts.join(' ')} }`
}

const queryFields = Object.values(schema.getQueryType()!.getFields()) as GraphQLField<unknown, unknown>[]
const randomQuery = fc.constantFrom(...queryFields).chain((f) =>
  fc.record(Object.fromEntries(f.args.map((a) => [a.name, isNonNullType(a.type) ? valueOf(a.type, 0).filter((v) => v != null) : fc.option(valueOf(a.type, 0), { nil: undefined })]))).map((args) => {
    const used = f.args.filter((a) => args[a.name] !== undefined)
    const defs = used.map((a) => `$${a.name}: ${typeString(a.type)}`).join(', ')
    const call = used.length ? `(${used.map((a) => `${a.name}: $${a.name}`).join(', ')})` : ''
    return { query: `query${defs ? `(${defs})` : ''} { ${f.name}${call} ${selection(f.type)} }`, variables: args }
  }))

describe('fuzzing', () => {
  it('answers schema-valid queries with random arguments without 5xx or unhandled errors', async () => {
    let withErrors = 0
    let withData = 0
    await fc.assert(
      fc.asyncProperty(randomQuery, async ({ query, variables }) => {
        const res = await fetch(`${api.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) })
        expect(res.status, query).toBeLessThan(500)
        const body = (await res.json()) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] }
        expect(body.data !== undefined || body.errors !== undefined, query).toBe(true)
        for (const e of body.errors ?? []) {
          // graphql-yoga masks unexpected exceptions as "Unexpected error.": every error must be one we meant
          expect(e.message, `${query} ${JSON.stringify(variables)}`).not.toMatch(/^Unexpected error/)
          expect(e.extensions?.code, e.message).not.toBe('INTERNAL_SERVER_ERROR')
          expect(e.message).not.toMatch(/\bat .*\.(ts|js):\d+/)
        }
        if (body.errors) withErrors++
        else withData++
      }),
      // FUZZ_SEED / FUZZ_RUNS explore further (the default seed keeps npm test reproducible)
      { numRuns: Number(process.env.FUZZ_RUNS ?? 250), seed: Number(process.env.FUZZ_SEED ?? 20261129) },
    )
    console.log(`fuzz (role ${api.role?.role}): ${withData + withErrors} schema-valid queries, seed ${process.env.FUZZ_SEED ?? 20261129}: ${withData} answered with data, ${withErrors} with GraphQL errors, 0 5xx, 0 unexpected errors`)
    expect(api.role?.role).toBe('depin_api')
    // the generator reaches both answers and rejections
    expect(withData).toBeGreaterThan(25)
    expect(withErrors).toBeGreaterThan(25)
  })
})
