/**
 * Encoders of Arrow record batches into an Arrow IPC stream and a Parquet file (CSV is PostgreSQL's COPY,
 * export.ts): one Arrow path, two encoders. Each consumes the batches one at a time and yields bytes as it goes, so an
 * export holds one batch (one Parquet row group) in memory whatever its size. The batches are read from
 * PostgreSQL's binary COPY straight into Arrow buffers (copy-binary.ts).
 *
 * Types: text -> Utf8; int -> Int32; decimal (base units, up to 78 digits) -> exact decimal string (Utf8);
 * float -> Float64; timestamp (epoch ms) -> Timestamp(ms, UTC); json -> JSON text (Utf8). Parquet: the Arrow schema
 * as arrow-rs maps it (parquet-wasm): BYTE_ARRAY STRING, INT32, DOUBLE, INT64 TIMESTAMP(MILLIS, UTC), Snappy.
 */
import {
  AsyncByteQueue, Field, Float64, Int32, makeData, RecordBatch, RecordBatchStreamWriter, Schema, Struct, Table, tableToIPC,
  TimestampMillisecond, Utf8, type DataType,
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

// ---------------------------------------------------------------------------------------------- Arrow

const arrowTypes: Record<ColumnKind, () => DataType> = {
  text: () => new Utf8(), decimal: () => new Utf8(), json: () => new Utf8(), int: () => new Int32(), float: () => new Float64(),
  timestamp: () => new TimestampMillisecond('UTC'),
}

export function arrowSchema(columns: Pick<Column, 'name' | 'kind'>[]): Schema {
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
