import { murmurHash3x86_32, murmurHash3x86_32Range, signedMurmurHash3 } from './murmur-hash3';

// Reference vectors of MurmurHash3_x86_32. The first block is the widely republished set (smhasher's verification
// vectors as collected on Stack Overflow "MurmurHash3 test vectors", repeated in Boost.Hash2's and Dovecot's
// tests); every value below was also reproduced with scikit-learn 1.2.1's
// sklearn.utils.murmurhash3_32(key.encode('utf-8'), seed, positive=True).
const STRING_VECTORS: Array<[string, number, number]> = [
  ['', 0, 0],
  ['', 1, 0x514e28b7],
  ['', 0xffffffff, 0x81f16f39],
  ['test', 0, 0xba6bd213],
  ['test', 0x9747b28c, 0x704b81dc],
  ['Hello, world!', 0, 0xc0363e43],
  ['Hello, world!', 1234, 0xfaf6cdb3],
  ['Hello, world!', 0x9747b28c, 0x24884cba],
  ['The quick brown fox jumps over the lazy dog', 0, 0x2e4ff723],
  ['The quick brown fox jumps over the lazy dog', 0x9747b28c, 0x2fa826cd],
  // Multi-byte UTF-8: 2-byte (Slovak), 3-byte (CJK), 4-byte (emoji, a surrogate pair in UTF-16).
  ['Rýchla hnedá líška preskočila lenivého psa', 0, 0x678b9be9],
  ['special characters açb↓c', 0, 0xbe83b140],
  ['数据标注', 0, 0x8fe3ef06],
  ['emoji 😀 key', 0x9747b28c, 0x9ad191eb],
  // Longer than the initial scratch buffer, so the encoder's buffer must grow.
  ['x'.repeat(1000), 0, 0x7120440e],
];

const BYTE_VECTORS: Array<[number[], number, number]> = [
  [[0xff, 0xff, 0xff, 0xff], 0, 0x76293b50],
  [[0x21, 0x43, 0x65, 0x87], 0, 0xf55b516b],
  [[0x21, 0x43, 0x65, 0x87], 0x5082edee, 0x2362f9de],
  [[0x21, 0x43, 0x65], 0, 0x7e4a8634],
];

describe('murmurHash3x86_32', () => {
  it.each(STRING_VECTORS)('hashes %j with seed %d to the reference value', (key, seed, expected) => {
    expect(murmurHash3x86_32(key, seed)).toBe(expected);
  }, 5_000);

  it.each(BYTE_VECTORS)('hashes bytes %j with seed %d to the reference value', (bytes, seed, expected) => {
    expect(murmurHash3x86_32(Uint8Array.from(bytes), seed)).toBe(expected);
  }, 5_000);

  it('hashes a sub-range of a buffer exactly as the same bytes on their own', () => {
    const bytes = new TextEncoder().encode('..The quick brown fox jumps over the lazy dog!!');
    expect(murmurHash3x86_32Range(bytes, 2, bytes.length - 2, 0)).toBe(0x2e4ff723);
  }, 5_000);

  it('gives the same value after a long key grew the shared buffer', () => {
    murmurHash3x86_32('y'.repeat(100_000));
    expect(murmurHash3x86_32('test')).toBe(0xba6bd213);
  }, 5_000);
});

describe('signedMurmurHash3', () => {
  // sklearn.utils.murmurhash3_32(key, seed) with the default positive=False, scikit-learn 1.2.1.
  it.each([
    ['', 0xffffffff, -2114883783],
    ['test', 0, -1167338989],
    ['Hello, world!', 1234, -84488781],
    ['The quick brown fox jumps over the lazy dog', 0, 776992547],
    ['数据标注', 0, -1880887546],
  ])('reads the hash of %j (seed %d) as sklearn’s signed int32', (key, seed, expected) => {
    expect(signedMurmurHash3(key as string, seed as number)).toBe(expected);
  }, 5_000);
});
