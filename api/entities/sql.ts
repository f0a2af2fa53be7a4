/**
 * Compiles entity filters and orderings to parameterized SQL. Identifiers come only from the entity model
 * (schema.graphql); every value is a bind parameter.
 */
import { GraphQLError } from 'graphql'
import { SCALAR_SQL_TYPES, type Entity, type EntityField, type ScalarName } from './model'
import { ORDER_DIRECTIONS, operatorsOf, orderable, type Operator } from './sdl'
import { parseIsoDate } from '../dates'

export const badInput = (message: string) => new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } })

export const quote = (identifier: string) => `"${identifier.replace(/"/g, '""')}"`

/** Bind parameters of one statement. */
export class Params {
  readonly values: unknown[] = []
  add(v: unknown, sqlType: string): string {
    this.values.push(v)
    return `$${this.values.length}::${sqlType}`
  }
}

function sqlTypeOf(f: EntityField): string {
  return f.type in SCALAR_SQL_TYPES ? SCALAR_SQL_TYPES[f.type as ScalarName] : 'text'
}

/** A filter value as a bind parameter value (validated: a bad date is a GraphQL error). */
function toParam(f: EntityField, v: unknown, key: string): unknown {
  if (v == null) return null
  if (f.type === 'DateTime') {
    const d = parseIsoDate(String(v))
    if (!d) throw badInput(`${key}: not a valid ISO 8601 date: ${JSON.stringify(v)}`)
    return d.toISOString()
  }
  if (f.type === 'BigInt') return String(v)
  if (f.type === 'JSON') return JSON.stringify(v)
  return v
}

const whereKeysCache = new WeakMap<Entity, Map<string, { field: EntityField; op: Operator }>>()
function whereKeys(e: Entity) {
  let m = whereKeysCache.get(e)
  if (!m) {
    m = new Map()
    for (const f of e.fields) for (const [op] of operatorsOf(f)) m.set(`${f.name}_${op}`, { field: f, op })
    whereKeysCache.set(e, m)
  }
  return m
}

function condition(field: EntityField, op: Operator, value: unknown, key: string, p: Params): string {
  const col = quote(field.column)
  const t = sqlTypeOf(field)
  if (op === 'isNull') {
    if (value == null) throw badInput(`${key} needs true or false`)
    return value ? `${col} IS NULL` : `${col} IS NOT NULL`
  }
  if (value == null) {
    // explicit null: `_eq: null` is IS NULL, `_not_eq: null` IS NOT NULL; other operators need a value
    if (op === 'eq') return `${col} IS NULL`
    if (op === 'not_eq' || op === 'not') return `${col} IS NOT NULL`
    throw badInput(`${key} needs a value (use ${field.name}_isNull to match nulls)`)
  }
  if (Array.isArray(value)) {
    const items = value.map((v) => toParam(field, v, key))
    switch (op) {
      case 'in': return `${col} = ANY(${p.add(items, `${t}[]`)})`
      case 'not_in': return `NOT (${col} = ANY(${p.add(items, `${t}[]`)}))`
      case 'containsAll': return `${col}::${t}[] @> ${p.add(items, `${t}[]`)}`
      case 'containsAny': return `${col}::${t}[] && ${p.add(items, `${t}[]`)}`
      case 'containsNone': return `NOT (${col}::${t}[] && ${p.add(items, `${t}[]`)})`
    }
  }
  const v = toParam(field, value, key)
  switch (op) {
    case 'eq': return `${col} = ${p.add(v, t)}`
    case 'not_eq':
    case 'not': return `${col} <> ${p.add(v, t)}`
    case 'gt': return `${col} > ${p.add(v, t)}`
    case 'gte': return `${col} >= ${p.add(v, t)}`
    case 'lt': return `${col} < ${p.add(v, t)}`
    case 'lte': return `${col} <= ${p.add(v, t)}`
    case 'contains': return `strpos(${col}, ${p.add(v, 'text')}) > 0`
    case 'not_contains': return `strpos(${col}, ${p.add(v, 'text')}) = 0`
    case 'containsInsensitive': return `strpos(lower(${col}), lower(${p.add(v, 'text')})) > 0`
    case 'not_containsInsensitive': return `strpos(lower(${col}), lower(${p.add(v, 'text')})) = 0`
    case 'startsWith': return `starts_with(${col}, ${p.add(v, 'text')})`
    case 'not_startsWith': return `NOT starts_with(${col}, ${p.add(v, 'text')})`
    case 'endsWith': {
      const x = p.add(v, 'text')
      return `right(${col}, length(${x})) = ${x}`
    }
    case 'not_endsWith': {
      const x = p.add(v, 'text')
      return `right(${col}, length(${x})) <> ${x}`
    }
    case 'jsonContains': return `${col} @> ${p.add(v, 'jsonb')}`
    case 'jsonHasKey': return `${col} ? ${p.add(value, 'text')}`
  }
  throw badInput(`${key}: expects a list`)
}

/** A WHERE condition ("TRUE" when there is no filter). Unknown keys cannot reach here (GraphQL validates inputs). */
export function compileWhere(e: Entity, where: Record<string, unknown> | null | undefined, p: Params): string {
  if (!where) return 'TRUE'
  const parts: string[] = []
  for (const [key, value] of Object.entries(where)) {
    if (key === 'AND' || key === 'OR') {
      if (value == null) continue
      const subs = (value as Record<string, unknown>[]).map((w) => `(${compileWhere(e, w, p)})`)
      if (subs.length) parts.push(`(${subs.join(key === 'AND' ? ' AND ' : ' OR ')})`)
      continue
    }
    const k = whereKeys(e).get(key)
    if (!k) throw badInput(`unknown filter ${key} on ${e.name}`)
    parts.push(condition(k.field, k.op, value, key, p))
  }
  return parts.length ? parts.join(' AND ') : 'TRUE'
}

/** ORDER BY items for `orderBy: [field_DESC, ...]`, with id last as the tie-breaker (stable pages). */
export function compileOrderBy(e: Entity, orderBy: readonly string[] | null | undefined): string {
  const items: string[] = []
  const seen = new Set<string>()
  const fields = new Map(orderable(e).map((f) => [f.name, f]))
  for (const o of orderBy ?? []) {
    const dir = ORDER_DIRECTIONS.find((d) => o.endsWith(`_${d}`) && fields.has(o.slice(0, -d.length - 1)))
    if (!dir) throw badInput(`unknown ordering ${o} on ${e.name}`)
    const f = fields.get(o.slice(0, -dir.length - 1))!
    if (seen.has(f.name)) continue
    seen.add(f.name)
    const [d, , nulls] = dir.split('_')
    items.push(`${quote(f.column)} ${d}${nulls ? ` NULLS ${nulls === 'FIRST' ? 'FIRST' : 'LAST'}` : ''}`)
  }
  if (!seen.has('id')) items.push(`${quote('id')} ASC`)
  return items.join(', ')
}

/** The SELECT list of an entity: every column, aliased to its GraphQL field name. */
export function selectList(e: Entity): string {
  return e.fields.map((f) => `${quote(f.column)} AS ${quote(f.name)}`).join(', ')
}

/** Converts a row (aliased by field name) to GraphQL values: numeric Floats to numbers, BigInts stay strings. */
export function toNode(e: Entity, row: Record<string, unknown>): Record<string, unknown> {
  for (const f of e.fields) {
    const v = row[f.name]
    if (v == null) continue
    if (f.type === 'Float') row[f.name] = Array.isArray(v) ? v.map(Number) : Number(v)
    else if (f.type === 'Int' && typeof v === 'string') row[f.name] = Number(v)
  }
  return row
}
