import { debounceDelay } from './analysis.producer';

describe('debounceDelay (a debounce with a maximum wait)', () => {
  const t = { debounceMs: 500, maxWaitMs: 3000 };
  it.each([
    ['nothing pending: the whole debounce', 10_000, null, 500],
    ['pending for a moment: the debounce again', 10_000, 9_900, 500],
    ['near the maximum wait: only what is left of it', 10_000, 7_200, 200],
    ['past the maximum wait: at once', 10_000, 6_000, 0],
  ])('%s', (_, now, firstAt, expected) => {
    expect(debounceDelay(now as number, firstAt as number | null, t)).toBe(expected);
  });

  it('never waits past the maximum, however often it is asked', () => {
    // A change every 100 ms from t=0: the run is due at 3000 at the latest.
    for (let now = 0; now < 3000; now += 100) expect(now + debounceDelay(now, 0, t)).toBeLessThanOrEqual(3000);
  });
});
