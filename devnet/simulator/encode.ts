/** Encodes events with the real ABIs (indexer/abi/*.json) into emitter log specs, using viem. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { encodeAbiParameters, encodeEventTopics, type Abi, type AbiEvent } from 'viem'
import type { LogSpec } from '../emitter'

const abiDir = join(import.meta.dirname, '../../indexer/abi')
const cache = new Map<string, Abi>()

export function abiOf(contract: string): Abi {
  let abi = cache.get(contract)
  if (!abi) cache.set(contract, (abi = JSON.parse(readFileSync(join(abiDir, `${contract}.json`), 'utf8')) as Abi))
  return abi
}

export function encodeEvent(contract: string, eventName: string, args: Record<string, unknown>): LogSpec {
  const abi = abiOf(contract)
  const item = abi.find((i): i is AbiEvent => i.type === 'event' && i.name === eventName)
  if (!item) throw new Error(`${contract} has no event ${eventName}`)
  const topics = encodeEventTopics({ abi: [item], eventName, args: args as never }) as string[]
  const dataInputs = item.inputs.filter((i) => !i.indexed)
  const data = encodeAbiParameters(dataInputs, dataInputs.map((i) => args[i.name!]))
  return { topics, data }
}
