// Snapshot rows as Parquet (parquet-wasm writing Arrow record batches built with apache-arrow), streamed in batches
// so memory stays flat. Columns in SNAPSHOT_ROW_COLUMNS order; metadata as a JSON string, labels and lfVersionIds as
// lists of strings. Snappy: every common reader (pyarrow, DuckDB, hyparquet without plugins) decodes it.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Field, Float64, Int32, List, Table, tableToIPC, Utf8, vectorFromArray, type DataType } from 'apache-arrow';
import { Compression, Table as WasmTable, transformParquetStream, WriterPropertiesBuilder, type RecordBatch } from 'parquet-wasm/node';
import { SNAPSHOT_ROW_COLUMNS, type SnapshotRow } from '@arbiter/contracts';

const BATCH_ROWS = 10_000;
const strings = () => new List(new Field('item', new Utf8(), true));

type Column = (typeof SNAPSHOT_ROW_COLUMNS)[number];
const TYPES: Record<Column, () => DataType> = {
  itemId: () => new Utf8(), externalId: () => new Utf8(), text: () => new Utf8(), imageUrl: () => new Utf8(),
  metadata: () => new Utf8(), label: () => new Utf8(), labels: strings, source: () => new Utf8(),
  confidence: () => new Float64(), annotators: () => new Int32(), agreement: () => new Float64(),
  lfVersionIds: strings, labelModelId: () => new Utf8(), split: () => new Utf8(),
};

function toWasmBatches(rows: SnapshotRow[]): RecordBatch[] {
  const columns = Object.fromEntries(
    SNAPSHOT_ROW_COLUMNS.map((c) => [c, vectorFromArray(rows.map((r) => (c === 'metadata' ? JSON.stringify(r.metadata) : r[c])), TYPES[c]())]),
  );
  // Arrow IPC is the hand-over format between the two libraries.
  return WasmTable.fromIPCStream(tableToIPC(new Table(columns), 'stream')).recordBatches();
}

async function* batchesOf(rows: AsyncIterable<SnapshotRow>): AsyncGenerator<RecordBatch> {
  let pending: SnapshotRow[] = [];
  let any = false;
  for await (const row of rows) {
    pending.push(row);
    if (pending.length === BATCH_ROWS) {
      yield* toWasmBatches(pending);
      pending = [];
      any = true;
    }
  }
  // An empty split still gets a file with the schema.
  if (pending.length || !any) yield* toWasmBatches(pending);
}

export async function writeRowsParquet(rows: AsyncIterable<SnapshotRow>, file: string): Promise<void> {
  const properties = new WriterPropertiesBuilder().setCompression(Compression.SNAPPY).build();
  // parquet-wasm reports a failing source as "Dyn casting error": keep the source's own error (a hash mismatch, a
  // broken download) to throw instead.
  let sourceError: unknown;
  const source = async function* () {
    try {
      yield* batchesOf(rows);
    } catch (error) {
      sourceError = error;
      throw error;
    }
  };
  try {
    const parquet = await transformParquetStream(ReadableStream.from(source()), properties);
    await pipeline(Readable.fromWeb(parquet as import('node:stream/web').ReadableStream), createWriteStream(file));
  } catch (error) {
    throw sourceError ?? error;
  }
}
