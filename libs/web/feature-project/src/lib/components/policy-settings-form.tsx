import type { Project } from '@arbiter/contracts';
import { errorView, useUpdateProject } from '@arbiter/web/data-access';
import { Card, ErrorMessage } from '@arbiter/web/ui';
import { useState, type FormEvent } from 'react';
import { changedPolicyFields, policySettingsDraft, toPolicySettingsRequest, type PolicySettingsDraft } from '../policy-settings-draft';
import type { DraftErrors } from '../project-draft';
import { GoldCheckFields } from './gold-check-fields';
import { ReviewPolicyFields } from './review-policy-fields';

export interface PolicySettingsFormProps {
  project: Project;
}

/** The owner's consensus method, review threshold and gold checks (`PATCH /api/projects/:id`, changed fields only). */
export function PolicySettingsForm({ project }: PolicySettingsFormProps) {
  const [draft, setDraft] = useState<PolicySettingsDraft>(() => policySettingsDraft(project));
  const [errors, setErrors] = useState<DraftErrors>({});
  const update = useUpdateProject(project.id);
  const dirty = changedPolicyFields(draft, project).length > 0;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = toPolicySettingsRequest(draft, project);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    update.mutate(r.value, { onSuccess: (p) => setDraft(policySettingsDraft(p)) });
  };

  return (
    <Card title="Consensus, review and gold checks" testId="policy-settings">
      <form className="form" onSubmit={submit} aria-label="Consensus, review and gold check settings" noValidate>
        <ReviewPolicyFields values={draft} errors={errors} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} testIdPrefix="settings" />
        <p className="hint">
          Items whose annotators disagree always go to review. Saving a new method or threshold recomputes the consensus and the
          review queue right away.
        </p>
        <GoldCheckFields values={draft} errors={errors} onChange={(patch) => setDraft((d) => ({ ...d, ...patch }))} testIdPrefix="settings" />
        <div className="form__actions">
          <button type="submit" className="btn btn--primary" disabled={!dirty || update.isPending} data-testid="settings-save">
            {update.isPending ? 'Saving…' : 'Save'}
          </button>
          {update.isSuccess && !dirty && (
            <span className="saved" data-testid="settings-saved">
              Saved.
            </span>
          )}
        </div>
      </form>
      {update.isError && <ErrorMessage {...errorView(update.error)} />}
    </Card>
  );
}
