// mapRecord metadata: which fields it holds, U+0000 and lone surrogates anywhere inside it, and its size limit.
import type { FieldMapping, LabelSpace, MappedItem, RowError } from './ingest.types';
import { mapRecord } from './map-record';

const SINGLE: LabelSpace = { names: ['ham', 'spam'], multi: false };
const MAPPING: FieldMapping = { text: 'CONTENT', externalId: 'ID', gold: 'CLASS' };

const ok = (fields: Record<string, unknown>, mapping = MAPPING): MappedItem => {
  const result = mapRecord({ line: 7, fields }, mapping, SINGLE);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.item;
};
const fail = (fields: Record<string, unknown>, mapping = MAPPING, limits = {}): RowError => {
  const result = mapRecord({ line: 7, fields }, mapping, SINGLE, limits);
  if (result.ok) throw new Error(`expected an error, got ${JSON.stringify(result.item)}`);
  return result.error;
};

describe('mapRecord metadata', () => {
  const fields = { ID: '1', CONTENT: 't', CLASS: '0', AUTHOR: 'a', DATE: '2013-11-07', nested: { k: [1, 'x'] } };

  it('holds every field the mapping does not use', () => {
    expect(ok(fields).metadata).toEqual({ AUTHOR: 'a', DATE: '2013-11-07', nested: { k: [1, 'x'] } });
  });

  it.each([
    ['the listed fields, skipping absent ones', ['DATE', 'CONTENT', 'missing'], { DATE: '2013-11-07', CONTENT: 't' }],
    ['nothing when the list is empty', [], {}],
  ])('holds exactly %s', (_name, metadata, expected) => {
    expect(ok(fields, { ...MAPPING, metadata }).metadata).toEqual(expected);
  });

  it('keeps a field named __proto__ as data', () => {
    const record = JSON.parse('{"CONTENT": "t", "__proto__": {"x": 1}}') as Record<string, unknown>;
    const metadata = ok(record).metadata;
    expect(Object.keys(metadata)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
  });

  it.each([
    ['a string value', { note: 'a\u0000' }, 'note'],
    ['a nested value', { extra: { list: ['ok', 'b\u0000'] } }, 'extra'],
    ['an object key', { extra: { ['k\u0000']: 1 } }, 'extra'],
  ])('rejects U+0000 in %s, naming the field', (_name, extra, field) => {
    expect(fail({ CONTENT: 't', ...extra })).toEqual({
      line: 7,
      field,
      message: `metadata field "${field}" contains U+0000 (a NUL character), which PostgreSQL text cannot store`,
    });
  });

  it('ignores U+0000 in a field left out of the listed metadata', () => {
    expect(ok({ CONTENT: 't', note: 'a\u0000' }, { text: 'CONTENT', metadata: [] }).metadata).toEqual({});
  });

  it.each([
    ['a string value', { note: 'a\uD800' }, 'note', 'metadata field "note"'],
    ['a nested value', { extra: { list: ['ok', '\uDC00b'] } }, 'extra', 'metadata field "extra"'],
    ['an object key', { extra: { ['k\uDBFF']: 1 } }, 'extra', 'metadata field "extra"'],
    ['a field name', { ['n\uD800']: 'x' }, 'n\uD800', 'metadata field name'],
  ])('rejects a lone surrogate in %s, naming the field', (_name, extra, field, what) => {
    const error = fail({ CONTENT: 't', ...extra });
    expect(error).toMatchObject({ line: 7, field });
    expect(error.message.startsWith(`${what} contains a lone surrogate (U+D`)).toBe(true);
  });

  it('rejects U+0000 in a field name', () => {
    expect(fail({ CONTENT: 't', ['a\u0000']: 1 })).toMatchObject({ field: 'a\u0000', message: expect.stringContaining('U+0000') });
  });

  it('keeps a surrogate pair (an emoji) anywhere', () => {
    expect(ok({ CONTENT: 't', ['k\u{1F600}']: { v: ['\u{1F600}'] } }).metadata).toEqual({ ['k\u{1F600}']: { v: ['\u{1F600}'] } });
  });

  describe('size limit', () => {
    const limits = { maxMetadataBytes: 64 };
    // {"a":"xxxxxxxxxx","long":"…"} is 28 bytes plus the n bytes of é×n/2.
    const row = (n: number) => ({ CONTENT: 't', a: 'x'.repeat(10), long: 'é'.repeat(n / 2) });

    it('accepts metadata of exactly the limit, counted in UTF-8 bytes as JSON', () => {
      const result = mapRecord({ line: 7, fields: row(36) }, MAPPING, SINGLE, limits);
      expect(result.ok && new TextEncoder().encode(JSON.stringify(result.item.metadata)).length).toBe(64);
    });

    it('rejects one byte more, naming the largest field and both sizes', () => {
      expect(fail(row(38), MAPPING, limits)).toEqual({
        line: 7,
        field: 'long',
        message: 'metadata is 66 bytes as JSON, over the limit of 64 bytes per item (largest field "long": 47 bytes)',
      });
    });

    it('counts only the fields kept as metadata', () => {
      expect(ok({ CONTENT: 'x'.repeat(1000), ID: '1', a: 'b' }).metadata).toEqual({ a: 'b' });
      expect(mapRecord({ line: 7, fields: { CONTENT: 'x'.repeat(1000), a: 'b' } }, MAPPING, SINGLE, limits).ok).toBe(true);
    });
  });
});
