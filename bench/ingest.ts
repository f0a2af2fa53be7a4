/**
 * Ingest benchmark: the indexer from an empty database to the head of a simulated devnet, side by side
 * in the same run with (1) the source limit: raw eth_getLogs of the same range, no decoding, no writes, and
 * (2) the physical limit: the same rows loaded with PostgreSQL COPY into copies of the same tables.
 * Prints a markdown table and writes bench/results/ingest.json. Settings: BENCH_DAYS (default 120).
 */
import { execSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { cpus, tmpdir, totalmem } from 'node:os'
import { join, resolve } from 'node:path'
import { pipeline } from 'node:stream/promises'
import pg from 'pg'
import { from as copyFrom, to as copyTo } from 'pg-copy-streams'
import { spawnIndexer } from '../cli/stack'
import { loadConfig } from '../common/config'
import { startDatabase } from '../common/postgres'
import { startDevnet } from '../devnet/devnet'
import { Rpc } from '../devnet/rpc'
import { watchedOnChain } from '../indexer/registry'
import { arbitrumOne } from '../indexer/registry/chains'
import { applyMigrations } from '../indexer/store/dataSource'
import { freePort, freePortBlock } from '../test/helpers/ports'

const root = resolve(import.meta.dirname, '..')
const days = Number(process.env.BENCH_DAYS ?? 120)
const seconds = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e9

async function main() {
  const dataDir = mkdtempSync(join(tmpdir(), 'depin-bench-'))
  chmodSync(dataDir, 0o755)
  const config = loadConfig({
    DATA_DIR: dataDir, DEVNET_PORT: String(await freePortBlock()), EMBEDDED_PG_PORT: String(await freePort()),
    SIM_DAYS: String(days), SIM_LIVE: 'false', SIM_SEED: '42', FINALITY_ARBITRUM_ONE: '5', LOG_LEVEL: 'warn',
  })
  const db = await startDatabase({ dataDir, port: config.EMBEDDED_PG_PORT })
  await applyMigrations(db.url)
  let t0 = process.hrtime.bigint()
  const devnet = await startDevnet({ config })
  const generation = seconds(t0)
  const { node, sim } = devnet.nodes[0]
  const head = await node.rpc.blockNumber()
  for (let i = 0; i <= 5; i++) await sim.mine(sim.timestamp + 900, true)
  const pool = new pg.Pool({ connectionString: db.url, max: 2 })
  try {
    // (1) source limit: address-filtered eth_getLogs in 1000-block windows
    const rpc = new Rpc(node.httpUrl)
    const addresses = [...watchedOnChain(arbitrumOne).keys()]
    t0 = process.hrtime.bigint()
    let logs = 0
    for (let from = 0; from <= head; from += 1000) {
      const r = await rpc.call<unknown[]>('eth_getLogs', [{ fromBlock: '0x' + from.toString(16), toBlock: '0x' + Math.min(head, from + 999).toString(16), address: addresses }])
      logs += r.length
    }
    const sourceSeconds = seconds(t0)

    // the indexer, empty database to head, as a child process (peak RSS from /proc)
    t0 = process.hrtime.bigint()
    const idx = spawnIndexer({ databaseUrl: db.url, logFile: join(dataDir, 'indexer.log'), env: { DEVNET_PORT: String(config.DEVNET_PORT), END_BLOCK_ARBITRUM_ONE: String(head), LOG_LEVEL: 'warn' } })
    let peakRssKb = 0
    const rssTimer = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${idx.child.pid}/status`, 'utf8')
        peakRssKb = Math.max(peakRssKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0))
      } catch {}
    }, 100)
    const code = await idx.exited
    clearInterval(rssTimer)
    const ingestSeconds = seconds(t0)
    if (code !== 0) throw new Error(`indexer exited with ${code}: see ${join(dataDir, 'indexer.log')}`)
    const counts = (await pool.query(`SELECT (SELECT count(*) FROM raw_event)::int AS raw, (SELECT count(*) FROM economic_fact)::int AS facts,
      (SELECT count(*) FROM price_point)::int AS prices, (SELECT count(*) FROM network_stat)::int AS stats`)).rows[0]
    const rowsWritten = counts.raw + counts.facts + counts.prices + counts.stats
    const bytes = Number((await pool.query(`SELECT sum(pg_total_relation_size(c))::bigint AS b FROM unnest(ARRAY['raw_event','economic_fact','price_point','network_stat']::regclass[]) c`)).rows[0].b)

    // (2) physical limit: COPY the same rows into copies of the same tables (same columns and indexes)
    const client = await pool.connect()
    let copySeconds = 0
    try {
      for (const table of ['raw_event', 'economic_fact', 'price_point', 'network_stat']) {
        const file = join(dataDir, `${table}.copy`)
        await pipeline(client.query(copyTo(`COPY ${table} TO STDOUT`)), (await import('node:fs')).createWriteStream(file))
        await client.query(`CREATE TABLE bench_${table} (LIKE ${table} INCLUDING ALL)`)
        const t = process.hrtime.bigint()
        await pipeline((await import('node:fs')).createReadStream(file), client.query(copyFrom(`COPY bench_${table} FROM STDIN`)))
        copySeconds += seconds(t)
      }
    } finally {
      client.release()
    }

    const commit = execSync('git rev-parse --short HEAD', { cwd: root }).toString().trim()
    const dirty = execSync('git status --porcelain', { cwd: root }).toString().trim() ? '+dirty' : ''
    const result = {
      date: new Date().toISOString(), commit: commit + dirty,
      machine: `${cpus().length} × ${cpus()[0]?.model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`,
      dataset: { simulatedDays: days, blocks: head + 1, logs, rowsWritten, generationSeconds: +generation.toFixed(1) },
      ingest: { seconds: +ingestSeconds.toFixed(2), eventsPerSecond: Math.round(logs / ingestSeconds), blocksPerSecond: Math.round((head + 1) / ingestSeconds), rowsPerSecond: Math.round(rowsWritten / ingestSeconds), peakRssMiB: Math.round(peakRssKb / 1024) },
      source: { seconds: +sourceSeconds.toFixed(2), logsPerSecond: Math.round(logs / sourceSeconds) },
      copy: { seconds: +copySeconds.toFixed(3), rowsPerSecond: Math.round(rowsWritten / copySeconds) },
      ratios: { ingestOverCopy: +(rowsWritten / ingestSeconds / (rowsWritten / copySeconds)).toFixed(4), ingestOverSource: +(logs / ingestSeconds / (logs / sourceSeconds)).toFixed(4) },
      storage: { bytes, bytesPerMillionEvents: Math.round((bytes / logs) * 1e6) },
    }
    mkdirSync(join(root, 'bench/results'), { recursive: true })
    writeFileSync(join(root, 'bench/results/ingest.json'), JSON.stringify(result, null, 2) + '\n')
    console.log(`
| figure | value |
|---|---|
| machine | ${result.machine} |
| commit | ${result.commit} |
| dataset | ${days} simulated days: ${result.dataset.blocks} blocks, ${logs} logs (${rowsWritten} rows written); generated in ${result.dataset.generationSeconds} s |
| indexer, empty DB → head | ${result.ingest.seconds} s: ${result.ingest.eventsPerSecond} events/s, ${result.ingest.blocksPerSecond} blocks/s, ${result.ingest.rowsPerSecond} rows/s, peak RSS ${result.ingest.peakRssMiB} MiB |
| source limit (eth_getLogs, 1000-block windows, address filter) | ${result.source.seconds} s: ${result.source.logsPerSecond} logs/s |
| physical limit (COPY of the same rows, same indexes) | ${result.copy.seconds} s: ${result.copy.rowsPerSecond} rows/s |
| ingest / COPY | ${result.ratios.ingestOverCopy} |
| ingest / source | ${result.ratios.ingestOverSource} |
| storage | ${(bytes / 2 ** 20).toFixed(1)} MiB, ${(result.storage.bytesPerMillionEvents / 2 ** 20).toFixed(0)} MiB per million events |
`)
  } finally {
    await pool.end()
    await devnet.stop()
    await db.stop()
    rmSync(dataDir, { recursive: true, force: true })
  }
}

await main()
