import { labelPath, type DraftErrors, type LabelDraft } from '../project-draft';

export interface LabelListEditorProps {
  labels: LabelDraft[];
  errors: DraftErrors;
  onChange: (labels: LabelDraft[]) => void;
}

export function LabelListEditor({ labels, errors, onChange }: LabelListEditorProps) {
  const update = (i: number, patch: Partial<LabelDraft>) => onChange(labels.map((l, j) => (j === i ? { ...l, ...patch } : l)));
  return (
    <fieldset className="label-editor">
      <legend>Labels</legend>
      <p className="hint">
        Order matters: a label without a hotkey is picked with its number (1–9). Keys s, u and r are taken by skip,
        undo and reload.
      </p>
      {errors['labelSchema.labels'] && <p className="field-error">{errors['labelSchema.labels']}</p>}
      <ol>
        {labels.map((l, i) => (
          <li key={i} className="label-editor__row">
            <label className="field field--inline">
              <span className="sr-only">Label {i + 1} name</span>
              <input
                value={l.name}
                placeholder={`Label ${i + 1}`}
                onChange={(e) => update(i, { name: e.target.value })}
                aria-invalid={Boolean(errors[labelPath(i, 'name')])}
                data-testid={`label-name-${i}`}
              />
            </label>
            <label className="field field--inline field--key">
              <span className="sr-only">Label {i + 1} hotkey</span>
              <input
                value={l.hotkey}
                maxLength={1}
                placeholder={i < 9 ? String(i + 1) : 'key'}
                onChange={(e) => update(i, { hotkey: e.target.value })}
                aria-invalid={Boolean(errors[labelPath(i, 'hotkey')])}
                data-testid={`label-hotkey-${i}`}
              />
            </label>
            <button
              type="button"
              className="btn btn--ghost"
              onClick={() => onChange(labels.filter((_, j) => j !== i))}
              aria-label={`Remove label ${i + 1}`}
            >
              ✕
            </button>
            {[errors[labelPath(i, 'name')], errors[labelPath(i, 'hotkey')]].filter(Boolean).map((m) => (
              <span key={m} className="field-error">
                {m}
              </span>
            ))}
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="btn"
        onClick={() => onChange([...labels, { name: '', hotkey: '' }])}
        data-testid="add-label"
      >
        + Add label
      </button>
    </fieldset>
  );
}
