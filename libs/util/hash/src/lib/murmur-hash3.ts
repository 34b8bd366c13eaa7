// MurmurHash3_x86_32 (Austin Appleby, public domain), bit-for-bit the function scikit-learn's
// sklearn.utils.murmurhash3_32 and HashingVectorizer use, so a bucket computed here is the bucket computed there.

// Module-level copies: under jest a lookup of the global Math goes through the test context and is much slower.
const { imul } = Math;

const C1 = 0xcc9e2d51;
const C2 = 0x1b873593;

// One growable scratch buffer for UTF-8 encoding: hashing a string allocates nothing once the buffer is large
// enough (encodeInto writes in place). Hashing is synchronous, so sharing it within a thread is safe.
const encoder = new TextEncoder();
let scratch = new Uint8Array(256);

function utf8(input: string): number {
  // A UTF-16 code unit never needs more than 3 UTF-8 bytes (a surrogate pair is 2 units for 4 bytes).
  if (input.length * 3 > scratch.length) scratch = new Uint8Array(Math.max(input.length * 3, scratch.length * 2));
  return encoder.encodeInto(input, scratch).written;
}

/**
 * MurmurHash3_x86_32 of bytes[start, end) as an unsigned 32-bit integer. The allocation-free core, for callers
 * that assemble keys in a buffer of their own (the feature hasher hashes n-grams this way).
 */
export function murmurHash3x86_32Range(bytes: Uint8Array, start: number, end: number, seed = 0): number {
  let h = seed | 0;
  const length = end - start;
  const blocksEnd = start + (length & ~3);
  for (let i = start; i < blocksEnd; i += 4) {
    let k = bytes[i] | (bytes[i + 1] << 8) | (bytes[i + 2] << 16) | (bytes[i + 3] << 24);
    k = imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = imul(k, C2);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (imul(h, 5) + 0xe6546b64) | 0;
  }
  const tail = length & 3;
  if (tail > 0) {
    let k = 0;
    if (tail === 3) k ^= bytes[blocksEnd + 2] << 16;
    if (tail >= 2) k ^= bytes[blocksEnd + 1] << 8;
    k ^= bytes[blocksEnd];
    k = imul(k, C1);
    k = (k << 15) | (k >>> 17);
    k = imul(k, C2);
    h ^= k;
  }
  h ^= length;
  h ^= h >>> 16;
  h = imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** MurmurHash3_x86_32 as an unsigned 32-bit integer; strings are hashed as their UTF-8 bytes. */
export function murmurHash3x86_32(input: string | Uint8Array, seed = 0): number {
  if (typeof input !== 'string') return murmurHash3x86_32Range(input, 0, input.length, seed);
  const length = utf8(input); // first: it may replace the scratch buffer
  return murmurHash3x86_32Range(scratch, 0, length, seed);
}

/** The same 32 bits read as a signed int32: sklearn.utils.murmurhash3_32(key, seed, positive=False). */
export function signedMurmurHash3(input: string | Uint8Array, seed = 0): number {
  return murmurHash3x86_32(input, seed) | 0;
}
