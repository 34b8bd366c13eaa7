// Test-only: reviewed predictions of a model whose probabilities are right by construction. Each row draws logits
// z ~ N(0, spread²) per class and its true class from p = softmax(z), so p is perfectly calibrated; the model
// sends softmax(z · sharpen + bias): overconfident for sharpen > 1, which temperature scaling undoes at T = sharpen;
// a bias per class makes it lean toward one class, which no single temperature undoes.
import { mulberry32 } from '@arbiter/util/random';
import type { ReviewedPrediction } from './fit-routing-policy';

export interface SyntheticReviews {
  rows: number;
  numClasses: number;
  seed: number;
  spread: number;
  /** The model's logits are the truth's times this; 1 (calibrated) by default. */
  sharpen?: number;
  /** Added to the model's logits per class; none by default. */
  bias?: readonly number[];
}

export function syntheticReviews({ rows, numClasses: k, seed, spread, sharpen = 1, bias }: SyntheticReviews): ReviewedPrediction[] {
  const random = mulberry32(seed);
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const softmax = (z: number[]) => {
    const max = Math.max(...z);
    const e = z.map((v) => Math.exp(v - max));
    const sum = e.reduce((a, b) => a + b, 0);
    return e.map((v) => v / sum);
  };
  return Array.from({ length: rows }, (_, r) => {
    const z = Array.from({ length: k }, () => spread * normal());
    const truth = softmax(z);
    let u = random();
    let label = 0;
    while (label < k - 1 && u >= truth[label]) u -= truth[label++];
    return { id: `p-${seed}-${r}`, probs: softmax(z.map((v, c) => v * sharpen + (bias?.[c] ?? 0))), label };
  });
}
