// Model LFs vote from stored scores: the items they run on carry the probabilities of the model versions they name.
import type { LfDefinitionDto } from '@arbiter/contracts';
import type { LfRepository } from '@arbiter/server/data-access';
import type { EvalItem } from './lf-evaluator';

/** The model versions the definitions vote from, without repeats. */
export function modelVersionsOf(definitions: readonly LfDefinitionDto[]): number[] {
  return [...new Set(definitions.flatMap((d) => (d.kind === 'model' ? [d.modelVersion] : [])))];
}

/** `items` with their scores under `versions` attached; the items themselves when no definition needs them. */
export async function withModelScores<T extends EvalItem>(lfs: LfRepository, projectId: string, versions: number[], items: T[]): Promise<T[]> {
  if (!versions.length || !items.length) return items;
  const scores = await lfs.modelScores(
    projectId,
    versions,
    items.map((it) => it.id),
  );
  return items.map((it) => ({ ...it, predictions: scores.get(it.id) ?? new Map() }));
}
