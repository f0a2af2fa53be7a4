/**
 * Bad configuration and unreachable servers, as the indexer process reports them: a missing or malformed setting
 * stops it at start with a message that names the setting (no stack trace); an unreachable database or RPC endpoint
 * is logged clearly and retried with backoff while the process stays up.
 */
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { spawnIndexer, type IndexerProcess } from '../../cli/stack'
import { startDatabase, type Database } from '../../common/postgres'
import { serveJsonRpc } from '../../devnet/jsonrpc-server'
import { sleep, until } from '../helpers/consistency'
import { freePort } from '../helpers/ports'

let dir: string
let db: Database
const CLOSED = 'http://127.0.0.1:9'

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'depin-startup-'))
  chmodSync(dir, 0o755)
  db = await startDatabase({ dataDir: dir, port: await freePort() })
})
afterAll(async () => {
  await db?.stop()
  rmSync(dir, { recursive: true, force: true })
})

let runs = 0
function indexer(env: Record<string, string>, databaseUrl = db.url): { p: IndexerProcess; log: () => string } {
  const logFile = join(dir, `indexer-${++runs}.log`)
  const p = spawnIndexer({ databaseUrl, logFile, env: { INDEXER_CHAIN: 'base', LOG_LEVEL: 'info', ...env } })
  return { p, log: () => readFileSync(logFile, 'utf8') }
}
/** the messages of the process's JSON log lines */
const messages = (log: string) =>
  log.trim().split('\n').filter(Boolean).map((l) => {
    try {
      return String(JSON.parse(l).msg)
    } catch {
      return l
    }
  }).join('\n')
const noStack = (log: string) => expect(log).not.toMatch(/\n\s+at [\w.<]+ \(|\\n\s+at /)

/** (every setting's validation is covered by test/unit/config.test.ts; here, how the process reports it) */
describe('bad configuration stops the indexer at start, naming the setting', () => {
  const cases: [string, Record<string, string>, RegExp][] = [
    ['a malformed finality', { FINALITY_BASE: 'five' }, /FINALITY_BASE: .*"five"/],
    ['an unknown chain', { INDEXER_CHAIN: 'bitcoin' }, /INDEXER_CHAIN: unknown chain "bitcoin"/],
  ]
  it('a missing (empty) setting: DATABASE_URL', async () => {
    const { p, log } = indexer({}, '')
    expect(await p.exited).toBe(1)
    await sleep(50)
    expect(messages(log())).toMatch(/indexer cannot start: Invalid configuration:\s+DATABASE_URL: must be/)
    noStack(log())
  })
  for (const [what, env, message] of cases) {
    it(what, async () => {
      const { p, log } = indexer(env)
      expect(await p.exited).toBe(1)
      await sleep(50)
      expect(messages(log())).toMatch(message)
      expect(messages(log())).toMatch(/indexer cannot start: Invalid configuration/)
      noStack(log())
    })
  }
})

it('an RPC serving another chain (a Lotus node of calibrationnet) stops the indexer at start, naming the RPC and both chains', async () => {
  // a node that answers StateNetworkName only
  const server = createServer((req, res) => {
    let body = ''
    req.on('data', (d) => (body += d))
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ jsonrpc: '2.0', id: JSON.parse(body).id, result: 'calibrationnet' })))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/rpc/v1`
    const { p, log } = indexer({ INDEXER_CHAIN: 'filecoin', RPC_FILECOIN_URL: url, START_BLOCK_FILECOIN: '0' })
    expect(await p.exited).toBe(1)
    await sleep(50)
    expect(messages(log())).toMatch(new RegExp(`indexer cannot start: RPC ${url} serves Filecoin network "calibrationnet", expected "mainnet"`))
    noStack(log())
  } finally {
    server.close()
  }
})

it('a Solana RPC of another cluster (a devnet node: getGenesisHash) stops the indexer at start, naming the RPC and both genesis hashes', async () => {
  // a JSON-RPC server (the devnet's framing) answering as a Solana devnet node
  const node = await serveJsonRpc({
    port: await freePort(), defaultId: null, has: (m) => m === 'getGenesisHash', notFound: (m) => ({ code: -32601, message: `Method not found: ${m}` }),
    call: () => 'EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG', internalError: (e) => ({ code: -32603, message: (e as Error).message }), parseError: { code: -32700, message: 'Parse error' },
  })
  try {
    const { p, log } = indexer({ INDEXER_CHAIN: 'solana', RPC_SOLANA_URL: `http://127.0.0.1:${node.port}` })
    expect(await p.exited).toBe(1)
    await sleep(50)
    expect(messages(log())).toMatch(/indexer cannot start: RPC http:\/\/127\.0\.0\.1:\d+\/? serves the Solana cluster with genesis hash EtWTRABZaYq6iMfeYKouRu166VU2xqa1wcaWoxPkrZBG, expected mainnet-beta \(5eykt4UsFv8P8NJdTREpY1vzqKqZKvdpKuc9iu9Vm9Kn\)/)
    noStack(log())
  } finally {
    await node.stop()
  }
})

describe('unreachable servers are retried with a clear log line', () => {
  it('a database that does not answer: retried with backoff, naming the server', async () => {
    const port = await freePort()
    const { p, log } = indexer({}, `postgres://postgres:secret@127.0.0.1:${port}/depin`)
    try {
      await until(async () => (log().match(/database not reachable yet, retrying/g) ?? []).length >= 3, 'three retries', { timeoutMs: 30_000 })
      expect(p.child.exitCode).toBeNull() // still waiting, not crashed
      const lines = log().trim().split('\n').map((l) => JSON.parse(l))
      const retries = lines.filter((l) => l.msg === 'database not reachable yet, retrying')
      expect(retries[0].url).toBe(`postgres://postgres:***@127.0.0.1:${port}/depin`) // named, password redacted
      expect(retries[0].err).toMatch(/ECONNREFUSED/)
      expect(retries.map((r) => r.retryInMs)).toEqual([200, 400, 800].slice(0, retries.length).concat(retries.slice(3).map((r) => r.retryInMs)))
      noStack(log())
    } finally {
      await p.stop()
    }
  })

  it('an RPC endpoint that does not answer: retried with backoff, the process stays up', async () => {
    const { p, log } = indexer({ RPC_BASE_URL: CLOSED, START_BLOCK_BASE: '0', RPC_REQUEST_TIMEOUT_MS: '1000' })
    try {
      await until(async () => (log().match(/connection failure/g) ?? []).length >= 2, 'two RPC retries', { timeoutMs: 60_000 })
      expect(p.child.exitCode).toBeNull()
      const failure = log().trim().split('\n').map((l) => JSON.parse(l)).find((l) => l.msg === 'connection failure')
      expect(failure.rpcUrl).toBe(CLOSED)
      expect(failure.reason).toMatch(/ECONNREFUSED|connect/)
      expect(log()).not.toMatch(/indexer failed to start|FATAL/i)
    } finally {
      await p.stop()
    }
  })
})
