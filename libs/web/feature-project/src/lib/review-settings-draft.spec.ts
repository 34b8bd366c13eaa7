/// <reference types="jest" />
import { reviewSettingsDraft, toReviewSettingsRequest } from './review-settings-draft';

describe('review settings', () => {
  it('shows the stored threshold as a percentage and sends it back as a fraction', () => {
    const draft = reviewSettingsDraft({ consensusMethod: 'dawid-skene', reviewThreshold: 0.7 });
    expect(draft).toEqual({ consensusMethod: 'dawid-skene', reviewThresholdPercent: '70' });
    expect(toReviewSettingsRequest(draft)).toEqual({ ok: true, value: { consensusMethod: 'dawid-skene', reviewThreshold: 0.7 } });
  });

  it.each([
    ['blank', ''],
    ['above 100', '120'],
    ['negative', '-5'],
  ])('rejects a %s threshold', (_name, text) => {
    expect(toReviewSettingsRequest({ consensusMethod: 'majority', reviewThresholdPercent: text })).toEqual({
      ok: false,
      errors: { reviewThreshold: 'A percentage from 0 to 100' },
    });
  });
});
