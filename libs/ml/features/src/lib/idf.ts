// Inverse document frequencies over the pool, accumulated chunk by chunk so a pool of a million texts never has
// to be in memory at once. The formula is sklearn's TfidfTransformer(smooth_idf=True).
import type { CsrMatrix } from './csr-matrix';
import { FEATURE_BUCKETS, HashedNgramCounter } from './ngram-hasher';

/** Plain-JSON document frequencies: `buckets` ascending, `df[i]` the number of documents containing buckets[i]. */
export interface IdfTable {
  documents: number;
  buckets: number[];
  df: number[];
}

export class IdfAccumulator {
  private readonly counter = new HashedNgramCounter();
  private readonly df = new Uint32Array(FEATURE_BUCKETS);
  private documents = 0;

  add(texts: readonly string[]): void {
    const { counter, df } = this;
    for (const text of texts) {
      counter.count(text);
      const { touched, size } = counter;
      for (let i = 0; i < size; i++) df[touched[i]]++;
    }
    this.documents += texts.length;
  }

  /** The same from rows already hashed (hashedCounts), so a caller that needs the counts tokenizes once. */
  addCounts(counts: CsrMatrix): void {
    if (counts.cols !== FEATURE_BUCKETS) throw new RangeError(`expected ${FEATURE_BUCKETS} columns, got ${counts.cols}`);
    const { df } = this;
    for (let k = 0; k < counts.indptr[counts.rows]; k++) df[counts.indices[k]]++;
    this.documents += counts.rows;
  }

  finish(): IdfTable {
    const buckets: number[] = [];
    const df: number[] = [];
    for (let b = 0; b < FEATURE_BUCKETS; b++) {
      if (this.df[b] === 0) continue;
      buckets.push(b);
      df.push(this.df[b]);
    }
    return { documents: this.documents, buckets, df };
  }
}

// The dense lookup is 2 MiB per table; a transform of many chunks against one table builds it once.
const idfCache = new WeakMap<IdfTable, Float64Array>();

/**
 * idf(b) = ln((1 + n) / (1 + df(b))) + 1 for every bucket. A bucket no pool document had (df = 0) gets the
 * largest weight, ln(1 + n) + 1, as in sklearn where smoothing makes every column's df at least one.
 */
export function idfWeights(table: IdfTable): Float64Array {
  const cached = idfCache.get(table);
  if (cached) return cached;
  if (table.buckets.length !== table.df.length) throw new RangeError('IdfTable buckets and df differ in length');
  const n = table.documents;
  const weights = new Float64Array(FEATURE_BUCKETS).fill(Math.log(1 + n) + 1);
  for (let i = 0; i < table.buckets.length; i++) {
    weights[table.buckets[i]] = Math.log((1 + n) / (1 + table.df[i])) + 1;
  }
  idfCache.set(table, weights);
  return weights;
}
