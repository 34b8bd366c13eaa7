// The routing settings form's draft: text fields as typed, turned into the PATCH body. Blank budget or SLA means
// none (null); anything else is sent as the number typed, so the server's contract judges its range and a bad value
// comes back as a 400 naming the field. Only what is not a number at all is stopped here (JSON would turn NaN into null,
// which would silently clear the setting).
import type { Escalation, RoutingSettings, UpdateRoutingSettings } from '@arbiter/contracts';

export interface RoutingSettingsDraft {
  shadowMode: boolean;
  reviewBudgetPerHour: string;
  slaMinutes: string;
  escalation: Escalation;
  autoApplyProposals: boolean;
}

export function routingSettingsDraft(s: RoutingSettings): RoutingSettingsDraft {
  return {
    shadowMode: s.shadowMode,
    reviewBudgetPerHour: s.reviewBudgetPerHour === null ? '' : String(s.reviewBudgetPerHour),
    slaMinutes: s.slaMinutes === null ? '' : String(s.slaMinutes),
    escalation: s.escalation,
    autoApplyProposals: s.autoApplyProposals,
  };
}

export type SettingsDraftResult = { ok: true; value: UpdateRoutingSettings } | { ok: false; errors: Record<string, string> };

function optionalNumber(text: string): number | null | undefined {
  const t = text.trim();
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

export function toRoutingSettingsRequest(d: RoutingSettingsDraft): SettingsDraftResult {
  const budget = optionalNumber(d.reviewBudgetPerHour);
  const sla = optionalNumber(d.slaMinutes);
  const errors: Record<string, string> = {};
  if (budget === undefined) errors['reviewBudgetPerHour'] = 'Enter a number of reviews per hour, or leave it blank for no budget.';
  if (sla === undefined) errors['slaMinutes'] = 'Enter a number of minutes, or leave it blank for no deadline.';
  if (budget === undefined || sla === undefined) return { ok: false, errors };
  return { ok: true, value: { shadowMode: d.shadowMode, reviewBudgetPerHour: budget, slaMinutes: sla, escalation: d.escalation, autoApplyProposals: d.autoApplyProposals } };
}
