// Scores one chunk of a round's pool snapshot: TF-IDF under the pool's IDF, the model's calibrated probabilities
// (none on a cold start) and the item embeddings, written in one transaction that also counts the chunk done.
// Deterministic given the round's artifact, so a chunk retried after a crash writes what the first run would have.
import { Injectable } from '@nestjs/common';
import { predictProba } from '@arbiter/ml/classifier';
import { embed, hashedTfidf } from '@arbiter/ml/features';
import { AlPoolRepository, AlRoundRepository, ModelRepository, PredictionRepository, type AlRoundRow } from '@arbiter/server/data-access';
import { decodeArtifact, type ModelArtifact } from './model-artifact';

// Decoded artifacts of the last few rounds: a worker scores many chunks of one round, and decoding an artifact
// (its embedding model is megabytes of JSON) per chunk would cost more than the scoring.
const CACHED_ROUNDS = 2;

@Injectable()
export class AlScoringService {
  private readonly cache = new Map<string, Promise<ModelArtifact>>();

  constructor(
    private readonly rounds: AlRoundRepository,
    private readonly models: ModelRepository,
    private readonly pool: AlPoolRepository,
    private readonly predictions: PredictionRepository,
  ) {}

  async scoreChunk(roundId: string, chunkIndex: number): Promise<{ projectId: string; roundId: string; items: number }> {
    const round = await this.rounds.get(roundId);
    if (!round) throw new Error(`round ${roundId} does not exist`);
    const chunk = await this.rounds.chunk(roundId, chunkIndex);
    if (!chunk) throw new Error(`round ${roundId} has no chunk ${chunkIndex}`);
    if (round.status !== 'scoring' || chunk.done) return { projectId: round.projectId, roundId, items: 0 };
    const artifact = await this.artifact(round);
    const items = await this.pool.texts(round.projectId, (BigInt(chunk.fromId) - 1n).toString(), chunk.items, chunk.toId);
    const csr = hashedTfidf({ texts: items.map((i) => i.text), idf: artifact.idf });
    const probs = artifact.classifier ? await predictProba({ model: artifact.classifier, features: csr }) : null;
    const embeddings = artifact.embedding ? embed({ model: artifact.embedding, csr }) : null;
    await this.predictions.saveChunk(roundId, chunkIndex, {
      itemIds: items.map((i) => i.id),
      modelId: round.modelId,
      probs,
      numClasses: artifact.numClasses,
      embeddings,
      dim: artifact.embedding?.dim ?? 0,
    });
    return { projectId: round.projectId, roundId, items: items.length };
  }

  /** The round's model artifact (or a cold-start round's features), decoded once per process. */
  artifact(round: AlRoundRow): Promise<ModelArtifact> {
    let found = this.cache.get(round.id);
    if (!found) {
      found = (async () => {
        const bytes = round.modelId ? await this.models.artifact(round.modelId) : await this.rounds.features(round.id);
        if (!bytes) throw new Error(`round ${round.id} has no stored model or features`);
        return decodeArtifact(bytes);
      })();
      found.catch(() => this.cache.delete(round.id));
      this.cache.set(round.id, found);
      while (this.cache.size > CACHED_ROUNDS) this.cache.delete(this.cache.keys().next().value as string);
    }
    return found;
  }
}
