import { SPLITS, type SplitSettings } from '@arbiter/contracts';
import { errorView, isApiError, usePutSplitSettings } from '@arbiter/web/data-access';
import { Card, ErrorMessage } from '@arbiter/web/ui';
import { useState, type FormEvent } from 'react';
import { splitSettingsDraft, toPutSplitSettingsRequest, type SplitSettingsDraft } from './split-settings-draft';

export interface SplitSettingsPanelProps {
  projectId: string;
  settings: SplitSettings;
  /** Owners edit; everyone else reads. */
  canEdit: boolean;
}

/** The project's split assignment: ratios, group key and seed (`PUT …/split-settings`), and items assigned so far. */
export function SplitSettingsPanel({ projectId, settings, canEdit }: SplitSettingsPanelProps) {
  const [draft, setDraft] = useState<SplitSettingsDraft>(() => splitSettingsDraft(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const put = usePutSplitSettings(projectId);
  const assigned = settings.assigned.train + settings.assigned.valid + settings.assigned.test;
  const set = (patch: Partial<SplitSettingsDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = toPutSplitSettingsRequest(draft, settings);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    put.mutate(r.value, {
      onSuccess: (s) => setDraft(splitSettingsDraft(s)),
      // A 400 names each bad field; a 409 (group key or seed after assignment) is shown whole below.
      onError: (err) => {
        if (isApiError(err, 400)) setErrors(Object.fromEntries(errorView(err).details.map((d) => [d.path.split('.')[0], d.message])));
      },
    });
  };

  return (
    <Card title="Split settings" testId="split-settings">
      <p className="hint" data-testid="split-assigned">
        {assigned === 0
          ? 'No item has a split yet: each gets one when it first has a label, and keeps it in every later version.'
          : `${assigned} items assigned (train ${settings.assigned.train}, valid ${settings.assigned.valid}, test ${settings.assigned.test}); an item keeps its split in every later version, so the group key and seed are now fixed.`}
      </p>
      <form className="form" onSubmit={submit} aria-label="Split settings" noValidate>
        <fieldset className="split-settings__fields" disabled={!canEdit}>
          <div className="form__row">
            {SPLITS.map((s) => (
              <label key={s} className="field">
                {s} %
                <input inputMode="decimal" value={draft.percent[s]} onChange={(e) => set({ percent: { ...draft.percent, [s]: e.target.value } })} data-testid={`split-ratio-${s}`} />
              </label>
            ))}
          </div>
          {errors['ratios'] && <span className="field-error" data-testid="split-error-ratios">{errors['ratios']}</span>}
          <label className="field">
            Group key (a metadata field; one group never spans two splits; blank: none)
            <input value={draft.groupKey} onChange={(e) => set({ groupKey: e.target.value })} data-testid="split-group-key" />
            {errors['groupKey'] && <span className="field-error">{errors['groupKey']}</span>}
          </label>
          <label className="field">
            Seed
            <input inputMode="numeric" value={draft.seed} onChange={(e) => set({ seed: e.target.value })} data-testid="split-seed" />
            {errors['seed'] && <span className="field-error">{errors['seed']}</span>}
          </label>
        </fieldset>
        {canEdit && (
          <div className="form__actions">
            <button type="submit" className="btn" disabled={put.isPending} data-testid="split-settings-save">
              {put.isPending ? 'Saving…' : 'Save'}
            </button>
            {put.isSuccess && <span className="saved">Saved.</span>}
          </div>
        )}
      </form>
      {put.isError && <ErrorMessage {...errorView(put.error)} testId="split-settings-error" />}
    </Card>
  );
}
