import { routingSettingsDraft, toRoutingSettingsRequest } from './routing-settings-draft';

const SETTINGS = { shadowMode: false, reviewBudgetPerHour: null, slaMinutes: 60, escalation: 'wait' as const, autoApplyProposals: false };

describe('routing settings draft', () => {
  it('round-trips the server’s settings, blank meaning none', () => {
    const draft = routingSettingsDraft(SETTINGS);
    expect([draft.reviewBudgetPerHour, draft.slaMinutes]).toEqual(['', '60']);
    expect(toRoutingSettingsRequest(draft)).toEqual({ ok: true, value: SETTINGS });
  });

  it('sends a number as typed, out of range or not, so the server names the field', () => {
    const r = toRoutingSettingsRequest({ ...routingSettingsDraft(SETTINGS), reviewBudgetPerHour: ' 0 ', slaMinutes: '2.5' });
    expect(r).toEqual({ ok: true, value: { ...SETTINGS, reviewBudgetPerHour: 0, slaMinutes: 2.5 } });
  });

  it('stops text that is no number, instead of sending null and clearing the setting', () => {
    const r = toRoutingSettingsRequest({ ...routingSettingsDraft(SETTINGS), reviewBudgetPerHour: 'ten' });
    expect(r).toEqual({ ok: false, errors: { reviewBudgetPerHour: 'Enter a number of reviews per hour, or leave it blank for no budget.' } });
  });
});
