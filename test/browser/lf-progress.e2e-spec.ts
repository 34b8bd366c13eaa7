// While workers apply an LF, the LF screen shows the run as a progress bar fed by socket.io events (items and
// chunks done), and then what the run did.
import { importJsonl, newProject } from '@arbiter/testing';
import { type BrowserSession, openBrowserSession, expectText, signInUi } from './browser-support';

const ITEMS = 1000;
// About 3 ms an item: a run of 20 chunks lasts a few seconds, long enough to be seen in flight.
const SLOW_LF = `function lf(item) {
  const until = Date.now() + 3;
  while (Date.now() < until) {}
  return item.text.includes('7') ? 1 : ABSTAIN;
}`;

describe('LF run progress in the browser', () => {
  let session: BrowserSession;
  beforeAll(async () => {
    session = await openBrowserSession({ env: { LF_CHUNK_SIZE: '50', LF_CONCURRENCY: '1' } });
  }, 120_000);
  afterAll(() => session?.close(), 60_000);

  it('shows the run advancing chunk by chunk, then its outcome', async () => {
    const { stack, owner } = session;
    const project = await newProject(owner, { name: 'Progress' });
    const rows = Array.from({ length: ITEMS }, (_, i) => ({ text: `comment number ${i}` }));
    expect((await importJsonl(owner, project.id, rows)).body).toMatchObject({ inserted: ITEMS });

    const context = await session.newContext();
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    await signInUi(page, stack.admin.email, stack.admin.password);
    await page.goto(`/projects/${project.id}/lfs`);
    await expectText(page.getByTestId('live-indicator'), /^live$/);

    expect((await owner.post(`/api/projects/${project.id}/lfs`, { name: 'sevens', definition: { kind: 'code', source: SLOW_LF } })).status).toBe(201);

    // In flight: the bar holds a value strictly between none and all, and says how many chunks are done.
    const bar = page.getByTestId('lf-run-progress').getByRole('progressbar');
    // Read through the locator, not a page-side predicate: the UI's Content-Security-Policy forbids the eval that
    // Playwright's string predicates need.
    let now = 0;
    for (const deadline = Date.now() + 60_000; !(now > 0 && now < ITEMS) && Date.now() < deadline; ) {
      now = Number(await bar.getAttribute('aria-valuenow', { timeout: 60_000 }).catch(() => 0));
    }
    expect(now).toBeGreaterThan(0);
    expect(now).toBeLessThan(ITEMS);
    expect(await bar.getAttribute('aria-valuemax')).toBe(String(ITEMS));
    await expectText(page.getByTestId('lf-run-progress'), /Applying 1 LF version: [\d,]+ of 1,000 items \(\d+\/20 chunks\)/);

    // Done: the bar gives way to what the run did, and the LF's coverage (the items whose number has a 7).
    // The rest of the twenty chunks and the label model's fit: on a loaded 2-core CI this has taken over 15 s.
    await expectText(page.getByTestId('lf-run-status'), /Last run applied 1 LF version to 1,000 items/, 60_000);
    const sevens = rows.filter((r) => r.text.includes('7')).length;
    await expectText(page.locator('[data-testid="lf-row-sevens"] [data-testid="lf-coverage"]'), `${((100 * sevens) / ITEMS).toFixed(1)}%`);
    await context.close();
  }, 120_000);
});
