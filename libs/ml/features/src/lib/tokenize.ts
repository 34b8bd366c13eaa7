// The word tokenizer of scikit-learn's text vectorizers: lower-case, then every maximal run of at least two word
// characters is a token (sklearn's token_pattern r"(?u)\b\w\w+\b").
//
// Python's Unicode \w is exactly "str.isalnum() or underscore", i.e. general categories L* and N* plus "_".
// Checked over every code point against Python 3.11's re (Unicode 14): [\p{L}\p{N}_] differs only on code points
// that Unicode 14 had not yet assigned. Combining marks (\p{M}) are NOT word characters there, so a decomposed
// "e\u0301" splits a token, as it does in sklearn; U+FEFF (a format character) is not one either.

export const WORD_CHARACTER_CLASS = '[\\p{L}\\p{N}_]';
const TOKEN = new RegExp(`${WORD_CHARACTER_CLASS}{2,}`, 'gu');

/** Tokens of one text, in order: the readable reference the hashed path is tested against. */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(TOKEN) ?? [];
}

/** Unigrams then bigrams (consecutive tokens joined by one space), sklearn's ngram_range=(1, 2) order. */
export function wordNgrams(tokens: readonly string[]): string[] {
  const out = tokens.slice();
  for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]} ${tokens[i + 1]}`);
  return out;
}

// Word-character lookup by code point, filled lazily: 0 unknown, 1 word, 2 not a word character. Testing the
// regular expression once per distinct code point keeps the hot loop free of regex and string allocation.
const WORD = 1;
const NOT_WORD = 2;
const wordTable = new Uint8Array(0x110000);
const SINGLE_WORD_CHARACTER = new RegExp(`^${WORD_CHARACTER_CLASS}$`, 'u');
for (let cp = 0; cp < 128; cp++) wordTable[cp] = SINGLE_WORD_CHARACTER.test(String.fromCharCode(cp)) ? WORD : NOT_WORD;

export function isWordCodePoint(cp: number): boolean {
  let kind = wordTable[cp];
  if (kind === 0) {
    kind = SINGLE_WORD_CHARACTER.test(String.fromCodePoint(cp)) ? WORD : NOT_WORD;
    wordTable[cp] = kind;
  }
  return kind === WORD;
}
