/**
 * Akash: decoding of blocks in the real CometBFT wire format (transactions built by hand from the protobuf types,
 * events as a v0.38 node emits them), lease spend accrual including escrow exhaustion, bad input, and the devnet
 * model's determinism.
 */
import { createHash } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx'
import { MsgCreateDeployment } from '@akashnetwork/akash-api/akash/deployment/v1beta3'
import { MsgCreateDeployment as MsgCreateDeploymentV1beta4 } from '@akashnetwork/chain-sdk/private-types/akash.v1beta4'
import { MsgAccountDeposit } from '@akashnetwork/chain-sdk/private-types/akash.v1'
import { MsgCreateProvider } from '@akashnetwork/akash-api/akash/provider/v1beta3'
import { CometbftDevnet } from '../../../devnet/cometbft/server'
import { handleCosmosBlocks } from '../../../indexer/handlers/cosmos'
import { StateCache } from '../../../indexer/handlers/state'
import { FactKind } from '../../../indexer/model'
import { akash, ESCROW_ACCOUNT, groupResources, moduleAddress, paramsMayChange, providerDeclaration, parseCoins, parseDec, readTakeParams, settleDeployment, USDC_DENOM, type AkashDeploymentState, type AkashLeaseState } from '../../../indexer/registry/akash'
import { akashnet } from '../../../indexer/registry/chains'
import type { AbciQuery } from '../../../indexer/registry'
import { decodeAttributes, decodeBlock } from '../../../indexer/sources/cometbft/decode'
import { isOtherFeeAsset } from '../../../indexer/rollup/accounts'
import { runCometbftIndexer } from '../../../indexer/sources/cometbft/run'
import { loadConfig } from '../../../common/config'
import { freePort } from '../../helpers/ports'

const OWNER = 'akash1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq7cdc78'
const PROVIDER = 'akash1hf39zjhe4pvps4sh4y5e2z5yh5mw9n2m9lq6q5'
const TIME = '2026-03-04T10:20:00.123456789Z'
const attr = (key: string, value: string) => ({ key, value, index: true })
const msgEvent = (pairs: [string, string][]) => ({ type: 'message', attributes: pairs.map(([k, v]) => attr(k, v)) })

/** A TxRaw with one MsgCreateDeployment: 2 x (1500 millicores, 2 GiB, 10 GiB, 2 H100) in group 1; deposit 5 AKT. */
function createDeploymentTx(dseq: number, denom = 'uakt', deposit = '5000000') {
  const v = (s: string) => ({ val: new TextEncoder().encode(s) })
  const msg = MsgCreateDeployment.fromPartial({
    id: { owner: OWNER, dseq },
    groups: [{
      name: 'dcloud',
      resources: [{
        resource: {
          id: 1, cpu: { units: v('1500') }, memory: { quantity: v('2147483648') }, storage: [{ name: 'default', quantity: v('10737418240') }],
          gpu: { units: v('2'), attributes: [{ key: 'vendor/nvidia/model/h100', value: 'true' }] },
        },
        count: 2,
        price: { denom, amount: '1000' },
      }],
    }],
    version: new Uint8Array(32).fill(7),
    deposit: { denom, amount: deposit },
    depositor: OWNER,
  })
  const body = TxBody.encode(TxBody.fromPartial({ messages: [{ typeUrl: '/akash.deployment.v1beta3.MsgCreateDeployment', value: MsgCreateDeployment.encode(msg).finish() }] })).finish()
  const raw = TxRaw.encode(TxRaw.fromPartial({ bodyBytes: body, authInfoBytes: new Uint8Array(), signatures: [new Uint8Array(64)] })).finish()
  return Buffer.from(raw)
}

/** The same deployment as the v1 node's /akash.deployment.v1beta4.MsgCreateDeployment (deposit { amount, sources }). */
function createDeploymentTxV1(dseq: number, denom = 'uakt', deposit = '5000000') {
  const v = (s: string) => ({ val: new TextEncoder().encode(s) })
  const msg = MsgCreateDeploymentV1beta4.fromPartial({
    id: { owner: OWNER, dseq: dseq as any },
    groups: [{
      name: 'dcloud',
      resources: [{
        resource: {
          id: 1, cpu: { units: v('1500') }, memory: { quantity: v('2147483648') }, storage: [{ name: 'default', quantity: v('10737418240') }],
          gpu: { units: v('2'), attributes: [{ key: 'vendor/nvidia/model/h100', value: 'true' }] },
        },
        count: 2,
        price: { denom, amount: '1000' },
      }],
    }],
    hash: new Uint8Array(32).fill(7),
    deposit: { amount: { denom, amount: deposit }, sources: [1] },
  })
  return txOf([{ typeUrl: '/akash.deployment.v1beta4.MsgCreateDeployment', value: MsgCreateDeploymentV1beta4.encode(msg).finish() }])
}

function txOf(messages: { typeUrl: string; value: Uint8Array }[]) {
  const body = TxBody.encode(TxBody.fromPartial({ messages })).finish()
  return Buffer.from(TxRaw.encode(TxRaw.fromPartial({ bodyBytes: body, authInfoBytes: new Uint8Array(), signatures: [new Uint8Array(64)] })).finish())
}

/** A typed event as Cosmos SDK 0.50 emits it: sorted field attributes with proto-JSON values, msg_index last. */
const typedEvent = (type: string, fields: Record<string, unknown>) => ({
  type, attributes: [...Object.keys(fields).sort().map((k) => attr(k, JSON.stringify(fields[k]))), attr('msg_index', '0')],
})
const leaseIdJson = (dseq: number) => ({ owner: OWNER, dseq: String(dseq), gseq: 1, oseq: 1, provider: PROVIDER, bseq: 0 })

/** /block and /block_results JSON of one height, CometBFT 0.37 shape (plain attributes). */
function wire(height: number, txs: { raw: Buffer; events: any[]; code?: number }[], begin: any[] = [], time = TIME) {
  return {
    block: { block_id: { hash: `H${height}` }, block: { header: { chain_id: 'akashnet-2', height: String(height), time }, data: { txs: txs.map((t) => t.raw.toString('base64')) } } },
    results: { height: String(height), txs_results: txs.map((t) => ({ code: t.code ?? 0, events: t.events })), begin_block_events: begin, end_block_events: [] },
  }
}

const leaseAttrs = (dseq: number, denom: string, price: string): [string, string][] => [
  ['module', 'market'], ['action', 'lease-created'], ['owner', OWNER], ['dseq', String(dseq)], ['gseq', '1'], ['oseq', '1'], ['provider', PROVIDER], ['price-denom', denom], ['price-amount', price],
]

describe('Akash decoding (CometBFT wire format)', () => {
  it('decodes a block: tx hash, protobuf message fields, events; 0.38 finalize_block_events too', () => {
    const raw = createDeploymentTx(42)
    const w = wire(7, [{ raw, events: [msgEvent([['module', 'deployment'], ['action', 'deployment-created'], ['version', '07'.repeat(32)], ['owner', OWNER], ['dseq', '42']])] }],
      [{ type: 'mint', attributes: [attr('bonded_ratio', '0.47'), attr('inflation', '0.13'), attr('annual_provisions', '1.0'), attr('amount', '309000000')] }])
    const b = decodeBlock(w.block as any, w.results as any)
    expect(b.height).toBe(7)
    expect(b.timestamp).toBe(Date.parse('2026-03-04T10:20:00.123Z'))
    expect(b.txs[0].hash).toBe(createHash('sha256').update(raw).digest('hex').toUpperCase())
    const m = b.txs[0].msgs[0]
    expect(m.typeUrl).toBe('/akash.deployment.v1beta3.MsgCreateDeployment')
    expect(m.value.id.owner).toBe(OWNER)
    expect(String(m.value.id.dseq)).toBe('42')
    expect(m.value.deposit).toMatchObject({ denom: 'uakt', amount: '5000000' })
    expect(m.value.groups[0].resources[0].count).toBe(2)
    expect(new TextDecoder().decode(m.value.groups[0].resources[0].resource.gpu.units.val)).toBe('2')
    expect(b.blockEvents.map((e) => e.type)).toEqual(['mint'])
    // CometBFT 0.38 puts block events in finalize_block_events
    const r38 = { ...w.results, begin_block_events: undefined, end_block_events: undefined, finalize_block_events: w.results.begin_block_events }
    expect(decodeBlock(w.block as any, r38 as any).blockEvents.map((e) => e.type)).toEqual(['mint'])
    expect(() => decodeBlock(w.block as any, { ...w.results, height: '8' } as any)).toThrow(/does not match/)
  })

  it('deployment + lease: LEASE_OPENED with the exact DecCoin price, lease terms and resources from the message', () => {
    const w1 = wire(10, [{ raw: createDeploymentTx(42), events: [msgEvent([['module', 'deployment'], ['action', 'deployment-created'], ['version', 'aa'], ['owner', OWNER], ['dseq', '42']])] }])
    const w2 = wire(11, [{ raw: Buffer.from('not a tx'), events: [msgEvent(leaseAttrs(42, 'uakt', '1.378800000000000000'))] }], [
      { type: 'mint', attributes: [attr('amount', '309000000')] },
    ])
    const out = handleCosmosBlocks(akashnet, [akash], [decodeBlock(w1.block as any, w1.results as any), decodeBlock(w2.block as any, w2.results as any)])
    const opened = out.facts.find((f) => f.kind === FactKind.LEASE_OPENED)!
    expect(opened).toMatchObject({
      asset: 'AKT', amount: 1_378_800_000_000_000_000n, decimals: 24, actor: PROVIDER, counterparty: OWNER, subject: `${OWNER}/42/1/1/${PROVIDER}`,
      blockNumber: 11, chainId: 1_000_002, provenance: 'onchain',
    })
    expect(out.leaseTerms.get(opened.id)).toMatchObject({
      price: 1_378_800_000_000_000_000n, priceAsset: 'AKT', priceDecimals: 24, priceUnit: 'block',
      resources: { cpu: '3000', memoryBytes: String(2n * 2147483648n), storageBytes: String(2n * 10737418240n), gpu: 4, gpuModel: 'nvidia/h100' },
    })
    // the mint of block 11 is event 0, the undecodable tx is quarantined, the lease event still applies
    expect(out.facts.filter((f) => f.kind === FactKind.SUPPLY_MINT).map((f) => [f.amount, f.logIndex])).toEqual([[309_000_000n, 0]])
    expect(out.facts.filter((f) => f.kind === FactKind.REWARD_EMITTED).map((f) => [f.amount, f.actor])).toEqual([[309_000_000n, null]])
    expect(out.quarantined.map((q) => q.reason)).toEqual([expect.stringMatching(/cannot decode message tx:/)])
    expect(out.rawEvents.map((e) => e.name)).toEqual(['deployment/deployment-created', 'mint', 'market/lease-created'])
    expect(out.cursor).toMatchObject({ id: '1000002', chain: 'akash', height: 11, hash: 'H11' })
  })

  it('v1 node: typed akash.*.v1 events and chain-sdk messages give the same facts as the v0.38 form', () => {
    const legacy = [
      wire(10, [{ raw: createDeploymentTx(42), events: [msgEvent([['module', 'deployment'], ['action', 'deployment-created'], ['version', '07'.repeat(32)], ['owner', OWNER], ['dseq', '42']])] }]),
      wire(11, [{ raw: txOf([]), events: [msgEvent(leaseAttrs(42, 'uakt', '1.378800000000000000')), msgEvent([['module', 'provider'], ['action', 'provider-created'], ['owner', PROVIDER]])] }]),
      wire(30, [{ raw: txOf([]), events: [msgEvent([['module', 'market'], ['action', 'lease-closed'], ['owner', OWNER], ['dseq', '42'], ['gseq', '1'], ['oseq', '1'], ['provider', PROVIDER], ['price-denom', 'uakt'], ['price-amount', '1.378800000000000000']])] }]),
    ]
    const deposit = txOf([{ typeUrl: '/akash.escrow.v1.MsgAccountDeposit', value: MsgAccountDeposit.encode(MsgAccountDeposit.fromPartial({ signer: OWNER, id: { scope: 1, xid: `${OWNER}/42` }, deposit: { amount: { denom: 'uakt', amount: '7000000' }, sources: [1] } })).finish() }])
    const typed = [
      wire(10, [{ raw: createDeploymentTxV1(42), events: [typedEvent('akash.deployment.v1.EventDeploymentCreated', { id: { owner: OWNER, dseq: '42' }, hash: Buffer.alloc(32, 7).toString('base64') })] }]),
      wire(11, [{ raw: txOf([]), events: [
        typedEvent('akash.market.v1.EventLeaseCreated', { id: leaseIdJson(42), price: { denom: 'uakt', amount: '1.378800000000000000' } }),
        typedEvent('akash.provider.v1beta4.EventProviderCreated', { owner: PROVIDER }),
      ] }]),
      wire(30, [{ raw: txOf([]), events: [typedEvent('akash.market.v1.EventLeaseClosed', { id: leaseIdJson(42), reason: 'lease_closed_owner' })] }]),
    ]
    const run = (ws: typeof legacy) => handleCosmosBlocks(akashnet, [akash], ws.map((w) => decodeBlock(w.block as any, w.results as any)))
    const a = run(legacy)
    const b = run(typed)
    const strip = (o: ReturnType<typeof run>) => o.facts.map((f) => [f.kind, f.asset, f.amount, f.actor, f.counterparty, f.subject, f.blockNumber])
    expect(strip(b)).toEqual(strip(a))
    expect(b.facts.map((f) => f.kind)).toEqual([FactKind.LEASE_OPENED, FactKind.NODE_REGISTERED, FactKind.FEE_PAID, FactKind.PROTOCOL_TAKE, FactKind.LEASE_CLOSED])
    // 19 blocks x 1.3788 uakt, from the v1beta4 deposit of 5 AKT
    expect(b.facts.find((f) => f.kind === FactKind.LEASE_CLOSED)!.amount).toBe(19n * 1_378_800_000_000_000_000n)
    const opened = b.facts.find((f) => f.kind === FactKind.LEASE_OPENED)!
    expect(b.leaseTerms.get(opened.id)?.resources).toMatchObject({ cpu: '3000', gpu: 4, gpuModel: 'nvidia/h100' })
    expect(b.rawEvents.map((e) => e.name)).toEqual(['deployment/deployment-created', 'market/lease-created', 'provider/provider-created', 'market/lease-closed'])
    expect(b.rawEvents[1].args).toMatchObject({ event: 'akash.market.v1.EventLeaseCreated', owner: OWNER, dseq: '42', gseq: '1', bseq: '0', 'price-amount': '1.378800000000000000', msg_index: '0' })
    expect(b.rawEvents[0].args).toMatchObject({ version: '07'.repeat(32) })
    expect(b.quarantined).toEqual([])
    // escrow.v1 MsgAccountDeposit refills a dry deployment like MsgDepositDeployment: at 1000.5 uakt per block the
    // 5 AKT deposit lasts 4997 blocks (dry at 5008), the 7 AKT deposit at 6000 covers the 3000 blocks to the close at 9000
    const leaseAt11 = wire(11, [{ raw: txOf([]), events: [typedEvent('akash.market.v1.EventLeaseCreated', { id: leaseIdJson(42), price: { denom: 'uakt', amount: '1000.500000000000000000' } })] }])
    const closeAt9000 = wire(9000, [{ raw: txOf([]), events: [typedEvent('akash.market.v1.EventLeaseClosed', { id: leaseIdJson(42), reason: 'lease_closed_owner' })] }])
    const dry = run([typed[0], leaseAt11, wire(6000, [{ raw: deposit, events: [] }]), closeAt9000])
    const price = 1_000_500_000_000_000_000_000n
    expect(dry.facts.find((f) => f.kind === FactKind.LEASE_CLOSED)!.amount).toBe(4997n * price + 3000n * price)
    expect(dry.rawEvents.map((e) => e.name)).toContain('deployment/deposit')
  })

  it('v1 node: unknown akash.* event types and undecodable typed attributes are quarantined with the reason; other modules are raw', () => {
    const w = wire(12, [{ raw: txOf([]), events: [
      typedEvent('akash.market.v1.EventLeaseSomethingNew', { id: leaseIdJson(1) }),
      { type: 'akash.market.v1.EventLeaseCreated', attributes: [attr('id', '{not json'), attr('price', '{}')] },
      typedEvent('akash.market.v1.EventLeaseCreated', { id: leaseIdJson(2), price: { denom: 'ujunk', amount: '1.0' } }),
      typedEvent('akash.audit.v1.EventTrustedAuditorCreated', { owner: PROVIDER, auditor: OWNER }),
      { type: 'cosmos.bank.v1beta1.EventSomething', attributes: [] },
    ] }])
    const out = handleCosmosBlocks(akashnet, [akash], [decodeBlock(w.block as any, w.results as any)])
    expect(out.quarantined.map((q) => [q.topics[0], q.reason])).toEqual([
      ['akash.market.v1.EventLeaseSomethingNew', "unknown Akash event type akash.market.v1.EventLeaseSomethingNew (not in the registry's TYPED_EVENTS)"],
      ['akash.market.v1.EventLeaseCreated', 'cannot decode akash.market.v1.EventLeaseCreated: attribute id is not JSON: "{not json"'],
      ['market/lease-created', 'cannot normalize akash.market.v1.EventLeaseCreated: unknown price denom ujunk'],
    ])
    expect(out.rawEvents.map((e) => e.name)).toEqual(['akash.audit.v1.EventTrustedAuditorCreated'])
  })

  it('Tendermint 0.34 (node v0.38: base64 attribute keys and values) and CometBFT 0.37/0.38 (plain) give the same events, field by field', () => {
    // the exact JSON of each form: base64 strings written out (not produced by the code under test)
    const b64 = {
      module: 'bW9kdWxl', market: 'bWFya2V0', action: 'YWN0aW9u', 'lease-created': 'bGVhc2UtY3JlYXRlZA==', owner: 'b3duZXI=', dseq: 'ZHNlcQ==', gseq: 'Z3NlcQ==', oseq: 'b3NlcQ==',
      provider: 'cHJvdmlkZXI=', 'price-denom': 'cHJpY2UtZGVub20=', 'price-amount': 'cHJpY2UtYW1vdW50', uakt: 'dWFrdA==', amount: 'YW1vdW50', '1': 'MQ==', '42': 'NDI=',
      '1.378800000000000000': 'MS4zNzg4MDAwMDAwMDAwMDAwMDA=', '309000000': 'MzA5MDAwMDAw', 'deployment-created': 'ZGVwbG95bWVudC1jcmVhdGVk', deployment: 'ZGVwbG95bWVudA==', version: 'dmVyc2lvbg==', aa: 'YWE=',
    } as Record<string, string>
    for (const [k, v] of Object.entries(b64)) expect(Buffer.from(v, 'base64').toString(), k).toBe(k) // the table itself
    const enc = (pairs: [string, string][]) => ({ type: 'message', attributes: pairs.map(([k, v]) => ({ key: b64[k] ?? Buffer.from(k).toString('base64'), value: b64[v] ?? Buffer.from(v).toString('base64'), index: true })) })
    const depPairs: [string, string][] = [['module', 'deployment'], ['action', 'deployment-created'], ['version', 'aa'], ['owner', OWNER], ['dseq', '42']]
    const leasePairs = leaseAttrs(42, 'uakt', '1.378800000000000000')
    const plain = [wire(10, [{ raw: createDeploymentTx(42), events: [msgEvent(depPairs)] }]), wire(11, [{ raw: txOf([]), events: [msgEvent(leasePairs)] }], [{ type: 'mint', attributes: [attr('amount', '309000000')] }])]
    const tm34 = [wire(10, [{ raw: createDeploymentTx(42), events: [enc(depPairs)] }]), wire(11, [{ raw: txOf([]), events: [enc(leasePairs)] }], [{ type: 'mint', attributes: [{ key: b64.amount, value: b64['309000000'], index: true }] }])]
    // a 0.34 attribute with a null value (an empty []byte) is an empty string
    tm34[1].results.txs_results[0].events.push({ type: 'message', attributes: [{ key: b64.module, value: null as any, index: true }] })
    const decoded = tm34.map((w) => decodeBlock(w.block as any, w.results as any))
    expect(decoded[1].txs[0].events[0].attributes).toEqual(leasePairs.map(([key, value]) => ({ key, value })))
    expect(decoded[1].txs[0].events[1].attributes).toEqual([{ key: 'module', value: '' }])
    expect(decoded[1].blockEvents[0].attributes).toEqual([{ key: 'amount', value: '309000000' }])
    // plain events stay as served, also where a value (dseq 1000, a denom) or a key happens to be valid base64
    const tricky = [['module', 'market'], ['action', 'lease-created'], ['dseq', '1000'], ['owner', OWNER]] as [string, string][]
    expect(decodeAttributes({ type: 'message', attributes: tricky.map(([key, value]) => ({ key, value })) })).toEqual({ encoding: 'plain', attributes: tricky.map(([key, value]) => ({ key, value })) })
    expect(decodeAttributes({ type: 'x', attributes: [{ key: 'dseq', value: 'MQ==' }, { key: 'mode', value: 'RW5kQmxvY2s=' }] }).encoding).toBe('plain')
    expect(decodeAttributes({ type: 'x', attributes: [] })).toEqual({ encoding: 'plain', attributes: [] })
    const run = (ws: typeof plain) => handleCosmosBlocks(akashnet, [akash], ws.map((w) => decodeBlock(w.block as any, w.results as any)))
    const a = run(plain)
    const b = run(tm34)
    expect(b.quarantined).toEqual([])
    expect(b.facts.map((f) => f.kind)).toEqual([FactKind.SUPPLY_MINT, FactKind.REWARD_EMITTED, FactKind.LEASE_OPENED])
    const fields = (o: ReturnType<typeof run>) => o.facts.map((f) => [f.kind, f.asset, f.amount, f.decimals, f.actor, f.counterparty, f.subject, f.blockNumber, f.logIndex, f.provenance])
    expect(fields(b)).toEqual(fields(a))
    expect(b.rawEvents.map((e) => [e.name, e.args])).toEqual(a.rawEvents.map((e) => [e.name, e.args]))
    expect(b.rawEvents.find((e) => e.name === 'market/lease-created')!.args).toEqual(Object.fromEntries(leasePairs))
    expect(b.leaseTerms.get(b.facts[2].id)).toMatchObject({ price: 1_378_800_000_000_000_000n, resources: { cpu: '3000', gpu: 4 } })
  })

  it('provider-deleted (both forms) deregisters the provider and drops its declaration; x/bank burn events (block and tx) are SUPPLY_BURN', () => {
    const create = txOf([{ typeUrl: '/akash.provider.v1beta3.MsgCreateProvider', value: MsgCreateProvider.encode(MsgCreateProvider.fromPartial({ owner: PROVIDER, hostUri: 'https://p:8443', attributes: [{ key: 'capabilities/gpu/vendor/nvidia/model/h100', value: 'true' }] })).finish() }])
    const GOV = moduleAddress('gov')
    for (const deleted of [msgEvent([['module', 'provider'], ['action', 'provider-deleted'], ['owner', PROVIDER]]), typedEvent('akash.provider.v1beta4.EventProviderDeleted', { owner: PROVIDER })]) {
      const ws = [
        wire(3, [{ raw: create, events: [msgEvent([['module', 'provider'], ['action', 'provider-created'], ['owner', PROVIDER]])] }]),
        wire(4, [{ raw: txOf([]), events: [deleted, { type: 'burn', attributes: [attr('burner', OWNER), attr('amount', `7uakt,5${USDC_DENOM}`)] }] }], [{ type: 'burn', attributes: [attr('burner', GOV), attr('amount', '2500000000uakt')] }]),
      ]
      const state = new StateCache()
      const out = handleCosmosBlocks(akashnet, [akash], ws.map((w) => decodeBlock(w.block as any, w.results as any)), state)
      expect(out.quarantined).toEqual([])
      expect(out.facts.map((f) => [f.kind, f.asset, f.amount, f.actor, f.blockNumber])).toEqual([
        [FactKind.NODE_REGISTERED, 'providers', 1n, PROVIDER, 3],
        [FactKind.SUPPLY_BURN, 'AKT', 2_500_000_000n, GOV, 4],
        [FactKind.NODE_DEREGISTERED, 'providers', 1n, PROVIDER, 4],
        [FactKind.SUPPLY_BURN, 'AKT', 7n, OWNER, 4],
      ])
      expect(state.access('akash').get('declared-providers')).toEqual({})
    }
  })

  it('bad values are quarantined with the reason; failed transactions are skipped', () => {
    const w = wire(5, [
      { raw: createDeploymentTx(1), events: [msgEvent(leaseAttrs(1, 'uakt', 'one point five'))] },
      { raw: createDeploymentTx(2), events: [msgEvent([['module', 'market'], ['action', 'lease-created'], ['owner', OWNER]])] },
      { raw: createDeploymentTx(3), events: [msgEvent(leaseAttrs(3, 'ujunk', '1.0'))] },
      { raw: createDeploymentTx(4), code: 5, events: [msgEvent(leaseAttrs(4, 'uakt', '1.0'))] },
    ])
    const out = handleCosmosBlocks(akashnet, [akash], [decodeBlock(w.block as any, w.results as any)])
    expect(out.facts).toEqual([])
    expect(out.quarantined.map((q) => q.reason)).toEqual([
      'cannot normalize market/lease-created: not a decimal: "one point five"',
      'cannot normalize market/lease-created: missing attribute dseq',
      'cannot normalize market/lease-created: unknown price denom ujunk',
    ])
    expect(out.quarantined[0]).toMatchObject({ network: 'akash', address: 'market', blockNumber: 5, logIndex: 0 })
  })

  it('parses LegacyDec and coin strings exactly; module accounts are the x/auth addresses', () => {
    expect(parseDec('1.378800000000000000')).toBe(1_378_800_000_000_000_000n)
    expect(parseDec('12')).toBe(12n * 10n ** 18n)
    expect(parseDec('0.000000000000000001')).toBe(1n)
    expect(() => parseDec('-1.0')).toThrow()
    expect(parseCoins(`5000000uakt,12${USDC_DENOM}`)).toEqual([{ amount: 5_000_000n, denom: 'uakt' }, { amount: 12n, denom: USDC_DENOM }])
    // the well-known escrow module account of Akash mainnet
    expect(ESCROW_ACCOUNT).toBe(moduleAddress('escrow'))
    expect(ESCROW_ACCOUNT).toMatch(/^akash1[02-9ac-hj-np-z]{38}$/)
  })
})

describe('lease spend accrual', () => {
  const SCALE = 10n ** 18n
  function setup(denom = 'uakt', deposit = 5_000_000n, price = 1000n * SCALE) {
    const cache = new StateCache()
    const s = cache.access('akash')
    const dep: AkashDeploymentState = { owner: OWNER, denom, balance: (deposit * SCALE).toString(), settled: 10, exhaustedAt: null, groups: {}, leases: ['L'] }
    const lease: AkashLeaseState = { owner: OWNER, provider: PROVIDER, denom, price: price.toString(), openedHeight: 10, spent: '0', resources: null }
    s.set('dep:x', dep)
    s.set('lease:L', lease)
    return s
  }
  const sum = (facts: { kind: FactKind; amount: bigint }[], k: FactKind) => facts.filter((f) => f.kind === k).reduce((a, f) => a + f.amount, 0n)

  it('charges price x blocks, books whole base units, the take at 4 % of uakt', () => {
    const s = setup('uakt', 5_000_000n, 1000n * SCALE + SCALE / 3n) // 1000.333... uakt per block
    const f1 = settleDeployment(s, 'dep:x', 13) // 3 blocks: 3000.999... -> 3000 booked
    expect(sum(f1, FactKind.FEE_PAID)).toBe(3000n)
    expect(sum(f1, FactKind.PROTOCOL_TAKE)).toBe(120n)
    const f2 = settleDeployment(s, 'dep:x', 16) // 6 blocks: 6001.999... -> 6001 in all
    expect(sum(f2, FactKind.FEE_PAID)).toBe(3001n)
    expect(f2[0]).toMatchObject({ actor: PROVIDER, counterparty: OWNER, subject: 'L', asset: 'AKT', decimals: 6, provenance: 'inferred' })
    expect(f2[1]).toMatchObject({ kind: FactKind.PROTOCOL_TAKE, provenance: 'config' })
    expect(s.get<AkashLeaseState>('lease:L')!.spent).toBe(((1000n * SCALE + SCALE / 3n) * 6n).toString())
  })

  it('stops at the predicted close height when the escrow runs dry (balance / price), resumes after a deposit', () => {
    const s = setup('uakt', 5_000_000n, 1000n * SCALE)
    // 5 AKT at 1000 uakt/block lasts 5000 blocks: dry at 10 + 5000, whatever comes later
    const f = settleDeployment(s, 'dep:x', 9000)
    expect(sum(f, FactKind.FEE_PAID)).toBe(5_000_000n)
    expect(s.get<AkashDeploymentState>('dep:x')!.exhaustedAt).toBe(5010)
    expect(settleDeployment(s, 'dep:x', 12000)).toEqual([])
    expect(s.get<AkashLeaseState>('lease:L')!.spent).toBe((5_000_000n * SCALE).toString())
  })

  it('USDC leases: take 20 %, asset USDC', () => {
    const s = setup(USDC_DENOM, 10_000_000n, 250n * SCALE)
    const f = settleDeployment(s, 'dep:x', 110)
    expect(f.map((x) => [x.kind, x.asset, x.amount])).toEqual([[FactKind.FEE_PAID, 'USDC', 25_000n], [FactKind.PROTOCOL_TAKE, 'USDC', 5_000n]])
  })

  it('ACT (node v2, uact): asset ACT with 6 decimals, no take even where an older node\'s x/take parameters are in state', () => {
    const s = setup('uact', 10_000_000n, 250n * SCALE)
    s.set('take-params', { denomRates: { uakt: 4 }, defaultRate: 20, path: 'p' })
    const f = settleDeployment(s, 'dep:x', 110)
    expect(f.map((x) => [x.kind, x.asset, x.amount, x.decimals, x.provenance])).toEqual([[FactKind.FEE_PAID, 'ACT', 25_000n, 6, 'inferred']])
    // the uakt rate still comes from the chain, other denoms from its default
    const u = setup('uakt', 10_000_000n, 250n * SCALE)
    u.set('take-params', { denomRates: { uakt: 4 }, defaultRate: 20, path: 'p' })
    expect(settleDeployment(u, 'dep:x', 110).map((x) => [x.kind, x.amount, x.provenance])).toEqual([[FactKind.FEE_PAID, 25_000n, 'inferred'], [FactKind.PROTOCOL_TAKE, 1_000n, 'onchain']])
    // ACT and USDC share the feesOther columns: same decimals (6) and fixed price (1 USD)
    expect(akash.otherFeeAssets!.map((a) => [a.symbol, a.decimals, a.usdPrice])).toEqual([['USDC', 6, 1], ['ACT', 6, 1]])
    expect([isOtherFeeAsset(akash, 'ACT'), isOtherFeeAsset(akash, 'USDC'), isOtherFeeAsset(akash, 'AKT')]).toEqual([true, true, false])
  })

  it('node v2 wire form: a uact lease (typed events, v1beta4 deployment priced in uact) is an ACT lease, not quarantined', () => {
    const blocks = [
      wire(10, [{ raw: createDeploymentTxV1(77, 'uact', '9000000'), events: [typedEvent('akash.deployment.v1.EventDeploymentCreated', { id: { owner: OWNER, dseq: '77' }, hash: Buffer.alloc(32, 1).toString('base64') })] }]),
      wire(11, [{ raw: txOf([]), events: [typedEvent('akash.market.v1.EventLeaseCreated', { id: leaseIdJson(77), price: { denom: 'uact', amount: '12.500000000000000000' } })] }]),
      wire(51, [{ raw: txOf([]), events: [typedEvent('akash.market.v1.EventLeaseClosed', { id: leaseIdJson(77), reason: 'lease_closed_owner' })] }]),
    ].map((w) => decodeBlock(w.block as any, w.results as any))
    const out = handleCosmosBlocks(akashnet, [akash], blocks)
    expect(out.quarantined).toEqual([])
    expect(out.facts.map((f) => [f.kind, f.asset, f.amount, f.decimals])).toEqual([
      [FactKind.LEASE_OPENED, 'ACT', 12_500_000_000_000_000_000n, 24], [FactKind.FEE_PAID, 'ACT', 500n, 6], [FactKind.LEASE_CLOSED, 'ACT', 40n * 12_500_000_000_000_000_000n, 24],
    ])
  })

  it('through the handler: hourly bookings, close after exhaustion reports the capped spend', () => {
    const blocks = []
    // deployment (deposit 5 AKT) at h1, lease at 1000 uakt/block at h2, blocks 5 min apart, close at h 2000 (long after exhaustion at 5002)
    const t = (h: number) => new Date(Date.UTC(2026, 2, 4) + h * 300_000).toISOString()
    const w1 = wire(1, [{ raw: createDeploymentTx(9), events: [msgEvent([['module', 'deployment'], ['action', 'deployment-created'], ['version', 'aa'], ['owner', OWNER], ['dseq', '9']])] }], [], t(1))
    blocks.push(decodeBlock(w1.block as any, w1.results as any))
    const w2 = wire(2, [{ raw: Buffer.from(''), events: [msgEvent(leaseAttrs(9, 'uakt', '1000.000000000000000000'))] }], [], t(2))
    blocks.push(decodeBlock(w2.block as any, w2.results as any))
    for (let h = 3; h < 6000; h++) {
      const closing = h === 5999
      const w = wire(h, closing ? [{ raw: Buffer.from(''), events: [msgEvent([...leaseAttrs(9, 'uakt', '1000.000000000000000000').filter(([k]) => k !== 'action'), ['action', 'lease-closed']])] }] : [], [], t(h))
      blocks.push(decodeBlock(w.block as any, w.results as any))
    }
    const out = handleCosmosBlocks(akashnet, [akash], blocks)
    const fees = out.facts.filter((f) => f.kind === FactKind.FEE_PAID)
    expect(fees.reduce((a, f) => a + f.amount, 0n)).toBe(5_000_000n)
    // one booking per UTC hour (12 blocks) while the escrow lasts: 5000 blocks / 12 -> 417 hourly bookings
    expect(fees.length).toBe(417)
    const closed = out.facts.find((f) => f.kind === FactKind.LEASE_CLOSED)!
    expect(closed.amount).toBe(5_000_000n * SCALE)
    expect(out.leaseTerms.get(closed.id)).toMatchObject({ spent: 5_000_000n * SCALE, provenance: 'inferred' })
  })
})

describe('open deployments', () => {
  it('the hourly accrual settles each open deployment once: closed ones leave the list, one closed and opened again within the hour is listed once', () => {
    const t = (h: number) => new Date(Date.UTC(2026, 2, 4) + h * 300_000).toISOString()
    const created = (dseq: number) => ({ raw: createDeploymentTx(dseq), events: [msgEvent([['module', 'deployment'], ['action', 'deployment-created'], ['version', 'aa'], ['owner', OWNER], ['dseq', String(dseq)]])] })
    const closed = (dseq: number) => ({ raw: Buffer.from(''), events: [msgEvent([['module', 'deployment'], ['action', 'deployment-closed'], ['owner', OWNER], ['dseq', String(dseq)]])] })
    const txsAt: Record<number, { raw: Buffer; events: any[] }[]> = { 1: [created(9), created(10), created(11)], 3: [closed(9), closed(11)], 4: [created(9), created(12)], 14: [closed(12)] }
    const blocks = []
    for (let h = 1; h <= 30; h++) {
      const w = wire(h, txsAt[h] ?? [], [], t(h))
      blocks.push(decodeBlock(w.block as any, w.results as any))
    }
    const state = new StateCache()
    const out = handleCosmosBlocks(akashnet, [akash], blocks, state)
    // hours start at heights 12 and 24: open then are {10, 9 again, 12}, then {10, 9}
    const accruals = out.rawEvents.filter((e) => e.name === 'indexer/escrow-accrual').map((e) => [e.blockNumber, (e.args as Record<string, string>).deployments])
    expect(accruals).toEqual([[12, '3'], [24, '2']])
    const dep = (dseq: number) => `dep:${OWNER}/${dseq}`
    // in first-opening order: 9 keeps its first place
    expect(state.access('akash').get('open-deployments')).toEqual([dep(9), dep(10)])
  })
})

describe('AKT supply from x/bank', () => {
  it('the first reading is the opening balance; later readings reconcile against mints and burns seen since', () => {
    const mint = (h: number, amount: string) => wire(h, [], [{ type: 'mint', attributes: [attr('amount', amount)] }])
    const blocks = [mint(5, '100'), mint(6, '100'), mint(7, '100')].map((w) => decodeBlock(w.block as any, w.results as any))
    // supply after block 4 = 1000 (applied before block 5); after block 7 the chain says 1290: 10 burned without an event
    blocks[0].queries = { 'bank-supply': { height: 4, value: { amount: '1000', path: 'p' } } }
    blocks[2].queries = { 'bank-supply': { height: 7, value: { amount: '1290', path: 'p' } } }
    const out = handleCosmosBlocks(akashnet, [akash], blocks)
    const supply = out.facts.filter((f) => f.kind === FactKind.SUPPLY_MINT || f.kind === FactKind.SUPPLY_BURN).map((f) => [f.blockNumber, f.kind, f.amount, f.subject ?? null])
    expect(supply).toEqual([
      [5, FactKind.SUPPLY_MINT, 1000n, 'opening-balance'], [5, FactKind.SUPPLY_MINT, 100n, null], [6, FactKind.SUPPLY_MINT, 100n, null],
      [7, FactKind.SUPPLY_MINT, 100n, null], [7, FactKind.SUPPLY_BURN, 10n, 'supply-reconciliation'],
    ])
    expect(out.rawEvents.filter((e) => e.name === 'indexer/bank-supply').map((e) => e.blockNumber)).toEqual([5, 7])
    // a pruned node: the start reading came from the head (height 7) and waits until block 7 (1290 - 300 minted since)
    const later = [mint(5, '100'), mint(6, '100'), mint(7, '100')].map((w) => decodeBlock(w.block as any, w.results as any))
    later[0].queries = { 'bank-supply': { height: 7, value: { amount: '1290', path: 'p' } } }
    const out2 = handleCosmosBlocks(akashnet, [akash], later)
    expect(out2.facts.filter((f) => f.subject === 'opening-balance').map((f) => [f.blockNumber, f.amount])).toEqual([[7, 990n]])
  })
})

describe('group resources', () => {
  it('GPUs per model: each unit under its model, a unit accepting several models under them joined with |, none under unknown', () => {
    const v = (s: string | number) => ({ val: new TextEncoder().encode(String(s)) })
    const unit = (gpus: number, count: number, models: string[]) => ({
      resource: { cpu: { units: v(1000) }, memory: { quantity: v(1024) }, storage: [{ quantity: v(10) }, { quantity: v(5) }], gpu: { units: v(gpus), attributes: models.flatMap((m) => [{ key: `vendor/nvidia/model/${m}`, value: 'true' }, { key: `vendor/nvidia/model/${m}/ram/80Gi`, value: 'true' }]) } },
      count,
    })
    const g = groupResources({ groups: [{ resources: [unit(2, 3, ['h100']), unit(1, 1, ['a100']), unit(4, 1, ['a100', 'h100']), unit(1, 2, []), unit(0, 5, ['rtx4090'])] }] })
    expect(g['1']).toEqual({
      cpu: String(1000 * 12), memoryBytes: String(1024 * 12), storageBytes: String(15 * 12), gpu: 6 + 1 + 4 + 2,
      gpuModel: 'nvidia/a100,nvidia/h100', gpuByModel: { 'nvidia/a100': 1, 'nvidia/a100|nvidia/h100': 4, 'nvidia/h100': 6, unknown: 2 },
    })
  })
})

describe('provider declarations', () => {
  it('GPU models and storage classes from provider attributes (both message versions); "false" is not a declaration', () => {
    const attributes = [
      { key: 'region', value: 'eu-central' }, { key: 'capabilities/gpu/vendor/nvidia/model/h100/ram/80Gi', value: 'true' },
      { key: 'capabilities/gpu/vendor/nvidia/model/a100', value: 'true' }, { key: 'capabilities/gpu/vendor/amd/model/mi300x', value: 'false' },
      { key: 'capabilities/storage/1/class', value: 'beta3' }, { key: 'capabilities/storage/1/persistent', value: 'true' },
    ]
    for (const typeUrl of ['/akash.provider.v1beta3.MsgCreateProvider', '/akash.provider.v1beta4.MsgUpdateProvider']) {
      expect(providerDeclaration({ typeUrl, value: { owner: PROVIDER, hostUri: 'https://p:8443', attributes } }, 9)).toEqual([
        PROVIDER, { hostUri: 'https://p:8443', gpuModels: ['nvidia/a100', 'nvidia/h100'], storageClasses: ['beta3'], region: 'eu-central', height: 9 },
      ])
    }
    expect(providerDeclaration({ typeUrl: '/akash.market.v1beta5.MsgCreateBid', value: {} }, 1)).toBeNull()
  })
})

describe('x/take parameters from the chain', () => {
  it('reads the v0.38 x/params subspace and the v1 take query (raw protobuf through the devnet); a change applies after its block', async () => {
    const now = Date.UTC(2026, 2, 4) / 1000
    const dir = mkdtempSync(join(tmpdir(), 'akash-devnet-'))
    try {
      const dv = new CometbftDevnet({ port: 1, chainId: 'akashnet-2', seed: 5, genesis: now - 86_400, stateDir: dir, historyBlockSeconds: 300, key: 1, upgradeHeight: 100, takeChangeHeight: 150 })
      dv.catchUp(now)
      const query: AbciQuery = async (path, data, height) => {
        const r = (dv.handle('abci_query', { path, data: Buffer.from(data).toString('hex'), height: String(height) }) as any).response
        return { code: r.code, log: r.log, value: Buffer.from(r.value ?? '', 'base64') }
      }
      expect(await readTakeParams(query, 50)).toEqual({ denomRates: { uakt: 4 }, defaultRate: 20, path: '/cosmos.params.v1beta1.Query/Params take/{DefaultTakeRate,DenomTakeRates}' })
      expect(await readTakeParams(query, 149)).toEqual({ denomRates: { uakt: 4 }, defaultRate: 20, path: '/akash.take.v1.Query/Params' })
      expect(await readTakeParams(query, 150)).toEqual({ denomRates: { uakt: 10 }, defaultRate: 20, path: '/akash.take.v1.Query/Params' })
      // a node that answers neither (pruned state): null, the handler falls back to configuration
      expect(await readTakeParams(async () => ({ code: 6, log: 'unknown', value: new Uint8Array() }), 5)).toBeNull()
      // the proposal's block is flagged for a refresh (v1: finalize_block_events with mode EndBlock)
      const block = (h: number) => decodeBlock(dv.handle('block', { height: String(h) }) as any, dv.handle('block_results', { height: String(h) }) as any)
      expect(paramsMayChange(block(150))).toBe(true)
      expect(paramsMayChange(block(149))).toBe(false)
      // through the handler: 10 % of uakt fees booked after block 150, provenance onchain; without params, config 4 %
      const blocks = Array.from({ length: dv.height }, (_, i) => block(i + 1))
      blocks[0].queries = { 'take-params': { height: 1, value: await readTakeParams(query, 1) } }
      blocks[149].queries = { 'take-params': { height: 150, value: await readTakeParams(query, 150) } }
      const out = handleCosmosBlocks(akashnet, [akash], blocks)
      const takes = out.facts.filter((f) => f.kind === FactKind.PROTOCOL_TAKE && f.asset === 'AKT')
      expect(takes.length).toBeGreaterThan(0)
      expect(new Set(takes.map((f) => f.provenance))).toEqual(new Set(['onchain']))
      for (const t of takes) {
        const fee = out.facts.find((f) => f.kind === FactKind.FEE_PAID && f.rawEvent === t.rawEvent && f.subject === t.subject)!
        expect(t.amount, `take at ${t.blockNumber}`).toBe((fee.amount * (t.blockNumber > 150 ? 10n : 4n)) / 100n)
      }
      expect(takes.some((t) => t.blockNumber > 150)).toBe(true)
      const fallback = handleCosmosBlocks(akashnet, [akash], blocks.map((b) => ({ ...b, queries: undefined })))
      expect(new Set(fallback.facts.filter((f) => f.kind === FactKind.PROTOCOL_TAKE).map((f) => f.provenance))).toEqual(new Set(['config']))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('production configuration', () => {
  it('refuses an RPC_AKASH_URL node of another chain at start, naming both chain ids (before touching the database)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'akash-devnet-'))
    const port = await freePort()
    // the Akash sandbox network's id: an Akash node, but not mainnet
    const other = new CometbftDevnet({ port, chainId: 'sandbox-01', seed: 5, genesis: Date.UTC(2026, 2, 4) / 1000 - 3600, stateDir: dir, historyBlockSeconds: 300, key: 1 })
    other.catchUp(Date.UTC(2026, 2, 4) / 1000)
    await other.listen()
    try {
      const url = `http://127.0.0.1:${port}`
      const config = loadConfig({ RPC_AKASH_URL: url })
      const chainConfig = config.chains.find((c) => c.chain.id === 'akash')!
      await expect(runCometbftIndexer({ config, chainConfig, rpcUrl: url, databaseUrl: 'postgres://nobody@127.0.0.1:9/none' }))
        .rejects.toThrow(`RPC ${url}/ serves chain "sandbox-01", expected "akashnet-2" (Akash)`)
    } finally {
      await other.stop()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

describe('devnet Akash chain', () => {
  it('is deterministic for a seed (identical block hashes after a restart from the journal) and serves the CometBFT shape', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'akash-devnet-'))
    try {
      const now = Date.UTC(2026, 2, 4) / 1000
      const mk = (stateDir: string) => new CometbftDevnet({ port: 1, chainId: 'akashnet-2', seed: 5, genesis: now - 86_400, stateDir, historyBlockSeconds: 300, key: 1 })
      const a = mk(dir)
      a.catchUp(now)
      a.mine(now + 10)
      const b = mk(dir) // restart: replays the journal
      b.catchUp(now)
      expect(b.height).toBe(a.height)
      const ha = a.handle('block', { height: String(a.height) }) as any
      const hb = b.handle('block', { height: String(b.height) }) as any
      expect(hb.block_id.hash).toBe(ha.block_id.hash)
      expect(ha.block.header.chain_id).toBe('akashnet-2')
      const other = new CometbftDevnet({ port: 1, chainId: 'akashnet-2', seed: 6, genesis: now - 86_400, stateDir: mkdtempSync(join(tmpdir(), 'akash-devnet-')), historyBlockSeconds: 300, key: 1 })
      other.catchUp(now)
      expect((other.handle('block', { height: '100' }) as any).block_id.hash).not.toBe((a.handle('block', { height: '100' }) as any).block_id.hash)
      expect(() => a.handle('block', { height: String(a.height + 1) })).toThrow()
      const status = a.handle('status', {}) as any
      expect(status.node_info.network).toBe('akashnet-2')
      expect(Number(status.sync_info.latest_block_height)).toBe(a.height)
      // the v0.38 node keeps take params in x/params (its take query service is empty): unknown path code 6
      expect((a.handle('abci_query', { path: '/akash.take.v1.Query/Params', data: '', height: '3' }) as any).response).toMatchObject({ code: 6, value: null })
      // a day of history decodes with nothing quarantined and every lease kind occurring
      const blocks = []
      for (let h = 1; h <= a.height; h++) blocks.push(decodeBlock(a.handle('block', { height: String(h) }) as any, a.handle('block_results', { height: String(h) }) as any))
      const out = handleCosmosBlocks(akashnet, [akash], blocks)
      expect(out.quarantined).toEqual([])
      for (const k of [FactKind.LEASE_OPENED, FactKind.FEE_PAID, FactKind.PROTOCOL_TAKE, FactKind.NODE_REGISTERED, FactKind.SUPPLY_MINT]) {
        expect(out.facts.some((f) => f.kind === k), k).toBe(true)
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  })
})
