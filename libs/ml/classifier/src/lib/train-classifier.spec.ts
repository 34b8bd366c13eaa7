import type { CsrMatrix } from './sparse-rows';
import { predictProba } from './predict-proba';
import { trainClassifier } from './train-classifier';

/** Rows that each hold the given buckets with value 1, repeated `times`. */
function rows(patterns: number[][], times: number): CsrMatrix {
  const all = Array.from({ length: times }, () => patterns).flat();
  const indptr = Int32Array.from([0, ...all.map((_, i) => all.slice(0, i + 1).reduce((n, r) => n + r.length, 0))]);
  return { rows: all.length, cols: 16, indptr, indices: Int32Array.from(all.flat()), data: new Float32Array(indptr[all.length]).fill(1) };
}

const argmax = (p: Float32Array, k: number, r: number) => Array.from({ length: k }, (_, c) => c).reduce((b, c) => (p[r * k + c] > p[r * k + b] ? c : b), 0);

describe('trainClassifier', () => {
  it('logistic regression reaches the maximum-likelihood optimum: a saturated model predicts each pattern’s class shares', () => {
    // Two patterns (buckets 3 and 5) with class counts [6, 3, 1] and [2, 2, 6]. With one indicator per pattern and
    // (almost) no penalty, the multinomial MLE predicts the empirical shares (a textbook property of the saturated
    // model): [0.6, 0.3, 0.1] and [0.2, 0.2, 0.6].
    const labels = [0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 0, 0, 1, 1, 2, 2, 2, 2, 2, 2];
    const patterns = labels.map((_, i) => (i < 10 ? [3] : [5]));
    const features = rows(patterns, 1);
    return trainClassifier({ kind: 'logreg', features, labels, numClasses: 3, seed: 1, classWeight: 'none', inverseRegularisation: 1e9, maxSteps: 1000 }).then(async (model) => {
      expect(model.metrics.validationRows).toBe(0); // 20 rows: too few for a validation slice
      const p = await predictProba({ model, features: rows([[3], [5]], 1) });
      [0.6, 0.3, 0.1, 0.2, 0.2, 0.6].forEach((expected, i) => expect(p[i]).toBeCloseTo(expected, 3));
    });
  }, 60_000);

  it('the MLP learns XOR, which no linear model can (Minsky & Papert)', async () => {
    // Buckets 1 and 2 as two binary inputs; class 1 when exactly one is on.
    const patterns = [[], [1], [2], [1, 2]];
    const labels = Array.from({ length: 9 }, () => [0, 1, 1, 0]).flat();
    const features = rows(patterns, 9);
    const probe = rows(patterns, 1);
    const mlp = await trainClassifier({ kind: 'mlp', features, labels, numClasses: 2, seed: 3, hiddenUnits: 8, maxSteps: 600, learningRate: 0.05 });
    const linear = await trainClassifier({ kind: 'logreg', features, labels, numClasses: 2, seed: 3 });
    const pm = await predictProba({ model: mlp, features: probe });
    const pl = await predictProba({ model: linear, features: probe });
    expect([0, 1, 2, 3].map((r) => argmax(pm, 2, r))).toEqual([0, 1, 1, 0]);
    expect([0, 1, 2, 3].filter((r) => argmax(pl, 2, r) === [0, 1, 1, 0][r]).length).toBeLessThan(4);
  }, 120_000);

  it('is deterministic for a seed', async () => {
    const features = rows([[1], [2], [1, 2], [3]], 12);
    const labels = Array.from({ length: 12 }, () => [0, 1, 1, 0]).flat();
    const a = await trainClassifier({ kind: 'mlp', features, labels, numClasses: 2, seed: 9, hiddenUnits: 4, maxSteps: 50 });
    const b = await trainClassifier({ kind: 'mlp', features, labels, numClasses: 2, seed: 9, hiddenUnits: 4, maxSteps: 50 });
    expect(Array.from(a.weights.sparse.data)).toEqual(Array.from(b.weights.sparse.data));
  }, 60_000);

  it('names the bad row when a label is not a class', async () => {
    await expect(trainClassifier({ kind: 'logreg', features: rows([[1], [2]], 1), labels: [0, 4], numClasses: 2, seed: 1 })).rejects.toThrow(
      'labels[1] = 4 is not a class in 0..1',
    );
  }, 10_000);
});
