/**
 * GraphQL SDL for entity access, generated from schema.graphql with OpenReader's (Subsquid) names:
 * `networkStats(where, orderBy, offset, limit)`, `networkStatById(id)`,
 * `networkStatsConnection(orderBy, after, first, where)`, `NetworkStatWhereInput { feesNative_gt ... AND OR }`,
 * `NetworkStatOrderByInput { periodStart_DESC ... }`.
 */
import type { Entity, EntityField, EntityModel } from './model'

export type Operator =
  | 'isNull' | 'eq' | 'not_eq' | 'not' | 'gt' | 'gte' | 'lt' | 'lte' | 'in' | 'not_in'
  | 'contains' | 'not_contains' | 'containsInsensitive' | 'not_containsInsensitive'
  | 'startsWith' | 'not_startsWith' | 'endsWith' | 'not_endsWith'
  | 'containsAll' | 'containsAny' | 'containsNone'
  | 'jsonContains' | 'jsonHasKey'

const ORDERED = new Set(['ID', 'String', 'Int', 'Float', 'BigInt', 'DateTime'])
const TEXT = new Set(['ID', 'String'])

/** The filter operators of a field and the GraphQL type of each operator's value. */
export function operatorsOf(f: EntityField): [Operator, string][] {
  const t = f.type
  if (f.kind === 'list') return [['isNull', 'Boolean'], ['containsAll', `[${t}!]`], ['containsAny', `[${t}!]`], ['containsNone', `[${t}!]`]]
  if (f.kind === 'json') return [['isNull', 'Boolean'], ['eq', 'JSON'], ['jsonContains', 'JSON'], ['jsonHasKey', 'String']]
  const ops: [Operator, string][] = [['isNull', 'Boolean'], ['eq', t], ['not_eq', t]]
  if (t === 'Boolean') return ops
  ops.push(['not', t])
  if (ORDERED.has(t) && f.kind === 'scalar') ops.push(['gt', t], ['gte', t], ['lt', t], ['lte', t])
  ops.push(['in', `[${t}!]`], ['not_in', `[${t}!]`])
  if (TEXT.has(t) && f.kind === 'scalar') {
    for (const op of ['contains', 'containsInsensitive', 'startsWith', 'endsWith'] as const) ops.push([op, t], [`not_${op}`, t])
  }
  return ops
}

export const ORDER_DIRECTIONS = ['ASC', 'DESC', 'ASC_NULLS_FIRST', 'ASC_NULLS_LAST', 'DESC_NULLS_FIRST', 'DESC_NULLS_LAST'] as const

/** Fields that can be ordered by (scalars and enums; not lists or JSON). */
export const orderable = (e: Entity) => e.fields.filter((f) => f.kind === 'scalar' || f.kind === 'enum')

export const typeNames = (e: Entity) => ({
  where: `${e.name}WhereInput`,
  orderBy: `${e.name}OrderByInput`,
  connection: `${e.connection[0].toUpperCase()}${e.connection.slice(1)}`,
  edge: `${e.name}Edge`,
})

const desc = (s?: string) => (s ? `${JSON.stringify(s)}\n` : '')

function gqlType(f: EntityField): string {
  const base = f.kind === 'list' ? `[${f.type}!]` : f.type
  return f.nullable ? base : `${base}!`
}

/** Extra arguments of a generated list query (hand-written compatibility arguments, e.g. networks(category)). */
export type ExtraArgs = Record<string, string>

/** Types, inputs and Query fields for every entity. */
export function entitySdl(model: EntityModel, extraArgs: Record<string, ExtraArgs> = {}): { types: string; queryFields: string } {
  const types: string[] = [
    `"Paging of a connection; cursors are opaque"
type PageInfo {
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
  endCursor: String
}`,
  ]
  for (const en of model.enums) {
    types.push(`${desc(en.description)}enum ${en.name} {\n${en.values.map((v) => `  ${desc(v.description)}  ${v.name}`).join('\n')}\n}`)
  }
  const query: string[] = []
  for (const e of model.entities) {
    const n = typeNames(e)
    types.push(`${desc(e.description)}type ${e.name} {\n${e.fields.map((f) => `  ${desc(f.description)}  ${f.name}: ${gqlType(f)}`).join('\n')}\n}`)
    const whereFields = e.fields.flatMap((f) => operatorsOf(f).map(([op, t]) => `  ${f.name}_${op}: ${t}`))
    types.push(`input ${n.where} {\n${whereFields.join('\n')}\n  AND: [${n.where}!]\n  OR: [${n.where}!]\n}`)
    types.push(`enum ${n.orderBy} {\n${orderable(e).flatMap((f) => ORDER_DIRECTIONS.map((d) => `  ${f.name}_${d}`)).join('\n')}\n}`)
    types.push(`type ${n.edge} {\n  node: ${e.name}!\n  cursor: String!\n}`)
    types.push(`type ${n.connection} {\n  edges: [${n.edge}!]!\n  pageInfo: PageInfo!\n  totalCount: Int!\n}`)
    const extra = Object.entries(extraArgs[e.list] ?? {}).map(([k, v]) => `${k}: ${v}, `).join('')
    query.push(
      `  ${JSON.stringify(`${e.name} rows: filter with where, order with orderBy (id ascending by default), page with limit/offset`)}`,
      `  ${e.list}(${extra}where: ${n.where}, orderBy: [${n.orderBy}!], offset: Int, limit: Int): [${e.name}!]!`,
      `  ${e.byId}(id: String!): ${e.name}`,
      `  ${JSON.stringify(`${e.name} rows as a cursor connection (Relay style); cursors are opaque`)}`,
      `  ${e.connection}(orderBy: [${n.orderBy}!]!, after: String, first: Int, where: ${n.where}): ${n.connection}!`,
    )
  }
  return { types: types.join('\n\n'), queryFields: query.join('\n') }
}
