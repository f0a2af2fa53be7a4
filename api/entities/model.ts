/**
 * The entities of schema.graphql as the API sees them: GraphQL names, table and column names (TypeORM's
 * snake_case naming, as in migrations/) and the kind of each field. Parsed once with graphql-js, so a new
 * entity or field needs no API code.
 */
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { Kind, parse, type FieldDefinitionNode, type TypeNode } from 'graphql'
import { toCamelCase, toPlural, toSnakeCase } from '@subsquid/util-naming'

export const SCHEMA_FILE = resolve(import.meta.dirname, '../../schema.graphql')

/** Scalars of schema.graphql with how they are stored and passed to PostgreSQL. */
export const SCALAR_SQL_TYPES = {
  ID: 'text', String: 'text', Int: 'int4', Float: 'float8', Boolean: 'bool', BigInt: 'numeric', DateTime: 'timestamptz', JSON: 'jsonb',
} as const
export type ScalarName = keyof typeof SCALAR_SQL_TYPES

export interface EntityField {
  name: string
  column: string
  /** scalar, enum (stored as text), list of scalars or enums (stored as an array), or JSON */
  kind: 'scalar' | 'enum' | 'list' | 'json'
  /** GraphQL type name of the value (or of the list items) */
  type: string
  nullable: boolean
  description?: string
}

export interface Entity {
  name: string
  table: string
  /** query field names, OpenReader style: networkStats, networkStatById, networkStatsConnection */
  list: string
  byId: string
  connection: string
  description?: string
  fields: EntityField[]
  byName: Map<string, EntityField>
}

export interface EntityEnum {
  name: string
  values: { name: string; description?: string }[]
  description?: string
}

export interface EntityModel {
  entities: Entity[]
  enums: EntityEnum[]
}

function unwrap(t: TypeNode): { name: string; nullable: boolean; list: boolean } {
  let nullable = true
  let list = false
  let cur = t
  if (cur.kind === Kind.NON_NULL_TYPE) {
    nullable = false
    cur = cur.type
  }
  if (cur.kind === Kind.LIST_TYPE) {
    list = true
    cur = cur.type.kind === Kind.NON_NULL_TYPE ? cur.type.type : cur.type
  }
  if (cur.kind !== Kind.NAMED_TYPE) throw new Error('schema.graphql: nested lists are not supported')
  return { name: cur.name.value, nullable, list }
}

/**
 * Entities of schema.graphql that are the indexer's bookkeeping, not data: not served. BatchCheckpoint holds the
 * before-images of the rows each batch replaced (for deep-reorg rollbacks): large JSON, no use to a reader, and
 * what a rollback restores (reorg incidents are served: `reorgIncidents`, `indexerStatus.deepReorgs`).
 */
export const INTERNAL_ENTITIES: ReadonlySet<string> = new Set(['BatchCheckpoint'])

export function parseEntityModel(sdl: string): EntityModel {
  const doc = parse(sdl)
  const enums: EntityEnum[] = []
  const entityDefs: { name: string; description?: string; fields: readonly FieldDefinitionNode[] }[] = []
  for (const d of doc.definitions) {
    if (d.kind === Kind.ENUM_TYPE_DEFINITION) {
      enums.push({ name: d.name.value, description: d.description?.value, values: (d.values ?? []).map((v) => ({ name: v.name.value, description: v.description?.value })) })
    } else if (d.kind === Kind.OBJECT_TYPE_DEFINITION && d.directives?.some((x) => x.name.value === 'entity') && !INTERNAL_ENTITIES.has(d.name.value)) {
      entityDefs.push({ name: d.name.value, description: d.description?.value, fields: d.fields ?? [] })
    }
  }
  const enumNames = new Set(enums.map((e) => e.name))
  const entities = entityDefs.map((def): Entity => {
    const fields: EntityField[] = []
    for (const f of def.fields) {
      // relations and @derivedFrom fields would need joins; schema.graphql keeps references as plain ids
      if (f.directives?.some((x) => x.name.value === 'derivedFrom')) continue
      const t = unwrap(f.type)
      const isScalar = t.name in SCALAR_SQL_TYPES
      const isEnum = enumNames.has(t.name)
      if (!isScalar && !isEnum) continue
      const kind = t.list ? 'list' : t.name === 'JSON' ? 'json' : isEnum ? 'enum' : 'scalar'
      fields.push({ name: f.name.value, column: toSnakeCase(f.name.value), kind, type: t.name, nullable: t.nullable, description: f.description?.value })
    }
    const camel = toCamelCase(def.name)
    return {
      name: def.name, table: toSnakeCase(def.name), description: def.description, fields,
      byName: new Map(fields.map((f) => [f.name, f])),
      list: toPlural(camel), byId: `${camel}ById`, connection: `${toPlural(camel)}Connection`,
    }
  })
  return { entities, enums }
}

let cached: EntityModel | undefined
/** The model of schema.graphql (read once). */
export function entityModel(): EntityModel {
  return (cached ??= parseEntityModel(readFileSync(SCHEMA_FILE, 'utf8')))
}
