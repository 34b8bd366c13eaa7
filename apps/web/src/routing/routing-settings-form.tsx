import { ESCALATIONS, type Escalation, type RoutingSettings } from '@arbiter/contracts';
import { errorView, isApiError, useUpdateRoutingSettings } from '@arbiter/web/data-access';
import { Card, ErrorMessage } from '@arbiter/web/ui';
import { useState, type FormEvent } from 'react';
import { routingSettingsDraft, toRoutingSettingsRequest, type RoutingSettingsDraft } from './routing-settings-draft';

const ESCALATION_TEXT: Record<Escalation, string> = {
  act: 'act on the model’s label',
  senior: 'move it to the senior pool (engineers and owners)',
  wait: 'keep waiting (the breach is recorded)',
};

export interface RoutingSettingsFormProps {
  projectId: string;
  settings: RoutingSettings;
  /** Engineers and owners edit; reviewers read. */
  canEdit: boolean;
}

/** Shadow mode, reviewer budget, SLA, escalation and automatic application (`PATCH …/routing/settings`). */
export function RoutingSettingsForm({ projectId, settings, canEdit }: RoutingSettingsFormProps) {
  const [draft, setDraft] = useState<RoutingSettingsDraft>(() => routingSettingsDraft(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const update = useUpdateRoutingSettings(projectId);
  const set = (patch: Partial<RoutingSettingsDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = toRoutingSettingsRequest(draft);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    update.mutate(r.value, {
      onSuccess: (s) => setDraft(routingSettingsDraft(s)),
      // A 400 names each bad field: shown beside it.
      onError: (err) => {
        if (isApiError(err, 400)) setErrors(Object.fromEntries(errorView(err).details.map((d) => [d.path, d.message])));
      },
    });
  };
  const fieldError = (name: string) =>
    errors[name] && (
      <span className="field-error" data-testid={`routing-settings-error-${name}`}>
        {errors[name]}
      </span>
    );

  return (
    <Card title="Routing settings" testId="routing-settings">
      <form className="form" onSubmit={submit} aria-label="Routing settings" noValidate>
        <fieldset className="routing-settings__fields" disabled={!canEdit}>
          <label className="choice">
            <input type="checkbox" checked={draft.shadowMode} onChange={(e) => set({ shadowMode: e.target.checked })} data-testid="routing-shadow-mode" />
            Shadow mode: decide and record, but always answer act
          </label>
          <label className="field">
            Reviewer budget (reviews per hour; blank: unlimited)
            <input inputMode="numeric" value={draft.reviewBudgetPerHour} onChange={(e) => set({ reviewBudgetPerHour: e.target.value })} data-testid="routing-budget" />
            {fieldError('reviewBudgetPerHour')}
          </label>
          <label className="field">
            SLA (minutes a review may stay open; blank: no deadline)
            <input inputMode="numeric" value={draft.slaMinutes} onChange={(e) => set({ slaMinutes: e.target.value })} data-testid="routing-sla" />
            {fieldError('slaMinutes')}
          </label>
          <label className="field">
            Past the deadline
            <select value={draft.escalation} onChange={(e) => set({ escalation: e.target.value as Escalation })} data-testid="routing-escalation">
              {ESCALATIONS.map((x) => (
                <option key={x} value={x}>
                  {ESCALATION_TEXT[x]}
                </option>
              ))}
            </select>
            {fieldError('escalation')}
          </label>
          <label className="choice">
            <input type="checkbox" checked={draft.autoApplyProposals} onChange={(e) => set({ autoApplyProposals: e.target.checked })} data-testid="routing-auto-apply" />
            Apply each re-fit’s proposal at once, without approval
          </label>
        </fieldset>
        {canEdit && (
          <div className="form__actions">
            <button type="submit" className="btn btn--primary" disabled={update.isPending} data-testid="routing-settings-save">
              {update.isPending ? 'Saving…' : 'Save'}
            </button>
            {update.isSuccess && (
              <span className="saved" data-testid="routing-settings-saved">
                Saved.
              </span>
            )}
          </div>
        )}
      </form>
      {update.isError && <ErrorMessage {...errorView(update.error)} />}
    </Card>
  );
}
