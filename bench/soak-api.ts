/**
 * The soak's API in a process of its own (bench/soak.ts), as a deployment runs it: `npm start` on the devnet runs the
 * devnet's chains in the same process as the API, so the soak's load would measure the devnet's share of the
 * event loop rather than the API. Same configuration (environment) and read-only role as `npm start`.
 * Usage: node --import tsx bench/soak-api.ts <superuser database url>   (prints {"url": ...} once listening)
 */
import { provisionApiRole } from '../api/db-role'
import { HeadTracker } from '../api/heads'
import { apiLimitsFromConfig, startApi } from '../api/server'
import { loadConfig } from '../common/config'

const config = loadConfig(process.env)
const apiUrl = config.API_DATABASE_URL ?? (await provisionApiRole(process.argv[2], config.dataDir))
const api = await startApi({ databaseUrl: apiUrl, port: config.PORT, host: '127.0.0.1', heads: HeadTracker.fromConfig(config), maxLimit: config.API_MAX_LIMIT, pollMs: config.API_POLL_MS, limits: apiLimitsFromConfig(config) })
process.stdout.write(JSON.stringify({ url: api.url }) + '\n')
const stop = async () => {
  await api.stop()
  process.exit(0)
}
process.once('SIGTERM', stop)
process.once('SIGINT', stop)
