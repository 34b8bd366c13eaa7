// Test-only: the numpy/scipy golden values in libs/domain/drift/fixtures (written by make-fixtures.py).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export interface DriftFixtures {
  source: string;
  quantile: { name: string; sample: number[]; p: number[]; expected: number[] }[];
  psi: {
    name: string;
    reference: number[];
    current: number[];
    bins: number;
    psi: number;
    edges: number[];
    referenceShares: number[];
    currentShares: number[];
  }[];
  ks: { name: string; a: number[]; b: number[]; statistic: number; lambda: number; pValue: number }[];
  kolmogorovSf: { lambda: number; sf: number }[];
}

export const DRIFT_FIXTURES = JSON.parse(
  readFileSync(path.resolve(__dirname, '../../fixtures/drift-scipy.json'), 'utf8'),
) as DriftFixtures;

/** |actual − expected| within a relative tolerance, with an absolute floor for values near zero. */
export function expectClose(actual: number, expected: number, relative = 1e-12, absolute = 1e-15): void {
  const tolerance = Math.max(absolute, relative * Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(`expected ${expected}, got ${actual} (tolerance ${tolerance})`);
  }
}
