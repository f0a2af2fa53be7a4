/**
 * A Lotus-compatible JSON-RPC server for the devnet: JSON-RPC 2.0 over HTTP POST at /rpc/v1, only the methods the
 * Lotus source calls, answering from the Filecoin simulation in Lotus's wire format (build/openrpc/full.json shapes;
 * actor event entries CBOR-encoded, base64 in JSON). Errors are JSON-RPC errors, as Lotus returns them.
 */
import { componentLogger } from '../../common/logger'
import { REWARD_ACTOR } from '../../indexer/registry/filecoin'
import { fakeCid, FilecoinSim, type SimEvent } from './sim'
import { RpcFailure, serveJsonRpc } from '../jsonrpc-server'

const log = componentLogger('devnet-lotus')

export interface LotusDevnet {
  url: string
  port: number
  sim: FilecoinSim
  /** current head epoch */
  head(): number
  stop(): Promise<void>
}

/** Lotus answers a failed call with code 1 and the error's text */
const lotusError = (message: string) => new RpcFailure(message, 1)

interface FilterJson {
  fromHeight?: number
  toHeight?: number
  addresses?: string[]
  /** ActorEventBlock's JSON tags are lowercase (codec, value); Go's decoder matches keys case-insensitively */
  fields?: Record<string, Record<string, unknown>[]>
  tipsetKey?: { '/': string }[]
}

/**
 * One value of a filter's fields, as Go's encoding/json decodes it into ActorEventBlock{Codec `json:"codec"`, Value
 * `json:"value"`}: keys matched case-insensitively (exact tag preferred), Value base64.
 */
function eventBlock(v: Record<string, unknown>): { Codec: number; Value: string } {
  const field = (tag: string) => (Object.hasOwn(v ?? {}, tag) ? v[tag] : Object.entries(v ?? {}).find(([k]) => k.toLowerCase() === tag)?.[1])
  const codec = field('codec')
  const value = field('value')
  if (typeof codec !== 'number' || !Number.isInteger(codec) || codec < 0) throw lotusError(`json: cannot unmarshal ${JSON.stringify(codec)} into Go struct field ActorEventBlock.codec of type uint64`)
  if (typeof value !== 'string') throw lotusError(`json: cannot unmarshal ${JSON.stringify(value)} into Go struct field ActorEventBlock.value of type []uint8`)
  return { Codec: codec, Value: value }
}

/** Lotus's default limit on a filter's height range (MaxFilterHeightRange) */
const MAX_FILTER_HEIGHT_RANGE = 2880

export async function startLotusDevnet(o: { port: number; host?: string; seed: number; genesis: number; now: () => number; density?: number }): Promise<LotusDevnet> {
  const sim = new FilecoinSim(o.seed, o.genesis, o.density ?? 1)
  const cidHeights = new Map<string, number>()
  const head = () => Math.floor((o.now() - sim.epochTime(0)) / 30)
  const tipset = (height: number) => {
    const cid = sim.tipsetCid(height)
    cidHeights.set(cid, height)
    return {
      Cids: [{ '/': cid }],
      Blocks: [{ Miner: 'f01000', Height: height, Timestamp: sim.epochTime(height), ParentBaseFee: '100', ParentStateRoot: { '/': fakeCid(`state:${height}`).toString() }, ParentWeight: String(height), Parents: [{ '/': sim.tipsetCid(height - 1) }], WinCount: 1, ForkSignaling: 0, ParentMessageReceipts: { '/': fakeCid(`rcpt:${height}`).toString() }, Messages: { '/': fakeCid(`msgs:${height}`).toString() } }],
      Height: height,
    }
  }
  const checkHeight = (h: number) => {
    if (!Number.isInteger(h)) throw lotusError(`invalid epoch ${JSON.stringify(h)}`)
    if (h > head()) throw lotusError(`looking for tipset with height greater than start point (${h} > ${head()})`)
    if (h < sim.firstEpoch) throw lotusError(`epoch ${h} is before the first state this node holds (${sim.firstEpoch}): lookback limit`)
    return h
  }
  const heightOf = (tsk: unknown): number => {
    if (!Array.isArray(tsk) || tsk.length === 0) return head()
    const h = cidHeights.get(tsk[0]?.['/'])
    if (h == null) throw lotusError(`loading tipset ${JSON.stringify(tsk)}: not found`)
    return h
  }
  const eventJson = (e: SimEvent) => ({
    entries: e.entries, emitter: e.emitter, reverted: false, height: e.height, tipsetKey: tipset(e.height).Cids, msgCid: { '/': e.msgCid },
  })
  const methods: Record<string, (params: any[]) => unknown> = {
    'Filecoin.ChainHead': () => tipset(head()),
    'Filecoin.ChainGetTipSetByHeight': ([h]) => tipset(checkHeight(h)),
    // the tipset at `h` or, when `h` is a null round, the first one after it (the devnet has no null rounds)
    'Filecoin.ChainGetTipSetAfterHeight': ([h]) => tipset(checkHeight(h)),
    'Filecoin.StateNetworkName': () => 'mainnet',
    'Filecoin.GetActorEventsRaw': ([f]: FilterJson[]) => {
      if (f?.tipsetKey && (f.fromHeight != null || f.toHeight != null)) throw lotusError('cannot specify both TipSetKey and FromHeight/ToHeight')
      const from = f?.tipsetKey ? heightOf(f.tipsetKey) : checkHeight(f?.fromHeight ?? head())
      const to = f?.tipsetKey ? from : checkHeight(f?.toHeight ?? head())
      if (to < from) throw lotusError('from height must be less than or equal to to height')
      if (to - from > MAX_FILTER_HEIGHT_RANGE) throw lotusError(`filter height range exceeds the maximum of ${MAX_FILTER_HEIGHT_RANGE}`)
      const addresses = f?.addresses?.length ? new Set(f.addresses) : undefined
      const fields = Object.entries(f?.fields ?? {}).map(([key, values]) => [key, values.map(eventBlock)] as const)
      return sim.eventsIn(from, to)
        .filter((e) => !addresses || addresses.has(e.emitter))
        .filter((e) => fields.every(([key, values]) => e.entries.some((x) => x.Key === key && (values.length === 0 || values.some((v) => v.Codec === x.Codec && v.Value === x.Value)))))
        .map(eventJson)
    },
    'Filecoin.StateMarketStorageDeal': ([id, tsk]) => {
      const h = heightOf(tsk)
      const d = sim.deal(Number(id), h)
      if (!d) throw lotusError(`deal ${id} not found`)
      return {
        Proposal: {
          PieceCID: { '/': d.pieceCid }, PieceSize: Number(d.pieceSize), VerifiedDeal: d.verified, Client: `f0${d.client}`, Provider: `f0${d.provider}`,
          Label: d.label, StartEpoch: d.start, EndEpoch: d.end, StoragePricePerEpoch: d.price.toString(),
          ProviderCollateral: d.providerCollateral.toString(), ClientCollateral: d.clientCollateral.toString(),
        },
        State: { SectorNumber: 0, SectorStartEpoch: d.activation <= h ? d.activation : -1, LastUpdatedEpoch: -1, SlashEpoch: -1 },
      }
    },
    'Filecoin.StateMinerPower': ([, tsk]) => {
      const s = sim.state(heightOf(tsk))
      return {
        MinerPower: { RawBytePower: '0', QualityAdjPower: '0' },
        TotalPower: { RawBytePower: s.rawBytePower.toString(), QualityAdjPower: s.qualityAdjPower.toString() }, HasMinPower: false,
      }
    },
    'Filecoin.StateVMCirculatingSupplyInternal': ([tsk]) => {
      const s = sim.state(heightOf(tsk))
      return {
        FilVested: s.filVested.toString(), FilMined: s.filMined.toString(), FilBurnt: s.filBurnt.toString(), FilLocked: s.filLocked.toString(),
        FilCirculating: s.filCirculating.toString(), FilReserveDisbursed: s.filReserveDisbursed.toString(),
      }
    },
    'Filecoin.StateCirculatingSupply': ([tsk]) => sim.state(heightOf(tsk)).filCirculating.toString(),
    'Filecoin.StateReadState': ([actor, tsk]) => {
      if (actor !== REWARD_ACTOR) throw lotusError(`the devnet serves only the reward actor's state (${REWARD_ACTOR}), not ${actor}`)
      const s = sim.state(heightOf(tsk))
      return {
        Balance: '0', Code: { '/': fakeCid('reward-actor-code').toString() },
        State: { ThisEpochReward: s.thisEpochReward.toString(), TotalStoragePowerReward: s.totalStoragePowerReward.toString(), Epoch: heightOf(tsk) },
      }
    },
  }
  const { port, stop } = await serveJsonRpc({
    port: o.port, host: o.host, defaultId: null, emptyResult: null,
    refuse: (req) => (req.method !== 'POST' || !req.url?.startsWith('/rpc/v') ? 404 : undefined),
    has: (m) => Object.hasOwn(methods, m),
    notFound: (m) => ({ code: -32601, message: `method '${m}' not found` }),
    call: (m, params) => methods[m](Array.isArray(params) ? params : []),
    internalError: (e) => ({ code: -32603, message: (e as Error).message }),
    parseError: { code: -32700, message: 'parse error' },
  })
  const url = `http://127.0.0.1:${port}/rpc/v1`
  log.info({ url, firstEpoch: sim.firstEpoch, head: head() }, 'Lotus devnet up')
  return {
    url, port, sim, head,
    stop,
  }
}
