// LF analysis of WRENCH youtube train's full 10-LF matrix, against values computed once by a transcription of
// Snorkel's LFAnalysis (see the fixture's source), plus properties any LF analysis must have.
import { analyzeLfs, toLabelMatrix } from '../index';
import { loadFixture, readSharedFile } from './fixtures.testing';
import { snorkelSummary } from './snorkel-reference.testing';

interface Expected {
  file: string;
  n: number;
  m: number;
  tolerance: number;
  labelCoverage: number;
  labelOverlap: number;
  labelConflict: number;
  lfs: {
    name: string;
    polarity: number[];
    coverage: number;
    overlaps: number;
    conflicts: number;
    correct: number;
    incorrect: number;
    empiricalAccuracy: number;
  }[];
}

const expected = loadFixture<Expected>('wrench-youtube-train-analysis.json');
const file = readSharedFile(expected.file);
const rows = Object.values(JSON.parse(file.bytes.toString('utf8')) as Record<string, { label: number; weak_labels: number[] }>);
const L = rows.map((r) => r.weak_labels);
const gold = rows.map((r) => r.label);
const result = analyzeLfs({ matrix: toLabelMatrix(L), gold });

describe('analyzeLfs on WRENCH youtube train (1586 × 10)', () => {
  it('reads the file listed in SHA256SUMS', () => {
    expect(file.sha256).toBe(file.listed);
    expect([result.n, result.m]).toEqual([expected.n, expected.m]);
  });

  it('matches the matrix-level values of the fixture', () => {
    const close = (a: number | null, b: number) => Math.abs((a ?? NaN) - b) <= expected.tolerance;
    expect(close(result.labelCoverage, expected.labelCoverage)).toBe(true);
    expect(close(result.labelOverlap, expected.labelOverlap)).toBe(true);
    expect(close(result.labelConflict, expected.labelConflict)).toBe(true);
  });

  it.each(expected.lfs.map((lf, j) => ({ ...lf, j })))('$j $name: polarity $polarity, every statistic', (lf) => {
    const s = result.lfs[lf.j];
    expect([s.polarity, s.correct, s.incorrect]).toEqual([lf.polarity, lf.correct, lf.incorrect]);
    for (const key of ['coverage', 'overlaps', 'conflicts', 'empiricalAccuracy'] as const) {
      expect(Math.abs((s[key] ?? NaN) - lf[key])).toBeLessThanOrEqual(expected.tolerance);
    }
  });

  it('has the orderings every LF analysis must have: 0 ≤ conflicts ≤ overlaps ≤ coverage ≤ 1', () => {
    for (const s of result.lfs) {
      expect([s.labeled >= s.overlapped, s.overlapped >= s.conflicted, s.correct !== null && s.correct + (s.incorrect ?? 0) === s.labeled]).toEqual([true, true, true]);
      expect((s.coverage ?? -1) >= 0 && (s.coverage ?? 2) <= 1).toBe(true);
    }
    const { labelCoverage, labelOverlap, labelConflict } = result;
    expect([labelCoverage, labelOverlap, labelConflict].every((x) => x !== null && x >= 0 && x <= 1)).toBe(true);
    expect((labelCoverage ?? 0) >= (labelOverlap ?? 1) && (labelOverlap ?? 0) >= (labelConflict ?? 1)).toBe(true);
  });

  // readme.txt: keyword_my..regex_check_out vote SPAM (1); keyword_song, short_comment and the spaCy/TextBlob
  // LFs vote HAM (0).
  it('gives each LF the polarity its readme describes', () => {
    expect(result.lfs.map((s) => s.polarity)).toEqual([[1], [1], [1], [1], [0], [1], [0], [0], [0], [0]]);
  });

  it('agrees with the dense transcription of Snorkel run in this process', () => {
    const ref = snorkelSummary(L, gold);
    expect(result.lfs.map((s) => [s.correct, s.incorrect])).toEqual(ref.correct.map((c, j) => [c, ref.incorrect[j]]));
    result.lfs.forEach((s, j) => expect(Math.abs((s.conflicts ?? NaN) - ref.conflicts[j])).toBeLessThanOrEqual(1e-12));
  });
});
