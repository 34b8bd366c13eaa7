// Test-only: issue 9's agnews protocol. The 7,600 AG News test rows (shared/data, checked against SHA256SUMS),
// row indices shuffled with seed 1, the first 1,600 held out and the other 6,000 the pool.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { shuffledIndices } from '@arbiter/util/random';

// libs/ml/classifier/src/lib → the repository root is five levels up; shared/ is cloned beside it.
const SHARED_DATA = path.resolve(__dirname, '../../../../..', '../shared/data');
const FILE = 'agnews-test/test.jsonl';

export interface AgnewsProtocol {
  pool: { texts: string[]; labels: number[] };
  test: { texts: string[]; labels: number[] };
  /** Whether the file matched its SHA256SUMS entry. */
  checksumMatches: boolean;
}

export function agnewsProtocol(seed = 1): AgnewsProtocol {
  const bytes = readFileSync(path.join(SHARED_DATA, FILE));
  const expected = readFileSync(path.join(SHARED_DATA, 'SHA256SUMS'), 'utf8')
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .find(([, name]) => name?.replace(/^\*/, '') === FILE)?.[0];
  const rows = bytes
    .toString('utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { label: number; sentence: string });
  const order = shuffledIndices(rows.length, seed);
  const part = (from: number, to: number) => {
    const picked = Array.from(order.subarray(from, to), (i) => rows[i]);
    return { texts: picked.map((r) => r.sentence), labels: picked.map((r) => r.label) };
  };
  return { test: part(0, 1600), pool: part(1600, rows.length), checksumMatches: createHash('sha256').update(bytes).digest('hex') === expected };
}
