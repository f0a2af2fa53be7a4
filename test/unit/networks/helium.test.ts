/**
 * Helium wire-format decoding, per instruction kind: getBlock (encoding json) transactions written here byte by
 * byte — Anchor discriminators computed in the test (sha256("global:<snake_case>")[0..8]), Borsh arguments and SPL
 * Token instructions laid out by hand, base58 by a small BigInt encoder — go through the source's decoder and the
 * registry's handler; the facts must carry the amounts and accounts written. Also: one real mainnet instruction
 * (lazy-distributor distributeCustomDestinationV0 run by CPI from a tuktuk cron, slot 448,529,532, from
 * helium-program-library packages/blockchain-api/tests/e2e/fixtures/lazy_distributor_distribute.json), the IDLs
 * against @helium/idls, failed transactions, lookup-table accounts and quarantine of what cannot be decoded.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { HELIUM_IDL_PROGRAMS, heliumIdl } from '../../../cli/helium-idls'
import { handleSolanaBlocks } from '../../../indexer/handlers/solana'
import { FactKind } from '../../../indexer/model'
import { helium } from '../../../indexer/registry/helium'
import { solana } from '../../../indexer/registry/chains'
import { decodeBlock, watchedPrograms, type SolanaBlockJson, type SolanaTransactionJson } from '../../../indexer/sources/solana/decode'
import { DAO, HELIUM_MODEL, HeliumSim, LAZY_DISTRIBUTOR, REWARDS_ESCROW } from '../../../devnet/solana/sim'

const DATA_CREDITS = 'credMBJhYFzfn7NxBMdU4aUqFggAjgztaCcv2Fo6fPT'
const SUB_DAOS = 'hdaoVTCqhfHHo75XdAMxBKdUqvq1i5bF23sisBqVgGR'
const LAZY = '1azyuavdMyvsivtNxPoz6SucD18eDHeXzFCUPq5XU7w'
const HEM = 'hemjuPXBpNvggtaUnN1MwT3wrdhttKEfosTcc2P9Pg8'
const TOKEN = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA'
const HNT = 'hntyVP6YFm1Hg25TN9WGLqM12b8TQmcknKrdu1oxWux'
const DC = 'dcuc8Amr83Wz27ZkQ2K9NS6r8zRpf1J6cvArEBDZDmm'
const IOT_SUB_DAO = '39Lw1RH6zt8AJvKn3BTxmUDofzduCM2J3kSaGDZ8L7Sk'
const MOBILE_SUB_DAO = 'Gm9xDCJawDEKDrrQW6haw94gABaYzQwCq4ZQU8h8bd22'

const ALPHABET = '123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz'
function b58(bytes: Uint8Array | number[]): string {
  let n = 0n
  for (const b of bytes) n = n * 256n + BigInt(b)
  let s = ''
  while (n > 0n) {
    s = ALPHABET[Number(n % 58n)] + s
    n /= 58n
  }
  for (const b of bytes) {
    if (b !== 0) break
    s = '1' + s
  }
  return s
}
const snake = (s: string) => s.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase()
const disc = (camel: string) => [...createHash('sha256').update(`global:${snake(camel)}`).digest().subarray(0, 8)]
const u64 = (v: bigint) => Array.from({ length: 8 }, (_, i) => Number((v >> BigInt(8 * i)) & 255n))
const u32 = (v: number) => Array.from({ length: 4 }, (_, i) => (v >>> (8 * i)) & 255)
const key = (label: string) => b58(createHash('sha256').update(label).digest())

interface HandIx { program: string; accounts: string[]; data: number[]; stack?: number }
/** a version-0 transaction in getBlock's json encoding; `lut` accounts come from a lookup table (meta.loadedAddresses.readonly) */
function tx(top: HandIx, inner: HandIx[] = [], o: { err?: unknown; lut?: string[]; balances?: { account: string; mint: string }[] } = {}): SolanaTransactionJson {
  const lut = o.lut ?? []
  const statics: string[] = [key('fee-payer')]
  for (const ix of [top, ...inner]) for (const a of [...ix.accounts, ix.program]) if (!statics.includes(a) && !lut.includes(a)) statics.push(a)
  const all = [...statics, ...lut]
  const c = (ix: HandIx) => ({ programIdIndex: all.indexOf(ix.program), accounts: ix.accounts.map((a) => all.indexOf(a)), data: b58(ix.data), stackHeight: ix.stack ?? null })
  const balances = (o.balances ?? []).map((b) => ({ accountIndex: all.indexOf(b.account), mint: b.mint, uiTokenAmount: { amount: '1000', decimals: 8 } }))
  return {
    transaction: { signatures: [b58(createHash('sha512').update(JSON.stringify(top)).digest())], message: { accountKeys: statics, instructions: [c(top)] } },
    meta: { err: o.err ?? null, innerInstructions: inner.length ? [{ index: 0, instructions: inner.map(c) }] : [], preTokenBalances: balances, postTokenBalances: balances, loadedAddresses: { writable: [], readonly: lut } },
    version: 0,
  }
}
const block = (txs: SolanaTransactionJson[]): SolanaBlockJson => ({ blockhash: key('bh'), previousBlockhash: key('pbh'), parentSlot: 999, blockHeight: 900, blockTime: 1_730_000_000, transactions: txs })
const programs = watchedPrograms(helium.solana!)
const run = (txs: SolanaTransactionJson[]) => handleSolanaBlocks(solana, [helium], [decodeBlock(1000, block(txs), programs)])

const splBurn = (account: string, mint: string, authority: string, amount: bigint, stack = 2): HandIx => ({ program: TOKEN, accounts: [account, mint, authority], data: [8, ...u64(amount)], stack })
const splMintTo = (mint: string, account: string, authority: string, amount: bigint, stack = 2): HandIx => ({ program: TOKEN, accounts: [mint, account, authority], data: [7, ...u64(amount)], stack })
const splTransfer = (from: string, to: string, authority: string, amount: bigint, stack = 2): HandIx => ({ program: TOKEN, accounts: [from, to, authority], data: [3, ...u64(amount)], stack })
const accounts = (n: number, prefix: string) => Array.from({ length: n }, (_, i) => key(`${prefix}:${i}`))

describe('Helium IDLs', () => {
  it('indexer/abi/helium/*.json are the @helium/idls IDLs, with discriminators = sha256("global:<name>")[..8]', () => {
    for (const p of HELIUM_IDL_PROGRAMS) {
      const stored = JSON.parse(readFileSync(join(import.meta.dirname, '../../../indexer/abi/helium', `${p}.json`), 'utf8'))
      expect(stored, p).toEqual(heliumIdl(p))
      for (const ix of stored.instructions) expect(ix.discriminator, `${p}.${ix.name}`).toEqual(disc(ix.name))
    }
    expect(helium.solana!.programs.map((p) => p.programId)).toEqual([DATA_CREDITS, SUB_DAOS, LAZY, HEM])
  })
})

describe('Helium instructions (getBlock json) to facts', () => {
  it('burnDelegatedDataCreditsV0: DC of the inner SPL Burn as fee and protocol take, actor = sub-DAO; the CPI to track_dc_burn is skipped', () => {
    const a = accounts(13, 'bd')
    a[1] = MOBILE_SUB_DAO
    a[5] = DC
    const escrow = a[9]
    const out = run([tx(
      { program: DATA_CREDITS, accounts: a, data: [...disc('burnDelegatedDataCreditsV0'), ...u64(1_234_567n)] },
      [splBurn(escrow, DC, a[8], 1_234_567n), { program: SUB_DAOS, accounts: a.slice(0, 7), data: [...disc('trackDcBurnV0'), ...u64(1_234_567n), 255], stack: 2 }],
    )])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents.map((r) => r.name)).toEqual(['burnDelegatedDataCreditsV0'])
    expect(out.rawEvents[0].args).toMatchObject({ args: { amount: '1234567' }, accounts: { subDao: MOBILE_SUB_DAO, delegatedDataCredits: a[8], escrowAccount: escrow } })
    expect(out.facts.map((f) => [f.kind, f.asset, f.amount, f.decimals, f.actor, f.counterparty])).toEqual([
      [FactKind.FEE_PAID, 'DC', 1_234_567n, 0, MOBILE_SUB_DAO, a[8]],
      [FactKind.PROTOCOL_TAKE, 'DC', 1_234_567n, 0, null, a[8]],
    ])
    expect(out.facts[0].blockNumber).toBe(1000)
    expect(out.facts[0].timestamp.getTime()).toBe(1_730_000_000_000)
  })

  it('onboardIotHotspotV0 with its burnWithoutTrackingV0 by CPI (accounts from a lookup table): one hotspot and the DC fee', () => {
    const a = accounts(21, 'on')
    a[4] = key('owner-1')
    a[12] = IOT_SUB_DAO
    a[13] = DC
    const args = [...Array(96).fill(7), ...u32(42), 1, ...u64(631_210_968_849_145_855n), 1, ...u32(15), 0]
    const burner = a[6]
    const burnAccounts = [a[14], burner, a[1], DC, key('ata'), TOKEN, key('system')]
    const out = run([tx(
      { program: HEM, accounts: a, data: [...disc('onboardIotHotspotV0'), ...args] },
      [
        { program: DATA_CREDITS, accounts: burnAccounts, data: [...disc('burnWithoutTrackingV0'), ...u64(5_000_000n)], stack: 2 },
        splBurn(burner, DC, a[1], 5_000_000n, 3),
      ],
      { lut: [DC, TOKEN, DATA_CREDITS] },
    )])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents.map((r) => r.name)).toEqual(['onboardIotHotspotV0', 'burnWithoutTrackingV0'])
    expect(out.rawEvents[0].args).toMatchObject({ args: { index: 42, location: '631210968849145855', elevation: 15, gain: null } })
    const [node, fee, take] = out.facts
    expect([node.kind, node.amount, node.unit, node.actor, node.counterparty, node.subject]).toEqual([FactKind.NODE_REGISTERED, 1n, 'hotspots', key('owner-1'), IOT_SUB_DAO, a[11]])
    expect([fee.kind, fee.amount, fee.actor, fee.counterparty]).toEqual([FactKind.FEE_PAID, 5_000_000n, null, a[1]])
    expect(take.kind).toBe(FactKind.PROTOCOL_TAKE)
    // log index = position among the block's watched instructions
    expect(out.rawEvents.map((r) => r.logIndex)).toEqual([0, 1])
  })

  it('onboardMobileHotspotV0 (enum device type): one hotspot on the Mobile sub-DAO', () => {
    const a = accounts(24, 'mob')
    a[13] = MOBILE_SUB_DAO
    const args = [...Array(96).fill(1), ...u32(7), 0, /* deviceType wifiOutdoor */ 2, /* deploymentInfo None */ 0]
    const out = run([tx({ program: HEM, accounts: a, data: [...disc('onboardMobileHotspotV0'), ...args] })])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents[0].args).toMatchObject({ args: { index: 7, location: null, deviceType: { wifiOutdoor: {} }, deploymentInfo: null } })
    expect(out.facts.map((f) => [f.kind, f.counterparty, f.actor])).toEqual([[FactKind.NODE_REGISTERED, MOBILE_SUB_DAO, a[4]]])
  })

  it('mintDataCreditsV0: the HNT of the inner SPL Burn is burned (SUPPLY_BURN); the DC minted stays in the raw event', () => {
    const a = accounts(13, 'mint')
    a[6] = HNT
    a[7] = DC
    const out = run([tx(
      { program: DATA_CREDITS, accounts: a, data: [...disc('mintDataCreditsV0'), 1, ...u64(250_000_000n), 0] },
      [splBurn(a[2], HNT, a[5], 250_000_000n), { program: key('circuit-breaker'), accounts: [DC, a[3]], data: [1, 2, 3], stack: 2 }, splMintTo(DC, a[3], a[0], 12_500_000n, 3)],
    )])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents[0].args).toMatchObject({ args: { hntAmount: '250000000', dcAmount: null }, tokenOps: [{ kind: 'burn', mint: HNT, amount: '250000000' }, { kind: 'mintTo', mint: DC, amount: '12500000', to: a[3] }] })
    expect(out.facts.map((f) => [f.kind, f.asset, f.amount, f.decimals, f.actor, f.counterparty])).toEqual([[FactKind.SUPPLY_BURN, 'HNT', 250_000_000n, 8, a[5], a[4]]])
  })

  it('issueRewardsV0: each inner MintTo of HNT is an emission (SUPPLY_MINT); DNT mints are not', () => {
    const a = accounts(16, 'issue')
    a[1] = IOT_SUB_DAO
    a[5] = HNT
    const out = run([tx(
      { program: SUB_DAOS, accounts: a, data: [...disc('issueRewardsV0'), ...u64(20_000n)] },
      [splMintTo(HNT, a[9], a[0], 7_000_000_000n, 3), splMintTo(HNT, a[8], a[0], 110_000_000_000n, 3), splMintTo(a[6], a[7], a[0], 5n, 3)],
    )])
    expect(out.quarantined).toEqual([])
    expect(out.facts.map((f) => [f.kind, f.amount, f.actor, f.counterparty])).toEqual([
      [FactKind.SUPPLY_MINT, 7_000_000_000n, IOT_SUB_DAO, a[9]],
      [FactKind.SUPPLY_MINT, 110_000_000_000n, IOT_SUB_DAO, a[8]],
    ])
  })

  it('a real mainnet distributeCustomDestinationV0 (by CPI at stack height 2): the HNT moved out of the rewards escrow is a hotspot reward', () => {
    // accounts and instruction data of the real transaction 43kGyke7…eofN; the SPL Transfer's amount (0 there) set to 1.5 HNT
    const common = ['H9KW2yryy7z1D9L55HsDd9DPx7tXDyJtFNMRH7AfYCd6', '6gcZXjHgKUBMedc2V1aZLFPwh8M1rPVRw7kpo2KqNrFq', '4oge4mUihEB7kKQRYJk6X6NWJGP5fAZ1LPLeHjCoy8MB', HNT, 'BDs6RPnpJNzmuMNv1z8cDh9cxKFgCxEVDaCfoHZWyvqJ', '73zsmmqCXjvHHhNSib26Y8p3jYiH3UUuyKv71RJDnctW', '8v8cEbCNts9ENuokPo6vF5QwaZJ4CAAmDrXKQdVbstFP', 'w5CPzaMr5uk3UAg6aJRQt34YrEJXeP2p88WykYsirtz', 'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL', 'circAbx64bbsscPbQzZAUvuXpHqrCe6fLMzc2uKXz9g', '11111111111111111111111111111111', TOKEN]
    const cron: HandIx = { program: 'tuktukUrfhXT6ZT77QTU8RQtvgL967uRuVagWF57zVA', accounts: [key('cron')], data: [...Buffer.from('zhi3bSnF')] }
    const real = (data: string) => [...decodeB58(data)]
    const t = tx(cron, [
      { program: LAZY, accounts: common, data: real('EjxsWx73csf'), stack: 2 },
      { program: 'circAbx64bbsscPbQzZAUvuXpHqrCe6fLMzc2uKXz9g', accounts: [common[4], common[7]], data: [9], stack: 3 },
      splTransfer(common[4], common[7], common[5], 150_000_000n, 4),
    ], { balances: [{ account: common[4], mint: HNT }, { account: common[7], mint: HNT }] })
    const out = run([t])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents.map((r) => r.name)).toEqual(['distributeCustomDestinationV0'])
    expect(out.facts.map((f) => [f.kind, f.asset, f.amount, f.actor, f.counterparty, f.subject])).toEqual([
      [FactKind.REWARD_EMITTED, 'HNT', 150_000_000n, '8v8cEbCNts9ENuokPo6vF5QwaZJ4CAAmDrXKQdVbstFP', '6gcZXjHgKUBMedc2V1aZLFPwh8M1rPVRw7kpo2KqNrFq', '4oge4mUihEB7kKQRYJk6X6NWJGP5fAZ1LPLeHjCoy8MB'],
    ])
  })

  // lazy-distributor DistributeRewardsCommonV0 accounts: payer, lazyDistributor, recipient, rewardsMint, rewardsEscrow,
  // circuitBreaker, owner, destinationAccount, associatedTokenProgram, circuitBreakerProgram, systemProgram, tokenProgram
  const distributeCommon = (prefix: string, mint = HNT) => {
    const c = accounts(12, prefix)
    c[3] = mint
    c[11] = TOKEN
    return c
  }
  // the circuit breaker's transfer_v0 by CPI, then the SPL Transfer out of the rewards escrow
  const payout = (c: string[], amount: bigint): HandIx[] => [
    { program: 'circAbx64bbsscPbQzZAUvuXpHqrCe6fLMzc2uKXz9g', accounts: [c[4], c[7], c[1], c[5], TOKEN], data: [...disc('transferV0'), ...u64(amount)], stack: 2 },
    splTransfer(c[4], c[7], c[1], amount, 3),
  ]

  it('distributeRewardsV0 (no arguments): the HNT transferred out of the rewards escrow is the owner\'s reward; a transfer from elsewhere is not', () => {
    const c = distributeCommon('dr')
    const out = run([tx(
      { program: LAZY, accounts: [...c, key('recipient-mint-account')], data: disc('distributeRewardsV0') },
      [...payout(c, 987_654_321n), splTransfer(key('someone-else'), c[7], c[6], 5n, 2)],
      { balances: [{ account: c[4], mint: HNT }, { account: c[7], mint: HNT }] },
    )])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents.map((r) => r.name)).toEqual(['distributeRewardsV0'])
    expect(out.rawEvents[0].args).toMatchObject({ accounts: { 'common.rewardsEscrow': c[4], 'common.owner': c[6], recipientMintAccount: key('recipient-mint-account') } })
    expect(out.facts.map((f) => [f.kind, f.asset, f.amount, f.decimals, f.actor, f.counterparty, f.subject])).toEqual([
      [FactKind.REWARD_EMITTED, 'HNT', 987_654_321n, 8, c[6], c[1], c[2]],
    ])
  })

  it('distributeCompressionRewardsV0 (dataHash, creatorHash, root, index): decoded arguments and the HNT reward; IOT rewards (before HIP-138) are raw events only', () => {
    const c = distributeCommon('dcr')
    const args = [...Array(32).fill(0xa1), ...Array(32).fill(0xb2), ...Array(32).fill(0xc3), ...u32(70_001)]
    const out = run([tx(
      { program: LAZY, accounts: [...c, key('merkle-tree'), key('compression')], data: [...disc('distributeCompressionRewardsV0'), ...args] },
      payout(c, 42_000_000_000n),
      { balances: [{ account: c[4], mint: HNT }] },
    )])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents[0].args).toMatchObject({
      args: { dataHash: `0x${'a1'.repeat(32)}`, creatorHash: `0x${'b2'.repeat(32)}`, root: `0x${'c3'.repeat(32)}`, index: 70_001 },
      accounts: { merkleTree: key('merkle-tree'), compressionProgram: key('compression') },
    })
    expect(out.facts.map((f) => [f.kind, f.amount, f.actor, f.counterparty, f.subject])).toEqual([[FactKind.REWARD_EMITTED, 42_000_000_000n, c[6], c[1], c[2]]])
    // the same claim in IOT (rewardsMint = the IOT mint): kept, no fact
    const iot = distributeCommon('dcr-iot', 'iotEVVZLEywoTn1QdwNPddxPWszn3zFhEot3MfL9fns')
    const old = run([tx({ program: LAZY, accounts: [...iot, key('merkle-tree'), key('compression')], data: [...disc('distributeCompressionRewardsV0'), ...args] }, payout(iot, 5n))])
    expect(old.quarantined).toEqual([])
    expect(old.rawEvents.map((r) => r.name)).toEqual(['distributeCompressionRewardsV0'])
    expect(old.facts).toEqual([])
  })

  it('onboardDataOnlyIotHotspotV0 (options set and unset) with its DC fee by CPI: one IoT hotspot; on the Mobile sub-DAO it is quarantined', () => {
    // accounts: payer, dcFeePayer, iotInfo, hotspotOwner, merkleTree, dcBurner, rewardableEntityConfig, dataOnlyConfig,
    // dao, keyToAsset, subDao, dcMint, dc, compressionProgram, dataCreditsProgram, tokenProgram, ata, system, subDaos
    const a = accounts(19, 'doi')
    a[3] = key('data-only-owner')
    a[10] = IOT_SUB_DAO
    a[11] = DC
    const hashes = [...Array(32).fill(1), ...Array(32).fill(2), ...Array(32).fill(3)]
    // location Some(u64), elevation Some(i32 = -12), gain None
    const args = [...hashes, ...u32(9), 1, ...u64(631_210_968_849_145_855n), 1, ...u32(-12 >>> 0), 0]
    const burnAccounts = [key('dc-account'), a[5], a[0], DC, key('ata'), TOKEN, key('system')]
    const onboard = (subDao: string) => tx(
      { program: HEM, accounts: a.map((x, i) => (i === 10 ? subDao : x)), data: [...disc('onboardDataOnlyIotHotspotV0'), ...args] },
      [{ program: DATA_CREDITS, accounts: burnAccounts, data: [...disc('burnWithoutTrackingV0'), ...u64(100_000n)], stack: 2 }, splBurn(a[5], DC, a[0], 100_000n, 3)],
    )
    const out = run([onboard(IOT_SUB_DAO)])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents.map((r) => r.name)).toEqual(['onboardDataOnlyIotHotspotV0', 'burnWithoutTrackingV0'])
    expect(out.rawEvents[0].args).toMatchObject({ args: { index: 9, location: '631210968849145855', elevation: -12, gain: null, root: `0x${'03'.repeat(32)}` }, accounts: { hotspotOwner: a[3], keyToAsset: a[9], dataOnlyConfig: a[7] } })
    expect(out.facts.map((f) => [f.kind, f.asset, f.amount, f.unit ?? null, f.actor, f.counterparty, f.subject ?? null])).toEqual([
      [FactKind.NODE_REGISTERED, 'hotspots', 1n, 'hotspots', a[3], IOT_SUB_DAO, a[9]],
      [FactKind.FEE_PAID, 'DC', 100_000n, null, null, a[0], null],
      [FactKind.PROTOCOL_TAKE, 'DC', 100_000n, null, null, a[0], null],
    ])
    const wrong = run([onboard(MOBILE_SUB_DAO)])
    expect(wrong.quarantined.map((q) => q.reason)).toEqual([`cannot normalize onboardDataOnlyIotHotspotV0: onboardDataOnlyIotHotspotV0 with sub-DAO ${MOBILE_SUB_DAO}, not the iot sub-DAO`])
  })

  it('onboardDataOnlyMobileHotspotV0 (location None): one Mobile hotspot, owner = account 3', () => {
    // accounts: payer, dcFeePayer, mobileInfo, hotspotOwner, merkleTree, dcBurner, dntBurner, rewardableEntityConfig,
    // dataOnlyConfig, dao, keyToAsset, subDao, dcMint, dntMint, dntPrice, dc, compression, dataCredits, token, ata, system, subDaos
    const a = accounts(22, 'dom')
    a[3] = key('mobile-data-only-owner')
    a[11] = MOBILE_SUB_DAO
    const out = run([tx({ program: HEM, accounts: a, data: [...disc('onboardDataOnlyMobileHotspotV0'), ...Array(96).fill(9), ...u32(123_456), 0] })])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents[0].args).toMatchObject({ args: { index: 123_456, location: null }, accounts: { hotspotOwner: a[3], keyToAsset: a[10], subDao: MOBILE_SUB_DAO, dntMint: a[13] } })
    expect(out.facts.map((f) => [f.kind, f.amount, f.actor, f.counterparty, f.subject])).toEqual([[FactKind.NODE_REGISTERED, 1n, a[3], MOBILE_SUB_DAO, a[10]]])
  })

  it('delegateDataCreditsV0 (amount u64, routerKey Borsh string): a raw event with the DC moved to the escrow, no fact', () => {
    // accounts: delegatedDataCredits, dataCredits, dcMint, dao, subDao, owner, fromAccount, escrowAccount, payer, ata, token, system
    const a = accounts(12, 'dlg')
    a[2] = DC
    a[4] = IOT_SUB_DAO
    a[10] = TOKEN
    const router = '11VQ3xjfr2nVfnZfqE5jzRVBKhVcPu6BDhBfJ4SdXCnJzzmhZZ5'
    const args = [...u64(2_500_000n), ...u32(router.length), ...Buffer.from(router, 'utf8')]
    const out = run([tx({ program: DATA_CREDITS, accounts: a, data: [...disc('delegateDataCreditsV0'), ...args] }, [splTransfer(a[6], a[7], a[5], 2_500_000n)], { balances: [{ account: a[6], mint: DC }, { account: a[7], mint: DC }] })])
    expect(out.quarantined).toEqual([])
    expect(out.rawEvents.map((r) => r.name)).toEqual(['delegateDataCreditsV0'])
    expect(out.rawEvents[0].args).toMatchObject({
      args: { amount: '2500000', routerKey: router },
      accounts: { delegatedDataCredits: a[0], subDao: IOT_SUB_DAO, owner: a[5], fromAccount: a[6], escrowAccount: a[7] },
      tokenOps: [{ kind: 'transfer', amount: '2500000', from: a[6], to: a[7], mint: DC }],
    })
    expect(out.facts).toEqual([])
    // a routerKey whose length prefix runs past the data does not parse: quarantined
    const short = run([tx({ program: DATA_CREDITS, accounts: a, data: [...disc('delegateDataCreditsV0'), ...u64(1n), ...u32(200), 65, 66] })])
    expect(short.quarantined.map((q) => q.reason)).toEqual([expect.stringMatching(/^cannot decode dataCredits /)])
  })

  it('skips failed transactions and programs it does not watch; quarantines undecodable instructions with the reason', () => {
    const a = accounts(13, 'bad')
    a[1] = IOT_SUB_DAO
    a[5] = DC
    const ok = [...disc('burnDelegatedDataCreditsV0'), ...u64(10n)]
    const out = run([
      tx({ program: DATA_CREDITS, accounts: a, data: ok }, [splBurn(a[9], DC, a[8], 10n)], { err: { InstructionError: [0, { Custom: 6000 }] } }),
      tx({ program: key('other-program'), accounts: a, data: ok }),
      tx({ program: DATA_CREDITS, accounts: a, data: [1, 2, 3, 4, 5, 6, 7, 8, 9] }),
      tx({ program: DATA_CREDITS, accounts: a, data: [...disc('burnDelegatedDataCreditsV0'), 1, 2] }),
      tx({ program: DATA_CREDITS, accounts: a, data: ok }, [splBurn(a[9], DC, a[8], 11n)]),
      tx({ program: DATA_CREDITS, accounts: [...a.slice(0, 1), key('not-a-sub-dao'), ...a.slice(2)], data: ok }, [splBurn(a[9], DC, a[8], 10n)]),
    ])
    expect(out.facts).toEqual([])
    expect(out.rawEvents).toEqual([])
    expect(out.quarantined.map((q) => q.reason)).toEqual([
      expect.stringMatching(/^unknown dataCredits instruction \(discriminator 0x0102030405060708\)/),
      expect.stringMatching(/^cannot decode dataCredits burnDelegatedDataCreditsV0: arguments do not parse/),
      'cannot normalize burnDelegatedDataCreditsV0: DC burned 11 differs from args.amount 10',
      expect.stringMatching(/^cannot normalize burnDelegatedDataCreditsV0: sub-DAO \w+ is neither IoT/),
    ])
    expect(out.quarantined.every((q) => q.network === 'helium' && q.address === DATA_CREDITS && q.blockNumber === 1000)).toBe(true)
  })
})

describe('Helium devnet model', () => {
  it('uses mainnet\'s protocol accounts (DAO, sub-DAOs, HNT lazy distributor and its rewards escrow)', () => {
    // mainnet accounts as seen in real transactions (helium-program-library e2e fixtures)
    expect(DAO).toBe('BQ3MCuTT5zVBhNfQ4SjMh3NPVhFy73MPV8rjfq5d1zie')
    expect(LAZY_DISTRIBUTOR).toBe('6gcZXjHgKUBMedc2V1aZLFPwh8M1rPVRw7kpo2KqNrFq')
    expect(REWARDS_ESCROW).toBe('BDs6RPnpJNzmuMNv1z8cDh9cxKFgCxEVDaCfoHZWyvqJ')
  })

  it('a simulated day: deterministic per seed, decodes with nothing quarantined, DC burn near the model\'s daily mean', () => {
    const genesis = Date.UTC(2026, 0, 1) / 1000
    const sim = new HeliumSim(11, genesis)
    const slots = sim.blocksIn(sim.firstSlot, sim.slotAt(genesis + 86_400) - 1)
    expect(slots.length).toBeGreaterThan(250) // 288 scheduled, ~5 % skipped
    expect(slots.length).toBeLessThan(288)
    expect(JSON.stringify(new HeliumSim(11, genesis).block(slots[100]))).toBe(JSON.stringify(sim.block(slots[100])))
    expect(JSON.stringify(new HeliumSim(12, genesis).block(slots[100]))).not.toBe(JSON.stringify(sim.block(slots[100])))
    const out = handleSolanaBlocks(solana, [helium], slots.map((s) => decodeBlock(s, sim.block(s), programs)), undefined, slots.at(-1))
    expect(out.quarantined).toEqual([])
    const sum = (kind: FactKind, pred: (f: (typeof out.facts)[number]) => boolean = () => true) => out.facts.filter((f) => f.kind === kind && pred(f)).reduce((s, f) => s + f.amount, 0n)
    const dataDc = Number(sum(FactKind.FEE_PAID, (f) => f.actor != null))
    const wanted = HELIUM_MODEL.dcBurnPerDay.iot + HELIUM_MODEL.dcBurnPerDay.mobile
    expect(dataDc).toBeGreaterThan(wanted * 0.5)
    expect(dataDc).toBeLessThan(wanted * 1.5)
    expect(out.facts.filter((f) => f.kind === FactKind.NODE_REGISTERED).length).toBeGreaterThan(40)
    expect(Number(sum(FactKind.REWARD_EMITTED)) / 1e8).toBeGreaterThan(HELIUM_MODEL.claimsPerDay * HELIUM_MODEL.meanClaimHnt * 0.5)
  })
})

function decodeB58(s: string): Uint8Array {
  let n = 0n
  for (const c of s) n = n * 58n + BigInt(ALPHABET.indexOf(c))
  const out: number[] = []
  while (n > 0n) {
    out.unshift(Number(n & 255n))
    n >>= 8n
  }
  for (const c of s) {
    if (c !== '1') break
    out.unshift(0)
  }
  return new Uint8Array(out)
}
