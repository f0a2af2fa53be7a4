/**
 * The Helium economy on a simulated Solana ledger: a pure function of seed and slot (like the Filecoin simulation),
 * so a restart serves the identical chain without a journal. A block every SLOTS_PER_BLOCK slots (the slots between,
 * and ~5 % of the scheduled ones, are skipped), each with the day's share of Helium transactions built exactly as
 * the programs run them: top-level instruction of the real program id, Anchor instruction data (discriminator +
 * Borsh args, encoded with the IDL), the CPI subtree as inner instructions with stack heights (SPL Token burns,
 * mints and transfers, circuit-breaker calls), token balances, address-lookup-table accounts, logs; plus unrelated
 * transfers and an occasional failed Helium transaction. Magnitudes: docs/simulation.md.
 */
import { createHash } from 'node:crypto'
import anchor from '@coral-xyz/anchor'
import {
  DATA_CREDITS_PROGRAM, DC_MINT, HELIUM_ENTITY_MANAGER_PROGRAM, HELIUM_SUB_DAOS_PROGRAM, HNT_MINT, helium, IOT_MINT, IOT_SUB_DAO,
  LAZY_DISTRIBUTOR_PROGRAM, MOBILE_MINT, MOBILE_SUB_DAO,
} from '../../indexer/registry/helium'
import { TOKEN_PROGRAM } from '../../indexer/sources/solana/decode'
import type { SolanaBlockJson, SolanaTransactionJson } from '../../indexer/sources/solana/decode'
import { deriveSeed } from '../simulator/model'
import { Random } from '../simulator/random'

export const SLOT_SECONDS = 0.4
/** one devnet block every 750 slots (5 minutes); real clusters fill ~95 % of slots */
export const SLOTS_PER_BLOCK = 750
/** slot numbers follow mainnet's pace from an approximate reference point (slot 300,000,000 ≈ 2024-10-29 00:00 UTC) */
const REF_SLOT = 300_000_000
const REF_TIME = Date.UTC(2024, 9, 29) / 1000
const REF_HEIGHT = 278_000_000
const SKIP_RATE = 0.05

export const SYSTEM_PROGRAM = '11111111111111111111111111111111'
const ATA_PROGRAM = 'ATokenGPvbdGVxr1b2hvZbsiqW5xWH25efTNsLJA8knL'
const CIRCUIT_BREAKER_PROGRAM = 'circAbx64bbsscPbQzZAUvuXpHqrCe6fLMzc2uKXz9g'
const COMPRESSION_PROGRAM = 'cmtDvXumGCrqC1Age74AVPhSRVXJMd8PJS91L8KbNCK'

/** Daily magnitudes of the model (docs/simulation.md cites where they come from). */
export const HELIUM_MODEL = {
  /** DC burned for data transfer per day, by sub-network */
  dcBurnPerDay: { iot: 150_000_000, mobile: 600_000_000 },
  /** delegated-DC burns per day per sub-network (the burn service batches) */
  burnsPerDay: 48,
  /** hotspots onboarded per day */
  onboardPerDay: { iot: 60, mobile: 25 },
  /** onboarding fee in DC (IoT: 40 USD + 10 USD location assertion when a location is given; Mobile WiFi: 20 USD) */
  onboardFeeDc: { iot: 4_000_000, mobile: 2_000_000 },
  iotLocationFeeDc: 1_000_000,
  /** share of onboardings that are data-only hotspots (no Proof-of-Coverage), and their fee in DC (1 USD, assumed) */
  dataOnlyShare: 0.2,
  dataOnlyFeeDc: 100_000,
  /** mint_data_credits transactions per day; together they mint about the DC burned */
  mintsPerDay: 24,
  /** HNT emitted per day (15M HNT / year after the August 2023 halving) and its split */
  hntPerDay: 15_000_000 / 365,
  emissionShare: { iot: 0.3, mobile: 0.7 },
  delegatorShare: 0.06,
  /** hotspot reward claims per day (lazy-distributor) and their mean size in HNT */
  claimsPerDay: 150,
  meanClaimHnt: 240,
  owners: 2_000,
  hntStartPrice: 5,
}

const HOTSPOT_DAY = 86_400

const base58 = anchor.utils.bytes.bs58
const sha = (s: string) => createHash('sha256').update(s).digest()
const addrs = new Map<string, string>()
/** a deterministic 32-byte account address for a label */
export const addr = (label: string) => {
  let a = addrs.get(label)
  if (!a) {
    a = base58.encode(sha(`addr:${label}`))
    if (addrs.size > 100_000) addrs.clear()
    addrs.set(label, a)
  }
  return a
}
const pdas = new Map<string, string>()
/** a program-derived address (memoized: the search for an off-curve bump is slow) */
const pda = (seeds: (Buffer | string)[], program: string) => {
  const key = `${program}:${seeds.map((s) => (typeof s === 'string' ? s : s.toString('hex'))).join(':')}`
  let out = pdas.get(key)
  if (!out) {
    out = anchor.web3.PublicKey.findProgramAddressSync(seeds.map((s) => (typeof s === 'string' ? new anchor.web3.PublicKey(s).toBuffer() : s)), new anchor.web3.PublicKey(program))[0].toBase58()
    pdas.set(key, out)
  }
  return out
}
/** the associated token account of a protocol account (a real PDA); users' token accounts are labelled addresses (faster) */
const ata = (owner: string, mint: string) => pda([owner, TOKEN_PROGRAM, mint], ATA_PROGRAM)
const userAta = (owner: string, mint: string) => addr(`ata:${owner}:${mint}`)

const coders = new Map(helium.solana!.programs.map((p) => [p.programId, new anchor.BorshInstructionCoder(p.idl)]))
/** instruction data built by `encode`, with its program and instruction name (to count what the model emitted) */
const encoded = new WeakMap<Uint8Array, string>()
const encode = (program: string, name: string, args: unknown) => {
  const data = new Uint8Array(coders.get(program)!.encode(name, args))
  encoded.set(data, `${program}:${name}`)
  return data
}
/** the instructions the registry indexes (program id:instruction name): each one the model emits is a raw event */
const INDEXED = new Set(helium.solana!.instructions.map((i) => `${helium.solana!.programs.find((p) => p.name === i.program)!.programId}:${i.name}`))
const u64le = (tag: number, amount: bigint) => {
  const b = new Uint8Array(9)
  b[0] = tag
  new DataView(b.buffer).setBigUint64(1, amount, true)
  return b
}
const bn = (x: bigint) => new anchor.BN(x.toString())

type Sub = 'iot' | 'mobile'
const SUB = {
  iot: { mint: IOT_MINT, subDao: IOT_SUB_DAO },
  mobile: { mint: MOBILE_MINT, subDao: MOBILE_SUB_DAO },
}
/** protocol accounts, derived as the programs derive them (so they are mainnet's accounts) */
export const DAO = pda([Buffer.from('dao'), HNT_MINT], HELIUM_SUB_DAOS_PROGRAM)
export const DATA_CREDITS = pda([Buffer.from('dc'), DC_MINT], DATA_CREDITS_PROGRAM)
export const LAZY_DISTRIBUTOR = pda([Buffer.from('lazy_distributor'), HNT_MINT], LAZY_DISTRIBUTOR_PROGRAM)
export const REWARDS_ESCROW = ata(LAZY_DISTRIBUTOR, HNT_MINT)

interface Ix {
  program: string
  accounts: string[]
  data: Uint8Array
  /** 1 = top level */
  height: number
  /** program id:instruction name of an Anchor instruction the model encoded */
  named?: string
}

interface TokenAccountBalance {
  account: string
  mint: string
  owner: string
  decimals: number
  pre: bigint
  post: bigint
}

/** Builds one transaction in getBlock's `json` encoding (version 0, some accounts through a lookup table). */
class TxBuilder {
  readonly ixs: Ix[] = []
  readonly balances: TokenAccountBalance[] = []
  err: unknown = null
  constructor(private readonly feePayer: string, private readonly rnd: Random) {}

  top(program: string, accounts: string[], data: Uint8Array) {
    this.ixs.push({ program, accounts, data, height: 1, named: encoded.get(data) })
    return this
  }
  inner(height: number, program: string, accounts: string[], data: Uint8Array) {
    this.ixs.push({ program, accounts, data, height, named: encoded.get(data) })
    return this
  }
  balance(account: string, mint: string, owner: string, decimals: number, delta: bigint) {
    const pre = BigInt(Math.floor(this.rnd.between(1e3, 1e6))) * 10n ** BigInt(decimals) + (delta < 0n ? -delta : 0n)
    this.balances.push({ account, mint, owner, decimals, pre, post: pre + delta })
    return this
  }

  /** instructions of this transaction the indexer reads (registry-listed, in a transaction that succeeds) */
  get indexed(): number {
    return this.err != null ? 0 : this.ixs.filter((ix) => ix.named != null && INDEXED.has(ix.named)).length
  }

  build(slot: number, blockhash: string): SolanaTransactionJson {
    // accounts read through the lookup table: mints and programs that are only invoked by CPI
    const lutOnly = new Set([DC_MINT, HNT_MINT, IOT_MINT, MOBILE_MINT, TOKEN_PROGRAM, SYSTEM_PROGRAM, ATA_PROGRAM, CIRCUIT_BREAKER_PROGRAM, COMPRESSION_PROGRAM])
    const topPrograms = new Set(this.ixs.filter((i) => i.height === 1).map((i) => i.program))
    const statics: string[] = [this.feePayer]
    const loaded: string[] = []
    for (const ix of this.ixs) {
      for (const a of [...ix.accounts, ix.program]) {
        if (statics.includes(a) || loaded.includes(a)) continue
        if (lutOnly.has(a) && !topPrograms.has(a)) loaded.push(a)
        else statics.push(a)
      }
    }
    const index = (a: string) => (statics.includes(a) ? statics.indexOf(a) : statics.length + loaded.indexOf(a))
    const compiled = (ix: Ix) => ({ programIdIndex: index(ix.program), accounts: ix.accounts.map(index), data: base58.encode(ix.data), stackHeight: ix.height === 1 ? null : ix.height })
    const tops: { ix: Ix; inner: Ix[] }[] = []
    for (const ix of this.ixs) {
      if (ix.height === 1) tops.push({ ix, inner: [] })
      else tops[tops.length - 1].inner.push(ix)
    }
    const signature = base58.encode(new Uint8Array([...sha(`sig:${slot}:${this.rnd.next()}`), ...sha(`sig2:${slot}:${this.rnd.next()}`)]))
    const failed = this.err != null
    const tokenBalances = (post: boolean) => this.balances.map((b) => ({
      accountIndex: index(b.account), mint: b.mint, owner: b.owner, programId: TOKEN_PROGRAM,
      uiTokenAmount: ((v: bigint) => ({ amount: v.toString(), decimals: b.decimals, uiAmount: Number(v) / 10 ** b.decimals, uiAmountString: String(Number(v) / 10 ** b.decimals) }))(post && !failed ? b.post : b.pre),
    }))
    const logs = this.ixs.flatMap((ix) => [`Program ${ix.program} invoke [${ix.height}]`, `Program ${ix.program} ${failed ? 'failed: custom program error: 0x1770' : 'success'}`])
    const lamports = statics.concat(loaded).map((_, i) => (i === 0 ? 2_000_000_000 : 2_039_280))
    return {
      transaction: {
        signatures: [signature],
        message: {
          accountKeys: statics,
          header: { numRequiredSignatures: 1, numReadonlySignedAccounts: 0, numReadonlyUnsignedAccounts: statics.filter((a) => topPrograms.has(a)).length },
          recentBlockhash: blockhash,
          instructions: tops.map((t) => compiled(t.ix)),
          addressTableLookups: loaded.length ? [{ accountKey: addr('lut:helium'), writableIndexes: [], readonlyIndexes: loaded.map((_, i) => i) }] : [],
        },
      },
      meta: {
        err: this.err,
        status: failed ? { Err: this.err } : { Ok: null },
        fee: 5000,
        preBalances: lamports,
        postBalances: lamports.map((l, i) => (i === 0 ? l - 5000 : l)),
        innerInstructions: failed ? [] : tops.map((t, i) => ({ index: i, instructions: t.inner.map(compiled) })).filter((x) => x.instructions.length),
        logMessages: logs,
        preTokenBalances: tokenBalances(false),
        postTokenBalances: tokenBalances(true),
        rewards: [],
        loadedAddresses: { writable: [], readonly: loaded },
        computeUnitsConsumed: 20_000 + this.ixs.length * 15_000,
      } as any,
      version: 0,
    }
  }
}

const bytes32 = (rnd: Random) => Array.from({ length: 32 }, () => rnd.int(0, 256))

export class HeliumSim {
  /** first slot with a block (the first block at or after genesis) */
  readonly firstSlot: number
  private readonly prices: number[] = []
  private cache = new Map<number, SolanaBlockJson>()

  /**
   * `density` (SIM_DENSITY, benchmarks): DC burns, onboardings, DC mints, reward claims and hotspot owners are
   * `density` times the model's (the daily epoch emissions stay two per day); density 1 is the model of
   * docs/simulation.md, the same blocks as without the knob.
   */
  constructor(readonly seed: number, readonly genesis: number, readonly density = 1) {
    const s = this.slotAt(genesis)
    this.firstSlot = Math.ceil(s / SLOTS_PER_BLOCK) * SLOTS_PER_BLOCK
  }

  slotAt(t: number) {
    return REF_SLOT + Math.floor((t - REF_TIME) / SLOT_SECONDS)
  }
  slotTime(slot: number) {
    return Math.floor(REF_TIME + (slot - REF_SLOT) * SLOT_SECONDS)
  }
  /** whether a slot has a block (scheduled and not skipped) */
  hasBlock(slot: number) {
    if (slot < this.firstSlot || (slot - this.firstSlot) % SLOTS_PER_BLOCK !== 0) return false
    const k = (slot - this.firstSlot) / SLOTS_PER_BLOCK
    return k === 0 || new Random(deriveSeed(this.seed, `skip:${k}`)).next() >= SKIP_RATE
  }
  /** slots with a block in [from, to] */
  blocksIn(from: number, to: number): number[] {
    const out: number[] = []
    for (let s = Math.max(this.firstSlot, Math.ceil((from - this.firstSlot) / SLOTS_PER_BLOCK) * SLOTS_PER_BLOCK + this.firstSlot); s <= to; s += SLOTS_PER_BLOCK) if (this.hasBlock(s)) out.push(s)
    return out
  }
  blockhash(slot: number) {
    return base58.encode(sha(`blockhash:${this.seed}:${slot}`))
  }
  parentSlot(slot: number) {
    let p = slot - SLOTS_PER_BLOCK
    while (p > this.firstSlot && !this.hasBlock(p)) p -= SLOTS_PER_BLOCK
    return Math.max(p, this.firstSlot - 1)
  }

  /** the HNT/USD oracle price (Pyth EMA) the model uses on a day since genesis: a seeded random walk */
  hntPrice(day: number) {
    while (this.prices.length <= day) {
      const d = this.prices.length
      const prev = d === 0 ? HELIUM_MODEL.hntStartPrice : this.prices[d - 1]
      this.prices.push(d === 0 ? prev : prev * Math.exp(0.03 * new Random(deriveSeed(this.seed, `hnt-price:${d}`)).normal()))
    }
    return this.prices[day]
  }

  block(slot: number): SolanaBlockJson {
    const hit = this.cache.get(slot)
    if (hit) return hit
    const block = this.render(slot).block
    if (this.cache.size > 256) this.cache.clear()
    this.cache.set(slot, block)
    return block
  }

  /** The block of a slot and the instructions in it the indexer reads (registry-listed, in successful transactions). */
  render(slot: number): { block: SolanaBlockJson; indexed: number } {
    const t = this.slotTime(slot)
    const rnd = new Random(deriveSeed(this.seed, `block:${slot}`))
    const blockhash = this.blockhash(slot)
    const builders = this.transactions(slot, t, rnd)
    const indexed = builders.reduce((n, b) => n + b.indexed, 0)
    const txs = builders.map((b) => b.build(slot, blockhash))
    const parent = this.parentSlot(slot)
    const block: SolanaBlockJson & Record<string, unknown> = {
      blockHeight: REF_HEIGHT + Math.floor((slot - REF_SLOT) / SLOTS_PER_BLOCK),
      blockTime: t,
      blockhash,
      parentSlot: parent,
      previousBlockhash: this.blockhash(parent),
      transactions: txs,
    }
    return { block, indexed }
  }

  /** Instructions the indexer reads (registry-listed, in successful transactions) in the blocks of slots [from, to]. */
  indexedInstructions(from: number, to: number): number {
    let n = 0
    for (const slot of this.blocksIn(from, to)) {
      for (const b of this.transactions(slot, this.slotTime(slot), new Random(deriveSeed(this.seed, `block:${slot}`)))) n += b.indexed
    }
    return n
  }

  private transactions(slot: number, t: number, rnd: Random): TxBuilder[] {
    const m = HELIUM_MODEL
    const perBlock = (perDay: number) => (perDay * SLOTS_PER_BLOCK * SLOT_SECONDS) / HOTSPOT_DAY
    const scaled = (perDay: number) => perBlock(perDay) * this.density
    const day = Math.floor((t - this.genesis) / HOTSPOT_DAY)
    // a weekly rhythm around the daily means
    const rhythm = 1 + 0.25 * Math.sin((2 * Math.PI * t) / (7 * HOTSPOT_DAY))
    const lognormal = () => Math.exp(0.5 * rnd.normal() - 0.125)
    const out: TxBuilder[] = []
    // epoch emissions: the first block of each UTC day, per sub-DAO
    const prev = this.slotTime(this.parentSlot(slot))
    if (slot > this.firstSlot && Math.floor(prev / HOTSPOT_DAY) !== Math.floor(t / HOTSPOT_DAY)) {
      for (const sub of ['iot', 'mobile'] as Sub[]) out.push(this.issueRewards(rnd, sub, Math.floor(t / HOTSPOT_DAY) - 1))
    }
    for (const sub of ['iot', 'mobile'] as Sub[]) {
      for (let i = rnd.poisson(scaled(m.burnsPerDay)); i > 0; i--) {
        const dc = BigInt(Math.max(1, Math.round(((m.dcBurnPerDay[sub] / m.burnsPerDay) * rhythm * lognormal()))))
        out.push(this.burnDelegated(rnd, sub, dc))
      }
      for (let i = rnd.poisson(scaled(m.onboardPerDay[sub]) * rhythm); i > 0; i--) out.push(this.onboard(rnd, sub, slot, i))
    }
    const totalDcPerDay = m.dcBurnPerDay.iot + m.dcBurnPerDay.mobile + m.onboardPerDay.iot * (m.onboardFeeDc.iot + m.iotLocationFeeDc) + m.onboardPerDay.mobile * m.onboardFeeDc.mobile
    for (let i = rnd.poisson(scaled(m.mintsPerDay)); i > 0; i--) {
      const dc = (totalDcPerDay / m.mintsPerDay) * lognormal()
      out.push(this.mintDataCredits(rnd, dc, this.hntPrice(Math.max(0, day))))
    }
    for (let i = rnd.poisson(scaled(m.claimsPerDay)); i > 0; i--) out.push(this.distribute(rnd, BigInt(Math.round(m.meanClaimHnt * lognormal() * 1e8))))
    // unrelated traffic: a SOL transfer; now and then a Helium transaction that fails
    if (rnd.next() < 0.5) {
      const from = addr(`wallet:${rnd.int(0, 1e6)}`)
      const data = new Uint8Array(12)
      new DataView(data.buffer).setUint32(0, 2, true)
      new DataView(data.buffer).setBigUint64(4, BigInt(rnd.int(1, 1e9)), true)
      out.push(new TxBuilder(from, rnd).top(SYSTEM_PROGRAM, [from, addr(`wallet:${rnd.int(0, 1e6)}`)], data))
    }
    if (rnd.next() < perBlock(1)) {
      const b = this.burnDelegated(rnd, rnd.pick(['iot', 'mobile'] as const), 123_456n)
      b.err = { InstructionError: [0, { Custom: 6000 }] }
      out.push(b)
    }
    // shuffle so that kinds interleave within a block
    for (let i = out.length - 1; i > 0; i--) {
      const j = rnd.int(0, i + 1)
      ;[out[i], out[j]] = [out[j], out[i]]
    }
    return out
  }

  private owner(rnd: Random) {
    return addr(`owner:${rnd.int(0, HELIUM_MODEL.owners * this.density)}`)
  }

  private burnDelegated(rnd: Random, sub: Sub, dc: bigint): TxBuilder {
    const authority = addr('dc-burn-authority')
    const router = rnd.int(0, 40)
    const delegated = addr(`delegated-dc:${sub}:${router}`)
    const escrow = addr(`delegated-dc-escrow:${sub}:${router}`)
    const epochInfo = addr(`sub-dao-epoch-info:${sub}`)
    const b = new TxBuilder(authority, rnd)
    b.top(DATA_CREDITS_PROGRAM, [epochInfo, SUB[sub].subDao, authority, addr('registrar'), DAO, DC_MINT, addr('account-payer'), DATA_CREDITS, delegated, escrow, TOKEN_PROGRAM, HELIUM_SUB_DAOS_PROGRAM, SYSTEM_PROGRAM],
      encode(DATA_CREDITS_PROGRAM, 'burnDelegatedDataCreditsV0', { args: { amount: bn(dc) } }))
    b.inner(2, TOKEN_PROGRAM, [escrow, DC_MINT, delegated], u64le(8, dc))
    b.inner(2, HELIUM_SUB_DAOS_PROGRAM, [epochInfo, SUB[sub].subDao, addr('registrar'), DAO, DC_MINT, addr('account-payer'), SYSTEM_PROGRAM],
      encode(HELIUM_SUB_DAOS_PROGRAM, 'trackDcBurnV0', { args: { dcBurned: bn(dc), bump: 255 } }))
    b.balance(escrow, DC_MINT, delegated, 0, -dc)
    return b
  }

  private onboard(rnd: Random, sub: Sub, slot: number, i: number): TxBuilder {
    const maker = addr(`maker:${sub}:${rnd.int(0, 12)}`)
    const owner = this.owner(rnd)
    const keyToAsset = addr(`key-to-asset:${slot}:${sub}:${i}:${rnd.next()}`)
    const dcBurner = userAta(maker, DC_MINT)
    const withLocation = rnd.next() < 0.8
    // data-only or not from the hotspot's own key (not a draw of the block's stream, which the other kinds share)
    const dataOnly = sha(`data-only:${keyToAsset}`)[0] < HELIUM_MODEL.dataOnlyShare * 256
    const fee = BigInt(dataOnly ? HELIUM_MODEL.dataOnlyFeeDc : HELIUM_MODEL.onboardFeeDc[sub] + (sub === 'iot' && withLocation ? HELIUM_MODEL.iotLocationFeeDc : 0))
    const common = { dataHash: bytes32(rnd), creatorHash: bytes32(rnd), root: bytes32(rnd), index: rnd.int(0, 1 << 20), location: withLocation ? bn(BigInt(rnd.int(1, 2 ** 31)) * 4096n) : null }
    const b = new TxBuilder(maker, rnd)
    if (dataOnly && sub === 'iot') {
      // helium-entity-manager onboard_data_only_iot_hotspot_v0: the payer pays; no maker approval (data-only config)
      b.top(HELIUM_ENTITY_MANAGER_PROGRAM, [maker, maker, addr(`iot-info:${keyToAsset}`), owner, addr('merkle-tree:iot'), dcBurner, addr('rec:iot'), addr('data-only-config'), DAO, keyToAsset, SUB.iot.subDao, DC_MINT, DATA_CREDITS, COMPRESSION_PROGRAM, DATA_CREDITS_PROGRAM, TOKEN_PROGRAM, ATA_PROGRAM, SYSTEM_PROGRAM, HELIUM_SUB_DAOS_PROGRAM],
        encode(HELIUM_ENTITY_MANAGER_PROGRAM, 'onboardDataOnlyIotHotspotV0', { args: { ...common, elevation: withLocation ? rnd.int(0, 200) : null, gain: withLocation ? rnd.int(10, 90) : null } }))
    } else if (dataOnly) {
      const dntBurner = userAta(maker, MOBILE_MINT)
      b.top(HELIUM_ENTITY_MANAGER_PROGRAM, [maker, maker, addr(`mobile-info:${keyToAsset}`), owner, addr('merkle-tree:mobile'), dcBurner, dntBurner, addr('rec:mobile'), addr('data-only-config'), DAO, keyToAsset, SUB.mobile.subDao, DC_MINT, MOBILE_MINT, addr('mobile-price-oracle'), DATA_CREDITS, COMPRESSION_PROGRAM, DATA_CREDITS_PROGRAM, TOKEN_PROGRAM, ATA_PROGRAM, SYSTEM_PROGRAM, HELIUM_SUB_DAOS_PROGRAM],
        encode(HELIUM_ENTITY_MANAGER_PROGRAM, 'onboardDataOnlyMobileHotspotV0', { args: common }))
    } else if (sub === 'iot') {
      b.top(HELIUM_ENTITY_MANAGER_PROGRAM, [maker, maker, maker, addr(`iot-info:${keyToAsset}`), owner, addr('merkle-tree:iot'), dcBurner, addr('rec:iot'), addr(`maker-approval:${maker}`), maker, DAO, keyToAsset, SUB.iot.subDao, DC_MINT, DATA_CREDITS, COMPRESSION_PROGRAM, DATA_CREDITS_PROGRAM, TOKEN_PROGRAM, ATA_PROGRAM, SYSTEM_PROGRAM, HELIUM_SUB_DAOS_PROGRAM],
        encode(HELIUM_ENTITY_MANAGER_PROGRAM, 'onboardIotHotspotV0', { args: { ...common, elevation: withLocation ? rnd.int(0, 200) : null, gain: withLocation ? rnd.int(10, 90) : null } }))
    } else {
      const dntBurner = userAta(maker, MOBILE_MINT)
      b.top(HELIUM_ENTITY_MANAGER_PROGRAM, [maker, maker, maker, addr(`mobile-info:${keyToAsset}`), owner, addr('merkle-tree:mobile'), dcBurner, dntBurner, addr('rec:mobile'), addr(`maker-approval:${maker}`), maker, DAO, keyToAsset, SUB.mobile.subDao, DC_MINT, MOBILE_MINT, addr('mobile-price-oracle'), DATA_CREDITS, COMPRESSION_PROGRAM, DATA_CREDITS_PROGRAM, TOKEN_PROGRAM, ATA_PROGRAM, SYSTEM_PROGRAM, HELIUM_SUB_DAOS_PROGRAM],
        encode(HELIUM_ENTITY_MANAGER_PROGRAM, 'onboardMobileHotspotV0', { args: { ...common, deviceType: { [rnd.pick(['wifiIndoor', 'wifiOutdoor', 'wifiDataOnly'])]: {} }, deploymentInfo: null } }))
    }
    b.inner(2, COMPRESSION_PROGRAM, [addr(`merkle-tree:${sub}`)], new Uint8Array([1, 2, 3, 4]))
    b.inner(2, DATA_CREDITS_PROGRAM, [DATA_CREDITS, dcBurner, maker, DC_MINT, ATA_PROGRAM, TOKEN_PROGRAM, SYSTEM_PROGRAM], encode(DATA_CREDITS_PROGRAM, 'burnWithoutTrackingV0', { args: { amount: bn(fee) } }))
    b.inner(3, TOKEN_PROGRAM, [dcBurner, DC_MINT, maker], u64le(8, fee))
    b.balance(dcBurner, DC_MINT, maker, 0, -fee)
    return b
  }

  private mintDataCredits(rnd: Random, dcWanted: number, priceUsd: number): TxBuilder {
    const owner = addr(`dc-buyer:${rnd.int(0, 60)}`)
    const hnt = BigInt(Math.max(1, Math.round((dcWanted * 0.00001 * 1e8) / priceUsd)))
    // the program's arithmetic: dc = hnt (1e-8) x price / 0.00001, rounded down
    const dc = BigInt(Math.floor((Number(hnt) / 1e8) * priceUsd * 1e5))
    const burner = userAta(owner, HNT_MINT)
    const recipientAta = userAta(owner, DC_MINT)
    const cb = pda([Buffer.from('mint_windowed_breaker'), DC_MINT], CIRCUIT_BREAKER_PROGRAM)
    const b = new TxBuilder(owner, rnd)
    b.top(DATA_CREDITS_PROGRAM, [DATA_CREDITS, addr('pyth-hnt-usd'), burner, recipientAta, owner, owner, HNT_MINT, DC_MINT, cb, CIRCUIT_BREAKER_PROGRAM, TOKEN_PROGRAM, SYSTEM_PROGRAM, ATA_PROGRAM],
      encode(DATA_CREDITS_PROGRAM, 'mintDataCreditsV0', { args: { hntAmount: bn(hnt), dcAmount: null } }))
    b.inner(2, TOKEN_PROGRAM, [burner, HNT_MINT, owner], u64le(8, hnt))
    b.inner(2, CIRCUIT_BREAKER_PROGRAM, [DC_MINT, recipientAta, DATA_CREDITS, cb, TOKEN_PROGRAM], new Uint8Array([...sha('global:mint_v0').subarray(0, 8), ...u64le(0, dc).subarray(1)]))
    b.inner(3, TOKEN_PROGRAM, [DC_MINT, recipientAta, DATA_CREDITS], u64le(7, dc))
    b.balance(burner, HNT_MINT, owner, 8, -hnt).balance(recipientAta, DC_MINT, owner, 0, dc)
    return b
  }

  private issueRewards(rnd: Random, sub: Sub, epoch: number): TxBuilder {
    const m = HELIUM_MODEL
    const total = (m.hntPerDay * m.emissionShare[sub] * (0.95 + 0.1 * rnd.next()))
    const delegators = BigInt(Math.round(total * m.delegatorShare * 1e8))
    const escrow = BigInt(Math.round(total * (1 - m.delegatorShare) * 1e8))
    const cranker = addr('issue-rewards-cranker')
    const delegatorPool = addr(`delegator-pool:${sub}`)
    const cb = pda([Buffer.from('mint_windowed_breaker'), HNT_MINT], CIRCUIT_BREAKER_PROGRAM)
    const b = new TxBuilder(cranker, rnd)
    b.top(HELIUM_SUB_DAOS_PROGRAM, [DAO, SUB[sub].subDao, addr(`dao-epoch-info:${epoch}`), addr(`sub-dao-epoch-info:${sub}:${epoch}`), cb, HNT_MINT, SUB[sub].mint, addr(`treasury:${sub}`), REWARDS_ESCROW, delegatorPool, SYSTEM_PROGRAM, TOKEN_PROGRAM, CIRCUIT_BREAKER_PROGRAM, addr(`sub-dao-epoch-info:${sub}:${epoch - 1}`), addr('supplement-vault'), addr('council-vault')],
      encode(HELIUM_SUB_DAOS_PROGRAM, 'issueRewardsV0', { args: { epoch: bn(BigInt(epoch)) } }))
    const cbMint = new Uint8Array(sha('global:mint_v0').subarray(0, 8))
    b.inner(2, CIRCUIT_BREAKER_PROGRAM, [HNT_MINT, delegatorPool, DAO, cb, TOKEN_PROGRAM], cbMint)
    b.inner(3, TOKEN_PROGRAM, [HNT_MINT, delegatorPool, DAO], u64le(7, delegators))
    b.inner(2, CIRCUIT_BREAKER_PROGRAM, [HNT_MINT, REWARDS_ESCROW, DAO, cb, TOKEN_PROGRAM], cbMint)
    b.inner(3, TOKEN_PROGRAM, [HNT_MINT, REWARDS_ESCROW, DAO], u64le(7, escrow))
    b.balance(delegatorPool, HNT_MINT, addr(`delegator-pool-owner:${sub}`), 8, delegators).balance(REWARDS_ESCROW, HNT_MINT, LAZY_DISTRIBUTOR, 8, escrow)
    return b
  }

  private distribute(rnd: Random, hnt: bigint): TxBuilder {
    const owner = this.owner(rnd)
    const payer = addr('rewards-cranker')
    const hotspot = rnd.int(0, 100_000)
    const recipient = addr(`recipient:${hotspot}`)
    const destination = userAta(owner, HNT_MINT)
    const cb = pda([Buffer.from('account_windowed_breaker'), REWARDS_ESCROW], CIRCUIT_BREAKER_PROGRAM)
    const common = [payer, LAZY_DISTRIBUTOR, recipient, HNT_MINT, REWARDS_ESCROW, cb, owner, destination, ATA_PROGRAM, CIRCUIT_BREAKER_PROGRAM, SYSTEM_PROGRAM, TOKEN_PROGRAM]
    const b = new TxBuilder(payer, rnd)
    if (rnd.next() < 0.9) {
      b.top(LAZY_DISTRIBUTOR_PROGRAM, [...common, addr(`merkle-tree:hotspots:${hotspot % 8}`), COMPRESSION_PROGRAM],
        encode(LAZY_DISTRIBUTOR_PROGRAM, 'distributeCompressionRewardsV0', { args: { dataHash: bytes32(rnd), creatorHash: bytes32(rnd), root: bytes32(rnd), index: hotspot } }))
    } else {
      b.top(LAZY_DISTRIBUTOR_PROGRAM, [...common, addr(`recipient-mint-account:${hotspot}`)], encode(LAZY_DISTRIBUTOR_PROGRAM, 'distributeRewardsV0', {}))
    }
    b.inner(2, CIRCUIT_BREAKER_PROGRAM, [REWARDS_ESCROW, destination, LAZY_DISTRIBUTOR, cb, TOKEN_PROGRAM], new Uint8Array([...sha('global:transfer_v0').subarray(0, 8), ...u64le(0, hnt).subarray(1)]))
    b.inner(3, TOKEN_PROGRAM, [REWARDS_ESCROW, destination, LAZY_DISTRIBUTOR], u64le(3, hnt))
    b.balance(REWARDS_ESCROW, HNT_MINT, LAZY_DISTRIBUTOR, 8, -hnt).balance(destination, HNT_MINT, owner, 8, hnt)
    return b
  }
}
