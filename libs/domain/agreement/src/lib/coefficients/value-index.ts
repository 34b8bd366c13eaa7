// Validates ratings and maps their values to dense indices 0..V−1 in ascending order, once, so the hot loops
// index typed arrays instead of hashing values.
import { isFiniteNumber, Rating } from './coefficient-result';

export interface ValueIndex {
  /** Distinct values seen, ascending (the krippendorff package's default value domain). */
  values: Float64Array;
  indexOf: (v: number) => number;
}

// Integer labels spanning at most this many values use a direct lookup table; others fall back to a Map.
const MAX_DIRECT_RANGE = 1 << 20;

/** Returns the index, or a reason naming the first value that is neither null nor a finite number. */
export function buildValueIndex(rows: Rating[][]): ValueIndex | { reason: string } {
  let min = Infinity;
  let max = -Infinity;
  let integral = true;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r];
    for (let u = 0; u < row.length; u++) {
      const v = row[u];
      if (v === null) continue;
      if (!isFiniteNumber(v)) return { reason: `value [${r}][${u}] is neither null nor a finite number` };
      if (v < min) min = v;
      if (v > max) max = v;
      if (integral && v % 1 !== 0) integral = false;
    }
  }
  if (min > max) return { values: new Float64Array(0), indexOf: () => -1 };
  if (integral && max - min < MAX_DIRECT_RANGE) return directIndex(rows, min, max);
  const distinct = new Set<number>();
  for (const row of rows) for (const v of row) if (v !== null) distinct.add(v);
  const values = Float64Array.from([...distinct].sort((a, b) => a - b));
  const map = new Map<number, number>();
  values.forEach((v, i) => map.set(v, i));
  return { values, indexOf: (v) => map.get(v) ?? -1 };
}

function directIndex(rows: Rating[][], min: number, max: number): ValueIndex {
  const lookup = new Int32Array(max - min + 1).fill(-1);
  for (const row of rows) for (let u = 0; u < row.length; u++) {
    const v = row[u];
    if (v !== null) lookup[v - min] = 0;
  }
  const values: number[] = [];
  for (let x = 0; x < lookup.length; x++) if (lookup[x] === 0) lookup[x] = values.push(x + min) - 1;
  return { values: Float64Array.from(values), indexOf: (v) => lookup[v - min] };
}
