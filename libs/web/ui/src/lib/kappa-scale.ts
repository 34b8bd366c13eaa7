// Colours for agreement coefficients. Kappa and alpha are centred on chance (0), so a diverging scale fits:
// ColorBrewer's 5-class RdBu (Brewer, colorbrewer2.org) from −1 (red, systematic disagreement) through 0
// (near-white, chance) to 1 (blue, perfect agreement), linearly interpolated in sRGB between its stops.

export const KAPPA_STOPS: readonly { at: number; color: string }[] = [
  { at: -1, color: '#ca0020' },
  { at: -0.5, color: '#f4a582' },
  { at: 0, color: '#f7f7f7' },
  { at: 0.5, color: '#92c5de' },
  { at: 1, color: '#0571b0' },
];

const DARK_TEXT = '#1d2330';
const LIGHT_TEXT = '#ffffff';

/** The cell colour for a coefficient; values outside [−1, 1] take the end colours. */
export function kappaColor(kappa: number): string {
  const k = Math.max(-1, Math.min(1, kappa));
  const upper = KAPPA_STOPS.findIndex((s) => s.at >= k);
  if (upper <= 0) return KAPPA_STOPS[0].color;
  const a = KAPPA_STOPS[upper - 1];
  const b = KAPPA_STOPS[upper];
  const t = (k - a.at) / (b.at - a.at);
  const [ra, ga, ba] = rgb(a.color);
  const [rb, gb, bb] = rgb(b.color);
  return hex([ra + (rb - ra) * t, ga + (gb - ga) * t, ba + (bb - ba) * t]);
}

/** Dark text on light cells, white on dark ones (WCAG relative luminance, threshold at mid-grey). */
export function kappaTextColor(background: string): string {
  const [r, g, b] = rgb(background).map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.25 ? DARK_TEXT : LIGHT_TEXT;
}

/** The legend's CSS gradient, left (−1) to right (1), from the same stops as the cells. */
export function kappaGradient(): string {
  return `linear-gradient(to right, ${KAPPA_STOPS.map((s) => `${s.color} ${((s.at + 1) / 2) * 100}%`).join(', ')})`;
}

/** Landis & Koch (1977), "The measurement of observer agreement for categorical data", Biometrics 33:159–174. */
export function kappaBand(kappa: number): string {
  if (kappa < 0) return 'poor';
  if (kappa <= 0.2) return 'slight';
  if (kappa <= 0.4) return 'fair';
  if (kappa <= 0.6) return 'moderate';
  if (kappa <= 0.8) return 'substantial';
  return 'almost perfect';
}

function rgb(color: string): [number, number, number] {
  const n = Number.parseInt(color.slice(1), 16);
  return [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
}

function hex(channels: number[]): string {
  return `#${channels.map((c) => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
}
