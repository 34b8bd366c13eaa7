// The create-project form's state, and its translation into a request checked by the shared contract.
import { createProjectRequestSchema, type CreateProjectRequest } from '@arbiter/contracts';
import { RESERVED_LABEL_KEYS } from '@arbiter/web/ui';
import { parseCount, parseOptionalPercent, parsePercent } from './percent';

export interface LabelDraft {
  name: string;
  hotkey: string;
}

export type ConsensusMethod = CreateProjectRequest['consensusMethod'];

export interface ProjectDraft {
  name: string;
  description: string;
  guidelines: string;
  kind: 'single' | 'multi';
  overlap: string;
  /** Percent of items that get `overlap` annotators. */
  overlapPercent: string;
  consensusMethod: ConsensusMethod;
  /** Percent consensus confidence under which an item goes to review. */
  reviewThresholdPercent: string;
  /** Percent of each annotator's tasks that are gold checks. */
  goldSharePercent: string;
  /** Percent accuracy on gold checks under which an annotator is paused; blank: never. */
  minGoldAccuracyPercent: string;
  /** Checks answered before the accuracy can pause anyone. */
  minGoldAnswers: string;
  labels: LabelDraft[];
}

export const EMPTY_PROJECT_DRAFT: ProjectDraft = {
  name: '',
  description: '',
  guidelines: '',
  kind: 'single',
  overlap: '1',
  overlapPercent: '100',
  consensusMethod: 'majority',
  reviewThresholdPercent: '0',
  goldSharePercent: '0',
  minGoldAccuracyPercent: '',
  minGoldAnswers: '5',
  labels: [
    { name: '', hotkey: '' },
    { name: '', hotkey: '' },
  ],
};

/** Field errors keyed by the contract path, e.g. `labelSchema.labels.1.hotkey`. */
export type DraftErrors = Record<string, string>;

export function labelPath(i: number, field: keyof LabelDraft): string {
  return `labelSchema.labels.${i}.${field}`;
}

export function toCreateProjectRequest(
  d: ProjectDraft,
): { ok: true; value: CreateProjectRequest } | { ok: false; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const labels = d.labels.map((l, i) => {
    const hotkey = l.hotkey.trim().toLowerCase();
    if (RESERVED_LABEL_KEYS.includes(hotkey)) errors[labelPath(i, 'hotkey')] = `"${hotkey}" is reserved for skip, undo or reload`;
    return hotkey ? { name: l.name, hotkey } : { name: l.name };
  });
  const parsed = createProjectRequestSchema.safeParse({
    name: d.name,
    description: d.description,
    guidelines: d.guidelines,
    labelSchema: { kind: d.kind, labels },
    overlap: parseCount(d.overlap),
    overlapFraction: parsePercent(d.overlapPercent),
    consensusMethod: d.consensusMethod,
    reviewThreshold: parsePercent(d.reviewThresholdPercent),
    goldShare: parsePercent(d.goldSharePercent),
    minGoldAccuracy: parseOptionalPercent(d.minGoldAccuracyPercent),
    minGoldAnswers: parseCount(d.minGoldAnswers),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const path = issue.path.join('.');
      errors[path] ??= friendlyMessage(path, issue.code, issue.message);
    }
  }
  if (!parsed.success || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: parsed.data };
}

export function friendlyMessage(path: string, code: string, message: string): string {
  if (path === 'labelSchema.labels' && code === 'too_small') return 'Add at least two labels';
  if (code === 'too_small' && (path === 'name' || path.endsWith('.name'))) return 'Required';
  if (path === 'overlap') return 'A whole number from 1 to 50';
  if (path === 'overlapFraction') return 'A percentage above 0, at most 100';
  if (path === 'reviewThreshold') return 'A percentage from 0 to 100';
  if (path === 'goldShare') return 'A percentage from 0 to 50';
  if (path === 'minGoldAccuracy') return 'A percentage from 0 to 100, or blank to never pause';
  if (path === 'minGoldAnswers') return 'A whole number from 1 to 1000';
  return message;
}
