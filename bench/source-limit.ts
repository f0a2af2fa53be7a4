/**
 * The source limit of the ingest benchmark: raw download of the ranges the indexers read, over each chain's own RPC,
 * no decoding (beyond the HTTP client's JSON parse), no writes; chains side by side, as the indexers run.
 *  - EVM: eth_getLogs of the watched addresses in 2000-block windows, narrower on dense chains so that an answer
 *    holds about MAX_LOGS_PER_REQUEST logs (public providers cap eth_getLogs at 10,000 results; one 2000-block answer
 *    of a 10 M-event dataset would hold a whole chain's 1.3 M logs, which the node builds in memory);
 *  - Filecoin (Lotus): Filecoin.GetActorEventsRaw with the source's `$type` filter in 2880-epoch windows (the
 *    indexer's batch; the deal lookups and state samples it also reads are not part of it);
 *  - Akash (CometBFT): `block` and `block_results` of every height, 5 heights per JSON-RPC batch, 8 batches in
 *    flight (what the CometBFT source fetches);
 *  - Helium (Solana): getBlocks of the range, then getBlock (encoding json, full transactions) of every slot with a
 *    block, 8 in flight (what the Solana source fetches).
 */
import pRetry, { AbortError } from 'p-retry'
import { isCometbft, isLotus, isSolana, networks, type ChainDef } from '../indexer/registry'
import { typeFilterValue } from '../indexer/sources/lotus/decode'
import { Rpc, RpcError } from '../devnet/rpc'
import type { ChainData, Dataset, SourceChainData } from './dataset'
import { round, seconds } from './measure'

/** eth_getLogs window of the EVM source-limit reading */
export const SOURCE_WINDOW = 2000
/** logs an eth_getLogs answer of the source-limit reading aims at (the window shrinks with the chain's density) */
export const MAX_LOGS_PER_REQUEST = 10_000

/** blocks per eth_getLogs request: SOURCE_WINDOW, or fewer so that a request returns about MAX_LOGS_PER_REQUEST logs */
export function sourceWindow(logs: number, blocks: number): number {
  return Math.max(1, Math.min(SOURCE_WINDOW, Math.floor((MAX_LOGS_PER_REQUEST * blocks) / Math.max(1, logs))))
}
/** Lotus: epochs per GetActorEventsRaw (the Lotus source's devnet batch; Lotus's MaxFilterHeightRange) */
const LOTUS_WINDOW = 2880
const COMETBFT_HEIGHTS_PER_REQUEST = 5
const CONCURRENCY = 8
const SOLANA_GET_BLOCKS_RANGE = 500_000

/** Chain families: the four EVM chains (Subsquid processor) and the non-EVM sources of indexer/sources. */
export type ChainFamily = 'evm' | 'lotus' | 'cometbft' | 'solana'
export const FAMILY_LABELS: Record<ChainFamily, string> = { evm: 'EVM (4 chains)', lotus: 'Filecoin (Lotus)', cometbft: 'Akash (CometBFT)', solana: 'Helium (Solana)' }
export const familyOf = (c: ChainDef): ChainFamily => (isLotus(c) ? 'lotus' : isCometbft(c) ? 'cometbft' : isSolana(c) ? 'solana' : 'evm')

export interface ChainSourceResult {
  chain: string
  family: ChainFamily
  /** from the start of the reading (all chains together) to this chain's last answer */
  seconds: number
  requests: number
  /** EVM logs, Filecoin actor events, Akash blocks (block + results), Solana blocks */
  items: number
  bytes: number
  /** EVM: blocks per eth_getLogs request */
  window?: number
}

/**
 * A request again when its connection failed (a keep-alive connection the server closed as it was reused: the
 * devnet servers share the bench process's event loop, so idle gaps can pass their keep-alive timeout); a JSON-RPC
 * error answer is final.
 */
const retried = <T>(f: () => Promise<T>) => pRetry(f, { retries: 3, minTimeout: 100 })

function post(url: string, body: unknown): Promise<{ json: any; bytes: number }> {
  return retried(async () => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const text = await res.text()
    const json = JSON.parse(text)
    const errors = (Array.isArray(json) ? json : [json]).filter((r: any) => r?.error)
    if (errors.length) throw new AbortError(`${url}: ${JSON.stringify(errors[0].error)}`)
    return { json, bytes: Buffer.byteLength(text) }
  })
}

/** Runs `f` for every item of `xs` with at most `n` in flight. */
async function each<T>(xs: T[], n: number, f: (x: T) => Promise<void>): Promise<void> {
  let next = 0
  await Promise.all(Array.from({ length: Math.min(n, xs.length) }, async () => {
    while (next < xs.length) await f(xs[next++])
  }))
}

async function evmSource(c: ChainData) {
  const rpc = new Rpc(c.httpUrl)
  let items = 0
  let requests = 0
  const window = sourceWindow(c.logs, c.head + 1)
  for (let from = 0; from <= c.head; from += window) {
    const params = [{ fromBlock: '0x' + from.toString(16), toBlock: '0x' + Math.min(c.head, from + window - 1).toString(16), address: c.addresses }]
    const r = await retried(() => rpc.call<unknown[]>('eth_getLogs', params).catch((e) => {
      throw e instanceof RpcError ? new AbortError(e) : e
    }))
    items += r.length
    requests++
  }
  return { items, requests, bytes: 0, window }
}

async function lotusSource(c: SourceChainData) {
  const types = networks.filter((n) => n.chain.chainId === c.chain.chainId && n.lotus).flatMap((n) => n.lotus!.events.map((e) => typeFilterValue(e.type)))
  let items = 0
  let requests = 0
  let bytes = 0
  for (let from = c.start; from <= c.head; from += LOTUS_WINDOW) {
    const to = Math.min(c.head, from + LOTUS_WINDOW - 1)
    const r = await post(c.url, { jsonrpc: '2.0', id: ++requests, method: 'Filecoin.GetActorEventsRaw', params: [{ fromHeight: from, toHeight: to, fields: { $type: types } }] })
    items += (r.json.result ?? []).length
    bytes += r.bytes
  }
  return { items, requests, bytes }
}

async function cometbftSource(c: SourceChainData) {
  const chunks: number[][] = []
  for (let h = c.start; h <= c.head; h += COMETBFT_HEIGHTS_PER_REQUEST) chunks.push(Array.from({ length: Math.min(COMETBFT_HEIGHTS_PER_REQUEST, c.head - h + 1) }, (_, i) => h + i))
  let items = 0
  let bytes = 0
  let id = 0
  await each(chunks, CONCURRENCY, async (hs) => {
    const r = await post(c.url, hs.flatMap((h) => [
      { jsonrpc: '2.0', id: ++id, method: 'block', params: { height: String(h) } },
      { jsonrpc: '2.0', id: ++id, method: 'block_results', params: { height: String(h) } },
    ]))
    items += r.json.length / 2
    bytes += r.bytes
  })
  return { items, requests: chunks.length, bytes }
}

async function solanaSource(c: SourceChainData) {
  const slots: number[] = []
  let requests = 0
  let bytes = 0
  for (let s = c.start; s <= c.head; s += SOLANA_GET_BLOCKS_RANGE) {
    const r = await post(c.url, { jsonrpc: '2.0', id: ++requests, method: 'getBlocks', params: [s, Math.min(c.head, s + SOLANA_GET_BLOCKS_RANGE - 1), { commitment: 'finalized' }] })
    slots.push(...r.json.result)
    bytes += r.bytes
  }
  await each(slots, CONCURRENCY, async (slot) => {
    const r = await post(c.url, { jsonrpc: '2.0', id: ++requests, method: 'getBlock', params: [slot, { commitment: 'finalized', encoding: 'json', transactionDetails: 'full', maxSupportedTransactionVersion: 0, rewards: false }] })
    bytes += r.bytes
  })
  return { items: slots.length, requests, bytes }
}

/** Raw download of every chain's range, chains side by side; per chain the time from the common start to its end. */
export async function sourceLimitPerChain(ds: Dataset): Promise<{ seconds: number; perChain: ChainSourceResult[] }> {
  const t0 = process.hrtime.bigint()
  const done = (chain: ChainDef) => (r: { items: number; requests: number; bytes: number; window?: number }): ChainSourceResult => ({ chain: chain.id, family: familyOf(chain), seconds: round(seconds(t0), 3), ...r })
  const perChain = await Promise.all([
    ...ds.chains.map((c) => evmSource(c).then(done(c.chain))),
    ...ds.sourceChains.map((c) => (c.kind === 'lotus' ? lotusSource(c) : c.kind === 'cometbft' ? cometbftSource(c) : solanaSource(c)).then(done(c.chain))),
  ])
  return { seconds: seconds(t0), perChain }
}
