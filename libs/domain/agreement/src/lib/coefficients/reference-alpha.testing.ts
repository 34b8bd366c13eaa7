// Test-only reference for Krippendorff's alpha, written straight from the definition and deliberately unlike
// krippendorff-alpha.ts: per unit, every ordered pair of ratings by different raters (O(n·m²)), values kept as
// numbers in Maps, n_c counted from the pairable ratings rather than from the coincidence matrix.
import type { MeasurementLevel } from './krippendorff-alpha';

export function referenceAlpha(reliability: (number | null)[][], level: MeasurementLevel): number | null {
  const pairs = new Map<number, Map<number, number>>();
  const nc = new Map<number, number>();
  let n = 0;
  const units = reliability.length === 0 ? 0 : reliability[0].length;
  for (let u = 0; u < units; u++) {
    const unit = reliability.map((row) => row[u]).filter((v): v is number => v !== null);
    if (unit.length < 2) continue;
    for (let i = 0; i < unit.length; i++) {
      nc.set(unit[i], (nc.get(unit[i]) ?? 0) + 1);
      n++;
      for (let j = 0; j < unit.length; j++) {
        if (i === j) continue;
        const row = pairs.get(unit[i]) ?? new Map<number, number>();
        row.set(unit[j], (row.get(unit[j]) ?? 0) + 1 / (unit.length - 1));
        pairs.set(unit[i], row);
      }
    }
  }
  const sorted = [...nc.keys()].sort((a, b) => a - b);
  const delta = (c: number, k: number): number => {
    if (c === k) return 0;
    if (level === 'nominal') return 1;
    if (level === 'interval') return (c - k) ** 2;
    if (level === 'ratio') return c + k === 0 ? 0 : ((c - k) / (c + k)) ** 2;
    let between = 0;
    for (const g of sorted) if (g >= Math.min(c, k) && g <= Math.max(c, k)) between += nc.get(g) ?? 0;
    return (between - ((nc.get(c) ?? 0) + (nc.get(k) ?? 0)) / 2) ** 2;
  };
  let observed = 0;
  for (const [c, row] of pairs) for (const [k, o] of row) observed += o * delta(c, k);
  let expected = 0;
  for (const [c, a] of nc) for (const [k, b] of nc) expected += a * b * delta(c, k);
  if (n === 0 || expected === 0) return null;
  return 1 - (observed / n) / (expected / (n * (n - 1)));
}
