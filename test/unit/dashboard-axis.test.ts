/** The capacity charts' byte axis (dashboard/src/axis.ts): nice binary ticks and an axis wide enough for their labels. */
import { describe, expect, it } from 'vitest'
import { byteAxis } from '../../dashboard/src/axis'

const KiB = 1024
const GiB = 1024 ** 3
const PiB = 1024 ** 5
const EiB = 1024 ** 6

describe('byte axis ticks', () => {
  it('steps of 1, 2 or 5 × a binary unit, labelled in that unit (hand-worked)', () => {
    // 3.12 EiB: a step of at least 0.78 EiB (800 PiB) is rounded up past 500 PiB to 1 EiB
    const a = byteAxis(3.12 * EiB)
    expect(a.ticks).toEqual([0, 1, 2, 3, 4].map((x) => x * EiB))
    expect(a.ticks.map(a.label)).toEqual(['0', '1 EiB', '2 EiB', '3 EiB', '4 EiB'])
    // 1.5 EiB: at least 384 PiB a step -> 500 PiB, labels stay in PiB (no 0.49 EiB or 1.46 EiB)
    const b = byteAxis(1.5 * EiB)
    expect(b.ticks).toEqual([0, 500, 1000, 1500, 2000].map((x) => x * PiB))
    expect(b.ticks.map(b.label)).toEqual(['0', '500 PiB', '1,000 PiB', '1,500 PiB', '2,000 PiB'])
    // 30 GiB: 7.5 GiB a step -> 10 GiB
    expect(byteAxis(30 * GiB).ticks).toEqual([0, 10, 20, 30].map((x) => x * GiB))
    // 900 bytes: 225 B a step -> 500 B
    expect(byteAxis(900).ticks.map(byteAxis(900).label)).toEqual(['0', '500 B', '1,000 B'])
    // 3 KiB: 768 B a step -> 1 KiB
    expect(byteAxis(3 * KiB).ticks).toEqual([0, 1, 2, 3].map((x) => x * KiB))
  })

  it('covers any maximum with 1 to 2 × count intervals of a nice step, in labels without decimals that fit the width', () => {
    const nice = new Set([1, 2, 5, 10, 20, 50, 100, 200, 500])
    for (let e = 0; e < 62; e += 0.37) {
      const max = 2 ** e * 1.13
      const a = byteAxis(max)
      expect(a.ticks[0]).toBe(0)
      expect(a.ticks.at(-1)!, `max ${max}`).toBeGreaterThanOrEqual(max)
      expect(a.ticks.at(-2)!, `max ${max}: no empty interval on top`).toBeLessThan(max)
      expect(a.ticks.length - 1).toBeGreaterThanOrEqual(1)
      expect(a.ticks.length - 1).toBeLessThanOrEqual(8)
      expect(nice.has(a.step / a.unitBytes), `step ${a.step / a.unitBytes} ${a.unit}`).toBe(true)
      a.ticks.forEach((t, i) => expect(t).toBe(i * a.step))
      for (const t of a.ticks) {
        const l = a.label(t)
        expect(l).toMatch(/^(0|[\d,]+ (B|KiB|MiB|GiB|TiB|PiB|EiB|ZiB|YiB))$/)
        expect(a.width).toBeGreaterThanOrEqual(l.length * 7)
      }
    }
  })

  it('draws 0 to 1 B for an empty or unknown maximum', () => {
    expect(byteAxis(0).ticks).toEqual([0, 1])
    expect(byteAxis(Number.NaN).ticks).toEqual([0, 1])
  })
})
