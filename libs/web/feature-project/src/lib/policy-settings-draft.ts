// The owner's policy settings form (consensus method, review threshold, gold checks), checked by the update
// contract. Only the fields the owner changed are sent: a new method or threshold makes the server recompute the
// consensus and the review queue, which a change to the gold checks alone should not trigger.
import { updateProjectRequestSchema, type Project, type UpdateProjectRequest } from '@arbiter/contracts';
import { parseCount, parseOptionalPercent, parsePercent, percentText } from './percent';
import { friendlyMessage, type ConsensusMethod, type DraftErrors } from './project-draft';

export interface PolicySettingsDraft {
  consensusMethod: ConsensusMethod;
  reviewThresholdPercent: string;
  goldSharePercent: string;
  /** Blank: never pause. */
  minGoldAccuracyPercent: string;
  minGoldAnswers: string;
}

export type PolicySettings = Pick<Project, 'consensusMethod' | 'reviewThreshold' | 'goldShare' | 'minGoldAccuracy' | 'minGoldAnswers'>;

export function policySettingsDraft(p: PolicySettings): PolicySettingsDraft {
  return {
    consensusMethod: p.consensusMethod,
    reviewThresholdPercent: percentText(p.reviewThreshold),
    goldSharePercent: percentText(p.goldShare),
    minGoldAccuracyPercent: p.minGoldAccuracy === null ? '' : percentText(p.minGoldAccuracy),
    minGoldAnswers: String(p.minGoldAnswers),
  };
}

/** Each draft field with the request field it becomes. */
const FIELDS = {
  consensusMethod: (d: PolicySettingsDraft) => ({ consensusMethod: d.consensusMethod }),
  reviewThresholdPercent: (d: PolicySettingsDraft) => ({ reviewThreshold: parsePercent(d.reviewThresholdPercent) }),
  goldSharePercent: (d: PolicySettingsDraft) => ({ goldShare: parsePercent(d.goldSharePercent) }),
  minGoldAccuracyPercent: (d: PolicySettingsDraft) => ({ minGoldAccuracy: parseOptionalPercent(d.minGoldAccuracyPercent) }),
  minGoldAnswers: (d: PolicySettingsDraft) => ({ minGoldAnswers: parseCount(d.minGoldAnswers) }),
} satisfies Record<keyof PolicySettingsDraft, (d: PolicySettingsDraft) => Partial<Record<keyof UpdateProjectRequest, unknown>>>;

/** The fields whose text differs from what is stored (compared as shown, so 55.5 typed over 55.5 is no change). */
export function changedPolicyFields(d: PolicySettingsDraft, saved: PolicySettings): (keyof PolicySettingsDraft)[] {
  const base = policySettingsDraft(saved);
  return (Object.keys(FIELDS) as (keyof PolicySettingsDraft)[]).filter((k) => d[k].trim() !== base[k]);
}

export function toPolicySettingsRequest(
  d: PolicySettingsDraft,
  saved: PolicySettings,
): { ok: true; value: UpdateProjectRequest } | { ok: false; errors: DraftErrors } {
  const body = Object.assign({}, ...changedPolicyFields(d, saved).map((k) => FIELDS[k](d)));
  const parsed = updateProjectRequestSchema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: DraftErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    errors[path] ??= friendlyMessage(path, issue.code, issue.message);
  }
  return { ok: false, errors };
}
