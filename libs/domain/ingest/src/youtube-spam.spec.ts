// Reads the real YouTube Spam Collection CSVs (../shared/data next to the repository), whose row counts the data
// README states, and whose comments often end in U+FEFF: a byte-exact reader must keep it.
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import path from 'node:path';
import { readRecords, type SourceRecord } from './index'; // through the public API

const DATA = path.resolve(__dirname, '../../../../../shared/data');
const COLUMNS = ['COMMENT_ID', 'AUTHOR', 'DATE', 'CONTENT', 'CLASS'];

// Row counts from shared/data/README.md: 350+350+438+448+370 = 1956.
const FILES: [string, number][] = [
  ['Youtube01-Psy.csv', 350],
  ['Youtube02-KatyPerry.csv', 350],
  ['Youtube03-LMFAO.csv', 438],
  ['Youtube04-Eminem.csv', 448],
  ['Youtube05-Shakira.csv', 370],
];

async function readCsvFile(file: string): Promise<SourceRecord[]> {
  const records: SourceRecord[] = [];
  const stream = createReadStream(path.join(DATA, 'youtube-spam', file), { highWaterMark: 4096 });
  for await (const record of readRecords('csv', stream, { requiredColumns: COLUMNS })) {
    if (!('fields' in record)) throw new Error(`row error: ${JSON.stringify(record)}`);
    records.push(record);
  }
  return records;
}

describe('readRecords on the YouTube Spam Collection', () => {
  const sums = readFileSync(path.join(DATA, 'SHA256SUMS'), 'utf8');

  it.each(FILES)('%s: has the README row count, the five columns and trailing U+FEFF kept', async (file, rows) => {
    const bytes = readFileSync(path.join(DATA, 'youtube-spam', file));
    expect(sums).toContain(`${createHash('sha256').update(bytes).digest('hex')}  youtube-spam/${file}`);

    const records = await readCsvFile(file);
    expect(records).toHaveLength(rows);
    for (const record of records) expect(Object.keys(record.fields)).toEqual(COLUMNS);
    expect(records.some((r) => (r.fields['CONTENT'] as string).endsWith('\uFEFF'))).toBe(true);
    expect(records.every((r) => ['0', '1'].includes(r.fields['CLASS'] as string))).toBe(true);
  });

  it('Youtube01-Psy.csv: the first record is on line 2 and the file holds one record per line', async () => {
    const records = await readCsvFile('Youtube01-Psy.csv');
    expect(records[0]).toMatchObject({ line: 2, fields: { AUTHOR: 'Julius NM', CLASS: '1' } });
    expect(records.map((r) => r.line)).toEqual(records.map((_, i) => i + 2));
  });

  // csv_row 269 opens a quote it never closes on its line, so (for Python's csv too) it swallows the next 5 lines:
  // 448 records over 453 data lines.
  it('Youtube04-Eminem.csv: a record spanning lines moves the following records down', async () => {
    const records = await readCsvFile('Youtube04-Eminem.csv');
    const i = records.findIndex((r) => (r.fields['CONTENT'] as string).includes('\n'));
    const spanned = (records[i].fields['CONTENT'] as string).split('\n').length - 1;
    expect([i, spanned]).toEqual([269, 5]);
    expect(records[i].line).toBe(i + 2);
    expect(records[i + 1].line).toBe(i + 2 + spanned + 1);
    expect(records.at(-1)!.line).toBe(records.length + 1 + spanned);
  });
});
