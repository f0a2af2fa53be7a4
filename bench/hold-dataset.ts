/**
 * Builds a dataset, indexes it and keeps the stack up until SIGTERM/SIGINT, printing the database URL: for
 * EXPLAIN ANALYZE, profiling and ad-hoc measurements against a dataset of a given size.
 * Usage: tsx bench/hold-dataset.ts <events>
 */
import { writeFileSync } from 'node:fs'
import { buildDataset } from './dataset'
import { runIndexers } from './ingest'

const events = Number(process.argv[2] ?? 1_000_000)
const t0 = Date.now()
const ds = await buildDataset({ events }, (m) => process.stderr.write(`${m}\n`))
console.log(`generated ${ds.events} events in ${ds.generationSeconds.toFixed(1)} s`)
const ix = await runIndexers(ds)
console.log(`indexed in ${ix.seconds.toFixed(1)} s; total ${((Date.now() - t0) / 1000).toFixed(1)} s`)
console.log(`DB ${ds.db.url}`)
if (process.env.HOLD_INFO) writeFileSync(process.env.HOLD_INFO, JSON.stringify({ url: ds.db.url, dataDir: ds.dataDir, chains: ds.chains.map((c) => ({ chain: c.chain.id, httpUrl: c.httpUrl, head: c.head })), config: ds.config.env }))
const stop = async () => {
  await ds.stop()
  process.exit(0)
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
setInterval(() => {}, 1 << 30)
