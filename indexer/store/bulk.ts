/**
 * Bulk insert of new rows with PostgreSQL COPY FROM STDIN, inside the batch transaction.
 *
 * The profile of the ingest benchmark (BENCHMARKS.md) showed TypeORM's multi-row INSERT builder as the indexer's
 * largest CPU cost (parameter lookup and escaping per value, ~45 % of busy time). For append-only tables (raw events,
 * facts, prices) of final blocks the rows go through COPY instead: values come from the entity metadata (column
 * transformers and the driver's own conversion), so the stored rows are identical. Batches that touch hot
 * (unfinalized) blocks keep Subsquid's tracked insert, whose change log rolls them back on a reorg.
 */
import type { Store } from '@subsquid/typeorm-store'
import { from as copyFrom } from 'pg-copy-streams'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { EntityManager } from 'typeorm'

/** What Subsquid's Store keeps privately: the transaction's entity manager and, in hot blocks, the change tracker. */
interface StoreInternals {
  em(): EntityManager
  changes?: unknown
}

/** COPY text format: backslash, tab, newline and carriage return escaped; NULL as \N. */
function escapeCopy(s: string): string {
  return s.replace(/[\\\t\n\r]/g, (c) => (c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r'))
}

function arrayLiteral(a: unknown[]): string {
  return `{${a.map((x) => (x == null ? 'NULL' : `"${text(x).replace(/[\\"]/g, (c) => '\\' + c)}"`)).join(',')}}`
}

function text(v: unknown): string {
  if (v instanceof Date) return v.toISOString()
  if (typeof v === 'boolean') return v ? 't' : 'f'
  if (Array.isArray(v)) return arrayLiteral(v)
  if (typeof v === 'object') return JSON.stringify(v)
  return String(v)
}

/** Encodes entities as COPY text lines of the given columns. */
export function copyLines(entities: object[], columns: { name: string; value(e: object): unknown }[]): string {
  let out = ''
  for (const e of entities) {
    out += columns.map((c) => {
      const v = c.value(e)
      return v == null ? '\\N' : escapeCopy(text(v))
    }).join('\t') + '\n'
  }
  return out
}

/** Inserts new entities of one class: COPY in final blocks, the store's tracked insert in hot ones. Returns the way taken. */
export async function bulkInsert(store: Store, entities: object[]): Promise<'copy' | 'insert' | 'none'> {
  if (entities.length === 0) return 'none'
  const s = store as unknown as StoreInternals
  const insert = async () => (await store.insert(entities as any), 'insert' as const)
  // INDEXER_BULK_COPY=false (validated in common/config.ts) keeps the ORM's INSERT everywhere, for comparison
  if (s.changes != null || entities.length < 50 || process.env.INDEXER_BULK_COPY === 'false') return insert()
  const em = s.em()
  const meta = em.connection.getMetadata(entities[0].constructor)
  const driver = em.connection.driver
  const columns = meta.columns.filter((c) => !c.isVirtual).map((c) => ({
    name: c.databaseName,
    value: (e: object) => driver.preparePersistentValue(c.getEntityValue(e, true), c),
  }))
  const runner = em.queryRunner
  if (!runner) return insert()
  const client = (await runner.connect()) as { query(stream: unknown): NodeJS.WritableStream }
  const table = meta.schema ? `"${meta.schema}"."${meta.tableName}"` : `"${meta.tableName}"`
  const sql = `COPY ${table} (${columns.map((c) => `"${c.name}"`).join(', ')}) FROM STDIN`
  const CHUNK = 5000
  for (let i = 0; i < entities.length; i += CHUNK) {
    await pipeline(Readable.from([copyLines(entities.slice(i, i + CHUNK), columns)]), client.query(copyFrom(sql)) as NodeJS.WritableStream)
  }
  return 'copy'
}
