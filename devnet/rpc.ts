/** A small JSON-RPC client for the devnet (and for tests that read a chain independently). */
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
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ jsonrpc: '2.0', id: ++this.id, method, params }),
    })
    const body = (await res.json()) as { result?: T; error?: { message: string; code: number } }
    if (body.error) throw new RpcError(body.error.message, method, body.error.code)
    return body.result as T
  }

  /** Sends many calls as one JSON-RPC batch; results in order, first error thrown. */
  async batch<T = any>(calls: { method: string; params: unknown[] }[]): Promise<T[]> {
    if (calls.length === 0) return []
    const base = this.id
    this.id += calls.length
    const res = await fetch(this.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(calls.map((c, i) => ({ jsonrpc: '2.0', id: base + i + 1, ...c }))),
    })
    const body = (await res.json()) as { id: number; result?: T; error?: { message: string; code: number } }[]
    body.sort((a, b) => a.id - b.id)
    return body.map((r, i) => {
      if (r.error) throw new RpcError(r.error.message, calls[i].method, r.error.code)
      return r.result as T
    })
  }

  async blockNumber(): Promise<number> {
    return Number(await this.call<string>('eth_blockNumber'))
  }
}
