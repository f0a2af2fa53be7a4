/**
 * The devnet's stand-in for CoinGecko: a daily price series per imported asset (tokens without an on-chain
 * feed), written in CoinGecko's CSV export format and loaded with the same importer users run on real exports.
 * Random walk from a start price near the token's 2024-2025 range (approximate), seeded per asset.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { networks, priceFeeds } from '../indexer/registry'
import { DAY, deriveSeed, Random } from './simulator/model'

export const START_PRICES_USD: Record<string, number> = {
  LPT: 8, GRT: 0.15, ATH: 0.05, DIMO: 0.15, GEOD: 0.2, IOTX: 0.03, uSPON: 0.02, SPON: 0.02, FIL: 4, AKT: 3, HNT: 5,
}

/**
 * Circulating supply behind the `market_cap` column of the devnet's price files (CoinGecko writes its own circulating
 * supply × price there): orders of magnitude of CoinGecko's 2025 circulating supplies, not fitted. The indexer uses
 * the column only where it cannot rebuild the supply from events (IoTeX ioID's native IOTX, Spheron's uSPON, Helium's
 * HNT migrated from its L1), flagged `marketCapBasis: off-chain-import`.
 */
export const CIRCULATING_SUPPLY: Record<string, number> = {
  LPT: 40e6, GRT: 9.5e9, ATH: 11e9, DIMO: 300e6, GEOD: 300e6, IOTX: 9.4e9, uSPON: 250e6, SPON: 250e6, FIL: 650e6, AKT: 270e6, HNT: 180e6,
}

/**
 * Assets priced by import, from the registry: tokens with an imported price, and fee assets without an on-chain feed,
 * a protocol-fixed price or an on-chain price of their own contract (DIMO's DCX rate).
 */
export function importedAssets(): string[] {
  const fed = new Set(priceFeeds.map((f) => f.asset))
  return [
    ...new Set(
      networks.flatMap((n) => [
        ...(n.price?.kind === 'import' ? [n.price.asset] : []),
        ...(n.feeAsset.symbol !== n.token.symbol && !fed.has(n.feeAsset.symbol) && !n.feeAsset.fixedUsdPrice && !n.feeAsset.onchainPrice ? [n.feeAsset.symbol] : []),
      ]),
    ),
  ]
}

/** Writes <dir>/<asset>.csv for each imported asset, one row per UTC day from genesis to `until`. Returns the files. */
export function writePriceCsvs(dir: string, seed: number, genesis: number, until: number): { asset: string; file: string }[] {
  mkdirSync(dir, { recursive: true })
  return importedAssets().map((asset) => {
    const rnd = new Random(deriveSeed(seed, `price:${asset}`))
    let price = START_PRICES_USD[asset] ?? 1
    const lines = ['snapped_at,price,market_cap,total_volume']
    for (let t = Math.floor(genesis / DAY) * DAY; t <= until; t += DAY) {
      const day = new Date(t * 1000).toISOString().slice(0, 10)
      const cap = CIRCULATING_SUPPLY[asset] == null ? '' : Math.round(price * CIRCULATING_SUPPLY[asset])
      lines.push(`${day} 00:00:00 UTC,${price.toPrecision(8)},${cap},${Math.round(price * 1e7 * (0.5 + rnd.next()))}`)
      price = price * Math.exp(0.03 * rnd.normal())
    }
    const file = join(dir, `${asset.toLowerCase()}-usd-max.csv`)
    writeFileSync(file, lines.join('\n') + '\n')
    return { asset, file }
  })
}
