/**
 * The batch handler of a CometBFT chain: decoded blocks in, the same rows as the EVM handler out (RawEvent,
 * EconomicFact, QuarantinedLog, ChainCursor). Pure: the network's handler decides the facts, this file gives them
 * ids and chain references. Event ids follow the EVM scheme with the event's position in the block as log index.
 */
import { QuarantinedLog, RawEvent } from '../model'
import type { ChainDef, CosmosBlockInput, NetworkDef } from '../registry'
import { cursorOf, eventId, factRows, type BatchOutput } from './batch'
import { StateCache } from './state'

export function handleCosmosBlocks(chain: ChainDef, nets: NetworkDef[], blocks: CosmosBlockInput[], state = new StateCache()): BatchOutput {
  const out: BatchOutput = { rawEvents: [], facts: [], prices: [], quarantined: [], cursor: undefined, leaseTerms: new Map() }
  for (const block of blocks) {
    const timestamp = new Date(block.timestamp)
    // undecodable messages of the network's types: quarantined (the events still apply)
    block.txs.forEach((tx, t) =>
      tx.undecoded.forEach((u, k) =>
        out.quarantined.push(
          new QuarantinedLog({
            id: `${eventId(chain.chainId, block.height, 900_000 + t * 100 + k)}`, network: nets[0]?.id ?? 'unknown', chainId: chain.chainId, address: 'tx',
            topics: ['undecodable-message'], data: u, blockNumber: block.height, blockHash: block.hash, txHash: tx.hash, logIndex: 900_000 + t * 100 + k,
            reason: `cannot decode message ${u}`,
          }),
        ),
      ),
    )
    for (const network of nets) {
      if (!network.cosmos) continue
      const { events } = network.cosmos.handleBlock(block, state.access(network.id))
      for (const e of events) {
        const id = eventId(chain.chainId, block.height, e.index)
        const refs = { chainId: chain.chainId, blockNumber: block.height, timestamp, txHash: e.txHash, logIndex: e.index }
        let facts
        try {
          if (e.error) throw new Error(e.error)
          facts = factRows(network, id, e.facts, refs, out.leaseTerms)
        } catch (err) {
          out.quarantined.push(
            new QuarantinedLog({
              id, network: network.id, chainId: chain.chainId, address: e.module, topics: [e.name], data: JSON.stringify(e.args),
              blockNumber: block.height, blockHash: block.hash, txHash: e.txHash, logIndex: e.index, reason: (err as Error).message,
            }),
          )
          continue
        }
        out.rawEvents.push(
          new RawEvent({
            id, network: network.id, contract: e.module, contractName: e.module, name: e.name, topic0: e.name,
            blockHash: block.hash, args: e.args, ...refs,
          }),
        )
        out.facts.push(...facts)
      }
    }
  }
  const last = blocks[blocks.length - 1]
  out.cursor = cursorOf(chain, last && { height: last.height, hash: last.hash, timestamp: last.timestamp })
  return out
}
