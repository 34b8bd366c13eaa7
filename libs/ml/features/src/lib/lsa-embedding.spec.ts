import { Matrix, SingularValueDecomposition } from 'ml-matrix';
import { mulberry32 } from '@arbiter/util/random';
import type { CsrMatrix } from './csr-matrix';
import { fitHashedTfidf } from './hashed-tfidf';
import { embed, embeddingComponents, fitEmbedding } from './lsa-embedding';

// Three topics with disjoint vocabularies; each document draws 12 words from its topic, the first words far more
// often (weights 1/rank), as words in real topics do.
function topicalCorpus(perTopic: number, seed: number): { texts: string[]; topics: number[] } {
  const vocabularies = ['storm', 'market', 'match'].map((topic) =>
    Array.from({ length: 15 }, (_, i) => `${topic}${String.fromCharCode(97 + i)}`),
  );
  const random = mulberry32(seed);
  const weights = Array.from({ length: 15 }, (_, i) => 1 / (i + 1));
  const total = weights.reduce((a, b) => a + b, 0);
  const draw = (): number => {
    let u = random() * total;
    for (let i = 0; i < weights.length; i++) if ((u -= weights[i]) < 0) return i;
    return weights.length - 1;
  };
  const texts: string[] = [];
  const topics: number[] = [];
  for (let d = 0; d < perTopic * 3; d++) {
    const topic = d % 3;
    texts.push(Array.from({ length: 12 }, () => vocabularies[topic][draw()]).join(' '));
    topics.push(topic);
  }
  return { texts, topics };
}

function cosine(e: Float32Array, dim: number, a: number, b: number): number {
  let s = 0;
  for (let d = 0; d < dim; d++) s += e[a * dim + d] * e[b * dim + d];
  return s;
}

/** The matrix restricted to the columns it uses, dense, for ml-matrix's exact SVD. */
function denseUsedColumns(csr: CsrMatrix): Matrix {
  const used = [...new Set(csr.indices)].sort((a, b) => a - b);
  const column = new Map(used.map((b, i) => [b, i]));
  const m = new Matrix(csr.rows, used.length);
  for (let r = 0; r < csr.rows; r++) {
    for (let k = csr.indptr[r]; k < csr.indptr[r + 1]; k++) m.set(r, column.get(csr.indices[k]) ?? -1, csr.data[k]);
  }
  return m;
}

describe('fitEmbedding + embed', () => {
  const { texts, topics } = topicalCorpus(40, 11);
  const { matrix } = fitHashedTfidf(texts);

  it('puts same-topic documents together (cosine > 0.9) and topics apart (cosine < 0.2)', () => {
    const model = fitEmbedding({ csr: matrix, dim: 3, seed: 5 });
    const e = embed({ model, csr: matrix });
    let minSame = 1;
    let maxCross = -1;
    for (let a = 0; a < texts.length; a++) {
      for (let b = a + 1; b < texts.length; b++) {
        const c = cosine(e, model.dim, a, b);
        if (topics[a] === topics[b]) minSame = Math.min(minSame, c);
        else maxCross = Math.max(maxCross, c);
      }
    }
    expect(minSame).toBeGreaterThan(0.9);
    expect(maxCross).toBeLessThan(0.2);
  }, 20_000);

  // The corpus's three topic axes (σ ≈ 3.5) stand clear of a flat tail (σ ≈ 1.4); that is where p = 10, q = 2 is
  // accurate (Halko et al. Thm 10.6). Inside a flat tail the estimates run a few percent low, harmless for k-means.
  it.each([1, 9, 33])('estimates the top singular values within 1e-3 (relative) of ml-matrix’s exact SVD, seed %d', (seed) => {
    const model = fitEmbedding({ csr: matrix, dim: 3, seed, minDf: 1 });
    const exact = new SingularValueDecomposition(denseUsedColumns(matrix), { autoTranspose: true }).diagonal;
    expect(model.sampleRows).toBe(matrix.rows);
    expect(model.singularValues).toHaveLength(3);
    model.singularValues.forEach((s, i) => expect(Math.abs(s - exact[i]) / exact[i]).toBeLessThan(1e-3));
  }, 20_000);

  it('is exact when the sketch covers the whole rank (12 rows)', () => {
    const small = fitHashedTfidf(topicalCorpus(4, 3).texts).matrix;
    const model = fitEmbedding({ csr: small, dim: 64, seed: 1, minDf: 1 });
    const exact = new SingularValueDecomposition(denseUsedColumns(small), { autoTranspose: true }).diagonal;
    expect(model.dim).toBe(11);
    model.singularValues.forEach((s, i) => expect(Math.abs(s - exact[i]) / exact[i]).toBeLessThan(1e-9));
  }, 20_000);

  it('stores orthonormal axes (VᵀV = I to float32 precision)', () => {
    const model = fitEmbedding({ csr: matrix, dim: 8, seed: 3 });
    const v = embeddingComponents(model);
    for (let a = 0; a < model.dim; a++) {
      for (let b = 0; b < model.dim; b++) {
        let dot = 0;
        for (let i = 0; i < model.buckets.length; i++) dot += v[i * model.dim + a] * v[i * model.dim + b];
        expect(dot).toBeCloseTo(a === b ? 1 : 0, 5);
      }
    }
  }, 20_000);

  it('is deterministic for a seed and survives a JSON round trip', () => {
    const a = fitEmbedding({ csr: matrix, dim: 8, seed: 42, sampleRows: 90 });
    const b = fitEmbedding({ csr: matrix, dim: 8, seed: 42, sampleRows: 90 });
    expect(b).toEqual(a);
    const stored = JSON.parse(JSON.stringify(a));
    expect(embed({ model: stored, csr: matrix })).toEqual(embed({ model: a, csr: matrix }));
    expect(fitEmbedding({ csr: matrix, dim: 8, seed: 43, sampleRows: 90 }).buckets).not.toEqual(a.buckets);
  }, 20_000);

  it('returns unit rows, zero rows for texts it cannot place, and the same rows chunk by chunk', () => {
    const model = fitEmbedding({ csr: matrix, dim: 8, seed: 2 });
    const probe = fitHashedTfidf([texts[0], '!!!', 'zebra quokka', texts[1]]).matrix;
    const e = embed({ model, csr: probe });
    expect(e.length).toBe(4 * 8);
    expect(cosine(e, 8, 0, 0)).toBeCloseTo(1, 5);
    expect(cosine(e, 8, 3, 3)).toBeCloseTo(1, 5);
    expect(Array.from(e.subarray(8, 24))).toEqual(new Array(16).fill(0));
    const whole = embed({ model, csr: matrix });
    const chunks = [embed({ model, csr: sliceRows(matrix, 0, 50) }), embed({ model, csr: sliceRows(matrix, 50, 120) })];
    expect(Array.from(chunks[0]).concat(Array.from(chunks[1]))).toEqual(Array.from(whole));
  }, 20_000);

  it('reduces dim and says so when the sample is too small', () => {
    const model = fitEmbedding({ csr: fitHashedTfidf(texts.slice(0, 5)).matrix, dim: 64, seed: 1, minDf: 1 });
    expect(model.dim).toBe(4);
    expect(model.requestedDim).toBe(64);
    expect(model.reducedBecause).toMatch(/5 rows/);
    expect(embeddingComponents(model)).toHaveLength(model.buckets.length * 4);
  }, 20_000);

  it('refuses a sample with nothing to fit', () => {
    expect(() => fitEmbedding({ csr: fitHashedTfidf(['!!!', 'a b']).matrix, seed: 1 })).toThrow(RangeError);
  }, 20_000);
});

function sliceRows(csr: CsrMatrix, from: number, to: number): CsrMatrix {
  const start = csr.indptr[from];
  return {
    rows: to - from,
    cols: csr.cols,
    indptr: csr.indptr.slice(from, to + 1).map((p) => p - start),
    indices: csr.indices.slice(start, csr.indptr[to]),
    data: csr.data.slice(start, csr.indptr[to]),
  };
}
