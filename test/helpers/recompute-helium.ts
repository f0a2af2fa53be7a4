/**
 * Independent recomputation of Helium figures from raw Solana RPC responses (getBlocks, getBlock encoding json),
 * for the integration test. Shares nothing with the indexer's source, decoder, registry or handler: instruction
 * discriminators are computed here (sha256("global:<snake_case name>")[0..8]), amounts read byte by byte (u64
 * little-endian after the SPL Token tag), the CPI subtree of an instruction found from the stack heights, base58 is
 * a small BigInt implementation, and program ids, mints and sub-DAO addresses are written out literally (the
 * sub-DAOs are mainnet's: Helium's IoT and Mobile sub-DAO accounts).
 */
import { createHash } from 'node:crypto'

const DATA_CREDITS = 'credMBJhYFzfn7NxBMdU4aUqFggAjgztaCcv2Fo6fPT'
const SUB_DAOS = 'hdaoVTCqhfHHo75XdAMxBKdUqvq1i5bF23sisBqVgGR'
const LAZY = '1azyuavdMyvsivtNxPoz6SucD18eDHeXzFCUPq5XU7w'
const ENTITY_MANAGER = 'hemjuPXBpNvggtaUnN1MwT3wrdhttKEfosTcc2P9Pg8'
const TOKEN = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA'
const HNT = 'hntyVP6YFm1Hg25TN9WGLqM12b8TQmcknKrdu1oxWux'
const DC = 'dcuc8Amr83Wz27ZkQ2K9NS6r8zRpf1J6cvArEBDZDmm'
/** Helium's sub-DAO accounts on mainnet (PDAs ["sub_dao", IOT / MOBILE mint] of helium-sub-daos) */
export const IOT_SUB_DAO = '39Lw1RH6zt8AJvKn3BTxmUDofzduCM2J3kSaGDZ8L7Sk'
export const MOBILE_SUB_DAO = 'Gm9xDCJawDEKDrrQW6haw94gABaYzQwCq4ZQU8h8bd22'

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
export function base58Decode(s: string): Uint8Array {
  let n = 0n
  for (const c of s) {
    const v = ALPHABET.indexOf(c)
    if (v < 0) throw new Error(`not base58: ${s}`)
    n = n * 58n + BigInt(v)
  }
  const bytes: number[] = []
  while (n > 0n) {
    bytes.unshift(Number(n & 255n))
    n >>= 8n
  }
  for (const c of s) {
    if (c !== '1') break
    bytes.unshift(0)
  }
  return new Uint8Array(bytes)
}

const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()
const disc = (camel: string) => createHash('sha256').update(`global:${snake(camel)}`).digest().subarray(0, 8).toString('hex')
const hex8 = (b: Uint8Array) => Buffer.from(b.subarray(0, 8)).toString('hex')
const u64 = (b: Uint8Array, at: number) => Buffer.from(b).readBigUInt64LE(at)

const D = {
  burnDelegated: disc('burnDelegatedDataCreditsV0'),
  burnWithoutTracking: disc('burnWithoutTrackingV0'),
  mintDataCredits: disc('mintDataCreditsV0'),
  issueRewards: disc('issueRewardsV0'),
  distribute: [disc('distributeRewardsV0'), disc('distributeCompressionRewardsV0'), disc('distributeCustomDestinationV0')],
  onboardIot: [disc('onboardIotHotspotV0'), disc('onboardDataOnlyIotHotspotV0')],
  onboardMobile: [disc('onboardMobileHotspotV0'), disc('onboardDataOnlyMobileHotspotV0')],
}

export interface HeliumDay {
  dcBurned: bigint
  dcBurnedIot: bigint
  dcBurnedMobile: bigint
  dcBurns: number
  hntBurned: bigint
  hntMinted: bigint
  rewards: bigint
  claims: number
  hotspotsIot: number
  hotspotsMobile: number
  /** instructions that became raw events */
  events: number
}

export interface HeliumRecompute {
  days: Map<string, HeliumDay>
  /** instructions that became raw events */
  instructions: number
  blocks: number
  failedSkipped: number
  /** distinct hotspot owners of onboardings and reward claims */
  owners: Set<string>
  /** data-only onboardings (onboardDataOnlyIotHotspotV0 / onboardDataOnlyMobileHotspotV0), by sub-network */
  dataOnly: { iot: number; mobile: number }
}

async function rpc(url: string, method: string, params: unknown[]) {
  const r = (await (await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ jsonrpc: '2.0', id: 1, method, params }) })).json()) as { result: any; error?: unknown }
  if (r.error) throw new Error(`${method}: ${JSON.stringify(r.error)}`)
  return r.result
}

export async function recomputeHelium(url: string, from: number, to: number): Promise<HeliumRecompute> {
  const days = new Map<string, HeliumDay>()
  const day = (t: number) => {
    const k = new Date(t * 1000).toISOString().slice(0, 10)
    let d = days.get(k)
    if (!d) days.set(k, (d = { dcBurned: 0n, dcBurnedIot: 0n, dcBurnedMobile: 0n, dcBurns: 0, hntBurned: 0n, hntMinted: 0n, rewards: 0n, claims: 0, hotspotsIot: 0, hotspotsMobile: 0, events: 0 }))
    return d
  }
  const out: HeliumRecompute = { days, instructions: 0, blocks: 0, failedSkipped: 0, owners: new Set(), dataOnly: { iot: 0, mobile: 0 } }
  const slots: number[] = []
  for (let s = from; s <= to; s += 500_000) slots.push(...(await rpc(url, 'getBlocks', [s, Math.min(to, s + 499_999), { commitment: 'finalized' }])))
  for (const slot of slots) {
    const b = await rpc(url, 'getBlock', [slot, { commitment: 'finalized', encoding: 'json', transactionDetails: 'full', maxSupportedTransactionVersion: 0, rewards: false }])
    out.blocks++
    const d = day(b.blockTime)
    for (const tx of b.transactions) {
      const keys: string[] = [...tx.transaction.message.accountKeys, ...(tx.meta.loadedAddresses?.writable ?? []), ...(tx.meta.loadedAddresses?.readonly ?? [])]
      const watched = [DATA_CREDITS, SUB_DAOS, LAZY, ENTITY_MANAGER]
      if (tx.meta.err != null) {
        if (keys.some((k) => watched.includes(k))) out.failedSkipped++
        continue
      }
      const mintOf = new Map<string, string>()
      for (const tb of [...tx.meta.preTokenBalances, ...tx.meta.postTokenBalances]) mintOf.set(keys[tb.accountIndex], tb.mint)
      tx.transaction.message.instructions.forEach((top: any, i: number) => {
        const inner = tx.meta.innerInstructions.find((x: any) => x.index === i)?.instructions ?? []
        const seq = [{ ...top, stackHeight: 1 }, ...inner]
        seq.forEach((ix: any, n: number) => {
          const program = keys[ix.programIdIndex]
          if (!watched.includes(program)) return
          const data = base58Decode(ix.data)
          const acc = (k: number) => keys[ix.accounts[k]]
          // SPL Token instructions of its CPI subtree
          const subtree: { tag: number; amount: bigint; accounts: string[] }[] = []
          for (let m = n + 1; m < seq.length && seq[m].stackHeight > ix.stackHeight; m++) {
            if (keys[seq[m].programIdIndex] !== TOKEN) continue
            const sd = base58Decode(seq[m].data)
            subtree.push({ tag: sd[0], amount: u64(sd, 1), accounts: seq[m].accounts.map((a: number) => keys[a]) })
          }
          const h = hex8(data)
          if (program === DATA_CREDITS && (h === D.burnDelegated || h === D.burnWithoutTracking)) {
            // Burn: [account, mint, authority]
            const dc = subtree.filter((o) => o.tag === 8 && o.accounts[1] === DC).reduce((s, o) => s + o.amount, 0n)
            d.dcBurned += dc
            d.dcBurns++
            if (h === D.burnDelegated) {
              if (acc(1) === IOT_SUB_DAO) d.dcBurnedIot += dc
              else if (acc(1) === MOBILE_SUB_DAO) d.dcBurnedMobile += dc
              else throw new Error(`unknown sub-DAO ${acc(1)}`)
            }
            out.instructions++
            d.events++
          } else if (program === DATA_CREDITS && h === D.mintDataCredits) {
            d.hntBurned += subtree.filter((o) => o.tag === 8 && o.accounts[1] === HNT).reduce((s, o) => s + o.amount, 0n)
            out.instructions++
            d.events++
          } else if (program === SUB_DAOS && h === D.issueRewards) {
            // MintTo: [mint, account, authority]
            d.hntMinted += subtree.filter((o) => o.tag === 7 && o.accounts[0] === HNT).reduce((s, o) => s + o.amount, 0n)
            out.instructions++
            d.events++
          } else if (program === LAZY && D.distribute.includes(h)) {
            // common accounts: payer, lazyDistributor, recipient, rewardsMint, rewardsEscrow, circuitBreaker, owner, ...
            const escrow = acc(4)
            const paid = subtree.filter((o) => o.tag === 3 && o.accounts[0] === escrow && mintOf.get(escrow) === HNT).reduce((s, o) => s + o.amount, 0n)
            if (acc(3) === HNT && paid > 0n) {
              d.rewards += paid
              d.claims++
              out.owners.add(acc(6))
            }
            out.instructions++
            d.events++
          } else if (program === ENTITY_MANAGER && (D.onboardIot.includes(h) || D.onboardMobile.includes(h))) {
            if (D.onboardIot.includes(h)) d.hotspotsIot++
            else d.hotspotsMobile++
            // hotspotOwner: account 3 of the data-only instructions (no maker accounts before it), 4 of the others
            const dataOnly = D.onboardIot[1] === h || D.onboardMobile[1] === h
            if (dataOnly) out.dataOnly[D.onboardIot[1] === h ? 'iot' : 'mobile']++
            out.owners.add(acc(dataOnly ? 3 : 4))
            out.instructions++
            d.events++
          }
        })
      })
    }
  }
  return out
}
