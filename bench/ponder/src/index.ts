/** One handler per contract event: one row per event into raw_event, args as JSON (big integers as strings). */
import { formatAbiItem } from 'abitype'
import { readFileSync } from 'node:fs'
import { ponder } from 'ponder:registry'
import { rawEvent } from 'ponder:schema'
import type { PonderSpec } from '../ponder.config'

const spec: PonderSpec = JSON.parse(readFileSync(process.env.BENCH_PONDER_SPEC!, 'utf8'))
const json = (v: unknown): unknown =>
  typeof v === 'bigint' ? v.toString() : Array.isArray(v) ? v.map(json) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, json(x)])) : v

for (const c of spec.contracts) {
  const events = c.abi.filter((i: any) => i.type === 'event') as any[]
  const names = events.map((e) => e.name)
  for (const e of events) {
    // Ponder's name for an event: its name, or its full signature when the name is overloaded in the ABI
    const key = names.filter((n) => n === e.name).length > 1 ? formatAbiItem(e).split('event ')[1] : e.name
    ponder.on(`${c.name}:${key}` as any, async ({ event, context }: any) => {
      await context.db.insert(rawEvent).values({
        id: event.id,
        chainId: context.chain.id,
        blockNumber: event.block.number,
        blockTimestamp: event.block.timestamp,
        transactionHash: event.transaction.hash,
        logIndex: event.log.logIndex,
        address: event.log.address,
        contract: c.name,
        event: e.name,
        args: json(event.args),
      })
    })
  }
}
