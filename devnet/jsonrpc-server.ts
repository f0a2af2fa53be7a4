/**
 * The HTTP and JSON-RPC 2.0 framing shared by the devnet's Lotus, Solana and CometBFT servers: POST bodies with one
 * call or a batch, a parse error for a body that is not JSON, and each call answered by the chain's own method
 * table. What differs per chain (paths, the shape of params, error codes and texts, GET requests) stays with it.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

/** An error a method throws on purpose: answered with its code (and data), as the real node would. */
export class RpcFailure extends Error {
  constructor(message: string, readonly code: number, readonly data?: string) {
    super(message)
  }
}

/** A result that is JSON text already (a stored answer): sent as it is, not parsed and serialized again. */
export class RawJson {
  constructor(readonly text: string) {}
}

/** A response body as JSON text, with RawJson results spliced in. */
function serialize(body: unknown): string {
  const one = (a: any) => (a?.result instanceof RawJson ? `{"jsonrpc":"2.0","id":${JSON.stringify(a.id ?? null)},"result":${a.result.text}}` : JSON.stringify(a))
  return Array.isArray(body) ? `[${body.map(one).join(',')}]` : one(body)
}

export interface JsonRpcError {
  code: number
  message: string
  data?: string
}

export interface JsonRpcServerOptions {
  port: number
  host?: string
  /** answers one call; throws RpcFailure (or anything else: see `internalError`) */
  call(method: string, params: unknown): unknown
  /** the error of a method the table does not have; undefined: `call` handles every name */
  notFound?(method: string): JsonRpcError
  /** the error answered for an exception that is not an RpcFailure */
  internalError(e: unknown, method: string): JsonRpcError
  /** the error answered for a body that is not JSON */
  parseError: JsonRpcError
  /** the id answered when a call has none */
  defaultId: unknown
  /** methods the table has (for notFound) */
  has?(method: string): boolean
  /** an HTTP status that refuses the request before its body is read (wrong path or method); GET requests may be calls */
  refuse?(req: IncomingMessage): number | undefined
  /** a GET request as one call (CometBFT's URI form), or undefined to refuse it with 405 */
  getCall?(url: URL): { method: string; params: unknown }
  /** the result to send for a method that returned undefined */
  emptyResult?: unknown
}

export interface JsonRpcServer {
  server: Server
  port: number
  stop(): Promise<void>
}

export async function serveJsonRpc(o: JsonRpcServerOptions): Promise<JsonRpcServer> {
  const answer = (req: { id?: unknown; method?: unknown; params?: unknown } | null) => {
    const id = req?.id ?? o.defaultId
    const method = String(req?.method)
    if (o.has && !o.has(method)) return { jsonrpc: '2.0', id, error: o.notFound!(method) }
    try {
      const result = o.call(method, req?.params)
      return { jsonrpc: '2.0', id, result: result === undefined ? o.emptyResult : result }
    } catch (e) {
      const error: JsonRpcError = e instanceof RpcFailure ? { code: e.code, message: e.message, ...(e.data != null ? { data: e.data } : {}) } : o.internalError(e, method)
      return { jsonrpc: '2.0', id, error }
    }
  }
  const server = createServer((req, res) => {
    const send = (body: unknown) => res.writeHead(200, { 'content-type': 'application/json' }).end(serialize(body))
    const refused = o.refuse?.(req)
    if (refused) return void res.writeHead(refused).end()
    if (req.method === 'GET' && o.getCall) return send(answer({ id: o.defaultId, ...o.getCall(new URL(req.url ?? '/', 'http://devnet')) }))
    if (req.method !== 'POST') return void res.writeHead(405).end()
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      let body: unknown
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8'))
      } catch {
        return send({ jsonrpc: '2.0', id: o.defaultId, error: o.parseError })
      }
      send(Array.isArray(body) ? body.map(answer) : answer(body as Parameters<typeof answer>[0]))
    })
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(o.port, o.host ?? '127.0.0.1', () => resolve())
  })
  return {
    server,
    port: (server.address() as AddressInfo).port,
    stop: () => new Promise<void>((r) => {
      server.closeAllConnections()
      server.close(() => r())
    }),
  }
}
