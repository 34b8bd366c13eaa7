import { maxWeightAssignment } from './column-permutation';

function permutations(n: number): number[][] {
  if (n === 0) return [[]];
  return permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)]));
}

describe('maxWeightAssignment', () => {
  it('finds the identity when the diagonal dominates and a swap when the anti-diagonal does', () => {
    expect(maxWeightAssignment([[0.9, 0.1], [0.2, 0.8]])).toEqual([0, 1]);
    expect(maxWeightAssignment([[0.1, 0.9], [0.8, 0.2]])).toEqual([1, 0]);
  });

  it('matches brute force over all 120 permutations on seeded 5 × 5 matrices', () => {
    let s = 7;
    const next = () => (s = (s * 48271) % 2147483647) / 2147483647;
    for (let trial = 0; trial < 20; trial++) {
      const w = Array.from({ length: 5 }, () => Array.from({ length: 5 }, next));
      const value = (p: number[]) => p.reduce((sum, c, r) => sum + w[r][c], 0);
      const best = Math.max(...permutations(5).map(value));
      expect(value(maxWeightAssignment(w))).toBeCloseTo(best, 12);
    }
  });
});
