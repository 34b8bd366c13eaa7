import { analyzeLfs, type LfAnalysis, LfAnalysisError, LfAnalysisErrorCode, toLabelMatrix } from '../index';
import { loadFixture } from './fixtures.testing';
import { snorkelSummary } from './snorkel-reference.testing';

interface GoldenCase {
  name: string;
  kind: 'published' | 'derived';
  source: string;
  L: number[][];
  gold?: number[];
  tolerance: number;
  expected: {
    labelCoverage: number;
    labelOverlap: number;
    labelConflict: number;
    polarity: number[][];
    coverage: number[];
    overlaps: number[];
    byCoverage: (number | null)[];
    conflicts: number[];
    byOverlaps: (number | null)[];
    correct?: number[];
    incorrect?: number[];
    empiricalAccuracy?: (number | null)[];
  };
}

const { cases } = loadFixture<{ cases: GoldenCase[] }>('lf-analysis-golden.json');

function expectClose(actual: (number | null)[], expected: (number | null)[], tolerance: number): void {
  expect(actual.map((a) => a === null)).toEqual(expected.map((e) => e === null));
  actual.forEach((a, i) => expect(Math.abs((a ?? 0) - (expected[i] ?? 0))).toBeLessThanOrEqual(tolerance));
}

function perLf(result: LfAnalysis) {
  const ratio = (a: number, b: number) => (b === 0 ? null : a / b);
  return {
    coverage: result.lfs.map((s) => s.coverage),
    overlaps: result.lfs.map((s) => s.overlaps),
    conflicts: result.lfs.map((s) => s.conflicts),
    byCoverage: result.lfs.map((s) => ratio(s.overlapped, s.labeled)),
    byOverlaps: result.lfs.map((s) => ratio(s.conflicted, s.overlapped)),
  };
}

describe('analyzeLfs golden fixtures', () => {
  describe.each(cases)('$name ($kind)', (c) => {
    const forms = { 'number[][]': c.L, 'compact Int8Array': toLabelMatrix(c.L) };
    it.each(Object.entries(forms))('from %s: every statistic', (_, matrix) => {
      const result = analyzeLfs({ matrix, gold: c.gold });
      const e = c.expected;
      expect([result.n, result.m]).toEqual([c.L.length, c.L[0].length]);
      expectClose([result.labelCoverage, result.labelOverlap, result.labelConflict], [e.labelCoverage, e.labelOverlap, e.labelConflict], c.tolerance);
      expect(result.lfs.map((s) => s.polarity)).toEqual(e.polarity);
      const stats = perLf(result);
      for (const key of ['coverage', 'overlaps', 'conflicts', 'byCoverage', 'byOverlaps'] as const) expectClose(stats[key], e[key], c.tolerance);
      if (e.correct) {
        expect(result.lfs.map((s) => [s.correct, s.incorrect])).toEqual(e.correct.map((k, j) => [k, e.incorrect?.[j]]));
        expectClose(result.lfs.map((s) => s.empiricalAccuracy), e.empiricalAccuracy ?? [], c.tolerance);
      }
    });
  });
});

// A seeded generator (mulberry32) so the random matrices are the same on every run.
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('analyzeLfs against the transcription of Snorkel', () => {
  it.each([
    { seed: 1, n: 400, m: 6, k: 2, abstain: 0.7 },
    { seed: 2, n: 300, m: 9, k: 4, abstain: 0.5 },
    { seed: 3, n: 50, m: 3, k: 3, abstain: 0.9 },
  ])('random $n × $m, $k classes, P(abstain) = $abstain', ({ seed, n, m, k, abstain }) => {
    const random = mulberry32(seed);
    const L = Array.from({ length: n }, () => Array.from({ length: m }, () => (random() < abstain ? -1 : Math.floor(random() * k))));
    L[0] = L[0].map(() => -1); // every column abstains somewhere, where Snorkel's Correct/Incorrect are sound
    const Y = Array.from({ length: n }, () => Math.floor(random() * k));
    const ours = analyzeLfs({ matrix: L, gold: Y });
    const ref = snorkelSummary(L, Y);
    expectClose([ours.labelCoverage, ours.labelOverlap, ours.labelConflict], [ref.labelCoverage, ref.labelOverlap, ref.labelConflict], 1e-12);
    expect(ours.lfs.map((s) => s.polarity)).toEqual(ref.polarity);
    expectClose(ours.lfs.map((s) => s.coverage), ref.coverage, 1e-12);
    expectClose(ours.lfs.map((s) => s.overlaps), ref.overlaps, 1e-12);
    expectClose(ours.lfs.map((s) => s.conflicts), ref.conflicts, 1e-12);
    expect(ours.lfs.map((s) => [s.correct, s.incorrect])).toEqual(ref.correct.map((c, j) => [c, ref.incorrect[j]]));
    expectClose(ours.lfs.map((s) => s.empiricalAccuracy ?? 0), ref.empiricalAccuracy, 1e-12);
  });

  // lf_summary builds Correct/Incorrect with sklearn's confusion_matrix(Y, L[:, j])[1:, 1:], which assumes -1 is
  // the first label; for an LF that never abstains it drops the smallest class instead. We count what the names say.
  it('an LF that labels every item: we count every vote, Snorkel lf_summary would drop class 0', () => {
    const L = [[0], [0], [1], [1]];
    const Y = [0, 1, 1, 1];
    const ours = analyzeLfs({ matrix: L, gold: Y }).lfs[0];
    expect([ours.correct, ours.incorrect, ours.empiricalAccuracy]).toEqual([3, 1, 0.75]);
    const ref = snorkelSummary(L, Y);
    expect([ref.correct[0], ref.incorrect[0], ref.empiricalAccuracy[0]]).toEqual([2, 0, 0.75]);
  });
});

describe('analyzeLfs edge cases', () => {
  it('reports null (never NaN) for fractions of an empty matrix', () => {
    expect(analyzeLfs({ matrix: { n: 0, m: 2, votes: new Int8Array(0) }, gold: [] })).toEqual({
      n: 0, m: 2, labelCoverage: null, labelOverlap: null, labelConflict: null,
      lfs: [0, 1].map(() => ({
        polarity: [], coverage: null, overlaps: null, conflicts: null, labeled: 0, overlapped: 0, conflicted: 0,
        correct: 0, incorrect: 0, empiricalAccuracy: null,
      })),
    });
  });

  it('leaves correct, incorrect and accuracy null without gold', () => {
    const [lf] = analyzeLfs({ matrix: [[1], [-1]] }).lfs;
    expect(lf).toMatchObject({ coverage: 0.5, correct: null, incorrect: null, empiricalAccuracy: null });
  });

  it.each([
    { name: 'ragged rows', input: { matrix: [[1, 0], [1]] }, code: LfAnalysisErrorCode.InvalidShape },
    { name: 'a vote below -1', input: { matrix: [[-2]] }, code: LfAnalysisErrorCode.InvalidVote },
    { name: 'a fractional vote', input: { matrix: [[0.5]] }, code: LfAnalysisErrorCode.InvalidVote },
    { name: 'a vote above 127', input: { matrix: [[128]] }, code: LfAnalysisErrorCode.InvalidVote },
    { name: 'a compact vote below -1', input: { matrix: { n: 1, m: 1, votes: Int8Array.of(-5) } }, code: LfAnalysisErrorCode.InvalidVote },
    { name: 'votes.length ≠ n × m', input: { matrix: { n: 2, m: 2, votes: new Int8Array(3) } }, code: LfAnalysisErrorCode.InvalidShape },
    { name: 'gold of the wrong length', input: { matrix: [[0], [1]], gold: [0] }, code: LfAnalysisErrorCode.InvalidGold },
    { name: 'an unknown (-1) gold label', input: { matrix: [[0], [1]], gold: [0, -1] }, code: LfAnalysisErrorCode.InvalidGold },
  ])('rejects $name with $code', ({ input, code }) => {
    let thrown: unknown;
    try {
      analyzeLfs(input);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LfAnalysisError);
    expect(thrown).toMatchObject({ code });
  });
});
