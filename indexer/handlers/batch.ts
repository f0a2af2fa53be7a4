/**
 * The batch handler: blocks of one chain in, entities out. Pure: the same blocks give the same rows,
 * which is what makes it testable against hand-encoded logs and a real database alike.
 */
import { ChainCursor, EconomicFact, FactKind, PricePoint, QuarantinedLog, RawEvent } from '../model'
import type { ChainDef, FactDraft, LeaseTerms, NetworkDef, Watched } from '../registry'
import { argsToJson, decodeLog } from './decode'
import { StateCache } from './state'
import type { BlockInput } from './types'

export interface BatchOutput {
  rawEvents: RawEvent[]
  facts: EconomicFact[]
  prices: PricePoint[]
  quarantined: QuarantinedLog[]
  cursor: ChainCursor | undefined
  /** lease terms of LEASE_* facts, by fact id (they fill Lease rows; facts do not store them) */
  leaseTerms: Map<string, LeaseTerms>
}

/**
 * Token transfers into / out of a network's listed non-circulating addresses (treasury, vesting): SUPPLY_LOCK /
 * SUPPLY_UNLOCK facts, from the network token's ERC-20 Transfer, for every network alike.
 */
function lockFacts(network: NetworkDef, contractAddress: string, eventName: string, args: Record<string, unknown>): FactDraft[] {
  const listed = network.nonCirculating
  if (!listed?.length || eventName !== 'Transfer' || !network.token.address) return []
  if (contractAddress.toLowerCase() !== network.token.address.toLowerCase()) return []
  const amount = (args.value ?? args.amount) as bigint | undefined
  if (typeof amount !== 'bigint' || typeof args.from !== 'string' || typeof args.to !== 'string') return []
  const isListed = (a: string) => listed.some((x) => x.address.toLowerCase() === a.toLowerCase())
  const into = isListed(args.to)
  const outOf = isListed(args.from)
  if (into === outOf) return []
  const base = { asset: network.token.symbol, amount, decimals: network.token.decimals, provenance: 'onchain' as const }
  return into
    ? [{ ...base, kind: FactKind.SUPPLY_LOCK, actor: args.to, counterparty: args.from }]
    : [{ ...base, kind: FactKind.SUPPLY_UNLOCK, actor: args.from, counterparty: args.to }]
}

export const eventId = (chainId: number, height: number, logIndex: number) =>
  `${chainId}-${String(height).padStart(10, '0')}-${String(logIndex).padStart(6, '0')}`

/** Limits that make a decoded value unusable as an amount (out-of-range, e.g. a corrupted log). */
export const MAX_AMOUNT = 2n ** 200n

export function handleBlocks(chain: ChainDef, watched: Map<string, Watched>, blocks: BlockInput[], state = new StateCache()): BatchOutput {
  const out: BatchOutput = { rawEvents: [], facts: [], prices: [], quarantined: [], cursor: undefined, leaseTerms: new Map() }
  for (const block of blocks) {
    const { header } = block
    const timestamp = new Date(header.timestamp)
    for (const log of block.logs) {
      const id = eventId(chain.chainId, header.height, log.logIndex)
      const quarantine = (reason: string, network = 'unknown') =>
        out.quarantined.push(
          new QuarantinedLog({
            id, network, chainId: chain.chainId, address: log.address.toLowerCase(), topics: log.topics, data: log.data,
            blockNumber: header.height, blockHash: header.hash, txHash: log.transactionHash, logIndex: log.logIndex, reason,
          }),
        )
      const d = decodeLog(log, watched)
      if (!d.ok) {
        quarantine(d.reason, d.watched?.kind === 'contract' ? d.watched.network.id : d.watched?.kind === 'price' ? 'prices' : undefined)
        continue
      }
      const refs = { chainId: chain.chainId, blockNumber: header.height, timestamp, txHash: log.transactionHash, logIndex: log.logIndex }
      if (d.watched.kind === 'price') {
        const feed = d.watched.feed
        const answer = d.args.current as bigint
        if (answer <= 0n || answer > MAX_AMOUNT) {
          quarantine(`price answer out of range: ${answer}`, 'prices')
          continue
        }
        out.prices.push(
          new PricePoint({
            id, asset: feed.asset, quote: feed.quote, answer, decimals: feed.decimals,
            price: Number(answer) / 10 ** feed.decimals,
            updatedAt: new Date(Number(d.args.updatedAt as bigint) * 1000),
            source: `chainlink:${chain.chainId}:${feed.aggregator.toLowerCase()}`, ...refs,
          }),
        )
        continue
      }
      const { network, contract } = d.watched
      if (d.event.price) {
        // an event that sets a price on chain (DIMO's DCX rate): a PricePoint like a Chainlink answer
        const { asset, quote, decimals, answer: answerOf } = d.event.price
        const answer = answerOf(d.args)
        if (answer <= 0n || answer > MAX_AMOUNT) {
          quarantine(`price answer out of range: ${answer}`, network.id)
          continue
        }
        out.prices.push(
          new PricePoint({
            id, asset, quote, answer, decimals, price: Number(answer) / 10 ** decimals, updatedAt: timestamp,
            source: `onchain:${chain.chainId}:${contract.address.toLowerCase()}:${d.event.name}`, ...refs,
          }),
        )
      }
      let drafts
      try {
        drafts = d.event.facts?.(d.args, { block: { height: header.height, timestamp: header.timestamp }, txHash: log.transactionHash, state: state.access(network.id) }) ?? []
        drafts.push(...lockFacts(network, contract.address, d.event.name, d.args))
        for (const f of drafts) {
          if (f.amount < 0n || f.amount > MAX_AMOUNT) throw new Error(`amount out of range: ${f.amount}`)
        }
      } catch (e) {
        quarantine(`cannot normalize ${d.event.name}: ${(e as Error).message}`, network.id)
        continue
      }
      out.rawEvents.push(
        new RawEvent({
          id, network: network.id, contract: contract.address.toLowerCase(), contractName: contract.name, name: d.event.name,
          topic0: log.topics[0].toLowerCase(), blockHash: header.hash, args: argsToJson(d.args), ...refs,
        }),
      )
      out.facts.push(...factRows(network, id, drafts, refs, out.leaseTerms))
    }
  }
  out.cursor = cursorOf(chain, blocks[blocks.length - 1]?.header)
  return out
}

/** EVM hex addresses lower-cased; anything else (base58, bech32, f0) unchanged. */
export const normalizeAddress = (a: string | null | undefined): string | null => (a == null ? null : /^0x[0-9a-fA-F]*$/.test(a) ? a.toLowerCase() : a)

/** Chain references every row of an event carries. */
export interface EventRefs {
  chainId: number
  blockNumber: number
  timestamp: Date
  txHash: string
  logIndex: number
}

/**
 * The EconomicFact rows of one raw event's fact drafts (any source); lease terms go to `leaseTerms` by fact id.
 * EVM hex addresses are lower-cased; other addresses are kept as the chain writes them (Solana base58 is
 * case-sensitive; Filecoin f0 and bech32 addresses are lower-case already).
 */
export function factRows(network: NetworkDef, rawEventId: string, drafts: FactDraft[], refs: EventRefs, leaseTerms: Map<string, LeaseTerms>): EconomicFact[] {
  for (const f of drafts) {
    if (f.amount < 0n || f.amount > MAX_AMOUNT) throw new Error(`amount out of range: ${f.amount}`)
  }
  return drafts.map((f, i) => {
    if (f.lease) leaseTerms.set(`${rawEventId}-${i}`, f.lease)
    return new EconomicFact({
      id: `${rawEventId}-${i}`, network: network.id, category: network.category, kind: f.kind, asset: f.asset, amount: f.amount,
      decimals: f.decimals, actor: normalizeAddress(f.actor), counterparty: normalizeAddress(f.counterparty),
      subject: f.subject ?? null, unit: f.unit ?? null,
      rawEvent: rawEventId, provenance: f.provenance, ...refs,
    })
  })
}

/** The cursor row of a chain after a batch ending at `last`. */
export function cursorOf(chain: ChainDef, last: { height: number; hash: string; timestamp: number } | undefined): ChainCursor | undefined {
  if (!last) return undefined
  return new ChainCursor({ id: String(chain.chainId), chain: chain.id, height: last.height, hash: last.hash, timestamp: new Date(last.timestamp) })
}
