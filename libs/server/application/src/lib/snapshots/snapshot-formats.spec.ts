// CSV and Parquet of a snapshot's JSONL, read back with independent readers (csv-parse; hyparquet, which shares no
// code with parquet-wasm): every value of every row comes back, typed, with nulls where the row has them.
import { Readable } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { SNAPSHOT_ROW_COLUMNS, type SnapshotRow } from '@arbiter/contracts';
import { toCsv, toParquet } from './snapshot-formats';
import { snapshotRow as row } from './snapshot-rows.testing';

const ROWS = Array.from({ length: 23 }, (_, i) => row(i));

/** The JSONL bytes in awkward chunks: cut mid-line and inside multi-byte characters. */
function jsonl(rows: SnapshotRow[], chunk = 37): Readable {
  const bytes = Buffer.from(rows.map((r) => JSON.stringify(r) + '\n').join(''));
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += chunk) parts.push(bytes.subarray(at, at + chunk));
  return Readable.from(parts);
}

async function collect(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Uint8Array));
  return Buffer.concat(chunks);
}

const arrayBuffer = (buf: Buffer): ArrayBuffer => new Uint8Array(buf).buffer;

async function readParquet(buf: Buffer): Promise<Record<string, unknown>[]> {
  return parquetReadObjects({ file: arrayBuffer(buf) });
}

describe('toCsv', () => {
  it('writes a header of the contract columns and every row, read back equal', async () => {
    const records = parse(await collect(toCsv(jsonl(ROWS))), { columns: true }) as Record<string, string>[];
    expect(records).toHaveLength(ROWS.length);
    expect(Object.keys(records[0])).toEqual([...SNAPSHOT_ROW_COLUMNS]);
    records.forEach((c, i) => {
      const r = ROWS[i];
      // Spreadsheet formulas are defused with a leading apostrophe; everything else is the value as it was.
      expect(c['text']).toBe(/^[=@]/.test(r.text) ? `'${r.text}` : r.text);
      expect(c).toEqual({
        ...c,
        itemId: r.itemId,
        externalId: r.externalId ?? '',
        imageUrl: r.imageUrl ?? '',
        label: r.label,
        source: r.source,
        split: r.split,
        labelModelId: r.labelModelId ?? '',
        annotators: String(r.annotators),
        agreement: r.agreement === null ? '' : String(r.agreement),
        lfVersionIds: r.lfVersionIds === null ? '' : JSON.stringify(r.lfVersionIds),
      });
      expect(JSON.parse(c['metadata'])).toEqual(r.metadata);
      expect(JSON.parse(c['labels'])).toEqual(r.labels);
      expect(Number(c['confidence'])).toBe(r.confidence);
    });
  }, 30_000);

  it('writes only the header for a snapshot without rows', async () => {
    expect((await collect(toCsv(Readable.from([])))).toString()).toBe(SNAPSHOT_ROW_COLUMNS.join(',') + '\n');
  }, 30_000);

  it('fails, rather than ending short, when the rows stop mid-line', async () => {
    const cut = Buffer.from(JSON.stringify(ROWS[0]) + '\n' + JSON.stringify(ROWS[1]).slice(0, 20));
    await expect(collect(toCsv(Readable.from([cut])))).rejects.toThrow(/middle of a line/);
  }, 30_000);
});

describe('toParquet', () => {
  it('writes every row of every column, typed, read back equal by an independent reader', async () => {
    // Row groups of 5: several batches go through the streaming writer.
    const buf = await collect(toParquet(jsonl(ROWS), { batchRows: 5 }));
    const back = await readParquet(buf);
    expect(back).toHaveLength(ROWS.length);
    back.forEach((b, i) => {
      const r = ROWS[i];
      expect(Object.keys(b)).toEqual([...SNAPSHOT_ROW_COLUMNS]);
      expect({ ...b, metadata: JSON.parse(b['metadata'] as string) }).toEqual(r);
    });
    const meta = parquetMetadata(arrayBuffer(buf));
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([5, 5, 5, 5, 3]);
    const leaf = Object.fromEntries(meta.schema.map((s) => [s.name, s]));
    expect(leaf['confidence']).toMatchObject({ type: 'DOUBLE', repetition_type: 'REQUIRED' });
    expect(leaf['agreement']).toMatchObject({ type: 'DOUBLE', repetition_type: 'OPTIONAL' });
    expect(leaf['annotators']).toMatchObject({ type: 'INT32', repetition_type: 'REQUIRED' });
    expect(leaf['externalId']).toMatchObject({ type: 'BYTE_ARRAY', repetition_type: 'OPTIONAL', converted_type: 'UTF8' });
    expect(leaf['lfVersionIds']).toMatchObject({ repetition_type: 'OPTIONAL', converted_type: 'LIST' });
    expect(leaf['labels']).toMatchObject({ repetition_type: 'REQUIRED', converted_type: 'LIST' });
  }, 30_000);

  it('reads lines spaced otherwise (as PostgreSQL writes JSON) as well as compact ones', async () => {
    const spaced = ROWS.slice(0, 4).map((r) => JSON.stringify(r, null, 1).replace(/\n/g, ' ') + '\n');
    const back = await readParquet(await collect(toParquet(Readable.from([Buffer.from(spaced.join(''))]))));
    expect(back.map((b) => ({ ...b, metadata: JSON.parse(b['metadata'] as string) }))).toEqual(ROWS.slice(0, 4));
  }, 30_000);

  it('writes a readable file with the schema and no rows for an empty snapshot', async () => {
    const buf = await collect(toParquet(Readable.from([])));
    expect(await readParquet(buf)).toEqual([]);
    expect(parquetMetadata(arrayBuffer(buf)).schema.map((s) => s.name)).toEqual(
      expect.arrayContaining([...SNAPSHOT_ROW_COLUMNS]),
    );
  }, 30_000);

  it('emits a row group before it has read the last rows (streams, never the whole file at once)', async () => {
    let served = 0;
    const total = 3000;
    const source = Readable.from(
      (function* () {
        for (; served < total; served++) yield Buffer.from(JSON.stringify(row(served)) + '\n');
      })(),
    );
    const out = toParquet(source, { batchRows: 100 });
    const first = await new Promise<number>((resolve) => out.once('data', () => resolve(served)));
    expect(first).toBeLessThan(total / 2);
    out.destroy();
    await new Promise((resolve) => out.once('close', resolve));
    // The consumer went away: the source is destroyed too (its database connection goes back).
    expect(source.destroyed).toBe(true);
  }, 30_000);

  it('fails, rather than ending a valid-looking file early, when the rows fail', async () => {
    // Rows arrive only when pushed: the first one, then the failure.
    const source = new Readable({ read: () => undefined });
    source.push(Buffer.from(JSON.stringify(ROWS[0]) + '\n'));
    const out = toParquet(source, { batchRows: 1 });
    setImmediate(() => source.destroy(new Error('connection lost')));
    await expect(collect(out)).rejects.toThrow(/connection lost/);
  }, 30_000);
});
