/** Handler state as stored in NetworkState.value: values that Subsquid's hot-block rollback cannot put back bare are wrapped. */
import { expect, it } from 'vitest'
import { fromStored, StateCache, toStored } from '../../indexer/handlers/state'

it('wraps strings, numbers, booleans, null and arrays; keeps plain objects; reads bare legacy values as they are', () => {
  for (const v of ['0xabc 0xdef 12', '1000000000000000', 42, true, null, [1, '2'], { a: 1, b: ['x'] }]) {
    const stored = toStored(v)
    // what survives a jsonb round trip is a JSON object (never a bare string or an array)
    expect(typeof stored === 'object' && stored !== null && !Array.isArray(stored), JSON.stringify(v)).toBe(true)
    expect(fromStored(JSON.parse(JSON.stringify(stored)))).toEqual(v)
  }
  expect(toStored({ a: 1 })).toEqual({ a: 1 })
  expect(fromStored('legacy')).toBe('legacy')
  expect(fromStored(7)).toBe(7)
  const cache = new StateCache([{ network: 'n', key: 'k', value: toStored('0x12 0x34 5') }, { network: 'n', key: 'o', value: { x: 1 } }])
  expect(cache.access('n').get('k')).toBe('0x12 0x34 5')
  expect(cache.access('n').get('o')).toEqual({ x: 1 })
})
