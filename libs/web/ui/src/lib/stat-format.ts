// How agreement figures read on screen: coefficients with two decimals and a true minus sign, shares as
// percentages, each with its bootstrap interval and the number of items behind it, or why it is undefined.
import type { Stat } from '@arbiter/contracts';

export type StatFormat = 'coefficient' | 'share';

export function formatCoefficient(x: number): string {
  const s = x.toFixed(2);
  // −0.004 rounds to "-0.00": that is chance, not a negative coefficient.
  if (Number(s) === 0) return '0.00';
  return s.startsWith('-') ? `−${s.slice(1)}` : s;
}

export function formatShare(x: number): string {
  return `${Math.round(x * 100)}%`;
}

export function formatValue(x: number, format: StatFormat): string {
  return format === 'share' ? formatShare(x) : formatCoefficient(x);
}

export interface StatText {
  /** The point estimate, or an em dash when undefined. */
  value: string;
  /** "0.41–0.88", or null when there is no interval. */
  interval: string | null;
  n: string;
  /** Why the figure or its interval is missing. */
  reason: string | null;
  /** One sentence for a tooltip. */
  title: string;
}

export function describeStat(stat: Stat, format: StatFormat): StatText {
  const items = `${stat.n} item${stat.n === 1 ? '' : 's'}`;
  const n = `n = ${stat.n}`;
  if (stat.value === null) {
    const reason = stat.reason ?? 'not defined on these data';
    return { value: '—', interval: null, n, reason, title: `Undefined (${reason}); ${items}` };
  }
  const value = formatValue(stat.value, format);
  if (stat.low === null || stat.high === null) {
    const reason = stat.reason ?? 'no interval';
    return { value, interval: null, n, reason, title: `${value}, no interval (${reason}); ${items}` };
  }
  const interval = `${formatValue(stat.low, format)}–${formatValue(stat.high, format)}`;
  return { value, interval, n, reason: null, title: `${value}, 95% bootstrap interval ${interval}; ${items}` };
}
