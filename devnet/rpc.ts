/** A small JSON-RPC client for the devnet (and for tests that read a chain independently). */
import { request as httpRequest } from 'node:http'
import { request as httpsRequest } from 'node:https'

export class RpcError extends Error {
  constructor(message: string, public readonly method: string, public readonly code?: number) {
    super(`${method}: ${message}`)
    this.name = 'RpcError'
  }
}

export class Rpc {
  private id = 0
  constructor(public readonly url: string) {}

  async call<T = any>(method: string, params: unknown[] = []): Promise<T> {
    const body = (await this.post(JSON.stringify({ jsonrpc: '2.0', id: ++this.id, method, params }))) as { result?: T; error?: { message: string; code: number } }
    if (body.error) throw new RpcError(body.error.message, method, body.error.code)
    return body.result as T
  }

  /** Sends many calls as one JSON-RPC batch; results in order, first error thrown. */
  async batch<T = any>(calls: { method: string; params: unknown[] }[]): Promise<T[]> {
    if (calls.length === 0) return []
    const base = this.id
    this.id += calls.length
    const body = (await this.post(JSON.stringify(calls.map((c, i) => ({ jsonrpc: '2.0', id: base + i + 1, ...c }))))) as { id: number; result?: T; error?: { message: string; code: number } }[]
    body.sort((a, b) => a.id - b.id)
    return body.map((r, i) => {
      if (r.error) throw new RpcError(r.error.message, calls[i].method, r.error.code)
      return r.result as T
    })
  }

  /**
   * One request on its own connection. Not fetch's keep-alive pool: the node closes an idle connection after 5 s
   * and a request written to it at that moment fails with EPIPE, which happened while generating a 10 M-event
   * dataset on a loaded machine (seconds between a block's requests); eth_sendTransaction and evm_mine cannot be
   * retried blindly, so the race is avoided instead. A local connection costs well under a millisecond.
   */
  private post(body: string): Promise<unknown> {
    const url = new URL(this.url)
    const request = url.protocol === 'https:' ? httpsRequest : httpRequest
    return new Promise((resolve, reject) => {
      const req = request(url, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), connection: 'close' } }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('error', reject)
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8')
          try {
            resolve(JSON.parse(text))
          } catch {
            reject(new Error(`${this.url} answered HTTP ${res.statusCode} with a body that is not JSON: ${text.slice(0, 200)}`))
          }
        })
      })
      req.on('error', (e) => reject(new Error(`${this.url}: ${e.message}`, { cause: e })))
      req.end(body)
    })
  }

  async blockNumber(): Promise<number> {
    return Number(await this.call<string>('eth_blockNumber'))
  }
}
