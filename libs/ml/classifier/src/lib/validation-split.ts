// The slice of training rows held out for early stopping and temperature scaling: stratified (each class keeps
// its share), seeded, and empty when there are too few rows for it to mean anything.
import { shuffledIndices } from '@arbiter/util/random';

export const MIN_ROWS_FOR_VALIDATION = 40;

export function validationSplit(input: { labels: Int32Array; numClasses: number; seed: number; share: number }) {
  const { labels, numClasses, seed, share } = input;
  const n = labels.length;
  if (n < MIN_ROWS_FOR_VALIDATION || share <= 0) return { train: Int32Array.from({ length: n }, (_, i) => i), valid: new Int32Array(0) };
  const order = shuffledIndices(n, seed ^ 0x5bd1e995);
  const byClass: number[][] = Array.from({ length: numClasses }, () => []);
  order.forEach((r) => byClass[labels[r]].push(r));
  const valid: number[] = [];
  const train: number[] = [];
  // A class with a single row stays in training: the model must see every class it is asked to predict.
  for (const rows of byClass) {
    const take = rows.length > 1 ? Math.round(rows.length * share) : 0;
    valid.push(...rows.slice(0, take));
    train.push(...rows.slice(take));
  }
  return { train: Int32Array.from(train.sort((a, b) => a - b)), valid: Int32Array.from(valid.sort((a, b) => a - b)) };
}
