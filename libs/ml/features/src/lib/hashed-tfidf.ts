// Hashed TF-IDF rows, the numbers scikit-learn produces with
//   HashingVectorizer(n_features=2**18, ngram_range=(1, 2), alternate_sign=False, norm=None)
//   → TfidfTransformer(sublinear_tf=True, smooth_idf=True, norm='l2'):
// value = (1 + ln count) · idf, each row scaled to unit L2 norm (an empty row stays empty).
import { CsrBuilder, CsrMatrix } from './csr-matrix';
import { IdfAccumulator, IdfTable, idfWeights } from './idf';
import { FEATURE_BUCKETS, HashedNgramCounter } from './ngram-hasher';

const { log, sqrt } = Math;

/** Raw hashed n-gram counts (HashingVectorizer's output with alternate_sign=False, norm=None). */
export function hashedCounts(texts: readonly string[]): CsrMatrix {
  const counter = new HashedNgramCounter();
  const out = new CsrBuilder(FEATURE_BUCKETS, texts.length);
  for (const text of texts) {
    counter.count(text);
    const { touched, size, counts } = counter;
    const at = out.beginRow(size);
    const indices = out.rowIndices;
    const data = out.rowData;
    for (let i = 0; i < size; i++) {
      indices[at + i] = touched[i];
      data[at + i] = counts[touched[i]];
    }
    out.endRow(size);
  }
  return out.finish();
}

/** TF-IDF rows of `texts` under a pool's idf; stream a large pool through it chunk by chunk. */
export function hashedTfidf({ texts, idf }: { texts: readonly string[]; idf: IdfTable }): CsrMatrix {
  return tfidfFromCounts(hashedCounts(texts), idf);
}

/** Fits the idf on `texts` and featurises them, tokenizing once: for pools that fit in memory. */
export function fitHashedTfidf(texts: readonly string[]): { matrix: CsrMatrix; idf: IdfTable } {
  const counts = hashedCounts(texts);
  const accumulator = new IdfAccumulator();
  accumulator.addCounts(counts);
  const idf = accumulator.finish();
  return { matrix: tfidfFromCounts(counts, idf), idf };
}

// Rewrites a counts matrix's values in place of a copy: same sparsity, so indices and indptr are shared.
function tfidfFromCounts(counts: CsrMatrix, idf: IdfTable): CsrMatrix {
  const weights = idfWeights(idf);
  const { indptr, indices } = counts;
  const data = new Float32Array(counts.data.length);
  for (let r = 0; r < counts.rows; r++) {
    const start = indptr[r];
    const end = indptr[r + 1];
    let squares = 0;
    for (let k = start; k < end; k++) {
      const value = (1 + log(counts.data[k])) * weights[indices[k]];
      squares += value * value;
    }
    const scale = squares > 0 ? 1 / sqrt(squares) : 0;
    for (let k = start; k < end; k++) data[k] = (1 + log(counts.data[k])) * weights[indices[k]] * scale;
  }
  return { rows: counts.rows, cols: counts.cols, indptr, indices, data };
}
