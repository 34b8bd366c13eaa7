// Snapshot rows as Parquet: each batch of JSON lines becomes one Arrow record batch (columns built straight from the
// parsed lines), handed to parquet-wasm's streaming writer, which writes it as a row group and emits its bytes
// before the next batch is read. Only one batch is ever held, in JS or in WebAssembly memory.
import { Data, Field, Float64, Int32, List, makeData, RecordBatch, Schema, Struct, Table, tableToIPC, Utf8, type DataType } from 'apache-arrow';
// Types only: the module (17 MB of WebAssembly once compiled) loads with the first Parquet download, not with every
// process that imports the application layer.
import type { RecordBatch as WasmRecordBatch } from 'parquet-wasm';
import { SNAPSHOT_ROW_COLUMNS, type SnapshotRow } from '@arbiter/contracts';
import { jsonLines } from './json-lines';

type Column = (typeof SNAPSHOT_ROW_COLUMNS)[number];

const utf8List = () => new List<Utf8>(new Field('element', new Utf8(), false));

// Nullable exactly where SnapshotRow allows null; metadata is JSON text.
const TYPES: Record<Column, [DataType, boolean]> = {
  itemId: [new Utf8(), false],
  externalId: [new Utf8(), true],
  text: [new Utf8(), false],
  imageUrl: [new Utf8(), true],
  metadata: [new Utf8(), false],
  label: [new Utf8(), false],
  labels: [utf8List(), false],
  source: [new Utf8(), false],
  confidence: [new Float64(), false],
  annotators: [new Int32(), false],
  agreement: [new Float64(), true],
  lfVersionIds: [utf8List(), true],
  labelModelId: [new Utf8(), true],
  split: [new Utf8(), false],
};

const UNIQUE_COLUMNS: Column[] = ['itemId', 'externalId', 'text', 'imageUrl', 'metadata'];
const FREE_TEXT_COLUMNS: Column[] = ['text', 'metadata'];

export const SNAPSHOT_ARROW_SCHEMA = new Schema(SNAPSHOT_ROW_COLUMNS.map((c) => new Field(c, TYPES[c][0], TYPES[c][1])));

/** Validity bits (Arrow's null bitmap) of a column, or none when it has no null. */
function validity(values: readonly unknown[]): { nullCount: number; nullBitmap?: Uint8Array } {
  let nullCount = 0;
  for (const v of values) if (v === null) nullCount++;
  if (nullCount === 0) return { nullCount };
  const nullBitmap = new Uint8Array((values.length + 7) >> 3);
  for (let i = 0; i < values.length; i++) if (values[i] !== null) nullBitmap[i >> 3] |= 1 << (i & 7);
  return { nullCount, nullBitmap };
}

// Built directly into Arrow's buffers: the builders' per-value appends cost several times the rest of the export.
function utf8Data(values: readonly (string | null)[]): Data<Utf8> {
  const n = values.length;
  let units = 0;
  for (const v of values) if (v !== null) units += v.length;
  // At most 3 UTF-8 bytes per UTF-16 unit (a surrogate pair's 4 bytes are 2 units).
  const bytes = Buffer.allocUnsafe(units * 3);
  const valueOffsets = new Int32Array(n + 1);
  let at = 0;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== null && v.length) at += bytes.write(v, at, 'utf8');
    valueOffsets[i + 1] = at;
  }
  return makeData({ type: new Utf8(), length: n, ...validity(values), valueOffsets, data: bytes.subarray(0, at) });
}

function utf8ListData(type: List<Utf8>, values: readonly (string[] | null)[]): Data<List<Utf8>> {
  const n = values.length;
  const valueOffsets = new Int32Array(n + 1);
  const flat: string[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v !== null) for (const s of v) flat.push(s);
    valueOffsets[i + 1] = flat.length;
  }
  return makeData({ type, length: n, ...validity(values), valueOffsets, child: utf8Data(flat) });
}

function float64Data(values: readonly (number | null)[]): Data<Float64> {
  return makeData({ type: new Float64(), length: values.length, ...validity(values), data: Float64Array.from(values, (v) => v ?? 0) });
}

/**
 * The metadata's JSON exactly as the line holds it, cut out rather than re-serialised. The first `,"metadata":` is
 * the row's own (a raw `"` cannot occur inside a JSON string before it), and the last `,"label":"` closes it (after it
 * come only the row's own keys, none of them an object). A line spaced otherwise is re-serialised.
 */
function metadataText(line: string, metadata: unknown): string {
  const start = line.indexOf(METADATA_KEY);
  const end = line.lastIndexOf(LABEL_KEY);
  return start < 0 || end < start ? JSON.stringify(metadata) : line.slice(start + METADATA_KEY.length, end);
}
const METADATA_KEY = ',"metadata":';
const LABEL_KEY = ',"label":"';

/** One record batch of the rows' columns, in the schema's order. */
export function recordBatchOf(lines: string[]): RecordBatch {
  const n = lines.length;
  const cols = {
    itemId: new Array<string>(n), externalId: new Array<string | null>(n), text: new Array<string>(n), imageUrl: new Array<string | null>(n),
    metadata: new Array<string>(n), label: new Array<string>(n), labels: new Array<string[]>(n), source: new Array<string>(n),
    confidence: new Array<number>(n), annotators: new Int32Array(n), agreement: new Array<number | null>(n),
    lfVersionIds: new Array<string[] | null>(n), labelModelId: new Array<string | null>(n), split: new Array<string>(n),
  };
  for (let i = 0; i < n; i++) {
    const r = JSON.parse(lines[i]) as SnapshotRow;
    cols.itemId[i] = r.itemId;
    cols.externalId[i] = r.externalId;
    cols.text[i] = r.text;
    cols.imageUrl[i] = r.imageUrl;
    cols.metadata[i] = metadataText(lines[i], r.metadata);
    cols.label[i] = r.label;
    cols.labels[i] = r.labels;
    cols.source[i] = r.source;
    cols.confidence[i] = r.confidence;
    cols.annotators[i] = r.annotators;
    cols.agreement[i] = r.agreement;
    cols.lfVersionIds[i] = r.lfVersionIds;
    cols.labelModelId[i] = r.labelModelId;
    cols.split[i] = r.split;
  }
  const children = SNAPSHOT_ROW_COLUMNS.map((c): Data => {
    const type = TYPES[c][0];
    if (c === 'annotators') return makeData({ type: new Int32(), length: n, nullCount: 0, data: cols.annotators });
    if (c === 'confidence' || c === 'agreement') return float64Data(cols[c]);
    if (c === 'labels' || c === 'lfVersionIds') return utf8ListData(type as List<Utf8>, cols[c]);
    return utf8Data(cols[c]);
  });
  return new RecordBatch(SNAPSHOT_ARROW_SCHEMA, makeData({ type: new Struct(SNAPSHOT_ARROW_SCHEMA.fields), length: n, nullCount: 0, children }));
}

/** Batches of `batchRows` lines (the last one shorter) from the JSONL bytes. */
async function* lineBatches(source: AsyncIterable<Buffer>, batchRows: number): AsyncGenerator<string[]> {
  let batch: string[] = [];
  for await (const lines of jsonLines(source)) {
    for (const line of lines) {
      batch.push(line);
      if (batch.length === batchRows) {
        yield batch;
        batch = [];
      }
    }
  }
  if (batch.length) yield batch;
}

type ParquetWasm = typeof import('parquet-wasm');

export type ParquetCompression = 'snappy' | 'zstd' | 'uncompressed';

function toWasm(wasm: ParquetWasm, batch: RecordBatch): WasmRecordBatch {
  const table = wasm.Table.fromIPCStream(tableToIPC(new Table(batch), 'stream'));
  const [wasmBatch] = table.recordBatches();
  table.free();
  return wasmBatch;
}

/** The Parquet file's bytes as the batches are written. */
export async function* parquetBytes(source: AsyncIterable<Buffer>, opts: { batchRows: number; compression: ParquetCompression }): AsyncGenerator<Uint8Array> {
  const wasm: ParquetWasm = await import('parquet-wasm');
  const batches = lineBatches(source, opts.batchRows);
  let empty = true;
  // The writer ends the file as if the input had ended when it fails: the failure is kept and thrown from here,
  // before any byte written after it (a truncated file must never look complete).
  const failure: { error?: unknown; failed: boolean } = { failed: false };
  // A pull source: the writer asks for the next batch only when it has taken the last one (highWaterMark 0).
  const input = new ReadableStream<WasmRecordBatch>(
    {
      async pull(controller) {
        let next: IteratorResult<string[]>;
        try {
          next = await batches.next();
        } catch (error) {
          Object.assign(failure, { error, failed: true });
          controller.error(error);
          return;
        }
        if (!next.done) {
          empty = false;
          controller.enqueue(toWasm(wasm, recordBatchOf(next.value)));
        } else {
          // A file with no rows still carries the schema: one empty batch.
          if (empty) controller.enqueue(toWasm(wasm, recordBatchOf([])));
          controller.close();
        }
      },
      async cancel() {
        await batches.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  const compression = { snappy: wasm.Compression.SNAPPY, zstd: wasm.Compression.ZSTD, uncompressed: wasm.Compression.UNCOMPRESSED }[opts.compression];
  let builder = new wasm.WriterPropertiesBuilder().setCompression(compression).setMaxRowGroupSize(opts.batchRows);
  // Dictionaries pay off on the few labels, sources and splits; on nearly unique columns they cost a third of the
  // writer's time and save nothing. Nor does anyone filter on the min and max of free text (kept for the footer).
  for (const column of UNIQUE_COLUMNS) builder = builder.setColumnDictionaryEnabled(column, false);
  for (const column of FREE_TEXT_COLUMNS) builder = builder.setColumnStatisticsEnabled(column, wasm.EnabledStatistics.None);
  const props = builder.build();
  const output = (await wasm.transformParquetStream(input, props)) as ReadableStream<Uint8Array>;
  const reader = output.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (failure.failed) throw failure.error;
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
    await batches.return(undefined);
  }
}
