/** Installs the log emitter at real contract addresses and encodes logs into its calldata format. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Rpc } from './rpc'

export const EMITTER_BYTECODE: string = JSON.parse(readFileSync(join(import.meta.dirname, 'contracts/emitter.json'), 'utf8')).bytecode

export interface LogSpec {
  /** 0..4 topics, 32-byte hex each */
  topics: string[]
  /** ABI-encoded data, hex */
  data: string
}

const strip = (h: string) => (h.startsWith('0x') ? h.slice(2) : h)

/** Encodes logs as emitter records: [n topics: 1 byte][data length: 2 bytes][topics][data]. */
export function encodeRecords(logs: LogSpec[]): string {
  let out = '0x'
  for (const l of logs) {
    const data = strip(l.data)
    if (l.topics.length > 4) throw new Error(`a log has at most 4 topics, got ${l.topics.length}`)
    if (data.length / 2 > 0xffff) throw new Error(`log data too long: ${data.length / 2} bytes`)
    out += l.topics.length.toString(16).padStart(2, '0') + (data.length / 2).toString(16).padStart(4, '0')
    for (const t of l.topics) out += strip(t).padStart(64, '0')
    out += data
  }
  return out
}

/** A record that makes the emitter call the emitter at `address` with `records` (logs from that contract, in order). */
export function encodeForward(address: string, records: string): string {
  const body = strip(records)
  if (body.length / 2 > 0xffff) throw new Error(`forwarded records too long: ${body.length / 2} bytes`)
  return '0xff' + (body.length / 2).toString(16).padStart(4, '0') + strip(address).toLowerCase().padStart(40, '0') + body
}

/** Records for one transaction sent to `to`: its own logs inline, runs of logs of other contracts forwarded to them. */
export function encodeTransaction(to: string, logs: (LogSpec & { address: string })[]): string {
  let out = '0x'
  for (let i = 0; i < logs.length; ) {
    let j = i
    while (j < logs.length && logs[j].address.toLowerCase() === logs[i].address.toLowerCase()) j++
    const run = encodeRecords(logs.slice(i, j))
    out += strip(logs[i].address.toLowerCase() === to.toLowerCase() ? run : encodeForward(logs[i].address, run))
    i = j
  }
  return out
}

export async function installEmitters(rpc: Rpc, addresses: string[]): Promise<void> {
  await rpc.batch(addresses.map((a) => ({ method: 'hardhat_setCode', params: [a, EMITTER_BYTECODE] })))
}
