/**
 * Solana getBlock answers (encoding `json`) -> the instructions of watched programs, decoded: account keys resolved
 * (static keys, then the addresses loaded from lookup tables: writable, readonly), top-level and inner instructions
 * walked in execution order, each watched one decoded by its Anchor discriminator with its program's IDL
 * (BorshInstructionCoder of @coral-xyz/anchor), and the SPL Token instructions of its CPI subtree (inner
 * instructions with a greater stackHeight) read as transfers, mints and burns. Failed transactions are skipped.
 */
import anchor from '@coral-xyz/anchor'
import type { SolanaInstruction, SolanaNetworkDef, SolanaTokenOp } from '../../registry'

/** base58 of bs58 (base-x, through @coral-xyz/anchor): faster than @scure/base's for instruction data */
const base58 = anchor.utils.bytes.bs58

export const TOKEN_PROGRAM = 'TokenkegQfeZyiNwAJbNbGKPFXCWuBvf9Ss623VQ5DA'
export const TOKEN_2022_PROGRAM = 'TokenzQdBNbLqP5VEhdkAS6EPFLC1PHnBqCXEpPxuEb'

interface CompiledInstructionJson {
  programIdIndex: number
  accounts: number[]
  /** base58 */
  data: string
  stackHeight?: number | null
}

interface TokenBalanceJson {
  accountIndex: number
  mint: string
  owner?: string
  programId?: string
  uiTokenAmount: { amount: string; decimals: number }
}

export interface SolanaTransactionJson {
  transaction: {
    signatures: string[]
    message: {
      accountKeys: string[]
      header?: unknown
      recentBlockhash?: string
      instructions: CompiledInstructionJson[]
      addressTableLookups?: unknown[]
    }
  }
  meta: {
    err: unknown
    innerInstructions?: { index: number; instructions: CompiledInstructionJson[] }[] | null
    preTokenBalances?: TokenBalanceJson[] | null
    postTokenBalances?: TokenBalanceJson[] | null
    loadedAddresses?: { writable: string[]; readonly: string[] } | null
    logMessages?: string[] | null
  } | null
  version?: number | 'legacy'
}

/** getBlock result (encoding json, transactionDetails full). */
export interface SolanaBlockJson {
  blockhash: string
  previousBlockhash: string
  parentSlot: number
  blockHeight: number | null
  /** unix seconds; null for very old blocks */
  blockTime: number | null
  transactions: SolanaTransactionJson[]
}

/** An instruction at a watched program that could not be decoded: quarantined with the reason. */
export interface SolanaUndecoded {
  slot: number
  signature: string
  position: string
  programId: string
  /** base58 instruction data as received */
  data: string
  reason: string
}

export interface SolanaBlockInput {
  slot: number
  blockhash: string
  /** unix ms */
  timestamp: number
  /** decoded instructions and undecodable ones, in execution order (their position in the list is their log index) */
  items: ({ ok: true; ix: SolanaInstruction } | { ok: false; bad: SolanaUndecoded })[]
}

interface WatchedProgram {
  name: string
  coder: anchor.BorshInstructionCoder
  /** IDL account names of each instruction, flattened (`group.name` for nested account groups) */
  accounts: Map<string, string[]>
}

const flatAccounts = (xs: any[], prefix = ''): string[] =>
  xs.flatMap((a) => (Array.isArray(a.accounts) ? flatAccounts(a.accounts, `${prefix}${a.name}.`) : [`${prefix}${a.name}`]))

/** The watched programs of a network, by program id: IDL coders built once. */
export function watchedPrograms(def: SolanaNetworkDef): Map<string, WatchedProgram> {
  const listed = new Set(def.instructions.map((i) => `${i.program}:${i.name}`))
  return new Map(def.programs.map((p) => [p.programId, {
    name: p.name,
    coder: new anchor.BorshInstructionCoder(p.idl),
    accounts: new Map((p.idl.instructions as any[]).filter((i) => listed.has(`${p.name}:${i.name}`)).map((i) => [i.name, flatAccounts(i.accounts)])),
  }]))
}

/** Decoded Anchor values as JSON: integers as decimal strings, public keys base58, byte arrays hex. */
export function toJson(v: unknown): unknown {
  if (v == null) return null
  if (anchor.BN.isBN(v)) return (v as anchor.BN).toString(10)
  if (v instanceof anchor.web3.PublicKey) return v.toBase58()
  if (v instanceof Uint8Array) return `0x${Buffer.from(v).toString('hex')}`
  if (Array.isArray(v)) {
    if (v.length > 0 && v.every((x) => Number.isInteger(x) && x >= 0 && x <= 255)) return `0x${Buffer.from(v as number[]).toString('hex')}`
    return v.map(toJson)
  }
  if (typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, toJson(x)]))
  if (typeof v === 'bigint') return v.toString()
  return v
}

const u64 = (b: Uint8Array, at: number) => new DataView(b.buffer, b.byteOffset, b.byteLength).getBigUint64(at, true)

/**
 * An SPL Token / Token-2022 instruction that moves an amount (Transfer 3, MintTo 7, Burn 8, TransferChecked 12,
 * MintToChecked 14, BurnChecked 15: tag byte, then the u64 amount), or null for any other.
 */
export function tokenOp(data: Uint8Array, accounts: string[], mintOf: (account: string) => string | null): SolanaTokenOp | null {
  if (data.length < 9) return null
  const amount = u64(data, 1)
  switch (data[0]) {
    case 3: return { kind: 'transfer', amount, from: accounts[0] ?? null, to: accounts[1] ?? null, mint: mintOf(accounts[0]) ?? mintOf(accounts[1]) }
    case 12: return { kind: 'transfer', amount, from: accounts[0] ?? null, to: accounts[2] ?? null, mint: accounts[1] ?? null }
    case 7:
    case 14: return { kind: 'mintTo', amount, from: null, to: accounts[1] ?? null, mint: accounts[0] ?? null }
    case 8:
    case 15: return { kind: 'burn', amount, from: accounts[0] ?? null, to: null, mint: accounts[1] ?? null }
    default: return null
  }
}

export class BlockDecodeError extends Error {}

/** Decodes one block: the instructions of `programs` (watched) in execution order. */
export function decodeBlock(slot: number, block: SolanaBlockJson, programs: Map<string, WatchedProgram>): SolanaBlockInput {
  if (block.blockTime == null) throw new BlockDecodeError(`block ${slot} has no blockTime`)
  const timestamp = block.blockTime * 1000
  const items: SolanaBlockInput['items'] = []
  block.transactions.forEach((tx, t) => {
    const meta = tx.meta
    if (!meta || meta.err != null) return // a failed transaction changes nothing
    const msg = tx.transaction.message
    const keys = [...msg.accountKeys, ...(meta.loadedAddresses?.writable ?? []), ...(meta.loadedAddresses?.readonly ?? [])]
    const signature = tx.transaction.signatures[0]
    // only transactions that touch a watched program are walked
    if (!keys.some((k) => programs.has(k))) return
    const mints = new Map<string, string>()
    for (const b of [...(meta.preTokenBalances ?? []), ...(meta.postTokenBalances ?? [])]) mints.set(keys[b.accountIndex], b.mint)
    const mintOf = (a: string) => mints.get(a) ?? null
    const inner = new Map((meta.innerInstructions ?? []).map((x) => [x.index, x.instructions]))
    msg.instructions.forEach((top, i) => {
      // the top-level instruction (stack height 1) and its inner instructions, in execution order
      const seq = [{ ix: top, height: 1, position: `${t}.${i}` }, ...(inner.get(i) ?? []).map((x, k) => ({ ix: x, height: x.stackHeight ?? 2, position: `${t}.${i}.${k}` }))]
      seq.forEach((e, n) => {
        const programId = keys[e.ix.programIdIndex]
        const program = programs.get(programId)
        if (!program) return
        const fail = (reason: string) => items.push({ ok: false, bad: { slot, signature, position: e.position, programId, data: e.ix.data, reason } })
        let data: Uint8Array
        try {
          data = base58.decode(e.ix.data)
        } catch {
          return fail('instruction data is not base58')
        }
        let decoded: { name: string; data: unknown } | null
        try {
          decoded = program.coder.decode(Buffer.from(data))
        } catch (err) {
          return fail(`cannot decode ${program.name} instruction: ${(err as Error).message}`)
        }
        if (!decoded) return fail(`unknown ${program.name} instruction (discriminator 0x${Buffer.from(data.subarray(0, 8)).toString('hex')})`)
        // the Borsh reader does not notice data that ends early: the decoded value must encode back to the bytes
        // read (trailing bytes are allowed, as the programs' own deserialization allows them)
        try {
          const again = program.coder.encode(decoded.name, decoded.data)
          if (again.length > data.length || !Buffer.from(data.subarray(0, again.length)).equals(again)) throw new Error('data ends early')
        } catch (err) {
          return fail(`cannot decode ${program.name} ${decoded.name}: arguments do not parse (${(err as Error).message})`)
        }
        const names = program.accounts.get(decoded.name)
        if (!names) return // an instruction of the program the registry does not index (admin, configuration)
        const ixKeys = e.ix.accounts.map((a) => keys[a])
        if (ixKeys.some((k) => k == null)) return fail(`${decoded.name}: account index out of range`)
        const accounts: Record<string, string> = {}
        names.forEach((name, k) => {
          if (ixKeys[k] != null) accounts[name] = ixKeys[k]
        })
        // its CPI subtree: the following inner instructions deeper than it
        const tokenOps: SolanaTokenOp[] = []
        for (let m = n + 1; m < seq.length && seq[m].height > e.height; m++) {
          const sub = seq[m].ix
          const pid = keys[sub.programIdIndex]
          if (pid !== TOKEN_PROGRAM && pid !== TOKEN_2022_PROGRAM) continue
          let subData: Uint8Array
          try {
            subData = base58.decode(sub.data)
          } catch {
            return fail(`${decoded.name}: inner token instruction data is not base58`)
          }
          const op = tokenOp(subData, sub.accounts.map((a) => keys[a]), mintOf)
          if (op) tokenOps.push(op)
        }
        items.push({
          ok: true,
          ix: {
            slot, timestamp, blockhash: block.blockhash, signature, position: e.position, programId, name: decoded.name,
            args: toJson(decoded.data) as Record<string, unknown>, accounts, tokenOps,
          },
        })
      })
    })
  })
  return { slot, blockhash: block.blockhash, timestamp, items }
}
