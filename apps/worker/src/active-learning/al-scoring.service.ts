// Scores one chunk of a round's pool snapshot: TF-IDF under the pool's IDF, the model's calibrated probabilities
// (none on a cold start) and the item embeddings (the client's vectors when the model takes them, else LSA),
// computed on the ML thread and written in one transaction that
// also counts the chunk done. Deterministic given the round's artifact, so a chunk retried after a crash writes
// what the first run would have.
import { Injectable } from '@nestjs/common';
import { AlPoolRepository, AlRoundRepository, ModelRepository, PredictionRepository, type AlRoundRow } from '@arbiter/server/data-access';
import type { ChunkVectors } from './ml/ml-task';
import { MlThread } from './ml/ml-thread';

@Injectable()
export class AlScoringService {
  constructor(
    private readonly rounds: AlRoundRepository,
    private readonly models: ModelRepository,
    private readonly pool: AlPoolRepository,
    private readonly predictions: PredictionRepository,
    private readonly ml: MlThread,
  ) {}

  async scoreChunk(roundId: string, chunkIndex: number): Promise<{ projectId: string; roundId: string; items: number }> {
    const round = await this.rounds.get(roundId);
    if (!round) throw new Error(`round ${roundId} does not exist`);
    const chunk = await this.rounds.chunk(roundId, chunkIndex);
    if (!chunk) throw new Error(`round ${roundId} has no chunk ${chunkIndex}`);
    if (round.status !== 'scoring' || chunk.done) return { projectId: round.projectId, roundId, items: 0 };
    const items = await this.pool.textsWithVectors(round.projectId, (BigInt(chunk.fromId) - 1n).toString(), chunk.items, chunk.toId);
    const { probs, embeddings } = await this.ml.score(round.id, () => this.artifact(round), items.map((i) => i.text), chunkVectors(items));
    const n = items.length;
    await this.predictions.saveChunk(roundId, chunkIndex, {
      itemIds: items.map((i) => i.id),
      modelId: round.modelId,
      probs,
      numClasses: probs && n ? probs.length / n : 0,
      embeddings,
      dim: embeddings && n ? embeddings.length / n : 0,
    });
    return { projectId: round.projectId, roundId, items: n };
  }

  /** The round's model artifact, or a cold-start round's features. */
  private async artifact(round: AlRoundRow): Promise<Buffer> {
    const bytes = round.modelId ? await this.models.artifact(round.modelId) : await this.rounds.features(round.id);
    if (!bytes) throw new Error(`round ${round.id} has no stored model or features`);
    return bytes;
  }
}

/**
 * The chunk's client vectors, or null when none of its items has one. An item without one (imported while the
 * round ran, after training found every item with a vector) gets zeros: no evidence for the classifier.
 */
function chunkVectors(items: { embedding: number[] | null }[]): ChunkVectors | null {
  const dim = items.find((i) => i.embedding)?.embedding?.length;
  if (dim === undefined) return null;
  const data = new Float32Array(items.length * dim);
  items.forEach((item, i) => {
    if (item.embedding?.length === dim) data.set(item.embedding, i * dim);
  });
  return { data, dim };
}
