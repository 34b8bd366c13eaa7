// Pure helpers over the annotator's local task queue.
import type { Task } from '@arbiter/contracts';

/**
 * Folds a `tasks/next` answer into the local queue. The answer lists every lease the annotator holds, so a
 * local item missing from it was lost (expired, then claimed by someone else) and is dropped. The local order
 * is kept so the item on screen stays on screen; new leases go to the back, except items submitted or skipped
 * here whose confirmation is still in flight.
 */
export function mergeTasks(local: readonly Task[], incoming: readonly Task[], exclude: ReadonlySet<string>): Task[] {
  const held = new Map(incoming.map((t) => [t.item.id, t]));
  const kept = local.flatMap((t) => held.get(t.item.id) ?? []);
  const known = new Set(kept.map((t) => t.item.id));
  return [...kept, ...incoming.filter((t) => !known.has(t.item.id) && !exclude.has(t.item.id))];
}

/** The model's top label and its probability; ties go to the lower label id. */
export function topSuggestion(suggestion: readonly number[] | null): { label: number; probability: number } | null {
  if (!suggestion || suggestion.length === 0) return null;
  let label = 0;
  for (let i = 1; i < suggestion.length; i++) if (suggestion[i] > suggestion[label]) label = i;
  return { label, probability: suggestion[label] };
}

/** Single-label: the key selects; multi-label: it toggles. */
export function toggleLabel(selected: readonly number[], label: number, kind: 'single' | 'multi'): number[] {
  if (kind === 'single') return [label];
  return selected.includes(label) ? selected.filter((l) => l !== label) : [...selected, label].sort((a, b) => a - b);
}
