/**
 * Chain heads for lag figures, cached for a second: eth_blockNumber on EVM chains, Filecoin.ChainHead (height of
 * the head tipset) on Lotus chains, status (latest_block_height) on CometBFT chains, getSlot (finalized) on Solana.
 */
import type { Config } from '../common/config'
import { rpcUrlOf } from '../common/config'
import type { ChainDef } from '../indexer/registry'

type Kind = NonNullable<ChainDef['kind']>

/** How each kind of chain is asked for its head: JSON-RPC method and how to read the answer. */
const HEAD_QUERY: Record<Kind, { method: string; parse: (result: any) => number }> = {
  evm: { method: 'eth_blockNumber', parse: (r) => Number(r) },
  lotus: { method: 'Filecoin.ChainHead', parse: (r) => Number(r?.Height) },
  cometbft: { method: 'status', parse: (r) => Number(r?.sync_info?.latest_block_height) },
  // without a commitment parameter a Solana node answers at `finalized`, the slots the source reads
  solana: { method: 'getSlot', parse: (r) => Number(r) },
}

export class HeadTracker {
  private cache = new Map<number, { at: number; head: number | null }>()
  constructor(
    private readonly urls: Map<number, string>,
    private readonly kinds = new Map<number, Kind>(),
    private readonly tokens = new Map<number, string>(),
  ) {}

  static fromConfig(config: Config): HeadTracker {
    const urls = new Map<number, string>()
    const kinds = new Map<number, Kind>()
    const tokens = new Map<number, string>()
    for (const c of config.chains) {
      // the API asks over HTTP; a ws(s):// endpoint is assumed to serve HTTP on the same address
      urls.set(c.chain.chainId, rpcUrlOf(config, c).replace(/^ws/, 'http'))
      kinds.set(c.chain.chainId, c.chain.kind ?? 'evm')
      if (c.token) tokens.set(c.chain.chainId, c.token)
    }
    return new HeadTracker(urls, kinds, tokens)
  }

  async head(chainId: number): Promise<number | null> {
    const hit = this.cache.get(chainId)
    if (hit && Date.now() - hit.at < 1000) return hit.head
    const url = this.urls.get(chainId)
    const query = HEAD_QUERY[this.kinds.get(chainId) ?? 'evm']
    const token = this.tokens.get(chainId)
    let head: number | null = null
    if (url) {
      try {
        const res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: query.method, params: [] }),
          signal: AbortSignal.timeout(2000),
        })
        head = query.parse(((await res.json()) as { result: unknown }).result)
        if (!Number.isFinite(head)) head = null
      } catch {
        head = null
      }
    }
    this.cache.set(chainId, { at: Date.now(), head })
    return head
  }
}
