/**
 * The ingest loop shared by the non-EVM sources (Lotus, CometBFT, Solana): fetch a height range,
 * turn it into a BatchOutput with the chain's handler, and write raw events, facts, rollups, Lease / Provider rows,
 * handler state and the cursor in ONE database transaction through the same writer as the EVM processor.
 * Progress is the Subsquid status row of the chain's state schema (updated in the same transaction), so a restart,
 * even after kill -9 mid-batch, resumes at the last committed height: nothing duplicated, nothing skipped.
 * Sources read only final heights (head minus the chain's finality), so there is no reorg to roll back, and the
 * batch checkpoint the writer keeps for deep-reorg rollbacks is only the last one. A source reads a range without the
 * handler state (`fetch`) and turns it into rows with it (`handle`), so the loop reads the next range while the
 * database writes the current one.
 * An RPC outage never ends the loop: when a client's own retries run out (RpcUnavailableError) or an answer is not
 * for the range asked (BadAnswerError), the loop logs one structured line (chain, networks, range, attempt, next
 * wait) and asks again after a growing wait (1 s doubling to 60 s), without bound. Errors the node
 * gives as its verdict, and the handler's, still end the process.
 */
import { componentLogger } from '../../common/logger'
import { isConnectionError, waitForDatabase } from '../../common/postgres'
import type { BatchOutput } from '../handlers/batch'
import { StateCache } from '../handlers/state'
import { ChainCursor, NetworkState } from '../model'
import type { ChainDef } from '../registry'
import { IndexerDatabase } from '../store/database'
import { createDataSource } from '../store/dataSource'
import { entityManagerOf } from '../store/undo'
import { writeBatch } from '../writer'
import { isTransientRpcError } from './jsonrpc'

const log = componentLogger('ingest')

/** First wait after an RPC outage is noticed; it doubles up to the cap (IngestOptions.maxOutageWaitMs). */
export const OUTAGE_FIRST_WAIT_MS = 1000
export const OUTAGE_MAX_WAIT_MS = 60_000

/**
 * `fn` until it answers: an error time may cure (isTransientRpcError) is logged and `fn` asked again after a growing
 * wait, without bound; any other error is thrown. `stopped` ends the waiting (SIGTERM): then undefined.
 */
export async function untilAnswered<T>(
  what: { chain: string; networks?: string[]; step: string; from?: number; to?: number },
  fn: () => Promise<T>,
  opts: { stopped?: () => boolean; maxWaitMs?: number } = {},
): Promise<T | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn()
    } catch (e) {
      if (!isTransientRpcError(e)) throw e
      const wait = Math.min(OUTAGE_FIRST_WAIT_MS * 2 ** Math.min(attempt - 1, 20), opts.maxWaitMs ?? OUTAGE_MAX_WAIT_MS)
      log.warn({ ...what, attempt, nextWaitMs: wait, err: (e as Error).message }, 'RPC gave no usable answer; waiting, then asking again')
      for (const end = Date.now() + wait; Date.now() < end; ) {
        if (opts.stopped?.()) return undefined
        await new Promise((r) => setTimeout(r, Math.min(250, end - Date.now())))
      }
      if (opts.stopped?.()) return undefined
    }
  }
}

export interface RangeSource<F = unknown> {
  /** highest height that may be indexed now (final) */
  indexableHead(): Promise<number>
  /** reads [from, to] from the chain without the handler state, so the loop reads the next range while it writes one */
  fetch(from: number, to: number): Promise<F>
  /** the rows of a fetched range (pure but for the handler state, which it may read and change) */
  handle(fetched: F, state: StateCache): BatchOutput
  /** heights the next range should span at most (a source bounding its batches by transactions); default batchSize */
  nextBatchSize?(): number
}

/** Fetch and handle in one step (tests, tools). */
export async function readBatch<F>(source: RangeSource<F>, from: number, to: number, state: StateCache): Promise<BatchOutput> {
  return source.handle(await source.fetch(from, to), state)
}

export interface IngestOptions {
  chain: ChainDef
  /** networks of the chain (their handler state is loaded) */
  networks: string[]
  databaseUrl: string
  source: RangeSource<any>
  /** first height when nothing is indexed yet */
  startBlock: number
  /** stop after committing this height */
  endBlock?: number
  /** heights per batch (one transaction) */
  batchSize: number
  /** poll interval at the head, ms */
  pollMs: number
  /** called after each committed batch (tests, progress) */
  onCommit?: (height: number) => void
  /** longest wait between two attempts while the RPC is unavailable (default 60 s), ms */
  maxOutageWaitMs?: number
}

/** The chain's stored cursor (height, hash and time of its last indexed block), if any. */
async function loadCursor(databaseUrl: string, chainId: number): Promise<ChainCursor | null> {
  const ds = createDataSource(databaseUrl, { poolSize: 1 })
  await ds.initialize()
  try {
    return await ds.getRepository(ChainCursor).findOneBy({ id: String(chainId) })
  } finally {
    await ds.destroy()
  }
}

async function loadState(databaseUrl: string, networks: string[]): Promise<StateCache> {
  const ds = createDataSource(databaseUrl, { poolSize: 1 })
  await ds.initialize()
  try {
    const rows = await ds.getRepository(NetworkState).find({ where: networks.map((network) => ({ network })) })
    return new StateCache(rows)
  } finally {
    await ds.destroy()
  }
}

export async function runIngest(o: IngestOptions): Promise<void> {
  const db = new IndexerDatabase(o.databaseUrl, { supportHotBlocks: false, stateSchema: `squid_processor_${o.chain.chainId}`, isolationLevel: 'READ COMMITTED' })
  let head = await db.connect()
  let state = await loadState(o.databaseUrl, o.networks)
  let cursor = await loadCursor(o.databaseUrl, o.chain.chainId)
  let next = head.height >= 0 ? head.height + 1 : o.startBlock
  log.info({ chain: o.chain.id, resumeFrom: next, committed: head.height, end: o.endBlock }, 'source starting')
  let stopping = false
  const stop = () => (stopping = true)
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
  const ask = <T>(step: string, fn: () => Promise<T>, range?: { from: number; to: number }) =>
    untilAnswered({ chain: o.chain.id, networks: o.networks, step, ...range }, fn, { stopped: () => stopping, maxWaitMs: o.maxOutageWaitMs })
  let latest = (await ask('head', () => o.source.indexableHead())) ?? -1
  // the next range is read while a batch is handled and written (the RPC and the database work side by side); a
  // read that fails is only seen when its range's turn comes, and a range redone after a lost connection is read again
  let ahead: { from: number; to: number; data: Promise<unknown> } | null = null
  const read = (from: number) => {
    const to = Math.min(latest, from + Math.min(o.batchSize, o.source.nextBatchSize?.() ?? o.batchSize) - 1, o.endBlock ?? Infinity)
    const data = o.source.fetch(from, to)
    data.catch(() => {}) // handled where it is awaited
    return { from, to, data }
  }
  try {
    while (!stopping) {
      if (o.endBlock != null && next > o.endBlock) break
      if (next > latest) {
        await new Promise((r) => setTimeout(r, o.pollMs))
        latest = (await ask('head', () => o.source.indexableHead())) ?? latest
        continue
      }
      const range = ahead != null && ahead.from === next ? ahead : read(next)
      ahead = null
      // a range read ahead that failed is read again (same bounds) until the RPC answers it
      let first = true
      const fetched = await ask('range', () => (first ? ((first = false), range.data) : o.source.fetch(range.from, range.to)), { from: range.from, to: range.to })
      if (stopping) break
      const to = range.to
      if (to < latest && to < (o.endBlock ?? Infinity)) ahead = read(to + 1)
      let out: BatchOutput
      try {
        out = o.source.handle(fetched, state)
      } catch (e) {
        // nothing is written, but the handler state in memory may have moved on: reload it first
        state = await loadState(o.databaseUrl, o.networks)
        throw e
      }
      // a range with no produced block (Solana's skipped slots) has no hash of its own: the status row still needs one
      // that differs from the previous (Subsquid asserts it), so it names the range; the chain's cursor (what status
      // queries and /readyz read) moves to the range's end with the last block's hash and time
      const nextHash = out.cursor?.hash || `empty:${to}`
      if (!out.cursor && cursor) out.cursor = new ChainCursor({ ...cursor, height: to })
      try {
        await db.transact({ prevHead: { height: head.height, hash: head.hash }, nextHead: { height: to, hash: nextHash } }, async (store) => {
          await writeBatch(store, out, next, state)
          // only final heights are read, so no reorg can rewind a batch: keep no older checkpoint than this one
          await entityManagerOf(store).query('DELETE FROM batch_checkpoint WHERE chain_id = $1 AND height < $2', [o.chain.chainId, to])
        })
      } catch (e) {
        if (isConnectionError(e)) {
          // PostgreSQL stopped or restarted under the batch: nothing of it is committed; wait for the server, reload
          // the handler state (the batch moved it on in memory) and do the same range again
          log.warn({ chain: o.chain.id, from: next, to, err: (e as Error).message }, 'database connection lost during a batch; waiting for PostgreSQL, then redoing the batch')
          await waitForDatabase(o.databaseUrl, Number.MAX_SAFE_INTEGER)
          state = await loadState(o.databaseUrl, o.networks)
          log.info({ chain: o.chain.id, from: next }, 'database reachable again; redoing the batch')
          continue
        }
        // nothing of the batch is committed, but the handler state in memory may have moved on: reload it first
        state = await loadState(o.databaseUrl, o.networks)
        throw e
      }
      head = { ...head, height: to, hash: nextHash }
      cursor = out.cursor ?? cursor
      if (out.quarantined.length) log.warn({ count: out.quarantined.length, first: out.quarantined[0].reason }, 'events quarantined')
      log.debug({ from: next, to, facts: out.facts.length }, 'batch committed')
      o.onCommit?.(to)
      next = to + 1
    }
  } finally {
    process.off('SIGTERM', stop)
    process.off('SIGINT', stop)
    await db.disconnect()
  }
  log.info({ chain: o.chain.id, height: head.height }, stopping ? 'source stopped' : 'source reached its end block')
}
