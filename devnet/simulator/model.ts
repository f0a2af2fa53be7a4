/** What a network's economic model gives the chain simulator. */
import type { LogSpec } from '../emitter'
import { Random } from './random'

export interface EmittedLog extends LogSpec {
  /** contract address the log must come from (an emitter is installed there) */
  address: string
  /**
   * Logs carrying the same token go into one transaction, in order, sent to the first log's contract (which calls
   * the others' emitters): e.g. the DIMO Transfer and the licence Issued of one issueInDimo call. Logs without a
   * token are grouped per contract.
   */
  tx?: object
}

export interface NetworkModel {
  /** every address the model emits from */
  readonly addresses: string[]
  /** logs for the block at `to` (unix seconds), given the previous block at `from`, in emission order */
  step(from: number, to: number): EmittedLog[]
}

export interface ModelContext {
  /** seed for this model (derived from SIM_SEED and the network id) */
  seed: number
  /** unix seconds of the chain's first block */
  genesis: number
}

export type ModelFactory = (ctx: ModelContext) => NetworkModel

/** A stable 32-bit seed for a component, from the run seed and a name. */
export function deriveSeed(seed: number, name: string): number {
  let h = (seed ^ 0x9e3779b9) >>> 0
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0
  return h
}

export const DAY = 86_400
export const HOUR = 3_600

/** ETH-like amount (float) to base units with 1e-9 resolution, for any decimals >= 9 */
export function units(amount: number, decimals = 18): bigint {
  if (decimals < 9) return BigInt(Math.round(amount * 10 ** decimals))
  return BigInt(Math.round(amount * 1e9)) * 10n ** BigInt(decimals - 9)
}

export { Random }
