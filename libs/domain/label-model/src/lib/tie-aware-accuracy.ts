// Accuracy of probabilistic predictions scored as a random tie-break does in expectation: a row whose top
// probability is shared by t classes counts 1/t when the gold class is among them. This is the rule behind
// the reference numbers in shared/data/README.md (majority vote 0.816 on wrench-youtube test).

export interface TieAwareAccuracyOptions {
  /** Probabilities within this of the row maximum count as tied (float rounding). Default 1e-12. */
  tolerance?: number;
}

export function tieAwareAccuracy(
  proba: readonly (readonly number[])[],
  gold: ArrayLike<number>,
  options: TieAwareAccuracyOptions = {},
): number {
  const { tolerance = 1e-12 } = options;
  if (proba.length !== gold.length) throw new RangeError(`${proba.length} prediction rows but ${gold.length} gold labels`);
  if (gold.length === 0) throw new RangeError('no rows to score');
  let score = 0;
  for (let i = 0; i < gold.length; i++) {
    const row = proba[i];
    const y = gold[i];
    if (!Number.isInteger(y) || y < 0 || y >= row.length) throw new RangeError(`gold label ${y} at row ${i} is not a class`);
    const top = Math.max(...row);
    if (!Number.isFinite(top)) throw new RangeError(`row ${i} has no finite probabilities`);
    let tied = 0;
    for (const p of row) if (top - p <= tolerance) tied++;
    if (top - row[y] <= tolerance) score += 1 / tied;
  }
  return score / gold.length;
}
