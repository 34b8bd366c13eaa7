// Similar-case routing (issue 10): the k nearest reviewed predictions of the same model to a new prediction, by
// cosine similarity of the embeddings the production service sent, and whether each verdict overturned the model.
// Exact k-NN by a scan over the latest MAX_CASES reviewed predictions per project and model (unit vectors in one
// Float32Array, kept per api process for CASES_TTL_MS and dropped when a verdict is recorded here): a few
// milliseconds a prediction at 20,000 cases × 256 dimensions.
import { Injectable } from '@nestjs/common';
import { ProductionPredictionRepository } from '@arbiter/server/data-access';

export const MAX_CASES = 20_000;
export const CASES_TTL_MS = 5000;

export interface Neighbour {
  similarity: number;
  overturned: boolean;
}

interface Cases {
  at: number;
  /** Per embedding length: the unit vectors, row-major, and each case's verdict. */
  byDim: Map<number, { vectors: Float32Array; overturned: Uint8Array }>;
}

function unit(v: ArrayLike<number>): Float32Array | null {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i] * v[i];
  if (!(norm > 0)) return null;
  const s = 1 / Math.sqrt(norm);
  return Float32Array.from(v, (x) => x * s);
}

@Injectable()
export class SimilarCaseService {
  private readonly cache = new Map<string, Cases>();

  constructor(private readonly predictions: ProductionPredictionRepository) {}

  /** A verdict was recorded: the project's cases changed. */
  invalidate(projectId: string): void {
    for (const key of this.cache.keys()) if (key.startsWith(`${projectId}\u0000`)) this.cache.delete(key);
  }

  /**
   * For each embedding (null: none sent), its k nearest reviewed predictions of the model with an embedding of the
   * same length, most similar first (ties: the later verdict first); undefined when there is no embedding.
   */
  async nearest(projectId: string, modelName: string, embeddings: (number[] | null)[], k: number): Promise<(Neighbour[] | undefined)[]> {
    if (embeddings.every((e) => e === null)) return embeddings.map(() => undefined);
    const cases = await this.cases(projectId, modelName);
    return embeddings.map((e) => {
      if (e === null) return undefined;
      const q = unit(e);
      const set = cases.byDim.get(e.length);
      if (!q || !set) return [];
      return topK(q, set.vectors, set.overturned, k);
    });
  }

  private async cases(projectId: string, modelName: string): Promise<Cases> {
    const key = `${projectId}\u0000${modelName}`;
    const hit = this.cache.get(key);
    if (hit && Date.now() - hit.at < CASES_TTL_MS) return hit;
    const rows = await this.predictions.reviewedEmbeddings(projectId, modelName, MAX_CASES);
    const grouped = new Map<number, { vectors: Float32Array[]; overturned: number[] }>();
    for (const r of rows) {
      const u = unit(r.embedding);
      if (!u) continue;
      const g = grouped.get(u.length) ?? { vectors: [], overturned: [] };
      g.vectors.push(u);
      g.overturned.push(r.overturned ? 1 : 0);
      grouped.set(u.length, g);
    }
    const byDim = new Map<number, { vectors: Float32Array; overturned: Uint8Array }>();
    for (const [dim, g] of grouped) {
      const vectors = new Float32Array(g.vectors.length * dim);
      g.vectors.forEach((v, i) => vectors.set(v, i * dim));
      byDim.set(dim, { vectors, overturned: Uint8Array.from(g.overturned) });
    }
    const cases = { at: Date.now(), byDim };
    this.cache.set(key, cases);
    return cases;
  }
}

/** The k largest dot products of q with the rows, most similar first; a row earlier in the list wins a tie. */
function topK(q: Float32Array, vectors: Float32Array, overturned: Uint8Array, k: number): Neighbour[] {
  const dim = q.length;
  const n = overturned.length;
  const best: { similarity: number; row: number }[] = [];
  for (let r = 0; r < n; r++) {
    let dot = 0;
    const off = r * dim;
    for (let j = 0; j < dim; j++) dot += q[j] * vectors[off + j];
    if (best.length < k || dot > best[best.length - 1].similarity) {
      let at = best.length;
      while (at > 0 && best[at - 1].similarity < dot) at--;
      best.splice(at, 0, { similarity: dot, row: r });
      if (best.length > k) best.pop();
    }
  }
  return best.map((b) => ({ similarity: b.similarity, overturned: overturned[b.row] === 1 }));
}
