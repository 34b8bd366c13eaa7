// The owner's review settings form (consensus method, review threshold), checked by the update contract.
import { updateProjectRequestSchema, type Project, type UpdateProjectRequest } from '@arbiter/contracts';
import { parsePercent, percentText } from './percent';
import { friendlyMessage, type ConsensusMethod, type DraftErrors } from './project-draft';

export interface ReviewSettingsDraft {
  consensusMethod: ConsensusMethod;
  reviewThresholdPercent: string;
}

export function reviewSettingsDraft(p: Pick<Project, 'consensusMethod' | 'reviewThreshold'>): ReviewSettingsDraft {
  return { consensusMethod: p.consensusMethod, reviewThresholdPercent: percentText(p.reviewThreshold) };
}

export function toReviewSettingsRequest(
  d: ReviewSettingsDraft,
): { ok: true; value: UpdateProjectRequest } | { ok: false; errors: DraftErrors } {
  const parsed = updateProjectRequestSchema.safeParse({
    consensusMethod: d.consensusMethod,
    reviewThreshold: parsePercent(d.reviewThresholdPercent),
  });
  if (parsed.success) return { ok: true, value: parsed.data };
  const errors: DraftErrors = {};
  for (const issue of parsed.error.issues) {
    const path = issue.path.join('.');
    errors[path] ??= friendlyMessage(path, issue.code, issue.message);
  }
  return { ok: false, errors };
}
