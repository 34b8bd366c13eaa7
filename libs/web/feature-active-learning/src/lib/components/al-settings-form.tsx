import { MODEL_KINDS, type ActiveLearningSettings, type ActiveLearningSettingsView, type ModelKind, type UpdateActiveLearningSettings } from '@arbiter/contracts';
import { ErrorMessage, type ErrorMessageProps } from '@arbiter/web/ui';
import { useState, type FormEvent } from 'react';
import { MODEL_KIND_NAMES } from '../al-format';
import { isDraftChanged, percentText, settingsDraft, toSettingsUpdate, type AlSettingsDraft, type DraftErrors } from '../al-settings-draft';
import { NumberField } from './number-field';
import { RetrainFields } from './retrain-fields';
import { StrategySelect } from './strategy-select';

export interface AlSettingsFormProps {
  settings: ActiveLearningSettings;
  /** The project's test split, which every model version is measured on (set in the project's split settings). */
  testSplit: ActiveLearningSettingsView['testSplit'];
  /** Engineers and owners change the settings; everyone else reads them. */
  canEdit: boolean;
  saving: boolean;
  error: ErrorMessageProps | null;
  /** Sends the changed settings; resolves with what the server stored. */
  onSave: (body: UpdateActiveLearningSettings) => Promise<ActiveLearningSettings>;
}

/** How rounds select and what they train: the draft is checked by the settings contract, changed fields are sent. */
export function AlSettingsForm({ settings, testSplit, canEdit, saving, error, onSave }: AlSettingsFormProps) {
  const [draft, setDraft] = useState<AlSettingsDraft>(() => settingsDraft(settings));
  const [errors, setErrors] = useState<DraftErrors>({});
  const [saved, setSaved] = useState(false);
  const dirty = isDraftChanged(draft, settings);
  const set = (patch: Partial<AlSettingsDraft>) => {
    setSaved(false);
    setDraft((d) => ({ ...d, ...patch }));
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = toSettingsUpdate(draft, settings);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    onSave(r.value).then(
      (stored) => {
        setDraft(settingsDraft(stored));
        setSaved(true);
      },
      () => undefined, // shown through `error`
    );
  };

  return (
    <form className="form al-settings" onSubmit={submit} aria-label="Active learning settings" noValidate>
      <fieldset className="al-settings__fields" disabled={!canEdit}>
        <div className="form__row">
          <StrategySelect value={draft.strategy} onChange={(strategy) => set({ strategy })} testId="al-strategy" />
        </div>
        <div className="form__grid">
          <NumberField label="Batch size (items per round)" value={draft.batchSize} onChange={(batchSize) => set({ batchSize })} error={errors['batchSize']} min={1} max={1000} testId="al-batch-size" />
          {draft.strategy === 'hybrid' && (
            <NumberField
              label="Hybrid: top M by margin"
              value={draft.topM}
              onChange={(topM) => set({ topM })}
              error={errors['topM']}
              min={1}
              placeholder={`blank: 10 × batch`}
              testId="al-top-m"
            />
          )}
          <label className="field">
            <span>Model</span>
            <select value={draft.modelKind} onChange={(e) => set({ modelKind: e.target.value as ModelKind })} data-testid="al-model-kind">
              {MODEL_KINDS.map((k) => (
                <option key={k} value={k}>
                  {MODEL_KIND_NAMES[k]}
                </option>
              ))}
            </select>
          </label>
          <NumberField
            label="Warm-up: diversity only below (labels)"
            value={draft.warmUpLabels}
            onChange={(warmUpLabels) => set({ warmUpLabels })}
            error={errors['warmUpLabels']}
            min={0}
            testId="al-warm-up"
          />
        </div>
        <p className="hint" data-testid="al-evaluation-split">
          Evaluated on the project’s test split ({testSplit.items.toLocaleString('en-US')} {testSplit.items === 1 ? 'item' : 'items'} so far,{' '}
          {percentText(testSplit.ratio)}% of newly labeled items): never trained on, never selected, and every model version is measured on its gold
          items. The split ratios are part of the project’s split settings.
        </p>
        <RetrainFields values={draft} errors={errors} onChange={set} />
        <fieldset className="field al-weak">
          <legend>Weak labels</legend>
          <label className="choice">
            <input type="checkbox" checked={draft.useWeakLabels} onChange={(e) => set({ useWeakLabels: e.target.checked })} data-testid="al-weak-labels" />
            also train on the label model’s weak labels
          </label>
          {draft.useWeakLabels && (
            <div className="form__row">
              <NumberField
                label="Weight of a weak label (0–1)"
                value={draft.weakLabelWeight}
                onChange={(weakLabelWeight) => set({ weakLabelWeight })}
                error={errors['weakLabelWeight']}
                min={0}
                max={1}
                step="any"
                testId="al-weak-weight"
              />
              <NumberField
                label="Only at confidence of at least (%)"
                value={draft.weakLabelMinConfidencePercent}
                onChange={(weakLabelMinConfidencePercent) => set({ weakLabelMinConfidencePercent })}
                error={errors['weakLabelMinConfidence']}
                min={0}
                max={100}
                step="any"
                testId="al-weak-confidence"
              />
            </div>
          )}
        </fieldset>
      </fieldset>
      {canEdit ? (
        <div className="form__actions">
          <button type="submit" className="btn btn--primary" disabled={!dirty || saving} data-testid="al-settings-save">
            {saving ? 'Saving…' : 'Save settings'}
          </button>
          {saved && !dirty && (
            <span className="saved" data-testid="al-settings-saved">
              Saved.
            </span>
          )}
        </div>
      ) : (
        <p className="hint">Engineers and owners change these settings.</p>
      )}
      {error && <ErrorMessage {...error} testId="al-settings-error" />}
    </form>
  );
}
