// CSV reading: line numbers across quoted newlines and line endings, row errors, and whole-file errors.
import { IngestFileError, IngestFileErrorCode } from './ingest-file.error';
import { chunked, collect, failure, SIZES } from './ingest-spec.helpers';
import { readRecords } from './read-records';

const read = (text: string, size?: number, requiredColumns?: string[]) =>
  collect(readRecords('csv', chunked(text, size), { requiredColumns }));

describe('readRecords csv', () => {
  it.each([
    [
      'plain rows, with the header on line 1',
      'id,text\n1,hello\n2,world\n',
      [{ line: 2, fields: { id: '1', text: 'hello' } }, { line: 3, fields: { id: '2', text: 'world' } }],
    ],
    [
      'a quoted newline: the record keeps the line it starts on, the next one moves down',
      'id,text\n1,"two\nlines"\n2,"three\nmore\nlines"\n3,x',
      [
        { line: 2, fields: { id: '1', text: 'two\nlines' } },
        { line: 4, fields: { id: '2', text: 'three\nmore\nlines' } },
        { line: 7, fields: { id: '3', text: 'x' } },
      ],
    ],
    [
      'CRLF line endings, including inside quotes',
      'id,text\r\n1,"a\r\nb"\r\n2,c\r\n',
      [{ line: 2, fields: { id: '1', text: 'a\r\nb' } }, { line: 4, fields: { id: '2', text: 'c' } }],
    ],
    [
      'blank lines in the middle count as lines; trailing ones are ignored',
      'id,text\n\n1,a\n\n\n2,b\n\n\n',
      [{ line: 3, fields: { id: '1', text: 'a' } }, { line: 6, fields: { id: '2', text: 'b' } }],
    ],
    [
      'mixed line endings',
      'id,text\n1,a\r\n2,b\r3,c',
      [
        { line: 2, fields: { id: '1', text: 'a' } },
        { line: 3, fields: { id: '2', text: 'b' } },
        { line: 4, fields: { id: '3', text: 'c' } },
      ],
    ],
    [
      'escaped quotes, and a stray quote inside an unquoted field kept as data',
      'id,text\n1,"say ""hi"""\n2,6" tall\n',
      [{ line: 2, fields: { id: '1', text: 'say "hi"' } }, { line: 3, fields: { id: '2', text: '6" tall' } }],
    ],
    [
      'a leading BOM is not part of the first column name; a trailing U+FEFF stays in the value',
      '\uFEFFid,text\n1,"ok \uFEFF"\n2,done\uFEFF\n',
      [{ line: 2, fields: { id: '1', text: 'ok \uFEFF' } }, { line: 3, fields: { id: '2', text: 'done\uFEFF' } }],
    ],
    ['a header only', 'id,text\n', []],
  ])('%s', async (_name, text, expected) => {
    for (const size of SIZES) expect(await read(text, size)).toEqual(expected);
  });

  it('reports a row with the wrong number of columns and carries on', async () => {
    const text = 'a,b,c\n1,2,3\n1,2\n"x\ny",2,3,4\n7,8,9\n';
    expect(await read(text, 5)).toEqual([
      { line: 2, fields: { a: '1', b: '2', c: '3' } },
      { line: 3, error: 'expected 3 columns, found 2' },
      { line: 4, error: 'expected 3 columns, found 4' },
      { line: 6, fields: { a: '7', b: '8', c: '9' } },
    ]);
  });

  it.each(SIZES)('rejects the file when a quote is never closed (chunks of %i bytes)', async (size) => {
    const error = await failure(readRecords('csv', chunked('id,text\n1,ok\n2,"never closed\n3,more\n4,x\n', size)));
    expect(error).toBeInstanceOf(IngestFileError);
    expect(error).toMatchObject({ line: 3, code: IngestFileErrorCode.MalformedFile });
    expect((error as Error).message).toMatch(/unterminated quoted field starting on line 3/);
  });

  it.each([
    [['text'], 'column "text" not found; the header has: id, CONTENT, CLASS'],
    [['CONTENT', 'label'], 'column "label" not found; the header has: id, CONTENT, CLASS'],
  ])('rejects the file when a required column %j is missing', async (required, message) => {
    const records = readRecords('csv', chunked('id,CONTENT,CLASS\n1,a,0\n'), { requiredColumns: required });
    const error = await failure(records);
    expect(error).toBeInstanceOf(IngestFileError);
    expect(error).toMatchObject({ line: 1, message, code: IngestFileErrorCode.MissingColumn });
  });

  it('accepts a file that has every required column', async () => {
    const records = await read('id,CONTENT\n1,a\n', undefined, ['CONTENT', 'id']);
    expect(records).toEqual([{ line: 2, fields: { id: '1', CONTENT: 'a' } }]);
  });

  it.each([
    ['an empty file', '', 1, 'the file is empty'],
    ['a duplicated column name', 'id,text,id\n1,2,3\n', 1, 'column "id" appears twice in the header'],
  ])('rejects %s', async (_name, text, line, message) => {
    const error = await failure(readRecords('csv', chunked(text)));
    expect(error).toBeInstanceOf(IngestFileError);
    expect(error).toMatchObject({ line });
    expect((error as Error).message).toContain(message);
  });

  it('rejects invalid UTF-8 with the line it is on', async () => {
    const data = new Uint8Array([...new TextEncoder().encode('id,text\n1,ok\n2,caf'), 0xe9, 0x0a]);
    const error = await failure(readRecords('csv', chunked(data, 4)));
    expect(error).toMatchObject({ line: 3, code: IngestFileErrorCode.InvalidUtf8 });
  });
});
