import * as sampling from '../index';
import { isSamplingStrategy, STRATEGIES } from './strategies';

describe('STRATEGIES', () => {
  it('names every strategy the library exports, once', () => {
    const exported: Record<string, unknown> = {
      random: sampling.randomSample,
      'least-confidence': sampling.leastConfidence,
      margin: sampling.margin,
      entropy: sampling.entropy,
      'k-center': sampling.kCenterGreedy,
      'kmeans-pp': sampling.kMeansPlusPlus,
      hybrid: sampling.hybrid,
      'lf-disagreement': sampling.lfDisagreement,
    };
    expect([...STRATEGIES].sort()).toEqual(Object.keys(exported).sort());
    for (const name of STRATEGIES) expect(typeof exported[name]).toBe('function');
  }, 10_000);

  it('validates names from outside, such as a stored project setting', () => {
    expect(isSamplingStrategy('hybrid')).toBe(true);
    expect(isSamplingStrategy('k-center')).toBe(true);
    expect(isSamplingStrategy('kcenter')).toBe(false);
    expect(isSamplingStrategy('Margin')).toBe(false);
  }, 10_000);
});
