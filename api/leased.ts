/**
 * Leased capacity of a network now: the resources of its open Lease rows (CPU, memory, storage, GPUs by model),
 * where the chain tells them (Akash: the deployment group's resources; other networks leave resources null).
 */
import type pg from 'pg'

export interface LeasedResources {
  network: string
  openLeases: number
  /** open leases whose resources are known */
  withResources: number
  /** CPU in cores (millicores / 1000) */
  cpu: number
  memoryBytes: string
  storageBytes: string
  gpus: number
  gpusByModel: { model: string; gpus: number; leases: number }[]
}

export async function leasedResources(pool: pg.Pool, network: string): Promise<LeasedResources> {
  const t = await pool.query(
    `SELECT count(*)::int AS open, count(resources)::int AS known,
            coalesce(sum((resources->>'cpu')::numeric), 0)::text AS cpu,
            coalesce(sum((resources->>'memoryBytes')::numeric), 0)::text AS memory,
            coalesce(sum((resources->>'storageBytes')::numeric), 0)::text AS storage,
            coalesce(sum((resources->>'gpu')::numeric), 0)::int AS gpus
       FROM lease WHERE network = $1 AND status = 'OPEN'`,
    [network],
  )
  // GPUs per model (resources.gpuByModel: a lease with units of several models counts under each); rows written
  // before gpuByModel existed count under their gpuModel
  const g = await pool.query(
    `SELECT m.key AS model, sum(m.value::numeric)::int AS gpus, count(*)::int AS leases
       FROM lease l
      CROSS JOIN LATERAL jsonb_each_text(coalesce(l.resources->'gpuByModel', jsonb_build_object(coalesce(l.resources->>'gpuModel', 'unknown'), l.resources->'gpu'))) m
      WHERE l.network = $1 AND l.status = 'OPEN' AND (l.resources->>'gpu')::numeric > 0 AND m.value::numeric > 0
      GROUP BY 1 ORDER BY 2 DESC, 1`,
    [network],
  )
  const r = t.rows[0]
  return {
    network, openLeases: r.open, withResources: r.known, cpu: Number(r.cpu) / 1000, memoryBytes: r.memory, storageBytes: r.storage, gpus: r.gpus,
    gpusByModel: g.rows,
  }
}

/** Capacity leased at the end of one UTC day. */
export interface LeasedDay {
  day: Date
  openLeases: number
  /** CPU in cores */
  cpu: number
  memoryBytes: string
  storageBytes: string
  gpus: number
}

/**
 * Daily history of leased capacity: for each of the last `days` UTC days up to the last indexed day, the leases
 * open at the day's end (opened before it, not closed by then) and their resources, from the Lease rows.
 */
export async function leasedHistory(pool: pg.Pool, network: string, days: number): Promise<LeasedDay[]> {
  const end = (await pool.query(`SELECT max(period_start) AS t FROM network_stat WHERE network = $1 AND interval = 'DAY'`, [network])).rows[0].t as Date | null
  if (!end) return []
  const r = await pool.query(
    `SELECT d.day, count(l.id)::int AS open,
            coalesce(sum((l.resources->>'cpu')::numeric), 0)::text AS cpu,
            coalesce(sum((l.resources->>'memoryBytes')::numeric), 0)::text AS memory,
            coalesce(sum((l.resources->>'storageBytes')::numeric), 0)::text AS storage,
            coalesce(sum((l.resources->>'gpu')::numeric), 0)::int AS gpus
       FROM generate_series($2::timestamptz - ($3::int - 1) * interval '1 day', $2::timestamptz, interval '1 day') AS d(day)
       LEFT JOIN lease l ON l.network = $1 AND l.opened_at < d.day + interval '1 day' AND (l.closed_at IS NULL OR l.closed_at >= d.day + interval '1 day')
      GROUP BY d.day ORDER BY d.day`,
    [network, end, days],
  )
  return r.rows.map((x) => ({ day: x.day, openLeases: x.open, cpu: Number(x.cpu) / 1000, memoryBytes: x.memory, storageBytes: x.storage, gpus: x.gpus }))
}
