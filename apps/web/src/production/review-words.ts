// The production review screen's words: why a prediction was routed, and how long is left before its deadline.
import type { RouteReasonView } from '@arbiter/contracts';

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
const cost = (x: number) => x.toFixed(3).replace(/\.?0+$/, '') || '0';

/** One routing reason as a sentence a reviewer can act on. */
export function reasonText(reason: RouteReasonView, labels: readonly string[]): string {
  switch (reason.kind) {
    case 'expected-cost':
      return `Acting on the cheapest label would still cost ${cost(reason.minExpectedCost)} on average, more than a review (${cost(reason.reviewCost)}).`;
    case 'confidence-floor':
      return `The model is ${pct(reason.confidence)} sure of ${labels[reason.label] ?? `label ${reason.label}`}, under its floor of ${pct(reason.minConfidence)}.`;
    case 'rule':
      return `Its metadata matched the routing rule "${reason.ruleId}".`;
    case 'similar-cases':
      return `Reviewers overturned the model on ${reason.overturned} of the ${reason.neighbours} most similar reviewed predictions.`;
    case 'audit':
      return `Picked at random for an audit (${pct(reason.share)} of confident predictions), to keep measuring the model.`;
  }
}

/** A short title per reason kind, shown as a badge. */
export const REASON_TITLE: Record<RouteReasonView['kind'], string> = {
  'expected-cost': 'Expected cost',
  'confidence-floor': 'Confidence floor',
  rule: 'Rule',
  'similar-cases': 'Similar cases',
  audit: 'Audit',
};

/** "Due in 4m 05s", "Due in 2h 03m", or "Overdue by 12s": the time from `now` to `deadline` (both ms). */
export function countdownText(deadline: number, now: number): string {
  const left = deadline - now;
  const s = Math.floor(Math.abs(left) / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const two = (n: number) => String(n).padStart(2, '0');
  const span = h > 0 ? `${h}h ${two(m)}m` : m > 0 ? `${m}m ${two(s % 60)}s` : `${s % 60}s`;
  return left >= 0 ? `Due in ${span}` : `Overdue by ${span}`;
}
