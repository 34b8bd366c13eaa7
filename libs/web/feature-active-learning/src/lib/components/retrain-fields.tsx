import type { AlSettingsDraft, DraftErrors } from '../al-settings-draft';

export type RetrainValues = Pick<AlSettingsDraft, 'retrainAfterLabels' | 'afterNewLabels' | 'retrainOnLfChange' | 'retrainOnSchedule' | 'everyMinutes'>;

export interface RetrainFieldsProps {
  values: RetrainValues;
  errors: DraftErrors;
  onChange: (patch: Partial<RetrainValues>) => void;
}

/** When a round starts by itself: after N new labels, when the LFs or the label model change, every N minutes. */
export function RetrainFields({ values, errors, onChange }: RetrainFieldsProps) {
  return (
    <fieldset className="field al-retrain">
      <legend>Retrain and select automatically</legend>
      <label className="choice">
        <input type="checkbox" checked={values.retrainAfterLabels} onChange={(e) => onChange({ retrainAfterLabels: e.target.checked })} data-testid="al-retrain-labels" />
        after
        <input
          type="number"
          className="al-retrain__number"
          min={1}
          step={1}
          value={values.afterNewLabels}
          disabled={!values.retrainAfterLabels}
          onChange={(e) => onChange({ afterNewLabels: e.target.value })}
          aria-label="New labels before a round"
          aria-invalid={Boolean(errors['retrain.afterNewLabels'])}
          data-testid="al-retrain-labels-count"
        />
        new labels
      </label>
      {errors['retrain.afterNewLabels'] && <span className="field-error">{errors['retrain.afterNewLabels']}</span>}
      <label className="choice">
        <input type="checkbox" checked={values.retrainOnLfChange} onChange={(e) => onChange({ retrainOnLfChange: e.target.checked })} data-testid="al-retrain-lf" />
        when the labeling functions or the label model change
      </label>
      <label className="choice">
        <input type="checkbox" checked={values.retrainOnSchedule} onChange={(e) => onChange({ retrainOnSchedule: e.target.checked })} data-testid="al-retrain-schedule" />
        every
        <input
          type="number"
          className="al-retrain__number"
          min={5}
          step={1}
          value={values.everyMinutes}
          disabled={!values.retrainOnSchedule}
          onChange={(e) => onChange({ everyMinutes: e.target.value })}
          aria-label="Minutes between rounds"
          aria-invalid={Boolean(errors['retrain.everyMinutes'])}
          data-testid="al-retrain-minutes"
        />
        minutes
      </label>
      {errors['retrain.everyMinutes'] && <span className="field-error">{errors['retrain.everyMinutes']}</span>}
    </fieldset>
  );
}
