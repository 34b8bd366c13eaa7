// The datasheet's counts[split][label] as the screen lays them out: one row per label (in the project's label order
// when the manifest gives it, then any other name the rows carry), one column per split, and totals both ways.
import { SPLITS, type Datasheet, type Split } from '@arbiter/contracts';

export interface CountsRow {
  label: string;
  bySplit: Record<Split, number>;
  total: number;
}

export interface CountsTable {
  rows: CountsRow[];
  totals: Record<Split, number>;
  total: number;
}

export function countsLabels(counts: Datasheet['counts'], labelOrder: readonly string[] = []): string[] {
  const seen = new Set(SPLITS.flatMap((s) => Object.keys(counts[s])));
  const ordered = labelOrder.filter((l) => seen.has(l));
  const rest = [...seen].filter((l) => !labelOrder.includes(l)).sort();
  return [...ordered, ...rest];
}

export function countsTable(counts: Datasheet['counts'], labelOrder: readonly string[] = []): CountsTable {
  const rows = countsLabels(counts, labelOrder).map((label) => {
    const bySplit = { train: counts.train[label] ?? 0, valid: counts.valid[label] ?? 0, test: counts.test[label] ?? 0 };
    return { label, bySplit, total: bySplit.train + bySplit.valid + bySplit.test };
  });
  const totals = { train: 0, valid: 0, test: 0 };
  for (const r of rows) for (const s of SPLITS) totals[s] += r.bySplit[s];
  return { rows, totals, total: totals.train + totals.valid + totals.test };
}
