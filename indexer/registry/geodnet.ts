/**
 * GEODNET (GNSS/RTK reference-station sensor network) on Polygon PoS.
 * Only the GEOD ERC-20 is verified; GEODNET publishes no fee or reward contracts. Revenue follows DefiLlama's
 * dimension-adapters fees/geodnet.ts: 80 % of RTK subscription fees buy GEOD back on the market and send it to
 * 0x…dEaD, so Σ value of GEOD Transfer(to = 0x…dEaD) is holders' revenue (fees = burns / 0.8). The same token
 * address, topic0 and dead-address filter are used by the Dune spellbook model depin.geodnet_revenue.
 */
import * as GeodToken from '../abi/GeodToken'
import { FactKind } from '../model'
import { polygon } from './chains'
import type { FactDraft, NetworkDef, TokenDef } from './types'

const DEFILLAMA = 'github.com/DefiLlama/dimension-adapters: fees/geodnet.ts (GEOD token, Transfer topic0, burns to 0x…dEaD = buy-back)'

/** GEOD, 18 decimals; 1,000,000,000 GEOD is the commonly cited maximum supply (not verified from source). */
export const GEOD: TokenDef = {
  symbol: 'GEOD',
  address: '0xAC0F66379A6d7801D7726d5a943356A172549Adb',
  decimals: 18,
  maxSupply: 1_000_000_000n * 10n ** 18n,
}

/** Where bought-back GEOD is sent (DefiLlama: PADDED_BURN_ADDRESS in topic2). */
export const GEOD_DEAD = '0x000000000000000000000000000000000000dEaD'
export const ZERO_ADDRESS = '0x0000000000000000000000000000000000000000'

/** Lower bound for the token's deployment block: 22,928,824 (2021-12-25 02:29 UTC); see notes. */
export const GEOD_START_BLOCK = 22_928_824

const geod = (kind: FactKind, amount: bigint, provenance: FactDraft['provenance'], actor?: string, counterparty?: string): FactDraft => ({
  kind, asset: GEOD.symbol, amount, decimals: GEOD.decimals, actor, counterparty, provenance,
})

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase()

export const geodnet: NetworkDef = {
  id: 'geodnet',
  name: 'GEODNET',
  category: 'sensors',
  categories: ['sensors'],
  chain: polygon,
  token: GEOD,
  // fees are bought back and burnt in GEOD, so the fee proxy is measured in GEOD (valued with the GEOD price)
  feeAsset: GEOD,
  feeRecipient: 'protocol',
  source: DEFILLAMA,
  price: { kind: 'import', asset: 'GEOD' },
  contracts: [
    {
      name: 'GeodToken',
      address: GEOD.address!,
      proxy: false,
      startBlock: GEOD_START_BLOCK,
      source: `${DEFILLAMA}; Dune spellbook tokens list (geod-geodnet-token, polygon, 18 dp)`,
      confidence: 'high',
      events: [
        {
          name: 'Transfer',
          abi: GeodToken.events.Transfer,
          meaning:
            'GEOD ERC-20 transfer. To 0x…dEaD: buy-back-and-burn of RTK subscription revenue (80 % of fees), counted as the fee proxy (FEE_PAID, inferred) and as a supply burn. From 0x0: mint. To 0x0: burn. Any other transfer (including miner reward payouts from the unverified distributor wallet) is kept as a raw event only.',
          confidence: 'medium',
          facts: (a: GeodToken.TransferEventArgs) => {
            if (same(a.to, GEOD_DEAD)) {
              return [
                geod(FactKind.FEE_PAID, a.value, 'inferred', a.from, a.to),
                geod(FactKind.SUPPLY_BURN, a.value, 'onchain', a.from, a.to),
              ]
            }
            if (same(a.from, ZERO_ADDRESS)) return [geod(FactKind.SUPPLY_MINT, a.value, 'onchain', a.to)]
            if (same(a.to, ZERO_ADDRESS)) return [geod(FactKind.SUPPLY_BURN, a.value, 'onchain', a.from)]
            return []
          },
        },
      ],
    },
  ],
  notes: [
    'Fees are INFERRED from burns: FEE_PAID = GEOD sent to 0x…dEaD (buy-back-and-burn), provenance "inferred". This equals DefiLlama\'s holdersRevenue; DefiLlama\'s dailyFees is burns / 0.8 (80 % of RTK subscription fees are burnt, 20 % funds the foundation), so our feesNative is ~80 % of DefiLlama fees. Amounts are in GEOD (feeAsset = GEOD), valued in USD with the imported GEOD price at the burn.',
    'Only the GEOD token is verified. GEODNET publishes no fee or reward contracts; RTK subscriptions are paid off-chain, so the burn is the only on-chain trace of revenue, lagging the subscriptions by the foundation\'s buy-back schedule.',
    'Rewards are left out: miner rewards are paid by a foundation distributor wallet that neither the reference nor DefiLlama names, so no REWARD_EMITTED facts are produced; those payouts are ordinary Transfer raw events.',
    'Since 2024-09 GEOD also exists on Solana (mint 7JA5eZdCzztSfQbJvS8aVVxMFfd81Rs9VvwnocV1mKHu; DefiLlama counts Solana burns to the incinerator too). Only Polygon is indexed, so fees and burns after that date undercount the network.',
    'Start block 22,928,824 (2021-12-25, a Polygon block-by-date from a public genesis-block list) is a conservative lower bound chosen before any GEOD activity (Dune\'s GEODNET revenue series starts 2023-04-20, DefiLlama\'s 2023-09-10); the exact deployment block is not in the reference: verify with eth_getCode before a mainnet run. Starting early only costs empty scanning.',
    'Max supply 1,000,000,000 GEOD is the commonly cited figure, not verified from the contract (a third-party scanner flags the token as mintable).',
    'The index is every GEOD transfer (the token is the only contract): expect far more raw events than facts.',
  ],
}
