/**
 * PostgreSQL's binary COPY (`COPY (SELECT ...) TO STDOUT (FORMAT binary)`) read straight into Arrow record batches:
 * each field's bytes go into its column's buffers (UTF-8 text copied as it arrives, integers and floats read from
 * their big-endian form), without a JavaScript string or object per value. The SELECT gives each column one wire
 * type by its kind (`binaryWireSql`), so the reader knows every field's layout in advance.
 *
 * Format (PostgreSQL docs, "COPY ... Binary Format"): an 11-byte signature, a 32-bit flags field, a 32-bit header
 * extension length and the extension; then per row a 16-bit field count (-1 = end of data) and per field a 32-bit
 * length (-1 = NULL) and that many bytes; every integer big-endian.
 */
import { makeData, RecordBatch, Struct, type Data, type DataType, type Int32, type Schema, type Utf8 } from 'apache-arrow'
import type { Column, ColumnKind } from './datasets'

const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1')
/** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in Unix milliseconds */
const PG_EPOCH_MS = 946_684_800_000

/** The column's SQL cast to the one binary wire type the reader expects for its kind. */
export function binaryWireSql(c: Column): string {
  switch (c.kind) {
    case 'int': return `(${c.sql})::int4`
    case 'float': return `(${c.sql})::float8`
    case 'timestamp': return `(${c.sql})::timestamptz`
    default: return `(${c.sql})::text` // text, decimal (exact digits), json (as PostgreSQL prints it)
  }
}

export class CopyFormatError extends Error {
  constructor(message: string) {
    super(`binary COPY: ${message}`)
    this.name = 'CopyFormatError'
  }
}

/** bytes of a new chunk copied to complete a row cut by the previous chunk's end (most rows are shorter) */
const HEAD_BYTES = 16_384

/** the position after the header, or -1 if `buf` does not hold all of it yet */
function readHeader(buf: Buffer): number {
  if (buf.length < 19) return -1
  if (!buf.subarray(0, 11).equals(SIGNATURE)) throw new CopyFormatError('not a binary COPY stream (bad signature)')
  const end = 19 + buf.readInt32BE(15)
  return buf.length < end ? -1 : end
}

/** one column of the batch being filled */
interface ColumnBuffer {
  kind: ColumnKind
  type: DataType
  validity: Uint8Array
  nulls: number
  /** fixed width: the values */
  fixed?: Int32Array | Float64Array | BigInt64Array
  /** timestamps: the BigInt64Array's memory as 32-bit halves (little-endian, as every platform Node runs on) */
  halves?: Int32Array
  /** variable width (UTF-8): offsets and bytes */
  offsets?: Int32Array
  bytes?: Buffer
  size: number
}

/**
 * Feeds on the COPY stream's chunks and yields a record batch every `batchRows` rows (the last one shorter).
 * Holds one batch and at most one partial row of input.
 */
export async function* binaryCopyBatches(source: AsyncIterable<Buffer>, schema: Schema, columns: Column[], batchRows: number): AsyncGenerator<RecordBatch> {
  const width = columns.length
  /** bytes per text column of the previous batch: the next batch's first allocation */
  const textHint = columns.map(() => 1 << 16)
  let cols: ColumnBuffer[] = []
  let n = 0
  const fresh = () => {
    cols = columns.map((c, j) => {
      const validity = new Uint8Array((batchRows + 7) >> 3)
      const type = schema.fields[j].type
      switch (c.kind) {
        case 'int': return { kind: c.kind, type, validity, nulls: 0, fixed: new Int32Array(batchRows), size: 0 }
        case 'float': return { kind: c.kind, type, validity, nulls: 0, fixed: new Float64Array(batchRows), size: 0 }
        case 'timestamp': {
          const fixed = new BigInt64Array(batchRows)
          return { kind: c.kind, type, validity, nulls: 0, fixed, halves: new Int32Array(fixed.buffer), size: 0 }
        }
        default: return { kind: c.kind, type, validity, nulls: 0, offsets: new Int32Array(batchRows + 1), bytes: Buffer.allocUnsafe(textHint[j]), size: 0 }
      }
    })
    n = 0
  }
  const batch = (): RecordBatch => {
    const children: Data[] = cols.map((b, j) => {
      const nullBitmap = b.nulls ? b.validity.subarray(0, (n + 7) >> 3) : undefined
      if (b.offsets) {
        textHint[j] = Math.max(textHint[j], b.size)
        return makeData({ type: b.type as Utf8, length: n, nullCount: b.nulls, nullBitmap, valueOffsets: b.offsets.subarray(0, n + 1), data: b.bytes!.subarray(0, b.size) })
      }
      return makeData({ type: b.type as Int32, length: n, nullCount: b.nulls, nullBitmap, data: b.fixed!.subarray(0, n) as Int32Array })
    })
    return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: n, nullCount: 0, children }))
  }
  fresh()

  let ended = false
  /**
   * Reads whole rows of `buf` from `p` until the batch holds `limit` rows, the data ends or a row is cut by the
   * chunk's end; returns where it stopped (the start of the first row not read).
   */
  const rows = (buf: Buffer, p: number, limit: number): number => {
    const len = buf.length
    while (n < limit && p + 2 <= len) {
      const start = p
      const count = buf.readInt16BE(p)
      if (count === -1) {
        ended = true
        return p + 2
      }
      if (count !== width) throw new CopyFormatError(`row of ${count} fields, expected ${width}`)
      p += 2
      // a row is taken only when all of it is here: check its extent first, then copy its fields
      let q = p
      for (let j = 0; j < width; j++) {
        if (q + 4 > len) return start
        const l = buf.readInt32BE(q)
        q += 4 + (l > 0 ? l : 0)
      }
      if (q > len) return start
    const bit = 1 << (n & 7)
    const byte = n >> 3
    for (let j = 0; j < width; j++) {
      const b = cols[j]
      const l = buf.readInt32BE(p)
      p += 4
      if (l < 0) {
        b.nulls++
        if (b.offsets) b.offsets[n + 1] = b.size
        continue
      }
      b.validity[byte] |= bit
      if (b.offsets) {
        let size = b.size
        if (size + l > b.bytes!.length) {
          const grown = Buffer.allocUnsafe(Math.max(b.bytes!.length * 2, size + l))
          b.bytes!.copy(grown, 0, 0, size)
          b.bytes = grown
        }
        const dst = b.bytes!
        if (l < 24) for (let k = 0; k < l; k++) dst[size++] = buf[p + k]
        else size += buf.copy(dst, size, p, p + l)
        b.size = size
        b.offsets[n + 1] = size
      } else if (b.kind === 'int') {
        if (l !== 4) throw new CopyFormatError(`int4 field of ${l} bytes`)
        ;(b.fixed as Int32Array)[n] = buf.readInt32BE(p)
      } else if (b.kind === 'float') {
        if (l !== 8) throw new CopyFormatError(`float8 field of ${l} bytes`)
        ;(b.fixed as Float64Array)[n] = buf.readDoubleBE(p)
      } else {
        if (l !== 8) throw new CopyFormatError(`timestamptz field of ${l} bytes`)
        // microseconds since 2000-01-01 -> milliseconds since 1970, floored; exact as a double within ±285 years
        // of 2000, written as the int64's two little-endian 32-bit halves (no BigInt per value)
        const ms = Math.floor((buf.readInt32BE(p) * 4_294_967_296 + buf.readUInt32BE(p + 4)) / 1000) + PG_EPOCH_MS
        b.halves![2 * n] = ms >>> 0
        b.halves![2 * n + 1] = Math.floor(ms / 4_294_967_296)
      }
      p += l
    }
      n++
    }
    return p
  }

  /** the start of a row cut by the previous chunk's end (or of a header not yet complete) */
  let rest: Buffer | undefined
  let header = true
  for await (const input of source) {
    let buf = input
    let p = 0
    if (ended) {
      if (buf.length) throw new CopyFormatError('data after the end-of-data marker')
      continue
    }
    if (rest && header) {
      buf = Buffer.concat([rest, buf])
      rest = undefined
    } else if (rest) {
      // complete the cut row from the head of this chunk, without copying the whole chunk behind it
      const head = Buffer.concat([rest, buf.subarray(0, HEAD_BYTES)])
      const q = rows(head, 0, n + 1)
      if (q > rest.length) {
        p = q - rest.length
        rest = undefined
      } else if (buf.length <= HEAD_BYTES) {
        rest = head
        continue
      } else {
        buf = Buffer.concat([rest, buf]) // a row longer than HEAD_BYTES: the rare slow path
        rest = undefined
      }
    }
    if (header) {
      p = readHeader(buf)
      if (p < 0) {
        rest = buf
        continue
      }
      header = false
    }
    for (;;) {
      if (n === batchRows) {
        yield batch()
        fresh()
      }
      if (ended) break
      p = rows(buf, p, batchRows)
      if (n < batchRows) break
    }
    if (ended) {
      if (p < buf.length) throw new CopyFormatError('data after the end-of-data marker')
      continue
    }
    rest = p < buf.length ? buf.subarray(p) : undefined
  }
  if (!ended) throw new CopyFormatError('stream ended before the end-of-data marker')
  if (n > 0) yield batch()
}
