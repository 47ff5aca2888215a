import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumArgs, ensureChromium } from '../../stack/chromium.js';

/** Launch Debian's headless Chromium (installed first when missing). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: ensureChromium(), headless: true, args: chromiumArgs });
}

/** Roles a local sign-in can take; `none` is signed in with neither app role. */
export type SignInRole = 'viewer' | 'operator' | 'none';

/**
 * A browser context signed in through the dev host's sign-in page (the stand-in for App Service Authentication),
 * as a person would: the form, then the session cookie.
 */
export async function signedInContext(browser: Browser, baseUrl: string, opts: { name: string; role: SignInRole; key: string; viewport?: { width: number; height: number }; bypassCSP?: boolean }): Promise<BrowserContext> {
  // `bypassCSP` only for tools injected into the page (axe-core): the dashboard's own code must run under its CSP.
  const context = await browser.newContext({ baseURL: baseUrl, viewport: opts.viewport ?? { width: 1280, height: 900 }, bypassCSP: opts.bypassCSP ?? false });
  const page = await context.newPage();
  await page.goto('/.auth/login/aad?post_login_redirect_uri=/api/ui/');
  await page.getByLabel('Your name').fill(opts.name);
  await page.getByLabel('Role').selectOption(opts.role);
  await page.getByLabel('Function key').fill(opts.key);
  await Promise.all([page.waitForURL('**/api/ui/'), page.getByRole('button', { name: 'Sign in' }).click()]);
  await page.close();
  return context;
}

/** Errors the page threw or logged, and requests it could not make (for tests that expect none). */
export function collectPageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  return errors;
}
