// What the browser specs share: the system Chromium, where screenshots go, a text wait that says what it saw
// instead, and signing in through the login form.
import { resolve } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

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
  await page.goto('/#/login');
  await page.getByTestId('login-email').fill(email);
  await page.getByTestId('login-password').fill(password);
  await page.getByTestId('login-submit').click();
  await page.getByRole('heading', { name: 'Projects' }).waitFor();
}
