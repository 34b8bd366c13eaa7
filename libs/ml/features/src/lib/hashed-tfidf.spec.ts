import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signedMurmurHash3 } from '@arbiter/util/hash';
import type { CsrMatrix } from './csr-matrix';
import { FEATURE_CONFIG, featureConfig } from './feature-config';
import { fitHashedTfidf, hashedTfidf } from './hashed-tfidf';
import { IdfAccumulator } from './idf';
import { FEATURE_BUCKETS } from './ngram-hasher';

function rowMap(matrix: CsrMatrix, i: number): Map<number, number> {
  const out = new Map<number, number>();
  for (let k = matrix.indptr[i]; k < matrix.indptr[i + 1]; k++) out.set(matrix.indices[k], matrix.data[k]);
  return out;
}

const bucket = (gram: string): number => Math.abs(signedMurmurHash3(gram, 0)) % FEATURE_BUCKETS;

describe('hashedTfidf: worked example', () => {
  // Corpus (n = 3): d1 "cat sat", d2 "cat cat dog", d3 "dog ran". N-grams and counts:
  //   d1: cat 1, sat 1, "cat sat" 1         d2: cat 2, dog 1, "cat cat" 1, "cat dog" 1     d3: dog 1, ran 1, "dog ran" 1
  // df: cat 2, dog 2, every other n-gram 1. (Their 10 distinct buckets do not collide, checked below.)
  // idf = ln((1 + n) / (1 + df)) + 1:  df 2 → ln(4/3) + 1 = 1.2876820724517808;  df 1 → ln(2) + 1 = 1.6931471805599454
  // tf = 1 + ln(count): count 1 → 1;  count 2 (cat in d2) → 1 + ln 2 = 1.6931471805599454
  // d1 = [cat 1.2876820724517808, sat 1.6931471805599454, "cat sat" 1.6931471805599454]
  //   Σ squares = 1.6581251197137132 + 2 · 2.8667473750380923 = 7.391619869789898, norm = 2.7187533668558275
  //   → cat 0.4736296010332684, sat 0.6227660078332259, "cat sat" 0.6227660078332259
  // d2 = [cat 1.6931471805599454 · 1.2876820724517808 = 2.1802353263..., dog 1.2876820724517808,
  //       "cat cat" 1.6931471805599454, "cat dog" 1.6931471805599454]
  //   Σ squares = 4.75342583442401 + 1.6581251197137132 + 2 · 2.8667473750380923 = 12.145045704213906,
  //   norm = 3.484974275975923 → cat 0.6256101473858865, dog 0.36949543109358585, bigrams 0.48584208848594757 each
  // d3 mirrors d1 (dog for cat). scikit-learn 1.2.1 prints the same ten numbers for this corpus.
  const expected: Array<Record<string, number>> = [
    { cat: 0.4736296010332684, sat: 0.6227660078332259, 'cat sat': 0.6227660078332259 },
    { cat: 0.6256101473858865, dog: 0.36949543109358585, 'cat cat': 0.48584208848594757, 'cat dog': 0.48584208848594757 },
    { dog: 0.4736296010332684, ran: 0.6227660078332259, 'dog ran': 0.6227660078332259 },
  ];

  it('has no bucket collision among the example’s n-grams', () => {
    const grams = new Set(expected.flatMap((r) => Object.keys(r)));
    expect(new Set([...grams].map(bucket)).size).toBe(grams.size);
  }, 5_000);

  it('gives the hand-worked values to 1e-6', () => {
    const { matrix, idf } = fitHashedTfidf(['cat sat', 'cat cat dog', 'dog ran']);
    expect(idf.documents).toBe(3);
    expected.forEach((row, i) => {
      const actual = rowMap(matrix, i);
      expect(actual.size).toBe(Object.keys(row).length);
      for (const [gram, value] of Object.entries(row)) expect(Math.abs((actual.get(bucket(gram)) ?? NaN) - value)).toBeLessThan(1e-6);
    });
  }, 5_000);

  it('weighs a bucket the pool never saw with the largest idf, ln(1 + n) + 1', () => {
    // Pool {"cat sat"}: n = 1; "cat" has df 1 → idf ln(2/2) + 1 = 1; "dog" unseen → ln 2 + 1 = 1.6931471805599454.
    // Row "cat dog" = [1, 1.6931..., 1.6931... ("cat dog" unseen too)], norm sqrt(1 + 2 · 2.8667473750380923).
    const { idf } = fitHashedTfidf(['cat sat']);
    const row = rowMap(hashedTfidf({ texts: ['cat dog'], idf }), 0);
    const norm = Math.sqrt(1 + 2 * 2.8667473750380923);
    expect(row.get(bucket('cat'))).toBeCloseTo(1 / norm, 6);
    expect(row.get(bucket('dog'))).toBeCloseTo(1.6931471805599454 / norm, 6);
  }, 5_000);
});

describe('hashedTfidf against scikit-learn', () => {
  const fixture = JSON.parse(readFileSync(join(__dirname, '../../fixtures/tfidf.sklearn.json'), 'utf8')) as {
    tolerance: number;
    rows: Array<{ text: string; buckets: number[]; values: number[] }>;
  };

  it.each(fixture.rows.map((r, i) => ({ ...r, i })))('matches sklearn’s row $i ($text)', (r) => {
    const { matrix } = fitHashedTfidf(fixture.rows.map((f) => f.text));
    const start = matrix.indptr[r.i];
    const end = matrix.indptr[r.i + 1];
    expect(Array.from(matrix.indices.subarray(start, end))).toEqual(r.buckets);
    r.values.forEach((v, k) => expect(Math.abs(matrix.data[start + k] - v)).toBeLessThan(fixture.tolerance));
  }, 5_000);
});

describe('hashedTfidf properties', () => {
  const texts = [
    'Storms flood the coast again',
    'Markets rally as tech stocks rise',
    '!!!',
    'a',
    'Coast guard rescues sailors; the storms ease',
    'tech tech tech stocks',
  ];

  it('L2-normalises every non-empty row and leaves rows without tokens empty', () => {
    const { matrix } = fitHashedTfidf(texts);
    for (let r = 0; r < matrix.rows; r++) {
      let squares = 0;
      for (let k = matrix.indptr[r]; k < matrix.indptr[r + 1]; k++) squares += matrix.data[k] ** 2;
      if (r === 2 || r === 3) expect(matrix.indptr[r + 1] - matrix.indptr[r]).toBe(0);
      else expect(Math.sqrt(squares)).toBeCloseTo(1, 6);
    }
  }, 5_000);

  it('accumulates the same idf chunk by chunk as in one shot, from texts or from counts', () => {
    const chunked = new IdfAccumulator();
    chunked.add(texts.slice(0, 2));
    chunked.add([]);
    chunked.add(texts.slice(2, 5));
    chunked.add(texts.slice(5));
    const chunkedIdf = chunked.finish();
    const { idf, matrix } = fitHashedTfidf(texts);
    expect(chunkedIdf).toEqual(idf);
    expect(JSON.parse(JSON.stringify(chunkedIdf))).toEqual(idf);
    const streamed = [hashedTfidf({ texts: texts.slice(0, 3), idf }), hashedTfidf({ texts: texts.slice(3), idf })];
    expect(Array.from(streamed[0].data).concat(Array.from(streamed[1].data))).toEqual(Array.from(matrix.data));
  }, 5_000);

  it('describes itself so a stored model can say how its features were built', () => {
    const { idf } = fitHashedTfidf(texts);
    expect(featureConfig(idf)).toMatchObject({
      kind: 'hashed-tfidf', buckets: 262144, ngrams: [1, 2], hash: 'murmur3_32', sublinearTf: true, norm: 'l2', idf,
    });
    expect(FEATURE_CONFIG.tokenPattern).toBe('[\\p{L}\\p{N}_]{2,}');
  }, 5_000);
});
