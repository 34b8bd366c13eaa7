// Streaming: the readers pull input only as records are consumed, and large files flow through intact.
import type { IngestFormat } from './ingest.types';
import { readRecords } from './read-records';

const ROWS = 200_000;

// A lazily generated upload of ROWS rows in ~64 KB chunks, which records how far it has been read.
function upload(format: IngestFormat, rows = ROWS) {
  const state = { pulled: 0, closed: false };
  const row = (i: number) =>
    format === 'csv'
      ? `${i},"comment ${i}\nspans two lines",${i % 2}\n`
      : `${format === 'json' && i > 0 ? ',' : ''}{"id": ${i}, "text": "comment ${i}", "label": ${i % 2}}\n`;
  async function* chunks() {
    try {
      const encoder = new TextEncoder();
      let text = format === 'csv' ? 'id,text,label\n' : format === 'json' ? '[\n' : '';
      for (let i = 0; i < rows; i++) {
        text += row(i);
        if (text.length >= 65_536) {
          state.pulled++;
          yield encoder.encode(text);
          text = '';
        }
      }
      state.pulled++;
      yield encoder.encode(format === 'json' ? `${text}]\n` : text);
    } finally {
      state.closed = true;
    }
  }
  return { state, chunks: chunks() };
}

describe('readRecords streaming', () => {
  const FORMATS: IngestFormat[] = ['csv', 'jsonl', 'json'];

  it.each(FORMATS)('%s: reads no further ahead than the consumer asks', async (format) => {
    const { state, chunks } = upload(format);
    const records = readRecords(format, chunks);
    const first = await records.next();
    expect(first.value).toMatchObject({
      line: format === 'jsonl' ? 1 : 2,
      fields: { id: expect.anything(), text: expect.stringMatching(/^comment 0/) },
    });
    expect(state.pulled).toBe(1);
    await records.return(undefined);
    expect(state.closed).toBe(true); // stopping early releases the upload
  });

  it.each(FORMATS)(`%s: a ${ROWS}-row file flows through, lines intact`, async (format) => {
    const { state, chunks } = upload(format);
    const linesPerRow = format === 'csv' ? 2 : 1;
    const firstLine = format === 'jsonl' ? 1 : 2;
    let count = 0;
    for await (const record of readRecords(format, chunks)) {
      // One check per row without 200k expect() calls; the message shows the first row that went wrong.
      if (!('fields' in record) || record.line !== firstLine + count * linesPerRow) {
        throw new Error(`row ${count}: ${JSON.stringify(record)}`);
      }
      count++;
    }
    expect(count).toBe(ROWS);
    expect(state.pulled).toBeGreaterThan(100); // many chunks, never the whole file at once
  });
});
