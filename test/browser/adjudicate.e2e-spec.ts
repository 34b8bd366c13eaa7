// Agreement and adjudication as a reviewer does them, in Chromium against the real api + worker: three annotators
// label six items through the API with designed disagreements; the reviewer signs in, reads the kappa heatmap,
// then adjudicates the first disagreement by keyboard only, and the decision becomes the item's gold.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { AgreementReport, AgreementResponse, NextTasksResponse, Project, ReviewPage } from '@arbiter/contracts';
import { addMember, importJsonl, newProject, newUser, type ApiClient, type Stack } from '@arbiter/testing';
import { type BrowserSession, openBrowserSession, expectText, SCREENSHOTS } from './browser-support';

type Label = 'ham' | 'spam';
const LABEL_ID: Record<Label, number> = { ham: 0, spam: 1 };

// Six items, three annotators each (overlap 3). Gold is imported for the three unanimous items only.
// The annotators disagree on m2, m4 and m6: those three go to review, m2 first (the queue is in item order).
//
// Cohen's kappa for A × B over the six items (rows A, columns B):
//            B ham  B spam
//   A ham      3      0        A: 3 ham, 3 spam
//   A spam     1      2        B: 4 ham, 2 spam
// observed agreement p_o = (3 + 2) / 6 = 5/6
// chance agreement   p_e = (3·4 + 3·2) / 6² = 18/36 = 1/2
// κ = (p_o − p_e) / (1 − p_e) = (5/6 − 1/2) / (1/2) = 2/3 → shown as 0.67.
// Likewise A × C: p_o = 4/6, C has 3 ham and 3 spam, p_e = 1/2, κ = 1/3 (0.33);
// B × C: p_o = 3/6, p_e = (4·3 + 2·3)/36 = 1/2, κ = 0 (0.00).
const ITEMS: { id: string; text: string; A: Label; B: Label; C: Label; gold?: Label }[] = [
  { id: 'm1', text: 'Are we still on for lunch at noon tomorrow?', A: 'ham', B: 'ham', C: 'ham', gold: 'ham' },
  { id: 'm2', text: 'You have been selected for a free gift card, reply to claim.', A: 'ham', B: 'ham', C: 'spam' },
  { id: 'm3', text: 'WIN a luxury cruise!!! Click the link now.', A: 'spam', B: 'spam', C: 'spam', gold: 'spam' },
  { id: 'm4', text: 'Your parcel is waiting: confirm your address at this link.', A: 'spam', B: 'ham', C: 'spam' },
  { id: 'm5', text: "Minutes from Monday's meeting are attached.", A: 'ham', B: 'ham', C: 'ham', gold: 'ham' },
  { id: 'm6', text: 'Limited offer: designer watches at 90% off.', A: 'spam', B: 'spam', C: 'ham' },
];
const ANNOTATORS = ['A', 'B', 'C'] as const;
const nameOf = (a: (typeof ANNOTATORS)[number]) => `Annotator ${a}`;

const itemText = (page: Page) => page.getByTestId('item-text');
const cell = (page: Page, row: string, col: string) =>
  page.locator(`[data-testid="kappa-cell"][data-row="${row}"][data-col="${col}"]`);

describe('agreement dashboard and adjudication in the browser', () => {
  let session: BrowserSession;
  let stack: Stack;
  let context: BrowserContext;
  let owner: ApiClient;

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ stack, owner } = session);
    context = await session.newContext();
  }, 120_000);
  afterAll(() => session?.close(), 60_000);

  async function waitForReport(projectId: string, annotations: number): Promise<AgreementReport> {
    for (let i = 0; i < 300; i++) {
      const r = await owner.get<AgreementResponse>(`/api/projects/${projectId}/agreement`);
      if (r.body.report && r.body.report.annotations === annotations) return r.body.report;
      await new Promise((res) => setTimeout(res, 100));
    }
    throw new Error(`no agreement report with ${annotations} annotations:\n${stack.logs().slice(-4000)}`);
  }

  it('shows the kappa heatmap, and a keyboard decision on a disagreement becomes gold', async () => {
    // The project, its items and three annotators labeling everything through the API.
    const project = await newProject(owner, { name: 'Spam triage review', overlap: 3 });
    // m2 also has a screenshot of the message and where it came from, which the reviewer sees too.
    const imageUrl = `${stack.baseUrl}/m2-screenshot.png`;
    const extra = (id: string) => (id === 'm2' ? { image: imageUrl, channel: 'sms' } : {});
    const rows = ITEMS.map((i) => ({ id: i.id, text: i.text, ...(i.gold ? { gold: i.gold } : {}), ...extra(i.id) }));
    const query = 'format=jsonl&externalIdField=id&goldField=gold&imageUrlField=image';
    const imported = await importJsonl(owner, project.id, rows, query);
    expect(imported.body).toMatchObject({ inserted: 6, rejected: 0 });
    for (const a of ANNOTATORS) {
      const client = await newUser(owner, nameOf(a));
      await addMember(owner, project.id, client, 'annotator');
      for (;;) {
        const [task] = (await client.post<NextTasksResponse>(`/api/projects/${project.id}/tasks/next`, { count: 1 })).body.tasks;
        if (!task) break;
        const item = ITEMS.find((i) => i.id === task.item.externalId)!;
        const body = { itemId: task.item.id, labels: [LABEL_ID[item[a]]], idempotencyKey: randomUUID() };
        expect((await client.post(`/api/projects/${project.id}/annotations`, body)).status).toBe(201);
      }
    }
    const reviewer = await newUser(owner, 'Rita Reviewer');
    await addMember(owner, project.id, reviewer, 'reviewer');
    const report = await waitForReport(project.id, ITEMS.length * ANNOTATORS.length);
    expect(report.matrix.raters.map((r) => r.name).sort()).toEqual(ANNOTATORS.map(nameOf));

    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    try {
      // Sign in as the reviewer through the UI and open the project.
      await page.goto('/login');
      await page.getByTestId('login-email').fill(reviewer.user!.email);
      await page.getByTestId('login-password').fill('pw-Rita Reviewer-secret');
      await page.getByTestId('login-submit').click();
      await page.getByRole('link', { name: 'Spam triage review' }).click();
      await expectText(page.getByTestId('project-title'), 'Spam triage review');

      // The heatmap names the three annotators on both axes and shows the hand-computed kappas.
      const heatmap = page.getByTestId('kappa-heatmap');
      await heatmap.waitFor();
      for (const a of ANNOTATORS) {
        await expectText(heatmap.getByTestId('kappa-heatmap-row'), nameOf(a));
        await expectText(heatmap.getByTestId('kappa-heatmap-col'), nameOf(a));
      }
      await expectText(cell(page, nameOf('A'), nameOf('B')), /^0\.67/);
      await expectText(cell(page, nameOf('B'), nameOf('A')), /^0\.67/);
      await expectText(cell(page, nameOf('A'), nameOf('C')), /^0\.33/);
      await expectText(cell(page, nameOf('B'), nameOf('C')), /^0\.00/);
      expect(await cell(page, nameOf('A'), nameOf('B')).getAttribute('title')).toBe(
        'Annotator A × Annotator B: κ = 0.67 (substantial) on 6 items both labeled',
      );
      // Gold covers m1, m3 and m5, which everyone labeled right.
      const goldAccuracyOfA = page.getByTestId(`annotator-row-${nameOf('A')}`).getByTestId('vs-gold-accuracy');
      await expectText(goldAccuracyOfA, /^100%.*n = 3$/);
      await expectText(page.getByTestId('review-link'), 'Review (3)');
      await page.screenshot({ path: join(SCREENSHOTS, 'agreement.png'), fullPage: true });

      // A second tab stays on the dashboard: it may only change through the socket's `project:agreement`.
      const watcher = await context.newPage();
      await watcher.goto(page.url());
      await expectText(watcher.getByTestId('live-indicator'), /^live$/);
      const watchedAccuracyOfA = watcher.getByTestId(`annotator-row-${nameOf('A')}`).getByTestId('vs-gold-accuracy');
      await expectText(watchedAccuracyOfA, /^100%.*n = 3$/);

      // The review screen opens on the first disagreement, m2: three labels with their annotators' names.
      await page.getByTestId('review-link').click();
      await expectText(page.getByTestId('review-open-count'), /^3 open$/);
      await expectText(itemText(page), ITEMS[1].text);
      await expectText(page.getByTestId('review-reason'), 'Annotators disagree');
      await expectText(page.getByTestId('review-consensus'), 'Consensus ham · 67% confident (majority)');
      expect(await page.locator('img.item__image').getAttribute('src')).toBe(imageUrl);
      await expectText(page.locator('.item__metadata'), /Metadata \(1\)/);
      await page.locator('.item__metadata summary').click();
      await expectText(page.locator('.item__metadata dl'), /channel\s*sms/);
      const annotations = page.getByTestId('review-annotation');
      expect(await annotations.count()).toBe(3);
      for (const a of ANNOTATORS) {
        await expectText(page.locator(`[data-testid="review-annotation"][data-annotator="${nameOf(a)}"]`), ITEMS[1][a]);
      }

      // j and k move between open items without deciding anything.
      await page.keyboard.press('j');
      await expectText(itemText(page), ITEMS[3].text);
      await page.keyboard.press('k');
      await expectText(itemText(page), ITEMS[1].text);

      // Overrule the majority: the free gift card is spam. The label key selects, Enter records the decision.
      await page.keyboard.press('p');
      await page.locator('[data-testid="label-spam"][aria-pressed="true"]').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'review.png'), fullPage: true });
      await page.keyboard.press('Enter');
      await expectText(itemText(page), ITEMS[3].text);
      await expectText(page.getByTestId('review-open-count'), /^2 open$/);
      await expectText(page.getByTestId('review-position'), /^item 1 of 2 open$/);

      // The decision is the item's gold, with the reviewer's labels.
      let decided: ReviewPage | null = null;
      for (let i = 0; i < 100 && !decided?.items.length; i++) {
        decided = (await reviewer.get<ReviewPage>(`/api/projects/${project.id}/review?status=decided`)).body;
        if (!decided.items.length) await new Promise((res) => setTimeout(res, 100));
      }
      expect(decided!.items.map((i) => [i.externalId, i.decision, i.gold])).toEqual([['m2', [1], [1]]]);

      // The decided list shows it, by name.
      await page.keyboard.press('d');
      await expectText(page.getByTestId('decided-decision'), /^spam$/);

      // New gold makes the worker recompute: the watching tab updates live (A said ham on m2: 3 of 4 right).
      await expectText(watchedAccuracyOfA, /^75%.*n = 4$/, 30_000);
      await expectText(watcher.getByTestId(`annotator-row-${nameOf('C')}`).getByTestId('vs-gold-accuracy'), /^100%.*n = 4$/);
      await expectText(watcher.getByTestId('review-link'), 'Review (2)');

      // Back to the open queue: deciding the last two empties it.
      await page.keyboard.press('d');
      for (const item of [ITEMS[3], ITEMS[5]]) {
        await expectText(itemText(page), item.text);
        await page.keyboard.press('p');
        await page.locator('[data-testid="label-spam"][aria-pressed="true"]').waitFor();
        await page.keyboard.press('Enter');
      }
      await page.getByTestId('nothing-to-review').waitFor();
      await expectText(page.getByTestId('review-open-count'), /^0 open$/);
      await page.keyboard.press('d');
      await expectText(page.getByTestId('decided-list'), 'Limited offer');
      expect(await page.getByTestId('decided-decision').allTextContents()).toEqual(['spam', 'spam', 'spam']);
      await expectText(page.getByTestId('decided-by'), 'Rita Reviewer');
      await expectText(page.getByTestId('review-decided'), /^Decided spam by Rita Reviewer on /);

      // A decision is not gold forever: revise m2 from the decided list with the keyboard. The list opens on
      // the oldest decision; j and k move through it like the open queue.
      await expectText(page.getByTestId('review-position'), /^decided item 1 of 3$/);
      await page.keyboard.press('j');
      await expectText(page.getByTestId('review-position'), /^decided item 2 of 3$/);
      await expectText(itemText(page), ITEMS[3].text);
      await page.keyboard.press('k');
      await expectText(itemText(page), ITEMS[1].text);
      await page.locator('[data-external-id="m2"][aria-selected="true"]').waitFor();
      // The current decision is preselected: Enter without a change sends nothing.
      await page.locator('[data-testid="label-spam"][aria-pressed="true"]').waitFor();
      await page.keyboard.press('Enter');
      await expectText(page.getByTestId('notice'), 'That is the current decision');
      await page.keyboard.press('h');
      await page.locator('[data-testid="label-ham"][aria-pressed="true"]').waitFor();
      await page.screenshot({ path: join(SCREENSHOTS, 'review-decided.png'), fullPage: true });
      await page.keyboard.press('Enter');
      await expectText(page.getByTestId('notice'), 'Revised: the gold is now ham.');
      await expectText(page.locator('[data-external-id="m2"] [data-testid="decided-decision"]'), /^ham$/);
      await expectText(page.getByTestId('review-decided'), /^Decided ham by Rita Reviewer on /);

      // The API has the new gold, with who revised it.
      const revised = (await reviewer.get<ReviewPage>(`/api/projects/${project.id}/review?status=decided`)).body;
      expect(revised.total).toBe(3);
      expect(revised.items.map((i) => [i.externalId, i.decision, i.gold])).toEqual([
        ['m2', [0], [0]],
        ['m4', [1], [1]],
        ['m6', [1], [1]],
      ]);
      expect(revised.items[0].decidedBy).toEqual({ userId: reviewer.user!.id, name: 'Rita Reviewer' });

      // And the report follows: A said ham on m2, spam on m4 and m6, so now matches all six gold labels.
      await expectText(watchedAccuracyOfA, /^100%.*n = 6$/, 30_000);
    } catch (err) {
      await page.screenshot({ path: join(SCREENSHOTS, 'adjudicate-failure.png'), fullPage: true }).catch(() => undefined);
      throw new Error(`${(err as Error).message}\n--- server logs ---\n${stack.logs().slice(-4000)}`);
    }
  }, 120_000);

  it('creates a project with sampled overlap, a review policy and gold checks, and the owner changes them', async () => {
    const ownerContext = await session.newContext();
    const page = await ownerContext.newPage();
    page.setDefaultTimeout(15_000);
    try {
      await page.goto('/login');
      await page.getByTestId('login-email').fill(stack.admin.email);
      await page.getByTestId('login-password').fill(stack.admin.password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('new-project').click();
      await page.getByTestId('project-name').fill('Sampled agreement');
      await page.getByTestId('label-name-0').fill('ham');
      await page.getByTestId('label-name-1').fill('spam');
      await page.getByTestId('project-overlap').fill('3');
      await page.getByTestId('project-overlap-percent').fill('10');
      await page.getByTestId('project-consensus-method').selectOption('dawid-skene');
      await page.getByTestId('project-review-threshold').fill('70');
      await page.getByTestId('project-gold-share').fill('25');
      await page.getByTestId('project-min-gold-accuracy').fill('60');
      await page.getByTestId('project-min-gold-answers').fill('3');
      await page.getByTestId('create-project-submit').click();
      await expectText(page.getByTestId('project-title'), 'Sampled agreement');
      await expectText(page.locator('.page__header'), '3 annotators per item on 10% of items · 25% gold checks');
      const projectId = decodeURIComponent(page.url().split('/').pop()!);
      const stored = (await owner.get<Project>(`/api/projects/${projectId}`)).body;
      expect(stored).toMatchObject({ consensusMethod: 'dawid-skene', overlapFraction: 0.1, reviewThreshold: 0.7 });
      expect(stored).toMatchObject({ goldShare: 0.25, minGoldAccuracy: 0.6, minGoldAnswers: 3 });
      await expectText(page.getByTestId('gold-policy'), "Gold checks are 25% of each annotator's tasks; after 3 checks, accuracy under 60% pauses them.");

      // Nothing annotated yet: no report, an empty review queue.
      await page.getByTestId('agreement-empty').waitFor();
      await expectText(page.getByTestId('review-link'), 'Review (0)');

      // The owner's settings form starts from the stored policy and saves changes with PATCH.
      expect(await page.getByTestId('settings-consensus-method').inputValue()).toBe('dawid-skene');
      expect(await page.getByTestId('settings-review-threshold').inputValue()).toBe('70');
      await page.getByTestId('settings-consensus-method').selectOption('majority');
      await page.getByTestId('settings-review-threshold').fill('55.5');
      await page.getByTestId('settings-save').click();
      await page.getByTestId('settings-saved').waitFor();
      const updated = (await owner.get<Project>(`/api/projects/${projectId}`)).body;
      expect(updated).toMatchObject({ consensusMethod: 'majority', reviewThreshold: 0.555, goldShare: 0.25 });

      // Gold checks are edited in the same form; a blank accuracy means nobody is ever paused.
      expect(await page.getByTestId('settings-gold-share').inputValue()).toBe('25');
      expect(await page.getByTestId('settings-min-gold-accuracy').inputValue()).toBe('60');
      expect(await page.getByTestId('settings-min-gold-answers').inputValue()).toBe('3');
      await page.getByTestId('settings-gold-share').fill('10');
      await page.getByTestId('settings-min-gold-accuracy').fill('');
      await page.getByTestId('settings-save').click();
      await page.getByTestId('settings-saved').waitFor();
      await expectText(page.getByTestId('gold-policy'), "Gold checks are 10% of each annotator's tasks; nobody is paused for inaccuracy.");
      const gold = (await owner.get<Project>(`/api/projects/${projectId}`)).body;
      expect(gold).toMatchObject({ consensusMethod: 'majority', reviewThreshold: 0.555, goldShare: 0.1, minGoldAccuracy: null, minGoldAnswers: 3 });
      await page.screenshot({ path: join(SCREENSHOTS, 'project-settings.png'), fullPage: true });

      await page.getByTestId('review-link').click();
      await page.getByTestId('nothing-to-review').waitFor();
      await expectText(page.getByTestId('review-open-count'), /^0 open$/);
    } catch (err) {
      await page.screenshot({ path: join(SCREENSHOTS, 'project-settings-failure.png'), fullPage: true }).catch(() => undefined);
      throw new Error(`${(err as Error).message}\n--- server logs ---\n${stack.logs().slice(-4000)}`);
    } finally {
      await ownerContext.close();
    }
  }, 60_000);
});
