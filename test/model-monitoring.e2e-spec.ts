// Monitoring a production model version over HTTP (issue 10): escalation and overturn rates from the decisions and
// verdicts, the reliability diagram and ECE of reviewed predictions (checked against the routing library's
// expectedCalibrationError, the definition, on the same rows), error per class, and drift with alerts,
// against an uploaded training reference and, without one, against the version's first predictions.
import type { Client } from 'pg';
import type { CreatedApiKey, ModelMonitoring, PredictionDecision, PredictionRequest } from '@arbiter/contracts';
import { categoricalPsi, ksTwoSample, psi } from '@arbiter/domain/drift';
import { expectedCalibrationError } from '@arbiter/domain/routing';
import { mulberry32 } from '@arbiter/util/random';
import { addMember, ApiClient, closeSession, newProject, newUser, openSession, Stack } from '@arbiter/testing';

type Batch = { decisions: PredictionDecision[] };

describe('model monitoring', () => {
  let stack: Stack;
  let db: Client;
  let owner: ApiClient;
  let reviewer: ApiClient;
  let annotator: ApiClient;
  let service: ApiClient;
  let projectId: string;
  const base = () => `/api/projects/${projectId}`;
  const next = mulberry32(77);

  /** Predictions of model `version` whose top probability is `conf(i)`, on label `label(i)`, with an `amount`. */
  function traffic(prefix: string, version: string, n: number, conf: (i: number) => number, label: (i: number) => number, amount: (i: number) => number): PredictionRequest[] {
    return Array.from({ length: n }, (_, i) => {
      const c = conf(i);
      const probs = label(i) === 0 ? [c, 1 - c] : [1 - c, c];
      return { predictionId: `${prefix}-${i}`, item: { text: `t ${prefix} ${i}`, metadata: { amount: amount(i) } }, model: { name: 'clf', version }, probs };
    });
  }

  beforeAll(async () => {
    let admin: ApiClient;
    ({ stack, owner: admin, db } = await openSession());
    [owner, reviewer, annotator] = await Promise.all([newUser(admin, 'Owner'), newUser(admin, 'Reviewer'), newUser(admin, 'Annotator')]);
    projectId = (await newProject(owner, { labelSchema: { kind: 'single', labels: [{ name: 'ham' }, { name: 'spam' }] } })).id;
    await addMember(owner, projectId, reviewer, 'reviewer');
    await addMember(owner, projectId, annotator, 'annotator');
    const key = await owner.post<CreatedApiKey>(`${base()}/api-keys`, { name: 'prod', role: 'service' });
    service = new ApiClient(stack.baseUrl, key.body.key);
  }, 120_000);
  afterAll(() => closeSession({ stack, db }), 30_000);

  it('reports escalation, overturns, reliability and error per class from decisions and verdicts', async () => {
    const reqs = traffic('a', '1', 80, () => 0.5 + next() * 0.5, (i) => i % 2, () => Math.round(next() * 100));
    const r = await service.post<Batch>(`${base()}/predictions/batch`, { predictions: reqs });
    expect(r.status).toBe(200);
    const routed = r.body.decisions.filter((d) => d.action === 'review');
    expect(routed.length).toBeGreaterThan(10);
    // Verdicts: every third routed one corrected, every fifth rejected, the rest accepted.
    const truth: { probs: number[]; label: number }[] = [];
    let overturned = 0;
    for (const [j, d] of routed.entries()) {
      const verdict = j % 5 === 4 ? { verdict: 'reject' } : j % 3 === 2 ? { verdict: 'correct', label: 1 - d.label } : { verdict: 'accept' };
      expect((await reviewer.post(`${base()}/production-reviews/${d.reviewId}/verdict`, verdict)).status).toBe(200);
      if (verdict.verdict !== 'accept') overturned++;
      if (verdict.verdict !== 'reject') truth.push({ probs: d.calibratedProbs, label: verdict.verdict === 'accept' ? d.label : 1 - d.label });
    }
    const m = await reviewer.get<ModelMonitoring>(`${base()}/routing/monitoring?modelName=clf&modelVersion=1&window=20`);
    expect(m.status).toBe(200);
    expect(m.body).toMatchObject({ model: { name: 'clf', version: '1' }, predictions: 80, reviewed: routed.length });
    expect(m.body.escalationRate).toBeCloseTo(routed.length / 80, 12);
    expect(m.body.overturnRate).toBeCloseTo(overturned / routed.length, 12);
    const ece = expectedCalibrationError({ probs: truth.map((t) => t.probs), labels: truth.map((t) => t.label), bins: 15 });
    expect(m.body.calibration.ece).toBeCloseTo(ece, 12);
    expect(m.body.calibration.bins.reduce((s, b) => s + b.count, 0)).toBe(truth.length);
    const spamDecided = r.body.decisions.filter((d) => d.label === 1).length;
    expect(m.body.perClass.map((c) => [c.labelName, c.predicted])).toEqual([['ham', 80 - spamDecided], ['spam', spamDecided]]);
    // 80 predictions, window 20: the first 20 are the reference; the latest 20 the current sample.
    expect(m.body.drift).toMatchObject({ reference: 'first-window', referenceSize: 20, currentSize: 20 });
    const conf = (d: PredictionDecision) => Math.max(...d.calibratedProbs);
    const want = psi({ reference: r.body.decisions.slice(0, 20).map(conf), current: r.body.decisions.slice(60).map(conf) }).psi;
    expect(m.body.drift.confidence?.psi).toBeCloseTo(want, 12);
  }, 120_000);

  it('measures drift against an uploaded training reference and raises alerts past the thresholds', async () => {
    const ref = {
      model: { name: 'clf', version: '2' },
      confidences: Array.from({ length: 400 }, () => 0.8 + next() * 0.2),
      labelCounts: [200, 200],
      metadata: { amount: Array.from({ length: 400 }, () => next() * 100) },
    };
    expect((await owner.request('PUT', `${base()}/routing/model-references`, { ...ref, labelCounts: [1, 2, 3] })).body).toMatchObject({ errors: [{ path: 'labelCounts' }] });
    expect((await service.request('PUT', `${base()}/routing/model-references`, ref)).status).toBe(403);
    expect((await owner.request('PUT', `${base()}/routing/model-references`, ref)).status).toBe(204);
    // Production has moved: less confident, mostly ham, larger amounts.
    const reqs = traffic('b', '2', 300, () => 0.55 + next() * 0.3, (i) => (i % 10 === 0 ? 1 : 0), () => 50 + next() * 100);
    const r = await service.post<Batch>(`${base()}/predictions/batch`, { predictions: reqs });
    const m = await owner.get<ModelMonitoring>(`${base()}/routing/monitoring?modelName=clf&modelVersion=2&window=300`);
    expect(m.body.drift).toMatchObject({ reference: 'uploaded', referenceSize: 400, currentSize: 300 });
    const current = r.body.decisions.map((d) => Math.max(...d.calibratedProbs));
    const ks = ksTwoSample(ref.confidences, current);
    expect(m.body.drift.confidence).toEqual({ psi: expect.closeTo(psi({ reference: ref.confidences, current }).psi, 12), ksStatistic: expect.closeTo(ks.statistic, 12), ksPValue: expect.closeTo(ks.pValue, 12) });
    const mix = [r.body.decisions.filter((d) => d.label === 0).length, r.body.decisions.filter((d) => d.label === 1).length];
    expect(m.body.drift.predictedClass?.psi).toBeCloseTo(categoricalPsi([200, 200], mix).psi, 12);
    expect(m.body.drift.metadata.map((x) => x.field)).toEqual(['amount']);
    expect(m.body.alerts.map((a) => a.metric).sort()).toEqual(['confidence KS', 'confidence PSI', 'metadata.amount KS', 'metadata.amount PSI', 'predicted-class PSI']);
    // Who may look: reviewers and up; annotators and the service key may not.
    expect((await annotator.get(`${base()}/routing/monitoring?modelName=clf&modelVersion=2`)).status).toBe(403);
    expect((await service.get(`${base()}/routing/monitoring?modelName=clf&modelVersion=2`)).status).toBe(403);
  }, 120_000);
});
