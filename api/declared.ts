/**
 * Provider-declared capacity of a network now, where the chain has it (Akash: the capabilities providers declare
 * in their on-chain attributes, kept by the handler in NetworkState `declared-providers`). Declarations are
 * capabilities, not quantities: GPU models and storage classes per provider, flagged `declared`; how many GPUs,
 * cores or bytes a provider has is not on chain, so utilization (leased / declared) is not computed from them.
 */
import type pg from 'pg'
import { DECLARED_PROVIDERS, type ProviderDeclaration } from '../indexer/registry/akash'

export interface DeclaredCapacity {
  network: string
  /** providers with an on-chain declaration (registered and not deleted) */
  providers: number
  providersWithGpus: number
  gpuModels: { model: string; providers: number }[]
  storageClasses: { storageClass: string; providers: number }[]
  /** `declared`: what providers state on chain, not verified */
  provenance: string
  /** whether declared quantities (GPU count, CPU, memory, storage) are on chain: false for Akash */
  quantitiesOnChain: boolean
}

export async function declaredCapacity(pool: pg.Pool, network: string): Promise<DeclaredCapacity> {
  const r = await pool.query(`SELECT value FROM network_state WHERE id = $1`, [`${network}:${DECLARED_PROVIDERS}`])
  const all = Object.values((r.rows[0]?.value ?? {}) as Record<string, ProviderDeclaration>)
  const count = (pick: (d: ProviderDeclaration) => string[]) => {
    const m = new Map<string, number>()
    for (const d of all) for (const x of pick(d)) m.set(x, (m.get(x) ?? 0) + 1)
    return [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
  }
  return {
    network,
    providers: all.length,
    providersWithGpus: all.filter((d) => d.gpuModels.length > 0).length,
    gpuModels: count((d) => d.gpuModels).map(([model, providers]) => ({ model, providers })),
    storageClasses: count((d) => d.storageClasses).map(([storageClass, providers]) => ({ storageClass, providers })),
    provenance: 'declared',
    quantitiesOnChain: false,
  }
}
