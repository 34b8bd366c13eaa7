/// <reference types="jest" />
import type { Lf, LfDefinitionDto, LfRun } from '@arbiter/contracts';
import { definitionSummary, formatCount, formatFraction, lfStatus, polarityText, runText } from './lf-format';

const LABELS = [{ name: 'ham' }, { name: 'spam' }];

describe('formatFraction', () => {
  it.each([
    [0.25, '25.0%'],
    [75 / 300, '25.0%'],
    [2 / 3, '66.7%'],
    [0.0004, '0.0%'],
    [1, '100.0%'],
    [null, '—'],
    [Number.NaN, '—'],
  ])('%p → %s', (x, text) => {
    expect(formatFraction(x)).toBe(text);
  });
});

describe('labels and counts', () => {
  it('names the polarity, and says when there is none', () => {
    expect(polarityText([1], LABELS)).toBe('spam');
    expect(polarityText([0, 1], LABELS)).toBe('ham, spam');
    expect(polarityText([], LABELS)).toBe('—');
    expect(polarityText([5], LABELS)).toBe('label 5');
  });

  it('separates thousands', () => {
    expect(formatCount(12345)).toBe('12,345');
    expect(formatCount(null)).toBe('—');
  });
});

describe('definitionSummary', () => {
  it.each<[LfDefinitionDto, string]>([
    [{ kind: 'keyword', keywords: ['free', 'win'], match: 'word', label: 1 }, 'word "free" or "win" → spam'],
    [{ kind: 'keyword', keywords: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], match: 'substring', label: 0 }, 'contains "a" or "b" or "c" or "d" or "e" (+2) → ham'],
    [{ kind: 'regex', pattern: 'check\\s+out', flags: 'i', label: 1 }, '/check\\s+out/i → spam'],
    [{ kind: 'threshold', field: 'likes', op: '>=', value: 10, label: 0 }, 'metadata.likes >= 10 → ham'],
    [{ kind: 'word-count', op: '<', value: 3, label: 0 }, 'word count < 3 → ham'],
    [{ kind: 'code', source: '// a comment\n\n  (item) => ABSTAIN\n' }, '(item) => ABSTAIN'],
    [{ kind: 'model', modelVersion: 4, minConfidence: 0.9 }, 'model v4 at ≥ 90% → its label'],
    [{ kind: 'model', modelVersion: 2, minConfidence: 0.75, label: 1 }, 'model v2 at ≥ 75% → spam'],
  ])('%j', (def, text) => {
    expect(definitionSummary(def, LABELS)).toBe(text);
  });
});

describe('lfStatus', () => {
  const version = { id: 'v', version: 1, kind: 'code' as const, definition: { kind: 'code' as const, source: 'x' }, author: { userId: null, name: 'A' }, createdAt: '' };
  const stats = { polarity: [1], coverage: 0.1, overlaps: 0, conflicts: 0, labeled: 10, correct: null, incorrect: null, empiricalAccuracy: null, learnedAccuracy: 0.8 };
  const lf = (over: Partial<Pick<Lf, 'enabled' | 'pending' | 'stats'>>, error: Lf['current']['error'] = null) => ({
    current: { ...version, error },
    enabled: true,
    pending: false,
    stats,
    ...over,
  });

  it.each([
    ['an error, with its item', lf({ pending: true }, { message: 'voted 7, but the project has only labels 0..1', itemId: '42' }), 'error', 'error: voted 7, but the project has only labels 0..1 (item 42)'],
    ['an error naming its item', lf({}, { message: 'timed out after 50 ms on item 42', itemId: '42' }), 'error', 'error: timed out after 50 ms on item 42'],
    ['an error at load', lf({}, { message: 'timed out', itemId: null }), 'error', 'error: timed out'],
    ['votes being computed', lf({ pending: true }), 'pending', 'pending'],
    ['a disabled LF', lf({ enabled: false }), 'disabled', 'disabled'],
    ['no fit yet', lf({ stats: null }), 'waiting', 'awaiting fit'],
    ['a fitted LF', lf({}), 'ok', 'ok'],
  ])('%s', (_name, input, kind, text) => {
    expect(lfStatus(input)).toMatchObject({ kind, text });
  });
});

describe('runText', () => {
  const run: LfRun = {
    id: 'r',
    status: 'running',
    chunksTotal: 4,
    chunksDone: 1,
    itemsTotal: 12000,
    itemsDone: 3000,
    lfVersions: 2,
    createdAt: '',
    finishedAt: null,
    error: null,
  };

  it('says how far a run is', () => {
    expect(runText(run)).toBe('Applying 2 LF versions: 3,000 of 12,000 items (1/4 chunks)');
  });

  it('says what the last run did, or why it failed', () => {
    expect(runText({ ...run, status: 'completed', lfVersions: 1 })).toBe('Last run applied 1 LF version to 12,000 items');
    expect(runText({ ...run, status: 'failed', error: 'worker lost' })).toBe('The last run failed: worker lost');
  });
});
