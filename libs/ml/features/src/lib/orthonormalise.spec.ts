import { Matrix, QrDecomposition } from 'ml-matrix';
import { mulberry32 } from '@arbiter/util/random';
import { orthonormaliseColumns } from './orthonormalise';

function randomBlock(rows: number, width: number, seed: number): Float64Array {
  const random = mulberry32(seed);
  return Float64Array.from({ length: rows * width }, () => random() - 0.5);
}

function gram(q: Float64Array, rows: number, width: number): number[][] {
  return Array.from({ length: width }, (_, a) =>
    Array.from({ length: width }, (_, b) => {
      let s = 0;
      for (let i = 0; i < rows; i++) s += q[i * width + a] * q[i * width + b];
      return s;
    }),
  );
}

describe('orthonormaliseColumns', () => {
  it('spans the same columns as ml-matrix’s Householder Q, up to the sign of each column', () => {
    const rows = 200;
    const width = 12;
    const y = randomBlock(rows, width, 4);
    const dense = Array.from({ length: rows }, (_, i) => Array.from(y.subarray(i * width, (i + 1) * width)));
    const householder = new QrDecomposition(new Matrix(dense)).orthogonalMatrix;
    const q = orthonormaliseColumns(y.slice(), rows, width);
    for (let j = 0; j < width; j++) {
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += q[i * width + j] * householder.get(i, j);
      expect(Math.abs(dot)).toBeCloseTo(1, 10);
    }
  }, 5_000);

  it('leaves a column that depends on earlier ones as zero and keeps the rest orthonormal', () => {
    const rows = 50;
    const width = 4;
    const y = randomBlock(rows, width, 8);
    for (let i = 0; i < rows; i++) y[i * width + 2] = 2 * y[i * width] - 3 * y[i * width + 1];
    const q = orthonormaliseColumns(y, rows, width);
    const g = gram(q, rows, width);
    [0, 1, 3].forEach((a) => [0, 1, 3].forEach((b) => expect(g[a][b]).toBeCloseTo(a === b ? 1 : 0, 12)));
    expect(g[2][2]).toBe(0);
  }, 5_000);
});
