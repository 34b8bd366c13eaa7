import { inEvaluationSlice, splitPosition } from './split-position';

const ids = Array.from({ length: 10_000 }, (_, i) => String(i + 1));

describe('splitPosition', () => {
  // sklearn.utils.murmurhash3_32(f"{seed}:{item_id}", seed=0, positive=True) / 2**32, scikit-learn 1.2.1.
  it.each([
    [42, '1', 0.6412578402087092],
    [42, '2', 0.6059638967271894],
    [42, '9007199254740993', 0.4071361846290529],
    [42, 'item-7', 0.8558696904219687],
    ['exp-a', '1', 0.0778406651224941],
    ['exp-a', '123456789012345678', 0.9676338608842343],
  ])('under seed %j places item %s at the reference position', (seed, itemId, expected) => {
    expect(splitPosition({ itemId: itemId as string, seed })).toBe(expected);
  }, 5_000);

  it('keeps bigint ids beyond 2^53 apart (hashed as text, never as a rounded number)', () => {
    expect(splitPosition({ itemId: '9007199254740993', seed: 1 })).not.toBe(
      splitPosition({ itemId: '9007199254740992', seed: 1 }),
    );
  }, 5_000);
});

describe('inEvaluationSlice', () => {
  it('takes no item at share 0 and every item at share 1', () => {
    expect(ids.filter((itemId) => inEvaluationSlice({ itemId, seed: 7, share: 0 }))).toHaveLength(0);
    expect(ids.filter((itemId) => inEvaluationSlice({ itemId, seed: 7, share: 1 }))).toHaveLength(ids.length);
  }, 5_000);

  it('takes 2000 ± 3σ of 10,000 items at share 0.2 (σ = √(10000 · 0.2 · 0.8) = 40)', () => {
    for (const seed of [1, 2, 'project-9']) {
      const taken = ids.filter((itemId) => inEvaluationSlice({ itemId, seed, share: 0.2 })).length;
      expect(Math.abs(taken - 2000)).toBeLessThanOrEqual(120);
    }
  }, 5_000);

  it('draws a different slice for a different seed (overlap near share² · n = 400, not 2000)', () => {
    const a = new Set(ids.filter((itemId) => inEvaluationSlice({ itemId, seed: 1, share: 0.2 })));
    const b = ids.filter((itemId) => inEvaluationSlice({ itemId, seed: 2, share: 0.2 }));
    const overlap = b.filter((itemId) => a.has(itemId)).length;
    // Hypergeometric-ish: sd ≈ √(400 · 0.8 · 0.8) ≈ 16, so 3σ ≈ 48; the bound also covers the slices' own spread.
    expect(Math.abs(overlap - 400)).toBeLessThan(100);
  }, 5_000);

  it('keeps an item in the slice when the share grows (nested slices)', () => {
    const small = ids.filter((itemId) => inEvaluationSlice({ itemId, seed: 3, share: 0.1 }));
    expect(small.every((itemId) => inEvaluationSlice({ itemId, seed: 3, share: 0.25 }))).toBe(true);
  }, 5_000);

  it.each([-0.1, 1.5, Number.NaN])('refuses share %d', (share) => {
    expect(() => inEvaluationSlice({ itemId: '1', seed: 1, share })).toThrow(RangeError);
  }, 5_000);
});
