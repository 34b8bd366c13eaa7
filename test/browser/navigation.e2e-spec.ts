// The UI's paths as a user meets them: a deep link opened signed out leads through sign-in to its screen, a reload
// keeps it, Back and Forward move between screens without reloading the page, unknown paths say so, old `#/`
// bookmarks still open their screen; and the server behind it answers every page path with index.html.
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { newProject, type ApiClient, type Stack } from '@arbiter/testing';
import { type BrowserSession, expectText, openBrowserSession, SCREENSHOTS, signInUi } from './browser-support';

const PROJECT = 'Routing demo';

/** Waits for the browser tab's title (a string predicate: the server tsconfig has no DOM types). */
async function expectTitle(page: Page, title: string): Promise<void> {
  try {
    await page.waitForFunction(`document.title === ${JSON.stringify(title)}`, undefined, { timeout: 15_000 });
  } catch {
    throw new Error(`expected the title ${JSON.stringify(title)}, the tab shows ${JSON.stringify(await page.title())}`);
  }
}

const pathOf = (page: Page) => new URL(page.url()).pathname;

describe('paths, deep links and history in the browser', () => {
  let session: BrowserSession;
  let stack: Stack;
  let owner: ApiClient;
  let projectId: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    session = await openBrowserSession();
    ({ stack, owner } = session);
    projectId = (await newProject(owner, { name: PROJECT })).id;
  }, 120_000);
  afterAll(() => session?.close(), 60_000);

  beforeEach(async () => {
    context = await session.newContext();
    page = await context.newPage();
    page.setDefaultTimeout(15_000);
  }, 30_000);

  afterEach(() => context?.close(), 30_000);

  const withLogs = async (fn: () => Promise<void>) => {
    try {
      await fn();
    } catch (err) {
      const name = expect.getState().currentTestName?.replace(/\W+/g, '-').slice(0, 60);
      await page.screenshot({ path: join(SCREENSHOTS, `navigation-failure-${name}.png`), fullPage: true }).catch(() => undefined);
      throw new Error(`${(err as Error).message}\n--- server logs ---\n${stack.logs().slice(-4000)}`);
    }
  };

  it('a deep link opened signed out asks to sign in, then lands on its screen, which a reload keeps', () =>
    withLogs(async () => {
      const lfs = `/projects/${projectId}/lfs`;
      await page.goto(lfs);
      await page.getByRole('form', { name: 'Sign in' }).waitFor();
      expect(pathOf(page)).toBe('/login');
      expect(new URL(page.url()).searchParams.get('redirect')).toBe(lfs);
      await expectTitle(page, 'Sign in · Arbiter');

      await page.getByTestId('login-email').fill(stack.admin.email);
      await page.getByTestId('login-password').fill(stack.admin.password);
      await page.getByTestId('login-submit').click();
      await page.getByRole('heading', { name: 'Labeling functions', level: 1 }).waitFor();
      expect(pathOf(page)).toBe(lfs);
      await expectTitle(page, `Labeling functions · ${PROJECT} · Arbiter`);
      await expectText(page.locator('.breadcrumbs'), `Projects / ${PROJECT} / Labeling functions`);

      // A reload asks the server for /projects/<id>/lfs itself: the same screen comes back, still signed in.
      const reloaded = await page.reload();
      expect(reloaded?.status()).toBe(200);
      await page.getByRole('heading', { name: 'Labeling functions', level: 1 }).waitFor();
      expect(pathOf(page)).toBe(lfs);
      await expectTitle(page, `Labeling functions · ${PROJECT} · Arbiter`);
      expect(await page.getByRole('form', { name: 'Sign in' }).count()).toBe(0);
    }),
  90_000);

  it('Back and Forward move between screens in place, each with its title', () =>
    withLogs(async () => {
      await signInUi(page, stack.admin.email, stack.admin.password);
      expect(pathOf(page)).toBe('/projects');
      await expectTitle(page, 'Projects · Arbiter');
      // Set on this document only: still there later means no link reloaded the page.
      await page.evaluate('window.__sameDocument = true');

      await page.getByRole('link', { name: PROJECT }).click();
      await expectText(page.getByTestId('project-title'), PROJECT);
      expect(pathOf(page)).toBe(`/projects/${projectId}`);
      await expectTitle(page, `${PROJECT} · Arbiter`);

      await page.getByTestId('start-labeling').click();
      await page.getByTestId('annotate-progress').waitFor();
      expect(pathOf(page)).toBe(`/projects/${projectId}/annotate`);
      await expectTitle(page, `Annotate · ${PROJECT} · Arbiter`);

      await page.goBack();
      await expectText(page.getByTestId('project-title'), PROJECT);
      expect(pathOf(page)).toBe(`/projects/${projectId}`);
      await expectTitle(page, `${PROJECT} · Arbiter`);

      await page.goBack();
      await page.getByRole('heading', { name: 'Projects' }).waitFor();
      expect(pathOf(page)).toBe('/projects');

      await page.goForward();
      await expectText(page.getByTestId('project-title'), PROJECT);
      await page.goForward();
      await page.getByTestId('annotate-progress').waitFor();
      expect(pathOf(page)).toBe(`/projects/${projectId}/annotate`);
      await expectTitle(page, `Annotate · ${PROJECT} · Arbiter`);

      // The header's brand goes home.
      await page.getByRole('link', { name: 'Arbiter', exact: true }).click();
      await page.getByRole('heading', { name: 'Projects' }).waitFor();
      expect(await page.evaluate('window.__sameDocument')).toBe(true);
    }),
  90_000);

  it('a session that ends under a screen asks to sign in again and returns to that screen', () =>
    withLogs(async () => {
      await signInUi(page, stack.admin.email, stack.admin.password);
      const annotate = `/projects/${projectId}/annotate`;
      await page.goto(annotate);
      await page.getByTestId('annotate-progress').waitFor();

      // The session cookie goes (as when it expires); the next request the screen makes is refused.
      await context.clearCookies();
      await page.keyboard.press('r');
      await page.getByRole('form', { name: 'Sign in' }).waitFor();
      expect(pathOf(page)).toBe('/login');
      expect(new URL(page.url()).searchParams.get('redirect')).toBe(annotate);

      await page.getByTestId('login-email').fill(stack.admin.email);
      await page.getByTestId('login-password').fill(stack.admin.password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('annotate-progress').waitFor();
      expect(pathOf(page)).toBe(annotate);
    }),
  90_000);

  it('an unknown path, a malformed project id and a missing project each say so and lead home', () =>
    withLogs(async () => {
      await signInUi(page, stack.admin.email, stack.admin.password);

      await page.goto('/no/such/page');
      await expectText(page.getByTestId('not-found'), 'There is no page at /no/such/page');
      await expectTitle(page, 'Page not found · Arbiter');
      await page.screenshot({ path: join(SCREENSHOTS, 'not-found.png') });
      await page.getByRole('link', { name: 'Go to your projects' }).click();
      await page.getByRole('heading', { name: 'Projects' }).waitFor();
      expect(pathOf(page)).toBe('/projects');

      // Not a uuid: no screen has such a path (the API is never asked).
      await page.goto('/projects/not-a-project/annotate');
      await expectText(page.getByTestId('not-found'), 'Page not found');
      await expectTitle(page, 'Page not found · Arbiter');
      await page.screenshot({ path: join(SCREENSHOTS, 'not-found-project.png') });

      // A well-formed id of no project: the API's answer, and the way back.
      await page.goto('/projects/00000000-0000-4000-8000-000000000000');
      await expectText(page.locator('main'), /project not found/i);
      await expectTitle(page, 'Error · Arbiter');
      await page.getByRole('link', { name: 'Back to projects' }).click();
      await page.getByRole('heading', { name: 'Projects' }).waitFor();
    }),
  90_000);

  it('an old #/ bookmark opens its path; /login when signed in goes home; signing out goes to /login', () =>
    withLogs(async () => {
      await signInUi(page, stack.admin.email, stack.admin.password);

      await page.goto(`/#/projects/${projectId}/annotate`);
      await page.getByTestId('annotate-progress').waitFor();
      expect(pathOf(page)).toBe(`/projects/${projectId}/annotate`);
      expect(new URL(page.url()).hash).toBe('');

      await page.goto('/login');
      await page.getByRole('heading', { name: 'Projects' }).waitFor();
      expect(pathOf(page)).toBe('/projects');

      await page.getByTestId('logout').click();
      await page.getByRole('form', { name: 'Sign in' }).waitFor();
      expect(pathOf(page)).toBe('/login');
      expect(new URL(page.url()).search).toBe('');
      // Signed out, the project's screens are behind the form again.
      await page.goto(`/projects/${projectId}`);
      await page.getByRole('form', { name: 'Sign in' }).waitFor();
      expect(pathOf(page)).toBe('/login');
    }),
  90_000);

  it('the server answers page paths with index.html (never cached) and keeps the JSON 404 for API paths', () =>
    withLogs(async () => {
      const get = (path: string, init?: RequestInit) => fetch(`${stack.baseUrl}${path}`, init);

      for (const path of ['/', '/login', `/projects/${projectId}/lfs`, '/no/such/page']) {
        const r = await get(path);
        expect([path, r.status, r.headers.get('content-type')]).toEqual([path, 200, expect.stringMatching(/^text\/html/)]);
        expect(r.headers.get('cache-control')).toBe('no-cache');
        expect(await r.text()).toContain('<div id="root">');
      }

      // The hashed assets index.html names may be cached for good.
      const html = await (await get('/')).text();
      const script = /src="(\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      expect(script).toBeDefined();
      const asset = await get(script!);
      expect(asset.status).toBe(200);
      expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');

      // Server paths keep their own 404; a missing file is a 404, not HTML the browser would try to run.
      for (const path of ['/api/no-such-route', '/api', '/health/extra', '/metrics/extra']) {
        const r = await get(path);
        expect([path, r.status]).toEqual([path, 404]);
        expect(await r.json()).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      }
      expect((await get('/assets/index-missing.js')).status).toBe(404);
      expect((await get('/favicon.ico')).status).toBe(404);
      // Only reads get the page.
      expect((await get('/projects', { method: 'POST' })).status).toBe(404);
    }),
  60_000);
});
