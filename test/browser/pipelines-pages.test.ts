import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { closeChromium, collectPageErrors, launchChromium, signedInContext } from '../support/browser.js';
import { dashboardKeys, startDashboardWorld, type DashboardWorld } from '../support/dashboard-world.js';

/*
 * The Pipelines and Pipeline pages in Chromium against the real app over the fakes: seeded pipelines (one scheduled,
 * one disabled, one never run), runs with metrics that promote, hold, reject and fail, both roles.
 */
/** Wait until `check` holds (the page updates after a click), for at most 10 s. */
async function until(check: () => Promise<boolean>): Promise<void> {
  const end = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('the page did not update within 10 s');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the pipelines pages in Chromium', { timeout: 300_000 }, () => {
  let world: DashboardWorld;
  let browser: Browser;
  let operator: BrowserContext;
  let viewer: BrowserContext;

  const open = async (context: BrowserContext, path: string, ready: string): Promise<Page> => {
    const page = await context.newPage();
    await page.goto(world.url(path));
    await page.waitForSelector(`html[data-ready="${ready}"]`);
    return page;
  };
  const run = async (metrics: Record<string, number>, status = 'succeeded') => {
    world.fakes.metrics.set('alpha', metrics);
    world.fakes.scheduler.finalState = status === 'failed' ? 'failed' : 'success';
    const id = await world.startRun('alpha', { force: true });
    await world.waitForStatus(id, [status]);
  };

  before(async () => {
    world = await startDashboardWorld({ trainingMs: 300 });
    browser = await launchChromium();
    operator = await signedInContext(browser, world.baseUrl, { name: 'Ada Operator', role: 'operator', key: dashboardKeys.functionKey });
    viewer = await signedInContext(browser, world.baseUrl, { name: 'Vic Viewer', role: 'viewer', key: dashboardKeys.functionKey });
  });
  after(async () => {
    await closeChromium(browser);
    await world?.stop();
  });

  it('shows the empty state before any pipeline exists', async () => {
    const page = await open(viewer, '/', 'pipelines');
    await page.getByText('No pipelines yet: register one with PUT /api/pipelines/{id}').waitFor();
    assert.equal(await page.getByRole('link', { name: 'API document' }).getAttribute('href'), '/api/openapi.json');
    await page.close();
  });

  it('lists each pipeline with its champion, last run and next slot', async () => {
    await world.pipeline('alpha', { description: 'Churn, nightly', schedule: { cron: '0 2 * * *', timeZone: 'Europe/Paris' } });
    await world.pipeline('beta-off', { enabled: false, schedule: { cron: '0 3 * * *', timeZone: 'UTC' } });
    await world.pipeline('gamma');
    await run({ auc: 0.9, precision: 0.8 });
    await run({ auc: 0.92, precision: 0.8 });
    await run({ auc: 0.921, precision: 0.8 });
    await run({ auc: 0.95, precision: 0.5 });
    await run({ auc: 0.93, precision: 0.8 }, 'failed');

    const page = await open(viewer, '/', 'pipelines');
    const errors = collectPageErrors(page);
    const alpha = page.locator('tr[data-pipeline="alpha"]');
    const text = (await alpha.textContent()) ?? '';
    assert.match(text, /Churn, nightly/);
    assert.match(text, /v2 · just now|v2 · \d+ seconds?/);
    assert.match(text, /auc 0\.92/);
    assert.match(text, /failed/);
    assert.doesNotMatch(await alpha.locator('td').nth(3).textContent() ?? '', /—/);
    assert.match((await page.locator('tr[data-pipeline="beta-off"]').textContent()) ?? '', /no \(disabled\).*none yet.*no runs.*—/);
    assert.match((await page.locator('tr[data-pipeline="gamma"]').textContent()) ?? '', /none yet.*no runs/);
    // A viewer has no action to take.
    assert.equal(await page.getByRole('button', { name: /^Run now/ }).count(), 0);
    await alpha.getByRole('link', { name: 'alpha' }).click();
    await page.waitForSelector('html[data-ready="pipeline"]');
    assert.equal(await page.getByRole('button', { name: 'Roll back' }).count(), 0);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('lets an operator run a pipeline now, and shows the problem when it cannot start', async () => {
    const page = await open(operator, '/', 'pipelines');
    const gamma = page.locator('tr[data-pipeline="gamma"]');
    await gamma.getByRole('button', { name: 'Run now: gamma' }).click();
    const started = gamma.getByRole('status').getByRole('link');
    await started.waitFor();
    const runId = (await started.textContent()) ?? '';
    const run = await world.run(runId);
    assert.equal(run.pipelineId, 'gamma');
    assert.equal(run.trigger.reason, 'Run now from the dashboard');
    // A second start while that run is active is refused (concurrency skip), and the page says why.
    await gamma.getByRole('button', { name: 'Run now: gamma' }).click();
    await gamma.locator('.problem').waitFor();
    assert.match((await gamma.locator('.problem').textContent()) ?? '', /active|running|concurrency/i);
    const off = page.locator('tr[data-pipeline="beta-off"]');
    await off.getByRole('button', { name: 'Run now: beta-off' }).click();
    await off.locator('.problem').waitFor();
    assert.match((await off.locator('.problem').textContent()) ?? '', /disabled/i);
    await world.waitForStatus(runId, ['succeeded', 'failed']);
    await page.close();
  });

  it('charts the metrics with a text alternative, and states the rules in words', async () => {
    const page = await open(viewer, '/pipelines/alpha', 'pipeline');
    const errors = collectPageErrors(page);
    const auc = page.locator('figure[data-metric="auc"]');
    await auc.locator('canvas').waitFor();
    await page.locator('figure[data-metric="precision"] canvas').waitFor();
    assert.match((await auc.locator('canvas').getAttribute('aria-label')) ?? '', /auc \(primary\) over 4 runs: champion now 0\.92; challengers 2 promote, 1 hold, 1 reject/);
    const rows = await auc.locator('table tbody tr').allTextContents();
    assert.equal(rows.length, 4);
    assert.match(rows[0] ?? '', /0\.9promote0\.9$/);
    assert.match(rows[1] ?? '', /0\.92promote0\.92$/);
    assert.match(rows[2] ?? '', /0\.921hold0\.92$/);
    assert.match(rows[3] ?? '', /0\.95reject0\.92$/);
    assert.match(await page.getByTestId('champion').textContent() ?? '', /alpha-model version 2, promoted/);
    const rules = (await page.locator('section[aria-labelledby="rules-title"]').textContent()) ?? '';
    assert.match(rules, /Promote when auc \(higher is better\) improves on the champion by ≥ 0\.005 \(absolute\)/);
    assert.match(rules, /Guard-rail precision \(higher is better\): may not drop by more than 0\.02 from the champion's/);
    assert.match(rules, /Approval required: no/);
    assert.match(rules, /Runs on the cron 0 2 \* \* \* in Europe\/Paris; next: \d{4}-\d\d-\d\d \d\d:00, /);
    assert.match(rules, /Code change in \. \(a push to main\)/);
    assert.match(rules, /Data change on push/);
    assert.deepEqual(errors, []);
    await page.close();
  });

  it('filters and pages the runs, and shows the trigger log', async () => {
    const page = await open(viewer, '/pipelines/alpha', 'pipeline');
    const runs = page.locator('table.runs tbody tr');
    await runs.first().waitFor();
    assert.equal(await runs.count(), 5);
    assert.match((await runs.first().textContent()) ?? '', /training.*failed.*http/);
    await page.getByLabel('Status').selectOption('failed');
    await until(async () => (await runs.count()) === 1);
    assert.match(page.url(), /status=failed/);
    await page.getByLabel('Status').selectOption('cancelled');
    await page.getByText('No cancelled runs.').waitFor();

    await page.goto(world.url('/pipelines/alpha?limit=2'));
    await page.waitForSelector('html[data-ready="pipeline"]');
    await runs.first().waitFor();
    const first = await runs.allTextContents();
    assert.equal(first.length, 2);
    await page.getByRole('button', { name: 'Next page' }).click();
    await until(async () => (await runs.first().textContent()) !== first[0]);
    const second = await runs.allTextContents();
    assert.equal(second.length, 2);
    assert.ok(!second.some((r) => first.includes(r)), `${JSON.stringify(first)} ${JSON.stringify(second)}`);
    await page.getByRole('button', { name: 'Previous page' }).click();
    await until(async () => (await runs.first().textContent()) === first[0]);

    const log = page.locator('table.triggers tbody tr');
    await log.first().waitFor();
    assert.equal(await log.count(), 5);
    assert.match((await log.first().textContent()) ?? '', /httpstarted.*r-/);
    await page.close();
  });

  it('rolls the champion back after a confirmation, as an operator', async () => {
    const page = await open(operator, '/pipelines/alpha', 'pipeline');
    await page.getByRole('button', { name: 'Roll back' }).click();
    await page.getByLabel('Reason (optional)').fill('auc dropped in production');
    await page.getByRole('button', { name: 'Confirm roll back' }).click();
    await page.getByText(/Rolled back alpha-model from version 2 to 1/).waitFor();
    await page.getByTestId('champion').getByText(/version 1, rolled-back/).waitFor();
    const lifecycle = (await (await world.api('/api/pipelines/alpha/lifecycle')).json()) as { champion: { version: string } };
    assert.equal(lifecycle.champion.version, '1');
    await page.close();
  });

  it('opens a deep link on a fresh page, and says when a pipeline does not exist', async () => {
    const fresh = await viewer.newPage();
    await fresh.goto(world.url('/pipelines/alpha'));
    await fresh.waitForSelector('html[data-ready="pipeline"]');
    await fresh.getByRole('heading', { level: 1 }).filter({ hasText: 'alpha' }).waitFor();
    await fresh.goto(world.url('/pipelines/nope'));
    await fresh.getByRole('heading', { name: 'No pipeline named nope' }).waitFor();
    await fresh.getByRole('alert').getByText(/NOT_FOUND/).waitFor();
    await fresh.close();
  });
});
