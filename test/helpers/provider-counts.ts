/**
 * Provider counts per network and day (the ProviderCountDay rollup) recomputed in SQL from the stored facts alone:
 * providers with a supply-side fact that UTC day (the kinds of docs/methodology.md, `activeProviders`), their
 * first and latest such day.
 */
import type pg from 'pg'

const SUPPLY_SIDE = ['REWARD_EMITTED', 'NODE_REGISTERED', 'NODE_UPDATE', 'LEASE_OPENED', 'LEASE_CLOSED', 'FEE_SETTLED']

export interface DayCounts {
  network: string
  day: string
  active: number
  new: number
  lastActive: number
}

export async function recomputedProviderCounts(pool: pg.Pool): Promise<DayCounts[]> {
  const r = await pool.query(
    `WITH pd AS (SELECT DISTINCT network, to_char(timestamp AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, actor FROM economic_fact
                  WHERE actor IS NOT NULL AND kind::text = ANY($1::text[])),
          spans AS (SELECT network, actor, min(day) AS first, max(day) AS last FROM pd GROUP BY network, actor)
     SELECT network, day, sum(a)::int AS active, sum(n)::int AS new, sum(l)::int AS "lastActive" FROM (
       SELECT network, day, 1 AS a, 0 AS n, 0 AS l FROM pd
       UNION ALL SELECT network, first, 0, 1, 0 FROM spans
       UNION ALL SELECT network, last, 0, 0, 1 FROM spans) x
     GROUP BY network, day ORDER BY network, day`,
    [SUPPLY_SIDE],
  )
  return r.rows
}

export async function storedProviderCounts(pool: pg.Pool): Promise<DayCounts[]> {
  const r = await pool.query(
    `SELECT network, to_char(day AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, active_providers AS active, new_providers AS new, last_active_providers AS "lastActive"
       FROM provider_count_day ORDER BY network, day`,
  )
  return r.rows
}
