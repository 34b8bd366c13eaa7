import { DEFAULT_LABEL_POLICY } from '@arbiter/contracts';
import { buildProgress, exclusionLines, policySentence, shortHash, statusText } from './snapshot-words';

const PROJECT = '4f1b2c3d-0000-4000-8000-000000000001';

describe('snapshot words', () => {
  it('shows a build’s phase and rows done, indeterminate before the first report', () => {
    expect(buildProgress(undefined)).toEqual({ text: 'Building: queued', done: 0, total: null });
    const writing = { projectId: PROJECT, version: 3, status: 'building' as const, phase: 'writing' as const, done: 1200, total: 5000 };
    expect(buildProgress(writing)).toEqual({ text: 'Building: writing rows 1,200 / 5,000', done: 1200, total: 5000 });
    expect(buildProgress({ ...writing, phase: 'assigning', done: 0, total: 0 })).toEqual({ text: 'Building: assigning splits', done: 0, total: null });
  }, 5_000);

  it('says why a build failed', () => {
    expect(statusText({ status: 'failed', error: 'worker lost' })).toBe('Failed: worker lost');
    expect(statusText({ status: 'complete', error: null })).toBe('Complete');
  }, 5_000);

  it('names every exclusion reason with its count, zeros included', () => {
    const lines = exclusionLines({ unlabeled: 4, underAdjudication: 0, openDisagreement: 1, sourceExcluded: 2, weakBelowConfidence: 0 });
    expect(lines.map((l) => [l.text, l.count])).toEqual([
      ['no label yet', 4],
      ['waiting for a reviewer’s decision', 0],
      ['annotators disagree and no review has settled it', 1],
      ['their label’s source is not in the policy', 2],
      ['weak label below the minimum confidence', 0],
    ]);
  }, 5_000);

  it('puts the default policy in one sentence, the weak bar only when weak labels are in', () => {
    expect(policySentence(DEFAULT_LABEL_POLICY)).toBe(
      'Sources: gold imported with the item, annotation consensus, review decision, production verdict; items under adjudication out; open disagreements out.',
    );
    expect(policySentence({ ...DEFAULT_LABEL_POLICY, sources: ['weak'], weakMinConfidence: 0.75, includeOpenDisagreements: true })).toBe(
      'Sources: weak label; weak labels at confidence ≥ 0.75; items under adjudication out; open disagreements in.',
    );
  }, 5_000);

  it('shortens a hash to 12 hex digits', () => {
    expect(shortHash('a'.repeat(64))).toBe('aaaaaaaaaaaa');
  }, 5_000);
});
