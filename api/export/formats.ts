/**
 * Encoders of column batches into Arrow IPC stream and Parquet (CSV is PostgreSQL's COPY, export.ts). Each
 * produces bytes batch by batch, so an export holds one batch in memory whatever its size. Values arrive as the
 * text PostgreSQL sends (export.ts reads the cursor without type parsing) and are converted once per column.
 *
 * Types: text -> string; int -> Int32 / INT32; decimal (base units, up to 78 digits) -> exact decimal string;
 * float -> Float64 / DOUBLE; timestamp (epoch ms) -> Timestamp(ms, UTC) / INT64 TIMESTAMP(MILLIS, UTC);
 * json -> JSON text.
 */
import {
  AsyncByteQueue, Field, Float64, Int32, makeData, RecordBatch, RecordBatchStreamWriter, Schema, Struct, TimestampMillisecond, Utf8,
  type Data, type DataType,
} from 'apache-arrow'
import { ByteWriter, ParquetWriter } from 'hyparquet-writer'
import type { Column, ColumnKind } from './datasets'

export type Format = 'csv' | 'arrow' | 'parquet'
export const formats: Format[] = ['csv', 'arrow', 'parquet']

export const contentTypes: Record<Format, string> = {
  csv: 'text/csv; charset=utf-8',
  arrow: 'application/vnd.apache.arrow.stream',
  parquet: 'application/vnd.apache.parquet',
}

/** One batch: a value array per column (in the dataset's column order, values as text), all of the same length. */
export type ColumnBatch = (string | null)[][]

export interface Encoder {
  /** bytes before the first batch (header, schema) */
  start(): Uint8Array[]
  batch(columns: ColumnBatch, rows: number): Uint8Array[] | Promise<Uint8Array[]>
  /** bytes after the last batch (footer) */
  end(): Uint8Array[]
}

// ---------------------------------------------------------------------------------------------- Arrow

const arrowTypes: Record<ColumnKind, () => DataType> = {
  text: () => new Utf8(), decimal: () => new Utf8(), json: () => new Utf8(), int: () => new Int32(), float: () => new Float64(),
  timestamp: () => new TimestampMillisecond('UTC'),
}

export function arrowSchema(columns: Column[]): Schema {
  return new Schema(columns.map((c) => new Field(c.name, arrowTypes[c.kind](), true, c.kind === 'decimal' ? new Map([['depin:kind', 'decimal']]) : undefined)))
}

/** Collects what the Arrow writer emits, so each batch's bytes can be handed on with backpressure. */
class ChunkSink extends AsyncByteQueue {
  chunks: Uint8Array[] = []
  override write(value: ArrayBufferView | ArrayBufferLike) {
    const v = ArrayBuffer.isView(value) ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : new Uint8Array(value)
    if (v.byteLength) this.chunks.push(v)
  }
  take() {
    const c = this.chunks
    this.chunks = []
    return c
  }
}

/** validity bitmap (bit set = value present) and null count of a column */
function validity(values: (string | null)[], rows: number): { nullBitmap: Uint8Array | undefined; nullCount: number } {
  let nullCount = 0
  for (let i = 0; i < rows; i++) if (values[i] == null) nullCount++
  if (nullCount === 0) return { nullBitmap: undefined, nullCount }
  const nullBitmap = new Uint8Array((rows + 7) >> 3)
  for (let i = 0; i < rows; i++) if (values[i] != null) nullBitmap[i >> 3] |= 1 << (i & 7)
  return { nullBitmap, nullCount }
}

/** an Arrow column built straight into its buffers (no builder): UTF-8 bytes with offsets, or a typed array */
function arrowColumn(kind: ColumnKind, type: DataType, values: (string | null)[], rows: number): Data {
  const { nullBitmap, nullCount } = validity(values, rows)
  switch (kind) {
    case 'int':
    case 'float': {
      const data = kind === 'int' ? new Int32Array(rows) : new Float64Array(rows)
      for (let i = 0; i < rows; i++) if (values[i] != null) data[i] = Number(values[i])
      return makeData({ type: type as Int32, length: rows, nullCount, nullBitmap, data: data as Int32Array })
    }
    case 'timestamp': {
      const data = new BigInt64Array(rows)
      for (let i = 0; i < rows; i++) if (values[i] != null) data[i] = BigInt(values[i]!)
      return makeData({ type: type as TimestampMillisecond, length: rows, nullCount, nullBitmap, data: data as never })
    }
    default: {
      // one encode of the whole column; offsets from the string lengths when it is all ASCII (ids, hashes,
      // decimals: the usual case), else from each value's UTF-8 length
      const joined = values.length === rows ? values.join('') : values.slice(0, rows).join('')
      const data = Buffer.from(joined, 'utf8')
      const ascii = data.length === joined.length
      const valueOffsets = new Int32Array(rows + 1)
      let size = 0
      for (let i = 0; i < rows; i++) {
        const v = values[i]
        if (v != null) size += ascii ? v.length : Buffer.byteLength(v, 'utf8')
        valueOffsets[i + 1] = size
      }
      return makeData({ type: type as Utf8, length: rows, nullCount, nullBitmap, valueOffsets, data: new Uint8Array(data.buffer, data.byteOffset, data.length) })
    }
  }
}

function arrowEncoder(columns: Column[]): Encoder {
  const schema = arrowSchema(columns)
  const sink = new ChunkSink()
  const writer = new RecordBatchStreamWriter()
  const structType = new Struct(schema.fields)
  return {
    start() {
      writer.reset(sink as never, schema)
      return sink.take()
    },
    batch(cols, rows) {
      const children = columns.map((c, j) => arrowColumn(c.kind, schema.fields[j].type, cols[j], rows))
      writer.write(new RecordBatch(schema, makeData({ type: structType, length: rows, nullCount: 0, children })))
      return sink.take()
    },
    end() {
      writer.close() // writes the end-of-stream marker
      return sink.take()
    },
  }
}

// ---------------------------------------------------------------------------------------------- Parquet

const parquetElement = (c: Column) => {
  const base = { name: c.name, repetition_type: 'OPTIONAL' as const }
  switch (c.kind) {
    case 'int': return { ...base, type: 'INT32' as const }
    case 'float': return { ...base, type: 'DOUBLE' as const }
    case 'timestamp': return { ...base, type: 'INT64' as const, converted_type: 'TIMESTAMP_MILLIS' as const, logical_type: { type: 'TIMESTAMP' as const, isAdjustedToUTC: true, unit: 'MILLIS' as const } }
    // the logical type alone: the writer then takes the JSON text's bytes as they are (with the converted type it
    // would parse nothing but stringify every value again)
    case 'json': return { ...base, type: 'BYTE_ARRAY' as const, logical_type: { type: 'JSON' as const } }
    default: return { ...base, type: 'BYTE_ARRAY' as const, converted_type: 'UTF8' as const }
  }
}

/** hyparquet-writer's byte writer, emptied after every row group instead of growing with the file. */
class ChunkWriter extends ByteWriter {
  chunks: Uint8Array[] = []
  drain() {
    if (this.index > 0) this.chunks.push(new Uint8Array(this.buffer.slice(0, this.index)))
    this.index = 0
  }
  flush() {
    this.drain()
  }
  override finish() {
    this.drain()
  }
  take() {
    const c = this.chunks
    this.chunks = []
    return c
  }
}

/**
 * A file without rows gets one empty row group: hyparquet-writer 0.17 encodes an empty row-group list with a
 * thrift element type that strict readers (arrow-rs, so parquet-wasm, polars, DataFusion) refuse.
 */
class FlatParquetWriter extends ParquetWriter {
  override finish() {
    const self = this as unknown as { row_groups: unknown[]; writer: { offset: number }; schema: { name: string; type?: string }[] }
    if (self.row_groups.length === 0) {
      const at = BigInt(self.writer.offset)
      self.row_groups.push({
        columns: self.schema.slice(1).map((el) => ({
          file_offset: at,
          meta_data: { type: el.type, encodings: ['PLAIN'], path_in_schema: [el.name], codec: 'UNCOMPRESSED', num_values: 0n, total_uncompressed_size: 0n, total_compressed_size: 0n, data_page_offset: at },
        })),
        total_byte_size: 0n,
        num_rows: 0n,
      })
    }
    return super.finish()
  }
}

/** the writer's input for a column of text values: numbers for int, float and timestamp (ms), JSON as its UTF-8 bytes */
function parquetValues(kind: ColumnKind, values: (string | null)[]): unknown[] {
  switch (kind) {
    case 'int':
    case 'float':
    case 'timestamp':
      return values.map((v) => (v == null ? null : Number(v)))
    case 'json':
      return values.map((v) => (v == null ? null : Buffer.from(v, 'utf8')))
    default:
      return values
  }
}

function parquetEncoder(columns: Column[]): Encoder {
  const out = new ChunkWriter()
  const schema = [{ name: 'root', num_children: columns.length }, ...columns.map(parquetElement)]
  const writer = new FlatParquetWriter({ writer: out, schema: schema as never, createdBy: 'depin-index export (hyparquet-writer)' })
  return {
    start: () => {
      out.drain()
      return out.take()
    },
    async batch(cols, rows) {
      // one row group per batch
      await writer.write({ columnData: columns.map((c, j) => ({ name: c.name, data: parquetValues(c.kind, cols[j]) as never })), rowGroupSize: rows })
      return out.take()
    },
    end() {
      writer.finish()
      return out.take()
    },
  }
}

export function createEncoder(format: Exclude<Format, 'csv'>, columns: Column[]): Encoder {
  return format === 'arrow' ? arrowEncoder(columns) : parquetEncoder(columns)
}
