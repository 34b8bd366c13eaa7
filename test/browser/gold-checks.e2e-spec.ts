// Gold checks as people meet them, in Chromium against the real api + worker: a careless annotator labels by
// keyboard, always "spam", and fails both checks hidden among their first eight tasks; the annotate screen then
// shows the server's explanation instead of a task, and stops asking for tasks. The owner, in a second browser,
// sees them at 0% and paused on the project page, resumes them, and the annotator gets tasks again.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { AnnotatorQuality, NextTasksResponse } from '@arbiter/contracts';
import { addMember, importJsonl, newProject, newUser, type ApiClient, type Stack } from '@arbiter/testing';
import { type BrowserSession, openBrowserSession, expectText, SCREENSHOTS, signInUi } from './browser-support';

const NORMAL = [
  'Are we still on for lunch at noon tomorrow?',
  'WIN a luxury cruise!!! Click the link now.',
  "Minutes from Monday's meeting are attached.",
  'Your parcel is waiting: confirm your address at this link.',
  'Can you review my pull request before Friday?',
  'Limited offer: designer watches at 90% off.',
  'The train is delayed, I will be ten minutes late.',
  'You have been selected for a free gift card, reply to claim.',
];
const GOLD_HAM = [
  'Happy birthday! See you at dinner tonight.',
  'The invoice for March is in the shared folder.',
  'Thanks for the notes, I will update the slides.',
  'Reminder: team photo on Thursday at 10.',
];
const CARELESS = 'Careless Carl';
const CAREFUL = 'Careful Cara';
// Short leases make the screen renew them every half lease (2.5 s) while it holds tasks: a paused screen must not.
const LEASE_SECONDS = 5;
const RENEWAL_MS = (LEASE_SECONDS / 2) * 1000;

describe('gold checks in the browser', () => {
  let session: BrowserSession;
  let stack: Stack;
  let owner: ApiClient;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ stack, owner } = session);
  }, 120_000);
  afterAll(() => session?.close(), 60_000);

  async function newPage(): Promise<Page> {
    const context = await session.newContext();
    contexts.push(context);
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    return page;
  }

  it('pauses the careless annotator on the annotate screen, and the owner resumes them from the project page', async () => {
    // 8 normal items and 4 gold ones ('ham'); a quarter of each annotator's tasks are checks, two wrong pause.
    const project = await newProject(owner, {
      name: 'Gold checked triage',
      overlap: 2,
      leaseSeconds: LEASE_SECONDS,
      goldShare: 0.25,
      minGoldAccuracy: 0.6,
      minGoldAnswers: 2,
    });
    const rows = [
      ...NORMAL.map((text, i) => ({ id: `n${i}`, text })),
      ...GOLD_HAM.map((text, i) => ({ id: `g${i}`, text, gold: 'ham' })),
    ];
    expect((await importJsonl(owner, project.id, rows, 'format=jsonl&externalIdField=id&goldField=gold')).body).toMatchObject({
      inserted: 12,
      rejected: 0,
    });
    const careless = await newUser(owner, CARELESS);
    const careful = await newUser(owner, CAREFUL);
    await addMember(owner, project.id, careless, 'annotator');
    await addMember(owner, project.id, careful, 'annotator');

    // The careful annotator works through the API first and gets both of their checks right.
    for (let i = 0; i < 8; i++) {
      const [task] = (await careful.post<NextTasksResponse>(`/api/projects/${project.id}/tasks/next`, { count: 1 })).body.tasks;
      const label = task.item.externalId!.startsWith('g') ? 0 : 1;
      const body = { itemId: task.item.id, labels: [label], idempotencyKey: randomUUID() };
      expect((await careful.post(`/api/projects/${project.id}/annotations`, body)).status).toBe(201);
    }

    const page = await newPage();
    const ownerPage = await newPage();
    try {
      // The careless annotator labels eight tasks by keyboard, "spam" every time.
      await signInUi(page, careless.user!.email, `pw-${CARELESS}-secret`);
      await page.goto(`/projects/${project.id}/annotate`);
      const shown: string[] = [];
      for (let n = 1; n <= 8; n++) {
        const item = page.locator('article.item');
        await item.waitFor();
        const id = await item.getAttribute('data-item-id');
        shown.push((await item.locator('.item__id').textContent()) ?? '');
        await page.keyboard.press('p');
        await page.locator('[data-testid="label-spam"][aria-pressed="true"]').waitFor();
        await page.keyboard.press('Enter');
        await page.locator(`article.item:not([data-item-id="${id}"]), [data-testid="paused"]`).first().waitFor();
      }
      // The server spreads checks evenly: the 4th and the 8th task were gold items.
      expect(shown.map((s) => s.slice(0, 2))).toEqual(['#n', '#n', '#n', '#g', '#n', '#n', '#n', '#g']);

      // Both checks wrong: the screen shows the server's explanation instead of a task.
      const paused = page.getByTestId('paused');
      await paused.waitFor();
      await expectText(page.getByTestId('paused-message'), /0% \(0 of 2\).*under this project's 60%.*resume you/);
      expect(await page.locator('article.item').count()).toBe(0);
      expect(await page.getByTestId('submit').count()).toBe(0);
      await page.screenshot({ path: join(SCREENSHOTS, 'paused.png') });

      // From here on the screen asks for nothing by itself (no retry loop, no lease renewals).
      const pausedAt = Date.now();
      let asked = 0;
      page.on('request', (r) => {
        if (r.url().includes('/tasks/next')) asked++;
      });

      // The owner, in a second browser, finds the careless annotator at 0% and paused.
      await signInUi(ownerPage, stack.admin.email, stack.admin.password);
      await ownerPage.goto(`/projects/${project.id}`);
      const annotators = ownerPage.getByTestId('annotators');
      await annotators.waitFor();
      const carelessRow = ownerPage.getByTestId(`annotator-quality-row-${CARELESS}`);
      const carefulRow = ownerPage.getByTestId(`annotator-quality-row-${CAREFUL}`);
      await expectText(carelessRow.getByTestId('check-accuracy'), /^0%$/);
      await expectText(carelessRow.getByTestId('checks'), /^0 \/ 2$/);
      await expectText(carelessRow.getByTestId('labels-given'), /^6$/);
      await expectText(carelessRow.getByTestId('paused-badge'), /^Paused$/);
      await expectText(carefulRow.getByTestId('check-accuracy'), /^100%$/);
      await expectText(carefulRow.getByTestId('annotator-status'), /^active$/);
      await expectText(ownerPage.getByTestId('paused-count'), /^1 paused$/);
      await annotators.screenshot({ path: join(SCREENSHOTS, 'annotators.png') });

      await carelessRow.getByTestId('resume').click();
      await expectText(carelessRow.getByTestId('annotator-status'), /^active$/);
      // Accuracy counts afresh after a resume: no checks yet.
      await expectText(carelessRow.getByTestId('check-accuracy'), /^—$/);
      const quality = (await owner.get<AnnotatorQuality[]>(`/api/projects/${project.id}/annotators`)).body;
      expect(quality.find((q) => q.name === CARELESS)).toMatchObject({ paused: false, checks: { answered: 0 } });

      // The table is live: a label given elsewhere arrives as `project:stats` and the row is refetched.
      const [task] = (await careful.post<NextTasksResponse>(`/api/projects/${project.id}/tasks/next`, { count: 1 })).body.tasks;
      expect(task.item.externalId).toMatch(/^n/);
      const body = { itemId: task.item.id, labels: [1], idempotencyKey: randomUUID() };
      expect((await careful.post(`/api/projects/${project.id}/annotations`, body)).status).toBe(201);
      await expectText(carefulRow.getByTestId('labels-given'), /^7$/);

      // The paused screen stayed quiet for longer than a lease-renewal period.
      const quietFor = 1.5 * RENEWAL_MS - (Date.now() - pausedAt);
      if (quietFor > 0) await page.waitForTimeout(quietFor);
      expect(asked).toBe(0);
      await expectText(page.getByTestId('paused-message'), /0% \(0 of 2\)/);

      // Reloaded, the annotator gets a task again.
      await page.reload();
      await page.getByTestId('item-text').waitFor();
      expect(await paused.count()).toBe(0);
      await expectText(page.getByTestId('next-status'), 'next item ready');
    } catch (err) {
      await page.screenshot({ path: join(SCREENSHOTS, 'gold-checks-failure.png'), fullPage: true }).catch(() => undefined);
      await ownerPage.screenshot({ path: join(SCREENSHOTS, 'gold-checks-owner-failure.png'), fullPage: true }).catch(() => undefined);
      throw new Error(`${(err as Error).message}\n--- server logs ---\n${stack.logs().slice(-4000)}`);
    } finally {
      await Promise.all(contexts.map((c) => c.close()));
    }
  }, 120_000);
});
