import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signedMurmurHash3 } from '@arbiter/util/hash';
import { hashedCounts } from './hashed-tfidf';
import { FEATURE_BUCKETS } from './ngram-hasher';
import { tokenize, wordNgrams } from './tokenize';

interface CountsFixture {
  source: string;
  rows: Array<{ text: string; ngrams: string[]; buckets: number[]; counts: number[] }>;
}

const fixture = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/hashed-counts.sklearn.json'), 'utf8'),
) as CountsFixture;

function row(matrix: ReturnType<typeof hashedCounts>, i: number): { buckets: number[]; counts: number[] } {
  const start = matrix.indptr[i];
  const end = matrix.indptr[i + 1];
  return { buckets: Array.from(matrix.indices.subarray(start, end)), counts: Array.from(matrix.data.subarray(start, end)) };
}

describe('hashedCounts', () => {
  // Stable across runs and machines: these buckets were computed once by scikit-learn and frozen.
  it.each(fixture.rows.map((r, i) => ({ ...r, i })))('matches the frozen sklearn buckets and counts of row $i', (r) => {
    const matrix = hashedCounts(fixture.rows.map((f) => f.text));
    expect(row(matrix, r.i)).toEqual({ buckets: r.buckets, counts: r.counts });
  }, 5_000);

  it.each(fixture.rows.map((r, i) => ({ ...r, i })))('produces sklearn’s analyzer n-grams for row $i', (r) => {
    expect(wordNgrams(tokenize(r.text)).sort()).toEqual([...r.ngrams].sort());
  }, 5_000);

  it('agrees with tokenize → wordNgrams → |signed murmur3| mod 2^18 on varied texts', () => {
    const texts = [
      ...fixture.rows.map((f) => f.text),
      'a b c',
      '',
      `${'long'.repeat(400)} word ${'é'.repeat(700)} tail`,
      'x 😀😀 𝐁𝐨𝐥𝐝 𝐁𝐨𝐥𝐝 ok ok ok',
    ];
    const matrix = hashedCounts(texts);
    texts.forEach((text, i) => {
      const expected = new Map<number, number>();
      for (const gram of wordNgrams(tokenize(text))) {
        const bucket = Math.abs(signedMurmurHash3(gram, 0)) % FEATURE_BUCKETS;
        expected.set(bucket, (expected.get(bucket) ?? 0) + 1);
      }
      const buckets = [...expected.keys()].sort((a, b) => a - b);
      expect(row(matrix, i)).toEqual({ buckets, counts: buckets.map((b) => expected.get(b)) });
    });
  }, 10_000);

  it('returns indices strictly ascending within every row and an empty row for a text without tokens', () => {
    const matrix = hashedCounts(['zeta alpha zeta beta', '...', 'one two three four five six']);
    expect(matrix.indptr[2] - matrix.indptr[1]).toBe(0);
    for (let r = 0; r < matrix.rows; r++) {
      for (let k = matrix.indptr[r] + 1; k < matrix.indptr[r + 1]; k++) {
        expect(matrix.indices[k]).toBeGreaterThan(matrix.indices[k - 1]);
      }
    }
  }, 5_000);
});
