// Test-only: the committed fixtures in libs/domain/routing/fixtures (decide-hand.json and
// policy-evaluation-hand.json worked by hand,
// calibration-scipy.json written by make-fixtures.py with numpy and scipy), and an error probe.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { RoutingError } from './routing.error';

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures', name), 'utf8')) as T;
}

/** The code and path of the RoutingError fn throws, for table-style assertions on validation. */
export function routingErrorOf(fn: () => unknown): [string, string] | string {
  try {
    fn();
  } catch (e) {
    if (e instanceof RoutingError) return [e.code, e.path];
    throw e;
  }
  return 'no error';
}
