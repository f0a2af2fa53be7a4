/**
 * A fault-injecting JSON-RPC proxy (HTTP) between an indexer and a node (EVM, Lotus, CometBFT or Solana). Each request
 * is forwarded, or, at a seeded rate, answered with one fault: a hang past the client's timeout, 429 with
 * Retry-After, 500/502/503, a connection reset, a truncated or invalid JSON body, an empty result for a range or block
 * that has data (eth_getLogs, Solana getBlocks, Lotus GetActorEventsRaw: empty lists; CometBFT block_results: no
 * transaction results), or the answer for another block (the next height or slot: eth_getBlockByNumber, Solana
 * getBlock, Lotus ChainGetTipSetByHeight, CometBFT block / block_results). Every fault is counted by class.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { seeded } from './consistency'

export const FAULTS = ['timeout', 'http429', 'http500', 'http502', 'http503', 'reset', 'truncatedJson', 'invalidJson', 'emptyResult', 'wrongBlock'] as const
export type Fault = (typeof FAULTS)[number]

export interface FaultyRpc {
  url: string
  /** faults injected, by class */
  counts: Record<Fault, number>
  requests: number
  /** stop injecting (requests pass through) */
  heal(): void
  close(): Promise<void>
}

type Call = { jsonrpc: string; id: number | string; method: string; params: any }

/** methods whose answer a fault can empty, and what the empty answer is */
const EMPTIED: Record<string, (result: any) => any> = {
  eth_getLogs: () => [],
  getBlocks: () => [],
  'Filecoin.GetActorEventsRaw': () => null,
  block_results: (r) => (r && typeof r === 'object' ? { ...r, txs_results: null } : r),
}
/** the call asked for the next block instead (undefined: the call names no block) */
function nextBlock(c: Call): Call | undefined {
  const p = c.params
  if (c.method === 'eth_getBlockByNumber' && /^0x/.test(p?.[0])) return { ...c, params: ['0x' + (Number(p[0]) + 1).toString(16), ...p.slice(1)] }
  if ((c.method === 'getBlock' || c.method === 'Filecoin.ChainGetTipSetByHeight') && Number.isInteger(p?.[0])) return { ...c, params: [p[0] + 1, ...p.slice(1)] }
  if ((c.method === 'block' || c.method === 'block_results') && p && typeof p.height === 'string') return { ...c, params: { ...p, height: String(Number(p.height) + 1) } }
  return undefined
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((ok, fail) => {
    let s = ''
    req.on('data', (d) => (s += d))
    req.on('end', () => ok(s))
    req.on('error', fail)
  })

export async function startFaultyRpc(opts: { upstream: string; rate: number; seed: number; hangMs: number }): Promise<FaultyRpc> {
  const rng = seeded(opts.seed)
  const counts = Object.fromEntries(FAULTS.map((f) => [f, 0])) as Record<Fault, number>
  let healed = false
  const sockets = new Set<import('node:net').Socket>()
  const forward = async (body: string) => {
    const r = await fetch(opts.upstream, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    return r.text()
  }
  const state = { requests: 0 }
  const server: Server = createServer(async (req, res) => {
    state.requests++
    const body = await readBody(req)
    const parsed = JSON.parse(body) as Call | Call[]
    const calls = Array.isArray(parsed) ? parsed : [parsed]
    const send = (status: number, text: string, headers: Record<string, string> = {}) =>
      res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(text)
    try {
      if (healed || rng.next() >= opts.rate) return send(200, await forward(body))
      // a fault that fits the request (empty logs and wrong blocks need those methods)
      const fits = FAULTS.filter((f) => (f === 'emptyResult' ? calls.some((c) => EMPTIED[c.method]) : f === 'wrongBlock' ? calls.some((c) => nextBlock(c)) : true))
      const fault = fits[Math.floor(rng.next() * fits.length)]
      counts[fault]++
      switch (fault) {
        case 'timeout':
          await new Promise((r) => setTimeout(r, opts.hangMs))
          return req.socket.destroy()
        case 'http429':
          return send(429, '{"error":"rate limited"}', { 'retry-after': '1' })
        case 'http500':
          return send(500, 'internal error', { 'content-type': 'text/plain' })
        case 'http502':
          return send(502, '<html>bad gateway</html>', { 'content-type': 'text/html' })
        case 'http503':
          return send(503, 'unavailable', { 'content-type': 'text/plain' })
        case 'reset':
          return req.socket.destroy()
        case 'truncatedJson': {
          const text = await forward(body)
          return send(200, text.slice(0, Math.max(1, Math.floor(text.length / 2))))
        }
        case 'invalidJson':
          return send(200, '{"jsonrpc":"2.0","id":' + JSON.stringify(calls[0].id) + ',"result":')
        case 'emptyResult': {
          const out = JSON.parse(await forward(body)) as { id: unknown; result?: unknown }[] | { id: unknown; result?: unknown }
          const list = Array.isArray(out) ? out : [out]
          for (const r of list) {
            const c = calls.find((x) => x.id === r.id)
            if (c && EMPTIED[c.method] && 'result' in r) r.result = EMPTIED[c.method](r.result)
          }
          return send(200, JSON.stringify(out))
        }
        case 'wrongBlock': {
          // each call naming a block answered with the next one
          const shifted = calls.map((c) => nextBlock(c) ?? c)
          return send(200, await forward(JSON.stringify(Array.isArray(parsed) ? shifted : shifted[0])))
        }
      }
    } catch {
      if (!res.headersSent) send(502, 'upstream failed', { 'content-type': 'text/plain' })
    }
  })
  server.on('connection', (s) => {
    sockets.add(s)
    s.on('close', () => sockets.delete(s))
  })
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()))
  const port = (server.address() as { port: number }).port
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    get requests() {
      return state.requests
    },
    heal: () => (healed = true),
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy()
        server.close(() => r())
      }),
  }
}
