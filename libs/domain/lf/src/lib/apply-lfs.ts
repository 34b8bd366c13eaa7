// Builds the label matrix L by running every LF over every item (row = item, column = LF, in the given orders).
import type { LfDefinition, LfItem } from './lf-definitions';
import { compileLf } from './evaluate-lf';
import type { LabelMatrix } from './label-matrix';

export function applyLfs({ lfs, items }: { lfs: readonly LfDefinition[]; items: readonly LfItem[] }): LabelMatrix {
  const compiled = lfs.map(compileLf);
  const m = compiled.length;
  const votes = new Int8Array(items.length * m);
  items.forEach((item, i) => {
    for (let j = 0; j < m; j++) votes[i * m + j] = compiled[j](item);
  });
  return { n: items.length, m, votes };
}
