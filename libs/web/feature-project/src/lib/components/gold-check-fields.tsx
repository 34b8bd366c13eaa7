import type { DraftErrors } from '../project-draft';

export interface GoldCheckValues {
  goldSharePercent: string;
  minGoldAccuracyPercent: string;
  minGoldAnswers: string;
}

export interface GoldCheckFieldsProps {
  values: GoldCheckValues;
  errors: DraftErrors;
  onChange: (patch: Partial<GoldCheckValues>) => void;
  /** `project` on the create form, `settings` on the owner's settings form. */
  testIdPrefix: string;
}

/** The gold-check policy, as percentages: share of each annotator's tasks, and when inaccuracy pauses them. */
export function GoldCheckFields({ values, errors, onChange, testIdPrefix }: GoldCheckFieldsProps) {
  return (
    <>
      <div className="form__row">
        <label className="field">
          <span>Gold checks (% of each annotator&apos;s tasks)</span>
          <input
            type="number"
            min={0}
            max={50}
            step="any"
            value={values.goldSharePercent}
            onChange={(e) => onChange({ goldSharePercent: e.target.value })}
            aria-invalid={Boolean(errors['goldShare'])}
            data-testid={`${testIdPrefix}-gold-share`}
          />
          {errors['goldShare'] && <span className="field-error">{errors['goldShare']}</span>}
        </label>
        <label className="field">
          <span>Pause annotators under this accuracy (%)</span>
          <input
            type="number"
            min={0}
            max={100}
            step="any"
            placeholder="never"
            value={values.minGoldAccuracyPercent}
            onChange={(e) => onChange({ minGoldAccuracyPercent: e.target.value })}
            aria-invalid={Boolean(errors['minGoldAccuracy'])}
            data-testid={`${testIdPrefix}-min-gold-accuracy`}
          />
          {errors['minGoldAccuracy'] && <span className="field-error">{errors['minGoldAccuracy']}</span>}
        </label>
        <label className="field">
          <span>…once they answered this many checks</span>
          <input
            type="number"
            min={1}
            max={1000}
            step={1}
            value={values.minGoldAnswers}
            onChange={(e) => onChange({ minGoldAnswers: e.target.value })}
            aria-invalid={Boolean(errors['minGoldAnswers'])}
            data-testid={`${testIdPrefix}-min-gold-answers`}
          />
          {errors['minGoldAnswers'] && <span className="field-error">{errors['minGoldAnswers']}</span>}
        </label>
      </div>
      <p className="hint">
        Gold checks are items imported with a gold label, served to annotators like any other task; their answers are scored
        against gold and never count as labels. Leave the accuracy blank to never pause anyone.
      </p>
    </>
  );
}
