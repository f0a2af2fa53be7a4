/**
 * The batch handler of a Solana chain: decoded instructions of watched programs in, the same rows as the EVM
 * handler out (RawEvent, EconomicFact, QuarantinedLog, ChainCursor). Pure: the network's registry entry decides the
 * facts. An instruction's log index is its position among the watched instructions of its block (execution order);
 * its raw event keeps the decoded arguments, the accounts by IDL name and the token movements it caused.
 */
import { QuarantinedLog, RawEvent } from '../model'
import type { ChainDef, NetworkDef, SolanaInstruction } from '../registry'
import type { SolanaBlockInput } from '../sources/solana/decode'
import { cursorOf, eventId, factRows, type BatchOutput } from './batch'
import { StateCache } from './state'

const argsOf = (ix: SolanaInstruction) => ({
  ...ix.args,
  accounts: ix.accounts,
  tokenOps: ix.tokenOps.map((o) => ({ ...o, amount: o.amount.toString() })),
  position: ix.position,
})

/**
 * `through`: the last slot the batch read (its range end). Slots after the last block are skipped slots, so the
 * cursor's height is `through` (with the hash and time of the last block): the indexer is at the head even when
 * the head slot itself has no block.
 */
export function handleSolanaBlocks(chain: ChainDef, nets: NetworkDef[], blocks: SolanaBlockInput[], state = new StateCache(), through?: number): BatchOutput {
  const out: BatchOutput = { rawEvents: [], facts: [], prices: [], quarantined: [], cursor: undefined, leaseTerms: new Map() }
  const byProgram = new Map(nets.flatMap((n) => (n.solana?.programs ?? []).map((p) => [p.programId, { network: n, program: p }] as const)))
  for (const block of blocks) {
    const timestamp = new Date(block.timestamp)
    block.items.forEach((item, logIndex) => {
      const id = eventId(chain.chainId, block.slot, logIndex)
      const programId = item.ok ? item.ix.programId : item.bad.programId
      const owner = byProgram.get(programId)
      const network = owner?.network.id ?? 'unknown'
      const quarantine = (reason: string, name: string, data: string) =>
        out.quarantined.push(new QuarantinedLog({
          id, network, chainId: chain.chainId, address: programId, topics: [name], data, blockNumber: block.slot, blockHash: block.blockhash,
          txHash: item.ok ? item.ix.signature : item.bad.signature, logIndex, reason,
        }))
      if (!item.ok) return quarantine(`${item.bad.reason} (at ${item.bad.position})`, 'undecodable-instruction', item.bad.data)
      const ix = item.ix
      const refs = { chainId: chain.chainId, blockNumber: block.slot, timestamp, txHash: ix.signature, logIndex }
      let facts
      try {
        facts = factRows(owner!.network, id, owner!.network.solana!.handleInstruction(ix, state.access(owner!.network.id)), refs, out.leaseTerms)
      } catch (err) {
        return quarantine(`cannot normalize ${ix.name}: ${(err as Error).message}`, ix.name, JSON.stringify(argsOf(ix)))
      }
      out.rawEvents.push(new RawEvent({
        id, network, contract: programId, contractName: owner!.program.name, name: ix.name, topic0: ix.name, blockHash: block.blockhash, args: argsOf(ix), ...refs,
      }))
      out.facts.push(...facts)
    })
  }
  const last = blocks[blocks.length - 1]
  out.cursor = cursorOf(chain, last && { height: Math.max(last.slot, through ?? last.slot), hash: last.blockhash, timestamp: last.timestamp })
  return out
}
