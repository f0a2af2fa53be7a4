/**
 * Handler state cache: NetworkState rows in memory, changes collected per batch and written in the batch
 * transaction. The indexer reloads it from the database after a rollback (reorg), so it never runs ahead
 * of what is committed.
 */
import type { StateAccess } from '../registry'

export const stateId = (network: string, key: string) => `${network}:${key}`

/**
 * How a value is stored in NetworkState.value (jsonb). Plain objects are stored as they are; strings, numbers,
 * booleans and arrays are wrapped as `{ "$value": x }`, because Subsquid's hot-block rollback puts a row's old
 * jsonb value back as a bare query parameter: node-postgres sends a string as text (a hex string is then invalid
 * JSON, a decimal string becomes a JSON number) and an array as a PostgreSQL array literal. Bare values written
 * before this rule are still read as they are.
 */
const WRAP = '$value'
export const toStored = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? value : { [WRAP]: value }
export const fromStored = (value: unknown): unknown =>
  value !== null && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && WRAP in value
    ? (value as Record<string, unknown>)[WRAP]
    : value

export class StateCache {
  private values = new Map<string, { network: string; key: string; value: unknown }>()
  /** changed ids in this batch; null value = deleted */
  readonly dirty = new Map<string, { network: string; key: string; value: unknown } | null>()

  constructor(rows: { network: string; key: string; value: unknown }[] = []) {
    for (const r of rows) this.values.set(stateId(r.network, r.key), { network: r.network, key: r.key, value: fromStored(r.value) })
  }

  access(network: string): StateAccess {
    return {
      get: <T>(key: string) => this.values.get(stateId(network, key))?.value as T | undefined,
      set: (key, value) => {
        const row = { network, key, value: JSON.parse(JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v))) }
        this.values.set(stateId(network, key), row)
        this.dirty.set(stateId(network, key), row)
      },
      delete: (key) => {
        this.values.delete(stateId(network, key))
        this.dirty.set(stateId(network, key), null)
      },
    }
  }

  /** Hands over the batch's changes and starts a new batch. */
  takeChanges() {
    const out = [...this.dirty.entries()]
    this.dirty.clear()
    return out
  }
}
