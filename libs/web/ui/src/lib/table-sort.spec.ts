/// <reference types="jest" />
import { nextSort, sortRows, type SortValue } from './table-sort';

interface Row {
  name: string;
  v: SortValue;
}
const rows: Row[] = [
  { name: 'c', v: 0.5 },
  { name: 'a', v: null },
  { name: 'b', v: 0.25 },
  { name: 'e', v: Number.NaN },
  { name: 'd', v: 0.5 },
  { name: 'f', v: 1 },
];
const byName = (a: Row, b: Row) => a.name.localeCompare(b.name);
const names = (r: Row[]) => r.map((x) => x.name).join('');

describe('sortRows', () => {
  it('sorts numbers ascending with missing values last, ties by the secondary order', () => {
    expect(names(sortRows(rows, (r) => r.v, 'ascending', byName))).toBe('bcdfae');
  });

  it('keeps missing values last when descending', () => {
    expect(names(sortRows(rows, (r) => r.v, 'descending', byName))).toBe('fcdbae');
  });

  it('sorts text naturally and ignoring case', () => {
    const text = [{ name: 'LF 10' }, { name: 'lf 9' }, { name: 'Alpha' }];
    expect(sortRows(text, (r) => r.name, 'ascending').map((r) => r.name)).toEqual(['Alpha', 'lf 9', 'LF 10']);
  });

  it('returns a copy', () => {
    const copy = sortRows(rows, (r) => r.v, 'ascending');
    expect(copy).not.toBe(rows);
    expect(names(rows)).toBe('cabedf');
  });
});

describe('nextSort', () => {
  it('starts a new column in its first direction, then flips', () => {
    const first = nextSort(null, 'coverage', 'descending');
    expect(first).toEqual({ key: 'coverage', direction: 'descending' });
    expect(nextSort(first, 'coverage', 'descending')).toEqual({ key: 'coverage', direction: 'ascending' });
    expect(nextSort(first, 'name', 'ascending')).toEqual({ key: 'name', direction: 'ascending' });
  });
});
