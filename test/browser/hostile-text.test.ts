import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Run } from '../../shared/domain/run.js';
import { closeChromium, launchChromium, signedInContext } from '../support/browser.js';
import { seedDashboard } from '../support/dashboard-seed.js';
import { dashboardKeys, startDashboardWorld, type DashboardWorld } from '../support/dashboard-world.js';
import { hostile, hostileText, missingText, visitInert } from '../support/hostile-text.js';

/*
 * Every text a user or an external system supplies, planted with markup and `javascript:` URLs, stays inert on every
 * page: the seeded history carries it in descriptions, reasons, actors, trigger details, errors, metric and parameter
 * names and values, decision summaries and rule details, lineage URLs; a real run and a real signal carry it through
 * the API.
 */

describe('hostile text on the dashboard', { timeout: 300_000 }, () => {
  let world: DashboardWorld;
  let browser: Browser;
  let context: BrowserContext;
  let promoted: Run;
  let failed: Run;
  let live: Run;

  before(async () => {
    world = await startDashboardWorld({ trainingMs: 300 });
    const seeded = await seedDashboard(world.fakes, { pipelines: 2, runsPerPipeline: 8, text: hostileText });
    promoted = seeded.sampleRun;
    failed = world.fakes.runs.all().find((r) => r.status === 'failed')!;
    // A rollback's who and why, and a signal's description, as the lifecycle and the trigger log keep them.
    await world.fakes.pipelineStates.record({ id: 'rb-1', pipelineId: promoted.pipelineId, kind: 'rolled-back', modelName: `${promoted.pipelineId}-model`, fromVersion: '2', toVersion: '1', by: hostile('rollbackBy'), reason: hostile('rollbackReason'), at: new Date().toISOString() });
    await world.fakes.triggers.record({ id: 'sig-1', pipelineId: promoted.pipelineId, source: 'signal', dedupKey: 'sig-1', decision: 'skipped', detail: hostile('signal'), at: new Date().toISOString() });
    // Through the API: a pipeline's free text, a run's reason, the metrics its training logged, a signal.
    await world.pipeline('live', { description: hostile('liveDescription'), displayName: hostile('liveName'), retrainOn: { codeChange: true, codePaths: [], dataChange: { onPush: true }, signals: { minSeverity: 'critical', coolDown: 'PT6H' } } });
    world.fakes.metrics.set('live', { auc: 0.91, precision: 0.8, [hostile('liveMetric')]: 0.5 });
    live = await world.waitForStatus(await world.startRun('live', { reason: hostile('liveReason') }), ['succeeded']);
    const signal = await world.api('/api/pipelines/live/signals', { method: 'POST', body: JSON.stringify({ source: 'monitor', kind: 'drift', severity: 'warning', description: hostile('liveSignal') }) });
    assert.equal(signal.status, 202, await signal.clone().text());
    browser = await launchChromium();
    // An operator sees every action a page offers, so every link and button is there to check.
    context = await signedInContext(browser, world.baseUrl, { name: 'Olga Operator', role: 'operator', key: dashboardKeys.functionKey });
  });
  after(async () => {
    await context?.close();
    await closeChromium(browser);
    await world?.stop();
  });

  it('the stored records really hold the planted text', () => {
    assert.equal(promoted.lineage.airflow?.url, 'javascript:alert(1)//');
    assert.match(failed.steps.find((s) => s.status === 'failed')?.error?.message ?? '', /<img src=x/);
    assert.ok(Object.keys(live.lineage.mlflow?.metrics ?? {}).some((k) => k.startsWith('liveMetric <img')));
    assert.equal(live.trigger.reason, hostile('liveReason'));
  });

  // `shows`: fields each page is meant to show (every other planted field is checked for inertness only).
  const pages: { name: string; ready: string; path: () => string; shows: string[] }[] = [
    { name: 'the pipelines page', ready: 'pipelines', path: () => '/', shows: ['description', 'liveDescription'] },
    { name: 'a seeded pipeline', ready: 'pipeline', path: () => `/pipelines/${promoted.pipelineId}`, shows: ['description', 'detail', 'signal'] },
    { name: 'the live pipeline', ready: 'pipeline', path: () => '/pipelines/live', shows: ['liveDescription'] },
    { name: 'a promoted run', ready: 'run', path: () => `/runs/${promoted.id}`, shows: ['reason', 'actor', 'summary'] },
    { name: 'a failed run', ready: 'run', path: () => `/runs/${failed.id}`, shows: ['reason', 'error'] },
    { name: 'the live run', ready: 'run', path: () => `/runs/${live.id}`, shows: ['liveReason'] },
    { name: 'the lineage search', ready: 'lineage', path: () => `/lineage?key=${promoted.lineage.commitSha ?? ''}`, shows: [] },
  ];
  for (const p of pages) {
    it(`${p.name} shows the planted text as text and runs none of it`, async () => {
      const visit = await visitInert(context, world.url(p.path()), p.ready);
      try {
        assert.deepEqual(visit.problems, []);
        assert.deepEqual(missingText(visit, p.shows), [], `planted text not shown as text on ${p.path()}`);
      } finally {
        await visit.page.close();
      }
    });
  }

  it('the page carries a CSP without inline scripts, and an inline script added at run time does not run', async () => {
    const res = await fetch(world.url('/'));
    const csp = res.headers.get('content-security-policy') ?? '';
    const scriptSrc = /(?:^|;)\s*script-src ([^;]*)/.exec(csp)?.[1] ?? '';
    assert.match(scriptSrc, /'self'/);
    assert.doesNotMatch(scriptSrc, /unsafe-inline|unsafe-eval|\*/);
    assert.doesNotMatch(await res.text(), /<script(?![^>]*\bsrc=)[^>]*>/, 'no inline script in the served page');

    const page = await context.newPage();
    try {
      await page.goto(world.url('/'));
      await page.waitForSelector('html[data-ready="pipelines"]', { state: 'attached' });
      const outcome = await page.evaluate<{ ran: unknown; violations: string[] }>(`new Promise((resolve) => {
        const violations = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push(e.violatedDirective));
        const s = document.createElement('script');
        s.textContent = 'window.__inline = 1';
        document.head.append(s);
        setTimeout(() => resolve({ ran: window.__inline, violations }), 300);
      })`);
      assert.equal(outcome.ran, undefined, 'the inline script ran');
      assert.ok(outcome.violations.some((v) => v.startsWith('script-src')), `violations: ${outcome.violations.join(', ')}`);
    } finally {
      await page.close();
    }
  });
});
