// A snapshot's JSONL bytes (SnapshotRowsRepository.copyLines) turned into CSV or Parquet as they stream: a batch of
// rows at a time, so memory stays flat however large the snapshot. Destroying the returned stream (a client gone)
// destroys the source, which gives its database connection back.
import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { SNAPSHOT_ROW_COLUMNS, type SnapshotRow } from '@arbiter/contracts';
import { jsonLines } from './json-lines';

export { jsonLines };
import { parquetBytes, type ParquetCompression } from './snapshot-parquet';

const json = (v: unknown) => (v === null ? null : JSON.stringify(v));

function csvRecord(r: SnapshotRow): unknown[] {
  return [r.itemId, r.externalId, r.text, r.imageUrl, json(r.metadata), r.label, json(r.labels), r.source, r.confidence,
    r.annotators, r.agreement, json(r.lfVersionIds), r.labelModelId, r.split];
}

/** CSV with a header of SNAPSHOT_ROW_COLUMNS; nulls are empty cells, metadata and the lists JSON text. */
export function toCsv(lines: Readable): Readable {
  const csv = stringify({
    header: true,
    columns: [...SNAPSHOT_ROW_COLUMNS],
    // A cell starting with =, +, -, @, tab or CR is prefixed with ' so spreadsheets show it, never run it.
    escape_formulas: true,
  });
  const records = async function* (source: AsyncIterable<Buffer>) {
    for await (const batch of jsonLines(source)) for (const line of batch) yield csvRecord(JSON.parse(line) as SnapshotRow);
  };
  // pipeline destroys every stage when one fails or the consumer destroys the output.
  pipeline(lines, records, csv, () => undefined);
  return csv;
}

export interface ParquetOptions {
  /** Rows per record batch and row group: bounds the memory one batch takes. */
  batchRows?: number;
  compression?: ParquetCompression;
}

/** Parquet (one row group per batch), typed per column as SnapshotRow says; written by parquet-wasm. */
export function toParquet(lines: Readable, opts: ParquetOptions = {}): Readable {
  const out = Readable.from(parquetBytes(lines, { batchRows: opts.batchRows ?? 10_000, compression: opts.compression ?? 'snappy' }), {
    objectMode: false,
  });
  out.on('close', () => {
    if (!out.readableEnded) lines.destroy();
  });
  return out;
}
