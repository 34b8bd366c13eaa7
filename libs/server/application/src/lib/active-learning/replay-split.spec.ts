import { minLabeledForBudget, replayTestSize, splitForReplay } from './replay-split';

describe('splitForReplay', () => {
  // 400 rows: 200 of label 0, 120 of label 1, 80 of label 2.
  const labels = Array.from({ length: 400 }, (_, i) => (i < 200 ? 0 : i < 320 ? 1 : 2));

  it('holds out a quarter, at least 50 rows, and never more than there are', () => {
    expect([replayTestSize(400), replayTestSize(120), replayTestSize(30), replayTestSize(201)]).toEqual([100, 50, 30, 51]);
  });

  it('gives each label its share of the test set', () => {
    const { pool, test } = splitForReplay({ labels, seed: 7 });
    const count = (rows: number[], c: number) => rows.filter((i) => labels[i] === c).length;
    expect([0, 1, 2].map((c) => count(test, c))).toEqual([50, 30, 20]);
    expect([0, 1, 2].map((c) => count(pool, c))).toEqual([150, 90, 60]);
  });

  it('hands the rounding remainder to the labels with the largest remainders', () => {
    // 210 rows, 70 per label: 53 held out, 17.67 per label; the two spare rows go to labels 0 and 1 (equal remainders).
    const even = Array.from({ length: 210 }, (_, i) => i % 3);
    const { test } = splitForReplay({ labels: even, seed: 1 });
    expect(test).toHaveLength(53);
    expect([0, 1, 2].map((c) => test.filter((i) => even[i] === c).length)).toEqual([18, 18, 17]);
  });

  it('partitions the rows, the same way for the same seed and another way for another', () => {
    const a = splitForReplay({ labels, seed: 7 });
    expect([...a.pool, ...a.test].sort((x, y) => x - y)).toEqual(labels.map((_, i) => i));
    expect(splitForReplay({ labels, seed: 7 })).toEqual(a);
    expect(splitForReplay({ labels, seed: 8 }).test).not.toEqual(a.test);
  });

  it('knows the fewest labeled rows a budget needs', () => {
    for (const budget of [2, 50, 150, 151, 300, 1000]) {
      const n = minLabeledForBudget(budget);
      expect(n - replayTestSize(n)).toBeGreaterThanOrEqual(budget);
      expect(n - 1 - replayTestSize(n - 1)).toBeLessThan(budget);
    }
  });
});
