import type { LabelDef, LabelModelSummary } from '@arbiter/contracts';
import { formatCount, formatFraction, labelName } from '../lf-format';

export interface LabelModelPanelProps {
  labelModel: LabelModelSummary | null;
  labels: LabelDef[];
}

const MODEL_NAMES: Record<LabelModelSummary['chosen'], string> = { generative: 'Generative label model', majority: 'Majority vote' };

/** The latest fit: which model won and why, the class balance and the whole vote matrix's coverage figures. */
export function LabelModelPanel({ labelModel: m, labels }: LabelModelPanelProps) {
  if (!m) {
    return (
      <p className="empty" data-testid="label-model-empty">
        No label model yet: it is fitted once enabled LFs have voted.
      </p>
    );
  }
  return (
    <div className="label-model" data-testid="label-model">
      <p className="label-model__chosen">
        <strong data-testid="label-model-chosen">{MODEL_NAMES[m.chosen]}</strong>{' '}
        <span className="muted" data-testid="label-model-reason">
          {m.reason}
        </span>
      </p>
      {m.validationAccuracy && (
        <p className="hint" data-testid="label-model-validation">
          On {formatCount(m.validationAccuracy.rows)} gold items: generative {formatFraction(m.validationAccuracy.generative)}, majority vote{' '}
          {formatFraction(m.validationAccuracy.majority)}.
        </p>
      )}
      <dl className="numbers label-model__numbers">
        <div>
          <dt>Items covered</dt>
          <dd data-testid="label-model-covered">
            {formatCount(m.covered)} of {formatCount(m.items)}
          </dd>
        </div>
        <div>
          <dt>Label coverage</dt>
          <dd data-testid="label-model-coverage">{formatFraction(m.labelCoverage)}</dd>
        </div>
        <div>
          <dt>Label overlap</dt>
          <dd data-testid="label-model-overlap">{formatFraction(m.labelOverlap)}</dd>
        </div>
        <div>
          <dt>Label conflict</dt>
          <dd data-testid="label-model-conflict">{formatFraction(m.labelConflict)}</dd>
        </div>
        <div>
          <dt>Class balance</dt>
          <dd className="label-model__balance" data-testid="label-model-balance">
            {m.classBalance.map((p, i) => `${labelName(labels, i)} ${formatFraction(p)}`).join(' · ')}
          </dd>
        </div>
      </dl>
      <p className="hint">
        Fitted {new Date(m.fittedAt).toLocaleString()} over {m.lfVersionIds.length} LF version{m.lfVersionIds.length === 1 ? '' : 's'}.
      </p>
    </div>
  );
}
