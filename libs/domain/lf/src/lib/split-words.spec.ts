import { countWords, isPythonSpace, splitWords } from './split-words';

// Python 3.11: [hex(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()] — 29 code points, all in the BMP.
const PYTHON_ISSPACE = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x1c, 0x1d, 0x1e, 0x1f, 0x20, 0x85, 0xa0, 0x1680, 0x2000, 0x2001, 0x2002, 0x2003,
  0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x2028, 0x2029, 0x202f, 0x205f, 0x3000,
];

const BMP = Array.from({ length: 0x10000 }, (_, code) => code);

describe('Python whitespace', () => {
  it("isPythonSpace accepts exactly the 29 code points of Python's str.isspace()", () => {
    expect(BMP.filter(isPythonSpace)).toEqual(PYTHON_ISSPACE);
  });

  it('splitWords splits on exactly those code points, one at a time or in runs', () => {
    const splitters = BMP.filter((code) => splitWords(`a${String.fromCharCode(code)}b`).length === 2);
    expect(splitters).toEqual(PYTHON_ISSPACE);
  });

  // ECMAScript \s = WhiteSpace + LineTerminator: it adds U+FEFF (which ends many YouTube comments) and lacks
  // the information separators U+001C..U+001F and NEL U+0085.
  it('differs from JavaScript \\s by U+FEFF one way and U+001C..U+001F, U+0085 the other', () => {
    const js = BMP.filter((code) => /\s/.test(String.fromCharCode(code)));
    expect(js.filter((c) => !PYTHON_ISSPACE.includes(c))).toEqual([0xfeff]);
    expect(PYTHON_ISSPACE.filter((c) => !js.includes(c))).toEqual([0x1c, 0x1d, 0x1e, 0x1f, 0x85]);
  });

  it.each([
    { text: '', words: [] },
    { text: ' \t\n ', words: [] },
    { text: '  cool   video! ', words: ['cool', 'video!'] },
    { text: 'great song \uFEFF', words: ['great', 'song', '\uFEFF'] },
    { text: 'song\uFEFF', words: ['song\uFEFF'] },
    { text: 'a\u3000b\u0085c\u001fd', words: ['a', 'b', 'c', 'd'] },
    { text: 'zero\u200bwidth', words: ['zero\u200bwidth'] },
  ])('splitWords($text) = $words, and countWords agrees', ({ text, words }) => {
    expect(splitWords(text)).toEqual(words);
    expect(countWords(text)).toBe(words.length);
  });
});
