import type { ConsensusMethod, DraftErrors } from '../project-draft';
import { ConsensusMethodSelect } from './consensus-method-select';

export interface ReviewPolicyValues {
  consensusMethod: ConsensusMethod;
  reviewThresholdPercent: string;
}

export interface ReviewPolicyFieldsProps {
  values: ReviewPolicyValues;
  errors: DraftErrors;
  onChange: (patch: Partial<ReviewPolicyValues>) => void;
  /** `project` on the create form, `settings` on the owner's settings form. */
  testIdPrefix: string;
}

/** How items are settled: the consensus method, and the confidence under which an item goes to review. */
export function ReviewPolicyFields({ values, errors, onChange, testIdPrefix }: ReviewPolicyFieldsProps) {
  return (
    <div className="form__row">
      <label className="field">
        <span>Consensus method</span>
        <ConsensusMethodSelect
          value={values.consensusMethod}
          onChange={(consensusMethod) => onChange({ consensusMethod })}
          testId={`${testIdPrefix}-consensus-method`}
        />
      </label>
      <label className="field">
        <span>Review items with consensus confidence below (%)</span>
        <input
          type="number"
          min={0}
          max={100}
          step="any"
          value={values.reviewThresholdPercent}
          onChange={(e) => onChange({ reviewThresholdPercent: e.target.value })}
          aria-invalid={Boolean(errors['reviewThreshold'])}
          data-testid={`${testIdPrefix}-review-threshold`}
        />
        {errors['reviewThreshold'] && <span className="field-error">{errors['reviewThreshold']}</span>}
      </label>
    </div>
  );
}
