/// <reference types="jest" />
import { labelHotkeys } from './label-hotkeys';

describe('labelHotkeys', () => {
  it.each([
    ['numbers for labels without a hotkey', [{}, {}, {}], ['1', '2', '3']],
    ['a label hotkey replaces its number', [{ hotkey: 'h' }, {}], ['h', '2']],
    ['a number taken explicitly is not given to another label', [{}, { hotkey: '1' }], [null, '1']],
    ['action keys are never label keys', [{ hotkey: 's' }, { hotkey: 'u' }, {}], [null, null, '3']],
  ])('%s', (_name, labels, expected) => {
    expect(labelHotkeys(labels)).toEqual(expected);
  });

  it('stops numbering after nine labels', () => {
    const keys = labelHotkeys(Array.from({ length: 11 }, () => ({})));
    expect(keys.slice(8)).toEqual(['9', null, null]);
  });
});
