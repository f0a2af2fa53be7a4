/**
 * Encoders of Arrow record batches into an Arrow IPC stream and a Parquet file (CSV is PostgreSQL's COPY,
 * export.ts): one Arrow path, two encoders. Each consumes the batches one at a time and yields bytes as it goes, so an
 * export holds one batch (one Parquet row group) in memory whatever its size. The batches are built by
 * export.ts from the text PostgreSQL sends, straight into Arrow buffers (`recordBatch` here).
 *
 * Types: text -> Utf8; int -> Int32; decimal (base units, up to 78 digits) -> exact decimal string (Utf8);
 * float -> Float64; timestamp (epoch ms) -> Timestamp(ms, UTC); json -> JSON text (Utf8). Parquet: the Arrow schema
 * as arrow-rs maps it (parquet-wasm): BYTE_ARRAY STRING, INT32, DOUBLE, INT64 TIMESTAMP(MILLIS, UTC), Snappy.
 */
import {
  AsyncByteQueue, Field, Float64, Int32, makeData, RecordBatch, RecordBatchStreamWriter, Schema, Struct, Table, tableToIPC,
  TimestampMillisecond, Utf8, type Data, type DataType,
} from 'apache-arrow'
import { Compression, EnabledStatistics, Table as WasmTable, transformParquetStream, WriterPropertiesBuilder, type RecordBatch as WasmRecordBatch } from 'parquet-wasm/node'
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

/** a record batch of `rows` rows from columns of text values */
export function recordBatch(schema: Schema, columns: Column[], cols: ColumnBatch, rows: number): RecordBatch {
  const children = columns.map((c, j) => arrowColumn(c.kind, schema.fields[j].type, cols[j], rows))
  return new RecordBatch(schema, makeData({ type: new Struct(schema.fields), length: rows, nullCount: 0, children }))
}

/** a batch without rows, with the schema */
const emptyBatch = (schema: Schema) => new RecordBatch(schema, makeData({
  type: new Struct(schema.fields), length: 0, nullCount: 0, children: schema.fields.map((f) => makeData({ type: f.type, length: 0, nullCount: 0 } as never)),
}))

/** An Arrow IPC stream: the schema, each batch as it comes, the end-of-stream marker. */
export async function* arrowStream(schema: Schema, batches: AsyncIterable<RecordBatch>): AsyncGenerator<Uint8Array> {
  const sink = new ChunkSink()
  const writer = new RecordBatchStreamWriter()
  writer.reset(sink as never, schema)
  yield* sink.take()
  for await (const batch of batches) {
    writer.write(batch)
    yield* sink.take()
  }
  writer.close() // writes the end-of-stream marker
  yield* sink.take()
}

/** rows per Parquet row group (and per batch fed to the writer): what the encoder holds at most */
export const PARQUET_ROW_GROUP_ROWS = 16_384

const parquetProperties = () => new WriterPropertiesBuilder()
  .setCompression(Compression.SNAPPY)
  .setStatisticsEnabled(EnabledStatistics.Chunk) // min/max per column chunk (row-group pruning), not per page
  .setMaxRowGroupSize(PARQUET_ROW_GROUP_ROWS)
  .setCreatedBy('depin-index export (parquet-wasm)')
  .build()

/** a JS Arrow batch moved into the WebAssembly writer's memory (one IPC serialisation, one copy) */
function toWasm(batch: RecordBatch): WasmRecordBatch {
  const table = WasmTable.fromIPCStream(tableToIPC(new Table([batch]), 'stream'))
  try {
    return table.recordBatch(0)!
  } finally {
    table.free()
  }
}

/**
 * A Parquet file written by arrow-rs's writer compiled to WebAssembly (parquet-wasm's transformParquetStream): the
 * batches are pulled one at a time as the writer asks for them, each row group is written out as soon as it is full.
 * The writer ignores errors of its input stream (it would close the file with a valid footer): a failing input is
 * remembered here and thrown before any further byte is yielded, so a failed export is a truncated file, never a
 * short valid one.
 */
export async function* parquetStream(schema: Schema, batches: AsyncIterable<RecordBatch>): AsyncGenerator<Uint8Array> {
  const source = batches[Symbol.asyncIterator]()
  let failure: { error: unknown } | undefined
  let stopped = false
  let fed = 0
  const input = new ReadableStream<WasmRecordBatch>({
    async pull(controller) {
      try {
        const r = stopped ? ({ done: true } as const) : await source.next()
        if (!r.done) {
          fed++
          controller.enqueue(toWasm(r.value))
        } else {
          // the writer needs a first batch for the schema: a file without rows gets an empty one
          if (fed++ === 0 && !stopped) controller.enqueue(toWasm(emptyBatch(schema)))
          controller.close()
        }
      } catch (error) {
        failure = { error }
        controller.close()
      }
    },
  }, { highWaterMark: 1 })
  const output = (await transformParquetStream(input, parquetProperties())) as ReadableStream<Uint8Array>
  try {
    for await (const chunk of output as unknown as AsyncIterable<Uint8Array>) {
      if (failure) throw failure.error
      yield chunk
    }
    if (failure) throw failure.error
  } finally {
    // an abandoned export: the writer's next pull ends its input, so it finishes and frees its memory
    stopped = true
    await source.return?.()
  }
}

export function encode(format: Exclude<Format, 'csv'>, schema: Schema, batches: AsyncIterable<RecordBatch>): AsyncGenerator<Uint8Array> {
  return format === 'arrow' ? arrowStream(schema, batches) : parquetStream(schema, batches)
}
