/// <reference types="jest" />
import type { LfRun } from '@arbiter/contracts';
import { laterLfRun } from './get-lfs';

const run = (over: Partial<LfRun>): LfRun => ({
  id: '00000000-0000-4000-8000-000000000001',
  status: 'running',
  chunksTotal: 4,
  chunksDone: 0,
  itemsTotal: 4000,
  itemsDone: 0,
  lfVersions: 2,
  createdAt: '2025-01-01T10:00:00.000Z',
  finishedAt: null,
  error: null,
  ...over,
});

describe('laterLfRun', () => {
  it('takes the incoming run when none is cached', () => {
    const r = run({});
    expect(laterLfRun(null, r)).toBe(r);
  });

  it('moves a running run forward, never back', () => {
    const two = run({ chunksDone: 2 });
    const three = run({ chunksDone: 3 });
    expect(laterLfRun(two, three)).toBe(three);
    expect(laterLfRun(three, two)).toBe(three);
  });

  it('keeps a finished run finished when a late progress event arrives', () => {
    const done = run({ status: 'completed', chunksDone: 4, finishedAt: '2025-01-01T10:00:05.000Z' });
    expect(laterLfRun(done, run({ chunksDone: 3 }))).toBe(done);
    expect(laterLfRun(run({ chunksDone: 3 }), done)).toBe(done);
  });

  it('prefers the newer of two runs', () => {
    const old = run({ status: 'completed', chunksDone: 4 });
    const next = run({ id: '00000000-0000-4000-8000-000000000002', createdAt: '2025-01-01T10:01:00.000Z' });
    expect(laterLfRun(old, next)).toBe(next);
    expect(laterLfRun(next, old)).toBe(next);
  });
});
