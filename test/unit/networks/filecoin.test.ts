/**
 * Filecoin: wire-format decoding of each built-in actor event kind from hand-built CBOR bytes (layouts of
 * builtin-actors actors/market/src/emit.rs and actors/miner/src/emit.rs: `$type` then the fields, flags 0x03 for
 * field_indexed and 0x01 for field, codec 0x51), the facts each yields, and the state-sample rules.
 */
import { describe, expect, it } from 'vitest'
import { handleLotusBatch, SAMPLE_LOG_INDEX, type LotusEventInput } from '../../../indexer/handlers/lotus'
import { StateCache } from '../../../indexer/handlers/state'
import { FactKind } from '../../../indexer/model'
import type { LotusDeal, LotusStateSample } from '../../../indexer/registry'
import { filecoin as filecoinChain } from '../../../indexer/registry/chains'
import { filecoin } from '../../../indexer/registry/filecoin'
import { decodeActorEvent, decodeEntryValue, typeFilterValue, type ActorEventJson } from '../../../indexer/sources/lotus/decode'

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

  it('builds the $type filter value as Lotus expects it (codec 0x51, CBOR text, base64)', () => {
    expect(typeFilterValue('deal-activated')).toEqual({ Codec: 0x51, Value: b64(text('deal-activated')) })
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

  it('quarantines a deal-activated whose proposal lookup failed, and undecodable events, with their reason', () => {
    const out = handleLotusBatch(filecoinChain, filecoin, {
      events: [ok(dealEvent('deal-activated', 960, 8, 1, 2)), { ok: false, height: 961, index: 0, raw: raw(961, 'f05', []), reason: 'event without a string "$type" entry' }],
      deals: new Map([[8, 'deal 8 not found']]), samples: [], last: { height: 961, hash: 'h', timestamp: time(961) },
    })
    expect(out.facts).toEqual([])
    expect(out.quarantined.map((q) => q.reason)).toEqual(['cannot normalize deal-activated: deal lookup failed: deal 8 not found', 'event without a string "$type" entry'])
  })
})
