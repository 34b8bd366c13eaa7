// The routing dashboard in Chromium against the real api + worker: an engineer opens it from the project page, sets
// a reviewer budget and an SLA (a budget of 0 comes back as a field error), a production service's key posts
// predictions that reviewers then judge over HTTP, the engineer re-fits from the page, sees the proposal with its
// cost-curve chart (drawn by ECharts from the proposal's own curves) and approves it, and the policy version moves
// on; after a shifted training reference is uploaded, the model version's monitoring shows its reliability diagram
// and drift alerts. A reviewer reads the same page without the controls.
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import type { CreatedApiKey, ModelMonitoring, ModelVersionList, PredictionDecision, PredictionRequest, RoutingPolicyDoc, RoutingPolicyView, RoutingProposalList, RoutingSettings } from '@arbiter/contracts';
import { mulberry32 } from '@arbiter/util/random';
import { addMember, ApiClient, newProject, newUser, type Stack } from '@arbiter/testing';
import { type BrowserSession, expectText, openBrowserSession, SCREENSHOTS, signInUi } from './browser-support';

// While verdicts are gathered a review costs nothing, so every prediction in doubt is routed. The costs the project
// then decides by: letting spam (1) through costs 5, removing a genuine message 1, a review 0.3.
const AUDIT_ALL: RoutingPolicyDoc = { schemaVersion: 1, costMatrix: [[0, 1], [1, 0]], reviewCost: 0 };
const POLICY: RoutingPolicyDoc = { schemaVersion: 1, costMatrix: [[0, 1], [5, 0]], reviewCost: 0.3 };
const REVIEWED = 160;

/** An overconfident model: the true class is drawn from softmax(z), the model sends softmax(2z). */
function generate(n: number, seed: number): { request: PredictionRequest; truth: number }[] {
  const next = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => {
    const z = 2.5 * (next() - 0.5) * 2;
    const truth = next() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    const sent = 1 / (1 + Math.exp(-2 * z));
    const request = { predictionId: `p-${i}`, item: { text: `message ${i}`, metadata: { amount: 10 + next() * 20 } }, model: { name: 'spam-filter', version: '3' }, probs: [1 - sent, sent] };
    return { request, truth };
  });
}

describe('routing dashboard in the browser', () => {
  let session: BrowserSession;
  let stack: Stack;
  let context: BrowserContext;
  let owner: ApiClient;
  let engineer: ApiClient;
  let reviewer: ApiClient;
  let service: ApiClient;
  let projectId: string;
  const base = () => `/api/projects/${projectId}`;

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ stack, owner } = session);
    context = await session.newContext({ width: 1400, height: 1000 });
    projectId = (await newProject(owner, { name: 'Spam filter', labelSchema: { kind: 'single', labels: [{ name: 'ham' }, { name: 'spam' }] } })).id;
    expect((await owner.request<RoutingPolicyView>('PUT', `${base()}/routing/policy`, AUDIT_ALL)).body.version).toBe(1);
    engineer = await newUser(owner, 'Enzo Engineer');
    reviewer = await newUser(owner, 'Rhea Reviewer');
    await addMember(owner, projectId, engineer, 'engineer');
    await addMember(owner, projectId, reviewer, 'reviewer');
    const key = await owner.post<CreatedApiKey>(`${base()}/api-keys`, { name: 'prod', role: 'service' });
    service = new ApiClient(stack.baseUrl, key.body.key);
  }, 120_000);
  afterAll(() => session?.close(), 60_000);

  it('sets the budget and SLA, re-fits, charts and approves the proposal, and monitors the model version', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    try {
      await signInUi(page, engineer.user!.email, 'pw-Enzo Engineer-secret');
      await page.getByRole('link', { name: 'Spam filter' }).click();
      await page.getByTestId('routing-link').click();
      await page.waitForURL(`**/projects/${projectId}/routing`);
      await expectText(page.getByTestId('policy-version'), 'Policy version 1');

      // A budget of 0 reviews an hour is refused by the server, and the form says so beside the field.
      await page.getByTestId('routing-budget').fill('0');
      await page.getByTestId('routing-sla').fill('120');
      await page.getByTestId('routing-settings-save').click();
      await expectText(page.getByTestId('routing-settings-error-reviewBudgetPerHour'), /1/);
      expect((await owner.get<RoutingSettings>(`${base()}/routing/settings`)).body).toMatchObject({ reviewBudgetPerHour: null, slaMinutes: null });
      await page.getByTestId('routing-budget').fill('1000');
      await page.getByTestId('routing-settings-save').click();
      await page.getByTestId('routing-settings-saved').waitFor();
      expect(await page.getByTestId('routing-settings-error-reviewBudgetPerHour').count()).toBe(0);
      expect((await owner.get<RoutingSettings>(`${base()}/routing/settings`)).body).toMatchObject({ reviewBudgetPerHour: 1000, slaMinutes: 120 });
      await expectText(page.getByTestId('capacity-budget'), 'Budget 1,000 reviews an hour over a 2.00 h horizon');
      await expectText(page.getByTestId('proposals-empty'), 'No proposals yet');

      // Production traffic, every prediction routed, and a verdict on each (the truth, accepted or corrected).
      const rows = generate(REVIEWED, 7);
      const posted = await service.post<{ decisions: PredictionDecision[] }>(`${base()}/predictions/batch`, { predictions: rows.map((r) => r.request) });
      expect(posted.status).toBe(200);
      expect(posted.body.decisions.filter((d) => d.action === 'review').length).toBe(REVIEWED);
      for (const [i, d] of posted.body.decisions.entries()) {
        const body = rows[i].truth === d.label ? { verdict: 'accept' } : { verdict: 'correct', label: rows[i].truth };
        expect((await reviewer.post(`${base()}/production-reviews/${d.reviewId}/verdict`, body)).status).toBe(200);
      }

      // Verdicts in, the project's costs: version 2. The page, reloaded, reads them and the queue, now empty.
      expect((await owner.request<RoutingPolicyView>('PUT', `${base()}/routing/policy`, POLICY)).body.version).toBe(2);
      await page.reload();
      await expectText(page.getByTestId('policy-version'), 'Policy version 2');
      await expectText(page.getByTestId('capacity-policy-price'), '0.300');
      await expectText(page.getByTestId('capacity-arrivals'), String(REVIEWED), 40_000);
      await expectText(page.getByTestId('capacity-queue'), /^0$/);

      await page.getByTestId('refit').click();
      await page.getByTestId('proposal-row').waitFor({ timeout: 90_000 });
      const { proposals } = (await engineer.get<RoutingProposalList>(`${base()}/routing/proposals`)).body;
      expect(proposals.length).toBe(1);
      const [proposal] = proposals;
      const curves = proposal.evaluation.curves;
      // The chart holds both sweeps of this proposal and its six priced policies, and ECharts drew it (its SVG, and
      // the aria label it sets from the option's description of the held-out costs).
      const chart = page.getByTestId('cost-curve');
      expect(await chart.getAttribute('data-threshold-points')).toBe(String(curves.threshold.length));
      expect(await chart.getAttribute('data-points')).toBe(String(curves.threshold.length + curves.price.length + 6));
      await page.locator('[data-testid="cost-curve-chart"] svg').waitFor();
      const label = await page.getByTestId('cost-curve-chart').getAttribute('aria-label');
      expect(label).toContain(`Held-out cost against share routed on ${proposal.heldOutRows} reviewed predictions.`);
      expect(label).toContain(`Route all: total ${proposal.evaluation.routeAll.total.toFixed(2)} at 100.0% routed`);
      expect(label).toContain(`Route none: total ${proposal.evaluation.routeNone.total.toFixed(2)} at 0.0% routed`);
      await expectText(page.getByTestId('proposal-learned'), `${proposal.evaluation.learned.total.toFixed(2)} at ${(proposal.evaluation.learned.routedShare * 100).toFixed(1)}%`);

      await page.getByTestId('approve').click();
      await expectText(page.getByTestId('proposal-status'), 'version 3');
      await expectText(page.getByTestId('policy-version'), 'Policy version 3');
      const active = (await owner.get<RoutingPolicyView>(`${base()}/routing/policy`)).body;
      expect([active.version, active.policy]).toEqual([3, proposal.policy]);
      // The capacity tiles follow the approved policy's learned price.
      await expectText(page.getByTestId('capacity-policy-price'), proposal.policy.reviewPrice!.toFixed(3));
      expect(await page.getByTestId('approve').count()).toBe(0);

      // What the version was trained on: confident and mostly ham, with small amounts. Production is none of these.
      const next = mulberry32(11);
      const reference = {
        model: { name: 'spam-filter', version: '3' },
        confidences: Array.from({ length: 400 }, () => 0.97 + next() * 0.03),
        labelCounts: [380, 20],
        metadata: { amount: Array.from({ length: 400 }, () => next()) },
      };
      expect((await engineer.request('PUT', `${base()}/routing/model-references`, reference)).status).toBe(204);
      const monitoring = (await engineer.get<ModelMonitoring>(`${base()}/routing/monitoring?modelName=spam-filter&modelVersion=3`)).body;
      expect(monitoring.alerts.length).toBeGreaterThan(0);

      // The versions to choose from are those that posted predictions (a service key may not list them).
      const models = await engineer.get<ModelVersionList>(`${base()}/routing/models`);
      expect(models.body.models).toEqual([{ name: 'spam-filter', version: '3', predictions: REVIEWED, lastSeenAt: expect.any(String) }]);
      expect((await service.get(`${base()}/routing/models`)).status).toBe(403);
      await expectText(page.getByTestId('monitoring-model'), `spam-filter 3 · ${REVIEWED} predictions`);
      await page.getByTestId('monitoring-model').selectOption({ index: 1 });
      await expectText(page.getByTestId('monitoring-reviewed'), String(REVIEWED));
      await expectText(page.getByTestId('monitoring-ece'), monitoring.calibration.ece!.toFixed(3));
      await expectText(page.getByTestId('monitoring-overturn'), `${(monitoring.overturnRate! * 100).toFixed(1)}%`);
      const reliability = page.getByTestId('reliability');
      const filled = monitoring.calibration.bins.filter((b) => b.count > 0).length;
      expect(filled).toBeGreaterThan(2);
      expect(await reliability.getAttribute('data-points')).toBe(String(filled));
      expect(await reliability.getAttribute('data-bins')).toBe('15');
      await page.locator('[data-testid="reliability-chart"] svg').waitFor();
      expect(await page.getByTestId('reliability-chart').getAttribute('aria-label')).toContain(`expected calibration error ${monitoring.calibration.ece!.toFixed(3)}`);
      // Every alert the API raises has its badge, and the drift table marks the fields that moved.
      expect(await page.getByTestId('alert-badge').allTextContents()).toEqual(monitoring.alerts.map((a) => a.metric));
      await expectText(page.getByTestId('drift-confidence'), monitoring.drift.confidence!.psi.toFixed(3));
      await expectText(page.getByTestId('drift-confidence').getByTestId('drift-alert'), 'PSI alert');
      await expectText(page.getByTestId('drift-metadata.amount').getByTestId('drift-alert').first(), /alert/);
      await page.screenshot({ path: join(SCREENSHOTS, 'routing-dashboard.png'), fullPage: true });
    } finally {
      await page.close();
    }
  }, 300_000);

  it('shows a reviewer the same dashboard to read, without the engineer’s controls', async () => {
    // A context of its own: the engineer's session cookie stays in the first.
    const own = await session.newContext({ width: 1400, height: 1000 });
    const page = await own.newPage();
    page.setDefaultTimeout(20_000);
    try {
      await signInUi(page, reviewer.user!.email, 'pw-Rhea Reviewer-secret');
      await page.goto(`/projects/${projectId}/routing`);
      await expectText(page.getByTestId('policy-version'), 'Policy version 3');
      await expectText(page.getByTestId('proposal-status'), 'version 3');
      await expect(page.getByTestId('routing-budget').isDisabled()).resolves.toBe(true);
      expect(await page.getByTestId('routing-budget').inputValue()).toBe('1000');
      for (const control of ['routing-settings-save', 'refit', 'approve']) expect([control, await page.getByTestId(control).count()]).toEqual([control, 0]);
      await page.getByTestId('cost-curve-chart').locator('svg').waitFor();
    } finally {
      await own.close();
    }
  }, 120_000);
});
