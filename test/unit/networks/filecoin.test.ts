/**
 * Filecoin: wire-format decoding of each built-in actor event kind from hand-built CBOR bytes (layouts of
 * builtin-actors actors/market/src/emit.rs and actors/miner/src/emit.rs: `$type` then the fields, flags 0x03 for
 * field_indexed and 0x01 for field, codec 0x51), the facts each yields, and the state-sample rules.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { handleLotusBatch, SAMPLE_LOG_INDEX, type LotusEventInput } from '../../../indexer/handlers/lotus'
import { StateCache } from '../../../indexer/handlers/state'
import { FactKind } from '../../../indexer/model'
import type { LotusDeal, LotusStateSample } from '../../../indexer/registry'
import { filecoin as filecoinChain } from '../../../indexer/registry/chains'
import { filecoin } from '../../../indexer/registry/filecoin'
import { startLotusDevnet, type LotusDevnet } from '../../../devnet/lotus/server'
import { LotusClient } from '../../../indexer/sources/lotus/client'
import { createLotusSource } from '../../../indexer/sources/lotus/source'
import { freePort } from '../../helpers/ports'
import { decodeActorEvent, decodeEntryValue, decodeMarketDeal, typeFilterValue, type ActorEventJson, type MarketDealJson } from '../../../indexer/sources/lotus/decode'

// CBOR by hand (RFC 8949): text string major type 3, unsigned int major type 0, tag 42 (CID) + byte string, null 0xf6
const text = (s: string) => {
  const b = Buffer.from(s, 'utf8')
  if (b.length >= 24) return Buffer.concat([Buffer.from([0x78, b.length]), b])
  return Buffer.concat([Buffer.from([0x60 + b.length]), b])
}
const uint = (n: number) => {
  if (n < 24) return Buffer.from([n])
  if (n < 256) return Buffer.from([0x18, n])
  if (n < 65536) return Buffer.from([0x19, n >> 8, n & 255])
  const b = Buffer.alloc(5)
  b[0] = 0x1a
  b.writeUInt32BE(n, 1)
  return b
}
// a CID v1 (dag-cbor 0x71, sha2-256 0x12, 32 bytes) as DAG-CBOR encodes it: tag 42, bytes with a 0x00 prefix
const CID_BYTES = Buffer.concat([Buffer.from([0x01, 0x71, 0x12, 0x20]), Buffer.alloc(32, 7)])
const cid = () => Buffer.concat([Buffer.from([0xd8, 0x2a, 0x58, CID_BYTES.length + 1, 0x00]), CID_BYTES])
const b64 = (b: Buffer) => b.toString('base64')
const e = (Key: string, value: Buffer, Flags = 3) => ({ Flags, Key, Codec: 0x51, Value: b64(value) })

const raw = (height: number, emitter: string, entries: ReturnType<typeof e>[]): ActorEventJson => ({
  entries, emitter, reverted: false, height, tipsetKey: [{ '/': `bafy-ts-${height}` }], msgCid: { '/': `bafy-msg-${height}` },
})
const time = (h: number) => (1_598_306_400 + h * 30) * 1000
const dealEvent = (type: string, height: number, id: number, client: number, provider: number) =>
  raw(height, 'f05', [e('$type', text(type)), e('id', uint(id)), e('client', uint(client)), e('provider', uint(provider))])

describe('Filecoin actor event wire format', () => {
  it('decodes the four market deal events: $type, id, client, provider', () => {
    for (const type of ['deal-published', 'deal-activated', 'deal-terminated', 'deal-completed']) {
      const ev = decodeActorEvent(dealEvent(type, 5_400_000, 84_000_123, 2_100_000, 1_234_567), 0, time)
      expect(ev.type).toBe(type)
      expect(ev.fields).toEqual({ id: [84_000_123], client: [2_100_000], provider: [1_234_567] })
      expect(ev.emitter).toBe('f05')
      expect(ev.timestamp).toBe(time(5_400_000))
    }
  })

  it('decodes sector-activated with its unsealed CID and repeated piece-cid / piece-size entries', () => {
    const ev = decodeActorEvent(raw(10, 'f01234', [
      e('$type', text('sector-activated')), e('sector', uint(4242)), e('unsealed-cid', cid()),
      e('piece-cid', cid()), e('piece-size', uint(2048), 1), e('piece-cid', cid()), e('piece-size', uint(65536), 1),
    ]), 3, time)
    expect(ev.type).toBe('sector-activated')
    expect(ev.index).toBe(3)
    expect(ev.fields.sector).toEqual([4242])
    // base32 multibase of the CID bytes: 'b' + RFC 4648 base32 lower-case without padding
    const base32 = (b: Buffer) => {
      const abc = 'abcdefghijklmnopqrstuvwxyz234567'
      let bits = 0, v = 0, s = ''
      for (const x of b) {
        v = (v << 8) | x
        bits += 8
        while (bits >= 5) s += abc[(v >>> (bits -= 5)) & 31]
      }
      return bits ? s + abc[(v << (5 - bits)) & 31] : s
    }
    expect(ev.fields['unsealed-cid']).toEqual(['b' + base32(CID_BYTES)])
    expect(ev.fields['piece-cid']).toHaveLength(2)
    expect(ev.fields['piece-size']).toEqual([2048, 65536])
    expect(ev.fields['piece-cid']).toEqual(['b' + base32(CID_BYTES), 'b' + base32(CID_BYTES)])
    // an unsealed CID may be null (no data): CBOR null
    const empty = decodeActorEvent(raw(10, 'f01234', [e('$type', text('sector-activated')), e('sector', uint(1)), e('unsealed-cid', Buffer.from([0xf6]))]), 0, time)
    expect(empty.fields['unsealed-cid']).toEqual([null])
  })

  it('decodes sector-terminated', () => {
    const ev = decodeActorEvent(raw(11, 'f01234', [e('$type', text('sector-terminated')), e('sector', uint(77))]), 0, time)
    expect(ev).toMatchObject({ type: 'sector-terminated', fields: { sector: [77] }, emitter: 'f01234' })
  })

  it('rejects a non-CBOR codec, bad CBOR and a missing $type', () => {
    expect(() => decodeEntryValue({ Flags: 3, Key: 'id', Codec: 0x55, Value: b64(uint(1)) })).toThrow(/codec 0x55 is not IPLD CBOR/)
    expect(() => decodeEntryValue({ Flags: 3, Key: 'id', Codec: 0x51, Value: b64(Buffer.from([0x1a, 0x00])) })).toThrow(/bad CBOR/)
    expect(() => decodeActorEvent(raw(1, 'f05', [e('id', uint(1))]), 0, time)).toThrow(/\$type/)
  })

  it('builds the $type filter value as Lotus expects it (ActorEventBlock JSON tags codec / value: 0x51, CBOR text, base64)', () => {
    expect(typeFilterValue('deal-activated')).toEqual({ codec: 0x51, value: b64(text('deal-activated')) })
  })
})

describe('Filecoin facts', () => {
  const deal: LotusDeal = {
    dealId: 7, pieceCid: 'baga-piece', pieceSize: 34_359_738_368n, verified: false, client: 'f02100000', provider: 'f01234567', label: 'x',
    startEpoch: 1_000, endEpoch: 1_000 + 518_400, pricePerEpoch: 1_000_000_000n, providerCollateral: 0n, clientCollateral: 0n,
  }
  const sample = (height: number, o: Partial<LotusStateSample> = {}): LotusStateSample => ({
    height, timestamp: time(height), tipset: `ts-${height}`, rawBytePower: 100n, qualityAdjPower: 500n, filVested: 1000n, filMined: 2000n,
    filBurnt: 300n, filLocked: 400n, filCirculating: 2300n, filReserveDisbursed: 0n, thisEpochReward: 5n, ...o,
  })
  const ok = (r: ActorEventJson, i = 0): LotusEventInput => ({ ok: true, event: decodeActorEvent(r, i, time) })

  it('deal-activated opens a lease with the proposal, accrual follows the price per epoch, termination closes it', () => {
    const state = new StateCache()
    const out1 = handleLotusBatch(filecoinChain, filecoin, {
      events: [ok(dealEvent('deal-published', 900, 7, 2_100_000, 1_234_567)), ok(dealEvent('deal-activated', 960, 7, 2_100_000, 1_234_567))],
      deals: new Map([[7, deal]]), samples: [sample(960)], last: { height: 960, hash: 'h', timestamp: time(960) },
    }, state)
    expect(out1.quarantined).toEqual([])
    const opened = out1.facts.filter((f) => f.kind === FactKind.LEASE_OPENED)
    expect(opened).toHaveLength(1)
    expect(opened[0]).toMatchObject({ actor: 'f01234567', counterparty: 'f02100000', subject: '7', amount: 1_000_000_000n, asset: 'FIL' })
    expect(out1.facts.find((f) => f.kind === FactKind.CAPACITY_LEASED)).toMatchObject({ amount: 34_359_738_368n, unit: 'bytes', subject: '7', actor: 'f01234567' })
    expect(out1.leaseTerms.get(opened[0].id)).toMatchObject({ price: 1_000_000_000n, priceUnit: 'epoch (30 s)', resources: { pieceSizeBytes: '34359738368', verified: false } })
    // first sample: opening balances, no reward or fee
    const kinds = (o: typeof out1) => o.facts.filter((f) => f.rawEvent.endsWith(String(SAMPLE_LOG_INDEX))).map((f) => `${f.kind}:${f.amount}`)
    expect(kinds(out1)).toEqual(['SUPPLY_MINT:3000', 'SUPPLY_LOCK:400', 'NODE_REGISTERED:100'])
    // next hour: rewards = growth of FilMined, burns as burn + fee + protocol take, deal payments from start epoch 1000
    const out2 = handleLotusBatch(filecoinChain, filecoin, {
      events: [], deals: new Map(), samples: [sample(1080, { filMined: 2600n, filBurnt: 350n, filLocked: 380n, rawBytePower: 90n })],
      last: { height: 1080, hash: 'h', timestamp: time(1080) },
    }, state)
    expect(kinds(out2)).toEqual(['SUPPLY_MINT:600', 'SUPPLY_UNLOCK:20', 'NODE_DEREGISTERED:10', 'REWARD_EMITTED:600', 'SUPPLY_BURN:50', 'FEE_PAID:50', 'PROTOCOL_TAKE:50', `FEE_PAID:${80n * 1_000_000_000n}`])
    // terminated at 1100: pays epochs 1000..1099
    const out3 = handleLotusBatch(filecoinChain, filecoin, {
      events: [ok(dealEvent('deal-terminated', 1100, 7, 2_100_000, 1_234_567))], deals: new Map(), samples: [sample(1200, { filMined: 2600n, filBurnt: 350n, filLocked: 380n, rawBytePower: 90n })],
      last: { height: 1200, hash: 'h', timestamp: time(1200) },
    }, state)
    const closed = out3.facts.find((f) => f.kind === FactKind.LEASE_CLOSED)!
    expect(closed.amount).toBe(100n * 1_000_000_000n)
    expect(out3.facts.find((f) => f.kind === FactKind.CAPACITY_RELEASED)).toMatchObject({ amount: 34_359_738_368n, subject: '7' })
    expect(out3.facts.filter((f) => f.kind === FactKind.FEE_PAID).map((f) => f.amount)).toEqual([20n * 1_000_000_000n])
    expect(state.access('filecoin').get('deals:f01234567')).toBeUndefined()
    expect(state.access('filecoin').get('providers')).toEqual([])
  })

  it('FIP-0074: a deal past its end epoch closes at the first sample at or after it, whether or not deal-completed ever comes', () => {
    const state = new StateCache()
    const P = 'f01234567'
    // three deals of one provider, 1 GiB, 2 GiB, 4 GiB: #1 ends at 1100 and is never settled; #2 ends at 1100 and is
    // settled at 1150 (before the sample at 1200); #3 ends at 1130 and is settled much later, at 5000
    const terms = (dealId: number, pieceSize: bigint, endEpoch: number): LotusDeal => ({ ...deal, dealId, pieceSize, startEpoch: 1000, endEpoch, pricePerEpoch: BigInt(dealId) * 1000n })
    const GiB = 1n << 30n
    const deals = new Map<number, LotusDeal>([[1, terms(1, GiB, 1100)], [2, terms(2, 2n * GiB, 1100)], [3, terms(3, 4n * GiB, 1130)]])
    const batch = (events: LotusEventInput[], samples: number[], last: number) =>
      handleLotusBatch(filecoinChain, filecoin, { events, deals, samples: samples.map((h) => sample(h)), last: { height: last, hash: 'h', timestamp: time(last) } }, state)
    const ev = (type: string, h: number, id: number, i = 0) => ok(dealEvent(type, h, id, 2_100_000, 1_234_567), i)
    const of = (o: ReturnType<typeof batch>, kind: FactKind) => o.facts.filter((f) => f.kind === kind).map((f) => [f.subject, f.amount, f.blockNumber])
    const dealBytes = (o: ReturnType<typeof batch>) => o.rawEvents.filter((r) => r.name === 'state-sample').map((r) => [r.blockNumber, (r.args as Record<string, string>).activeDealBytes])

    const b1 = batch([ev('deal-activated', 950, 1), ev('deal-activated', 950, 2, 1), ev('deal-activated', 955, 3)], [960, 1080], 1080)
    expect(of(b1, FactKind.CAPACITY_LEASED)).toEqual([['1', GiB, 950], ['2', 2n * GiB, 950], ['3', 4n * GiB, 955]])
    // activated deals hold their bytes from activation (the same deals as Σ CAPACITY_LEASED - Σ CAPACITY_RELEASED)
    expect(dealBytes(b1)).toEqual([[960, String(7n * GiB)], [1080, String(7n * GiB)]])

    const b2 = batch([ev('deal-completed', 1150, 2)], [1200], 1200)
    // the settlement of #2 comes before the end sample: no fact of its own
    expect(b2.rawEvents.filter((r) => r.name === 'deal-completed').map((r) => r.blockNumber)).toEqual([1150])
    expect(b2.facts.filter((f) => f.blockNumber === 1150)).toEqual([])
    // the sample at 1200 (first at or after 1100 and 1130) closes all three, each paid price x (end - start)
    expect(of(b2, FactKind.LEASE_CLOSED)).toEqual([['1', 1000n * 100n, 1200], ['2', 2000n * 100n, 1200], ['3', 3000n * 130n, 1200]])
    expect(of(b2, FactKind.CAPACITY_RELEASED)).toEqual([['1', GiB, 1200], ['2', 2n * GiB, 1200], ['3', 4n * GiB, 1200]])
    expect(b2.facts.filter((f) => f.kind === FactKind.LEASE_CLOSED).map((f) => b2.leaseTerms.get(f.id)?.spent)).toEqual([100_000n, 200_000n, 390_000n])
    // accrual of [1080, 1200): #1 and #2 pay 20 epochs, #3 50
    expect(of(b2, FactKind.FEE_PAID)).toEqual([['deal-payments', 1000n * 20n + 2000n * 20n + 3000n * 50n, 1200]])
    expect(dealBytes(b2)).toEqual([[1200, '0']])
    // #1 and #3 are remembered until their settlement; #2 was settled already
    expect(state.access('filecoin').get(`ended:${P}`)).toEqual({ 1: 1100, 3: 1130 })
    expect(state.access('filecoin').get(`deals:${P}`)).toBeUndefined()

    // months later: #3 is settled: a raw event, no second close or release; #1 never is
    const b3 = batch([ev('deal-completed', 5000, 3)], [5040], 5040)
    expect(b3.rawEvents.map((r) => r.name)).toEqual(['deal-completed', 'state-sample'])
    expect(b3.facts.filter((f) => [FactKind.LEASE_CLOSED, FactKind.CAPACITY_RELEASED, FactKind.FEE_PAID].includes(f.kind))).toEqual([])
    expect(state.access('filecoin').get(`ended:${P}`)).toEqual({ 1: 1100 })
    expect(dealBytes(b3)).toEqual([[5040, '0']])
  })

  it('a deal terminated early closes at its deal-terminated, and a deal-completed of a deal activated before the range closes with its cost unknown', () => {
    const state = new StateCache()
    const d = { ...deal, dealId: 5, startEpoch: 1000, endEpoch: 9000, pricePerEpoch: 7n }
    const out = handleLotusBatch(filecoinChain, filecoin, {
      events: [ok(dealEvent('deal-activated', 990, 5, 2_100_000, 1_234_567)), ok(dealEvent('deal-terminated', 1500, 5, 2_100_000, 1_234_567)), ok(dealEvent('deal-completed', 1600, 77, 2_100_000, 1_234_567))],
      deals: new Map([[5, d]]), samples: [sample(1440), sample(1560)], last: { height: 1560, hash: 'h', timestamp: time(1560) },
    }, state)
    const closed = out.facts.filter((f) => f.kind === FactKind.LEASE_CLOSED)
    expect(closed.map((f) => [f.subject, f.amount, f.blockNumber, out.leaseTerms.get(f.id)?.spent])).toEqual([['5', 7n * 500n, 1500, 3500n], ['77', 0n, 1600, null]])
    expect(out.facts.filter((f) => f.kind === FactKind.CAPACITY_RELEASED).map((f) => [f.subject, f.blockNumber])).toEqual([['5', 1500]])
    expect(out.rawEvents.filter((r) => r.name === 'state-sample').map((r) => (r.args as Record<string, string>).activeDealBytes)).toEqual([String(deal.pieceSize), '0'])
    expect(state.access('filecoin').get('ended:f01234567')).toBeUndefined()
  })

  it('quarantines a deal-activated whose proposal lookup failed, and undecodable events, with their reason', () => {
    const out = handleLotusBatch(filecoinChain, filecoin, {
      events: [ok(dealEvent('deal-activated', 960, 8, 1, 2)), { ok: false, height: 961, index: 0, raw: raw(961, 'f05', []), reason: 'event without a string "$type" entry' }],
      deals: new Map([[8, 'deal 8 not found']]), samples: [], last: { height: 961, hash: 'h', timestamp: time(961) },
    })
    expect(out.facts).toEqual([])
    expect(out.quarantined.map((q) => q.reason)).toEqual(['cannot normalize deal-activated: deal lookup failed: deal 8 not found', 'event without a string "$type" entry'])
  })
})

describe('Filecoin deal proposals (StateMarketStorageDeal answers)', () => {
  // the shape of a Lotus answer (api.MarketDeal, build/openrpc/full.json): numbers as JSON numbers, token amounts as
  // decimal strings, addresses as strings, the piece CID as a link
  const answer = (o: Record<string, unknown> = {}): MarketDealJson => JSON.parse(JSON.stringify({
    Proposal: {
      PieceCID: { '/': 'baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq' }, PieceSize: 34359738368, VerifiedDeal: true,
      Client: 'f01948227', Provider: 'f02620', Label: 'bafybeihfz5nxrwpiz3rtxsc7n2l7wyjq3p4rrwzwyjnhxq2ssw3yoql6vu',
      StartEpoch: 4_212_345, EndEpoch: 5_767_545, StoragePricePerEpoch: '0', ProviderCollateral: '6215226130810718', ClientCollateral: '0', ...o,
    },
    State: { SectorNumber: 51_234, SectorStartEpoch: 4_200_100, LastUpdatedEpoch: -1, SlashEpoch: -1 },
  }))

  it('reads every proposal field, the label as a string', () => {
    expect(decodeMarketDeal(84_123_456, answer())).toEqual({
      dealId: 84_123_456, pieceCid: 'baga6ea4seaqao7s73y24kcutaosvacpdjgfe5pw76ooefnyqw4ynr3d2y6x2mpq', pieceSize: 34_359_738_368n, verified: true,
      client: 'f01948227', provider: 'f02620', label: 'bafybeihfz5nxrwpiz3rtxsc7n2l7wyjq3p4rrwzwyjnhxq2ssw3yoql6vu',
      startEpoch: 4_212_345, endEpoch: 5_767_545, pricePerEpoch: 0n, providerCollateral: 6_215_226_130_810_718n, clientCollateral: 0n,
    })
    // a paid deal: attoFIL above 2^53 stay exact
    expect(decodeMarketDeal(1, answer({ StoragePricePerEpoch: '12345678901234567890', VerifiedDeal: false })).pricePerEpoch).toBe(12_345_678_901_234_567_890n)
  })

  it('reads a byte label: stripped to {} by Lotus, or DAG-JSON bytes as 0x hex', () => {
    expect(decodeMarketDeal(1, answer({ Label: {} })).label).toBe('')
    expect(decodeMarketDeal(1, answer({ Label: { '/': { bytes: Buffer.from([0xde, 0xad, 0xbe, 0xef]).toString('base64') } } })).label).toBe('0xdeadbeef')
    expect(decodeMarketDeal(1, answer({ Label: '' })).label).toBe('')
    expect(() => decodeMarketDeal(1, answer({ Label: 42 }))).toThrow(/deal 1: Label: neither a string nor DAG-JSON bytes/)
  })

  it('rejects bad numbers, addresses and missing parts with the field named', () => {
    const bad: [Record<string, unknown>, RegExp][] = [
      [{ StoragePricePerEpoch: '1e18' }, /deal 9: StoragePricePerEpoch: not an integer string \("1e18"\)/],
      [{ StoragePricePerEpoch: '-5' }, /StoragePricePerEpoch: negative/],
      [{ ProviderCollateral: 12 }, /ProviderCollateral: not an integer/],
      [{ PieceSize: '34359738368' }, /PieceSize: not an integer >= 1/],
      [{ PieceSize: 0 }, /PieceSize: not an integer >= 1/],
      [{ StartEpoch: 4.5 }, /StartEpoch: not an integer/],
      [{ EndEpoch: null }, /EndEpoch: not an integer/],
      [{ EndEpoch: 4_212_345 }, /EndEpoch 4212345 is not after StartEpoch 4212345/],
      [{ Client: 1948227 }, /Client: not a Filecoin address/],
      [{ Provider: 'x02620' }, /Provider: not a Filecoin address/],
      [{ PieceCID: null }, /PieceCID: not a CID link/],
    ]
    for (const [o, re] of bad) expect(() => decodeMarketDeal(9, answer(o)), JSON.stringify(o)).toThrow(re)
    expect(() => decodeMarketDeal(9, {} as MarketDealJson)).toThrow(/deal 9: no Proposal/)
  })

  it('a malformed proposal quarantines its deal-activated with the reason, losing nothing else', () => {
    let reason = ''
    try {
      decodeMarketDeal(8, answer({ StartEpoch: 'soon' }))
    } catch (e) {
      reason = (e as Error).message
    }
    const out = handleLotusBatch(filecoinChain, filecoin, {
      events: [{ ok: true, event: decodeActorEvent(dealEvent('deal-activated', 960, 8, 1, 2), 0, time) }, { ok: true, event: decodeActorEvent(dealEvent('deal-published', 960, 10, 1, 2), 1, time) }],
      deals: new Map([[8, reason]]), samples: [], last: { height: 960, hash: 'h', timestamp: time(960) },
    })
    expect(out.quarantined.map((q) => q.reason)).toEqual(['cannot normalize deal-activated: deal lookup failed: deal 8: StartEpoch: not an integer >= 0 ("soon")'])
    expect(out.rawEvents.map((r) => r.name)).toEqual(['deal-published'])
  })
})

describe('Lotus source against the devnet Lotus server', () => {
  // the devnet's Lotus-compatible server alone (in process, no chain): 3 simulated days
  const now = 1_790_000_000
  let lotus: LotusDevnet
  const post = async (method: string, params: unknown[]) => {
    const res = await fetch(lotus.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })
    return (await res.json()) as { result?: any; error?: { code: number; message: string } }
  }
  beforeAll(async () => {
    lotus = await startLotusDevnet({ port: await freePort(), seed: 11, genesis: now - 3 * 86_400, now: () => now })
  })
  afterAll(async () => {
    await lotus?.stop()
  })

  it('filters by field value with ActorEventBlock keys in any case, as Go decodes them', async () => {
    const from = lotus.sim.firstEpoch
    const to = from + 2000
    const typed = (casing: (k: string) => string) => ({ fromHeight: from, toHeight: to, fields: { $type: [{ [casing('codec')]: 0x51, [casing('value')]: b64(text('deal-activated')) }] } })
    const all = (await post('Filecoin.GetActorEventsRaw', [{ fromHeight: from, toHeight: to }])).result as ActorEventJson[]
    // the expectation from the unfiltered answer, decoded here
    const want = all.filter((x) => x.entries.some((en) => en.Key === '$type' && en.Value === b64(text('deal-activated'))))
    expect(want.length).toBeGreaterThan(10)
    for (const casing of [(k: string) => k, (k: string) => k[0].toUpperCase() + k.slice(1), (k: string) => k.toUpperCase()]) {
      expect((await post('Filecoin.GetActorEventsRaw', [typed(casing)])).result).toEqual(want)
    }
    // what the client sends: the canonical lowercase tags
    expect(Object.keys(typeFilterValue('x'))).toEqual(['codec', 'value'])
    const bad = await post('Filecoin.GetActorEventsRaw', [{ fromHeight: from, toHeight: to, fields: { $type: [{ codec: '0x51', value: 'x' }] } }])
    expect(bad.error?.message).toMatch(/cannot unmarshal "0x51" into Go struct field ActorEventBlock.codec/)
  })

  it('reads the proposal of a deal published and activated in the same tipset from the next tipset, and quarantines one that is nowhere', async () => {
    const from = lotus.sim.firstEpoch
    const to = lotus.head()
    // deals whose deal-published and deal-activated share a height, from the raw answers
    const raw: ActorEventJson[] = []
    for (let h = from; h <= to; h += 2001) raw.push(...((await post('Filecoin.GetActorEventsRaw', [{ fromHeight: h, toHeight: Math.min(to, h + 2000) }])).result as ActorEventJson[]))
    const events = raw.map((r, i) => decodeActorEvent(r, i, time))
    const published = new Map(events.filter((e) => e.type === 'deal-published').map((e) => [e.fields.id[0], e.height]))
    const same = events.filter((e) => e.type === 'deal-activated' && published.get(e.fields.id[0]) === e.height && e.height < to)
    expect(same.length).toBeGreaterThan(0)
    const target = same[0]
    // at the event's own tipset (its parent state) the node does not have the deal yet
    const ts = (await post('Filecoin.ChainGetTipSetByHeight', [target.height, []])).result
    expect((await post('Filecoin.StateMarketStorageDeal', [target.fields.id[0], ts.Cids])).error?.message).toMatch(/not found/)
    const next = (await post('Filecoin.ChainGetTipSetByHeight', [target.height + 1, []])).result
    const proposal = (await post('Filecoin.StateMarketStorageDeal', [target.fields.id[0], next.Cids])).result

    const source = await createLotusSource({ chain: filecoinChain, network: filecoin, client: new LotusClient(lotus.url, { retries: 0 }), finality: 0, genesisTimestamp: 1_598_306_400 })
    const fetched = await source.fetch(target.height, target.height)
    const d = fetched.deals.get(Number(target.fields.id[0]))
    expect(d).toMatchObject({ dealId: target.fields.id[0], pieceSize: BigInt(proposal.Proposal.PieceSize), startEpoch: proposal.Proposal.StartEpoch, endEpoch: proposal.Proposal.EndEpoch, provider: proposal.Proposal.Provider })
    const out = source.handle(fetched, new StateCache())
    expect(out.quarantined).toEqual([])
    expect(out.facts.filter((f) => f.kind === FactKind.LEASE_OPENED).map((f) => f.subject)).toContain(String(target.fields.id[0]))

    // a deal-activated at the head whose deal the node does not know (the client asks for another id): no next
    // tipset yet either, so the reason names both lookups
    const client = new LotusClient(lotus.url, { retries: 0 })
    const fakeHead = Object.assign(Object.create(client), {
      actorEventsRaw: async () => [{ ...raw.find((r) => r.height === target.height && decodeActorEvent(r, 0, time).type === 'deal-activated')!, height: to, tipsetKey: (await post('Filecoin.ChainHead', [])).result.Cids }],
      marketStorageDeal: (id: number, tsk: any) => client.marketStorageDeal(id + 1_000_000_000, tsk),
    })
    const s2 = await createLotusSource({ chain: filecoinChain, network: filecoin, client: fakeHead, finality: 0, genesisTimestamp: 1_598_306_400 })
    const f2 = await s2.fetch(to, to)
    const reason = [...f2.deals.values()][0]
    expect(reason).toMatch(new RegExp(`not found \\(at the event's tipset ${to}; at the next: no next tipset \\(.*greater than start point`))
  })
})
