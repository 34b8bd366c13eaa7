import { formatShare } from './stat-format';

export interface AccuracyBarProps {
  /** 0..1, or null when nothing has been measured yet. */
  value: number | null;
  /** The minimum, drawn as a tick on the track; a value under it shows as failing. */
  threshold?: number | null;
  /** What the value is based on, e.g. "3 of 4 checks right"; shown on hover. */
  title: string;
  testId?: string;
}

/** A share as a bar from 0 to 100% with its percentage beside it, and the minimum it must reach as a tick. */
export function AccuracyBar({ value, threshold = null, title, testId }: AccuracyBarProps) {
  const below = value !== null && threshold !== null && value < threshold;
  const classes = ['accuracy-bar', value === null ? 'is-null' : '', below ? 'is-below' : ''].filter(Boolean).join(' ');
  return (
    <span className={classes} title={title} data-testid={testId}>
      <span className="accuracy-bar__track" aria-hidden="true">
        {value !== null && <span className="accuracy-bar__fill" style={{ width: `${Math.max(0, Math.min(1, value)) * 100}%` }} />}
        {threshold !== null && <span className="accuracy-bar__min" style={{ left: `${Math.max(0, Math.min(1, threshold)) * 100}%` }} />}
      </span>
      <span className="accuracy-bar__value">{value === null ? '—' : formatShare(value)}</span>
    </span>
  );
}
