// Shared shapes and guards for the agreement coefficients: every coefficient is a number or null with a reason,
// never NaN, Infinity or a throw, so callers can store and render it without special cases.

export type KappaWeights = 'none' | 'linear' | 'quadratic';

/** A rating: a finite number, or null for "not rated". */
export type Rating = number | null;

// v − v is 0 for finite numbers and NaN for NaN and ±Infinity. Plain arithmetic rather than Number.isFinite, which
// V8 does not inline when called across realms (jest's sandbox): it made a 1M-rating pass ~30× slower there.
export function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && v - v === 0;
}

/** NaN or ±Infinity become null: the one place a computed ratio is turned into a public number. */
export function finiteOrNull(v: number): number | null {
  return Number.isFinite(v) ? v : null;
}

/** Checks an optional explicit label set: finite, distinct, non-empty. Returns a reason when it is not. */
export function invalidLabels(labels: unknown): string | null {
  if (labels === undefined) return null;
  if (!Array.isArray(labels) || labels.length === 0) return 'labels must be a non-empty array of numbers';
  if (!labels.every(isFiniteNumber)) return 'labels must be finite numbers';
  if (new Set(labels).size !== labels.length) return 'labels must be distinct';
  return null;
}

export function invalidWeights(weights: unknown): string | null {
  return weights === undefined || weights === 'none' || weights === 'linear' || weights === 'quadratic'
    ? null
    : "weights must be 'none', 'linear' or 'quadratic'";
}
