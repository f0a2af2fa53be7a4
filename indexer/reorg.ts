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
 *   the processor's hot blocks are undone (its change log), the rows of mutable tables (rollups, provider days,
 *   handler state, leases, providers, cursor) are put back batch by batch from the checkpoints' before-images
 *   (store/undo.ts), events, facts, prices and quarantined logs above the safe height are deleted, and the processor
 *   status is set to the safe height, from where it re-indexes the canonical chain.
 */
import { RpcClient } from '@subsquid/rpc-client'
import { rollbackBlock } from '@subsquid/typeorm-store/lib/hot'
import type { Store } from '@subsquid/typeorm-store'
import { entityManagerOf } from './store/undo'
import type { EntityManager } from 'typeorm'
import { componentLogger } from '../common/logger'
import { ReorgIncident } from './model'
import type { ChainDef } from './registry'
import { createDataSource } from './store/dataSource'
import { restoreRows, type RowBefore } from './store/undo'

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
  await entityManagerOf(store).query('DELETE FROM batch_checkpoint WHERE chain_id = $1 AND height < $2', [chainId, height - CHECKPOINT_RETENTION_BLOCKS])
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
  // 2. rows of mutable tables (rollups, provider days, state, leases, providers, cursor) as they were before each
  //    final batch above the safe height, newest batch first
  const undo = (await em.query('SELECT height, rows_before FROM batch_checkpoint WHERE chain_id = $1 AND height > $2 ORDER BY height DESC', [chainId, safe])) as {
    height: number
    rows_before: RowBefore[]
  }[]
  for (const c of undo) rows += await restoreRows(em, c.rows_before)
  if (o.rewoundHash == null) {
    // no checkpoint on the canonical chain (the fork is older than the kept checkpoints): start the chain over
    for (const table of ['network_stat', 'provider_day', 'provider_count_day', 'provider_span', 'network_state', 'lease', 'provider', 'provider_earning_day', 'payer_day']) {
      const r = await em.query(`DELETE FROM ${table} WHERE network = ANY($1)`, [networks])
      rows += r[1] ?? 0
    }
  }
  // 3. append-only rows of the orphaned blocks
  for (const table of ['economic_fact', 'raw_event', 'price_point', 'quarantined_log']) {
    const r = await em.query(`DELETE FROM ${table} WHERE chain_id = $1 AND block_number > $2`, [chainId, safe])
    rows += r[1] ?? 0
  }
  const cp = await em.query('DELETE FROM batch_checkpoint WHERE chain_id = $1 AND height > $2', [chainId, safe])
  rows += cp[1] ?? 0
  // 4. the chain cursor and the processor status at the safe height
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
