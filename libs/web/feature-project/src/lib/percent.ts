// Shares are stored as fractions (0..1) and edited as percentages: people think of "10% of items", not 0.1.

/** "12.5" → 0.125; blank or not a number → NaN, which the contracts reject with a field error. */
export function parsePercent(text: string): number {
  const t = text.trim().replace(/%$/, '').trim();
  if (t === '') return Number.NaN;
  const n = Number(t);
  // Round away binary noise (33.3 / 100 = 0.33299999…) so what is sent is what was typed.
  return Number.isFinite(n) ? Math.round(n * 1e4) / 1e6 : Number.NaN;
}

/** 0.125 → "12.5", for a form field. */
export function percentText(fraction: number): string {
  return String(Math.round(fraction * 1e6) / 1e4);
}

/** A percentage that may be left blank: blank → null ("no limit"), otherwise as `parsePercent`. */
export function parseOptionalPercent(text: string): number | null {
  return text.trim() === '' ? null : parsePercent(text);
}

/** A count typed in a field: blank or not a number → NaN, which the contracts reject with a field error. */
export function parseCount(text: string): number {
  const t = text.trim();
  return t === '' ? Number.NaN : Number(t);
}
