import { tokenize, wordNgrams } from './tokenize';

// Expected tokens are Python's re.findall(r"(?u)\b\w\w+\b", text.lower()) (scikit-learn's default
// token_pattern, Python 3.11), run on each text below.
const CASES: Array<[string, string, string[]]> = [
  ['punctuation splits and apostrophes drop the single-letter tail', "Hello, World! It's a dog-eat-dog world...",
    ['hello', 'world', 'it', 'dog', 'eat', 'dog', 'world']],
  ['single-character tokens are dropped', 'I am a b c x y z ok', ['am', 'ok']],
  ['precomposed accented letters and Greek/German letters are word characters',
    'Réunion à Zürich: naïve café — ΟΔΟΣ Straße', ['réunion', 'zürich', 'naïve', 'café', 'οδος', 'straße']],
  ['numbers are kept; dots and dashes split them', 'Call 911 or 1-800-555 in 2024; v2.0 costs $3.50',
    ['call', '911', 'or', '800', '555', 'in', '2024', 'v2', 'costs', '50']],
  ['U+FEFF and U+200B are not word characters', '\ufeffbom\ufeffstart word\u200bjoiner',
    ['bom', 'start', 'word', 'joiner']],
  ['underscore is a word character', 'snake_case __init__ e-mail', ['snake_case', '__init__', 'mail']],
  ['CJK runs are one token each', '数据 标注 日本語テキスト', ['数据', '标注', '日本語テキスト']],
  ['a combining mark (decomposed é) is not a word character, as in Python', 'cafe\u0301 ok', ['cafe', 'ok']],
  ['İ lower-cases to i + U+0307, which splits the word', 'İstanbul', ['stanbul']],
  ['astral letters count, emoji do not', 'emoji😀between 𝐁𝐨𝐥𝐝 text', ['emoji', 'between', '𝐁𝐨𝐥𝐝', 'text']],
  ['other numerics (superscript two) are word characters', 'x²y ½ Ⅻ', ['x²y']],
  ['an empty text has no tokens', '', []],
  ['punctuation alone has no tokens', '   ... !!! ', []],
];

describe('tokenize', () => {
  it.each(CASES)('%s', (_name, text, expected) => {
    expect(tokenize(text)).toEqual(expected);
  }, 5_000);
});

describe('wordNgrams', () => {
  // sklearn: HashingVectorizer(ngram_range=(1, 2)).build_analyzer()("I am a big dog, a big one")
  it('forms bigrams from consecutive kept tokens, skipping dropped single characters', () => {
    expect(wordNgrams(tokenize('I am a big dog, a big one'))).toEqual(
      ['am', 'big', 'dog', 'big', 'one', 'am big', 'big dog', 'dog big', 'big one'],
    );
  }, 5_000);
});
