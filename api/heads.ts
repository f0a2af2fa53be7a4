/** Chain heads for lag figures: eth_blockNumber on each chain's RPC, cached for a second. */
import type { Config } from '../common/config'
import { rpcUrlOf } from '../common/config'

export class HeadTracker {
  private cache = new Map<number, { at: number; head: number | null }>()
  constructor(private readonly urls: Map<number, string>) {}

  static fromConfig(config: Config): HeadTracker {
    const urls = new Map<number, string>()
    for (const c of config.chains) {
      // the API asks over HTTP; a ws(s):// endpoint is assumed to serve HTTP on the same address
      urls.set(c.chain.chainId, rpcUrlOf(config, c).replace(/^ws/, 'http'))
    }
    return new HeadTracker(urls)
  }

  async head(chainId: number): Promise<number | null> {
    const hit = this.cache.get(chainId)
    if (hit && Date.now() - hit.at < 1000) return hit.head
    const url = this.urls.get(chainId)
    let head: number | null = null
    if (url) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'eth_blockNumber', params: [] }),
          signal: AbortSignal.timeout(2000),
        })
        head = Number(((await res.json()) as { result: string }).result)
        if (!Number.isFinite(head)) head = null
      } catch {
        head = null
      }
    }
    this.cache.set(chainId, { at: Date.now(), head })
    return head
  }
}
