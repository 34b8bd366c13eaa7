import { mulberry32 } from '@arbiter/util/random';
import { loadFixture } from './fixtures.testing';
import { lfDisagreement } from './lf-disagreement';

interface LfFixture {
  votes: number[][];
  votesOnly: { expected: number[] };
  withProbs: { numClasses: number; probs: number[][]; expected: number[] };
}
const fixture = loadFixture<LfFixture>('lf-disagreement-hand.json');
const numLfs = fixture.votes[0].length;

describe('lfDisagreement', () => {
  it('ranks by the normalised entropy of the votes: conflicts first, agreement and silence last', () => {
    expect(lfDisagreement({ votes: fixture.votes, numLfs, batchSize: 8 })).toEqual(fixture.votesOnly.expected);
    expect(lfDisagreement({ votes: Int8Array.from(fixture.votes.flat()), numLfs, batchSize: 3 })).toEqual(fixture.votesOnly.expected.slice(0, 3));
  }, 10_000);

  it('with the label model, also ranks rows the model is unsure of, on the same [0, 1] scale', () => {
    const { probs, numClasses, expected } = fixture.withProbs;
    expect(lfDisagreement({ votes: fixture.votes, numLfs, batchSize: 8, probs })).toEqual(expected);
    const typed = { votes: Int8Array.from(fixture.votes.flat()), numLfs, probs: Float32Array.from(probs.flat()), numClasses };
    expect(lfDisagreement({ ...typed, batchSize: 8 })).toEqual(expected);
    expect(lfDisagreement({ ...typed, batchSize: 8, exclude: new Set([0, 7]) })).toEqual(expected.filter((i) => i !== 0 && i !== 7));
  }, 10_000);

  it('puts the vote score and the label-model score on one scale: both divide the entropy by ln K', () => {
    // K = 4. Row 1: one vote per class and row 3: a uniform model both score 1; row 0: a 1-1 split of two votes
    // and row 2: a model split 0.5 / 0.5 both score ln 2 / ln 4 = 0.5. Normalising the votes by the classes
    // they used instead would score row 0 a full 1.
    const votes = [[0, 1, -1, -1], [0, 1, 2, 3], [-1, -1, -1, -1], [0, 0, 0, 0]];
    const probs = [[1, 0, 0, 0], [1, 0, 0, 0], [0.5, 0.5, 0, 0], [0.25, 0.25, 0.25, 0.25]];
    expect(lfDisagreement({ votes, numLfs: 4, batchSize: 4, probs })).toEqual([1, 3, 0, 2]);
  }, 10_000);

  it('returns min(batch, candidates) distinct rows on a seeded case, none excluded', () => {
    const random = mulberry32(8);
    const n = 5_000;
    const m = 6;
    const votes = Int8Array.from({ length: n * m }, () => Math.floor(random() * 4) - 1);
    const exclude = new Set(Array.from({ length: 100 }, (_, i) => i * 7));
    for (const batchSize of [50, 10_000]) {
      const picks = lfDisagreement({ votes, numLfs: m, batchSize, exclude });
      expect(picks).toHaveLength(Math.min(batchSize, n - exclude.size));
      expect(new Set(picks).size).toBe(picks.length);
      expect(picks.some((i) => exclude.has(i))).toBe(false);
    }
  }, 10_000);

  it('rejects a vote outside -1..K-1, a votes length that numLfs does not divide, and ragged rows', () => {
    expect(() => lfDisagreement({ votes: [[0, 3]], numLfs: 2, batchSize: 1, numClasses: 3 })).toThrow(
      new RangeError('votes row 0, LF 1 is 3: expected -1 (abstain) or 0..2'),
    );
    expect(() => lfDisagreement({ votes: new Int8Array(5), numLfs: 2, batchSize: 1 })).toThrow(
      new RangeError('votes has 5 entries, not a multiple of numLfs = 2'),
    );
    expect(() => lfDisagreement({ votes: [[0, 1], [0]], numLfs: 2, batchSize: 1 })).toThrow(/votes row 1 has 1 entries, expected numLfs = 2/);
    expect(() => lfDisagreement({ votes: [[0, 1]], numLfs: 2, batchSize: 1, probs: [[1, 0], [0, 1]] })).toThrow(/probs has 2 rows, votes 1/);
  }, 10_000);
});
