/** Resolvers of the generated entity queries: lists, by id, cursor connections. */
import { Kind, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql'
import type pg from 'pg'
import type { Entity, EntityModel } from './model'
import { Params, badInput, compileOrderBy, compileWhere, quote, selectList, toNode } from './sql'

export interface EntityContext {
  pool: pg.Pool
  /** largest limit / first accepted (API_MAX_LIMIT) */
  maxLimit: number
}

export interface ListArgs {
  where?: Record<string, unknown> | null
  orderBy?: string[] | null
  offset?: number | null
  limit?: number | null
}

/** Validated limit: at most maxLimit; when absent, maxLimit (and `implicit`: exceeding it is an error, not a silent cut). */
export function checkLimit(limit: number | null | undefined, maxLimit: number, name = 'limit'): { limit: number; implicit: boolean } {
  if (limit == null) return { limit: maxLimit, implicit: true }
  if (!Number.isInteger(limit) || limit < 0) throw badInput(`${name} must be a non-negative integer, got ${limit}`)
  if (limit > maxLimit) throw badInput(`${name} must be at most ${maxLimit} (API_MAX_LIMIT), got ${limit}; page with offset or a connection`)
  return { limit, implicit: false }
}

function checkOffset(offset: number | null | undefined): number {
  if (offset == null) return 0
  if (!Number.isInteger(offset) || offset < 0) throw badInput(`offset must be a non-negative integer, got ${offset}`)
  return offset
}

/**
 * Rows of an entity. `extraCondition` adds a condition built by a hand-written query on the same Params
 * (e.g. networks(category)).
 */
export async function listRows(
  e: Entity, args: ListArgs, ctx: EntityContext,
  extra?: (p: Params) => string,
): Promise<Record<string, unknown>[]> {
  const { limit, implicit } = checkLimit(args.limit, ctx.maxLimit)
  const offset = checkOffset(args.offset)
  const p = new Params()
  const where = compileWhere(e, args.where, p)
  const cond = extra ? `(${where}) AND (${extra(p)})` : where
  const sql = `SELECT ${selectList(e)} FROM ${quote(e.table)} WHERE ${cond} ORDER BY ${compileOrderBy(e, args.orderBy)} LIMIT ${p.add(implicit ? limit + 1 : limit, 'int8')} OFFSET ${p.add(offset, 'int8')}`
  const rows = (await ctx.pool.query(sql, p.values)).rows
  if (implicit && rows.length > limit) {
    throw badInput(`more than ${limit} ${e.name} rows match: pass limit (at most ${limit}) and offset, or use ${e.connection}`)
  }
  return rows.map((r) => toNode(e, r))
}

// Cursors are opaque to clients: base64url of "<version>:<offset>". A cursor that does not decode is an error.
const CURSOR_PREFIX = 'c1:'
export const encodeCursor = (offset: number) => Buffer.from(`${CURSOR_PREFIX}${offset}`).toString('base64url')
export function decodeCursor(cursor: string): number {
  const s = Buffer.from(cursor, 'base64url').toString('utf8')
  const n = s.startsWith(CURSOR_PREFIX) ? Number(s.slice(CURSOR_PREFIX.length)) : NaN
  if (!/^[A-Za-z0-9_-]+$/.test(cursor) || !Number.isSafeInteger(n) || n < 0) throw badInput(`after: invalid cursor ${JSON.stringify(cursor)}`)
  return n
}

/** Whether a field is selected directly under the resolved field (fragments followed). */
function selects(info: GraphQLResolveInfo, name: string): boolean {
  const walk = (set: SelectionSetNode | undefined): boolean =>
    !!set?.selections.some((s) =>
      s.kind === Kind.FIELD ? s.name.value === name
        : s.kind === Kind.INLINE_FRAGMENT ? walk(s.selectionSet)
          : walk(info.fragments[s.name.value]?.selectionSet))
  return info.fieldNodes.some((n) => walk(n.selectionSet))
}

export function entityResolvers(model: EntityModel, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const query: Record<string, unknown> = {}
  for (const e of model.entities) {
    query[e.list] = (_: unknown, args: ListArgs, ctx: EntityContext) => listRows(e, args, ctx)
    query[e.byId] = async (_: unknown, args: { id: string }, ctx: EntityContext) => {
      const r = await ctx.pool.query(`SELECT ${selectList(e)} FROM ${quote(e.table)} WHERE "id" = $1`, [args.id])
      return r.rows[0] ? toNode(e, r.rows[0]) : null
    }
    query[e.connection] = async (
      _: unknown,
      args: { orderBy: string[]; after?: string | null; first?: number | null; where?: Record<string, unknown> | null },
      ctx: EntityContext, info: GraphQLResolveInfo,
    ) => {
      const first = args.first == null ? ctx.maxLimit : checkLimit(args.first, ctx.maxLimit, 'first').limit
      const start = args.after == null ? 0 : decodeCursor(args.after) + 1
      const p = new Params()
      const where = compileWhere(e, args.where, p)
      const order = compileOrderBy(e, args.orderBy)
      const rows = (await ctx.pool.query(
        `SELECT ${selectList(e)} FROM ${quote(e.table)} WHERE ${where} ORDER BY ${order} LIMIT ${p.add(first + 1, 'int8')} OFFSET ${p.add(start, 'int8')}`,
        p.values,
      )).rows
      const page = rows.slice(0, first)
      const edges = page.map((r, i) => ({ node: toNode(e, r), cursor: encodeCursor(start + i) }))
      let totalCount: number | undefined
      if (selects(info, 'totalCount')) {
        const c = new Params()
        totalCount = (await ctx.pool.query(`SELECT count(*)::int AS n FROM ${quote(e.table)} WHERE ${compileWhere(e, args.where, c)}`, c.values)).rows[0].n
      }
      return {
        edges,
        totalCount,
        pageInfo: {
          hasNextPage: rows.length > first,
          hasPreviousPage: start > 0,
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges[edges.length - 1]?.cursor ?? null,
        },
      }
    }
  }
  return { ...query, ...overrides }
}
