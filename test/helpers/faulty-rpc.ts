/**
 * A fault-injecting JSON-RPC proxy (HTTP) between an indexer and a node. Each request is forwarded, or, at a seeded
 * rate, answered with one fault: a hang past the client's timeout, 429 with Retry-After, 500/502/503, a connection
 * reset, a truncated or invalid JSON body, an empty eth_getLogs result for a range that has logs, or a block other
 * than the one asked for. Every fault is counted by class.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import { seeded } from './consistency'

export const FAULTS = ['timeout', 'http429', 'http500', 'http502', 'http503', 'reset', 'truncatedJson', 'invalidJson', 'emptyLogs', 'wrongBlock'] as const
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

type Call = { jsonrpc: string; id: number | string; method: string; params: any[] }

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
      const fits = FAULTS.filter((f) =>
        f === 'emptyLogs' ? calls.some((c) => c.method === 'eth_getLogs') : f === 'wrongBlock' ? calls.some((c) => c.method === 'eth_getBlockByNumber' && /^0x/.test(c.params[0])) : true,
      )
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
        case 'emptyLogs': {
          const out = JSON.parse(await forward(body)) as { id: unknown; result?: unknown }[] | { id: unknown; result?: unknown }
          const list = Array.isArray(out) ? out : [out]
          for (const r of list) {
            const c = calls.find((x) => x.id === r.id)
            if (c?.method === 'eth_getLogs') r.result = []
          }
          return send(200, JSON.stringify(out))
        }
        case 'wrongBlock': {
          // each eth_getBlockByNumber answered with the next block
          const shifted = calls.map((c) =>
            c.method === 'eth_getBlockByNumber' && /^0x/.test(c.params[0]) ? { ...c, params: ['0x' + (Number(c.params[0]) + 1).toString(16), ...c.params.slice(1)] } : c,
          )
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
