/// <reference types="jest" />
import { EMPTY_PROJECT_DRAFT, toCreateProjectRequest, type ProjectDraft } from './project-draft';

const draft = (over: Partial<ProjectDraft>): ProjectDraft => ({ ...EMPTY_PROJECT_DRAFT, ...over });

describe('toCreateProjectRequest', () => {
  it('builds the request, dropping empty hotkeys and lower-casing the others', () => {
    const r = toCreateProjectRequest(
      draft({ name: 'Spam', overlap: '2', labels: [{ name: 'ham', hotkey: 'H' }, { name: 'spam', hotkey: '' }] }),
    );
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({
        name: 'Spam',
        overlap: 2,
        labelSchema: { kind: 'single', labels: [{ name: 'ham', hotkey: 'h' }, { name: 'spam' }] },
        overlapFraction: 1,
        consensusMethod: 'majority',
        reviewThreshold: 0,
        goldShare: 0,
        minGoldAccuracy: null,
        minGoldAnswers: 5,
      }),
    });
  });

  it('sends gold checks as fractions, and a blank accuracy as "never pause"', () => {
    const labels = [{ name: 'a', hotkey: '' }, { name: 'b', hotkey: '' }];
    expect(toCreateProjectRequest(draft({ name: 'G', labels, goldSharePercent: '25', minGoldAccuracyPercent: '60', minGoldAnswers: '2' }))).toEqual({
      ok: true,
      value: expect.objectContaining({ goldShare: 0.25, minGoldAccuracy: 0.6, minGoldAnswers: 2 }),
    });
    expect(toCreateProjectRequest(draft({ name: 'G', labels, goldSharePercent: '10', minGoldAccuracyPercent: ' ' }))).toEqual({
      ok: true,
      value: expect.objectContaining({ goldShare: 0.1, minGoldAccuracy: null, minGoldAnswers: 5 }),
    });
  });

  it('turns the percentages into fractions', () => {
    const r = toCreateProjectRequest(
      draft({
        name: 'Sampled',
        overlap: '3',
        overlapPercent: '10',
        consensusMethod: 'dawid-skene',
        reviewThresholdPercent: '75',
        labels: [{ name: 'a', hotkey: '' }, { name: 'b', hotkey: '' }],
      }),
    );
    expect(r).toEqual({
      ok: true,
      value: expect.objectContaining({ overlap: 3, overlapFraction: 0.1, consensusMethod: 'dawid-skene', reviewThreshold: 0.75 }),
    });
  });

  it.each([
    ['a missing name', { name: '' }, 'name', 'Required'],
    ['an empty label', { labels: [{ name: 'a', hotkey: '' }, { name: '', hotkey: '' }] }, 'labelSchema.labels.1.name', 'Required'],
    ['a single label', { labels: [{ name: 'a', hotkey: '' }] }, 'labelSchema.labels', 'Add at least two labels'],
    ['the skip key as a hotkey', { labels: [{ name: 'a', hotkey: 's' }, { name: 'b', hotkey: '' }] }, 'labelSchema.labels.0.hotkey', '"s" is reserved for skip, undo or reload'],
    ['a duplicate hotkey', { labels: [{ name: 'a', hotkey: 'x' }, { name: 'b', hotkey: 'x' }] }, 'labelSchema.labels.1.hotkey', 'hotkey "x" is already used'],
    ['overlap zero', { overlap: '0' }, 'overlap', 'A whole number from 1 to 50'],
    ['an overlap share of 0%', { overlapPercent: '0' }, 'overlapFraction', 'A percentage above 0, at most 100'],
    ['an overlap share above 100%', { overlapPercent: '150' }, 'overlapFraction', 'A percentage above 0, at most 100'],
    ['a blank review threshold', { reviewThresholdPercent: '' }, 'reviewThreshold', 'A percentage from 0 to 100'],
    ['a gold share above 50%', { goldSharePercent: '60' }, 'goldShare', 'A percentage from 0 to 50'],
    ['a blank gold share', { goldSharePercent: '' }, 'goldShare', 'A percentage from 0 to 50'],
    ['a minimum accuracy above 100%', { minGoldAccuracyPercent: '120' }, 'minGoldAccuracy', 'A percentage from 0 to 100, or blank to never pause'],
    ['zero checks before pausing', { minGoldAnswers: '0' }, 'minGoldAnswers', 'A whole number from 1 to 1000'],
    ['a fractional number of checks', { minGoldAnswers: '2.5' }, 'minGoldAnswers', 'A whole number from 1 to 1000'],
  ])('rejects %s', (_name, over, path, message) => {
    const base = { name: 'P', labels: [{ name: 'a', hotkey: '' }, { name: 'b', hotkey: '' }] };
    const r = toCreateProjectRequest(draft({ ...base, ...over }));
    expect(r.ok).toBe(false);
    expect(r.ok ? {} : r.errors).toHaveProperty([path], message);
  });
});
