// The current label of an item from its annotations, before any consensus model: plurality for single-label
// projects (a tie is unresolved), and every label chosen by more than half the annotators for multi-label ones.

export interface MajorityLabelInput {
  /** Each annotation's label ids. */
  annotations: number[][];
  kind: 'single' | 'multi';
}

export function majorityLabel({ annotations, kind }: MajorityLabelInput): number[] | null {
  if (annotations.length === 0) return null;
  const votes = new Map<number, number>();
  for (const labels of annotations) for (const l of new Set(labels)) votes.set(l, (votes.get(l) ?? 0) + 1);
  if (kind === 'multi') {
    return [...votes].filter(([, n]) => n * 2 > annotations.length).map(([l]) => l).sort((a, b) => a - b);
  }
  let best = -1;
  let winners: number[] = [];
  for (const [l, n] of votes) {
    if (n > best) [best, winners] = [n, [l]];
    else if (n === best) winners.push(l);
  }
  return winners.length === 1 ? winners : null;
}
