// The "New snapshot" form's draft: sources as checkboxes, the weak-label bar as typed, the two inclusion switches and a
// note, turned into the POST body. The bar is checked here only when weak labels are chosen (otherwise it is moot and
// the default is sent); the server's contract judges the rest.
import { DEFAULT_LABEL_POLICY, LABEL_SOURCES, type CreateSnapshotRequest, type LabelSource } from '@arbiter/contracts';

export interface PolicyDraft {
  sources: Record<LabelSource, boolean>;
  weakMinConfidence: string;
  includeUnderAdjudication: boolean;
  includeOpenDisagreements: boolean;
  note: string;
}

export function defaultPolicyDraft(): PolicyDraft {
  return {
    sources: Object.fromEntries(LABEL_SOURCES.map((s) => [s, DEFAULT_LABEL_POLICY.sources.includes(s)])) as Record<LabelSource, boolean>,
    weakMinConfidence: String(DEFAULT_LABEL_POLICY.weakMinConfidence),
    includeUnderAdjudication: DEFAULT_LABEL_POLICY.includeUnderAdjudication,
    includeOpenDisagreements: DEFAULT_LABEL_POLICY.includeOpenDisagreements,
    note: '',
  };
}

export type PolicyDraftResult = { ok: true; value: CreateSnapshotRequest } | { ok: false; errors: Record<string, string> };

export function toCreateSnapshotRequest(d: PolicyDraft): PolicyDraftResult {
  const sources = LABEL_SOURCES.filter((s) => d.sources[s]);
  const errors: Record<string, string> = {};
  if (sources.length === 0) errors['sources'] = 'Choose at least one source of labels.';
  let weakMinConfidence = DEFAULT_LABEL_POLICY.weakMinConfidence;
  if (d.sources.weak) {
    const t = d.weakMinConfidence.trim();
    const n = Number(t);
    if (t === '' || !Number.isFinite(n) || n < 0 || n > 1) errors['weakMinConfidence'] = 'Enter a confidence between 0 and 1, e.g. 0.9.';
    else weakMinConfidence = n;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const note = d.note.trim();
  return {
    ok: true,
    value: {
      policy: { sources, weakMinConfidence, includeUnderAdjudication: d.includeUnderAdjudication, includeOpenDisagreements: d.includeOpenDisagreements },
      ...(note ? { note } : {}),
    },
  };
}
