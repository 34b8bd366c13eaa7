// The hot path of feature hashing: one pass over a lower-cased text that writes each token's UTF-8 bytes into a
// reused buffer and hashes unigrams and bigrams straight from it, with no per-token string or object.
import { murmurHash3x86_32Range } from '@arbiter/util/hash';
import { isWordCodePoint } from './tokenize';

export const FEATURE_BUCKETS = 2 ** 18;
const BUCKET_MASK = FEATURE_BUCKETS - 1;
const SPACE = 0x20;

/**
 * sklearn's bucket rule: abs(signed murmur3(utf8(ngram), seed 0)) % n_features. For a power-of-two n_features
 * this is the low 18 bits of |h|; h = -2^31 lands in bucket 0 here as in sklearn (both its old C abs() and its
 * later explicit special case give 0 for 2^18).
 */
function bucketOf(bytes: Uint8Array, start: number, end: number): number {
  const signed = murmurHash3x86_32Range(bytes, start, end, 0) | 0;
  return (signed < 0 ? -signed : signed) & BUCKET_MASK;
}

/**
 * Counts the hashed n-grams of one text at a time. `counts` is a dense per-bucket scratch (1 MiB, reused for every
 * row and cleared sparsely); `touched[0, size)` lists the buckets of the current row, ascending after count().
 */
export class HashedNgramCounter {
  readonly counts = new Int32Array(FEATURE_BUCKETS);
  touched = new Int32Array(256);
  size = 0;
  private bytes = new Uint8Array(1024);

  count(text: string): void {
    for (let i = 0; i < this.size; i++) this.counts[this.touched[i]] = 0;
    this.size = 0;
    this.scan(text.toLowerCase());
    this.touched.subarray(0, this.size).sort();
  }

  private add(bucket: number): void {
    if (this.counts[bucket]++ > 0) return;
    if (this.size === this.touched.length) {
      const grown = new Int32Array(this.size * 2);
      grown.set(this.touched);
      this.touched = grown;
    }
    this.touched[this.size++] = bucket;
  }

  // Buffer layout while scanning: [previous token][space][current token being written]. When a token ends, its
  // unigram is hashed from [tokenStart, end) and the bigram from [0, end); then the token moves to the front.
  private scan(text: string): void {
    let hasPrevious = false;
    let tokenStart = 0;
    let end = 0;
    let runLength = 0;
    const length = text.length;
    for (let i = 0; i <= length; i++) {
      let cp = i < length ? text.charCodeAt(i) : -1;
      if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < length) {
        const low = text.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          cp = ((cp - 0xd800) << 10) + (low - 0xdc00) + 0x10000;
          i++;
        }
      }
      if (cp >= 0 && isWordCodePoint(cp)) {
        end = this.writeUtf8(cp, end);
        runLength++;
        continue;
      }
      if (runLength >= 2) {
        this.add(bucketOf(this.bytes, tokenStart, end));
        if (hasPrevious) this.add(bucketOf(this.bytes, 0, end));
        const tokenLength = end - tokenStart;
        this.bytes.copyWithin(0, tokenStart, end);
        this.bytes[tokenLength] = SPACE;
        tokenStart = tokenLength + 1;
        hasPrevious = true;
      }
      // A one-character run is no token and does not separate its neighbours: sklearn drops it from the token
      // list before forming bigrams.
      end = tokenStart;
      runLength = 0;
    }
  }

  private writeUtf8(cp: number, at: number): number {
    if (at + 4 > this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    const b = this.bytes;
    if (cp < 0x80) {
      b[at] = cp;
      return at + 1;
    }
    if (cp < 0x800) {
      b[at] = 0xc0 | (cp >> 6);
      b[at + 1] = 0x80 | (cp & 0x3f);
      return at + 2;
    }
    if (cp < 0x10000) {
      b[at] = 0xe0 | (cp >> 12);
      b[at + 1] = 0x80 | ((cp >> 6) & 0x3f);
      b[at + 2] = 0x80 | (cp & 0x3f);
      return at + 3;
    }
    b[at] = 0xf0 | (cp >> 18);
    b[at + 1] = 0x80 | ((cp >> 12) & 0x3f);
    b[at + 2] = 0x80 | ((cp >> 6) & 0x3f);
    b[at + 3] = 0x80 | (cp & 0x3f);
    return at + 4;
  }
}
