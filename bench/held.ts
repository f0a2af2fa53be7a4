/**
 * A dataset kept up between benchmark runs: `npm run bench -- --sizes 10m --only ingest --hold F` builds and
 * indexes a dataset, writes what a later run needs to reach it (database URL, devnet RPC URLs, config, the
 * dataset's figures) to F and keeps the stack up until SIGINT/SIGTERM; `npm run bench -- --attach F --only
 * api,exports,dashboard` then measures the other workloads on it (with the code of its own checkout) and adds
 * them to the same results file. Building and indexing a 10 M-event dataset takes well over an hour on a 2-core machine
 * (BENCHMARKS.md, "10 M events"), so the API, export and dashboard figures can follow code changes without rebuilding it.
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { loadConfig } from '../common/config'
import { watchedOnChain } from '../indexer/registry'
import type { ChainData, Dataset, SourceChainData } from './dataset'

export interface HoldInfo {
  label: string
  /** when the held run started, and its commit: the attached run's figures are added to that run's results */
  date: string
  commit: string
  url: string
  dataDir: string
  env: Record<string, string>
  spec: Dataset['spec']
  events: number
  blocks: number
  generationSeconds: number
  chains: { chainId: number; httpUrl: string; wsUrl: string; head: number; addresses: string[]; logs: number }[]
  /** Filecoin, Akash, Helium (absent in hold files written before they were part of the datasets) */
  sourceChains?: (Omit<SourceChainData, 'chain'> & { chainId: number })[]
  evmEvents?: number
}

export function writeHoldInfo(file: string, ds: Dataset, run: { label: string; date: string; commit: string }): void {
  const info: HoldInfo = {
    ...run, url: ds.db.url, dataDir: ds.dataDir, env: ds.config.env, spec: ds.spec, events: ds.events, blocks: ds.blocks, generationSeconds: ds.generationSeconds,
    chains: ds.chains.map((c) => ({ chainId: c.chain.chainId, httpUrl: c.httpUrl, wsUrl: c.wsUrl, head: c.head, addresses: c.addresses, logs: c.logs })),
    sourceChains: ds.sourceChains.map(({ chain, ...c }) => ({ ...c, chainId: chain.chainId })), evmEvents: ds.evmEvents,
  }
  writeFileSync(file, JSON.stringify(info, null, 2) + '\n')
}

/** The held dataset as a Dataset whose stop() leaves it up (the holding process owns it). */
export async function attachDataset(file: string): Promise<{ ds: Dataset; info: HoldInfo }> {
  let info: HoldInfo
  try {
    info = JSON.parse(readFileSync(file, 'utf8')) as HoldInfo
  } catch (e) {
    throw new Error(`--attach ${file}: not a hold file written by --hold (${(e as Error).message})`)
  }
  const config = loadConfig(info.env)
  const chains: ChainData[] = info.chains.map((c) => {
    const chain = config.chains.find((x) => x.chain.chainId === c.chainId)?.chain
    if (!chain) throw new Error(`--attach ${file}: chain ${c.chainId} is not in the registry`)
    return { chain, httpUrl: c.httpUrl, wsUrl: c.wsUrl, head: c.head, addresses: c.addresses, watched: watchedOnChain(chain), logs: c.logs, generationSeconds: 0 }
  })
  const sourceChains: SourceChainData[] = (info.sourceChains ?? []).map(({ chainId, ...c }) => {
    const chain = config.chains.find((x) => x.chain.chainId === chainId)?.chain
    if (!chain) throw new Error(`--attach ${file}: chain ${chainId} is not in the registry`)
    return { ...c, chain }
  })
  // the stack must still be up: the database answers and every chain is at (at least) its head
  const pg = (await import('pg')).default
  const client = new pg.Client({ connectionString: info.url })
  await client.connect().catch((e: Error) => {
    throw new Error(`--attach ${file}: the held database at ${info.url} does not answer (is the --hold run still up?): ${e.message}`)
  })
  await client.end()
  const ds: Dataset = {
    spec: info.spec, config, db: { url: info.url, embedded: true, stop: async () => {} }, devnet: undefined as unknown as Dataset['devnet'],
    dataDir: info.dataDir, chains, sourceChains, evmEvents: info.evmEvents ?? info.events, events: info.events, blocks: info.blocks, generationSeconds: info.generationSeconds,
    stop: async () => {},
  }
  return { ds, info }
}
