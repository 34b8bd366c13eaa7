import { kMeansPlusPlus, margin } from '@arbiter/domain/sampling';
import { selectBatch } from './select-batch';

// Six rows in two tight 2-D groups; row 4's prediction is the least certain, row 0's the most.
const embeddings = Float32Array.from([0, 0, 0.1, 0, 0, 0.1, 5, 5, 5.1, 5, 5, 5.1]);
const probs = Float32Array.from([0.95, 0.05, 0.8, 0.2, 0.7, 0.3, 0.6, 0.4, 0.52, 0.48, 0.9, 0.1]);
const none = () => new Uint8Array(6);

describe('selectBatch', () => {
  it('starts cold with diversity alone: without a model every uncertainty strategy becomes k-means++', () => {
    const labeled = none();
    labeled[0] = 1;
    const chosen = selectBatch({ strategy: 'margin', batchSize: 2, seed: 3, probs: null, numClasses: 2, embeddings, dim: 2, labeled });
    expect(chosen.strategy).toBe('kmeans-pp');
    expect(chosen.rows).toEqual(kMeansPlusPlus({ embeddings, dim: 2, batchSize: 2, seed: 3, labeled }));
    // The labeled row covers the first group, so the farthest-first draw goes to the other group.
    expect(chosen.rows.some((r) => r >= 3)).toBe(true);
  }, 10_000);

  it('keeps picking by diversity until the warm-up labels are in, then uses the strategy', () => {
    const labeled = none();
    labeled[0] = labeled[3] = 1;
    const warm = { strategy: 'margin' as const, batchSize: 2, seed: 1, probs, numClasses: 2, embeddings, dim: 2, labeled };
    expect(selectBatch({ ...warm, warmUpLabels: 3 }).strategy).toBe('kmeans-pp');
    const after = selectBatch({ ...warm, warmUpLabels: 2 });
    expect(after).toEqual({ strategy: 'margin', rows: [4, 2] });
  }, 10_000);

  it('never chooses labeled or excluded rows, and agrees with the sampling library on the rest', () => {
    const labeled = none();
    labeled[4] = 1;
    const excluded = none();
    excluded[3] = 1;
    const chosen = selectBatch({ strategy: 'margin', batchSize: 3, seed: 1, probs, numClasses: 2, embeddings, dim: 2, labeled, excluded });
    expect(chosen.rows).toEqual(margin({ probs, numClasses: 2, batchSize: 3, exclude: new Set([3, 4]) }));
    // Margins: 0.9, 0.6, 0.4, 0.2, 0.04, 0.8; without rows 3 and 4 the smallest are rows 2, 1 and 5.
    expect(chosen.rows).toEqual([2, 1, 5]);
  }, 10_000);

  it('returns what is left when the batch is larger than the free pool', () => {
    const labeled = Uint8Array.from([1, 1, 1, 1, 0, 1]);
    expect(selectBatch({ strategy: 'entropy', batchSize: 10, seed: 1, probs, numClasses: 2, embeddings, dim: 2, labeled }).rows).toEqual([4]);
    expect(selectBatch({ strategy: 'entropy', batchSize: 10, seed: 1, probs, numClasses: 2, embeddings, dim: 2, labeled: Uint8Array.from([1, 1, 1, 1, 1, 1]) }).rows).toEqual([]);
  }, 10_000);
});
