// Labeling functions as an engineer writes them, in Chromium against the real api + worker: 300 comments with 60
// gold labels; a code LF typed into CodeMirror is previewed (the coverage and gold accuracy computed below), saved,
// applied by the workers and shown live in the analysis table; a keyword LF built with the form overlaps and
// conflicts with it; the table sorts by coverage; an edited definition becomes v2; disabling an LF refits the model;
// an LF that throws shows its error and the item it failed on.
import { join } from 'node:path';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import type { LfListResponse } from '@arbiter/contracts';
import { addMember, importJsonl, newProject, newUser, type ApiClient, type Stack } from '@arbiter/testing';
import { type BrowserSession, openBrowserSession, expectText, SCREENSHOTS, signInUi } from './browser-support';

type Label = 'ham' | 'spam';

// The fixture, group by group (n items, the first `gold` of them with their gold label):
//   A  69 spam "Check out my channel …"                     18 gold
//   B   6 ham  "You should check out … this song …"           2 gold
//   C  20 spam "Subscribe to win a free phone …"               5 gold
//   D  99 ham  "I love this song …"                           20 gold
//   E 106 ham  "Great video, watched it twice …"              15 gold
// 300 items, 60 gold. Every preview samples them all (fewer than its 10,000 default).
//
// Code LF v1 `/check out/i → spam` votes on A + B = 75 items: coverage 75/300 = 25.0%. On gold it votes on A's 18
// (spam: correct) and B's 2 (ham: incorrect): accuracy 18/20 = 90.0%.
// Keyword LF `song → ham` (whole words) votes on B + D = 105 items: coverage 35.0%; gold: B's 2 + D's 20 correct,
// none incorrect, 100.0%. It votes with v1 on B's 6 items, and against it: overlaps = conflicts = 6/300 = 2.0%.
// Code LF v2 `/check out my channel/i → spam` votes on A only: 69/300 = 23.0%, 18 correct, none incorrect, 100.0%;
// it never meets the keyword LF (0.0% overlaps). With both enabled 69 + 105 = 174 items have a vote; with the
// keyword LF disabled, 69.
const GROUPS: { n: number; gold: number; label: Label; text: (i: number) => string }[] = [
  { n: 69, gold: 18, label: 'spam', text: (i) => `Check out my channel for daily beats, video ${i}` },
  { n: 6, gold: 2, label: 'ham', text: (i) => `You should check out the live version of this song ${i}` },
  { n: 20, gold: 5, label: 'spam', text: (i) => `Subscribe to win a free phone, offer ${i}` },
  { n: 99, gold: 20, label: 'ham', text: (i) => `I love this song ${i}` },
  { n: 106, gold: 15, label: 'ham', text: (i) => `Great video, watched it twice (${i})` },
];
const ROWS = GROUPS.flatMap((g, gi) =>
  Array.from({ length: g.n }, (_, i) => ({
    id: `c${gi}-${String(i).padStart(3, '0')}`,
    text: g.text(i + 1),
    ...(i < g.gold ? { gold: g.label } : {}),
  })),
);

const CODE_V1 = '// Channel plugs are spam\n(item) => /check out/i.test(item.text) ? 1 : ABSTAIN';
const CODE_V2 = '// Channel plugs are spam\n(item) => /check out my channel/i.test(item.text) ? 1 : ABSTAIN';
const CODE_BROKEN = '// Channel plugs are spam\n(item) => /check out/i.test(item.text ? 1 : ABSTAIN';
// Votes spam on C's 20 items, then throws on E's first: an errored LF's votes stay out of the label model, so
// 69 items keep a vote, not 89.
const CODE_THROWS = "(item) => item.text.startsWith('Great') ? item.metadata.nothing.here : item.text.includes('phone') ? 1 : ABSTAIN";
const ENGINEER = 'Erin Engineer';

describe('labeling functions in the browser', () => {
  let session: BrowserSession;
  let stack: Stack;
  let context: BrowserContext;
  let owner: ApiClient;

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ stack, owner } = session);
    context = await session.newContext({ width: 1400, height: 1000 });
  }, 120_000);
  afterAll(() => session?.close(), 60_000);

  /** Replaces the CodeMirror document as typing would (select all, then text input), and checks what it holds. */
  async function typeCode(page: Page, code: string): Promise<void> {
    const content = page.getByTestId('lf-code').locator('.cm-content');
    await content.click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.insertText(code);
    // CodeMirror reads the input from the DOM on its own schedule: wait for the last line, then compare them all.
    const lines = code.split('\n');
    await content.locator('.cm-line').nth(lines.length - 1).filter({ hasText: lines[lines.length - 1] }).waitFor();
    expect(await content.locator('.cm-line').allTextContents()).toEqual(lines);
  }

  /** Waits for the column header to announce the order. */
  async function sortedBy(page: Page, key: string, direction: 'ascending' | 'descending' | 'none'): Promise<void> {
    await page.locator(`th[aria-sort="${direction}"]`, { has: page.getByTestId(`sort-${key}`) }).waitFor();
  }

  const row = (page: Page, name: string) => page.getByTestId(`lf-row-${name}`);
  const cellOf = (page: Page, name: string, testId: string): Locator => row(page, name).getByTestId(testId);
  const rowOrder = (page: Page) => page.locator('[data-testid="lf-table"] tbody tr').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-testid')));

  it('previews, saves and analyses code and keyword LFs live, sorts them, edits to v2, disables, and shows an LF error', async () => {
    const project = await newProject(owner, { name: 'Comment spam LFs' });
    const imported = await importJsonl(owner, project.id, ROWS, 'format=jsonl&externalIdField=id&goldField=gold');
    expect(imported.body).toMatchObject({ inserted: 300, rejected: 0 });
    expect(ROWS.filter((r) => r.gold).length).toBe(60);
    const engineer = await newUser(owner, ENGINEER);
    await addMember(owner, project.id, engineer, 'engineer');

    const lfList = async (projectId: string) => (await engineer.get<LfListResponse>(`/api/projects/${projectId}/lfs`)).body;

    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    try {
      // The project page links to the LF screen, which starts empty.
      await signInUi(page, engineer.user!.email, `pw-${ENGINEER}-secret`);
      await page.getByRole('link', { name: 'Comment spam LFs' }).click();
      await page.getByTestId('lfs-link').click();
      await page.getByRole('heading', { name: 'Labeling functions', level: 1 }).waitFor();
      expect(page.url()).toMatch(new RegExp(`/projects/${project.id}/lfs$`));
      await page.getByTestId('lfs-empty').waitFor();
      await page.getByTestId('label-model-empty').waitFor();
      await expectText(page.getByTestId('live-indicator'), /^live$/);

      // A code LF starts from the template; a syntax error comes back from the sandbox naming its line.
      await page.getByTestId('lf-name').fill('check out');
      await page.getByTestId('lf-kind').selectOption('code');
      await expectText(page.getByTestId('lf-code').locator('.cm-content'), '(item) => /check out/i.test(item.text) ? 0 : ABSTAIN');
      await typeCode(page, CODE_BROKEN);
      await page.getByTestId('lf-preview-button').click();
      await expectText(page.getByTestId('lf-preview-error'), /line 2/);

      // Fixed, its preview shows the figures computed above.
      await typeCode(page, CODE_V1);
      await page.getByTestId('lf-preview-button').click();
      const preview = page.getByTestId('lf-preview');
      await expectText(preview.locator('h3'), /^Preview on 300 items in \d+ ms$/);
      await expectText(page.getByTestId('lf-preview-coverage'), /^25\.0%$/);
      await expectText(page.getByTestId('lf-preview-votes'), /^75 votes: spam 75$/);
      await expectText(page.getByTestId('lf-preview-accuracy'), /^90\.0%$/);
      await expectText(page.getByTestId('lf-preview-gold'), /^18 correct, 2 incorrect of 60 gold items$/);
      await expectText(page.getByTestId('lf-preview-overlaps'), /^0\.0%$/);
      expect(await page.getByTestId('lf-preview-error').count()).toBe(0);
      for (const vote of await page.getByTestId('lf-preview-example-vote').allTextContents()) expect(['spam', 'abstain']).toContain(vote);
      await page.screenshot({ path: join(SCREENSHOTS, 'lf-preview.png'), fullPage: true });

      // Saved, it is applied by the workers; the row fills in when the label model is fitted (pushed over the socket).
      await page.getByTestId('lf-save').click();
      await expectText(page.getByTestId('lf-saved'), 'Saved “check out” as v1');
      await expectText(cellOf(page, 'check out', 'lf-version'), /^v1$/);
      await expectText(cellOf(page, 'check out', 'lf-status'), /^ok$/, 60_000);
      await expectText(cellOf(page, 'check out', 'lf-coverage'), /^25\.0%$/);
      await expectText(cellOf(page, 'check out', 'lf-polarity'), /^spam$/);
      await expectText(cellOf(page, 'check out', 'lf-correct'), /^18$/);
      await expectText(cellOf(page, 'check out', 'lf-incorrect'), /^2$/);
      await expectText(cellOf(page, 'check out', 'lf-empirical-accuracy'), /^90\.0%$/);
      await expectText(cellOf(page, 'check out', 'lf-overlaps'), /^0\.0%$/);
      await expectText(page.getByTestId('label-model-covered'), /^75 of 300$/);
      await expectText(page.getByTestId('lf-run-status'), /^Last run applied/);

      // A keyword LF from the form: "song" as a whole word votes ham, and meets the code LF on B's six items.
      await page.getByTestId('lf-new').click();
      await expectText(page.getByTestId('lf-editor').locator('h2'), /^New labeling function$/);
      await page.getByTestId('lf-name').fill('song');
      await page.getByTestId('lf-kind').selectOption('keyword');
      await page.getByTestId('lf-keywords').fill('song');
      await page.getByTestId('lf-save').click();
      await expectText(page.getByTestId('lf-editor').locator('.field-error'), /^Choose a label$/);
      await page.getByTestId('lf-label').selectOption({ label: 'ham' });
      await page.getByTestId('lf-preview-button').click();
      await expectText(page.getByTestId('lf-preview-coverage'), /^35\.0%$/);
      await expectText(page.getByTestId('lf-preview-gold'), /^22 correct, 0 incorrect of 60 gold items$/);
      await expectText(page.getByTestId('lf-preview-accuracy'), /^100\.0%$/);
      await expectText(page.getByTestId('lf-preview-overlaps'), /^2\.0%$/);
      await expectText(page.getByTestId('lf-preview-conflicts'), /^2\.0%$/);
      await page.getByTestId('lf-save').click();
      await expectText(cellOf(page, 'song', 'lf-status'), /^ok$/, 60_000);
      await expectText(cellOf(page, 'song', 'lf-coverage'), /^35\.0%$/);
      await expectText(cellOf(page, 'song', 'lf-polarity'), /^ham$/);
      await expectText(cellOf(page, 'song', 'lf-conflicts'), /^2\.0%$/);
      await expectText(cellOf(page, 'check out', 'lf-overlaps'), /^2\.0%$/, 60_000);
      await expectText(cellOf(page, 'check out', 'lf-conflicts'), /^2\.0%$/);

      // Sorting: coverage largest first on the first click, then smallest first.
      await sortedBy(page, 'name', 'ascending');
      await sortedBy(page, 'coverage', 'none');
      expect(await rowOrder(page)).toEqual(['lf-row-check out', 'lf-row-song']);
      await page.getByTestId('sort-coverage').click();
      await sortedBy(page, 'coverage', 'descending');
      await sortedBy(page, 'name', 'none');
      expect(await rowOrder(page)).toEqual(['lf-row-song', 'lf-row-check out']);
      await page.getByTestId('sort-coverage').click();
      await sortedBy(page, 'coverage', 'ascending');
      expect(await rowOrder(page)).toEqual(['lf-row-check out', 'lf-row-song']);
      await page.screenshot({ path: join(SCREENSHOTS, 'lf-table.png'), fullPage: true });

      // Edit loads the code LF back into CodeMirror; a new definition is saved as v2 and replaces v1's figures.
      await cellOf(page, 'check out', 'lf-edit').click();
      await expectText(page.getByTestId('lf-editor').locator('h2'), 'Edit “check out” (v1)');
      await expectText(page.getByTestId('lf-code').locator('.cm-content'), '/check out/i.test(item.text) ? 1 : ABSTAIN');
      await typeCode(page, CODE_V2);
      await page.getByTestId('lf-preview-button').click();
      await expectText(page.getByTestId('lf-preview-coverage'), /^23\.0%$/);
      await expectText(page.getByTestId('lf-preview-gold'), /^18 correct, 0 incorrect of 60 gold items$/);
      // Compared with the other LFs only: its own v1 does not count as an overlap.
      await expectText(page.getByTestId('lf-preview-overlaps'), /^0\.0%$/);
      await page.getByTestId('lf-save').click();
      await expectText(page.getByTestId('lf-saved'), 'Saved v2.');
      await expectText(cellOf(page, 'check out', 'lf-version'), /^v2$/);
      await expectText(cellOf(page, 'check out', 'lf-coverage'), /^23\.0%$/, 60_000);
      await expectText(cellOf(page, 'check out', 'lf-incorrect'), /^0$/);
      await expectText(cellOf(page, 'check out', 'lf-empirical-accuracy'), /^100\.0%$/);
      await expectText(cellOf(page, 'song', 'lf-overlaps'), /^0\.0%$/);
      await expectText(page.getByTestId('label-model-covered'), /^174 of 300$/);
      await page.getByTestId('lf-versions').locator('summary').click();
      expect(await page.getByTestId('lf-history-version').count()).toBe(2);

      // Disabling the keyword LF takes its votes out of the label model: only the channel plugs keep a vote.
      await cellOf(page, 'song', 'lf-enabled').uncheck();
      await expectText(cellOf(page, 'song', 'lf-status'), /^disabled$/);
      await expectText(page.getByTestId('label-model-covered'), /^69 of 300$/, 60_000);
      const stored = await lfList(project.id);
      expect(stored.lfs.map((lf) => [lf.name, lf.enabled, lf.current.version]).sort()).toEqual([
        ['check out', true, 2],
        ['song', false, 1],
      ]);

      // An LF that throws: the preview says so, and once saved its row shows the error and the item; the label
      // model leaves out the votes it gave before failing.
      await page.getByTestId('lf-new').click();
      await page.getByTestId('lf-name').fill('broken');
      await page.getByTestId('lf-kind').selectOption('code');
      await typeCode(page, CODE_THROWS);
      await page.getByTestId('lf-preview-button').click();
      await expectText(page.getByTestId('lf-preview-lf-error'), /^The LF failed on item \d+: .*TypeError/);
      const modelBefore = (await lfList(project.id)).labelModel!.id;
      await page.getByTestId('lf-save').click();
      await expectText(cellOf(page, 'broken', 'lf-status'), /^error: .*TypeError.*on item \d+$/, 60_000);
      // The run that met the error refits the model (a new one): still only v2's 69 items have a vote.
      let refitted = await lfList(project.id);
      for (let i = 0; i < 600 && refitted.labelModel!.id === modelBefore; i++) {
        await new Promise((res) => setTimeout(res, 100));
        refitted = await lfList(project.id);
      }
      expect(refitted.labelModel).toMatchObject({ covered: 69, lfVersionIds: [stored.lfs.find((lf) => lf.name === 'check out')!.current.id] });
      await expectText(page.getByTestId('label-model-covered'), /^69 of 300$/);
      await page.screenshot({ path: join(SCREENSHOTS, 'lf-editor.png'), fullPage: true });
    } catch (err) {
      await page.screenshot({ path: join(SCREENSHOTS, 'lf-editor-failure.png'), fullPage: true }).catch(() => undefined);
      throw new Error(`${(err as Error).message}\n--- server logs ---\n${stack.logs().slice(-4000)}`);
    }
  }, 240_000);
});
