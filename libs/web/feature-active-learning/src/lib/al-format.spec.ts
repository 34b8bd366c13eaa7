/// <reference types="jest" />
import type { AlRound } from '@arbiter/contracts';
import { formatEce, formatMetric, roundText, usedStrategyText } from './al-format';

const round = (over: Partial<AlRound>): AlRound => ({
  id: '00000000-0000-4000-8000-000000000001',
  status: 'scoring',
  trigger: 'manual',
  strategy: 'hybrid',
  usedStrategy: null,
  batchSize: 50,
  modelVersion: 3,
  scored: 1200,
  poolSize: 5000,
  selected: 0,
  error: null,
  createdAt: '2025-01-01T10:00:00.000Z',
  finishedAt: null,
  ...over,
});

describe('roundText', () => {
  it.each([
    [round({ status: 'queued' }), 'Round queued, waiting for a worker…'],
    [round({ status: 'training', modelVersion: null }), 'Training a new model version…'],
    [round({}), 'Scoring the pool with model v3: 1,200 of 5,000 items'],
    [round({ status: 'selecting' }), 'Selecting 50 items by Hybrid (margin + diversity)…'],
    [
      round({ status: 'done', usedStrategy: 'kmeans-pp', selected: 50 }),
      'Last round: model v3 scored 5,000 items and k-means++ (instead of Hybrid (margin + diversity)) chose 50 for annotation',
    ],
    [round({ status: 'failed', error: 'no labels' }), 'Last round failed: no labels'],
  ])('%#: %s', (r, text) => {
    expect(roundText(r)).toBe(text);
  }, 5_000);
});

describe('figures', () => {
  it('shows metrics with three decimals and a dash when undefined', () => {
    expect(formatMetric(0.87654)).toBe('0.877');
    expect(formatMetric(null)).toBe('—');
    expect(formatEce(0.0841, 0.031)).toBe('0.084 → 0.031');
    expect(formatEce(null, null)).toBe('—');
  }, 5_000);

  it('names the strategy that chose, and the configured one when it fell back', () => {
    expect(usedStrategyText({ strategy: 'margin', usedStrategy: 'margin' })).toBe('Margin');
    expect(usedStrategyText({ strategy: 'margin', usedStrategy: null })).toBe('Margin');
  }, 5_000);
});
