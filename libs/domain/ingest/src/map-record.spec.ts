// mapRecord: text, externalId and imageUrl rules, U+0000, the order errors are reported in, and never throwing.
import type { FieldMapping, LabelSpace, MappedItem, RowError } from './ingest.types';
import { mapRecord } from './map-record';

const SINGLE: LabelSpace = { names: ['ham', 'spam'], multi: false };
const MAPPING: FieldMapping = { text: 'CONTENT', externalId: 'ID', imageUrl: 'IMG', gold: 'CLASS', prediction: 'PRED' };

const ok = (fields: Record<string, unknown>, labels = SINGLE, mapping = MAPPING): MappedItem => {
  const result = mapRecord({ line: 7, fields }, mapping, labels);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.item;
};
const fail = (fields: Record<string, unknown>, labels = SINGLE, mapping = MAPPING): RowError => {
  const result = mapRecord({ line: 7, fields }, mapping, labels);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.item)}`);
  return result.error;
};

describe('mapRecord', () => {
  it('maps a CSV row, keeping unmapped fields as metadata', () => {
    const fields = {
      ID: 'c1',
      CONTENT: 'check my channel\uFEFF',
      IMG: '',
      CLASS: '1',
      PRED: '{"spam": 0.9, "ham": 0.1}',
      AUTHOR: 'x',
    };
    expect(mapRecord({ line: 7, fields }, MAPPING, SINGLE)).toEqual({
      ok: true,
      item: {
        line: 7,
        externalId: 'c1',
        text: 'check my channel\uFEFF',
        imageUrl: null,
        gold: [1],
        prediction: [0.1, 0.9],
        embedding: null,
        metadata: { AUTHOR: 'x' },
      },
    });
  });

  describe('text', () => {
    it.each([
      ['a string, kept as is', '  hi \uFEFF', '  hi \uFEFF'],
      ['a number', 42, '42'],
      ['zero', 0, '0'],
      ['exactly 100000 characters', 'x'.repeat(100_000), 'x'.repeat(100_000)],
      ['100000 characters outside the BMP', '😀'.repeat(100_000), '😀'.repeat(100_000)],
    ])('accepts %s', (_name, value, text) => {
      expect(ok({ CONTENT: value }).text).toBe(text);
    });

    it.each([
      ['missing', undefined, 'text is required'],
      ['null', null, 'text is required'],
      ['empty', '', 'text is required'],
      ['whitespace only', ' \t\n ', 'text is required'],
      ['an object', { a: 1 }, 'text must be a string, found an object'],
      ['a boolean', true, 'text must be a string, found a boolean'],
      ['NaN', NaN, 'text must be a string, found a number'],
      ['longer than 100000 characters', 'x'.repeat(100_001), 'text is longer than 100000 characters (100001)'],
      ['holding U+0000', 'a\u0000b', 'text contains U+0000 (a NUL character), which PostgreSQL text cannot store'],
      ['holding a lone high surrogate', 'a\uD800b', 'text contains a lone surrogate (U+D800, e.g. a "\\ud800" escape without its pair), which is not valid Unicode'],
      ['ending in a high surrogate', 'ab\uDBFF', 'text contains a lone surrogate (U+DBFF, e.g. a "\\udbff" escape without its pair), which is not valid Unicode'],
      ['holding a lone low surrogate', '\uDC00ab', 'text contains a lone surrogate (U+DC00, e.g. a "\\udc00" escape without its pair), which is not valid Unicode'],
      ['holding two high surrogates in a row', '\uD83D\uD83D\uDE00', 'text contains a lone surrogate (U+D83D, e.g. a "\\ud83d" escape without its pair), which is not valid Unicode'],
    ])('rejects text that is %s, naming the source field', (_name, value, message) => {
      expect(fail({ CONTENT: value })).toEqual({ line: 7, field: 'CONTENT', message });
    });
  });

  describe('externalId', () => {
    it.each([
      ['a string', 'abc', 'abc'],
      ['a number', 12, '12'],
      ['a float', 1.5, '1.5'],
      ['empty', '', null],
      ['missing', undefined, null],
      ['null', null, null],
      ['500 characters', 'i'.repeat(500), 'i'.repeat(500)],
    ])('maps %s', (_name, value, id) => {
      expect(ok({ CONTENT: 't', ID: value }).externalId).toBe(id);
    });

    it.each([
      ['longer than 500 characters', 'i'.repeat(501), 'externalId is longer than 500 characters (501)'],
      ['Infinity', Infinity, 'externalId must be a string or a number, found a number'],
      ['an array', ['a'], 'externalId must be a string or a number, found an array'],
      ['holding U+0000', 'a\u0000', 'externalId contains U+0000 (a NUL character), which PostgreSQL text cannot store'],
      ['holding a lone surrogate', 'a\uDFFF', 'externalId contains a lone surrogate (U+DFFF, e.g. a "\\udfff" escape without its pair), which is not valid Unicode'],
    ])('rejects %s', (_name, value, message) => {
      expect(fail({ CONTENT: 't', ID: value })).toEqual({ line: 7, field: 'ID', message });
    });

    it('is null when the mapping has none', () => {
      expect(ok({ CONTENT: 't', ID: 'x' }, SINGLE, { text: 'CONTENT' }).externalId).toBeNull();
    });
  });

  describe('imageUrl', () => {
    it.each([
      ['https', 'https://cdn.example.com/a.png?x=1', 'https://cdn.example.com/a.png?x=1'],
      ['http, trimmed', ' http://example.com/a.jpg ', 'http://example.com/a.jpg'],
      ['empty', '', null],
      ['missing', undefined, null],
    ])('maps %s', (_name, value, url) => {
      expect(ok({ CONTENT: 't', IMG: value }).imageUrl).toBe(url);
    });

    it.each([
      ['a relative path', 'images/a.png'],
      ['a protocol-relative URL', '//example.com/a.png'],
      ['an ftp URL', 'ftp://example.com/a.png'],
      ['a data URL', 'data:image/png;base64,AAAA'],
      ['javascript', 'javascript:alert(1)'],
      ['not a URL', 'http://'],
    ])('rejects %s', (_name, value) => {
      expect(fail({ CONTENT: 't', IMG: value })).toEqual({
        line: 7,
        field: 'IMG',
        message: `imageUrl must be an absolute http:// or https:// URL, found ${JSON.stringify(value)}`,
      });
    });

    it('rejects U+0000 and a non-string', () => {
      expect(fail({ CONTENT: 't', IMG: 'http://a/\u0000' }).message).toContain('U+0000');
      const message = 'imageUrl must be a URL string, found a number';
      expect(fail({ CONTENT: 't', IMG: 5 })).toMatchObject({ field: 'IMG', message });
    });
  });

  it('returns an error rather than throwing on a record that is not an object', () => {
    const result = mapRecord({ line: 9, fields: null as unknown as Record<string, unknown> }, MAPPING, SINGLE);
    expect(result).toMatchObject({ ok: false, error: { line: 9 } });
  });

  it('reports the first bad field, in the order text, externalId, imageUrl, gold, prediction, metadata', () => {
    const bad = { CONTENT: '', ID: [1], IMG: 'x', CLASS: 'eggs', PRED: 'x', note: '\u0000' };
    expect(fail(bad).field).toBe('CONTENT');
    expect(fail({ ...bad, CONTENT: 't' }).field).toBe('ID');
    expect(fail({ ...bad, CONTENT: 't', ID: '1' }).field).toBe('IMG');
    expect(fail({ ...bad, CONTENT: 't', ID: '1', IMG: '' }).field).toBe('CLASS');
    expect(fail({ ...bad, CONTENT: 't', ID: '1', IMG: '', CLASS: '' }).field).toBe('PRED');
    expect(fail({ ...bad, CONTENT: 't', ID: '1', IMG: '', CLASS: '', PRED: '' }).field).toBe('note');
  });
});
