// k-means++ seeding (Arthur & Vassilvitskii 2007, "k-means++: The Advantages of Careful Seeding") as a
// diversity selector for cold start: each pick is drawn with probability ∝ weight · D², D the distance to the
// nearest row already chosen or labeled, so the batch spreads over the data yet follows its density.
// Also the initialisation of hybrid's weighted k-means. Cost O((labeled + batchSize) · n · dim).
import { mulberry32 } from '@arbiter/util/random';
import { lowerNearest, toEmbeddings } from './embeddings';
import { assertBatchSize, assertSeed, countOutside, type Matrix, type RowMajor, type RowSet, toRowMask } from './inputs';

export interface KMeansPlusPlusOptions {
  /** n × d: number[][], or a row-major Float32Array / Float64Array with `dim`. */
  embeddings: Matrix;
  batchSize: number;
  seed: number;
  /** Rows already labeled: they count as chosen centres and are never returned. */
  labeled?: RowSet;
  /** One non-negative weight per row (uniform when absent). */
  weights?: readonly number[] | Float32Array | Float64Array;
  dim?: number;
}

/** The seeds in pick order. The first is drawn ∝ weight (uniformly without weights) or, with labeled rows, ∝ weight · D². */
export function kMeansPlusPlus({ embeddings, batchSize, seed, labeled, weights, dim }: KMeansPlusPlusOptions): number[] {
  assertBatchSize(batchSize);
  assertSeed(seed);
  const rows = toEmbeddings(embeddings, dim);
  const taken = toRowMask('labeled', labeled, rows.n);
  const count = Math.min(batchSize, countOutside(taken, rows.n));
  return seedKMeansPlusPlus({ rows, count, random: mulberry32(seed), weights: toWeights(weights, rows.n), taken });
}

export interface SeedOptions {
  rows: RowMajor;
  /** How many to pick; at most the rows not taken. */
  count: number;
  random: () => number;
  weights: Float64Array | null;
  /** Rows that are centres already (labeled) and never picked; updated in place with the picks. */
  taken: Uint8Array | null;
}

export function seedKMeansPlusPlus({ rows, count, random, weights, taken }: SeedOptions): number[] {
  const { n } = rows;
  const mask = taken ?? new Uint8Array(n);
  // D² to the nearest centre; null until there is one (then the draw is ∝ weight alone).
  let nearest: Float64Array | null = null;
  if (taken) {
    nearest = new Float64Array(n).fill(Infinity);
    for (let l = 0; l < n; l++) if (taken[l]) lowerNearest(rows, l, nearest);
  }
  const picks: number[] = [];
  while (picks.length < count) {
    const pick = draw(n, nearest, weights, mask, random);
    picks.push(pick);
    mask[pick] = 1;
    if (picks.length < count) lowerNearest(rows, pick, (nearest ??= new Float64Array(n).fill(Infinity)));
  }
  return picks;
}

/**
 * One row not in `mask`, drawn with probability ∝ weight · D². A row at distance 0 (a duplicate of a centre) has
 * mass 0 and is never drawn; when every remaining mass is 0 the lowest remaining row is taken.
 */
function draw(n: number, nearest: Float64Array | null, weights: Float64Array | null, mask: Uint8Array, random: () => number): number {
  let total = 0;
  let lowest = -1;
  for (let i = 0; i < n; i++) {
    if (mask[i]) continue;
    if (lowest < 0) lowest = i;
    total += (weights ? weights[i] : 1) * (nearest ? nearest[i] : 1);
  }
  if (!(total > 0 && total < Infinity)) return lowest;
  const target = random() * total;
  let cumulative = 0;
  let last = lowest;
  for (let i = 0; i < n; i++) {
    if (mask[i]) continue;
    const mass = (weights ? weights[i] : 1) * (nearest ? nearest[i] : 1);
    if (mass <= 0) continue;
    cumulative += mass;
    last = i;
    if (target < cumulative) return i;
  }
  return last; // only reachable through rounding in the running sum
}

function toWeights(weights: KMeansPlusPlusOptions['weights'], n: number): Float64Array | null {
  if (weights === undefined) return null;
  if (weights.length !== n) throw new RangeError(`weights has ${weights.length} entries, expected one per row (${n})`);
  const out = Float64Array.from(weights);
  for (let i = 0; i < n; i++) {
    if (!(out[i] >= 0 && out[i] < Infinity)) throw new RangeError(`weights[${i}] is ${weights[i]}: expected a finite number ≥ 0`);
  }
  return out;
}
