/**
 * Lease rows from LEASE_OPENED / LEASE_CLOSED facts, for every network alike. Pure: the stored rows of the
 * leases a batch touches and the batch's facts in, the new and changed rows out (written in the batch
 * transaction, so a reorg rolls them back).
 */
import { FactKind, Lease, type EconomicFact } from '../model'
import type { LeaseTerms } from '../registry'

const LEASE_KINDS: FactKind[] = [FactKind.LEASE_OPENED, FactKind.LEASE_UPDATED, FactKind.LEASE_CLOSED]

export const leaseKey = (network: string, leaseId: string) => `${network}\u0000${leaseId}`

/** The (network, leaseId) pairs a batch touches, to load their stored rows. */
export function leaseIdsOf(facts: EconomicFact[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>()
  for (const f of facts) {
    if (!LEASE_KINDS.includes(f.kind) || !f.subject) continue
    let s = out.get(f.network)
    if (!s) out.set(f.network, (s = new Set()))
    s.add(f.subject)
  }
  return out
}

const resourcesJson = (r: LeaseTerms['resources']) => (r ? { ...r } : null)

/**
 * Applies a batch's lease facts (in chain order) to the stored rows of the same leases.
 * A LEASE_OPENED of a lease that is open, or a LEASE_UPDATED, updates its terms; of a lease id that closed before (a licence rented
 * anew) opens a new row with `-<block>-<logIndex>` appended to the id. A LEASE_CLOSED without an open row (opened
 * before the indexed range) creates a closed row with no opening.
 */
export function applyLeaseFacts(
  stored: Lease[],
  facts: EconomicFact[],
  terms: Map<string, LeaseTerms>,
): Lease[] {
  const ids = new Set(stored.map((l) => l.id))
  const open = new Map<string, Lease>()
  for (const l of stored) if (l.status === 'OPEN') open.set(leaseKey(l.network, l.leaseId), l)
  const changed = new Map<string, Lease>()
  const newId = (f: EconomicFact) => {
    const base = `${f.network}-${f.subject}`
    const id = ids.has(base) ? `${base}-${f.blockNumber}-${f.logIndex}` : base
    ids.add(id)
    return id
  }
  for (const f of facts) {
    if (!LEASE_KINDS.includes(f.kind) || !f.subject) continue
    const t = terms.get(f.id)
    const key = leaseKey(f.network, f.subject)
    let row = open.get(key)
    if (f.kind === FactKind.LEASE_OPENED || f.kind === FactKind.LEASE_UPDATED) {
      if (!row) {
        // an update of a lease opened before the indexed range: open, with no known opening
        const opened = f.kind === FactKind.LEASE_OPENED
        row = new Lease({
          id: newId(f), network: f.network, category: f.category, chainId: f.chainId, leaseId: f.subject, status: 'OPEN',
          provider: f.actor ?? null, payer: f.counterparty ?? null,
          price: null, priceAsset: null, priceDecimals: null, priceUnit: null, resources: null,
          openedAt: opened ? f.timestamp : null, openedBlock: opened ? f.blockNumber : null, openedTx: opened ? f.txHash : null,
          closedAt: null, closedBlock: null, closedTx: null, spent: null, provenance: f.provenance,
        })
        open.set(key, row)
      }
      // LEASE_UPDATED (and a LEASE_OPENED of a lease that is open) changes the terms
      if (f.actor) row.provider = f.actor
      if (f.counterparty) row.payer = f.counterparty
      if (t) {
        if (t.price !== undefined) row.price = t.price
        if (t.priceAsset !== undefined) row.priceAsset = t.priceAsset
        if (t.priceDecimals !== undefined) row.priceDecimals = t.priceDecimals
        if (t.priceUnit !== undefined) row.priceUnit = t.priceUnit
        if (t.resources !== undefined) row.resources = resourcesJson(t.resources)
        row.provenance = t.provenance ?? f.provenance
      }
    } else {
      if (!row) {
        row = new Lease({
          id: newId(f), network: f.network, category: f.category, chainId: f.chainId, leaseId: f.subject,
          provider: f.actor ?? null, payer: f.counterparty ?? null,
          price: null, priceAsset: null, priceDecimals: null, priceUnit: null, resources: null,
          openedAt: null, openedBlock: null, openedTx: null, spent: null, provenance: f.provenance,
        })
      }
      open.delete(key)
      row.status = 'CLOSED'
      row.closedAt = f.timestamp
      row.closedBlock = f.blockNumber
      row.closedTx = f.txHash
      if (!row.provider && f.actor) row.provider = f.actor
      if (!row.payer && f.counterparty) row.payer = f.counterparty
      if (t?.spent !== undefined) {
        row.spent = t.spent
        row.provenance = t.provenance ?? f.provenance
      }
      if (t?.priceAsset !== undefined && row.priceAsset == null) row.priceAsset = t.priceAsset
      if (t?.priceDecimals !== undefined && row.priceDecimals == null) row.priceDecimals = t.priceDecimals
    }
    changed.set(row.id, row)
  }
  return [...changed.values()]
}
