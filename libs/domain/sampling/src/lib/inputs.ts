// Validates and normalises what every strategy receives: the batch size, a probability matrix, an embedding
// matrix and a row set (labeled or excluded rows). Both matrices come as number[][] (small data, tests) or
// row-major typed arrays (millions of rows); the strategies below only ever see the row-major form.

export type Matrix = readonly (readonly number[])[] | Float32Array | Float64Array;

/** Rows given as a set of indices or as a mask of n flags (true / non-zero = in the set). */
export type RowSet = ReadonlySet<number> | readonly boolean[] | Uint8Array;

/** n rows of `width` numbers, row i at values[i * width .. (i + 1) * width). */
export interface RowMajor {
  values: Float32Array | Float64Array;
  n: number;
  width: number;
}

export function assertBatchSize(batchSize: number): void {
  if (!Number.isSafeInteger(batchSize) || batchSize < 1) {
    throw new RangeError(`batchSize must be an integer ≥ 1, got ${batchSize}`);
  }
}

export function assertSeed(seed: number): void {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
}

/**
 * `field` is the caller's name for the matrix (probs, embeddings) and `widthField` for its row width
 * (numClasses, dim): required with a typed array, checked against the rows with number[][].
 */
export function toRowMajor(field: string, matrix: Matrix, widthField: string, width: number | undefined, minWidth: number): RowMajor {
  if (width !== undefined && (!Number.isSafeInteger(width) || width < minWidth)) {
    throw new RangeError(`${widthField} must be an integer ≥ ${minWidth}, got ${width}`);
  }
  if (matrix instanceof Float32Array || matrix instanceof Float64Array) {
    if (width === undefined) throw new RangeError(`${widthField} is required when ${field} is a row-major typed array`);
    if (matrix.length % width !== 0) {
      throw new RangeError(`${field} has ${matrix.length} entries, not a multiple of ${widthField} = ${width}`);
    }
    return { values: matrix, n: matrix.length / width, width };
  }
  if (!Array.isArray(matrix)) throw new RangeError(`${field} must be number[][], a Float32Array or a Float64Array`);
  const n = matrix.length;
  const w = width ?? (n > 0 && Array.isArray(matrix[0]) ? matrix[0].length : minWidth);
  if (w < minWidth) throw new RangeError(`${field} rows need at least ${minWidth} entries, row 0 has ${w}`);
  const values = new Float64Array(n * w);
  for (let i = 0; i < n; i++) {
    const row = matrix[i];
    if (!Array.isArray(row) || row.length !== w) {
      const expected = width === undefined ? `${w} like row 0` : `${widthField} = ${w}`;
      throw new RangeError(`${field} row ${i} has ${Array.isArray(row) ? row.length : 'no'} entries, expected ${expected}`);
    }
    for (let j = 0; j < w; j++) values[i * w + j] = row[j];
  }
  return { values, n, width: w };
}

export function badProbability(i: number, c: number, value: number): RangeError {
  return new RangeError(`probs row ${i}, class ${c} is ${value}: expected a probability in [0, 1]`);
}

/** Throws unless every entry of rows `rows` (all rows when omitted) is finite. */
export function assertFinite(field: string, { values, n, width }: RowMajor, rows?: ArrayLike<number>): void {
  const count = rows ? rows.length : n;
  for (let r = 0; r < count; r++) {
    const i = rows ? rows[r] : r;
    for (let j = 0, x = i * width; j < width; j++, x++) {
      if (!Number.isFinite(values[x])) throw new RangeError(`${field} row ${i}, column ${j} is ${values[x]}: expected a finite number`);
    }
  }
}

/** A mask of n bytes, 1 for the rows in the set; null when the set is absent or empty. */
export function toRowMask(field: string, rows: RowSet | undefined, n: number): Uint8Array | null {
  if (rows === undefined) return null;
  const mask = new Uint8Array(n);
  if (rows instanceof Set) {
    for (const i of rows as ReadonlySet<number>) {
      if (!Number.isSafeInteger(i) || i < 0 || i >= n) throw new RangeError(`${field} holds ${i}, not a row index in 0..${n - 1}`);
      mask[i] = 1;
    }
    return rows.size > 0 ? mask : null;
  }
  const flags = rows as readonly boolean[] | Uint8Array;
  if (flags.length !== n) throw new RangeError(`${field} mask has ${flags.length} entries, expected one per row (${n})`);
  let any = 0;
  for (let i = 0; i < n; i++) any |= mask[i] = flags[i] ? 1 : 0;
  return any ? mask : null;
}

/** Row count of the candidates: rows not in the mask. */
export function countOutside(mask: Uint8Array | null, n: number): number {
  if (!mask) return n;
  let inside = 0;
  for (let i = 0; i < n; i++) inside += mask[i];
  return n - inside;
}
