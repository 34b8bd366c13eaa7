// The cost curve of a family of routing thresholds: rows are routed in order of a key (the highest key first) and
// every distinct key value is a possible cut, so one sort and one pass give the total cost of every threshold in
// the family. Used for the confidence-threshold baselines (key = −confidence) and for the learned price
// (key = min expected cost).

export interface SweepRow {
  /** Routed before every row with a lower key; rows with equal keys are routed together. */
  key: number;
  /** The cost if acted on: costMatrix[true][decided]. */
  actCost: number;
}

export interface SweepCut {
  /** Rows routed: those whose key is at least `lastRoutedKey`. */
  routed: number;
  /** reviewCost · routed + the act costs of the rest. */
  total: number;
  /** The key of the last (lowest) group routed; undefined when nothing is. */
  lastRoutedKey: number | undefined;
  /** The key of the first (highest) group acted on; undefined when everything is routed. */
  nextKey: number | undefined;
}

/** Every cut between groups of equal keys, from routing nothing to routing everything. */
export function sweepCuts(rows: readonly SweepRow[], reviewCost: number): SweepCut[] {
  const sorted = [...rows].sort((a, b) => b.key - a.key);
  const n = sorted.length;
  // Act costs of rows i..n−1, summed from the end, so each cut's total is one addition away from exact.
  const actSuffix = new Float64Array(n + 1);
  for (let i = n - 1; i >= 0; i--) actSuffix[i] = actSuffix[i + 1] + sorted[i].actCost;
  const cut = (i: number): SweepCut => ({
    routed: i,
    total: reviewCost * i + actSuffix[i],
    lastRoutedKey: i > 0 ? sorted[i - 1].key : undefined,
    nextKey: i < n ? sorted[i].key : undefined,
  });
  const cuts = [cut(0)];
  for (let i = 1; i <= n; i++) if (i === n || sorted[i].key !== sorted[i - 1].key) cuts.push(cut(i));
  return cuts;
}

/** Routes the rows whose key is strictly above `cut` (decide's rule when the key is a min expected cost). */
export function routeAbove(rows: readonly SweepRow[], reviewCost: number, cut: number): { total: number; routed: number } {
  let total = 0;
  let routed = 0;
  for (const r of rows) {
    if (r.key > cut) {
      routed++;
      total += reviewCost;
    } else total += r.actCost;
  }
  return { total, routed };
}

/** Whether a total is lower than the best so far by more than float rounding (1e-9 relative): ties stay ties. */
export function cheaper(total: number, best: number): boolean {
  return total < best - 1e-9 * Math.max(1, Math.abs(best));
}
