/**
 * The peer of the ingest benchmark: stock Ponder (bench/ponder/, its own package.json and lockfile, apart from the
 * project's dependencies) indexing the same contracts of the same devnet chains over the same block range, one row
 * per event into its own raw_event table, in its own schema of the same PostgreSQL server. Timed from process
 * start until its /ready endpoint reports the historical range done.
 */
import { execFileSync, spawn } from 'node:child_process'
import { createWriteStream, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { toEventSelector, type AbiEvent } from 'viem'
import { killOnExit } from '../common/logger'
import { freePort } from '../test/helpers/ports'
import type { ChainData, Dataset } from './dataset'
import { peakRss, seconds } from './measure'

const ponderDir = resolve(import.meta.dirname, 'ponder')
export const PONDER_SCHEMA = 'ponder_bench'

/** Installs Ponder from bench/ponder/package-lock.json when it is missing (npm ci; the registry must be reachable). */
export function ensurePonderInstalled(): string {
  const bin = join(ponderDir, 'node_modules/ponder/dist/esm/bin/ponder.js')
  if (!existsSync(bin)) execFileSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ponderDir, stdio: 'inherit' })
  return bin
}

export function ponderVersion(): string {
  return JSON.parse(readFileSync(join(ponderDir, 'node_modules/ponder/package.json'), 'utf8')).version
}

/** Every event fragment of the project's ABIs (indexer/abi/*.json) by topic0 (several where indexed flags differ, as ERC-20 and ERC-721 Transfer). */
function fragmentsByTopic(): Map<string, (AbiEvent & { file: string })[]> {
  const dir = resolve(import.meta.dirname, '../indexer/abi')
  const out = new Map<string, (AbiEvent & { file: string })[]>()
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
    for (const item of JSON.parse(readFileSync(join(dir, f), 'utf8')) as AbiEvent[]) {
      if (item.type !== 'event') continue
      const list = out.get(toEventSelector(item)) ?? []
      list.push({ ...item, file: f.replace(/\.json$/, '') })
      out.set(toEventSelector(item), list)
    }
  }
  return out
}

/** Ponder's view of the dataset: per contract the ABI of the events the project's indexer decodes there. */
export function ponderSpec(chains: ChainData[], rpcOf: (c: ChainData) => string) {
  const fragments = fragmentsByTopic()
  const contracts = chains.flatMap((c) => {
    const list: { name: string; chain: string; address: string; abi: AbiEvent[]; endBlock: number }[] = []
    for (const [address, w] of c.watched) {
      const abi = [...w.byTopic].map(([topic, e]) => {
        // the fragment with as many topics as the project's decoder reads
        const topics = (e.abi as unknown as { topicCount?: number }).topicCount
        const candidates = fragments.get(topic) ?? []
        // (a decoder of several layouts has no topic count: Ponder takes one ABI per event, the contract's own)
        const fits = topics == null ? candidates : candidates.filter((x) => x.inputs.filter((i) => i.indexed).length + 1 === topics)
        const own = w.kind === 'contract' ? fits.find((x) => x.file === w.contract.name) : undefined
        if (fits.length === 0) throw new Error(`no ABI fragment for ${e.name} (${topic}) in indexer/abi`)
        const { file: _, ...fragment } = own ?? fits[0]
        return fragment as AbiEvent
      })
      const name = w.kind === 'contract' ? `${w.network.id}_${w.contract.name}` : `${c.chain.id}_${w.feed.asset}_feed`
      list.push({ name: name.replace(/[^A-Za-z0-9_]/g, '_'), chain: c.chain.id, address, abi, endBlock: c.head })
    }
    return list
  })
  return { chains: chains.map((c) => ({ name: c.chain.id, id: c.chain.chainId, rpc: rpcOf(c), endBlock: c.head })), contracts }
}

export interface PonderResult {
  version: string
  seconds: number
  rows: number
  rowsPerSecond: number
  peakRssMiB: number
  bytes: number
}

export async function runPonder(ds: Dataset, opts: { logFile: string }): Promise<PonderResult> {
  const bin = ensurePonderInstalled()
  const specFile = join(ds.dataDir, 'ponder-spec.json')
  writeFileSync(specFile, JSON.stringify(ponderSpec(ds.chains, (c) => c.httpUrl)))
  const port = await freePort()
  const t0 = process.hrtime.bigint()
  const out = createWriteStream(opts.logFile)
  const child = spawn(process.execPath, [bin, 'start', '--schema', PONDER_SCHEMA, '--port', String(port), '--log-level', 'warn'], {
    cwd: ponderDir,
    env: { ...process.env, DATABASE_URL: ds.db.url, BENCH_PONDER_SPEC: specFile, PONDER_TELEMETRY_DISABLED: 'true', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  killOnExit(child)
  child.stdout!.pipe(out)
  child.stderr!.pipe(out)
  const rss = peakRss(child.pid!)
  let exitCode: number | null | undefined
  child.once('exit', (c) => (exitCode = c))
  try {
    for (;;) {
      if (exitCode !== undefined) throw new Error(`ponder exited with ${exitCode} before it was ready: see ${opts.logFile}`)
      const ready = await fetch(`http://127.0.0.1:${port}/ready`).then((r) => r.status === 200, () => false)
      if (ready) break
      await new Promise((r) => setTimeout(r, 200))
    }
    const s = seconds(t0)
    const pool = new pg.Pool({ connectionString: ds.db.url, max: 1 })
    try {
      const rows = Number((await pool.query(`SELECT count(*) AS n FROM ${PONDER_SCHEMA}.raw_event`)).rows[0].n)
      const bytes = Number((await pool.query(`SELECT pg_total_relation_size('${PONDER_SCHEMA}.raw_event') AS b`)).rows[0].b)
      return { version: ponderVersion(), seconds: s, rows, rowsPerSecond: rows / s, peakRssMiB: rss.stop(), bytes }
    } finally {
      await pool.end()
    }
  } finally {
    rss.stop()
    if (exitCode === undefined) {
      try {
        process.kill(-child.pid!, 'SIGTERM')
      } catch {}
      await new Promise((r) => setTimeout(r, 1000))
      try {
        process.kill(-child.pid!, 'SIGKILL')
      } catch {}
    }
  }
}
