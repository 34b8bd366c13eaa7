import { mulberry32 } from '@arbiter/util/random';
import { fitTemperature, softmaxWithTemperature, temperatureNll } from './temperature';

/** Rows whose labels are drawn from softmax(z / T0): the maximum-likelihood temperature is then T0. */
function drawn(n: number, k: number, t0: number, seed: number) {
  const random = mulberry32(seed);
  const logits = new Float32Array(n * k);
  const labels = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < k; c++) logits[i * k + c] = 6 * (random() - 0.5);
    const p = softmaxWithTemperature(logits.subarray(i * k, (i + 1) * k), k, t0);
    let u = random();
    let y = 0;
    while (y < k - 1 && (u -= p[y]) > 0) y++;
    labels[i] = y;
  }
  return { logits, labels, numClasses: k };
}

describe('temperature scaling (Guo et al. 2017)', () => {
  it.each([0.5, 1, 2.5])('recovers the temperature that generated the labels (T0 = %p, 20,000 rows)', (t0) => {
    const rows = drawn(20_000, 4, t0, 7);
    expect(fitTemperature(rows)).toBeGreaterThan(t0 * 0.93);
    expect(fitTemperature(rows)).toBeLessThan(t0 * 1.07);
  }, 30_000);

  it('lands on a minimum of the held-out NLL: nearby temperatures are no better', () => {
    const rows = drawn(2_000, 3, 1.7, 11);
    const t = fitTemperature(rows);
    expect(temperatureNll(rows, t)).toBeLessThanOrEqual(temperatureNll(rows, t * 1.01));
    expect(temperatureNll(rows, t)).toBeLessThanOrEqual(temperatureNll(rows, t / 1.01));
  }, 30_000);

  it('never changes the predicted class, only the confidence', () => {
    const logits = Float32Array.from([2, 1, -1, 0.5, 0.4, 3]);
    const cold = softmaxWithTemperature(logits, 3, 0.5);
    const hot = softmaxWithTemperature(logits, 3, 4);
    const argmax = (p: Float32Array, r: number) => [0, 1, 2].reduce((b, c) => (p[r * 3 + c] > p[r * 3 + b] ? c : b), 0);
    expect([argmax(cold, 0), argmax(cold, 1)]).toEqual([0, 2]);
    expect([argmax(hot, 0), argmax(hot, 1)]).toEqual([0, 2]);
    expect(cold[0]).toBeGreaterThan(hot[0]);
  }, 10_000);

  it('is 1 with no rows to fit on', () => {
    expect(fitTemperature({ logits: new Float32Array(0), numClasses: 2, labels: [] })).toBe(1);
  }, 10_000);
});
