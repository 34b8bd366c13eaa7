// JSON Lines reading: line numbers, CRLF, and bad lines reported as row errors.
import { chunked, collect, SIZES } from './ingest-spec.helpers';
import { readRecords } from './read-records';

const read = (text: string, size?: number) => collect(readRecords('jsonl', chunked(text, size)));

describe('readRecords jsonl', () => {
  it.each([
    [
      'one object per line; blank lines are skipped but counted',
      '{"text":"a"}\n\n  \n{"text":"b","n":2}\n',
      [{ line: 1, fields: { text: 'a' } }, { line: 4, fields: { text: 'b', n: 2 } }],
    ],
    [
      'CRLF endings and a last line without a newline',
      '{"text":"a"}\r\n{"text":"b"}\r\n{"text":"c"}',
      [{ line: 1, fields: { text: 'a' } }, { line: 2, fields: { text: 'b' } }, { line: 3, fields: { text: 'c' } }],
    ],
    [
      'a leading BOM is dropped; U+FEFF and escaped newlines inside values are kept',
      '\uFEFF{"text":"x\uFEFF"}\n{"text":"a\\nb"}\n',
      [{ line: 1, fields: { text: 'x\uFEFF' } }, { line: 2, fields: { text: 'a\nb' } }],
    ],
  ])('%s', async (_name, text, expected) => {
    for (const size of SIZES) expect(await read(text, size)).toEqual(expected);
  });

  it.each([
    ['{"text": "a",}', /^not valid JSON: /],
    ['{"text": "unterminated', /^not valid JSON: /],
    ["{'text': 'single quotes'}", /^not valid JSON: /],
    ['[1, 2]', /^expected a JSON object, found an array$/],
    ['"just a string"', /^expected a JSON object, found a string$/],
    ['42', /^expected a JSON object, found a number$/],
    ['null', /^expected a JSON object, found null$/],
  ])('reports line 2 %j as a row error and keeps reading', async (bad, message) => {
    const rows = await read(`{"text":"ok"}\r\n${bad}\r\n{"text":"after"}\r\n`, 3);
    expect(rows).toEqual([
      { line: 1, fields: { text: 'ok' } },
      { line: 2, error: expect.stringMatching(message) },
      { line: 3, fields: { text: 'after' } },
    ]);
  });
});
