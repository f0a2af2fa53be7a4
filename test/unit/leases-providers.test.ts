import { describe, expect, it } from 'vitest'
import { EconomicFact, FactKind, Lease, Provider } from '../../indexer/model'
import { networkById, type LeaseTerms } from '../../indexer/registry'
import { applyLeaseFacts } from '../../indexer/rollup/leases'
import { applyProviderFacts } from '../../indexer/rollup/providers'

let n = 0
function fact(kind: FactKind, o: Partial<EconomicFact> & { blockNumber: number }): EconomicFact {
  n++
  return new EconomicFact({
    id: `f${n}`, network: 'spheron', category: 'compute', kind, asset: 'uSPON', amount: 0n, decimals: 6, actor: null,
    counterparty: null, subject: null, unit: null, chainId: 8453, timestamp: new Date(o.blockNumber * 1000), txHash: `0xtx${o.blockNumber}`,
    logIndex: n, rawEvent: `r${n}`, provenance: 'onchain', ...o,
  })
}
const P = '0xprovider'
const T = '0xtenant'

describe('applyLeaseFacts', () => {
  it('opens, re-prices and closes a lease; the closing carries the spent amount and its provenance', () => {
    const open = fact(FactKind.LEASE_OPENED, { blockNumber: 10, subject: '7', actor: P, counterparty: T })
    const upd = fact(FactKind.LEASE_UPDATED, { blockNumber: 20, subject: '7', actor: P, counterparty: T })
    const close = fact(FactKind.LEASE_CLOSED, { blockNumber: 30, subject: '7', actor: P, counterparty: T, provenance: 'inferred' })
    const terms = new Map<string, LeaseTerms>([
      [open.id, { price: 5n, priceAsset: 'uSPON', priceDecimals: 18, priceUnit: 'block (2 s)', resources: { fizzId: '3' } }],
      [upd.id, { price: 9n, priceAsset: 'uSPON', priceDecimals: 18, priceUnit: 'block (2 s)' }],
      [close.id, { spent: 123n, provenance: 'inferred' }],
    ])
    const [first] = applyLeaseFacts([], [open], terms)
    expect(first).toMatchObject({ id: 'spheron-7', status: 'OPEN', price: 5n, provider: P, payer: T, openedBlock: 10, resources: { fizzId: '3' } })
    const [second] = applyLeaseFacts([first], [upd, close], terms)
    expect(second).toMatchObject({ id: 'spheron-7', status: 'CLOSED', price: 9n, openedBlock: 10, closedBlock: 30, closedTx: '0xtx30', spent: 123n, provenance: 'inferred' })
  })

  it('a lease id rented again after it closed gets its own row; a close without an indexed opening is kept', () => {
    const closed = new Lease({ id: 'spheron-8', network: 'spheron', category: 'compute', chainId: 8453, leaseId: '8', status: 'CLOSED', provenance: 'onchain', openedBlock: 1, closedBlock: 2 })
    const again = fact(FactKind.LEASE_OPENED, { blockNumber: 40, subject: '8', actor: P })
    const orphan = fact(FactKind.LEASE_CLOSED, { blockNumber: 41, subject: '99', actor: P })
    const rows = applyLeaseFacts([closed], [again, orphan], new Map())
    expect(rows.map((r) => [r.id, r.status, r.openedBlock, r.closedBlock])).toEqual([
      [`spheron-8-40-${again.logIndex}`, 'OPEN', 40, null],
      ['spheron-99', 'CLOSED', null, 41],
    ])
  })

  it('ignores facts that are not about a lease or have no lease id', () => {
    expect(applyLeaseFacts([], [fact(FactKind.FEE_PAID, { blockNumber: 1, subject: '1' }), fact(FactKind.LEASE_OPENED, { blockNumber: 2 })], new Map())).toEqual([])
  })
})

describe('applyProviderFacts', () => {
  it('sums capacity (never below zero), fees in the fee asset, rewards in the token, leases and activity span', () => {
    const facts = [
      fact(FactKind.NODE_REGISTERED, { blockNumber: 5, actor: P, asset: 'providers', amount: 2n, unit: 'providers' }),
      fact(FactKind.FEE_PAID, { blockNumber: 6, actor: P, amount: 100n }),
      fact(FactKind.FEE_PAID, { blockNumber: 7, actor: P, asset: 'OTHER', amount: 1000n }),
      fact(FactKind.REWARD_EMITTED, { blockNumber: 8, actor: P, amount: 7n }),
      fact(FactKind.LEASE_OPENED, { blockNumber: 9, actor: P, subject: '1' }),
      fact(FactKind.NODE_DEREGISTERED, { blockNumber: 11, actor: P, asset: 'providers', amount: 5n, unit: 'providers' }),
      fact(FactKind.SUPPLY_MINT, { blockNumber: 12, actor: P, amount: 1n }),
    ]
    const [p] = applyProviderFacts([], facts, networkById)
    expect(p).toMatchObject({
      id: `spheron-${P}`, capacity: 0n, unit: 'providers', feesNative: 100n, rewardsNative: 7n, leasesOpened: 1, leasesClosed: 0,
      facts: 6, firstBlock: 5, lastBlock: 11,
    })
    const [again] = applyProviderFacts([p], [fact(FactKind.NODE_REGISTERED, { blockNumber: 20, actor: P, amount: 3n, unit: 'providers' })], networkById)
    expect(again).toMatchObject({ capacity: 3n, firstBlock: 5, lastBlock: 20, facts: 7 })
  })

  it('fee recipients that are not providers (GEODNET burns, ioID fee receiver) get no row', () => {
    const burn = fact(FactKind.FEE_PAID, { blockNumber: 1, network: 'geodnet', actor: '0xdead', asset: 'GEOD', amount: 5n })
    expect(applyProviderFacts([] as Provider[], [burn], networkById)).toEqual([])
  })
})
