// The diff view's lists are capped: a diff between two large versions can name thousands of items, and the page shows
// the first few of each kind with "and N more" (the CLI and the API give the whole list).
export const DIFF_LIST_CAP = 20;

export interface Capped<T> {
  shown: T[];
  more: number;
}

export function capped<T>(list: readonly T[], cap = DIFF_LIST_CAP): Capped<T> {
  return { shown: list.slice(0, cap), more: Math.max(0, list.length - cap) };
}

/** The default pair to compare: the selected version against the complete one before it (versions newest first). */
export function defaultDiffPair(completeVersions: readonly number[], selected: number | null): { from: number; to: number } | null {
  const sorted = [...completeVersions].sort((a, b) => b - a);
  const to = selected !== null && sorted.includes(selected) ? selected : sorted[0];
  const from = sorted.find((v) => v < to);
  return to === undefined || from === undefined ? null : { from, to };
}
