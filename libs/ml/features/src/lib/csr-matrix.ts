// Compressed sparse rows: the one matrix shape features travel in. A dense n × 2^18 matrix is never built.

/** Row i's entries are indices/data[indptr[i], indptr[i + 1]), with indices strictly ascending within a row. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  data: Float32Array;
}

/** The given rows of `csr`, in the given order, as a new matrix. */
export function subsetRows(csr: CsrMatrix, rows: readonly number[]): CsrMatrix {
  const indptr = new Int32Array(rows.length + 1);
  rows.forEach((r, i) => (indptr[i + 1] = indptr[i] + csr.indptr[r + 1] - csr.indptr[r]));
  const indices = new Int32Array(indptr[rows.length]);
  const data = new Float32Array(indptr[rows.length]);
  rows.forEach((r, i) => {
    indices.set(csr.indices.subarray(csr.indptr[r], csr.indptr[r + 1]), indptr[i]);
    data.set(csr.data.subarray(csr.indptr[r], csr.indptr[r + 1]), indptr[i]);
  });
  return { rows: rows.length, cols: csr.cols, indptr, indices, data };
}

/** Appends rows whose total size is unknown up front; storage doubles as needed and is trimmed once at the end. */
export class CsrBuilder {
  private indptr: Int32Array;
  private indices: Int32Array;
  private data: Float32Array;
  private rows = 0;
  private nnz = 0;

  constructor(private readonly cols: number, expectedRows: number, expectedNnz = expectedRows * 32) {
    this.indptr = new Int32Array(expectedRows + 1);
    this.indices = new Int32Array(Math.max(16, expectedNnz));
    this.data = new Float32Array(Math.max(16, expectedNnz));
  }

  /** Reserves room for a row of `length` entries and returns where its first entry goes. */
  beginRow(length: number): number {
    const needed = this.nnz + length;
    if (needed > this.indices.length) {
      const size = Math.max(needed, this.indices.length * 2);
      const indices = new Int32Array(size);
      indices.set(this.indices.subarray(0, this.nnz));
      const data = new Float32Array(size);
      data.set(this.data.subarray(0, this.nnz));
      this.indices = indices;
      this.data = data;
    }
    return this.nnz;
  }

  /** The storage to write a row into, valid from beginRow until endRow. */
  get rowIndices(): Int32Array {
    return this.indices;
  }

  get rowData(): Float32Array {
    return this.data;
  }

  endRow(length: number): void {
    this.nnz += length;
    this.rows++;
    if (this.rows >= this.indptr.length) {
      const indptr = new Int32Array(this.indptr.length * 2);
      indptr.set(this.indptr);
      this.indptr = indptr;
    }
    this.indptr[this.rows] = this.nnz;
  }

  finish(): CsrMatrix {
    return {
      rows: this.rows,
      cols: this.cols,
      indptr: this.indptr.slice(0, this.rows + 1),
      indices: this.indices.slice(0, this.nnz),
      data: this.data.slice(0, this.nnz),
    };
  }
}
