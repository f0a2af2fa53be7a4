/** Runs the devnet alone: `tsx devnet/main.ts` (same settings as npm start). */
import { loadConfig } from '../common/config'
import { startDevnet } from './devnet'

const config = loadConfig()
const t0 = Date.now()
const devnet = await startDevnet({ config, onProgress: (m) => process.stderr.write(`\r${m}   `) })
for (const n of devnet.nodes) {
  console.log(`\n${n.name} (chain id ${n.chainId}): ${n.node.httpUrl} ${n.node.wsUrl} — ${n.sim.blocks} blocks, ${n.sim.logs} logs in ${((Date.now() - t0) / 1000).toFixed(1)} s`)
}
if (config.SIM_LIVE) devnet.startLive()
// with SIM_LIVE=false the node keeps serving the history without new blocks
const stop = async () => {
  await devnet.stop()
  process.exit(0)
}
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
