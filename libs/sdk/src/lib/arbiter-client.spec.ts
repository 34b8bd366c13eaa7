// The other public routes a script needs, against the local fake: import, predictions, verdict polling.
import type { PredictionDecision } from '@arbiter/contracts';
import { FAKE_PROJECT, FAKE_TOKEN, FakeArbiterServer } from '../fake-arbiter-server.testing';
import { ArbiterClient } from './arbiter-client';

const T = 30_000;

const decision = (over: Partial<PredictionDecision> = {}): PredictionDecision => ({
  predictionId: 'p-1', action: 'review', label: 1, labelName: 'spam', reviewId: '0b0f8f8e-8a8c-4d0e-9d4a-1f3a2b4c5d6e', decidedAction: 'review',
  shadow: false, calibratedProbs: [0.4, 0.6], expectedCosts: [6, 4], reviewCost: 1, reasons: [], policyVersion: 1, decidedAt: '2026-12-01T00:00:00.000Z',
  verdict: null, reviewDeadline: null, escalation: null, ...over,
});

describe('ArbiterClient', () => {
  let server: FakeArbiterServer;
  let client: ArbiterClient;

  beforeEach(async () => {
    server = await FakeArbiterServer.start();
    client = new ArbiterClient({ url: `${server.url}/`, token: FAKE_TOKEN });
  }, T);
  afterEach(() => server.close(), T);

  it('imports a file: the body as sent, the options as the query, the format’s content type', async () => {
    const file = new Blob(['{"text":"a"}\n{"text":"b"}\n']);
    const report = await client.items.import(FAKE_PROJECT, file, { format: 'jsonl', onError: 'skip', metadataFields: 'lang,source' });
    expect(report).toMatchObject({ inserted: 2, committed: true });
    const sent = server.requests[0];
    expect(sent.path).toBe(`/api/projects/${FAKE_PROJECT}/imports`);
    expect(sent.query).toEqual({ format: 'jsonl', onError: 'skip', metadataFields: 'lang,source' });
    expect(sent.headers['content-type']).toBe('application/x-ndjson');
    expect(sent.body).toBe('{"text":"a"}\n{"text":"b"}\n');
  }, T);

  it('posts a batch of predictions and returns the decisions', async () => {
    server.prediction = decision();
    const request = { item: { text: 'hi' }, model: { name: 'm', version: '1' }, probs: [0.4, 0.6] };
    const decisions = await client.predictions.createBatch(FAKE_PROJECT, [{ predictionId: 'a', ...request }, { predictionId: 'b', ...request }]);
    expect(decisions.map((d) => d.predictionId)).toEqual(['a', 'b']);
    expect(JSON.parse(server.requests[0].body)).toEqual({ predictions: [{ predictionId: 'a', ...request }, { predictionId: 'b', ...request }] });
  }, T);

  it('polls a routed prediction until the reviewer’s verdict arrives', async () => {
    server.prediction = decision();
    let polls = 0;
    const verdict = { verdict: 'correct' as const, label: 0, decidedAt: '2026-12-01T00:05:00.000Z' };
    const original = server.requests.push.bind(server.requests);
    server.requests.push = (...r) => {
      polls += 1;
      if (polls === 3) server.prediction = decision({ verdict });
      return original(...r);
    };
    const done = await client.verdicts.poll(FAKE_PROJECT, 'p-1', { intervalMs: 1, timeoutMs: 20_000 });
    expect(done.verdict).toEqual(verdict);
    expect(polls).toBe(3);
  }, T);
});
