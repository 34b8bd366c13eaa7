/// <reference types="jest" />
import { keywordsText, parseKeywords } from './keywords';

describe('parseKeywords', () => {
  it.each([
    ['free, win ,prize', ['free', 'win', 'prize']],
    ['free\nwin\n\n prize \n', ['free', 'win', 'prize']],
    // One per line: commas belong to the keyword.
    ['hello, world\nsubscribe', ['hello, world', 'subscribe']],
    ['Free, free, FREE, win', ['Free', 'win']],
    [' , ,\n', []],
    ['', []],
  ])('%j', (text, keywords) => {
    expect(parseKeywords(text)).toEqual(keywords);
  });
});

describe('keywordsText', () => {
  it.each([[['free', 'win']], [['hello, world', 'subscribe']], [['single']]])('reads back %j', (keywords) => {
    expect(parseKeywords(keywordsText(keywords))).toEqual(keywords);
  });

  it('uses commas unless a keyword holds one', () => {
    expect(keywordsText(['free', 'win'])).toBe('free, win');
    expect(keywordsText(['a, b', 'c'])).toBe('a, b\nc');
  });
});
