// The production review screen in Chromium against the real api + worker: a production service's key posts
// predictions (one routed by expected cost, one by a metadata rule, one acted on) under an hour's SLA; a reviewer
// opens the screen from the project page and sees the routed one with its reasons, probabilities, expected costs
// and the time left; a prediction posted while the screen is open shows up without a reload (socket.io); by
// keyboard the reviewer accepts one, corrects one with a number key and rejects one, and the service then reads
// each verdict over HTTP.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { CreatedApiKey, PredictionDecision, PredictionRequest } from '@arbiter/contracts';
import { addMember, ApiClient, newProject, newUser, type Stack } from '@arbiter/testing';
import { type BrowserSession, expectText, openBrowserSession, SCREENSHOTS, signInUi } from './browser-support';

const LABELS = { kind: 'single' as const, labels: [{ name: 'ham' }, { name: 'spam' }, { name: 'fraud' }] };
// 0/1 costs and a review cost of 0.2 (review when the top label is wrong with probability above 0.2), plus a rule
// that routes every VIP customer's message whatever the model's confidence.
const POLICY = {
  schemaVersion: 1,
  costMatrix: [
    [0, 1, 1],
    [1, 0, 1],
    [1, 1, 0],
  ],
  reviewCost: 0.2,
  rules: [{ id: 'vip', when: { field: 'tier', op: '==', value: 'vip' } }],
};
const prediction = (predictionId: string, text: string, version: string, probs: number[], metadata: Record<string, unknown> = {}): PredictionRequest => ({
  predictionId,
  item: { text, metadata },
  model: { name: 'support-triage', version },
  probs,
});
// Expected costs of acting on ham, spam, fraud: 1 − p each (0.5, 0.7, 0.8); the cheapest, 0.5, is above 0.2.
const UNSURE = prediction('unsure-1', 'Please refund order 1234, the parcel never came.', '1.0', [0.5, 0.3, 0.2], { channel: 'email' });
const VIP = prediction('vip-1', 'Wire the balance to my new account today.', '2.0', [0.9, 0.05, 0.05], { tier: 'vip' });
const SURE = prediction('sure-1', 'Thanks, all sorted!', '2.0', [0.97, 0.02, 0.01]);
const LATE = prediction('late-1', 'Is this a scam? They ask for my card number.', '2.0', [0.3, 0.35, 0.35]);

describe('production review screen in the browser', () => {
  let session: BrowserSession;
  let stack: Stack;
  let context: BrowserContext;
  let owner: ApiClient;
  let service: ApiClient;
  let projectId: string;
  let reviewer: ApiClient;

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ stack, owner } = session);
    context = await session.newContext();
    projectId = (await newProject(owner, { name: 'Support triage', labelSchema: LABELS })).id;
    expect((await owner.request('PUT', `/api/projects/${projectId}/routing/policy`, POLICY)).status).toBe(200);
    // Reviews are due an hour after they open.
    expect((await owner.patch(`/api/projects/${projectId}/routing/settings`, { slaMinutes: 60 })).status).toBe(200);
    reviewer = await newUser(owner, 'Rhea Reviewer');
    await addMember(owner, projectId, reviewer, 'reviewer');
    const key = await owner.post<CreatedApiKey>(`/api/projects/${projectId}/api-keys`, { name: 'prod', role: 'service' });
    service = new ApiClient(stack.baseUrl, key.body.key);
  }, 120_000);
  afterAll(() => session?.close(), 60_000);

  const post = async (p: PredictionRequest) => (await service.post<PredictionDecision>(`/api/projects/${projectId}/predictions`, p)).body;
  const shown = (page: Page) => page.getByTestId('prediction-id');

  it('shows routed predictions with their reasons and costs, live, and takes verdicts from the keyboard', async () => {
    // One after another: the screen serves the oldest first, and concurrent posts would arrive in any order.
    const answers: PredictionDecision[] = [];
    for (const p of [UNSURE, VIP, SURE]) answers.push(await post(p));
    expect(answers.map((d) => d.action)).toEqual(['review', 'review', 'act']);

    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    try {
      await signInUi(page, reviewer.user!.email, 'pw-Rhea Reviewer-secret');
      await page.getByRole('link', { name: 'Support triage' }).click();
      await page.getByTestId('production-reviews-link').click();
      await page.waitForURL(`**/projects/${projectId}/production-reviews`);
      await expectText(page.getByTestId('live'), /^live$/);

      // The oldest routed prediction: its text, metadata, model, why it was routed and what acting would cost.
      await expectText(shown(page), 'unsure-1');
      await expectText(page.getByTestId('prediction-text'), 'Please refund order 1234, the parcel never came.');
      await expectText(page.getByTestId('prediction-metadata'), 'email');
      await expectText(page.getByTestId('model'), 'support-triage 1.0');
      await expectText(page.getByTestId('sla-countdown'), /^Due in (5\dm \d\ds|1h 00m)$/);
      await expectText(page.getByTestId('reason-expected-cost'), 'Acting on the cheapest label would still cost 0.5 on average, more than a review (0.2).');
      const row = (label: string) => page.getByTestId(`label-row-${label}`);
      for (const [label, p, cost] of [['ham', '50.0%', '0.500'], ['spam', '30.0%', '0.700'], ['fraud', '20.0%', '0.800']]) {
        await expectText(row(label).getByTestId('probability'), p);
        await expectText(row(label).getByTestId('expected-cost'), cost);
      }
      await expectText(row('ham'), 'model’s label');
      await expectText(page.getByTestId('queue-position'), '1 of 2 held · 2 open in the project');
      // A reviewer is no engineer: the webhook deliveries' place is not shown to them.
      expect(await page.getByTestId('webhook-deliveries-slot').count()).toBe(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'production-review.png'), fullPage: true });

      // A prediction routed while the screen is open joins the held reviews without a reload.
      await page.evaluate(() => ((globalThis as unknown as { sameDocument: boolean }).sameDocument = true));
      expect((await post(LATE)).action).toBe('review');
      await expectText(page.getByTestId('queue-position'), '1 of 3 held · 3 open in the project');
      expect(await page.evaluate(() => (globalThis as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
      await page.keyboard.press('n');
      await expectText(shown(page), 'vip-1');
      await expectText(page.getByTestId('reason-rule'), 'Its metadata matched the routing rule "vip".');
      await page.keyboard.press('n');
      await expectText(shown(page), 'late-1');
      await page.keyboard.press('p');
      await page.keyboard.press('p');
      await expectText(shown(page), 'unsure-1');

      // Accept (a), correct to fraud with its number key (3), reject as invalid input (x).
      await page.keyboard.press('a');
      await expectText(shown(page), 'vip-1');
      await page.keyboard.press('3');
      await expectText(shown(page), 'late-1');
      await page.keyboard.press('x');
      await page.getByTestId('all-done').waitFor();
      await expectText(page.getByTestId('queue-position'), 'none held · 0 open in the project');
    } finally {
      await page.close();
    }

    const verdict = async (id: string) => (await service.get<PredictionDecision>(`/api/projects/${projectId}/predictions/${id}`)).body.verdict;
    expect(await verdict('unsure-1')).toMatchObject({ verdict: 'accept', label: 0 });
    expect(await verdict('vip-1')).toMatchObject({ verdict: 'correct', label: 2 });
    expect(await verdict('late-1')).toMatchObject({ verdict: 'reject', label: null });
    expect(await verdict('sure-1')).toBeNull();
  }, 180_000);
});
