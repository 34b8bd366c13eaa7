/// <reference types="jest" />
import { parseCount, parseOptionalPercent, parsePercent, percentText } from './percent';

describe('parsePercent', () => {
  it.each([
    ['100', 1],
    ['10', 0.1],
    ['12.5', 0.125],
    [' 33.3 % ', 0.333],
    ['0', 0],
  ])('%j → %d', (text, fraction) => {
    expect(parsePercent(text)).toBe(fraction);
  });

  it.each(['', '  ', 'ten', '1e999'])('%j is not a number', (text) => {
    expect(parsePercent(text)).toBeNaN();
  });
});

describe('percentText', () => {
  it.each([
    [1, '100'],
    [0.125, '12.5'],
    [0.7, '70'],
    [0.333, '33.3'],
  ])('%d → %s', (fraction, text) => {
    expect(percentText(fraction)).toBe(text);
    expect(parsePercent(text)).toBe(fraction);
  });
});

describe('parseOptionalPercent', () => {
  it.each([
    ['', null],
    ['  ', null],
    ['60', 0.6],
    ['abc', Number.NaN],
  ])('%j → %p', (text, value) => {
    expect(parseOptionalPercent(text)).toBe(value);
  });
});

describe('parseCount', () => {
  it.each([
    ['5', 5],
    [' 12 ', 12],
    ['2.5', 2.5],
    ['', Number.NaN],
    ['five', Number.NaN],
  ])('%j → %p', (text, value) => {
    expect(parseCount(text)).toBe(value);
  });
});
