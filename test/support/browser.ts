import { chromium, type Browser, type BrowserContext, type BrowserServer, type Page } from 'playwright-core';
import { chromiumArgs, ensureChromium } from '../../stack/chromium.js';

/*
 * Chromium runs as a browser server the tests connect to, so that a browser which stops answering can be killed:
 * Playwright's own close waits for the process to exit, with no limit, and a wedged browser would hold a test file
 * until the runner's file timeout, without saying where it stopped.
 */
const servers = new WeakMap<Browser, BrowserServer>();

/** Launch Debian's headless Chromium (installed first when missing). Close it with `closeChromium`. */
export async function launchChromium(): Promise<Browser> {
  const server = await chromium.launchServer({ executablePath: ensureChromium(), headless: true, args: chromiumArgs, timeout: 60_000 });
  try {
    const browser = await chromium.connect(server.wsEndpoint(), { timeout: 30_000 });
    servers.set(browser, server);
    return browser;
  } catch (e) {
    await server.kill();
    throw e;
  }
}

/** Whether a promise settles within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => { timer = setTimeout(() => resolve(false), ms); });
  try {
    return await Promise.race([promise.then(() => true, () => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Close a browser `launchChromium` started; one that does not close within 10 s is killed, and that is said on stderr. */
export async function closeChromium(browser: Browser | undefined): Promise<void> {
  if (!browser) return;
  const server = servers.get(browser);
  if (!server) {
    await browser.close();
    return;
  }
  if (!(await settlesWithin(server.close(), 10_000))) {
    process.stderr.write('Chromium did not close within 10 s: killed.\n');
    await server.kill();
  }
}

/** A browser that did not finish its work in time (and was killed); `step` is the last step it reported. */
export class BrowserDeadlineError extends Error {
  constructor(readonly step: string, deadlineMs: number) {
    super(`The browser did not finish within ${deadlineMs / 1000} s; its last step: ${step}.`);
    this.name = 'BrowserDeadlineError';
  }
}

/**
 * Run `fn` with a browser of its own, under a deadline: when it passes, the browser is killed and the error names the
 * last step `fn` reported, so a hang fails fast and says where it was.
 */
export async function withChromium<T>(deadlineMs: number, fn: (browser: Browser, step: (name: string) => void) => Promise<T>): Promise<T> {
  const browser = await launchChromium();
  let at = 'launched';
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new BrowserDeadlineError(at, deadlineMs)), deadlineMs);
  });
  try {
    return await Promise.race([fn(browser, (name) => { at = name; }), deadline]);
  } finally {
    clearTimeout(timer);
    await closeChromium(browser);
  }
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
