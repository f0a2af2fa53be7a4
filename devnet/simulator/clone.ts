/**
 * Deep copy of model state that keeps prototypes (class instances such as Random), Maps, Sets, arrays and
 * bigints, so a model can be put back to an earlier block when the devnet reorganises. Functions and frozen
 * registry objects are shared, not copied.
 */
export function cloneState<T>(value: T, seen = new Map<unknown, unknown>()): T {
  if (value === null || typeof value !== 'object') return value
  if (seen.has(value)) return seen.get(value) as T
  if (Object.isFrozen(value)) return value
  if (value instanceof Map) {
    const m = new Map()
    seen.set(value, m)
    for (const [k, v] of value) m.set(cloneState(k, seen), cloneState(v, seen))
    return m as T
  }
  if (value instanceof Set) {
    const s = new Set()
    seen.set(value, s)
    for (const v of value) s.add(cloneState(v, seen))
    return s as T
  }
  if (value instanceof Date) return new Date(value.getTime()) as T
  if (Array.isArray(value)) {
    const a: unknown[] = []
    seen.set(value, a)
    for (const v of value) a.push(cloneState(v, seen))
    return a as T
  }
  const o = Object.create(Object.getPrototypeOf(value))
  seen.set(value, o)
  for (const k of Reflect.ownKeys(value)) {
    const d = Object.getOwnPropertyDescriptor(value, k)!
    if ('value' in d) d.value = cloneState(d.value, seen)
    Object.defineProperty(o, k, d)
  }
  return o
}

/** Calls `f` on every instance of `cls` reachable from `root` (each once). */
export function forEachInstance<C>(root: unknown, cls: abstract new (...a: any[]) => C, f: (x: C) => void, seen = new Set<unknown>()): void {
  if (root === null || typeof root !== 'object' || seen.has(root)) return
  seen.add(root)
  if (root instanceof cls) f(root as C)
  const values = root instanceof Map ? [...root.keys(), ...root.values()] : root instanceof Set ? [...root] : Object.values(root)
  for (const v of values) forEachInstance(v, cls, f, seen)
}
