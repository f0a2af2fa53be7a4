/**
 * Daily per-account rollups: what each provider received (ProviderEarningDay) and what each payer paid
 * (PayerDay) on a UTC day. Pure: a batch's facts in, per-day deltas out; merged into the stored rows in the
 * batch transaction (writer.ts), so reorgs roll them back.
 */
import { periodStart } from '../metrics'
import { FactKind, PayerDay, ProviderEarningDay, type EconomicFact } from '../model'
import type { NetworkDef } from '../registry'
import { providerFactsOf } from './providers'

const dayKey = (f: EconomicFact) => {
  const day = periodStart(f.timestamp, 'DAY')
  return { day, iso: day.toISOString().slice(0, 10) }
}

/** Provider earnings per day, from the same facts as Provider rows (providerFactsOf). */
export function providerEarningDeltas(facts: EconomicFact[], networkOf: (id: string) => NetworkDef | undefined): Map<string, ProviderEarningDay> {
  const out = new Map<string, ProviderEarningDay>()
  for (const f of providerFactsOf(facts, networkOf)) {
    const { day, iso } = dayKey(f)
    const id = `${f.network}-${iso}-${f.actor}`
    let d = out.get(id)
    if (!d) out.set(id, (d = new ProviderEarningDay({ id, network: f.network, day, provider: f.actor!, feesNative: 0n, rewardsNative: 0n, leasesOpened: 0, leasesClosed: 0, facts: 0 })))
    const net = networkOf(f.network)
    d.facts += 1
    if (f.kind === FactKind.FEE_PAID && (!net || f.asset === net.feeAsset.symbol)) d.feesNative += f.amount
    if (f.kind === FactKind.REWARD_EMITTED && (!net || f.asset === net.token.symbol)) d.rewardsNative += f.amount
    if (f.kind === FactKind.LEASE_OPENED) d.leasesOpened += 1
    if (f.kind === FactKind.LEASE_CLOSED) d.leasesClosed += 1
  }
  return out
}

/** Payments per payer and day: FEE_PAID facts in the network's fee asset with a counterparty. */
export function payerDeltas(facts: EconomicFact[], networkOf: (id: string) => NetworkDef | undefined): Map<string, PayerDay> {
  const out = new Map<string, PayerDay>()
  for (const f of facts) {
    if (f.kind !== FactKind.FEE_PAID || !f.counterparty) continue
    const net = networkOf(f.network)
    if (net && f.asset !== net.feeAsset.symbol) continue
    const { day, iso } = dayKey(f)
    const id = `${f.network}-${iso}-${f.counterparty}`
    let d = out.get(id)
    if (!d) out.set(id, (d = new PayerDay({ id, network: f.network, day, payer: f.counterparty, feesNative: 0n, payments: 0 })))
    d.feesNative += f.amount
    d.payments += 1
  }
  return out
}

export function mergeProviderEarning(stored: ProviderEarningDay | undefined, d: ProviderEarningDay): ProviderEarningDay {
  if (!stored) return d
  stored.feesNative = BigInt(stored.feesNative) + d.feesNative
  stored.rewardsNative = BigInt(stored.rewardsNative) + d.rewardsNative
  stored.leasesOpened += d.leasesOpened
  stored.leasesClosed += d.leasesClosed
  stored.facts += d.facts
  return stored
}

export function mergePayerDay(stored: PayerDay | undefined, d: PayerDay): PayerDay {
  if (!stored) return d
  stored.feesNative = BigInt(stored.feesNative) + d.feesNative
  stored.payments += d.payments
  return stored
}
