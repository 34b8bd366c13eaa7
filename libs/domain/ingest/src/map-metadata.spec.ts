// mapRecord metadata: which fields it holds, and U+0000 anywhere inside it.
import type { FieldMapping, LabelSpace, MappedItem, RowError } from './ingest.types';
import { mapRecord } from './map-record';

const SINGLE: LabelSpace = { names: ['ham', 'spam'], multi: false };
const MAPPING: FieldMapping = { text: 'CONTENT', externalId: 'ID', gold: 'CLASS' };

const ok = (fields: Record<string, unknown>, mapping = MAPPING): MappedItem => {
  const result = mapRecord({ line: 7, fields }, mapping, SINGLE);
  if (!result.ok) throw new Error(`expected ok, got ${JSON.stringify(result.error)}`);
  return result.item;
};
const fail = (fields: Record<string, unknown>, mapping = MAPPING): RowError => {
  const result = mapRecord({ line: 7, fields }, mapping, SINGLE);
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
});
