/**
 * The GraphQL endpoint (graphql-yoga): schema and resolvers, protection against expensive documents
 * (graphql-armor: depth, aliases, tokens, cost, directives), batching off, and errors that say what went
 * wrong without internals: a statement timeout or an unreachable database get their own codes, anything
 * unexpected is logged and answered "Unexpected error.".
 */
import { EnvelopArmor } from '@escape.tech/graphql-armor'
import { GraphQLError, type ValidationContext } from 'graphql'
import { createSchema, createYoga, type Plugin } from 'graphql-yoga'
import type pg from 'pg'
import { componentLogger } from '../common/logger'
import type { HeadTracker } from './heads'
import type { ApiMetrics } from './observability'
import type { ResponseCache } from './response-cache'
import type { SeriesSource } from './series-memo'
import { resolvers, type ApiContext } from './resolvers'
import { typeDefs } from './schema'
import { renderLocalGraphiQL } from './graphiql'

const log = componentLogger('graphql')

export interface GraphqlLimits {
  maxDepth: number
  maxAliases: number
  maxTokens: number
  maxCost: number
  statementTimeoutMs: number
}

const pgCode = (e: unknown): string | undefined => (e as { code?: string } | undefined)?.code

/** Turns an error of a resolver into what the client sees. */
export function maskError(statementTimeoutMs: number) {
  return (error: unknown): Error => {
    const gql = error instanceof GraphQLError ? error : undefined
    const original = gql?.originalError ?? error
    // errors the API raised on purpose (bad input, ...) pass as they are
    if (gql && (!gql.originalError || gql.originalError instanceof GraphQLError)) return gql
    const at = { nodes: gql?.nodes, path: gql?.path }
    const code = pgCode(original)
    if (code === '57014') {
      return new GraphQLError(`query cancelled: it ran longer than the statement timeout (${statementTimeoutMs} ms); narrow it (from/to, limit)`,
        { ...at, extensions: { code: 'QUERY_TIMEOUT' } })
    }
    if (code === '53300' || code === '57P01' || code === '57P03' || pgCode(original) === 'ECONNREFUSED' || /timeout exceeded when trying to connect|Connection terminated/.test(String((original as Error)?.message))) {
      return new GraphQLError('database unavailable, try again shortly', { ...at, extensions: { code: 'DATABASE_UNAVAILABLE' } })
    }
    log.error({ err: original, path: gql?.path }, 'unexpected error in a resolver')
    return new GraphQLError('Unexpected error.', { ...at, extensions: { code: 'INTERNAL_SERVER_ERROR' } })
  }
}

/** Counts the errors of every result by code (metrics). */
function countErrors(metrics: ApiMetrics): Plugin {
  return {
    onResultProcess({ result }) {
      for (const r of Array.isArray(result) ? result : [result]) {
        for (const e of ((r as { errors?: readonly GraphQLError[] }).errors ?? [])) metrics.graphqlErrors.inc({ code: String(e.extensions?.code ?? 'GRAPHQL_ERROR') })
      }
    },
  }
}

export function createGraphql(opts: { pool: pg.Pool; heads: HeadTracker; maxLimit: number; pollMs: number; limits: GraphqlLimits; metrics: ApiMetrics; cache?: ResponseCache; series?: SeriesSource }) {
  // validation-time refusals are reported as validation errors with their own code, without armor's
  // misleading "Syntax Error:" prefix (the token limit acts in the parser and keeps armor's own error)
  const report = {
    propagateOnRejection: false,
    onReject: [(ctx: ValidationContext | null, e: GraphQLError) =>
      ctx?.reportError(new GraphQLError(e.message.replace(/^Syntax Error: /, ''), { nodes: e.nodes, extensions: { code: 'QUERY_TOO_COMPLEX' } }))],
  }
  const armor = new EnvelopArmor({
    maxDepth: { n: opts.limits.maxDepth, ignoreIntrospection: true, flattenFragments: true, ...report },
    maxAliases: { n: opts.limits.maxAliases, allowList: [], ...report },
    maxTokens: { n: opts.limits.maxTokens },
    costLimit: { maxCost: opts.limits.maxCost, ignoreIntrospection: true, ...report },
    maxDirectives: { n: 20, ...report },
    // the schema is public (GraphiQL, introspection): "Did you mean ...?" suggestions stay helpful
    blockFieldSuggestion: { enabled: false },
  })
  return createYoga<ApiContext>({
    schema: createSchema({ typeDefs, resolvers }),
    context: () => ({ pool: opts.pool, heads: opts.heads, maxLimit: opts.maxLimit, pollMs: opts.pollMs, series: opts.series }),
    // the response cache first: a kept answer skips parsing, validation (armor) and execution
    plugins: [...(opts.cache ? [opts.cache.plugin] : []), ...armor.protect().plugins, countErrors(opts.metrics)],
    // one operation per request: a JSON array of operations is refused (docs/api.md)
    batching: false,
    maskedErrors: { maskError: maskError(opts.limits.statementTimeoutMs) },
    graphiql: { title: 'depin-index GraphQL' },
    // its files served by this API (api/graphiql.ts), not from unpkg.com: GraphiQL works without internet
    renderGraphiQL: renderLocalGraphiQL,
    landingPage: false,
    logging: { debug: () => {}, info: () => {}, warn: (...a) => log.warn(a.map(String).join(' ')), error: (...a) => log.error(a.map(String).join(' ')) },
  })
}
