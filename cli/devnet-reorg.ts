/** `npm run devnet:reorg -- --chain <slug> --depth <n>`: asks the running devnet (npm start) to inject a reorg. */
import { parseArgs } from 'node:util'
import { loadConfig } from '../common/config'

const { values } = parseArgs({ options: { chain: { type: 'string', default: 'arbitrum-one' }, depth: { type: 'string', default: '2' } } })
const config = loadConfig()
const url = `http://127.0.0.1:${config.DEVNET_CONTROL_PORT}/reorg?chain=${encodeURIComponent(values.chain!)}&depth=${encodeURIComponent(values.depth!)}`
try {
  const res = await fetch(url, { method: 'POST' })
  const body = await res.json()
  console.log(JSON.stringify(body))
  process.exitCode = res.ok ? 0 : 1
} catch (e) {
  console.error(`no devnet control at ${url} (is npm start running with the devnet?): ${(e as Error).message}`)
  process.exitCode = 1
}
