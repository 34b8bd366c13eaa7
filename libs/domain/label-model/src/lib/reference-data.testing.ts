// Test-only: reads the committed fixtures (libs/domain/label-model/fixtures) and the shared reference data
// (../shared/data beside the repository), checking every data file against shared/data/SHA256SUMS.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// libs/domain/label-model/src/lib → the repository root is five levels up; shared/ is cloned beside it.
const REPO_ROOT = path.resolve(__dirname, '../../../../..');
const SHARED_DATA = path.resolve(REPO_ROOT, '../shared/data');

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures', name), 'utf8')) as T;
}

let sums: Map<string, string> | undefined;

/** The SHA256SUMS entry for a file under shared/data (e.g. 'wrench-youtube/test.json'). */
export function expectedSha256(file: string): string | undefined {
  sums ??= new Map(
    readFileSync(path.join(SHARED_DATA, 'SHA256SUMS'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/))
      .map(([hash, name]) => [name.replace(/^\*/, ''), hash]),
  );
  return sums.get(file);
}

export interface SharedFile {
  file: string;
  bytes: Buffer;
  sha256: string;
}

/** Reads a file under shared/data; the spec compares `sha256` with expectedSha256(file). */
export function readSharedFile(file: string): SharedFile {
  const bytes = readFileSync(path.join(SHARED_DATA, file));
  return { file, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}
