/// <reference types="jest" />
import type { AlRound } from '@arbiter/contracts';
import { isRoundInFlight, laterAlRound, withAlRound } from './get-al-rounds';

const ID = '00000000-0000-4000-8000-000000000001';
const round = (over: Partial<AlRound>): AlRound => ({
  id: ID,
  status: 'scoring',
  trigger: 'manual',
  strategy: 'hybrid',
  usedStrategy: null,
  batchSize: 50,
  modelVersion: 2,
  scored: 0,
  poolSize: 1000,
  selected: 0,
  error: null,
  createdAt: '2025-01-01T10:00:00.000Z',
  finishedAt: null,
  ...over,
});

describe('laterAlRound', () => {
  it('moves scoring progress forward, never back', () => {
    const a = round({ scored: 200 });
    const b = round({ scored: 600 });
    expect(laterAlRound(a, b)).toBe(b);
    expect(laterAlRound(b, a)).toBe(b);
  }, 5_000);

  it('takes a later status even with fewer items scored, and ignores an earlier one', () => {
    const scoring = round({ status: 'scoring', scored: 900 });
    const selecting = round({ status: 'selecting', scored: 0 });
    const training = round({ status: 'training' });
    expect(laterAlRound(scoring, selecting)).toBe(selecting);
    expect(laterAlRound(selecting, scoring)).toBe(selecting);
    expect(laterAlRound(scoring, training)).toBe(scoring);
  }, 5_000);

  it('keeps a finished round finished when a late progress event arrives', () => {
    const done = round({ status: 'done', scored: 1000, selected: 50, finishedAt: '2025-01-01T10:00:09.000Z' });
    const failed = round({ status: 'failed', error: 'boom' });
    expect(laterAlRound(done, round({ scored: 999 }))).toBe(done);
    expect(laterAlRound(failed, round({ status: 'selecting' }))).toBe(failed);
    expect(laterAlRound(round({ scored: 999 }), done)).toBe(done);
  }, 5_000);
});

describe('withAlRound', () => {
  it('leaves an unloaded list alone', () => {
    expect(withAlRound(undefined, round({}))).toBeUndefined();
  }, 5_000);

  it('puts a new round first and replaces a known one in place', () => {
    const old = round({ id: '00000000-0000-4000-8000-000000000000', status: 'done', createdAt: '2025-01-01T09:00:00.000Z' });
    const list = { rounds: [old] };
    const queued = round({ status: 'queued' });
    const added = withAlRound(list, queued);
    expect(added?.rounds.map((r) => r.id)).toEqual([ID, old.id]);
    const advanced = withAlRound(added, round({ scored: 10 }));
    expect(advanced?.rounds.map((r) => [r.id, r.status, r.scored])).toEqual([
      [ID, 'scoring', 10],
      [old.id, 'done', 0],
    ]);
  }, 5_000);

  it('returns the same list when the event changes nothing, so nothing re-renders', () => {
    const list = { rounds: [round({ scored: 500 })] };
    expect(withAlRound(list, round({ scored: 400 }))).toBe(list);
  }, 5_000);
});

describe('isRoundInFlight', () => {
  it.each([
    ['queued', true],
    ['training', true],
    ['scoring', true],
    ['selecting', true],
    ['done', false],
    ['failed', false],
  ] as const)('%s → %s', (status, inFlight) => {
    expect(isRoundInFlight(round({ status }))).toBe(inFlight);
  }, 5_000);

  it('is false without a round', () => {
    expect(isRoundInFlight(null)).toBe(false);
  }, 5_000);
});
