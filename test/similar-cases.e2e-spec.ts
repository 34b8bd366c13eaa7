// Similar-case routing over HTTP (issue 10): a confident prediction goes to review when the model was overturned on
// enough of its nearest reviewed predictions, by the embeddings the production service sent; the neighbours the
// server found are checked against a brute-force cosine k-NN computed here on the same vectors and verdicts.
import type { Client } from 'pg';
import type { CreatedApiKey, PredictionDecision, PredictionRequest, RoutingPolicyDoc } from '@arbiter/contracts';
import { mulberry32 } from '@arbiter/util/random';
import { addMember, ApiClient, closeSession, newProject, newUser, openSession, Stack } from '@arbiter/testing';

type Batch = { decisions: PredictionDecision[] };

const POLICY: RoutingPolicyDoc = {
  schemaVersion: 1,
  costMatrix: [
    [0, 1],
    [1, 0],
  ],
  reviewCost: 0.2,
  similarCases: { k: 3, minOverturned: 2, minSimilarity: 0.5 },
};

const next = mulberry32(2026);
/** A point near `axis` (0, 1 or 2) in 8 dimensions. */
const near = (axis: number) => Array.from({ length: 8 }, (_, j) => (j === axis ? 1 : 0) + (next() - 0.5) * 0.3);
const cosine = (a: number[], b: number[]) => {
  const dot = a.reduce((s, x, i) => s + x * b[i], 0);
  return dot / Math.sqrt(a.reduce((s, x) => s + x * x, 0) * b.reduce((s, x) => s + x * x, 0));
};
const prediction = (id: string, probs: number[], embedding?: number[]): PredictionRequest => ({
  predictionId: id,
  item: { text: `message ${id}`, ...(embedding ? { embedding } : {}) },
  model: { name: 'clf', version: '1' },
  probs,
});

describe('similar-case routing', () => {
  let stack: Stack;
  let db: Client;
  let owner: ApiClient;
  let reviewer: ApiClient;
  let service: ApiClient;
  let projectId: string;
  const base = () => `/api/projects/${projectId}`;

  beforeAll(async () => {
    let admin: ApiClient;
    ({ stack, owner: admin, db } = await openSession());
    [owner, reviewer] = await Promise.all([newUser(admin, 'Owner'), newUser(admin, 'Reviewer')]);
    projectId = (await newProject(owner, { labelSchema: { kind: 'single', labels: [{ name: 'ham' }, { name: 'spam' }] } })).id;
    await addMember(owner, projectId, reviewer, 'reviewer');
    service = new ApiClient(stack.baseUrl, (await owner.post<CreatedApiKey>(`${base()}/api-keys`, { name: 'prod', role: 'service' })).body.key);
  }, 120_000);
  afterAll(() => closeSession({ stack, db }), 30_000);

  it('reviews a confident prediction whose nearest reviewed cases overturned the model, and acts elsewhere', async () => {
    const bad = await owner.request('PUT', `${base()}/routing/policy`, { ...POLICY, similarCases: { k: 3, minOverturned: 4 } });
    expect([bad.status, (bad.body as { errors: { path: string }[] }).errors[0].path]).toEqual([400, 'similarCases.minOverturned']);
    expect((await owner.request('PUT', `${base()}/routing/policy`, POLICY)).status).toBe(200);

    // Twelve uncertain predictions (routed by cost): six near axis 0, six near axis 1. Reviewers overturn the model
    // on every one near axis 0 and accept it near axis 1.
    const reviewed = [...Array.from({ length: 6 }, (_, i) => prediction(`a${i}`, [0.6, 0.4], near(0))), ...Array.from({ length: 6 }, (_, i) => prediction(`b${i}`, [0.6, 0.4], near(1)))];
    const r1 = await service.post<Batch>(`${base()}/predictions/batch`, { predictions: reviewed });
    expect(r1.body.decisions.every((d) => d.action === 'review' && d.reasons.map((x) => x.kind).join() === 'expected-cost')).toBe(true);
    const overturned = new Map<string, boolean>();
    for (const [i, d] of r1.body.decisions.entries()) {
      const overturn = reviewed[i].predictionId.startsWith('a');
      overturned.set(reviewed[i].predictionId, overturn);
      const verdict = overturn ? { verdict: 'correct', label: 1 } : { verdict: 'accept' };
      expect((await reviewer.post(`${base()}/production-reviews/${d.reviewId}/verdict`, verdict)).status).toBe(200);
    }

    // Confident predictions (P(wrong) 0.05, below the review cost): near axis 0, near axis 1, far from both, none.
    const probes = [prediction('x0', [0.95, 0.05], near(0)), prediction('x1', [0.95, 0.05], near(1)), prediction('x2', [0.95, 0.05], near(2)), prediction('x3', [0.95, 0.05])];
    const r2 = await service.post<Batch>(`${base()}/predictions/batch`, { predictions: probes });
    // The rule computed here by brute force: the three most similar reviewed predictions, those at least 0.5
    // similar, and how many of them the reviewers overturned.
    const expected = probes.map((p) => {
      if (!p.item.embedding) return [];
      const top = reviewed
        .map((r) => ({ similarity: cosine(p.item.embedding as number[], r.item.embedding as number[]), overturned: overturned.get(r.predictionId) as boolean }))
        .sort((a, b) => b.similarity - a.similarity)
        .slice(0, 3)
        .filter((n) => n.similarity >= 0.5);
      const n = top.filter((t) => t.overturned).length;
      return n >= 2 ? [{ kind: 'similar-cases', overturned: n, neighbours: top.length }] : [];
    });
    expect(r2.body.decisions.map((d) => d.reasons)).toEqual(expected);
    expect(r2.body.decisions.map((d) => d.action)).toEqual(['review', 'act', 'act', 'act']);
    expect(expected[0]).toEqual([{ kind: 'similar-cases', overturned: 3, neighbours: 3 }]);

    // An embedding too short to compare is a 400 naming its field.
    const short = await service.post<{ errors: { path: string }[] }>(`${base()}/predictions/batch`, { predictions: [prediction('y', [0.5, 0.5], [1])] });
    expect([short.status, short.body.errors[0].path]).toEqual([400, 'predictions.0.item.embedding']);
  }, 120_000);
});
