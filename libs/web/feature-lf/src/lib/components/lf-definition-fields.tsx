import { LF_KIND_NAMES, type LabelDef } from '@arbiter/contracts';
import { COMPARISON_OPS, type DraftErrors, type LfDraft } from '../lf-draft';
import { KIND_NAMES } from '../lf-format';
import { CodeEditor } from './code-editor';
import { FieldError } from './field-error';

export interface LfDefinitionFieldsProps {
  draft: LfDraft;
  errors: DraftErrors;
  labels: LabelDef[];
  onChange: (patch: Partial<LfDraft>) => void;
}

/** The kind selector and the fields of the chosen kind; every kind but code votes one label chosen here (a model LF may leave it to the model). */
export function LfDefinitionFields({ draft, errors, labels, onChange }: LfDefinitionFieldsProps) {
  const comparison = (
    <>
      <label className="field">
        <span>Comparison</span>
        <select value={draft.op} onChange={(e) => onChange({ op: COMPARISON_OPS.find((o) => o === e.target.value) ?? draft.op })} data-testid="lf-op">
          {COMPARISON_OPS.map((op) => (
            <option key={op} value={op}>
              {op}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Value</span>
        <input
          type="number"
          step="any"
          value={draft.value}
          onChange={(e) => onChange({ value: e.target.value })}
          aria-invalid={Boolean(errors.value)}
          data-testid="lf-value"
        />
        <FieldError text={errors.value} />
      </label>
    </>
  );

  return (
    <>
      <div className="form__row">
        <label className="field">
          <span>Kind</span>
          <select
            value={draft.kind}
            onChange={(e) => onChange({ kind: LF_KIND_NAMES.find((k) => k === e.target.value) ?? draft.kind })}
            data-testid="lf-kind"
          >
            {LF_KIND_NAMES.map((k) => (
              <option key={k} value={k}>
                {KIND_NAMES[k]}
              </option>
            ))}
          </select>
        </label>
        {draft.kind !== 'code' && (
          <label className="field">
            <span>Votes</span>
            <select value={draft.label} onChange={(e) => onChange({ label: e.target.value })} aria-invalid={Boolean(errors.label)} data-testid="lf-label">
              <option value="">{draft.kind === 'model' ? 'the model’s most likely label' : 'choose a label…'}</option>
              {labels.map((l, i) => (
                <option key={i} value={String(i)}>
                  {l.name}
                </option>
              ))}
            </select>
            <FieldError text={errors.label} />
          </label>
        )}
      </div>
      {draft.kind === 'keyword' && (
        <div className="form__row">
          <label className="field lf-editor__wide">
            <span>Keywords (comma-separated, or one per line)</span>
            <textarea
              rows={2}
              value={draft.keywords}
              onChange={(e) => onChange({ keywords: e.target.value })}
              aria-invalid={Boolean(errors.keywords)}
              data-testid="lf-keywords"
            />
            <FieldError text={errors.keywords} />
          </label>
          <label className="field">
            <span>Match</span>
            <select value={draft.match} onChange={(e) => onChange({ match: e.target.value === 'substring' ? 'substring' : 'word' })} data-testid="lf-match">
              <option value="word">a whole word of the text</option>
              <option value="substring">anywhere in the text</option>
            </select>
          </label>
        </div>
      )}
      {draft.kind === 'regex' && (
        <div className="form__row">
          <label className="field lf-editor__wide">
            <span>Pattern (JavaScript syntax, searched in the text by the linear-time RE2 engine: no lookaround or backreferences)</span>
            <input
              className="mono"
              value={draft.pattern}
              onChange={(e) => onChange({ pattern: e.target.value })}
              aria-invalid={Boolean(errors.pattern)}
              data-testid="lf-pattern"
            />
            <FieldError text={errors.pattern} />
          </label>
          <label className="field">
            <span>Flags</span>
            <input
              className="mono lf-editor__flags"
              value={draft.flags}
              placeholder="i, m, s, u"
              onChange={(e) => onChange({ flags: e.target.value })}
              aria-invalid={Boolean(errors.flags)}
              data-testid="lf-flags"
            />
            <FieldError text={errors.flags} />
          </label>
        </div>
      )}
      {draft.kind === 'threshold' && (
        <div className="form__row">
          <label className="field">
            <span>Metadata field</span>
            <input value={draft.field} onChange={(e) => onChange({ field: e.target.value })} aria-invalid={Boolean(errors.field)} data-testid="lf-field" />
            <FieldError text={errors.field} />
          </label>
          {comparison}
        </div>
      )}
      {draft.kind === 'word-count' && <div className="form__row">{comparison}</div>}
      {draft.kind === 'model' && (
        <div className="form__row">
          <label className="field">
            <span>Model version</span>
            <input
              type="number"
              min={1}
              step={1}
              value={draft.modelVersion}
              onChange={(e) => onChange({ modelVersion: e.target.value })}
              aria-invalid={Boolean(errors.modelVersion)}
              data-testid="lf-model-version"
            />
            <FieldError text={errors.modelVersion} />
          </label>
          <label className="field">
            <span>Least probability</span>
            <input
              type="number"
              min={0}
              max={1}
              step={0.05}
              value={draft.minConfidence}
              onChange={(e) => onChange({ minConfidence: e.target.value })}
              aria-invalid={Boolean(errors.minConfidence)}
              data-testid="lf-min-confidence"
            />
            <FieldError text={errors.minConfidence} />
          </label>
          <span className="hint">
            Votes where the model (a version from the Active learning page, pinned so its votes never change) gives its most likely label at least
            this probability; items it never scored abstain.
          </span>
        </div>
      )}
      {draft.kind === 'code' && (
        <div className="field">
          <span>Function</span>
          <CodeEditor value={draft.source} onChange={(source) => onChange({ source })} label="Labeling function source" invalid={Boolean(errors.source)} testId="lf-code" />
          <span className="hint">
            Runs in a sandbox on each item (<code>item.text</code>, <code>item.metadata</code>, <code>item.id</code>) and returns a label index or{' '}
            <code>ABSTAIN</code>: {labels.map((l, i) => `${i} = ${l.name}`).join(', ')}.
          </span>
          <FieldError text={errors.source} />
        </div>
      )}
    </>
  );
}
