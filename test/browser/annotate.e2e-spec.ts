// The annotation workflow as a person does it, in Chromium against the real api + worker: sign in, create a
// project, import a CSV, label by keyboard only (with an undo), and watch the project's counts change live.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startStack, type Stack } from '@arbiter/testing';
import { expectText, launchChromium, SCREENSHOTS } from './browser-support';

const ITEMS = [
  'Congratulations, you won a free cruise! Click the link to claim.',
  'Are we still on for lunch at noon tomorrow?',
  'URGENT: your account is locked, send your password to unlock it.',
  'The quarterly report is attached, comments welcome.',
  'Cheap watches, best prices, limited offer!!!',
];

async function itemText(page: Page): Promise<string> {
  return (await page.getByTestId('item-text').textContent()) ?? '';
}

/** Waits for the item on screen to be (or stop being) the given text. */
async function waitForItem(page: Page, text: string, shown: boolean): Promise<void> {
  const exact = new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await page.getByTestId('item-text').filter({ hasText: exact }).waitFor({ state: shown ? 'visible' : 'detached' });
}

describe('annotating in the browser', () => {
  let stack: Stack;
  let browser: Browser;
  let context: BrowserContext;
  let workDir: string;

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    workDir = mkdtempSync(join(tmpdir(), 'arbiter-browser-'));
    stack = await startStack();
    browser = await launchChromium();
    context = await browser.newContext({ baseURL: stack.baseUrl, viewport: { width: 1280, height: 860 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
    if (workDir) rmSync(workDir, { recursive: true, force: true });
  }, 60_000);

  it('labels three imported items with the keyboard and the project page counts them live', async () => {
    const page = await context.newPage();
    page.setDefaultTimeout(15_000);
    try {
      // Sign in.
      await page.goto('/login');
      await page.getByTestId('login-email').fill(stack.admin.email);
      await page.getByTestId('login-password').fill(stack.admin.password);
      await page.getByTestId('login-submit').click();
      await page.getByRole('heading', { name: 'Projects' }).waitFor();

      // Create a single-label project: "ham" on its own key, "spam" and "unsure" on their numbers.
      await page.getByTestId('new-project').click();
      await page.getByTestId('project-name').fill('Spam triage');
      await page.getByTestId('label-name-0').fill('ham');
      await page.getByTestId('label-hotkey-0').fill('h');
      await page.getByTestId('label-name-1').fill('spam');
      await page.getByTestId('add-label').click();
      await page.getByTestId('label-name-2').fill('unsure');
      await page.getByTestId('project-guidelines').fill('# Spam\nUnsolicited offers and phishing.\n\n- when in doubt: unsure');
      await page.getByTestId('create-project-submit').click();
      await expectText(page.getByTestId('project-title'), 'Spam triage');

      // Import a CSV through the mapping form: ids from the "id" column.
      const csv = join(workDir, 'messages.csv');
      writeFileSync(csv, `id,text\n${ITEMS.map((t, i) => `m${i + 1},"${t}"`).join('\n')}\n`);
      await page.getByTestId('import-file').setInputFiles(csv);
      await page.getByTestId('import-externalIdField').fill('id');
      await page.getByTestId('import-submit').click();
      await expectText(page.getByTestId('import-inserted'), /^5$/);
      await expectText(page.getByTestId('import-rejected'), /^0$/);
      await expectText(page.getByTestId('stat-items'), /^5$/);
      await expectText(page.getByTestId('stat-completed'), /^0$/);

      // A second tab stays on the project page: its counts may only change through live events.
      const watcher = await context.newPage();
      await watcher.goto(page.url());
      await expectText(watcher.getByTestId('live-indicator'), /^live$/);
      await expectText(watcher.getByTestId('stat-completed'), /^0$/);

      // Annotate with the keyboard only.
      await page.getByTestId('start-labeling').click();
      await page.getByTestId('item-text').waitFor();
      await expectText(page.getByTestId('next-status'), 'next item ready');
      // Each label shows its key: its own hotkey, else its number.
      await expectText(page.getByTestId('label-ham').locator('kbd'), /^h$/);
      await expectText(page.getByTestId('label-spam').locator('kbd'), /^2$/);
      await expectText(page.getByTestId('label-unsure').locator('kbd'), /^3$/);
      await expectText(page.getByTestId('annotate-progress'), '0 of 5 labeled');

      const label = async (key: string, name: string) => {
        const text = await itemText(page);
        expect(ITEMS).toContain(text);
        await page.keyboard.press(key);
        await page.locator(`[data-testid="label-${name}"][aria-pressed="true"]`).waitFor();
        await page.keyboard.press('Enter');
        await waitForItem(page, text, false);
        return text;
      };

      await label('h', 'ham');
      const second = await label('2', 'spam');
      // Undo brings the spam answer back on screen; answer it again as ham.
      await page.keyboard.press('u');
      await waitForItem(page, second, true);
      await page.locator('[data-testid="label-spam"][aria-pressed="true"]').waitFor();
      expect(await label('h', 'ham')).toBe(second);
      await label('2', 'spam');

      await expectText(page.getByTestId('annotate-progress'), '3 of 5 labeled');
      await page.keyboard.press('?');
      await expectText(page.getByTestId('guidelines'), 'when in doubt: unsure');
      await page.screenshot({ path: join(SCREENSHOTS, 'annotate.png') });

      // The watching tab was never reloaded: these numbers came over the socket.
      await expectText(watcher.getByTestId('stat-completed'), /^3$/);
      await expectText(watcher.getByTestId('stat-annotations'), /^3$/);
      await expectText(watcher.getByTestId('per-label-row-ham'), /ham\s*2$/);
      await expectText(watcher.getByTestId('per-label-row-spam'), /spam\s*1$/);
      await expectText(watcher.getByTestId('per-label-row-unsure'), /unsure\s*0$/);
      await watcher.screenshot({ path: join(SCREENSHOTS, 'project.png'), fullPage: true });

      // Back on the project page in the first tab, the same numbers.
      await page.getByRole('link', { name: '← Spam triage' }).click();
      await expectText(page.getByTestId('stat-completed'), /^3$/);
      await expectText(page.getByTestId('stat-items'), /^5$/);
      const me = (await (await page.request.get('/api/auth/me')).json()) as { name: string; email: string };
      await expectText(page.getByTestId(`per-annotator-row-${me.name}`), /3$/);
    } catch (err) {
      await page.screenshot({ path: join(SCREENSHOTS, 'annotate-failure.png'), fullPage: true }).catch(() => undefined);
      throw new Error(`${(err as Error).message}\n--- server logs ---\n${stack.logs().slice(-4000)}`);
    }
  }, 120_000);
});
