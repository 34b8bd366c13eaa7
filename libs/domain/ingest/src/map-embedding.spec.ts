// readEmbedding through mapRecord: the forms a vector may take in JSON and CSV, float4 rounding, and a row error
// naming the line and the source field for every way a vector can be wrong (a wrong length above all).
import type { FieldMapping, LabelSpace, RowError } from './ingest.types';
import { mapRecord } from './map-record';

const LABELS: LabelSpace = { names: ['a', 'b'], multi: false };
const MAPPING: FieldMapping = { text: 'text', embedding: 'vec' };

const read = (vec: unknown, embeddingDim?: number) => mapRecord({ line: 9, fields: { text: 't', vec, other: 1 } }, MAPPING, LABELS, { embeddingDim });
const vector = (vec: unknown, dim?: number): number[] | null => {
  const r = read(vec, dim);
  if (!r.ok) throw new Error(`expected ok, got ${JSON.stringify(r.error)}`);
  return r.item.embedding;
};
const error = (vec: unknown, dim?: number): RowError => {
  const r = read(vec, dim);
  if (r.ok) throw new Error(`expected an error, got ${JSON.stringify(r.item)}`);
  return r.error;
};

describe('readEmbedding', () => {
  it.each([
    ['a JSON array (JSON Lines)', [0.5, -2, 0, 1e3], [0.5, -2, 0, 1000]],
    ['a JSON array in a CSV cell', ' [0.5, -2, 0, 1e3] ', [0.5, -2, 0, 1000]],
    ['comma-separated numbers', '0.5,-2,0,1e3', [0.5, -2, 0, 1000]],
    ['whitespace-separated numbers', '0.5 -2\t0  +1E3', [0.5, -2, 0, 1000]],
    ['commas and spaces', '0.5, -2, .0, 1000.', [0.5, -2, 0, 1000]],
  ])('reads %s', (_name, given, expected) => {
    expect(vector(given)).toEqual(expected);
  }, 5_000);

  it('stores what PostgreSQL real keeps: float4 values, tiny ones as 0', () => {
    expect(vector([0.1, 1e-50, -3.4e38])).toEqual([Math.fround(0.1), 0, Math.fround(-3.4e38)]);
  }, 5_000);

  it('is no vector when the field is blank or missing, and never metadata', () => {
    expect(vector('')).toBeNull();
    expect(vector(null)).toBeNull();
    expect(vector(undefined)).toBeNull();
    const r = read([1, 2]);
    expect(r.ok && r.item.metadata).toEqual({ other: 1 });
  }, 5_000);

  it('accepts the length it is told every vector has', () => {
    expect(vector([1, 2, 3], 3)).toEqual([1, 2, 3]);
  }, 5_000);

  it.each([
    ['the wrong length for the project', [1, 2], 3, "embedding has 2 numbers, but this project's vectors have 3"],
    ['an empty array', [], undefined, 'embedding must have 1 to 4096 numbers, found 0'],
    ['more than 4096 numbers', new Array(4097).fill(0), undefined, 'embedding must have 1 to 4096 numbers, found 4097'],
    ['a number alone', 3, undefined, 'embedding must be an array of numbers, found a number'],
    ['an object', { x: 1 }, undefined, 'embedding must be an array of numbers, found an object'],
    ['a string inside the array', [1, '2'], undefined, 'embedding[1] must be a finite number within ±3.4e38, found "2"'],
    ['null inside the array', [1, null], undefined, 'embedding[1] must be a finite number within ±3.4e38, found null'],
    ['a value past float4', [1, 1e39], undefined, 'embedding[1] must be a finite number within ±3.4e38, found 1e+39'],
    ['a word in a CSV list', '1, two, 3', undefined, 'embedding[1] must be a number, found "two"'],
    ['NaN in a CSV list', '1 NaN', undefined, 'embedding[1] must be a number, found "NaN"'],
    ['Infinity in a CSV list', 'Infinity', undefined, 'embedding[0] must be a number, found "Infinity"'],
    ['broken JSON in a CSV cell', '[1, 2', undefined, 'embedding is not a valid JSON array'],
  ])('rejects %s, naming the line and the source field', (_name, given, dim, message) => {
    const e = error(given, dim);
    expect(e).toMatchObject({ line: 9, field: 'vec' });
    expect(e.message).toContain(message);
  }, 5_000);
});
