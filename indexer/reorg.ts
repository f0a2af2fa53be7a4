/**
 * Reorgs deeper than the finality depth (FINALITY_<CHAIN>). The Subsquid processor rolls back reorgs of its hot
 * blocks by itself; a fork below the block it holds as final makes it crash, and then refuse to restart ("already
 * indexed block ... was not found on chain"). Here such a reorg is detected, reported and rolled back by design:
 *
 * - detection: at start, the final block in the processor status must still be on the chain; while running, each
 *   batch must continue the stored chain (its first block's parent is the last stored block), otherwise
 *   `ChainDiscontinuityError` ends the process (the supervisor restarts it, and the start check takes over);
 * - report: a pino error with chain, heights and hashes, a `reorg_incident` row (API: `indexerStatus.deepReorgs`);
 * - rollback, in one transaction: the newest batch checkpoint still on the canonical chain is the safe height;
 *   the processor's hot blocks are undone (its change log), the handler state is put back batch by batch from the
 *   checkpoints, events, facts, prices and quarantined logs above the safe height are deleted, the rollups and
 *   provider days of the periods they touched are recomputed from what remains, and the processor status is set to
 *   the safe height, from where it re-indexes the canonical chain.
 */
import { RpcClient } from '@subsquid/rpc-client'
import { rollbackBlock } from '@subsquid/typeorm-store/lib/hot'
import type { Store } from '@subsquid/typeorm-store'
import { In, MoreThanOrEqual, type EntityManager } from 'typeorm'
import { componentLogger } from '../common/logger'
import { EconomicFact, NetworkStat, PricePoint, ProviderDay, RawEvent, ReorgIncident } from './model'
import { networkById, type ChainDef } from './registry'
import { rollupBatch } from './rollup/rollup'
import { createDataSource } from './store/dataSource'
import { countProviderDays, loadLastPrices } from './writer'

const log = componentLogger('reorg')

/** Checkpoints older than this many blocks below the indexed head are pruned (a deeper reorg re-indexes from the start block). */
export const CHECKPOINT_RETENTION_BLOCKS = 50_000

/** A batch that does not continue the stored chain: a reorg below the final block, or a data source serving another chain. */
export class ChainDiscontinuityError extends Error {
  constructor(readonly chainId: number, readonly height: number, readonly parentHash: string, readonly storedHash: string) {
    super(`chain ${chainId}: block ${height} has parent ${parentHash}, but the indexer stored ${storedHash} at ${height - 1} (reorg deeper than the finality depth?)`)
    this.name = 'ChainDiscontinuityError'
  }
}

export const statusSchemaOf = (chainId: number) => `squid_processor_${chainId}`

/** Deletes checkpoints far below the head (every 1000 blocks; untracked: they are below any reorg the processor rolls back). */
export async function pruneCheckpoints(store: Store, chainId: number, height: number): Promise<void> {
  if (height % 1000 !== 0) return
  const em = (store as unknown as { em(): EntityManager }).em()
  await em.query('DELETE FROM batch_checkpoint WHERE chain_id = $1 AND height < $2', [chainId, height - CHECKPOINT_RETENTION_BLOCKS])
}

type Hash = string | null

/** Block hashes by height from the chain (null = no such block). */
async function blockHashes(rpc: RpcClient, heights: number[]): Promise<Hash[]> {
  if (heights.length === 0) return []
  const blocks = await rpc.batchCall<{ hash: string } | null>(heights.map((h) => ({ method: 'eth_getBlockByNumber', params: ['0x' + h.toString(16), false] })))
  return blocks.map((b) => b?.hash ?? null)
}

/**
 * Compares the processor's final block with the chain; on a mismatch rolls the chain's data back to the newest
 * checkpoint on the canonical chain (see the module comment). Returns the incident, or null when all is well.
 */
export async function checkDeepReorg(opts: { url: string; rpcUrl: string; chain: ChainDef; networks: string[]; startBlock: number }): Promise<ReorgIncident | null> {
  const { chain } = opts
  const schema = statusSchemaOf(chain.chainId)
  const ds = createDataSource(opts.url, { poolSize: 1 })
  await ds.initialize()
  const rpc = new RpcClient({ url: opts.rpcUrl, requestTimeout: 20_000, retryAttempts: 5, log: null })
  try {
    const exists = await ds.query('SELECT to_regclass($1) AS t', [`${schema}.status`])
    if (!exists[0].t) return null
    const status = (await ds.query(`SELECT height, hash FROM "${schema}".status WHERE id = 0`))[0] as { height: number; hash: string } | undefined
    if (!status || status.height < 0 || status.hash === '0x') return null
    const [chainHash] = await blockHashes(rpc, [status.height])
    if (chainHash === status.hash) return null
    if (chainHash == null) {
      // the chain is shorter than what was indexed: a lagging endpoint or a reorg to a shorter chain; the
      // processor waits for the head either way, and a fork shows once the chain has grown past the stored block
      log.warn({ chain: chain.id, chainId: chain.chainId, storedHeight: status.height }, 'the final indexed block is above the chain head; not checked')
      return null
    }
    log.error(
      { chain: chain.id, chainId: chain.chainId, storedHeight: status.height, storedHash: status.hash, chainHash },
      'DEEP REORG: the block the indexer holds as final is no longer on the chain; rolling back to the last checkpoint on the canonical chain',
    )
    // the newest checkpoint still on the chain (hashes chain the blocks: everything below it is canonical too)
    const checkpoints = (await ds.query('SELECT height, hash FROM batch_checkpoint WHERE chain_id = $1 AND height <= $2 ORDER BY height DESC', [chain.chainId, status.height])) as { height: number; hash: string }[]
    let safe: { height: number; hash: string } | undefined
    for (let i = 0; i < checkpoints.length && !safe; i += 50) {
      const page = checkpoints.slice(i, i + 50)
      const hashes = await blockHashes(rpc, page.map((c) => c.height))
      safe = page.find((c, j) => hashes[j] === c.hash)
    }
    const rewoundTo = safe?.height ?? opts.startBlock - 1
    const incident = await ds.transaction('SERIALIZABLE', (em) =>
      rewind(em, { chain, schema, networks: opts.networks, rewoundTo, rewoundHash: safe?.hash ?? null, status, chainHash }),
    )
    log.error(
      { chain: chain.id, chainId: chain.chainId, storedHeight: status.height, storedHash: status.hash, chainHash, rewoundTo, rewoundHash: incident.rewoundHash, rowsRolledBack: incident.rowsRolledBack },
      `DEEP REORG rolled back: ${status.height - rewoundTo} blocks of chain ${chain.id} re-index from ${rewoundTo + 1}`,
    )
    return incident
  } finally {
    rpc.close()
    await ds.destroy()
  }
}

async function rewind(
  em: EntityManager,
  o: { chain: ChainDef; schema: string; networks: string[]; rewoundTo: number; rewoundHash: string | null; status: { height: number; hash: string }; chainHash: string },
): Promise<ReorgIncident> {
  const { chain, schema, networks, rewoundTo: safe } = o
  const chainId = chain.chainId
  let rows = 0
  // 1. the processor's hot blocks, newest first, through its own change log
  const hot = (await em.query(`SELECT height FROM "${schema}".hot_block ORDER BY height DESC`)) as { height: number }[]
  for (const h of hot) await rollbackBlock(schema, em, h.height)
  // 2. handler state of the final batches above the safe height, newest first
  const undo = (await em.query('SELECT height, state_before FROM batch_checkpoint WHERE chain_id = $1 AND height > $2 ORDER BY height DESC', [chainId, safe])) as {
    height: number
    state_before: { id: string; network: string; key: string; value: unknown }[]
  }[]
  for (const c of undo) {
    for (const s of c.state_before) {
      rows++
      if (s.value == null) await em.query('DELETE FROM network_state WHERE id = $1', [s.id])
      else {
        await em.query(
          'INSERT INTO network_state (id, network, key, value) VALUES ($1, $2, $3, $4::jsonb) ON CONFLICT (id) DO UPDATE SET value = EXCLUDED.value',
          [s.id, s.network, s.key, JSON.stringify(s.value)],
        )
      }
    }
  }
  // 3. rows of the orphaned blocks
  for (const table of ['economic_fact', 'raw_event', 'price_point', 'quarantined_log']) {
    const r = await em.query(`DELETE FROM ${table} WHERE chain_id = $1 AND block_number > $2`, [chainId, safe])
    rows += r[1] ?? 0
  }
  const cp = await em.query('DELETE FROM batch_checkpoint WHERE chain_id = $1 AND height > $2', [chainId, safe])
  rows += cp[1] ?? 0
  // 4. rollups and provider days of the periods the orphaned blocks touched, recomputed from what remains
  rows += await recomputeRollups(em, chainId, networks, safe)
  // 5. the chain cursor and the processor status at the safe height
  if (o.rewoundHash) {
    await em.query('UPDATE chain_cursor SET height = $2, hash = $3 WHERE id = $1', [String(chainId), safe, o.rewoundHash])
    await em.query(`UPDATE "${schema}".status SET height = $1, hash = $2, nonce = nonce + 1 WHERE id = 0`, [safe, o.rewoundHash])
  } else {
    await em.query('DELETE FROM chain_cursor WHERE id = $1', [String(chainId)])
    await em.query(`UPDATE "${schema}".status SET height = -1, hash = '0x', nonce = nonce + 1 WHERE id = 0`)
  }
  const detectedAt = new Date()
  const incident = new ReorgIncident({
    id: `${chainId}-${detectedAt.toISOString()}`, chain: chain.id, chainId, detectedAt,
    reason: `final block ${o.status.height} ${o.status.hash} is not on the chain (chain has ${o.chainHash})`,
    storedHeight: o.status.height, storedHash: o.status.hash, chainHash: o.chainHash, rewoundTo: safe, rewoundHash: o.rewoundHash, rowsRolledBack: rows,
  })
  await em.getRepository(ReorgIncident).insert(incident)
  return incident
}

/**
 * Recomputes the hourly and daily rollups and the provider days of the chain's networks from the first day a block
 * above `safe` contributed to, from the events, facts and prices left (all at or below `safe`).
 */
async function recomputeRollups(em: EntityManager, chainId: number, networks: string[], safe: number): Promise<number> {
  if (networks.length === 0) return 0
  const from = (await em.query(`SELECT min(period_start) AS t FROM network_stat WHERE network = ANY($1) AND interval = 'DAY' AND last_block > $2`, [networks, safe]))[0].t as Date | null
  if (!from) return 0
  const rawEvents = await em.find(RawEvent, { where: { network: In(networks), timestamp: MoreThanOrEqual(from) } })
  const facts = await em.find(EconomicFact, { where: { network: In(networks), timestamp: MoreThanOrEqual(from) } })
  const prices = await em.find(PricePoint, { where: { chainId, timestamp: MoreThanOrEqual(from) } })
  const first = Math.min(...[...rawEvents, ...facts, ...prices].map((x) => x.blockNumber), safe + 1)
  const lastPrices = await loadLastPrices(em as unknown as Pick<Store, 'findOne'>, first - 1)
  const stats = rollupBatch(rawEvents, facts, prices, lastPrices, (n) => networkById(n)?.category ?? 'unknown')
  const deleted = await em.query('DELETE FROM network_stat WHERE network = ANY($1) AND period_start >= $2', [networks, from])
  if (stats.size) await em.getRepository(NetworkStat).insert([...stats.values()])
  const days = countProviderDays(facts)
  const deletedDays = await em.query('DELETE FROM provider_day WHERE network = ANY($1) AND day >= $2', [networks, from])
  if (days.size) await em.getRepository(ProviderDay).insert([...days.values()])
  return (deleted[1] ?? 0) + (deletedDays[1] ?? 0)
}
