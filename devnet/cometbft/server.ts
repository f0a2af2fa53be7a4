/**
 * The devnet's Akash chain: blocks from the Akash model, kept in memory and served by an HTTP server that speaks
 * CometBFT's RPC (GET /status, /block?height=N, /block_results?height=N, /blockchain?minHeight=&maxHeight= and
 * JSON-RPC POST, single or batch) in the JSON shape of a real Akash node: before the upgrade height the v0.38 node's
 * (Cosmos SDK 0.45, Tendermint 0.34: begin/end_block_events, attribute keys and values base64), from it the v1
 * node's (Cosmos SDK 0.50, CometBFT 0.38: finalize_block_events, attributes as plain strings). History is produced at `historyBlockSeconds` spacing from genesis; live blocks
 * get the wall-clock time. Block times are journaled, so a restart rebuilds identical blocks (same hashes).
 */
import { createHash } from 'node:crypto'
import { appendFileSync, existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { QueryParamsRequest as ParamsQueryRequest, QueryParamsResponse as ParamsQueryResponse } from 'cosmjs-types/cosmos/params/v1beta1/query'
import { Take_QueryParamsResponse } from '@akashnetwork/chain-sdk/private-types/akash.v1'
import { QuerySupplyOfRequest, QuerySupplyOfResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query'
import { AkashModel, type SimBlock, type SimTx } from './akash-model'
import { serveJsonRpc, type JsonRpcServer } from '../jsonrpc-server'

export interface CometbftDevnetOptions {
  port: number
  chainId: string
  seed: number
  /** genesis time, unix seconds */
  genesis: number
  stateDir: string
  historyBlockSeconds: number
  /** journal / genesis file key */
  key: number
  /** first height of the v1 node (typed akash.*.v1 events, chain-sdk messages, CometBFT 0.38 finalize_block_events); null: never */
  upgradeHeight?: number | null
  /** first height of node v2 (new deployments priced in uact, x/take removed: its query unanswered); null: never */
  v2Height?: number | null
  /** block whose end block passes a governance proposal changing the x/take parameters; null: never */
  takeChangeHeight?: number | null
  /** SIM_DENSITY: the model's activity x density (benchmarks); default 1 */
  density?: number
}

/**
 * A produced block. Its ABCI events are kept as their JSON text (`events`), read back when the block's results are
 * served: a 10 M-event benchmark chain (650 k transactions) took ~3 GB of heap as objects. The transactions are
 * kept as they are (one base64 string each).
 */
interface StoredBlock {
  sim: Pick<SimBlock, 'height' | 'time' | 'v1' | 'v2' | 'supply'> & { txs: string[] }
  /** JSON of BlockEvents */
  events: string
  hash: string
  lastHash: string
  /** the model's chain events of the indexed kinds up to and including this block (AkashModel.chainEvents) */
  chainEvents: number
}

/** a block's ABCI events: each transaction's, then begin and end block's */
interface BlockEvents {
  txs: SimTx['events'][]
  /** each transaction's result where it failed (code, codespace, log), else {} */
  results: Pick<SimTx, 'code' | 'codespace' | 'log'>[]
  beginEvents: SimBlock['beginEvents']
  endEvents: SimBlock['endEvents']
}

const base64 = (s: string) => Buffer.from(s, 'utf8').toString('base64')
const hex = (b: Buffer | string) => createHash('sha256').update(b).digest('hex').toUpperCase()

export class CometbftDevnet {
  private model: AkashModel
  private blocks: StoredBlock[] = []
  private rpc?: JsonRpcServer
  private journal: string
  readonly httpUrl: string
  txs = 0

  constructor(private readonly o: CometbftDevnetOptions) {
    this.model = new AkashModel(o.seed, o.historyBlockSeconds, o.upgradeHeight ?? null, o.takeChangeHeight ?? null, o.density ?? 1, o.v2Height ?? null)
    this.journal = join(o.stateDir, `journal-${o.key}.txt`)
    this.httpUrl = `http://127.0.0.1:${o.port}`
  }

  get height() {
    return this.blocks.length
  }

  /** chain events of the kinds the indexer reads (mint, deployment / market / provider, escrow payouts, deposits) in blocks 1..h */
  chainEventsThrough(h: number): number {
    return h <= 0 ? 0 : this.blocks[Math.min(h, this.blocks.length) - 1].chainEvents
  }

  private produce(time: number): StoredBlock {
    const height = this.blocks.length + 1
    const sim = this.model.block(height, time)
    const lastHash = this.blocks[height - 2]?.hash ?? ''
    const txs = sim.txs.map((t) => t.tx)
    const hash = hex(JSON.stringify([this.o.chainId, height, time, lastHash, txs]))
    const b: StoredBlock = {
      sim: { height: sim.height, time: sim.time, v1: sim.v1, v2: sim.v2, supply: sim.supply, txs },
      events: JSON.stringify({ txs: sim.txs.map((t) => t.events), results: sim.txs.map((t) => (t.code ? { code: t.code, codespace: t.codespace, log: t.log } : {})), beginEvents: sim.beginEvents, endEvents: sim.endEvents } satisfies BlockEvents),
      hash, lastHash, chainEvents: this.model.chainEvents,
    }
    this.blocks.push(b)
    this.txs += sim.txs.length
    return b
  }

  /** Rebuilds the blocks of earlier runs from the journal (live block times), then history up to `now`. */
  catchUp(now: number): void {
    const times = existsSync(this.journal) ? readFileSync(this.journal, 'utf8').split('\n').filter(Boolean).map(Number) : []
    for (const t of times) this.produce(t)
    const next = () => (this.blocks.length ? this.blocks[this.blocks.length - 1].sim.time : this.o.genesis) + this.o.historyBlockSeconds
    while (next() <= now) this.mine(next())
  }

  /** Produces one block at `time` (unix seconds; at least one second after the last) and journals it. */
  mine(time: number): void {
    const last = this.blocks[this.blocks.length - 1]?.sim.time ?? this.o.genesis
    const t = Math.max(time, last + 1)
    this.produce(t)
    appendFileSync(this.journal, `${t}\n`)
  }

  private blockJson(h: number) {
    const b = this.blocks[h - 1]
    const time = new Date(b.sim.time * 1000).toISOString().replace('.000Z', '.000000000Z')
    return {
      block_id: { hash: b.hash, parts: { total: 1, hash: hex(`${b.hash}:parts`) } },
      block: {
        header: {
          version: { block: '11', app: '0' },
          chain_id: this.o.chainId,
          height: String(h),
          time,
          last_block_id: { hash: b.lastHash, parts: { total: b.lastHash ? 1 : 0, hash: b.lastHash ? hex(`${b.lastHash}:parts`) : '' } },
          last_commit_hash: hex(`${h}:commit`),
          data_hash: hex(b.sim.txs.join('')),
          validators_hash: hex('validators'),
          next_validators_hash: hex('validators'),
          consensus_hash: hex('consensus'),
          app_hash: hex(`${h}:app`),
          last_results_hash: hex(`${h}:results`),
          evidence_hash: hex(''),
          proposer_address: hex('proposer').slice(0, 40),
        },
        data: { txs: b.sim.txs },
        evidence: { evidence: [] },
        last_commit: { height: String(Math.max(0, h - 1)), round: 0, block_id: { hash: b.lastHash, parts: { total: 1, hash: '' } }, signatures: [] },
      },
    }
  }

  private resultsJson(h: number) {
    const b = this.blocks[h - 1]
    const body = JSON.parse(b.events) as BlockEvents
    const txsResults = body.txs.map((events, i) => ({ code: body.results[i]?.code ?? 0, data: '', log: body.results[i]?.log ?? '', info: '', gas_wanted: '200000', gas_used: '120000', events, codespace: body.results[i]?.codespace ?? '' }))
    if (b.sim.v1) {
      // CometBFT 0.38 (v1 node, Cosmos SDK 0.50): one finalize_block_events list, the SDK marks each with its phase
      const mode = (e: (typeof body.beginEvents)[number], m: string) => ({ ...e, attributes: [...e.attributes, { key: 'mode', value: m, index: true }] })
      return {
        height: String(h), txs_results: txsResults,
        finalize_block_events: [...body.beginEvents.map((e) => mode(e, 'BeginBlock')), ...body.endEvents.map((e) => mode(e, 'EndBlock'))],
        validator_updates: [], consensus_param_updates: null, app_hash: hex(`${h}:app`),
      }
    }
    // Tendermint 0.34 (node v0.38, Cosmos SDK 0.45): attribute keys and values are []byte, base64 in JSON
    const b64 = (events: SimBlock['beginEvents']) => events.map((e) => ({ ...e, attributes: e.attributes.map((a) => ({ key: base64(a.key), value: base64(a.value), index: a.index })) }))
    return {
      height: String(h),
      txs_results: txsResults.map((t) => ({ ...t, events: b64(t.events) })),
      begin_block_events: b64(body.beginEvents),
      end_block_events: b64(body.endEvents),
      validator_updates: null,
      consensus_param_updates: null,
    }
  }

  /**
   * abci_query of the application state after block `h`, in the protobuf encoding of the node of that height: the
   * v1 node answers `/akash.take.v1.Query/Params`; the v0.38 node keeps take's parameters in the x/params
   * subspace `take` (`/cosmos.params.v1beta1.Query/Params`, values as amino JSON); node v2 has no x/take (code 6). Both answer x/bank's
   * `/cosmos.bank.v1beta1.Query/SupplyOf`. Anything else: code 6.
   */
  private abciQuery(path: string, dataHex: string, h: number) {
    const p = this.model.takeParams(h)
    const v1node = this.blocks[h - 1].sim.v1
    let value: Uint8Array | null = null
    if (path === '/cosmos.bank.v1beta1.Query/SupplyOf') {
      const { denom } = QuerySupplyOfRequest.decode(Buffer.from(dataHex.replace(/^0x/i, ''), 'hex'))
      value = QuerySupplyOfResponse.encode({ amount: { denom, amount: denom === 'uakt' ? this.blocks[h - 1].sim.supply.toString() : '0' } }).finish()
    } else if (v1node && !this.blocks[h - 1].sim.v2 && path === '/akash.take.v1.Query/Params') {
      value = Take_QueryParamsResponse.encode(Take_QueryParamsResponse.fromPartial({
        params: { denomTakeRates: Object.entries(p.denomRates).map(([denom, rate]) => ({ denom, rate })), defaultTakeRate: p.defaultRate },
      })).finish()
    } else if (!v1node && path === '/cosmos.params.v1beta1.Query/Params') {
      const req = ParamsQueryRequest.decode(Buffer.from(dataHex.replace(/^0x/i, ''), 'hex'))
      const json = req.subspace !== 'take' ? null : req.key === 'DefaultTakeRate' ? JSON.stringify(p.defaultRate) : req.key === 'DenomTakeRates' ? JSON.stringify(Object.entries(p.denomRates).map(([denom, rate]) => ({ denom, rate }))) : null
      if (json == null) return { response: { code: 18, log: `parameter ${req.key} not registered in subspace ${req.subspace}: invalid request`, info: '', index: '0', key: null, value: null, proofOps: null, height: String(h), codespace: 'sdk' } }
      value = ParamsQueryResponse.encode({ param: { subspace: req.subspace, key: req.key, value: json } }).finish()
    }
    if (!value) return { response: { code: 6, log: `unknown query path: ${path}`, info: '', index: '0', key: null, value: null, proofOps: null, height: String(h), codespace: 'sdk' } }
    return { response: { code: 0, log: '', info: '', index: '0', key: null, value: Buffer.from(value).toString('base64'), proofOps: null, height: String(h), codespace: '' } }
  }

  /** Answers one JSON-RPC method like a CometBFT node; throws { code, message, data } on bad input. */
  handle(method: string, params: Record<string, unknown>): unknown {
    const latest = this.blocks.length
    const heightParam = (v: unknown) => {
      if (v == null || v === '') return latest
      const h = Number(v)
      if (!Number.isInteger(h) || h <= 0) throw { code: -32603, message: 'Internal error', data: `height must be greater than 0, but got ${v}` }
      if (h > latest) throw { code: -32603, message: 'Internal error', data: `height ${h} must be less than or equal to the current blockchain height ${latest}` }
      return h
    }
    switch (method) {
      case 'status': {
        const b = this.blocks[latest - 1]
        return {
          node_info: { network: this.o.chainId, version: b?.sim.v2 ? '0.38.21' : b?.sim.v1 ? '0.38.17' : '0.34.27', moniker: 'depin-index-devnet' },
          sync_info: {
            latest_block_hash: b?.hash ?? '', latest_block_height: String(latest), latest_block_time: b ? new Date(b.sim.time * 1000).toISOString() : '',
            earliest_block_height: latest ? '1' : '0', earliest_block_hash: this.blocks[0]?.hash ?? '', catching_up: false,
          },
          validator_info: { address: hex('proposer').slice(0, 40), voting_power: '100' },
        }
      }
      case 'abci_query':
        return this.abciQuery(String(params.path ?? ''), String(params.data ?? ''), heightParam(params.height))
      case 'block':
        return this.blockJson(heightParam(params.height))
      case 'block_results':
        return this.resultsJson(heightParam(params.height))
      case 'blockchain': {
        const max = Math.min(heightParam(params.maxHeight), latest)
        const min = Math.max(1, Number(params.minHeight ?? 1) || 1, max - 19)
        const metas = []
        for (let h = max; h >= min; h--) {
          const j = this.blockJson(h)
          metas.push({ block_id: j.block_id, block_size: '0', header: j.block.header, num_txs: String(this.blocks[h - 1].sim.txs.length) })
        }
        return { last_height: String(latest), block_metas: metas }
      }
      default:
        throw { code: -32601, message: 'Method not found', data: '' }
    }
  }

  async listen(): Promise<void> {
    this.rpc = await serveJsonRpc({
      port: this.o.port, defaultId: -1,
      call: (method, params) => this.handle(method, (params ?? {}) as Record<string, unknown>),
      internalError: (e) => {
        const err = e as { code?: number; message?: string; data?: string }
        return { code: err.code ?? -32603, message: err.message ?? 'Internal error', data: err.data ?? '' }
      },
      parseError: { code: -32700, message: 'Parse error', data: 'invalid JSON' },
      // CometBFT's URI form: GET /block?height=5
      getCall: (u) => ({ method: u.pathname.replace(/^\//, ''), params: Object.fromEntries([...u.searchParams.entries()].map(([k, v]) => [k, v.replace(/^"|"$/g, '')])) }),
    })
  }

  async stop(): Promise<void> {
    await this.rpc?.stop()
  }
}
