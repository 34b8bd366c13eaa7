// What the browser specs share: the system Chromium, a stack with its signed-in admin, where screenshots go, a
// text wait that says what it saw instead, and signing in through the login form.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { signIn, startStack, type ApiClient, type Stack } from '@arbiter/testing';

export const SCREENSHOTS = resolve(__dirname, '../../dist/screenshots');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

export interface BrowserSession {
  stack: Stack;
  /** The first admin, signed in over HTTP (for setting up what the page then shows). */
  owner: ApiClient;
  browser: Browser;
  /** A fresh browser context on the stack's origin. */
  newContext(viewport?: { width: number; height: number }): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Starts a stack (api + workers on a new database), signs its admin in, and launches Chromium. */
export async function openBrowserSession(opts: Parameters<typeof startStack>[0] = {}): Promise<BrowserSession> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const stack = await startStack(opts);
  let browser: Browser | undefined;
  try {
    const owner = await signIn(stack.baseUrl, stack.admin);
    browser = await launchChromium();
    const b = browser;
    return {
      stack,
      owner,
      browser: b,
      newContext: (viewport = { width: 1280, height: 900 }) => b.newContext({ baseURL: stack.baseUrl, viewport }),
      close: async () => {
        await b.close();
        await stack.stop();
      },
    };
  } catch (err) {
    await browser?.close();
    await stack.stop();
    throw err;
  }
}

/** Waits until the element's text matches, and says what it showed instead when it never does. */
export async function expectText(locator: Locator, expected: string | RegExp, timeout = 15_000): Promise<void> {
  try {
    await locator.filter({ hasText: expected }).first().waitFor({ timeout });
  } catch {
    const actual = await locator.allTextContents().catch(() => ['<not found>']);
    throw new Error(`expected ${locator} to show ${expected}, it shows ${JSON.stringify(actual)}`);
  }
}

/** Signs in through the login form and waits for the projects list. */
export async function signInUi(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByRole('heading', { name: 'Projects' }).waitFor();
}
