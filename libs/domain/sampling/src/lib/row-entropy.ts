// Shannon entropy of one row, computed so that rows holding the same values in another class order get
// bit-identical scores (and so tie, broken by index as documented): the terms are summed in ascending order
// of the values, which also keeps the small terms from being lost against the large ones.

// Module-level copy: under jest every lookup of the Math global goes through the test context.
const { log } = Math;

/** Sorts scratch (k long) ascending: insertion sort for the usual handful of classes, the built-in beyond. */
export function sortAscending(scratch: Float64Array, k: number): void {
  if (k > 16) {
    scratch.sort();
    return;
  }
  for (let a = 1; a < k; a++) {
    const v = scratch[a];
    let b = a - 1;
    while (b >= 0 && scratch[b] > v) {
      scratch[b + 1] = scratch[b];
      b--;
    }
    scratch[b + 1] = v;
  }
}

/** -Σ p ln p over the sorted scratch, with 0 · ln 0 = 0. */
export function entropyOfSorted(scratch: Float64Array, k: number): number {
  let h = 0;
  for (let c = 0; c < k; c++) {
    const p = scratch[c];
    if (p > 0) h -= p * log(p);
  }
  return h;
}
