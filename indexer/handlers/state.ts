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

/** A handler value as JSON keeps it: bigints as decimal strings, undefined members dropped (what jsonb stores). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v)) ?? 'null')

/**
 * Handler state of a batch. `set` keeps the value as it is given (no copy: a provider's deal book or an open
 * deployment is set at every event, and copying it each time made a batch quadratic in the state's size); the batch's
 * changed values are turned into JSON once, in `takeChanges`, and the cache then holds those JSON values, the same
 * a restart would load from NetworkState. Handlers treat numeric strings and bigints alike (`BigInt(x)`), which is
 * what makes a value set in this batch and one loaded from the database behave the same.
 */
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
        const row = { network, key, value }
        this.values.set(stateId(network, key), row)
        this.dirty.set(stateId(network, key), row)
      },
      delete: (key) => {
        this.values.delete(stateId(network, key))
        this.dirty.set(stateId(network, key), null)
      },
    }
  }

  /** Hands over the batch's changes as JSON values and starts a new batch. */
  takeChanges() {
    const out: [string, { network: string; key: string; value: unknown } | null][] = []
    for (const [id, row] of this.dirty) {
      if (row == null) {
        out.push([id, null])
        continue
      }
      const json = { network: row.network, key: row.key, value: asJson(row.value) }
      this.values.set(id, json)
      out.push([id, json])
    }
    this.dirty.clear()
    return out
  }
}
