/// <reference types="jest" />
import type { Task } from '@arbiter/contracts';
import { mergeTasks, toggleLabel, topSuggestion } from './task-list';

const task = (id: string, lease = 't0'): Task => ({
  item: { id, externalId: null, text: `item ${id}`, imageUrl: null, metadata: {}, suggestion: null },
  leaseExpiresAt: lease,
});
const ids = (ts: Task[]) => ts.map((t) => t.item.id);

describe('mergeTasks', () => {
  it('keeps the item on screen first and appends the newly claimed one', () => {
    expect(ids(mergeTasks([task('2')], [task('2'), task('3')], new Set()))).toEqual(['2', '3']);
  });

  it('does not bring back an item whose submission is still in flight', () => {
    expect(ids(mergeTasks([], [task('1'), task('2')], new Set(['1'])))).toEqual(['2']);
  });

  it('keeps the local order when the server lists held leases differently', () => {
    expect(ids(mergeTasks([task('9'), task('4')], [task('4'), task('9')], new Set()))).toEqual(['9', '4']);
  });

  it('drops a local item whose lease the server no longer lists', () => {
    expect(ids(mergeTasks([task('1'), task('2')], [task('2'), task('5')], new Set()))).toEqual(['2', '5']);
  });

  it('takes the renewed lease of a known item', () => {
    expect(mergeTasks([task('1', 'old')], [task('1', 'new')], new Set())[0].leaseExpiresAt).toBe('new');
  });
});

describe('topSuggestion', () => {
  it.each([
    [null, null],
    [[], null],
    [[0.2, 0.7, 0.1], { label: 1, probability: 0.7 }],
    [[0.5, 0.5], { label: 0, probability: 0.5 }],
  ])('%j → %j', (input, expected) => {
    expect(topSuggestion(input)).toEqual(expected);
  });
});

describe('toggleLabel', () => {
  it.each([
    [[1], 2, 'single', [2]],
    [[2], 2, 'single', [2]],
    [[3], 1, 'multi', [1, 3]],
    [[1, 3], 3, 'multi', [1]],
  ] as const)('%j + %d (%s) → %j', (selected, label, kind, expected) => {
    expect(toggleLabel(selected, label, kind)).toEqual(expected);
  });
});
