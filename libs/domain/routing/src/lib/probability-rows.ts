// Checks and conversions shared by the routing functions: probability vectors, cost matrices, labels, and rows
// given either as number[][] or as row-major typed arrays with a class count.
import { RoutingError, RoutingErrorCode } from './routing.error';

/**
 * How far a probability vector may sum from 1. Production services often send probabilities rounded to three
 * decimals (1/3 each → 0.999), so the check allows 1e-3; anything further off is a bug on their side.
 */
export const PROBABILITY_SUM_TOLERANCE = 1e-3;

/** n × k rows: an array of rows, or row-major values with `numClasses` given beside them. */
export type Rows = readonly (readonly number[])[] | Float32Array | Float64Array | readonly number[];

export function finite(value: unknown, path: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new RoutingError(RoutingErrorCode.NotFinite, path, `${path} must be a finite number`);
  }
  return value;
}

/** A probability vector: finite entries in [0, 1] summing to 1 within PROBABILITY_SUM_TOLERANCE. */
export function checkProbabilities(probs: ArrayLike<number>, path: string, offset = 0, k = probs.length): void {
  let sum = 0;
  for (let c = 0; c < k; c++) {
    const p = finite(probs[offset + c], `${path}[${c}]`);
    if (p < 0 || p > 1) {
      throw new RoutingError(RoutingErrorCode.InvalidProbability, `${path}[${c}]`, `${path}[${c}] must be in [0, 1]`);
    }
    sum += p;
  }
  // The 1e-12 slack absorbs the rounding of summing decimals: [0, 0.999, 0] is 1e-3 off, and must pass.
  if (Math.abs(sum - 1) > PROBABILITY_SUM_TOLERANCE + 1e-12) {
    throw new RoutingError(
      RoutingErrorCode.InvalidProbability,
      path,
      `${path} must sum to 1 (±${PROBABILITY_SUM_TOLERANCE}), sums to ${sum}`,
    );
  }
}

/** A k × k matrix of finite, non-negative costs. */
export function checkCostMatrix(costMatrix: unknown, k: number, path: string): asserts costMatrix is number[][] {
  if (!Array.isArray(costMatrix) || costMatrix.length !== k) {
    throw new RoutingError(RoutingErrorCode.InvalidShape, path, `${path} must have ${k} rows, one per class`);
  }
  costMatrix.forEach((row: unknown, i) => {
    if (!Array.isArray(row) || row.length !== k) {
      throw new RoutingError(RoutingErrorCode.InvalidShape, `${path}[${i}]`, `${path}[${i}] must have ${k} columns`);
    }
    row.forEach((cost, j) => {
      if (finite(cost, `${path}[${i}][${j}]`) < 0) {
        throw new RoutingError(RoutingErrorCode.NegativeCost, `${path}[${i}][${j}]`, `${path}[${i}][${j}] is negative`);
      }
    });
  });
}

/** A review cost or price: non-negative; +Infinity is allowed and means "never worth a review". */
export function checkReviewCost(reviewCost: unknown, path: string): number {
  if (typeof reviewCost !== 'number' || Number.isNaN(reviewCost) || reviewCost === -Infinity) {
    throw new RoutingError(RoutingErrorCode.NotFinite, path, `${path} must be a number`);
  }
  if (reviewCost < 0) throw new RoutingError(RoutingErrorCode.NegativeCost, path, `${path} is negative`);
  return reviewCost;
}

export function checkLabels(labels: ArrayLike<number>, k: number, path = 'labels'): void {
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    if (!Number.isInteger(y) || y < 0 || y >= k) {
      const message = `${path}[${i}] must be a class in 0..${k - 1}`;
      throw new RoutingError(RoutingErrorCode.InvalidLabel, `${path}[${i}]`, message);
    }
  }
}

/** Rows as row-major float64 values and their class count, after checking the shape and that every value is finite. */
export function toRowMajor(
  rows: Rows,
  numClasses: number | undefined,
  n: number,
  path: string,
): { values: Float64Array; k: number } {
  if (numClasses !== undefined) {
    if (!Number.isInteger(numClasses) || numClasses < 1) {
      throw new RoutingError(RoutingErrorCode.InvalidShape, 'numClasses', 'numClasses must be a positive integer');
    }
    if (rows.length !== n * numClasses || (rows.length > 0 && typeof rows[0] !== 'number')) {
      const message = `${path} must hold ${n} × ${numClasses} numbers, row by row`;
      throw new RoutingError(RoutingErrorCode.InvalidShape, path, message);
    }
    const values = Float64Array.from(rows as ArrayLike<number>);
    values.forEach((v, i) => finite(v, `${path}[${i}]`));
    return { values, k: numClasses };
  }
  if (rows.length !== n) {
    throw new RoutingError(RoutingErrorCode.InvalidShape, path, `${path} must have ${n} rows, one per label`);
  }
  const matrix = rows as readonly (readonly number[])[];
  const k = n > 0 && Array.isArray(matrix[0]) ? matrix[0].length : 0;
  const values = new Float64Array(n * k);
  matrix.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== k || k === 0) {
      const message = `${path}[${i}] must be a row of ${k || 'at least one'} numbers`;
      throw new RoutingError(RoutingErrorCode.InvalidShape, `${path}[${i}]`, message);
    }
    row.forEach((v, c) => (values[i * k + c] = finite(v, `${path}[${i}][${c}]`)));
  });
  return { values, k };
}
