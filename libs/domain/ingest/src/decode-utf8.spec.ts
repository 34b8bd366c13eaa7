// Strict UTF-8: BOM handling, characters split across chunks, and the line named for a bad byte.
import { decodeUtf8 } from './decode-utf8';
import { IngestFileError, IngestFileErrorCode } from './ingest-file.error';
import { bytes, chunked, collect, failure, SIZES } from './ingest-spec.helpers';

const decode = async (data: Uint8Array | string, size?: number) =>
  (await collect(decodeUtf8(chunked(data, size)))).join('');

describe('decodeUtf8', () => {
  it.each(SIZES)('decodes multi-byte characters split across chunks of %i bytes', async (size) => {
    const text = 'héllo\n€ 𝄞 日本語\n👍🏽';
    expect(await decode(text, size)).toBe(text);
  });

  it.each([
    ['strips one leading BOM', '\uFEFFa,b', 'a,b'],
    ['keeps a second BOM as data', '\uFEFF\uFEFFa', '\uFEFFa'],
    ['keeps U+FEFF at the end of a text', 'a\uFEFF\nb\uFEFF', 'a\uFEFF\nb\uFEFF'],
    ['keeps U+FEFF after the start', 'x\uFEFFy', 'x\uFEFFy'],
  ])('%s', async (_name, input, expected) => {
    for (const size of SIZES) expect(await decode(input, size)).toBe(expected);
  });

  const withBad = (before: string, bad: number[], after = '') =>
    new Uint8Array([...bytes(before), ...bad, ...bytes(after)]);

  it.each([
    ['a lone continuation byte', withBad('a\nb\nc', [0x80], '\nd'), 3],
    ['a byte that is never UTF-8', withBad('a\n', [0xff], 'b'), 2],
    ['a Latin-1 é', withBad('name\ncaf', [0xe9], '\nok'), 2],
    ['a lead byte followed by a newline', withBad('a\nb', [0xe2], '\nc\n'), 2],
    ['an overlong encoding of "/"', withBad('\n\n\n\n', [0xc0, 0xaf]), 5],
    ['a surrogate encoded in UTF-8', withBad('é\n', [0xed, 0xa0, 0x80]), 2],
    ['a bad byte after a multi-byte character and newlines', withBad('€\n\n', [0xff]), 3],
    ['a character cut off at the end of the file', withBad('a\n€\nb', [0xe2, 0x82]), 3],
  ])('rejects %s, naming its line, whatever the chunking', async (_name, data, line) => {
    for (const size of SIZES) {
      const error = await failure(decodeUtf8(chunked(data, size)));
      expect(error).toBeInstanceOf(IngestFileError);
      expect(error).toMatchObject({ line, code: IngestFileErrorCode.InvalidUtf8 });
      expect((error as Error).message).toContain('invalid UTF-8');
      expect((error as Error).message).toContain(`line ${line}`);
    }
  });
});
