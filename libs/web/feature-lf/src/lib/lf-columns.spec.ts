/// <reference types="jest" />
import type { Lf, LfStats } from '@arbiter/contracts';
import { firstDirection, sortLfs } from './lf-columns';

const stats = (over: Partial<LfStats>): LfStats => ({
  polarity: [1],
  coverage: 0.1,
  overlaps: 0,
  conflicts: 0,
  labeled: 0,
  correct: null,
  incorrect: null,
  empiricalAccuracy: null,
  learnedAccuracy: null,
  ...over,
});

const lf = (name: string, s: LfStats | null, kind: Lf['current']['kind'] = 'code'): Lf => ({
  id: `00000000-0000-4000-8000-00000000000${name.length}`,
  name,
  description: '',
  enabled: true,
  createdAt: '',
  current: {
    id: name,
    version: 1,
    kind,
    definition: kind === 'code' ? { kind, source: 'x' } : { kind: 'word-count', op: '<', value: 3, label: 0 },
    author: { userId: null, name: 'A' },
    createdAt: '',
    error: null,
  },
  stats: s,
  pending: false,
});

const LFS = [
  lf('links', stats({ coverage: 0.25, empiricalAccuracy: 0.9 })),
  lf('short', stats({ coverage: 0.35, empiricalAccuracy: null }), 'word-count'),
  lf('new one', null),
  lf('channel', stats({ coverage: 0.25, empiricalAccuracy: 1 })),
];
const names = (lfs: Lf[]) => lfs.map((l) => l.name);

describe('sortLfs', () => {
  it('sorts a figure with LFs lacking it last, ties by name', () => {
    expect(names(sortLfs(LFS, { key: 'coverage', direction: 'descending' }))).toEqual(['short', 'channel', 'links', 'new one']);
    expect(names(sortLfs(LFS, { key: 'coverage', direction: 'ascending' }))).toEqual(['channel', 'links', 'short', 'new one']);
    expect(names(sortLfs(LFS, { key: 'empiricalAccuracy', direction: 'ascending' }))).toEqual(['links', 'channel', 'new one', 'short']);
  });

  it('sorts by name and by kind', () => {
    expect(names(sortLfs(LFS, { key: 'name', direction: 'ascending' }))).toEqual(['channel', 'links', 'new one', 'short']);
    expect(names(sortLfs(LFS, { key: 'kind', direction: 'descending' }))).toEqual(['short', 'channel', 'links', 'new one']);
  });

  it('sorts figures largest first on the first click, text A to Z', () => {
    expect(firstDirection('learnedAccuracy')).toBe('descending');
    expect(firstDirection('name')).toBe('ascending');
  });
});
