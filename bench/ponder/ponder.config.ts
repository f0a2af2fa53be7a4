/**
 * Ponder configuration of the ingest benchmark: the same chains, contracts (addresses and the event
 * ABIs the project's indexer decodes) and block range as the indexer, read from the spec that
 * bench/ponder.ts writes (BENCH_PONDER_SPEC). Not used by the project itself.
 */
import { readFileSync } from 'node:fs'
import { createConfig } from 'ponder'

export interface PonderSpec {
  chains: { name: string; id: number; rpc: string; endBlock: number }[]
  contracts: { name: string; chain: string; address: string; abi: unknown[]; endBlock: number }[]
}

const spec: PonderSpec = JSON.parse(readFileSync(process.env.BENCH_PONDER_SPEC!, 'utf8'))

export default createConfig({
  // each chain on its own, as the project's indexer runs one process per chain
  ordering: 'multichain',
  database: { kind: 'postgres', connectionString: process.env.DATABASE_URL! },
  chains: Object.fromEntries(spec.chains.map((c) => [c.name, { id: c.id, rpc: c.rpc, pollingInterval: 200 }])),
  contracts: Object.fromEntries(
    spec.contracts.map((c) => [c.name, { chain: c.chain, address: c.address as `0x${string}`, abi: c.abi as any, startBlock: 0, endBlock: c.endBlock }]),
  ) as any,
})
