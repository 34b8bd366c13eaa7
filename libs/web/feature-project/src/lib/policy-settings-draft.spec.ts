/// <reference types="jest" />
import { changedPolicyFields, policySettingsDraft, toPolicySettingsRequest, type PolicySettings } from './policy-settings-draft';

const saved: PolicySettings = { consensusMethod: 'dawid-skene', reviewThreshold: 0.7, goldShare: 0.25, minGoldAccuracy: 0.6, minGoldAnswers: 2 };

describe('policy settings', () => {
  it('shows the stored shares as percentages, and "never pause" as a blank accuracy', () => {
    expect(policySettingsDraft(saved)).toEqual({
      consensusMethod: 'dawid-skene',
      reviewThresholdPercent: '70',
      goldSharePercent: '25',
      minGoldAccuracyPercent: '60',
      minGoldAnswers: '2',
    });
    expect(policySettingsDraft({ ...saved, minGoldAccuracy: null }).minGoldAccuracyPercent).toBe('');
  });

  it('sends nothing when nothing changed', () => {
    expect(changedPolicyFields(policySettingsDraft(saved), saved)).toEqual([]);
    expect(toPolicySettingsRequest(policySettingsDraft(saved), saved)).toEqual({ ok: true, value: {} });
  });

  it('sends only the changed fields, as fractions', () => {
    const draft = { ...policySettingsDraft(saved), reviewThresholdPercent: '55.5', minGoldAnswers: '10' };
    expect(toPolicySettingsRequest(draft, saved)).toEqual({ ok: true, value: { reviewThreshold: 0.555, minGoldAnswers: 10 } });
  });

  it('leaves the consensus alone when only gold checks change', () => {
    const draft = { ...policySettingsDraft(saved), goldSharePercent: '10', minGoldAccuracyPercent: '' };
    expect(toPolicySettingsRequest(draft, saved)).toEqual({ ok: true, value: { goldShare: 0.1, minGoldAccuracy: null } });
  });

  it.each([
    ['a blank threshold', { reviewThresholdPercent: '' }, 'reviewThreshold', 'A percentage from 0 to 100'],
    ['a threshold above 100', { reviewThresholdPercent: '120' }, 'reviewThreshold', 'A percentage from 0 to 100'],
    ['a negative threshold', { reviewThresholdPercent: '-5' }, 'reviewThreshold', 'A percentage from 0 to 100'],
    ['a gold share above 50', { goldSharePercent: '75' }, 'goldShare', 'A percentage from 0 to 50'],
    ['an accuracy above 100', { minGoldAccuracyPercent: '101' }, 'minGoldAccuracy', 'A percentage from 0 to 100, or blank to never pause'],
    ['no checks before pausing', { minGoldAnswers: '0' }, 'minGoldAnswers', 'A whole number from 1 to 1000'],
  ])('rejects %s', (_name, over, path, message) => {
    expect(toPolicySettingsRequest({ ...policySettingsDraft(saved), ...over }, saved)).toEqual({ ok: false, errors: { [path]: message } });
  });
});
