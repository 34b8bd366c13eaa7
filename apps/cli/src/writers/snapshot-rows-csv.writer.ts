// Snapshot rows as CSV: a header of SNAPSHOT_ROW_COLUMNS, then one record per row; objects and arrays (metadata,
// labels, lfVersionIds) as JSON, null as an empty field.
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SNAPSHOT_ROW_COLUMNS, type SnapshotRow } from '@arbiter/contracts';
import { stringify } from 'csv-stringify';

export async function writeRowsCsv(rows: AsyncIterable<SnapshotRow>, file: string): Promise<void> {
  const csv = stringify({ header: true, columns: [...SNAPSHOT_ROW_COLUMNS], cast: { object: (value) => JSON.stringify(value) } });
  await pipeline(Readable.from(rows), csv, createWriteStream(file));
}
