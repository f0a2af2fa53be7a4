/**
 * Undo records of final batches. The processor keeps a change log only for hot (not yet final) blocks; a reorg
 * deeper than the finality depth needs the same for final blocks. Every row a batch overwrites or deletes in a
 * mutable table (rollups, provider days, handler state, leases, providers, the cursor) is read before the write
 * and kept, as it was, in the batch's BatchCheckpoint; rows that did not exist are kept as null. Append-only rows
 * (events, facts, prices, quarantined logs) need no image: they are deleted by block number.
 */
import type { EntityClass, Store } from '@subsquid/typeorm-store'
import type { EntityManager } from 'typeorm'

/** A row as it was before a batch changed it (null: the batch created it). */
export interface RowBefore {
  table: string
  id: string
  row: Record<string, unknown> | null
}

/** The transaction's entity manager behind a Subsquid store (typeorm-store keeps it private). */
export function entityManagerOf(store: Store): EntityManager {
  return (store as unknown as { em(): EntityManager }).em()
}

/** Writes through the store, recording the first image of every row it touches in this batch. */
export class UndoRecorder {
  readonly rows: RowBefore[] = []
  private readonly seen = new Set<string>()

  constructor(private readonly store: Store) {}

  async upsert<E extends { id: string }>(entities: E[]): Promise<void> {
    if (entities.length === 0) return
    await this.record(entities[0].constructor as EntityClass<E>, entities.map((e) => e.id))
    await this.store.upsert(entities)
  }

  async remove<E extends { id: string }>(entity: EntityClass<E>, ids: string[]): Promise<void> {
    if (ids.length === 0) return
    await this.record(entity, ids)
    await this.store.remove(entity, ids)
  }

  private async record(entity: EntityClass<unknown>, ids: string[]): Promise<void> {
    const em = entityManagerOf(this.store)
    const table = em.connection.getMetadata(entity).tableName
    const fresh = [...new Set(ids)].filter((id) => !this.seen.has(`${table}/${id}`))
    if (fresh.length === 0) return
    const rows = (await em.query(`SELECT * FROM "${table}" WHERE id = ANY($1::text[])`, [fresh])) as Record<string, unknown>[]
    const byId = new Map(rows.map((r) => [String(r.id), r]))
    for (const id of fresh) {
      this.seen.add(`${table}/${id}`)
      this.rows.push({ table, id, row: byId.get(id) ?? null })
    }
  }
}

/** Puts rows back as recorded (newest record first): deletes rows that did not exist, rewrites the others. */
export async function restoreRows(em: EntityManager, records: RowBefore[]): Promise<number> {
  const jsonColumns = new Map<string, Set<string>>()
  const jsonOf = async (table: string) => {
    if (!jsonColumns.has(table)) {
      const r = (await em.query(`SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1 AND data_type IN ('json', 'jsonb')`, [table])) as { column_name: string }[]
      jsonColumns.set(table, new Set(r.map((c) => c.column_name)))
    }
    return jsonColumns.get(table)!
  }
  for (const r of [...records].reverse()) {
    if (r.row == null) {
      await em.query(`DELETE FROM "${r.table}" WHERE id = $1`, [r.id])
      continue
    }
    const json = await jsonOf(r.table)
    const cols = Object.keys(r.row)
    const values = cols.map((c) => (json.has(c) && r.row![c] != null ? JSON.stringify(r.row![c]) : r.row![c]))
    await em.query(
      `INSERT INTO "${r.table}" (${cols.map((c) => `"${c}"`).join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${cols.filter((c) => c !== 'id').map((c) => `"${c}" = EXCLUDED."${c}"`).join(', ')}`,
      values,
    )
  }
  return records.length
}
