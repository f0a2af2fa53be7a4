/**
 * Daily per-account rollups: what each provider received (ProviderEarningDay) and what each payer paid
 * (PayerDay) on a UTC day. Pure: a batch's facts in, per-day deltas out; merged into the stored rows in the
 * batch transaction (writer.ts), so reorgs roll them back.
 */
import { periodStart } from '../metrics'
import { FactKind, PayerDay, ProviderEarningDay, type EconomicFact } from '../model'
import type { NetworkDef } from '../registry'
import { providerFactsOf } from './providers'

/**
 * Whether an asset is one of the network's other fee assets (otherFeeAssets; Akash: USDC and ACT): its fees go to
 * the `feesOther` columns. Several are allowed only with the same decimals and fixed USD price (Akash's USDC and
 * ACT: 6 decimals, 1 USD), so `feesOther` stays one unit (base units worth the same in USD).
 */
export const isOtherFeeAsset = (net: NetworkDef | undefined, asset: string) => {
  const others = net?.otherFeeAssets ?? []
  if (others.some((o) => o.decimals !== others[0].decimals || o.usdPrice !== others[0].usdPrice)) {
    throw new Error(`network ${net!.id}: other fee assets of different decimals or USD price; feesOther holds base units of one decimals and price`)
  }
  return others.some((o) => o.symbol === asset)
}

const dayKey = (f: EconomicFact) => {
  const day = periodStart(f.timestamp, 'DAY')
  return { day, iso: day.toISOString().slice(0, 10) }
}

/** Provider earnings per day, from the same facts as Provider rows (providerFactsOf). */
export function providerEarningDeltas(facts: EconomicFact[], networkOf: (id: string) => NetworkDef | undefined): Map<string, ProviderEarningDay> {
  const out = new Map<string, ProviderEarningDay>()
  const row = (f: EconomicFact, provider: string) => {
    const { day, iso } = dayKey(f)
    const id = `${f.network}-${iso}-${provider}`
    let d = out.get(id)
    if (!d) out.set(id, (d = new ProviderEarningDay({ id, network: f.network, day, provider, feesNative: 0n, feesOther: 0n, takeNative: 0n, takeOther: 0n, rewardsNative: 0n, leasesOpened: 0, leasesClosed: 0, facts: 0 })))
    return d
  }
  // the take on a fee: PROTOCOL_TAKE of the same raw event and subject as a FEE_PAID to a provider (Akash: the lease's)
  const feeTo = new Map<string, string>()
  for (const f of facts) if (f.kind === FactKind.FEE_PAID && f.actor && f.subject) feeTo.set(`${f.rawEvent}|${f.subject}`, f.actor)
  for (const f of facts) {
    if (f.kind !== FactKind.PROTOCOL_TAKE || !f.subject) continue
    const provider = feeTo.get(`${f.rawEvent}|${f.subject}`)
    if (!provider) continue
    const net = networkOf(f.network)
    const d = row(f, provider)
    if (!net || f.asset === net.feeAsset.symbol) d.takeNative += f.amount
    else if (isOtherFeeAsset(net, f.asset)) d.takeOther += f.amount
  }
  for (const f of providerFactsOf(facts, networkOf)) {
    const d = row(f, f.actor!)
    const net = networkOf(f.network)
    d.facts += 1
    if (f.kind === FactKind.FEE_PAID && (!net || f.asset === net.feeAsset.symbol)) d.feesNative += f.amount
    else if (f.kind === FactKind.FEE_PAID && isOtherFeeAsset(net, f.asset)) d.feesOther += f.amount
    if (f.kind === FactKind.REWARD_EMITTED && (!net || f.asset === net.token.symbol)) d.rewardsNative += f.amount
    if (f.kind === FactKind.LEASE_OPENED) d.leasesOpened += 1
    if (f.kind === FactKind.LEASE_CLOSED) d.leasesClosed += 1
  }
  return out
}

/** Payments per payer and day: FEE_PAID facts with a counterparty, in the network's fee asset or its other fee asset. */
export function payerDeltas(facts: EconomicFact[], networkOf: (id: string) => NetworkDef | undefined): Map<string, PayerDay> {
  const out = new Map<string, PayerDay>()
  for (const f of facts) {
    if (f.kind !== FactKind.FEE_PAID || !f.counterparty) continue
    const net = networkOf(f.network)
    const other = net != null && f.asset !== net.feeAsset.symbol
    if (other && !isOtherFeeAsset(net, f.asset)) continue
    const { day, iso } = dayKey(f)
    const id = `${f.network}-${iso}-${f.counterparty}`
    let d = out.get(id)
    if (!d) out.set(id, (d = new PayerDay({ id, network: f.network, day, payer: f.counterparty, feesNative: 0n, feesOther: 0n, payments: 0 })))
    if (other) d.feesOther += f.amount
    else d.feesNative += f.amount
    d.payments += 1
  }
  return out
}

export function mergeProviderEarning(stored: ProviderEarningDay | undefined, d: ProviderEarningDay): ProviderEarningDay {
  if (!stored) return d
  stored.feesNative = BigInt(stored.feesNative) + d.feesNative
  stored.feesOther = BigInt(stored.feesOther ?? 0) + d.feesOther
  stored.takeNative = BigInt(stored.takeNative ?? 0) + d.takeNative
  stored.takeOther = BigInt(stored.takeOther ?? 0) + d.takeOther
  stored.rewardsNative = BigInt(stored.rewardsNative) + d.rewardsNative
  stored.leasesOpened += d.leasesOpened
  stored.leasesClosed += d.leasesClosed
  stored.facts += d.facts
  return stored
}

export function mergePayerDay(stored: PayerDay | undefined, d: PayerDay): PayerDay {
  if (!stored) return d
  stored.feesNative = BigInt(stored.feesNative) + d.feesNative
  stored.feesOther = BigInt(stored.feesOther ?? 0) + d.feesOther
  stored.payments += d.payments
  return stored
}
