/**
 * The devnet's control endpoint (127.0.0.1 only), started by `npm start` with the devnet:
 *   POST /reorg?chain=<chain slug or id>&depth=<n>   inject a reorg of the last n live blocks
 * `npm run devnet:reorg -- --chain base --depth 3` calls it.
 */
import { createServer, type Server } from 'node:http'
import { chains } from '../indexer/registry'
import type { Devnet } from './devnet'

export function startDevnetControl(devnet: Devnet, port: number): Promise<Server> {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost')
    const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    if (req.method !== 'POST' || url.pathname !== '/reorg') return reply(404, { error: 'POST /reorg?chain=<slug|id>&depth=<n>' })
    const chainParam = url.searchParams.get('chain') ?? ''
    const chain = chains.find((c) => c.id === chainParam || String(c.chainId) === chainParam)
    const depth = Number(url.searchParams.get('depth'))
    if (!chain) return reply(400, { error: `chain: unknown "${chainParam}"; known: ${chains.map((c) => c.id).join(', ')}` })
    if (!Number.isInteger(depth) || depth < 1) return reply(400, { error: `depth: a positive integer, got "${url.searchParams.get('depth')}"` })
    try {
      reply(200, { chain: chain.id, ...(await devnet.reorg(chain.chainId, depth)) })
    } catch (e) {
      reply(409, { error: (e as Error).message })
    }
  })
  return new Promise((ok, fail) => {
    server.once('error', (e) => fail(new Error(`devnet control cannot listen on 127.0.0.1:${port}: ${(e as Error).message}`)))
    server.listen(port, '127.0.0.1', () => ok(server))
  })
}
