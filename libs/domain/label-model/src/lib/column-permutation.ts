// Maximum-weight assignment (Hungarian algorithm, O(k³)) used to undo a column permutation of the learned
// conditional probabilities: the matrix-completion objective cannot tell class labels apart, so after fitting
// the classes are renamed so that the LFs' votes agree with them as much as possible (as Snorkel does).

/** The permutation p maximising Σ_r weight[r][p[r]] (weight square). */
export function maxWeightAssignment(weight: readonly (readonly number[])[]): number[] {
  const size = weight.length;
  // Minimise -weight; arrays are 1-based with a virtual column 0 (the classic potentials formulation).
  const u = new Float64Array(size + 1);
  const v = new Float64Array(size + 1);
  const rowOf = new Int32Array(size + 1);
  const way = new Int32Array(size + 1);
  for (let r = 1; r <= size; r++) {
    rowOf[0] = r;
    let col = 0;
    const minv = new Float64Array(size + 1).fill(Infinity);
    const used = new Uint8Array(size + 1);
    do {
      used[col] = 1;
      const row = rowOf[col];
      let delta = Infinity;
      let next = 0;
      for (let c = 1; c <= size; c++) {
        if (used[c]) continue;
        const reduced = -weight[row - 1][c - 1] - u[row] - v[c];
        if (reduced < minv[c]) {
          minv[c] = reduced;
          way[c] = col;
        }
        if (minv[c] < delta) {
          delta = minv[c];
          next = c;
        }
      }
      for (let c = 0; c <= size; c++) {
        if (used[c]) {
          u[rowOf[c]] += delta;
          v[c] -= delta;
        } else minv[c] -= delta;
      }
      col = next;
    } while (rowOf[col] !== 0);
    do {
      const prev = way[col];
      rowOf[col] = rowOf[prev];
      col = prev;
    } while (col !== 0);
  }
  const assignment = new Array<number>(size).fill(0);
  for (let c = 1; c <= size; c++) assignment[rowOf[c] - 1] = c - 1;
  return assignment;
}
