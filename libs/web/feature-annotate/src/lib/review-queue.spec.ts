/// <reference types="jest" />
import { cursorAfterDecision, cursorIndex, labelNames, openTotal, reviewKeys, sameLabels, START_CURSOR, stepCursor } from './review-queue';

const ids = ['10', '20', '30', '40'];

describe('cursorIndex', () => {
  it.each([
    ['starts on the first item', ids, START_CURSOR, 0],
    ['follows its item when the queue grows before it', ['5', ...ids], { id: '30', index: 2 }, 3],
    ['shows what took the place of an item that left the queue', ['10', '20', '40'], { id: '30', index: 2 }, 2],
    ['falls back to the last item when the end was removed', ['10', '20'], { id: '40', index: 3 }, 1],
    ['is −1 on an empty queue', [], { id: '30', index: 2 }, -1],
  ])('%s', (_name, list, cursor, index) => {
    expect(cursorIndex(list, cursor)).toBe(index);
  });
});

describe('stepCursor', () => {
  it('moves forward and back', () => {
    expect(stepCursor(ids, { id: '20', index: 1 }, 1)).toEqual({ id: '30', index: 2 });
    expect(stepCursor(ids, { id: '20', index: 1 }, -1)).toEqual({ id: '10', index: 0 });
  });

  it('stops at either end', () => {
    expect(stepCursor(ids, { id: '40', index: 3 }, 1)).toEqual({ id: '40', index: 3 });
    expect(stepCursor(ids, START_CURSOR, -1)).toEqual({ id: '10', index: 0 });
  });
});

describe('cursorAfterDecision', () => {
  it.each([
    ['goes to the next item', '20', { id: '30', index: 1 }],
    ['wraps to the first item skipped earlier after the last one', '40', { id: '10', index: 0 }],
  ])('%s', (_name, decided, cursor) => {
    expect(cursorAfterDecision(ids, decided)).toEqual(cursor);
  });

  it('is empty when the decided item was the last open one', () => {
    expect(cursorAfterDecision(['10'], '10')).toEqual(START_CURSOR);
    expect(cursorIndex([], cursorAfterDecision(['10'], '10'))).toBe(-1);
  });
});

describe('reviewKeys', () => {
  it('offers j/k, the arrows and d when no label takes them', () => {
    expect(reviewKeys(['1', '2'])).toEqual({ next: ['j', 'ArrowDown', 'ArrowRight'], prev: ['k', 'ArrowUp', 'ArrowLeft'], view: 'd' });
  });

  it('leaves a key to the label that has it', () => {
    expect(reviewKeys(['j', 'd', null])).toEqual({ next: ['ArrowDown', 'ArrowRight'], prev: ['k', 'ArrowUp', 'ArrowLeft'], view: '/' });
  });
});

describe('labelNames', () => {
  const labels = [{ name: 'ham' }, { name: 'spam' }];
  it.each([
    [[1], 'spam'],
    [[0, 1], 'ham, spam'],
    [[7], '#7'],
    [[], 'no label'],
  ])('%j → %s', (ids, text) => {
    expect(labelNames(labels, ids)).toBe(text);
  });
});

describe('openTotal', () => {
  it.each([
    ['is the server total when nothing was decided here', 250, ['1', '2'], [], 250],
    ['subtracts items decided here that the loaded pages still hold', 250, ['1', '2', '3'], ['1', '2'], 248],
    ['ignores decisions the server already dropped from its pages and total', 248, ['3'], ['1', '2'], 248],
    ['never shows fewer than the items still on screen', 1, ['1', '2', '3'], ['1'], 2],
  ])('%s', (_name, total, loaded, removed, expected) => {
    expect(openTotal(total, loaded, new Set(removed))).toBe(expected);
  });
});

describe('sameLabels', () => {
  it.each([
    [[1], [1], true],
    [[0, 2], [2, 0], true],
    [[0], [1], false],
    [[0], [0, 1], false],
    [[], [], true],
  ])('%j vs %j → %s', (a, b, same) => {
    expect(sameLabels(a, b)).toBe(same);
  });
});
