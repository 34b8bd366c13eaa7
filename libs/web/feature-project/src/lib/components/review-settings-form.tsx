import type { Project } from '@arbiter/contracts';
import { errorView, useUpdateProject } from '@arbiter/web/data-access';
import { Card, ErrorMessage } from '@arbiter/web/ui';
import { useState, type FormEvent } from 'react';
import type { DraftErrors } from '../project-draft';
import { reviewSettingsDraft, toReviewSettingsRequest, type ReviewSettingsDraft } from '../review-settings-draft';
import { ConsensusMethodSelect } from './consensus-method-select';

export interface ReviewSettingsFormProps {
  project: Project;
}

/** The owner's consensus method and review threshold (`PATCH /api/projects/:id`). */
export function ReviewSettingsForm({ project }: ReviewSettingsFormProps) {
  const [draft, setDraft] = useState<ReviewSettingsDraft>(() => reviewSettingsDraft(project));
  const [errors, setErrors] = useState<DraftErrors>({});
  const update = useUpdateProject(project.id);
  const saved = reviewSettingsDraft(project);
  const dirty = draft.consensusMethod !== saved.consensusMethod || draft.reviewThresholdPercent !== saved.reviewThresholdPercent;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = toReviewSettingsRequest(draft);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    update.mutate(r.value, { onSuccess: (p) => setDraft(reviewSettingsDraft(p)) });
  };

  return (
    <Card title="Consensus and review" testId="review-settings">
      <form className="form" onSubmit={submit} aria-label="Consensus and review settings" noValidate>
        <div className="form__row">
          <label className="field">
            <span>Consensus method</span>
            <ConsensusMethodSelect
              value={draft.consensusMethod}
              onChange={(consensusMethod) => setDraft((d) => ({ ...d, consensusMethod }))}
              testId="settings-consensus-method"
            />
          </label>
          <label className="field">
            <span>Review items with consensus confidence below (%)</span>
            <input
              type="number"
              min={0}
              max={100}
              step="any"
              value={draft.reviewThresholdPercent}
              onChange={(e) => setDraft((d) => ({ ...d, reviewThresholdPercent: e.target.value }))}
              aria-invalid={Boolean(errors['reviewThreshold'])}
              data-testid="settings-review-threshold"
            />
            {errors['reviewThreshold'] && <span className="field-error">{errors['reviewThreshold']}</span>}
          </label>
          <div className="form__actions">
            <button type="submit" className="btn btn--primary" disabled={!dirty || update.isPending} data-testid="settings-save">
              {update.isPending ? 'Saving…' : 'Save'}
            </button>
          </div>
        </div>
        <p className="hint">
          Items whose annotators disagree always go to review. The new settings apply from the next recomputation, which runs
          after the next annotation or decision.
          {update.isSuccess && !dirty && (
            <span className="saved" data-testid="settings-saved">
              {' '}
              Saved.
            </span>
          )}
        </p>
      </form>
      {update.isError && <ErrorMessage {...errorView(update.error)} />}
    </Card>
  );
}
