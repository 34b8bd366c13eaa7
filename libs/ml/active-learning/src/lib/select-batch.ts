// One selection round: the project's strategy over the pool's calibrated probabilities and embeddings, with the
// cold-start rule. The worker and the simulation command both choose batches through this function.
import { entropy, hybrid, kCenterGreedy, kMeansPlusPlus, leastConfidence, margin, randomSample, type SamplingStrategy } from '@arbiter/domain/sampling';

export interface SelectBatchInput {
  strategy: Exclude<SamplingStrategy, 'lf-disagreement'>;
  batchSize: number;
  seed: number;
  /** Row-major pool × k calibrated probabilities from the current model, or null before the first model. */
  probs: Float32Array | null;
  numClasses: number;
  /** Row-major pool × dim embeddings (client vectors or the TF-IDF projection). */
  embeddings: Float32Array;
  dim: number;
  /** Rows already labeled: never chosen, and count as covered for the diversity strategies. */
  labeled: Uint8Array;
  /** Rows that may not be chosen now (leased, in review, in the test split). */
  excluded?: Uint8Array;
  /** Hybrid's candidate pool, default 10 · batchSize. */
  topM?: number;
  /**
   * Labels below which uncertainty strategies pick by diversity alone: a model trained on a few dozen labels is
   * confidently wrong, and its "uncertain" rows are atypical ones. Default 0 (only the cold start).
   */
  warmUpLabels?: number;
}

export interface SelectedBatch {
  rows: number[];
  /** The strategy that actually chose (k-means++ during the cold start or warm-up). */
  strategy: SamplingStrategy;
}

export function selectBatch(input: SelectBatchInput): SelectedBatch {
  const { strategy, batchSize, seed, probs, numClasses, embeddings, dim, labeled } = input;
  const n = labeled.length;
  const blocked = new Uint8Array(n);
  let labeledCount = 0;
  for (let i = 0; i < n; i++) {
    if (labeled[i]) labeledCount++;
    blocked[i] = labeled[i] || input.excluded?.[i] ? 1 : 0;
  }
  const free = n - blocked.reduce((a, b) => a + b, 0);
  const size = Math.min(batchSize, free);
  if (size <= 0) return { rows: [], strategy };
  const uncertainty = strategy === 'least-confidence' || strategy === 'margin' || strategy === 'entropy' || strategy === 'hybrid';
  if (uncertainty && (!probs || labeledCount < (input.warmUpLabels ?? 0))) {
    // Excluded rows join the labeled set for diversity: they are about to be labeled, so their region is covered.
    return { rows: kMeansPlusPlus({ embeddings, dim, batchSize: size, seed, labeled: blocked }), strategy: 'kmeans-pp' };
  }
  const exclude = blocked;
  switch (strategy) {
    case 'random':
      return { rows: randomSample({ n, batchSize: size, seed, exclude }), strategy };
    case 'k-center':
      return { rows: kCenterGreedy({ embeddings, dim, batchSize: size, labeled: blocked }), strategy };
    case 'kmeans-pp':
      return { rows: kMeansPlusPlus({ embeddings, dim, batchSize: size, seed, labeled: blocked }), strategy };
    case 'least-confidence':
      return { rows: leastConfidence({ probs: probs as Float32Array, numClasses, batchSize: size, exclude }), strategy };
    case 'margin':
      return { rows: margin({ probs: probs as Float32Array, numClasses, batchSize: size, exclude }), strategy };
    case 'entropy':
      return { rows: entropy({ probs: probs as Float32Array, numClasses, batchSize: size, exclude }), strategy };
    case 'hybrid':
      return { rows: hybrid({ probs: probs as Float32Array, numClasses, embeddings, dim, batchSize: size, topM: input.topM, seed, exclude }), strategy };
  }
}
