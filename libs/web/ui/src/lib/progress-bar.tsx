export interface ProgressBarProps {
  value: number;
  /** `null` while the total is unknown: the bar is shown as indeterminate. */
  max: number | null;
  label: string;
  testId?: string;
}

export function ProgressBar({ value, max, label, testId }: ProgressBarProps) {
  const pct = max === null ? null : max <= 0 ? 0 : Math.min(100, Math.max(0, (value / max) * 100));
  return (
    <div className="progress" data-testid={testId}>
      <div
        className={pct === null ? 'progress__track is-indeterminate' : 'progress__track'}
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={max ?? undefined}
        aria-valuenow={max === null ? undefined : value}
      >
        <div className="progress__fill" style={{ width: pct === null ? '30%' : `${pct}%` }} />
      </div>
      <span className="progress__label">{label}</span>
    </div>
  );
}
