/**
 * The data version: a short string that changes whenever anything the API answers from changes, read with one
 * cheap query and reused for `ttlMs` (API_CACHE_VERSION_MS), so the response cache (api/response-cache.ts) is
 * never staler than that.
 *
 * What moves it:
 * - every indexer batch, rollback and deep-reorg rewind: each writes its chain's `chain_cursor` row (height, hash)
 *   in the batch's transaction (indexer/writer.ts, indexer/reorg.ts; Subsquid's hot-block rollback restores it);
 * - price imports (`npm run prices:import`, upserts into `token_price`): the table's row counters (rows inserted,
 *   updated, deleted) from PostgreSQL's cumulative statistics, which a session publishes when it ends or at most
 *   ~10 s after its transaction (immediately when it asks with pg_stat_force_next_flush(), as importPrices does):
 *   a full read of the table would cost ~20 ms per version at 40 k price rows;
 * - the registry sync of the indexer's start (`network` rows).
 * A transaction commits its rows and its cursor together, so a version read after the commit sees both; the answer
 * cached under a version is computed after the version was read, so it is never older than its version.
 */
import type pg from 'pg'

export const DATA_VERSION_SQL = `SELECT
  (SELECT coalesce(string_agg(concat_ws(':', id, height, hash, timestamp), ',' ORDER BY id), '') FROM chain_cursor) AS cursors,
  concat_ws(':', pg_stat_get_tuples_inserted('token_price'::regclass), pg_stat_get_tuples_updated('token_price'::regclass),
    pg_stat_get_tuples_deleted('token_price'::regclass)) AS prices,
  (SELECT coalesce(md5(string_agg(n::text, ',' ORDER BY id)), '') FROM network n) AS networks`

/** The parts of a data version: each chain's cursor (by chain id), the price counters, the network rows. */
export interface DataVersionParts {
  version: string
  cursors: Map<string, string>
  prices: string
  networks: string
}

export async function readDataVersion(pool: pg.Pool): Promise<DataVersionParts> {
  const r = (await pool.query(DATA_VERSION_SQL)).rows[0]
  const cursors = new Map<string, string>()
  for (const c of String(r.cursors).split(',').filter(Boolean)) cursors.set(c.slice(0, c.indexOf(':')), c)
  return { version: `${r.cursors}|${r.prices}|${r.networks}`, cursors, prices: r.prices, networks: r.networks }
}

/** The data version, read at most once per `ttlMs` (concurrent callers share one read). */
export class DataVersion {
  private last: { at: number; parts: Promise<DataVersionParts> } | undefined

  constructor(private readonly pool: pg.Pool, readonly ttlMs: number) {}

  parts(): Promise<DataVersionParts> {
    const now = Date.now()
    if (!this.last || now - this.last.at >= this.ttlMs) {
      const parts = readDataVersion(this.pool)
      this.last = { at: now, parts }
      // a failed read is not reused: the next request asks again
      parts.catch(() => {
        if (this.last?.parts === parts) this.last = undefined
      })
    }
    return this.last.parts
  }

  async current(): Promise<string> {
    return (await this.parts()).version
  }
}
