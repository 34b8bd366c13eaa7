// Test-only: loads the committed golden fixtures (libs/domain/agreement/fixtures/*.json) and asserts one
// expected value, so every table-style spec reads its numbers and their sources the same way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface GoldenCheck {
  /** published: a paper, textbook or library's printed value; derived: exact by hand; regression: this code. */
  kind: 'published' | 'derived' | 'regression';
  value: number;
  /** Half a unit of the last published decimal, or 1e-12 / 1e-9 for exact and regression values. */
  tolerance: number;
  source: string;
}

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(join(__dirname, '../../../fixtures', name), 'utf8')) as T;
}

export function expectGolden(actual: number | null, check: GoldenCheck): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual ?? NaN) - check.value)).toBeLessThanOrEqual(check.tolerance);
}
