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

it('keeps a set value as given until the batch ends, then as the JSON a restart would load', () => {
  const cache = new StateCache()
  const s = cache.access('n')
  const book: Record<string, { price: bigint; stop?: number }> = { a: { price: 5n, stop: undefined } }
  s.set('book', book)
  book.b = { price: 7n } // set once, changed in place afterwards (a deal book): the batch's end sees the change
  expect(s.get('book')).toBe(book)
  const [[id, row]] = cache.takeChanges()
  expect(id).toBe('n:book')
  const json = { a: { price: '5' }, b: { price: '7' } }
  expect(row?.value).toEqual(json)
  // the cache now holds what NetworkState holds: a reload gives the same value
  expect(s.get('book')).toEqual(json)
  expect(new StateCache([{ network: 'n', key: 'book', value: toStored(row!.value) }]).access('n').get('book')).toEqual(s.get('book'))
  expect(cache.takeChanges()).toEqual([])
  s.delete('book')
  expect(cache.takeChanges()).toEqual([['n:book', null]])
})
