import { LABEL_SOURCES, type CreateSnapshotRequest } from '@arbiter/contracts';
import { Kbd } from '@arbiter/web/ui';
import { useState, type FormEvent } from 'react';
import { defaultPolicyDraft, toCreateSnapshotRequest, type PolicyDraft } from './policy-draft';
import { SOURCE_WORDS } from './snapshot-words';

export const NEW_SNAPSHOT_KEY = 'n';

export interface NewSnapshotFormProps {
  onCreate: (body: CreateSnapshotRequest) => void;
  pending: boolean;
  /** Set by the page so the `n` key submits the same draft the form shows. */
  formId: string;
}

/** The label policy of the next version (the default unless changed) and the button that opens it. */
export function NewSnapshotForm({ onCreate, pending, formId }: NewSnapshotFormProps) {
  const [draft, setDraft] = useState<PolicyDraft>(defaultPolicyDraft);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (patch: Partial<PolicyDraft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const r = toCreateSnapshotRequest(draft);
    if (!r.ok) return setErrors(r.errors);
    setErrors({});
    onCreate(r.value);
  };

  return (
    <form id={formId} className="form new-snapshot" onSubmit={submit} aria-label="New snapshot" noValidate>
      <details className="new-snapshot__policy">
        <summary>Label policy</summary>
        <fieldset className="new-snapshot__fields">
          <legend>Sources of labels</legend>
          {LABEL_SOURCES.map((s) => (
            <label key={s} className="choice">
              <input
                type="checkbox"
                checked={draft.sources[s]}
                onChange={(e) => set({ sources: { ...draft.sources, [s]: e.target.checked } })}
                data-testid={`policy-source-${s}`}
              />
              {SOURCE_WORDS[s]}
            </label>
          ))}
          {errors['sources'] && <span className="field-error">{errors['sources']}</span>}
          <label className="field">
            Minimum confidence of a weak label (0–1)
            <input
              inputMode="decimal"
              value={draft.weakMinConfidence}
              disabled={!draft.sources.weak}
              onChange={(e) => set({ weakMinConfidence: e.target.value })}
              data-testid="policy-weak-min"
            />
            {errors['weakMinConfidence'] && <span className="field-error">{errors['weakMinConfidence']}</span>}
          </label>
          <label className="choice">
            <input type="checkbox" checked={draft.includeUnderAdjudication} onChange={(e) => set({ includeUnderAdjudication: e.target.checked })} data-testid="policy-adjudication" />
            Include items under adjudication (with their current consensus)
          </label>
          <label className="choice">
            <input type="checkbox" checked={draft.includeOpenDisagreements} onChange={(e) => set({ includeOpenDisagreements: e.target.checked })} data-testid="policy-disagreements" />
            Include items with open disagreements
          </label>
          <label className="field">
            Note (optional)
            <input value={draft.note} maxLength={1000} onChange={(e) => set({ note: e.target.value })} data-testid="policy-note" />
          </label>
        </fieldset>
      </details>
      <div className="form__actions">
        <button type="submit" className="btn btn--primary" disabled={pending} data-testid="new-snapshot">
          {pending ? 'Starting…' : 'New snapshot'} <Kbd keyName={NEW_SNAPSHOT_KEY} />
        </button>
      </div>
    </form>
  );
}
