import { putSplitSettingsRequestSchema } from '@arbiter/contracts';
import { splitSettingsDraft, toPutSplitSettingsRequest } from './split-settings-draft';

const CURRENT = { seed: 42, ratios: { train: 0.8, valid: 0.1, test: 0.1 }, groupKey: null, assigned: { train: 8, valid: 1, test: 1 } };

describe('split settings draft', () => {
  it('shows the ratios as percentages and sends nothing when nothing changed', () => {
    const d = splitSettingsDraft(CURRENT);
    expect(d).toEqual({ percent: { train: '80', valid: '10', test: '10' }, groupKey: '', seed: '42' });
    expect(toPutSplitSettingsRequest(d, CURRENT)).toEqual({ ok: true, value: {} });
  }, 5_000);

  it('sends only what changed: new ratios as fractions the contract accepts, a group key, a seed', () => {
    const d = { percent: { train: '70', valid: '15', test: '15' }, groupKey: ' author ', seed: '42' };
    const r = toPutSplitSettingsRequest(d, CURRENT);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.groupKey).toBe('author');
    expect(r.value.seed).toBeUndefined();
    expect(r.value.ratios!.train).toBeCloseTo(0.7, 12);
    expect(r.value.ratios!.test).toBeCloseTo(0.15, 12);
    expect(putSplitSettingsRequestSchema.safeParse(r.value).success).toBe(true);
    // Clearing the group key sends null, not an empty string.
    expect(toPutSplitSettingsRequest({ ...splitSettingsDraft({ ...CURRENT, groupKey: 'author' }), groupKey: '' }, { ...CURRENT, groupKey: 'author' })).toEqual({ ok: true, value: { groupKey: null } });
  }, 5_000);

  it('refuses percentages that do not add up to 100 and a seed that is no whole number', () => {
    const r = toPutSplitSettingsRequest({ percent: { train: '80', valid: '15', test: '10' }, groupKey: '', seed: '4.5' }, CURRENT);
    expect(r).toEqual({ ok: false, errors: { ratios: 'The splits add up to 105%, not 100%.', seed: 'Enter a whole number from 0 to 2147483647.' } });
    expect(toPutSplitSettingsRequest({ percent: { train: 'x', valid: '10', test: '10' }, groupKey: '', seed: '1' }, CURRENT)).toEqual({
      ok: false,
      errors: { ratios: 'Enter each split as a percentage between 0 and 100.' },
    });
  }, 5_000);
});
