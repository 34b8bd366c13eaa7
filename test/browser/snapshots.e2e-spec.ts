// The snapshots screen in Chromium against the real api + worker (issue 11): the owner opens it from the project page,
// creates a snapshot with the button and watches it complete; the datasheet's counts table holds the API's numbers
// and ECharts draws them; a split's download link serves the bytes the manifest hashes; the group key, fixed once
// items have splits, is refused with the server's reason; after more gold items arrive, the `n` key builds v2 and the
// diff counts the items added; j moves to the older version. A reviewer reads the same screen without the controls.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { SPLITS, type Datasheet, type SnapshotManifest, type SnapshotView } from '@arbiter/contracts';
import { addMember, importJsonl, newProject, newUser, type ApiClient, type Stack } from '@arbiter/testing';
import { type BrowserSession, expectText, openBrowserSession, SCREENSHOTS, signInUi } from './browser-support';

const FIRST = 30;
const MORE = 10;
// Gold with the item: ham for every third item, spam otherwise.
const goldRows = (from: number, n: number) => Array.from({ length: n }, (_, k) => ({ id: `g${from + k}`, text: `message ${from + k}`, gold: (from + k) % 3 === 0 ? 0 : 1 }));

describe('snapshots screen in the browser', () => {
  let session: BrowserSession;
  let stack: Stack;
  let context: BrowserContext;
  let owner: ApiClient;
  let reviewer: ApiClient;
  let projectId: string;
  const base = () => `/api/projects/${projectId}`;

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ stack, owner } = session);
    context = await session.newContext({ width: 1400, height: 1000 });
    projectId = (await newProject(owner, { name: 'Spam snapshots' })).id;
    const imported = await importJsonl(owner, projectId, goldRows(0, FIRST), 'format=jsonl&externalIdField=id&goldField=gold');
    expect(imported.body).toMatchObject({ inserted: FIRST });
    reviewer = await newUser(owner, 'Rhea Reviewer');
    await addMember(owner, projectId, reviewer, 'reviewer');
  }, 120_000);
  afterAll(() => session?.close(), 60_000);

  /** The counts table cell of a label (or the total row) and a split, as the page shows it. */
  const cell = (page: Page, row: string, split: string) => page.getByTestId(row).getByTestId(`count-${split}`);

  it('creates snapshots from the page, shows the datasheet with its chart and downloads, and diffs two versions', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(20_000);
    try {
      await signInUi(page, stack.admin.email, stack.admin.password);
      await page.getByRole('link', { name: 'Spam snapshots' }).click();
      await page.getByTestId('snapshots-link').click();
      await page.waitForURL(`**/projects/${projectId}/snapshots`);
      await expectText(page.getByTestId('snapshots-empty'), 'No snapshots yet');
      await expectText(page.getByTestId('snapshot-keys'), 'new snapshot');

      await page.getByTestId('new-snapshot').click();
      await page.getByTestId('snapshot-row-1').waitFor();
      await expectText(page.getByTestId('snapshot-row-1').getByTestId('snapshot-status'), 'Complete', 90_000);
      const v1 = (await owner.get<SnapshotView>(`${base()}/snapshots/1`)).body;
      expect(v1).toMatchObject({ status: 'complete', trigger: 'manual', rowCount: FIRST });
      await expectText(page.getByTestId('snapshot-row-1').getByTestId('snapshot-rows'), String(FIRST));
      expect(await page.getByTestId('snapshot-row-1').getByTestId('snapshot-hash').getAttribute('data-hash')).toBe(v1.contentHash);

      // The counts table holds the datasheet's numbers: every label and split, and the totals.
      const sheet = (await owner.get<Datasheet>(`${base()}/snapshots/1/datasheet`)).body;
      await page.getByTestId('counts-table').waitFor({ timeout: 60_000 });
      for (const label of ['ham', 'spam']) {
        for (const split of SPLITS) await expectText(cell(page, `counts-row-${label}`, split), new RegExp(`^${sheet.counts[split][label] ?? 0}$`));
        expect(await cell(page, `counts-row-${label}`, 'all').textContent()).toBe(String(SPLITS.reduce((n, s) => n + (sheet.counts[s][label] ?? 0), 0)));
      }
      expect(await cell(page, 'counts-total', 'all').textContent()).toBe(String(FIRST));
      // Every third item is ham: 10 of 30.
      expect(SPLITS.reduce((n, s) => n + (sheet.counts[s]['ham'] ?? 0), 0)).toBe(10);
      await expectText(page.getByTestId('source-gold'), `gold imported with the item: ${FIRST}`);
      // ECharts drew the stacked bars (its SVG) and labelled the chart with the same counts in words.
      await page.locator('[data-testid="counts-chart"] svg').waitFor();
      const label = await page.getByTestId('counts-chart').getAttribute('aria-label');
      const train = Object.values(sheet.counts.train).reduce((a, b) => a + b, 0);
      expect(label).toContain(`Rows by split and label, ${FIRST} in all: train ${train} (ham ${sheet.counts.train['ham'] ?? 0}, spam ${sheet.counts.train['spam'] ?? 0})`);

      // A split's download link serves, with the page's session cookie, the bytes the manifest hashes.
      const manifest = (await owner.get<SnapshotManifest>(`${base()}/snapshots/1/manifest`)).body;
      await expectText(page.getByTestId('download-train'), String(manifest.splits.train.rows));
      const href = await page.getByTestId('download-train-jsonl').getAttribute('href');
      const download = await context.request.get(href!);
      expect(download.status()).toBe(200);
      expect(createHash('sha256').update(await download.body()).digest('hex')).toBe(manifest.splits.train.contentHash);

      // The build assigned every item a split, and the split settings (refreshed by the build's end on the socket) say so.
      await expectText(page.getByTestId('split-assigned'), `${FIRST} items assigned (train ${manifest.splits.train.rows}, valid ${manifest.splits.valid.rows}, test ${manifest.splits.test.rows})`);
      // Items have splits now, so the group key is fixed: the server's reason is shown.
      await page.getByTestId('split-group-key').fill('author');
      await page.getByTestId('split-settings-save').click();
      await expectText(page.getByTestId('split-settings-error'), 'groupKey: fixed once items have splits');

      // More gold, then `n` (with no field focused) builds v2, which the page selects and diffs against v1.
      const more = await importJsonl(owner, projectId, goldRows(FIRST, MORE), 'format=jsonl&externalIdField=id&goldField=gold');
      expect(more.body).toMatchObject({ inserted: MORE });
      await page.locator('h1').click();
      await page.keyboard.press('n');
      await page.getByTestId('snapshot-row-2').waitFor();
      await expectText(page.getByTestId('snapshot-row-2').getByTestId('snapshot-status'), 'Complete', 90_000);
      expect((await owner.get<SnapshotView>(`${base()}/snapshots/2`)).body.rowCount).toBe(FIRST + MORE);
      await expectText(page.getByTestId('diff-summary'), 'From v1 to v2', 60_000);
      await expectText(page.getByTestId('diff-added'), `${MORE} added`);
      await expectText(page.getByTestId('diff-removed'), '0 removed');
      expect(await page.getByTestId('diff-added-list').locator('li').count()).toBe(MORE);
      await expectText(cell(page, 'counts-total', 'all'), new RegExp(`^${FIRST + MORE}$`));
      await page.screenshot({ path: join(SCREENSHOTS, 'snapshots.png'), fullPage: true });

      // j moves to the older version: its row is selected and its datasheet shown.
      await page.keyboard.press('j');
      await expectText(page.getByTestId('datasheet-card').locator('h2'), 'Datasheet of v1');
      expect(await page.getByTestId('snapshot-row-1').getAttribute('aria-current')).toBe('true');
      await expectText(cell(page, 'counts-total', 'all'), new RegExp(`^${FIRST}$`));
    } finally {
      await page.close();
    }
  }, 300_000);

  it('shows a reviewer the versions and datasheet to read, without the create button or split editing', async () => {
    // A context of its own: the owner's session cookie stays in the first.
    const own = await session.newContext({ width: 1400, height: 1000 });
    const page = await own.newPage();
    page.setDefaultTimeout(20_000);
    try {
      await signInUi(page, reviewer.user!.email, 'pw-Rhea Reviewer-secret');
      await page.goto(`/projects/${projectId}/snapshots`);
      await expectText(page.getByTestId('snapshot-row-2').getByTestId('snapshot-status'), 'Complete', 60_000);
      await page.getByTestId('counts-table').waitFor();
      expect(await page.getByTestId('new-snapshot').count()).toBe(0);
      expect(await page.getByTestId('split-settings-save').count()).toBe(0);
      // A link naming a version (as the production review screen's "trained on snapshot vN") opens on it.
      await page.goto(`/projects/${projectId}/snapshots?version=1`);
      await expectText(page.getByTestId('datasheet-card').locator('h2'), 'Datasheet of v1', 60_000);
      await expect(page.getByTestId('split-seed').isDisabled()).resolves.toBe(true);
      expect(await page.getByTestId('snapshot-keys').textContent()).not.toContain('new snapshot');
    } finally {
      await own.close();
    }
  }, 120_000);
});
