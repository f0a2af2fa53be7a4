/**
 * `npm start`: builds the dashboard when needed, starts everything on embedded defaults, prints the URLs
 * and a live sync line per chain (height, blocks/s, ETA). Ctrl-C stops every process it started.
 */
import './log-to-file'
import { join } from 'node:path'
import pg from 'pg'
import { HeadTracker } from '../api/heads'
import { ConfigError, loadConfig } from '../common/config'
import { redact } from '../common/postgres'
import { buildDashboardIfStale } from './dashboard-build'
import { startStack, type Stack } from './stack'

const tty = process.stdout.isTTY

const status = (line: string) => {
  if (tty) process.stdout.write(`\r\x1b[2K${line}`)
  else console.log(line)
}

async function main() {
  let config
  try {
    config = loadConfig()
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message)
      process.exit(2)
    }
    throw e
  }
  await buildDashboardIfStale(() => console.log('building dashboard (vite)...'))
  let stack: Stack | undefined
  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    status(`stopping (${signal})...`)
    progress.stopped = true
    await progress.client?.end().catch(() => {})
    await stack?.stop()
    console.log('\nstopped cleanly')
    process.exit(0)
  }
  // SIGHUP: the terminal was closed; stop in order as for Ctrl-C (an abrupt exit left PostgreSQL running), and
  // ignore write errors on the terminal that is gone
  for (const stream of [process.stdout, process.stderr]) stream.on('error', () => {})
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stop(signal))
  stack = await startStack(config, {
    onProgress: (m) => status(m),
    onIndexerRestart: (chain, code, delayMs) =>
      console.error(`\nindexer of ${chain} exited with code ${code}; restarting in ${delayMs / 1000} s (see ${join(config.dataDir, `logs/indexer-${chain}.log`)})`),
    onIndexerLine: (line) => {
      // surface warnings and errors of the indexers; full logs in DATA_DIR/logs/indexer-<chain>.log
      const [, prefix, json] = /^(\[[^\]]+\]) (.*)$/.exec(line) ?? [, '', line]
      try {
        const j = JSON.parse(json)
        if (typeof j.level === 'number' && j.level >= 40) console.log(`\n[indexer ${prefix}] ${j.msg}${j.err ? ': ' + (j.err.message ?? '') : ''}`)
      } catch {
        if (/error|fatal/i.test(json)) console.log(`\n[indexer ${prefix}] ${json}`)
      }
    },
  })
  const { api, db, devnet } = stack
  console.log(`\n\ndepin-index is up`)
  console.log(`  dashboard   ${api.url}/`)
  console.log(`  GraphQL     ${api.url}/graphql`)
  console.log(`  health      ${api.url}/healthz (readiness ${api.url}/readyz, Prometheus ${api.url}/metrics)`)
  console.log(`  exports     ${api.url}/export/<events|raw_events|daily_stats|hourly_stats|leases|providers>.<csv|arrow|parquet>`)
  console.log(`  database    ${redact(db.url)}${db.embedded ? ` (embedded, data in ${join(config.dataDir, 'pg')})` : ''}`)
  for (const n of devnet?.nodes ?? []) console.log(`  devnet      ${n.name}, chain id ${n.chainId}: ${n.node.httpUrl} (ws ${n.node.wsUrl})`)
  for (const n of devnet?.lotus ?? []) console.log(`  devnet      ${n.name} (Lotus JSON-RPC), chain id ${n.chainId}: ${n.server.url}`)
  for (const c of devnet?.cometbft ?? []) console.log(`  devnet      ${c.name}, CometBFT chain id ${config.chains.find((x) => x.chain.chainId === c.chainId)?.chain.cometbftChainId}: ${c.devnet.httpUrl}`)
  for (const x of devnet?.solana ?? []) console.log(`  devnet      ${x.name} (Solana JSON-RPC, Helium), chain id ${x.chainId}: ${x.server.url}`)
  console.log(`  logs        ${join(config.dataDir, 'logs')}\n`)
  await progressLoop(stack, progress)
}

const progress: { stopped: boolean; client?: pg.Client } = { stopped: false }

/** One line per chain: height/head, blocks/s over the last interval, ETA. */
async function progressLoop(stack: Stack, state: typeof progress) {
  const client = new pg.Client({ connectionString: stack.db.url })
  client.on('error', () => {}) // the server going away on shutdown is expected
  state.client = client
  await client.connect()
  const heads = HeadTracker.fromConfig(stack.config)
  const samples = new Map<number, { t: number; h: number }[]>()
  while (!state.stopped) {
    await new Promise((r) => setTimeout(r, 1000))
    if (state.stopped) break
    const rows = (await client.query('SELECT id, chain, height FROM chain_cursor').catch(() => ({ rows: [] as any[] }))).rows
    const parts: string[] = []
    for (const c of stack.config.chains) {
      const row = rows.find((r) => Number(r.id) === c.chain.chainId)
      const head = await heads.head(c.chain.chainId)
      const height = row?.height ?? 0
      const s = samples.get(c.chain.chainId) ?? []
      s.push({ t: Date.now(), h: height })
      while (s.length > 10) s.shift()
      samples.set(c.chain.chainId, s)
      const rate = s.length > 1 ? ((s[s.length - 1].h - s[0].h) * 1000) / (s[s.length - 1].t - s[0].t) : 0
      const behind = head != null ? Math.max(0, head - height) : null
      const eta = behind == null ? '?' : behind <= 1 ? 'synced' : rate > 0 ? `ETA ${Math.ceil(behind / rate)}s` : 'ETA ?'
      parts.push(`${c.chain.id} (${c.chain.chainId}) height ${height}/${head ?? '?'} ${rate.toFixed(0)} blocks/s ${eta}`)
    }
    status(parts.join(' | '))
  }
}

main().catch((e) => {
  console.error(`\nstart failed: ${e instanceof Error ? e.message : e}`)
  if (e?.cause) console.error(`  cause: ${e.cause.message ?? e.cause}`)
  process.exit(1)
})
