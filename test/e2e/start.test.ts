/**
 * `npm start` as a user runs it: URLs and a sync line printed, services up, SIGINT stops everything it
 * started, and a second start resumes (chain rebuilt identically, indexing continues, no duplicates).
 */
import { spawn } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createConnection } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import pg from 'pg'
import { afterAll, describe, expect, it } from 'vitest'
import { freePort, freePortBlock } from '../helpers/ports'

const root = resolve(import.meta.dirname, '../..')
const dataDir = mkdtempSync(join(tmpdir(), 'depin-start-'))
chmodSync(dataDir, 0o755)
afterAll(() => { if (!process.env.KEEP_TEST_DATA) rmSync(dataDir, { recursive: true, force: true }) })

const portOpen = (port: number) =>
  new Promise<boolean>((ok) => {
    const s = createConnection({ port, host: '127.0.0.1' }, () => { s.destroy(); ok(true) })
    s.on('error', () => ok(false))
  })

async function runStart(env: Record<string, string>, whileUp: (out: () => string) => Promise<void>) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'cli/start.ts')], {
    cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d) => (out += d))
  child.stderr.on('data', (d) => (out += d))
  const exited = new Promise<number | null>((r) => child.once('exit', (c) => r(c)))
  try {
    const deadline = Date.now() + 120_000
    while (!/synced/.test(out)) {
      if (child.exitCode != null) throw new Error(`npm start exited early:\n${out}`)
      if (Date.now() > deadline) throw new Error(`not synced within 120 s:\n${out}`)
      await new Promise((r) => setTimeout(r, 200))
    }
    await whileUp(() => out)
  } finally {
    child.kill('SIGINT')
  }
  const code = await exited
  return { code, out }
}

describe('npm start', () => {
  // two full starts of seven chains (EVM, Lotus, CometBFT, Solana) and a reorg: more than the default test timeout
  // when the machine is shared
  it('starts, prints URLs and progress, stops cleanly on SIGINT, and resumes without duplicates', { timeout: 420_000 }, async () => {
    const ports = { PORT: await freePort(), DEVNET_PORT: await freePortBlock(), EMBEDDED_PG_PORT: await freePort(), DEVNET_CONTROL_PORT: await freePort() }
    const env = {
      DATA_DIR: dataDir, PORT: String(ports.PORT), DEVNET_PORT: String(ports.DEVNET_PORT), EMBEDDED_PG_PORT: String(ports.EMBEDDED_PG_PORT),
      DEVNET_CONTROL_PORT: String(ports.DEVNET_CONTROL_PORT), SIM_DAYS: '3', SIM_BLOCK_TIME_MS: '300', LOG_LEVEL: 'info',
    }
    const dbUrl = `postgres://postgres:postgres@127.0.0.1:${ports.EMBEDDED_PG_PORT}/depin`
    let firstHeight = 0
    const first = await runStart(env, async (out) => {
      expect(out()).toContain(`dashboard   http://127.0.0.1:${ports.PORT}/`)
      expect(out()).toContain(`GraphQL     http://127.0.0.1:${ports.PORT}/graphql`)
      expect(out()).toContain(`chain id 42161: http://127.0.0.1:${ports.DEVNET_PORT}`)
      expect(out()).toMatch(/arbitrum-one \(42161\) height \d+\/\d+ \d+ blocks\/s (ETA \d+s|synced)/)
      // Filecoin: the devnet's Lotus-compatible server, its own indexer and progress figure (epochs)
      expect(out()).toContain(`Filecoin (Lotus JSON-RPC), chain id 314: http://127.0.0.1:${ports.DEVNET_PORT + 4}/rpc/v1`)
      expect(out()).toMatch(/filecoin \(314\) height \d+\/\d+/)
      expect((await fetch(`http://127.0.0.1:${ports.PORT}/healthz`)).status).toBe(200)
      // the API reads through the read-only depin_api role, which may read the processors' status schemas
      const status = (await (await fetch(`http://127.0.0.1:${ports.PORT}/graphql`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ squidStatus { chain finalizedHeight } }' }),
      })).json()) as { data?: { squidStatus: { chain: string; finalizedHeight: number | null }[] }; errors?: unknown }
      expect(status.errors).toBeUndefined()
      expect(status.data!.squidStatus.find((s) => s.chain === 'arbitrum-one')!.finalizedHeight).toBeGreaterThan(0)
      const html = await (await fetch(`http://127.0.0.1:${ports.PORT}/`)).text()
      expect(html).toContain('<div id="root">')
      // a reorg on demand (npm run devnet:reorg); the indexer follows it
      const { execFileSync } = await import('node:child_process')
      const reorg = JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', join(root, 'cli/devnet-reorg.ts'), '--chain', 'arbitrum-one', '--depth', '2'], {
        cwd: root, env: { ...process.env, ...env },
      }).toString())
      expect(reorg).toMatchObject({ chain: 'arbitrum-one', orphaned: 2, added: 3 })
      const client = new pg.Client({ connectionString: dbUrl })
      await client.connect()
      const devnetRpc = `http://127.0.0.1:${ports.DEVNET_PORT}`
      const hashAt = async (h: number) => ((await (await fetch(devnetRpc, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBlockByNumber', params: ['0x' + h.toString(16), false] }) })).json()) as any).result?.hash
      for (let i = 0; ; i++) {
        const c = (await client.query(`SELECT height, hash FROM chain_cursor WHERE id = '42161'`)).rows[0]
        if (c.height >= reorg.from + 2 && c.hash === (await hashAt(c.height))) break
        if (i > 200) throw new Error(`the indexer did not follow the reorg: ${JSON.stringify(c)}`)
        await new Promise((r) => setTimeout(r, 100))
      }
      firstHeight = (await client.query(`SELECT height FROM chain_cursor WHERE id = '42161'`)).rows[0].height
      await client.end()
    })
    expect(first.code).toBe(0)
    expect(first.out).toContain('stopped cleanly')
    // nothing it started is left running
    for (const port of Object.values(ports)) expect(await portOpen(port), `port ${port}`).toBe(false)

    const indexerStarts = () =>
      [...readFileSync(join(dataDir, 'logs/indexer-arbitrum-one.log'), 'utf8').matchAll(/processing blocks from (\d+)/g)].map((m) => Number(m[1]))
    const second = await runStart(env, async () => {
      // "synced" shows as soon as the stored cursors are at the heads: wait for the indexer itself to resume
      for (let i = 0; indexerStarts().length < 2; i++) {
        if (i > 600) throw new Error('the Arbitrum One indexer did not resume within 60 s')
        await new Promise((r) => setTimeout(r, 100))
      }
      const client = new pg.Client({ connectionString: dbUrl })
      await client.connect()
      const dup = await client.query('SELECT count(*)::int AS n, count(DISTINCT id)::int AS d FROM raw_event')
      expect(dup.rows[0].n).toBe(dup.rows[0].d)
      const fil = await client.query(`SELECT count(*)::int AS n FROM raw_event WHERE network = 'filecoin'`)
      expect(fil.rows[0].n).toBeGreaterThan(0)
      const c = (await client.query(`SELECT height, hash FROM chain_cursor WHERE id = '42161'`)).rows[0]
      expect(c.height).toBeGreaterThanOrEqual(firstHeight)
      // the rebuilt devnet (journal replayed, the injected reorg included) is the chain the indexer stored
      const res = await fetch(`http://127.0.0.1:${ports.DEVNET_PORT}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_getBlockByNumber', params: ['0x' + c.height.toString(16), false] }) })
      expect(((await res.json()) as any).result.hash).toBe(c.hash)
      await client.end()
    })
    expect(second.code).toBe(0)
    // no indexer crashed or was restarted by the supervisor in either run
    expect(readFileSync(join(dataDir, 'logs/depin.log'), 'utf8')).not.toMatch(/indexer exited; restarting/)
    const starts = indexerStarts()
    expect(starts.length).toBeGreaterThanOrEqual(2)
    expect(starts[0]).toBe(0)
    expect(starts[starts.length - 1]).toBeGreaterThan(firstHeight - 10) // resumed near where it stopped, not from 0
  })
})
