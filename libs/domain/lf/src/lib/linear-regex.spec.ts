// Regex LFs on the linear-time engine: the same answers as JavaScript's RegExp (the reference, run here in the
// test only) on the YouTube Spam Collection and on texts chosen for their edges; the few documented
// differences pinned; what RE2 cannot run refused naming the pattern; and a catastrophic pattern answered.
import { compileLinearRegex, LfDefinitionError } from '../index';
import { loadYoutubeData, SPLITS } from './youtube-spam.testing';

const youtube = SPLITS.flatMap((split) => loadYoutubeData().splits[split].map((row) => row.text));
const EDGES = [
  '', 'a', 'A', 'check\nout', 'check\r\nout', 'check\u2028out', 'tab\there', 'nbsp\u00a0x', 'bom\ufeff', 'zero\u200bwidth',
  'x\u000by', 'Straße', 'STRASSE', 'ǅ', 'σς Σ', 'ÉCOUTE', 'naïve café', '😀 grin', 'a😀b', 'Ωmega', '\u0000nul',
  '{1,2}', 'a{,2}', 'x]y', 'c:\\path', '\\c', 'price $5.00', '^caret', 'a/b', 'under_score', 'Ω', '١٢٣', 'x-y', '\b',
  'uuu', 'u{2}', 'ABCabc123', 'ends with newline\n', '\nstarts with newline', 'multi\nline\ntext', 'dash – en', 'unit\u001fsep', 'x4', 'aeq',
];
const TEXTS = [...youtube, ...EDGES];

// Patterns an engineer writes, and the syntax corners of JavaScript's grammar (Annex B included without `u`).
const PATTERNS: [string, string][] = [
  ['check.*out', 'i'], ['check.*out', ''], ['check.*out', 's'], ['https?://\\S+', 'i'], ['\\bsub(scribe)?\\b', 'i'],
  ['^\\s*$', ''], ['^[A-Z\\s!]+$', ''], ['\\d{3,}', ''], ['(?:plz|please)\\W', 'i'], ['[^\\x00-\\x7F]', ''],
  ['^.{0,20}$', 'u'], ['\\.com\\b', 'i'], ['(wow|omg)+!*', 'i'], ['^\\p{Lu}+$', 'u'],
  ['\\p{Script=Greek}', 'u'], ['\\p{L}\\p{M}*', 'u'], ['\\P{Letter}{3}', 'u'], ['[\\p{Nd}-]', 'u'], ['\\u{1F600}', 'u'],
  ['\\uD83D\\uDE00', ''], ['\\u00e9|\\xE9', 'i'], ['[\\s\\S]{5}', ''], ['[^\\s]+\\s[^\\S]', ''], ['\\s', ''], ['\\S\\s\\S', ''],
  ['[\\w-]+@', ''], ['[\\d-z]', ''], ['[a-\\d]', ''], ['[-a]', ''], ['[a-]', ''], ['[]', ''], ['[^]', ''], ['[\\b]', ''],
  ['\\cJ', ''], ['\\c', ''], ['[\\c_]', ''], ['a{,2}', ''], ['x]y', ''], ['{', ''], ['}', ''], ['\\u{2}', ''],
  ['\\x4', ''], ['\\0', ''], ['\\/', ''], ['a/b', ''], ['\\-', ''], ['\\a\\e\\q', ''], ['a\\k', ''], ['(?<word>\\w+) (?<other>\\d)', ''],
  ['(?<w>ab)+', 'u'], ['^multi$', 'm'], ['^line$', 'm'], ['text$', ''], ['newline$', ''], ['a*?b+?c??', ''],
  ['x{2}?', ''], ['(a|)b', ''], ['()', ''], ['a|b|', 'i'], ['^(a+)+$', ''], ['\\$\\d+\\.\\d{2}', ''], ['[.]', ''],
  ['\\^caret', ''], ['[\\^]', ''], ['[\\]]', ''], ['[\\-]', 'u'], ['ß', 'i'], ['STRASSE', 'i'], ['σ', 'i'], ['Σ', 'iu'],
  ['ǆ', 'i'], ['É', 'i'], ['[É-Ê]', 'i'], ['[^a-z]', 'i'], ['\\W', 'i'], ['.', 's'], ['.', ''], ['^.$', 'u'], ['\\t', ''],
  ['[\\t-\\r]', ''], ['\\v', ''], ['\\f|\\n', ''], ['[\\u2028]', ''], ['check.out', ''], ['check.out', 's'],
];

describe('regex LFs on the linear-time engine answer as JavaScript does', () => {
  it.each(PATTERNS)('/%s/%s on %#', (pattern, flags) => {
    const ours = compileLinearRegex(pattern, flags);
    const reference = new RegExp(pattern, flags);
    const differing = TEXTS.filter((text) => ours.test(text) !== reference.test(text));
    expect(differing).toEqual([]);
    // Not a vacuous comparison: the texts hold matches and non-matches for most patterns.
  });

  it('the comparison covers both answers for nearly every pattern', () => {
    const oneSided = PATTERNS.filter(([p, f]) => new Set(TEXTS.map((t) => new RegExp(p, f).test(t))).size < 2);
    expect(oneSided.map(([p, f]) => `/${p}/${f}`)).toEqual(['/[]/', '/()/', '/a|b|/i']);
  });
});

describe('documented differences from JavaScript', () => {
  it.each([
    // With `m`, lines end at \n only: JavaScript also ends them at \r, U+2028 and U+2029.
    { pattern: 'check$', flags: 'm', text: 'check\r\nout', ours: false, js: true },
    { pattern: '^out', flags: 'm', text: 'check\u2028out', ours: false, js: true },
    // Case folding is Unicode's even without `u`: s also matches ſ (U+017F), k the Kelvin sign (U+212A).
    { pattern: 's', flags: 'i', text: 'ſ', ours: true, js: false },
    { pattern: 'k', flags: 'i', text: '\u212a', ours: true, js: false },
    // A character is a code point even without `u`: `.` takes a whole emoji.
    { pattern: '^.$', flags: '', text: '😀', ours: true, js: false },
  ])('/$pattern/$flags on $text', ({ pattern, flags, text, ours, js }) => {
    expect([compileLinearRegex(pattern, flags).test(text), new RegExp(pattern, flags).test(text)]).toEqual([ours, js]);
  });
});

describe('patterns the engine cannot run, or JavaScript would reject, name the pattern or flags', () => {
  const rejected = (pattern: string, flags = '') => {
    try {
      compileLinearRegex(pattern, flags);
    } catch (error) {
      expect(error).toBeInstanceOf(LfDefinitionError);
      return { path: (error as LfDefinitionError).path, message: (error as LfDefinitionError).message };
    }
    throw new Error(`/${pattern}/${flags} was accepted`);
  };
  const unsupported = (what: string) => `pattern uses ${what}, which the linear-time regex engine (RE2) does not support`;

  it.each([
    ['(a+)\\1', '', unsupported('a backreference \\1 at position 5')],
    ['(?<x>a)\\k<x>', '', unsupported('a backreference \\k at position 8')],
    ['\\k<x>', 'u', unsupported('a backreference \\k at position 1')],
    ['foo(?=bar)', '', unsupported('a lookahead (?=…) at position 4')],
    ['(?!spam)', 'i', unsupported('a lookahead (?!…) at position 1')],
    ['(?<=\\$)\\d+', '', unsupported('a lookbehind (?<=…) at position 1')],
    ['(?<!no )way', '', unsupported('a lookbehind (?<!…) at position 1')],
    ['a{1001}', '', unsupported('a repeat count above 1000 ({1001})')],
    ['\\01', '', unsupported('an octal escape at position 1 (write \\x01 instead)')],
    ['\\p{Script_Extensions=Latin}', 'u', unsupported('the property \\p{Script_Extensions=Latin}')],
    ['(a{100}){100}', '', 'pattern is not supported by the linear-time regex engine (RE2): nested repeat counts multiply to more than 1000'],
    ['\\p{Nope}', 'u', 'pattern is not supported by the linear-time regex engine (RE2): an unknown Unicode property'],
  ])('/%s/%s', (pattern, flags, message) => {
    expect(rejected(pattern, flags)).toEqual({ path: 'pattern', message });
  });

  it.each([
    ['a(', ''], ['a)', ''], ['[a', ''], ['*a', ''], ['a**', ''], ['a{2,1}', ''], ['^*', ''], ['\\b+', ''], ['[z-a]', ''],
    ['(?<1>a)', ''], ['(?<a>x)(?<a>y)', ''], ['(?i:a)', ''], ['\\', ''], ['{1}', ''], ['\\-', 'u'], ['\\a', 'u'], ['{', 'u'],
    [']', 'u'], ['\\u{110000}', 'u'], ['[\\d-z]', 'u'], ['\\c1', 'u'], ['\\p{L', 'u'],
  ])('JavaScript rejects /%s/%s, and so do we', (pattern, flags) => {
    expect(() => new RegExp(pattern, flags)).toThrow(SyntaxError);
    expect(rejected(pattern, flags)).toMatchObject({ path: 'pattern', message: expect.stringMatching(/^pattern is not a valid regular expression: /) });
  });

  it.each([
    ['v', 'flag "v" (set notation) is not supported by the linear-time regex engine; use "u"'],
    ['g', 'flag "g" is not allowed; use any of "imsu"'],
    ['ii', 'flag "i" is repeated'],
  ])('flags %s', (flags, message) => {
    expect(rejected('a', flags)).toEqual({ path: 'flags', message });
  });
});

describe('a catastrophic pattern for backtracking engines', () => {
  // ^(a+)+$ on a run of a's followed by "!" takes a backtracking engine 2^n steps: this is what froze the API.
  it('answers ^(a+)+$ on 50,000 a\'s with and without a trailing "!"', () => {
    const lf = compileLinearRegex('^(a+)+$');
    expect([lf.test(`${'a'.repeat(50_000)}!`), lf.test('a'.repeat(50_000))]).toEqual([false, true]);
  }, 30_000);
});
