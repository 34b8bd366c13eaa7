// Where an item on the annotate screen comes from: why active learning queued it, and whose suggestion it carries.
import type { SelectionReason, TaskItem } from '@arbiter/contracts';

/** "Chosen by margin · score 0.042 · model v3"; a cold-start pick has no score or model, and says so. */
export function chosenByText(reason: SelectionReason): string {
  const parts = [`Chosen by ${reason.strategy}`];
  if (reason.score !== null && Number.isFinite(reason.score)) parts.push(`score ${formatScore(reason.score)}`);
  parts.push(reason.modelVersion === null ? 'no model yet' : `model v${reason.modelVersion}`);
  return parts.join(' · ');
}

/** Three significant digits: scores run from 1e-4 (margins) to large k-center distances. */
function formatScore(x: number): string {
  if (x === 0) return '0';
  return Math.abs(x) >= 1000 ? Math.round(x).toLocaleString('en-US') : Number(x.toPrecision(3)).toString();
}

/**
 * Whose suggestion the label button shows: a model version's pre-annotation, or (no version) a prediction imported
 * with the item.
 */
export function suggestionSource(item: Pick<TaskItem, 'suggestionModelVersion'>): string {
  const v = item.suggestionModelVersion;
  return v === null || v === undefined ? 'model' : `pre-annotation, model v${v}:`;
}
