import { splitPosition } from './split-position';

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
