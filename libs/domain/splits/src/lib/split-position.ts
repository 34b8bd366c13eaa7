// Where an item falls in [0, 1) for a project's split seed: a hash of the seed and the item id, so the assignment
// needs no stored state, is the same on every machine and in every language with MurmurHash3, and does not move
// when items are added or removed. The train/valid/test assignment (assign-splits.ts) uses the position as the
// order items are dealt in, not as bands, so stratification can hold each class to ±1 item of the ratios.
import { murmurHash3x86_32 } from '@arbiter/util/hash';

const TWO_TO_32 = 2 ** 32;

export interface SplitKey {
  /** PostgreSQL bigint ids arrive as strings; hashing the decimal text keeps ids above 2^53 exact. */
  itemId: string;
  seed: number | string;
}

/** murmur3_32(`${seed}:${itemId}`, 0) / 2^32, in [0, 1). */
export function splitPosition({ itemId, seed }: SplitKey): number {
  return murmurHash3x86_32(`${seed}:${itemId}`) / TWO_TO_32;
}
