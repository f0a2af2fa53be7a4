/**
 * Provider rows from facts, for every network alike. Pure: the stored rows of the providers a batch touches
 * and the batch's facts in, the changed rows out (written in the batch transaction).
 *
 * A provider is the actor of a supply-side fact (PROVIDER_FACTS, as for active providers, and NODE_DEREGISTERED) or, where the
 * registry says fees go to providers (`feeRecipient: 'provider'`, the default), of a FEE_PAID fact.
 */
import { PROVIDER_FACTS } from '../metrics'
import { FactKind, Provider, type EconomicFact } from '../model'
import type { NetworkDef } from '../registry'

export const providerId = (network: string, address: string) => `${network}-${address}`

export function providerFactsOf(facts: EconomicFact[], networkOf: (id: string) => NetworkDef | undefined): EconomicFact[] {
  return facts.filter((f) => {
    if (!f.actor) return false
    if (PROVIDER_FACTS.includes(f.kind) || f.kind === FactKind.NODE_DEREGISTERED) return true
    return f.kind === FactKind.FEE_PAID && (networkOf(f.network)?.feeRecipient ?? 'provider') === 'provider'
  })
}

export function applyProviderFacts(stored: Provider[], facts: EconomicFact[], networkOf: (id: string) => NetworkDef | undefined): Provider[] {
  const rows = new Map(stored.map((p) => [p.id, p]))
  const changed = new Map<string, Provider>()
  for (const f of providerFactsOf(facts, networkOf)) {
    const id = providerId(f.network, f.actor!)
    let p = rows.get(id)
    if (!p) {
      p = new Provider({
        id, network: f.network, category: f.category, address: f.actor!, firstSeen: f.timestamp, firstBlock: f.blockNumber,
        lastSeen: f.timestamp, lastBlock: f.blockNumber, capacity: 0n, unit: null, feesNative: 0n, rewardsNative: 0n,
        leasesOpened: 0, leasesClosed: 0, facts: 0,
      })
      rows.set(id, p)
    }
    const net = networkOf(f.network)
    p.capacity = BigInt(p.capacity)
    p.feesNative = BigInt(p.feesNative)
    p.rewardsNative = BigInt(p.rewardsNative)
    if (f.blockNumber >= p.lastBlock) {
      p.lastBlock = f.blockNumber
      p.lastSeen = f.timestamp
    }
    p.facts += 1
    switch (f.kind) {
      case FactKind.NODE_REGISTERED:
        p.capacity += f.amount
        p.unit = f.unit ?? p.unit
        break
      case FactKind.NODE_DEREGISTERED:
        // capacity registered before the indexed range is unknown: never below zero
        p.capacity = p.capacity > f.amount ? p.capacity - f.amount : 0n
        p.unit = f.unit ?? p.unit
        break
      case FactKind.FEE_PAID:
        if (!net || f.asset === net.feeAsset.symbol) p.feesNative += f.amount
        break
      case FactKind.REWARD_EMITTED:
        if (!net || f.asset === net.token.symbol) p.rewardsNative += f.amount
        break
      case FactKind.LEASE_OPENED:
        p.leasesOpened += 1
        break
      case FactKind.LEASE_CLOSED:
        p.leasesClosed += 1
        break
    }
    changed.set(id, p)
  }
  return [...changed.values()]
}
