// Test-only: reads the committed hand-worked fixtures in libs/domain/sampling/fixtures.
import { readFileSync } from 'node:fs';
import path from 'node:path';

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(path.resolve(__dirname, '../../fixtures', name), 'utf8')) as T;
}

/** n rows of k seeded pseudo-probabilities (normalised uniforms), row-major float32. */
export function seededProbs(n: number, k: number, random: () => number): Float32Array {
  const out = new Float32Array(n * k);
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let c = 0; c < k; c++) sum += out[i * k + c] = random();
    for (let c = 0; c < k; c++) out[i * k + c] /= sum;
  }
  return out;
}
