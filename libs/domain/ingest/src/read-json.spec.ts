// JSON array reading: the line each element starts on, non-object elements, and malformed documents.
import { IngestFileError, IngestFileErrorCode } from './ingest-file.error';
import { chunked, collect, failure, SIZES } from './ingest-spec.helpers';
import { readRecords } from './read-records';

const read = (text: string, size?: number) => collect(readRecords('json', chunked(text, size)));

describe('readRecords json', () => {
  it.each([
    [
      'each element keeps the line where it starts',
      [
        '[',
        '  {"text": "a"},',
        '  {',
        '    "text": "b",',
        '    "tags": ["x", "y"]',
        '  },',
        '',
        '  {"text": "c", "meta": {"k": [1, {"z": null}]}}',
        ']',
        '',
      ].join('\n'),
      [
        { line: 2, fields: { text: 'a' } },
        { line: 3, fields: { text: 'b', tags: ['x', 'y'] } },
        { line: 8, fields: { text: 'c', meta: { k: [1, { z: null }] } } },
      ],
    ],
    [
      'several elements on one line, CRLF endings, a BOM',
      '\uFEFF[{"text": "a"}, {"text": "b"},\r\n{"text": "c\uFEFF"}]',
      [
        { line: 1, fields: { text: 'a' } },
        { line: 1, fields: { text: 'b' } },
        { line: 2, fields: { text: 'c\uFEFF' } },
      ],
    ],
    [
      'an element that opens on one line and closes several lines later',
      '[{"text":\n"a",\n"n": 1}, {"text": "b"}]',
      [{ line: 1, fields: { text: 'a', n: 1 } }, { line: 3, fields: { text: 'b' } }],
    ],
    ['an empty array', '[\n]\n', []],
  ])('%s', async (_name, text, expected) => {
    for (const size of SIZES) expect(await read(text, size)).toEqual(expected);
  });

  it('reports an element that is not an object and keeps reading', async () => {
    expect(await read('[\n{"text": "a"},\n"b",\n12,\n[1],\nnull,\ntrue,\n{"text": "c"}\n]', 2)).toEqual([
      { line: 2, fields: { text: 'a' } },
      { line: 3, error: 'expected a JSON object, found a string' },
      { line: 4, error: 'expected a JSON object, found a number' },
      { line: 5, error: 'expected a JSON object, found an array' },
      { line: 6, error: 'expected a JSON object, found null' },
      { line: 7, error: 'expected a JSON object, found a boolean' },
      { line: 8, fields: { text: 'c' } },
    ]);
  });

  it.each([
    ['a missing comma between elements', '[\n{"text": "a"}\n{"text": "b"}\n]', 3, "expected ','"],
    ['a trailing comma', '[\n{"text": "a"},\n]\n', 3, "unexpected token ']'"],
    ['an unquoted key', '[\n{"text": "a"},\n{text: "b"}\n]', 3, 'expected an object key'],
    ['a truncated file', '[\n{"text": "a"},\n{"text": "b', 3, 'the file ends early (expected a string value)'],
    ['a file cut off after a newline', '[\n{"text": "a"},\n{"text": "b"}\n\n', 3, "the file ends early (expected ',')"],
    ['content after the array', '[{"text": "a"}]\n\n[]', 3, 'unexpected characters'],
    ['an empty file', '', 1, 'the file ends early (expected a value)'],
  ])('rejects the file for %s, naming the line', async (_name, text, line, message) => {
    for (const size of SIZES) {
      const error = await failure(readRecords('json', chunked(text, size)));
      expect(error).toBeInstanceOf(IngestFileError);
      expect(error).toMatchObject({ line, code: IngestFileErrorCode.MalformedFile });
      expect((error as Error).message).toContain(`not valid JSON on line ${line}`);
      expect((error as Error).message).toContain(message);
    }
  });

  it.each([
    ['an object', '\n{"items": []}', 2, 'found an object'],
    ['a string', '"text"', 1, 'found a string'],
  ])('rejects a top level that is %s, not an array', async (_name, text, line, found) => {
    const error = await failure(readRecords('json', chunked(text)));
    expect(error).toBeInstanceOf(IngestFileError);
    expect(error).toMatchObject({ line, message: `expected a JSON array of objects, ${found}` });
  });
});
