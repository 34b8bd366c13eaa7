// Majority vote against hand-computed fixtures: ties, unanimous items, items nobody judged.
import ties from '../../../fixtures/consensus/majority-vote-ties.json';
import unanimous from '../../../fixtures/consensus/majority-vote-unanimous.json';
import unjudged from '../../../fixtures/consensus/majority-vote-unjudged.json';
import type { ConsensusInput } from './consensus.types';
import { majorityVote } from './majority-vote';

interface MajorityFixture {
  input: ConsensusInput;
  expected: { labels: (number | null)[]; confidence: (number | null)[]; posteriors: number[][] };
}

const FIXTURES: [string, MajorityFixture][] = [
  ['ties break by the lowest label id', ties],
  ['unanimous items', unanimous],
  ['items with no judgements', unjudged],
];

describe('majorityVote (hand-computed fixtures)', () => {
  it.each(FIXTURES)('%s', (_name, { input, expected }) => {
    const result = majorityVote(input);
    expect(result.method).toBe('majority');
    expect(result.labels).toEqual(expected.labels);
    result.confidence.forEach((c, i) => {
      if (expected.confidence[i] === null) expect(c).toBeNull();
      else expect(c).toBeCloseTo(expected.confidence[i] as number, 12);
    });
    result.posteriors.forEach((row, i) => {
      expect(row).toHaveLength(input.classes);
      row.forEach((p, c) => expect(p).toBeCloseTo(expected.posteriors[i][c], 12));
    });
  });

  it('gives empty results for a project with no items', () => {
    expect(majorityVote({ judgements: [], items: 0, workers: 0, classes: 2 })).toEqual({
      labels: [],
      confidence: [],
      posteriors: [],
      method: 'majority',
    });
  });

  it('rejects a tie-break rule other than lowest', () => {
    const options = { tieBreak: 'random' } as unknown as { tieBreak: 'lowest' };
    expect(() => majorityVote(unanimous.input, options)).toThrow(RangeError);
  });
});
