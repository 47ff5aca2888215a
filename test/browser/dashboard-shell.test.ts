import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { closeChromium, collectPageErrors, launchChromium, signedInContext } from '../support/browser.js';
import { dashboardKeys, startDashboardWorld, type DashboardWorld } from '../support/dashboard-world.js';

describe('the dashboard shell in Chromium', { timeout: 300_000 }, () => {
  let world: DashboardWorld;
  let browser: Browser;
  before(async () => {
    world = await startDashboardWorld();
    browser = await launchChromium();
  });
  after(async () => {
    await closeChromium(browser);
    await world?.stop();
  });

  it('is served by the app with its CSP, and its hashed files are cached for a year', async () => {
    const page = await fetch(world.url('/runs/some-run'));
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    const html = await page.text();
    const script = /src="(\/api\/ui\/assets\/[^"]+\.js)"/.exec(html)?.[1];
    assert.ok(script, html);
    const asset = await fetch(`${world.baseUrl}${script}`);
    assert.equal(asset.status, 200);
    assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
    assert.equal((await fetch(world.url('/assets/missing.js'))).status, 404);
  });

  it('asks a visitor to sign in, and shows who is signed in afterwards', async () => {
    const anonymous = await browser.newContext();
    const page = await anonymous.newPage();
    await page.goto(world.url('/'));
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await anonymous.close();

    const context = await signedInContext(browser, world.baseUrl, { name: 'Ada Operator', role: 'operator', key: dashboardKeys.functionKey });
    const signedIn = await context.newPage();
    const errors = collectPageErrors(signedIn);
    await signedIn.goto(world.url('/'));
    assert.equal(await signedIn.getByTestId('who').textContent(), 'Ada Operator');
    assert.deepEqual(errors, []);
    await context.close();
  });

  it('lets a viewer read and refuses a viewer\'s write with problem+json; a key is an operator', async () => {
    await world.pipeline('shell');
    const context = await signedInContext(browser, world.baseUrl, { name: 'Vic Viewer', role: 'viewer', key: dashboardKeys.functionKey });
    const read = await context.request.get('/api/pipelines/shell');
    assert.equal(read.status(), 200);
    const write = await context.request.post('/api/pipelines/shell/runs', { data: {}, headers: { Origin: world.baseUrl } });
    assert.equal(write.status(), 403);
    assert.match(write.headers()['content-type'] ?? '', /application\/problem\+json/);
    assert.equal(((await write.json()) as { code: string }).code, 'FORBIDDEN');
    await context.close();
    assert.equal((await fetch(`${world.baseUrl}/api/pipelines/shell`)).status, 401);
    assert.equal((await world.api('/api/pipelines/shell')).status, 200);
  });
});
