// Test-only: the committed fixtures (libs/domain/lf/fixtures) and the shared reference data, which lives beside the
// repository in ../shared/data; every shared file is returned with its SHA256 and the sum SHA256SUMS lists for it.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';

// src/lib → the repository root is four levels up, and shared/ sits beside the repository.
const SHARED_DATA = path.resolve(__dirname, '../../../../..', '../shared/data');

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(path.join(__dirname, '../../fixtures', name), 'utf8')) as T;
}

export interface SharedFile {
  name: string;
  bytes: Buffer;
  sha256: string;
  /** The sum SHA256SUMS lists for this file, or undefined when it is not listed. */
  listed: string | undefined;
}

let sums: Map<string, string> | undefined;

export function readSharedFile(name: string): SharedFile {
  sums ??= new Map(
    readFileSync(path.join(SHARED_DATA, 'SHA256SUMS'), 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line): [string, string] => {
        const [sum, file] = line.split(/\s+\*?/);
        return [file, sum];
      }),
  );
  const bytes = readFileSync(path.join(SHARED_DATA, name));
  return { name, bytes, sha256: createHash('sha256').update(bytes).digest('hex'), listed: sums.get(name) };
}
