import type { Stat } from '@arbiter/contracts';
import { StatValue } from './stat-value';

export interface IntervalBarsRow {
  key: string;
  name: string;
  stat: Stat;
}

export interface IntervalBarsProps {
  title: string;
  rows: IntervalBarsRow[];
  testId?: string;
}

/**
 * Coefficients as bars from 0 with their 95% interval drawn as a whisker. The axis runs to 1 and down to the
 * lowest value or bound shown (at least 0, at most −1), so a negative coefficient reads as one.
 */
export function IntervalBars({ title, rows, testId = 'interval-bars' }: IntervalBarsProps) {
  const lows = rows.flatMap((r) => [r.stat.value, r.stat.low]).filter((x): x is number => x !== null);
  const lo = Math.max(-1, Math.min(0, ...lows));
  const pos = (x: number) => ((Math.max(lo, Math.min(1, x)) - lo) / (1 - lo)) * 100;
  return (
    <figure className="interval-bars" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <ul>
        {rows.map(({ key, name, stat }) => (
          <li key={key} className="interval-bars__row" data-testid={`${testId}-row-${name}`}>
            <span className="interval-bars__name" title={name}>
              {name}
            </span>
            <span className="interval-bars__track" aria-hidden="true">
              {lo < 0 && <span className="interval-bars__zero" style={{ left: `${pos(0)}%` }} />}
              {stat.value !== null && (
                <span
                  className={stat.value < 0 ? 'interval-bars__bar is-negative' : 'interval-bars__bar'}
                  style={{ left: `${Math.min(pos(0), pos(stat.value))}%`, width: `${Math.abs(pos(stat.value) - pos(0))}%` }}
                />
              )}
              {stat.low !== null && stat.high !== null && (
                <span className="interval-bars__whisker" style={{ left: `${pos(stat.low)}%`, width: `${pos(stat.high) - pos(stat.low)}%` }} />
              )}
            </span>
            <StatValue stat={stat} format="coefficient" compact />
          </li>
        ))}
      </ul>
    </figure>
  );
}
