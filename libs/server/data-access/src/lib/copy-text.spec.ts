import { copyField, copyRow, numberArray } from './copy-text';

describe('COPY text encoding', () => {
  it.each([
    ['plain', 'plain'],
    ['tab\there', 'tab\\there'],
    ['line1\nline2\r\n', 'line1\\nline2\\r\\n'],
    ['back\\slash', 'back\\\\slash'],
    ['\\N', '\\\\N'],
  ])('escapes %j', (input, expected) => {
    expect(copyField(input)).toBe(expected);
  });

  it('writes null as \\N and arrays as literals', () => {
    expect(copyRow([null, 'a', numberArray([1, 2]), numberArray(null)])).toBe('\\N\ta\t{1,2}\t\\N\n');
  });
});
