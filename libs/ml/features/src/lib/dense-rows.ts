// Client-supplied vectors as classifier input: each row scaled to unit L2 norm, as the TF-IDF rows are, so a
// vector's scale (embeddings range from unit-norm to norms in the hundreds) neither swamps the text nor vanishes.

/** A copy of row-major `data` (rows × dim) with every row of unit L2 norm; an all-zero row stays zero. */
export function l2NormaliseRows(data: Float32Array, dim: number): Float32Array {
  if (dim <= 0 || data.length % dim !== 0) throw new RangeError(`${data.length} values are not rows of ${dim}`);
  const out = new Float32Array(data.length);
  for (let at = 0; at < data.length; at += dim) {
    let sum = 0;
    for (let j = 0; j < dim; j++) sum += data[at + j] * data[at + j];
    if (sum === 0) continue;
    const scale = 1 / Math.sqrt(sum);
    for (let j = 0; j < dim; j++) out[at + j] = data[at + j] * scale;
  }
  return out;
}
