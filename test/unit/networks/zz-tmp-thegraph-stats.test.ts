import { it } from 'vitest'
import { TheGraphModel } from '../../../devnet/simulator/thegraph'
import { handleBlocks } from '../../../indexer/handlers/batch'
import { StateCache } from '../../../indexer/handlers/state'
import { arbitrumOne } from '../../../indexer/registry/chains'
import { watchedOnChain } from '../../../indexer/registry'
import { thegraph } from '../../../indexer/registry/thegraph'
it('stats', () => {
  const G = Date.UTC(2026, 0, 1) / 1000
  const m = new TheGraphModel({ seed: 3, genesis: G })
  const w = watchedOnChain(arbitrumOne, [thegraph], [])
  const st = new StateCache()
  let t = G
  const perDay: Record<number, Record<string, number>> = {}
  const cnt: Record<number, number> = {}
  for (let s = G + 900; s <= G + 45 * 86400; s += 900) {
    const logs = m.step(t, s).map((l, i) => ({ ...l, address: l.address.toLowerCase(), logIndex: i, transactionHash: '0x1' }))
    const out = handleBlocks(arbitrumOne, w, [{ header: { height: 1, hash: '0x1', timestamp: s * 1000 }, logs }], st)
    if (out.quarantined.length) throw new Error(out.quarantined[0].reason)
    const d = Math.floor((s - G - 1) / 86400)
    cnt[d] = (cnt[d] ?? 0) + logs.length
    perDay[d] ??= {}
    for (const f of out.facts) if (f.decimals === 18 && !['SUPPLY_MINT'].includes(f.kind) || d > 0) perDay[d][f.kind] = (perDay[d][f.kind] ?? 0) + Number(f.amount) / (f.decimals === 18 ? 1e18 : 1)
    t = s
  }
  for (const d of [0, 1, 5, 10, 20, 26, 27, 28, 35, 44]) console.log(d, cnt[d], JSON.stringify(Object.fromEntries(Object.entries(perDay[d]).map(([k, v]) => [k, Math.round(v)]))))
})
