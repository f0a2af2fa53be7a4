/**
 * Nice y-axis ticks for byte values: steps of 1, 2 or 5 × a binary unit (KiB, MiB, ... EiB; 10, 20, 50, 100, 200 and
 * 500 of a unit below 1024 of it), every label in the step's own unit (`0 B`, `500 PiB`, `1,000 PiB`, `1,500 PiB`, or
 * `1 EiB`, `2 EiB`, `3 EiB`, `4 EiB`), and the axis width that fits the longest label.
 */
import { int } from './format'

const UNITS = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB']
const MULTIPLES = [1, 2, 5, 10, 20, 50, 100, 200, 500]

export interface ByteAxis {
  /** 0, step, 2 × step, ... up to the first tick at or above the maximum */
  ticks: number[]
  /** the step in bytes: a multiple (1, 2, 5, 10, ... 500) of `unitBytes` */
  step: number
  unitBytes: number
  unit: string
  /** a tick's label in the step's unit */
  label: (v: number) => string
  /** axis width in px fitting the longest label (12 px axis font) */
  width: number
}

/** Average width of a digit or letter of the 12 px axis font, and the axis' padding, in px. */
const CHAR_PX = 7
const PAD_PX = 12

/** Ticks for values from 0 to `max` bytes, about `count` intervals (at most 2 × count). */
export function byteAxis(max: number, count = 4): ByteAxis {
  const top = Number.isFinite(max) && max > 0 ? max : 1
  const raw = top / Math.max(1, count)
  let k = 0
  while (k < UNITS.length - 1 && raw >= 1024 ** (k + 1)) k++
  let unitBytes = 1024 ** k
  let m = MULTIPLES.find((x) => x * unitBytes >= raw)
  if (m == null) {
    // above 500 of the unit: 1 of the next one (1024 of this one)
    k = Math.min(k + 1, UNITS.length - 1)
    unitBytes = 1024 ** k
    m = MULTIPLES.find((x) => x * unitBytes >= raw) ?? MULTIPLES.at(-1)!
  }
  const step = m * unitBytes
  const n = Math.max(1, Math.ceil(top / step - 1e-9))
  const ticks = Array.from({ length: n + 1 }, (_, i) => i * step)
  const unit = UNITS[k]
  const label = (v: number) => (v === 0 ? '0' : `${int(Math.round(v / unitBytes))} ${unit}`)
  const width = Math.ceil(Math.max(...ticks.map((t) => label(t).length)) * CHAR_PX + PAD_PX)
  return { ticks, step, unitBytes, unit, label, width }
}
