import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { pipelineSpec } from '../fakes/seed.js';
import { closeChromium, collectPageErrors, launchChromium, signedInContext } from '../support/browser.js';
import { dashboardKeys, startDashboardWorld, type DashboardWorld } from '../support/dashboard-world.js';

/* The run page (steps live, lineage graph, decision, actions) and the lineage search, in Chromium over the fakes. */

describe('the run and lineage pages in Chromium', { timeout: 300_000 }, () => {
  let world: DashboardWorld;
  let browser: Browser;
  let operator: BrowserContext;
  let viewer: BrowserContext;
  let promotedRunId = '';
  const pageErrors: string[][] = [];

  before(async () => {
    world = await startDashboardWorld();
    // An MLflow server to link to: the run page's MLflow links are built from the tracking URI.
    world.services.config = { ...world.services.config, mlflow: { trackingUri: 'http://mlflow.test:5000', modelReadyTimeoutMs: 5_000 } };
    browser = await launchChromium();
    operator = await signedInContext(browser, world.baseUrl, { name: 'Ada Operator', role: 'operator', key: dashboardKeys.functionKey });
    viewer = await signedInContext(browser, world.baseUrl, { name: 'Vic Viewer', role: 'viewer', key: dashboardKeys.functionKey });
  });
  after(async () => {
    await closeChromium(browser);
    await world?.stop();
  });

  async function open(context: BrowserContext, path: string, ready: 'run' | 'lineage'): Promise<Page> {
    const page = await context.newPage();
    pageErrors.push(collectPageErrors(page));
    await page.goto(world.url(path));
    await page.waitForSelector(`html[data-ready="${ready}"]`);
    return page;
  }

  it('shows a promoted run: steps with durations, the decision with its numbers, the lineage graph and its links', async () => {
    await world.pipeline('promoted');
    world.fakes.metrics.set('promoted', { auc: 0.93, precision: 0.8 });
    promotedRunId = await world.startRun('promoted', { reason: 'first model' });
    const run = await world.waitForStatus(promotedRunId, ['succeeded']);
    const page = await open(operator, `/runs/${promotedRunId}`, 'run');

    assert.equal(await page.getByTestId('run-status').textContent(), 'succeeded');
    const rows = page.locator('table.step-timeline tbody tr');
    assert.equal(await rows.count(), 8);
    for (let i = 0; i < 8; i++) {
      assert.equal(await rows.nth(i).getAttribute('data-status'), 'succeeded');
      assert.match((await rows.nth(i).locator('[data-duration]').textContent()) ?? '', /^\d+(\.\d)? (ms|s)$/);
    }

    assert.equal(await page.getByTestId('decision-outcome').textContent(), 'Promote');
    const primary = page.locator('table.decision-table tbody tr').filter({ hasText: 'auc' });
    assert.match((await primary.textContent()) ?? '', /0\.93/);
    assert.match((await page.locator('table.decision-table').textContent()) ?? '', /precision.*0\.8.*0\.02/s);

    await page.locator('.react-flow__node').first().waitFor();
    const labels = await page.locator('.react-flow__node .lineage-node > small:first-of-type').allTextContents();
    assert.deepEqual(labels, ['Commit', 'Data version', 'Image', 'Airflow dag run', 'MLflow run', 'Model version']);
    assert.match((await page.locator('.react-flow__node[data-id="model"]').textContent()) ?? '', /promoted-model:1.*champion/s);

    const external = await Promise.all((await page.locator('a[target="_blank"]').all()).map(async (a) => (await a.getAttribute('href')) ?? ''));
    assert.ok(external.length > 0);
    for (const href of external) assert.match(href, /^https?:\/\//);
    const mlflowRun = run.lineage.mlflow?.runId ?? '';
    assert.ok(external.includes(`http://mlflow.test:5000/#/experiments/exp-promoted/runs/${mlflowRun}`), external.join('\n'));
    assert.ok(external.includes('http://mlflow.test:5000/#/models/promoted-model/versions/1'), external.join('\n'));

    // The copy-paste values link to the lineage search for themselves.
    await page.locator('tr[data-lineage="commit"] a').click();
    await page.waitForSelector('html[data-ready="lineage"] [data-testid="lineage-results"]');
    assert.match(page.url(), new RegExp(`/api/ui/lineage\\?key=${run.lineage.commitSha}$`));
    await page.close();
  });

  it('updates a running run on screen until it succeeds, without a reload', async () => {
    await world.pipeline('live');
    world.fakes.scheduler.durationMs = 5_000;
    const runId = await world.startRun('live');
    await world.waitForStatus(runId, ['running']);
    const page = await open(operator, `/runs/${runId}`, 'run');
    try {
      // A mark on the document: a reload would lose it.
      await page.evaluate('window.sameDocument = true');
      await page.locator('tr[data-step="train"][data-status="running"]').waitFor({ timeout: 15_000 });
      assert.equal(await page.getByTestId('run-status').getAttribute('aria-live'), 'polite');
      assert.equal(await page.getByTestId('run-status').textContent(), 'running');
      await page.locator('[data-testid="run-status"]', { hasText: 'succeeded' }).waitFor({ timeout: 30_000 });
      assert.equal(await page.locator('tr[data-step="report"]').getAttribute('data-status'), 'succeeded');
      assert.equal(await page.evaluate('window.sameDocument'), true);
    } finally {
      world.fakes.scheduler.durationMs = 1_500;
      await page.close();
    }
  });

  it('explains a failed run in words and retries it into a new run', async () => {
    await world.pipeline('broken');
    world.fakes.scheduler.finalState = 'failed';
    const runId = await world.startRun('broken');
    await world.waitForStatus(runId, ['failed']);
    world.fakes.scheduler.finalState = 'success';
    const page = await open(operator, `/runs/${runId}`, 'run');
    const train = page.locator('tr[data-step="train"]');
    assert.equal(await train.getAttribute('data-status'), 'failed');
    const words = (await train.locator('.step-error').textContent()) ?? '';
    assert.match(words, /[A-Z_]+: \S/);
    assert.match(words, /retry/i);

    await page.getByRole('button', { name: 'Retry' }).click();
    const link = page.getByTestId('action-result').getByRole('link');
    await link.waitFor();
    const newId = ((await link.textContent()) ?? '').replace(/^run /, '');
    const retried = await world.run(newId);
    assert.equal(retried.retryOf, runId);
    await link.click();
    await page.locator(`h1:has-text("${newId}")`).waitFor();
    await world.waitForStatus(newId, ['succeeded']);
    await page.close();
  });

  it('approves and rejects a run waiting for approval', async () => {
    for (const [id, verb, done] of [['approving', 'Approve', 'Approved.'], ['rejecting', 'Reject', 'Rejected.']] as const) {
      await world.pipeline(id, { policy: { ...pipelineSpec().policy, requireApproval: true } });
      const runId = await world.startRun(id);
      await world.waitForStatus(runId, ['waiting-approval']);
      const page = await open(operator, `/runs/${runId}`, 'run');
      assert.match((await page.getByTestId('approval-state').textContent()) ?? '', /Waiting for an operator/);
      await page.getByLabel('Comment (optional)').fill(`${verb} from the browser`);
      await page.getByRole('button', { name: verb, exact: true }).click();
      if (verb === 'Reject') await page.getByRole('button', { name: 'Yes, reject' }).click();
      await page.getByTestId('action-result').getByText(done).waitFor();
      const after = await world.waitForStatus(runId, ['succeeded', 'failed', 'skipped']);
      assert.equal(after.decision?.approval?.outcome, verb === 'Approve' ? 'approved' : 'rejected');
      // Who decided is the signed-in person, never a name the page could send.
      assert.equal(after.decision?.approval?.by, 'Ada Operator');
      assert.equal(Boolean(after.lineage.model?.aliasesMoved.includes('champion')), verb === 'Approve');
      await page.close();
    }
  });

  it('cancels a running run after a confirmation', async () => {
    await world.pipeline('cancelling');
    world.fakes.scheduler.durationMs = 120_000;
    const runId = await world.startRun('cancelling');
    try {
      await world.waitForStatus(runId, ['running']);
      const page = await open(operator, `/runs/${runId}`, 'run');
      await page.getByRole('button', { name: 'Cancel run' }).click();
      await page.getByRole('button', { name: 'No, keep it' }).click();
      assert.equal((await world.run(runId)).status, 'running');
      await page.getByRole('button', { name: 'Cancel run' }).click();
      await page.getByRole('button', { name: 'Yes, cancel run' }).click();
      await page.getByTestId('action-result').getByText('Cancelled.').waitFor();
      await world.waitForStatus(runId, ['cancelled']);
      await page.locator('[data-testid="run-status"]', { hasText: 'cancelled' }).waitFor();
      await page.close();
    } finally {
      world.fakes.scheduler.durationMs = 1_500;
    }
  });

  it('reproduces a finished run into a reproduction', async () => {
    const page = await open(operator, `/runs/${promotedRunId}`, 'run');
    await page.getByRole('button', { name: 'Reproduce' }).click();
    const link = page.getByTestId('action-result').getByRole('link');
    await link.waitFor();
    const newId = ((await link.textContent()) ?? '').replace(/^run /, '');
    const reproduction = await world.waitForStatus(newId, ['succeeded', 'failed']);
    assert.equal(reproduction.kind, 'reproduction');
    assert.equal(reproduction.reproduceOf, promotedRunId);
    await link.click();
    await page.locator('table.reproduction-table').waitFor();
    assert.match((await page.locator('table.reproduction-table').textContent()) ?? '', /auc.*0\.93/s);
    await page.close();
  });

  it('shows a viewer the run without any action', async () => {
    const page = await open(viewer, `/runs/${promotedRunId}`, 'run');
    assert.equal(await page.getByTestId('run-status').textContent(), 'succeeded');
    assert.equal(await page.getByRole('button').count(), 0);
    assert.equal(await page.getByRole('heading', { name: 'Actions' }).count(), 0);
    await page.close();
  });

  it('finds runs by commit, model version and MLflow run id, keeps the key in the URL, and says when nothing matches', async () => {
    const run = await world.run(promotedRunId);
    const page = await open(viewer, '/lineage', 'lineage');
    const input = page.getByLabel('Paste a commit, data fingerprint, image digest, MLflow run id or model:version');
    for (const key of [run.lineage.commitSha ?? '', 'promoted-model:1', run.lineage.mlflow?.runId ?? '']) {
      await input.fill(key);
      await page.getByRole('button', { name: 'Find runs' }).click();
      await page.waitForURL((url) => url.searchParams.get('key') === key);
      const results = page.getByTestId('lineage-results');
      await results.getByRole('link', { name: promotedRunId }).waitFor();
      assert.match((await results.textContent()) ?? '', /promoted-model:1/);
    }
    await page.close();

    const deep = await open(viewer, `/lineage?key=${encodeURIComponent('promoted-model:1')}`, 'lineage');
    assert.equal(await deep.getByLabel(/Paste a commit/).inputValue(), 'promoted-model:1');
    await deep.getByTestId('lineage-results').getByRole('link', { name: promotedRunId }).click();
    await deep.waitForSelector('html[data-ready="run"]');
    await deep.close();

    const none = await open(viewer, `/lineage?key=${'0'.repeat(40)}`, 'lineage');
    await none.getByText('No run has this commit.').waitFor();
    await none.close();
    assert.deepEqual(pageErrors.flat(), []);
  });
});
