/// <reference types="jest" />
import type { Replay } from '@arbiter/contracts';
import { laterReplay } from './get-replay';

const replay = (over: Partial<Replay>): Replay => ({
  id: '00000000-0000-4000-8000-000000000001',
  status: 'running',
  request: { strategies: ['random', 'margin'], seeds: 3, initial: 16, batch: 50, budget: 500 },
  runsDone: 0,
  runsTotal: 6,
  results: [],
  labelsToReach: {},
  error: null,
  createdAt: '2025-01-01T10:00:00.000Z',
  ...over,
});

describe('laterReplay', () => {
  it('takes the first copy, and another replay as it comes', () => {
    const r = replay({});
    expect(laterReplay(undefined, r)).toBe(r);
    const other = replay({ id: '00000000-0000-4000-8000-000000000002' });
    expect(laterReplay(r, other)).toBe(other);
  }, 5_000);

  it('moves runs done forward, never back, and never reopens a finished replay', () => {
    const two = replay({ runsDone: 2 });
    const four = replay({ runsDone: 4 });
    const done = replay({ status: 'done', runsDone: 6 });
    expect(laterReplay(two, four)).toBe(four);
    expect(laterReplay(four, two)).toBe(four);
    expect(laterReplay(done, four)).toBe(done);
    expect(laterReplay(four, done)).toBe(done);
  }, 5_000);
});
