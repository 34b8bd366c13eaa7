/// <reference types="jest" />
import { describeStat, formatCoefficient, formatShare } from './stat-format';

describe('formatCoefficient', () => {
  it.each([
    [2 / 3, '0.67'],
    [1, '1.00'],
    [-0.25, '−0.25'],
    [-0.004, '0.00'],
    [0, '0.00'],
  ])('%d → %s', (x, s) => {
    expect(formatCoefficient(x)).toBe(s);
  });
});

describe('formatShare', () => {
  it.each([
    [5 / 6, '83%'],
    [1, '100%'],
    [0, '0%'],
  ])('%d → %s', (x, s) => {
    expect(formatShare(x)).toBe(s);
  });
});

describe('describeStat', () => {
  it('prints the value, its interval and n', () => {
    expect(describeStat({ value: 0.5, low: 0.125, high: 0.875, n: 12 }, 'coefficient')).toEqual({
      value: '0.50',
      interval: '0.13–0.88',
      n: 'n = 12',
      reason: null,
      title: '0.50, 95% bootstrap interval 0.13–0.88; 12 items',
    });
  });

  it('prints shares as percentages', () => {
    expect(describeStat({ value: 0.75, low: 0.5, high: 1, n: 4 }, 'share')).toMatchObject({ value: '75%', interval: '50%–100%' });
  });

  it('gives the reason when the figure is undefined', () => {
    const stat = { value: null, low: null, high: null, n: 0, reason: 'overlap k is 1: no item has two ratings by design' };
    expect(describeStat(stat, 'coefficient')).toEqual({
      value: '—',
      interval: null,
      n: 'n = 0',
      reason: 'overlap k is 1: no item has two ratings by design',
      title: 'Undefined (overlap k is 1: no item has two ratings by design); 0 items',
    });
  });

  it('keeps the value when only the interval is missing', () => {
    const stat = { value: 1, low: null, high: null, n: 1, reason: 'the statistic is undefined on every resample' };
    expect(describeStat(stat, 'coefficient')).toMatchObject({ value: '1.00', interval: null, reason: stat.reason });
  });
});
