/**
 * Independent recomputation of Akash figures from raw CometBFT RPC responses (GET /block, /block_results), for the
 * integration test. Both node generations: v0.38 (`message` events with module/action, begin_block_events, Tendermint
 * 0.34's base64 attribute keys and values) and v1
 * (typed akash.*.v1 events with proto-JSON attributes, finalize_block_events, chain-sdk messages). Shares nothing with the indexer's source, decoder or handler: only the protobuf library
 * (cosmjs-types for TxRaw/TxBody, @akashnetwork/akash-api for the deployment messages). Escrow is simulated block by
 * block (a lease opened at height o is charged at every block o < h <= close while the deployment's balance
 * covers the sum of its leases' prices; a deposit at h applies after block h is charged); fees are booked where the
 * methodology books them: at the first block of each UTC hour and at each event of the deployment.
 */
import { TxBody, TxRaw } from 'cosmjs-types/cosmos/tx/v1beta1/tx'
import { MsgCreateDeployment, MsgDepositDeployment } from '@akashnetwork/akash-api/akash/deployment/v1beta3'
import { MsgCreateDeployment as MsgCreateDeploymentV1beta4, MsgCreateProvider as MsgCreateProviderV1beta4, MsgUpdateProvider as MsgUpdateProviderV1beta4 } from '@akashnetwork/chain-sdk/private-types/akash.v1beta4'
import { MsgCreateProvider, MsgUpdateProvider } from '@akashnetwork/akash-api/akash/provider/v1beta3'
import { MsgAccountDeposit, Take_QueryParamsRequest, Take_QueryParamsResponse } from '@akashnetwork/chain-sdk/private-types/akash.v1'
import { QueryParamsRequest, QueryParamsResponse } from 'cosmjs-types/cosmos/params/v1beta1/query'
import { QuerySupplyOfRequest, QuerySupplyOfResponse } from 'cosmjs-types/cosmos/bank/v1beta1/query'

/** x/bank supply of uakt after block `height` (abci_query SupplyOf, decoded here) */
export async function bankSupplyAt(base: string, height: number): Promise<bigint> {
  const r = await abci(base, '/cosmos.bank.v1beta1.Query/SupplyOf', QuerySupplyOfRequest.encode({ denom: 'uakt' }).finish(), height)
  if (r.code !== 0) throw new Error(`SupplyOf at ${height}: code ${r.code}`)
  return BigInt(QuerySupplyOfResponse.decode(r.value).amount!.amount)
}

const SCALE = 10n ** 18n
const USDC = 'ibc/170C677610AC31DF0904FFE09CD3B5C657492170E7E52372E48756B71E56F2F1'

/** POST abci_query -> { code, value bytes } */
async function abci(base: string, path: string, data: Uint8Array, height: number) {
  const r = (await (await fetch(base, { method: 'POST', body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'abci_query', params: { path, data: Buffer.from(data).toString('hex'), height: String(height) } }) })).json()) as any
  return { code: r.result.response.code as number, value: Buffer.from(r.result.response.value ?? '', 'base64') }
}

/** x/take rates (percent) after block `height`: the v1 query service, else the v0.38 x/params subspace */
export async function takeRatesAt(base: string, height: number): Promise<{ rates: Record<string, bigint>; def: bigint }> {
  const v1 = await abci(base, '/akash.take.v1.Query/Params', Take_QueryParamsRequest.encode({}).finish(), height)
  if (v1.code === 0) {
    const p = Take_QueryParamsResponse.decode(v1.value).params!
    return { rates: Object.fromEntries(p.denomTakeRates.map((d) => [d.denom, BigInt(d.rate)])), def: BigInt(p.defaultTakeRate) }
  }
  const get = async (key: string) => JSON.parse(QueryParamsResponse.decode((await abci(base, '/cosmos.params.v1beta1.Query/Params', QueryParamsRequest.encode({ subspace: 'take', key }).finish(), height)).value).param!.value)
  const denoms = (await get('DenomTakeRates')) as { denom: string; rate: number }[]
  return { rates: Object.fromEntries(denoms.map((d) => [d.denom, BigInt(d.rate)])), def: BigInt(await get('DefaultTakeRate')) }
}

async function get(base: string, path: string) {
  const r = (await (await fetch(`${base}/${path}`)).json()) as { result: any; error?: unknown }
  if (r.error) throw new Error(`${path}: ${JSON.stringify(r.error)}`)
  return r.result
}

/** "12.5" -> 12.5 x 1e18 (written independently of the indexer's parser) */
function dec(s: string): bigint {
  const [i, f = ''] = s.split('.')
  return BigInt(i) * SCALE + BigInt((f + '0'.repeat(18)).slice(0, 18))
}

export interface AkashDay {
  feesAkt: bigint
  feesUsdc: bigint
  takeAkt: bigint
  takeUsdc: bigint
  minted: bigint
  /** uakt of x/bank burn events */
  burned: bigint
  leasesOpened: number
  leasesClosed: number
  providers: number
  providersDeleted: number
}

/** account -> UTC day (YYYY-MM-DD) -> fees booked that day in uakt and USDC (+ ACT) base units, and the take on them */
export type AccountDays = Map<string, Map<string, { akt: bigint; usdc: bigint; takeAkt: bigint; takeOther: bigint }>>

export interface AkashRecompute {
  byProvider: AccountDays
  byPayer: AccountDays
  /** provider -> GPU models (vendor/model) of its last on-chain attributes */
  declaredGpus: Map<string, string[]>
  /** heights after which the take parameters changed (passed proposals), and the uakt rate from then on */
  takeChanges: { height: number; uakt: bigint }[]
  days: Map<string, AkashDay>
  /** lease id -> { spent x 1e18, closed, denom, price x 1e18, gpu, its group's resources, heights } */
  leases: Map<string, { spent: bigint; closed: boolean; denom: string; price: bigint; gpu: number; owner: string; provider: string; opened: number; closedAt: number | null; openedDay: string; closedDay: string | null; res: GroupRes }>
  events: number
  /** failed transactions (skipped: they change no state) */
  failedTxs: number
  /** module events of each generation (legacy message events, typed events) */
  legacyEvents: number
  typedEvents: number
}

/** a deployment group's resources: millicores, bytes, GPUs per unit model (models a unit accepts joined with |) */
export interface GroupRes { cpu: bigint; memory: bigint; storage: bigint; gpus: Record<string, number> }

/** The v1 typed events the figures need, by type, as (module, action) of the legacy form. */
const TYPED: Record<string, [string, string]> = {
  'akash.provider.v1beta4.EventProviderCreated': ['provider', 'provider-created'],
  'akash.provider.v1beta4.EventProviderUpdated': ['provider', 'provider-updated'],
  'akash.provider.v1beta4.EventProviderDeleted': ['provider', 'provider-deleted'],
  'akash.deployment.v1.EventDeploymentCreated': ['deployment', 'deployment-created'],
  'akash.deployment.v1.EventDeploymentClosed': ['deployment', 'deployment-closed'],
  'akash.deployment.v1.EventGroupClosed': ['deployment', 'group-closed'],
  'akash.market.v1.EventOrderCreated': ['market', 'order-created'],
  'akash.market.v1.EventBidCreated': ['market', 'bid-created'],
  'akash.market.v1.EventBidClosed': ['market', 'bid-closed'],
  'akash.market.v1.EventLeaseCreated': ['market', 'lease-created'],
  'akash.market.v1.EventLeaseClosed': ['market', 'lease-closed'],
}

export async function recomputeAkash(rpc: string, head: number): Promise<AkashRecompute> {
  const days = new Map<string, AkashDay>()
  const day = (t: number) => {
    const k = new Date(t).toISOString().slice(0, 10)
    let d = days.get(k)
    if (!d) days.set(k, (d = { feesAkt: 0n, feesUsdc: 0n, takeAkt: 0n, takeUsdc: 0n, minted: 0n, burned: 0n, leasesOpened: 0, leasesClosed: 0, providers: 0, providersDeleted: 0 }))
    return d
  }
  interface Dep { denom: string; balance: bigint; dry: boolean; open: boolean; gpus: Record<string, number>; res: Record<string, GroupRes> }
  interface L { owner: string; provider: string; dep: string; denom: string; price: bigint; opened: number; closed: number | null; cum: bigint; booked: bigint; gpu: number; res: GroupRes; openedDay: string; closedDay: string | null }
  const deps = new Map<string, Dep>()
  const leases = new Map<string, L>()
  let take = await takeRatesAt(rpc, 1)
  const declaredGpus = new Map<string, string[]>()
  const byProvider: AccountDays = new Map()
  const byPayer: AccountDays = new Map()
  const PROVIDER_MSGS: Record<string, { decode(b: Uint8Array): { owner: string; attributes: { key: string; value: string }[] } }> = {
    '/akash.provider.v1beta3.MsgCreateProvider': MsgCreateProvider, '/akash.provider.v1beta3.MsgUpdateProvider': MsgUpdateProvider,
    '/akash.provider.v1beta4.MsgCreateProvider': MsgCreateProviderV1beta4, '/akash.provider.v1beta4.MsgUpdateProvider': MsgUpdateProviderV1beta4,
  }
  const takeChanges: { height: number; uakt: bigint }[] = []
  let lastHour: number | null = null
  let events = 0
  let failedTxs = 0
  let legacyEvents = 0
  let typedEvents = 0
  const book = (l: L, t: number) => {
    const paid = l.cum / SCALE - l.booked / SCALE
    l.booked = l.cum
    if (paid <= 0n) return
    // node v2 (ACT) has no x/take: providers are paid ACT whole
    const rate = l.denom === 'uact' ? 0n : take.rates[l.denom] ?? take.def
    const tk = (paid * rate) / 100n
    const dk = new Date(t).toISOString().slice(0, 10)
    for (const [m, who] of [[byProvider, l.provider], [byPayer, l.owner]] as const) {
      const days = m.get(who) ?? new Map<string, { akt: bigint; usdc: bigint; takeAkt: bigint; takeOther: bigint }>()
      m.set(who, days)
      const v = days.get(dk) ?? { akt: 0n, usdc: 0n, takeAkt: 0n, takeOther: 0n }
      days.set(dk, v)
      // USDC and ACT (6 decimals, 1 USD each): the "other" fee assets
      if (l.denom === 'uakt') (v.akt += paid), (v.takeAkt += tk)
      else (v.usdc += paid), (v.takeOther += tk)
    }
    const d = day(t)
    if (l.denom === 'uakt') {
      d.feesAkt += paid
      d.takeAkt += tk
    } else {
      d.feesUsdc += paid
      d.takeUsdc += tk
    }
  }
  const bookDep = (key: string, t: number) => {
    for (const l of leases.values()) if (l.dep === key && l.closed == null) book(l, t)
  }
  // fetch everything first (16 requests in flight), then replay in height order
  const fetched: [any, any][] = new Array(head + 1)
  let nextH = 1
  await Promise.all(
    Array.from({ length: 16 }, async () => {
      while (nextH <= head) {
        const h = nextH++
        fetched[h] = await Promise.all([get(rpc, `block?height=${h}`), get(rpc, `block_results?height=${h}`)])
      }
    }),
  )
  for (let h = 1; h <= head; h++) {
    const [b, r0] = fetched[h]
    // the devnet's v0.38 node is Tendermint 0.34: no finalize_block_events, attribute keys and values base64
    const unb64 = (es: any[] | null) => (es ?? []).map((e: any) => ({ ...e, attributes: (e.attributes ?? []).map((a: any) => ({ key: Buffer.from(a.key, 'base64').toString(), value: Buffer.from(a.value ?? '', 'base64').toString() })) }))
    const r = r0.finalize_block_events ? r0 : { ...r0, begin_block_events: unb64(r0.begin_block_events), end_block_events: unb64(r0.end_block_events), txs_results: (r0.txs_results ?? []).map((t: any) => ({ ...t, events: unb64(t.events) })) }
    const t = Date.parse(b.block.header.time)
    // 1. charge block h
    for (const [key, d] of deps) {
      if (!d.open || d.dry) continue
      const running = [...leases.values()].filter((l) => l.dep === key && l.opened < h && l.closed == null)
      const rate = running.reduce((s, l) => s + l.price, 0n)
      if (rate === 0n) continue
      if (d.balance < rate) {
        d.dry = true
        continue
      }
      d.balance -= rate
      for (const l of running) l.cum += l.price
    }
    // 2. the hourly booking of open deployments at the first block of an hour
    const hour = Math.floor(t / 3_600_000)
    if (lastHour != null && hour !== lastHour) for (const [key, d] of deps) if (d.open) bookDep(key, t)
    lastHour = hour
    for (const e of [...(r.begin_block_events ?? []), ...(r.finalize_block_events ?? [])]) {
      if (e.type !== 'mint') continue
      events++
      day(t).minted += BigInt(e.attributes.find((a: any) => a.key === 'amount').value)
    }
    // x/bank burns (block events: the devnet's x/gov burns vetoed deposits at the end block)
    for (const e of [...(r.begin_block_events ?? []), ...(r.end_block_events ?? []), ...(r.finalize_block_events ?? []), ...(r.txs_results ?? []).flatMap((x: any) => (x.code === 0 ? x.events : []))]) {
      if (e.type !== 'burn') continue
      events++
      const m = /^(\d+)uakt$/.exec(e.attributes.find((a: any) => a.key === 'amount').value)
      if (m) day(t).burned += BigInt(m[1])
    }
    const txs: string[] = b.block.data.txs ?? []
    for (let i = 0; i < txs.length; i++) {
      const res = r.txs_results[i]
      if (res.code !== 0) {
        failedTxs++
        continue
      }
      const body = TxBody.decode(TxRaw.decode(Buffer.from(txs[i], 'base64')).bodyBytes)
      const created = new Map<string, any>()
      const deposits: any[] = []
      for (const m of body.messages) {
        if (m.typeUrl === '/akash.deployment.v1beta3.MsgCreateDeployment') {
          const v = MsgCreateDeployment.decode(m.value)
          created.set(`${v.id!.owner}/${v.id!.dseq}`, v)
        }
        if (m.typeUrl === '/akash.deployment.v1beta4.MsgCreateDeployment') {
          const v = MsgCreateDeploymentV1beta4.decode(m.value)
          created.set(`${v.id!.owner}/${v.id!.dseq}`, { ...v, deposit: v.deposit!.amount })
        }
        if (m.typeUrl === '/akash.deployment.v1beta3.MsgDepositDeployment') deposits.push(MsgDepositDeployment.decode(m.value))
        if (PROVIDER_MSGS[m.typeUrl]) {
          const v = PROVIDER_MSGS[m.typeUrl].decode(m.value)
          const models = v.attributes.map((x) => x.key.split('/')).filter((k) => k[0] === 'capabilities' && k[1] === 'gpu' && k[2] === 'vendor' && k[4] === 'model').map((k) => `${k[3]}/${k[5]}`)
          declaredGpus.set(v.owner, [...new Set(models)].sort())
        }
        if (m.typeUrl === '/akash.escrow.v1.MsgAccountDeposit') {
          const v = MsgAccountDeposit.decode(m.value)
          const [owner, dseq] = v.id!.xid.split('/')
          deposits.push({ id: { owner, dseq }, amount: v.deposit!.amount })
        }
      }
      for (const e of res.events) {
        const a: Record<string, string> = {}
        if (TYPED[e.type]) {
          // typed event: each attribute's value is JSON; id and price are objects
          ;[a.module, a.action] = TYPED[e.type]
          for (const x of e.attributes) {
            if (x.key === 'msg_index') continue
            const v = JSON.parse(x.value)
            if (x.key === 'id' || x.key === 'owner') Object.assign(a, typeof v === 'string' ? { owner: v } : { owner: v.owner, dseq: v.dseq, gseq: String(v.gseq), oseq: String(v.oseq), provider: v.provider })
            if (x.key === 'price') Object.assign(a, { 'price-denom': v.denom, 'price-amount': v.amount })
          }
          typedEvents++
        } else {
          for (const x of e.attributes) a[x.key] = x.value
          if (e.type !== 'message' || !['deployment', 'market', 'provider'].includes(a.module) || !a.action || a.action.startsWith('/')) continue
          legacyEvents++
        }
        events++
        const dkey = `${a.owner}/${a.dseq}`
        switch (a.action) {
          case 'provider-created':
            day(t).providers++
            break
          case 'provider-deleted':
            day(t).providersDeleted++
            declaredGpus.delete(a.owner)
            break
          case 'deployment-created': {
            const m = created.get(dkey)
            const gpus: Record<string, number> = {}
            const res: Record<string, GroupRes> = {}
            const q = (v: any) => BigInt(new TextDecoder().decode(v?.val ?? new Uint8Array()) || '0')
            m.groups.forEach((g: any, gi: number) => {
              let n = 0
              const r: GroupRes = { cpu: 0n, memory: 0n, storage: 0n, gpus: {} }
              for (const ru of g.resources) {
                const c = BigInt(ru.count)
                const units = Number(q(ru.resource.gpu?.units)) * ru.count
                n += units
                r.cpu += q(ru.resource.cpu?.units) * c
                r.memory += q(ru.resource.memory?.quantity) * c
                for (const s of ru.resource.storage ?? []) r.storage += q(s.quantity) * c
                if (units > 0) {
                  // vendor/<v>/model/<m> (not the longer .../ram/<r> keys)
                  const models = (ru.resource.gpu?.attributes ?? []).map((x: any) => x.key.split('/')).filter((k: string[]) => k.length === 4 && k[0] === 'vendor' && k[2] === 'model').map((k: string[]) => `${k[1]}/${k[3]}`)
                  const key = models.length ? [...new Set(models)].sort().join('|') : 'unknown'
                  r.gpus[key] = (r.gpus[key] ?? 0) + units
                }
              }
              gpus[String(gi + 1)] = n
              res[String(gi + 1)] = r
            })
            deps.set(dkey, { denom: m.deposit.denom, balance: BigInt(m.deposit.amount) * SCALE, dry: false, open: true, gpus, res })
            break
          }
          case 'lease-created': {
            bookDep(dkey, t)
            const id = `${a.owner}/${a.dseq}/${a.gseq}/${a.oseq}/${a.provider}`
            leases.set(id, { owner: a.owner, provider: a.provider, dep: dkey, denom: a['price-denom'], price: dec(a['price-amount']), opened: h, closed: null, cum: 0n, booked: 0n, gpu: deps.get(dkey)?.gpus[a.gseq] ?? 0, res: deps.get(dkey)!.res[a.gseq], openedDay: new Date(t).toISOString().slice(0, 10), closedDay: null })
            day(t).leasesOpened++
            break
          }
          case 'lease-closed': {
            bookDep(dkey, t)
            const l = leases.get(`${a.owner}/${a.dseq}/${a.gseq}/${a.oseq}/${a.provider}`)!
            l.closed = h
            l.closedDay = new Date(t).toISOString().slice(0, 10)
            day(t).leasesClosed++
            break
          }
          case 'deployment-closed': {
            bookDep(dkey, t)
            deps.get(dkey)!.open = false
            break
          }
        }
      }
      for (const dp of deposits) {
        const key = `${dp.id.owner}/${dp.id.dseq}`
        const d = deps.get(key)
        if (!d || dp.amount.denom !== d.denom) continue
        bookDep(key, t)
        d.balance += BigInt(dp.amount.amount) * SCALE
        d.dry = false
      }
    }
    // a passed governance proposal in this block's end block: the parameters after it apply from the next block
    const endEvents = [...(r.end_block_events ?? []), ...(r.finalize_block_events ?? [])]
    if (endEvents.some((e: any) => e.type === 'active_proposal' && e.attributes.some((a: any) => a.key === 'proposal_result' && a.value === 'proposal_passed'))) {
      take = await takeRatesAt(rpc, h)
      takeChanges.push({ height: h, uakt: take.rates.uakt ?? take.def })
    }
  }
  return {
    byProvider,
    byPayer,
    declaredGpus,
    takeChanges,
    days,
    leases: new Map([...leases].map(([id, l]) => [id, { spent: l.cum, closed: l.closed != null, denom: l.denom, price: l.price, gpu: l.gpu, owner: l.owner, provider: l.provider, opened: l.opened, closedAt: l.closed, openedDay: l.openedDay, closedDay: l.closedDay, res: l.res }])),
    events,
    failedTxs,
    legacyEvents,
    typedEvents,
  }
}
