import type { Stat } from '@arbiter/contracts';
import { describeStat, type StatFormat } from './stat-format';

export interface StatValueProps {
  stat: Stat;
  format: StatFormat;
  /** Table cells: the reason only in the tooltip. */
  compact?: boolean;
  testId?: string;
}

/** A figure with its 95% bootstrap interval and n, or a dash and the reason it is undefined. */
export function StatValue({ stat, format, compact, testId }: StatValueProps) {
  const t = describeStat(stat, format);
  return (
    <span className={stat.value === null ? 'stat-value is-null' : 'stat-value'} title={t.title} data-testid={testId}>
      <span className="stat-value__value">{t.value}</span>
      {t.interval && <span className="stat-value__interval">[{t.interval}]</span>}
      <span className="stat-value__n">{t.n}</span>
      {!compact && t.reason && <span className="stat-value__reason">{t.reason}</span>}
    </span>
  );
}
