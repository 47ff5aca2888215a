import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { after, before, describe, it, type TestContext } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { closeChromium, launchChromium, signedInContext } from '../support/browser.js';
import { seedDashboard, type Seeded } from '../support/dashboard-seed.js';
import { dashboardKeys, startDashboardWorld, type DashboardWorld } from '../support/dashboard-world.js';

/*
 * Every page passes an axe-core scan (no serious or critical violation) with data and in its empty state, and the
 * pipelines page works from the keyboard: skip link, navigation, a pipeline, Enter, with focus visible on the way.
 */

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

/** Open `path`, wait for its data, inject axe-core and return its violations. */
async function scan(context: BrowserContext, url: string, ready: string): Promise<AxeViolation[]> {
  const page = await context.newPage();
  try {
    await page.goto(url);
    await page.waitForSelector(`html[data-ready="${ready}"]`, { state: 'attached', timeout: 20_000 });
    await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
    await page.addScriptTag({ path: axePath });
    return await page.evaluate<AxeViolation[]>(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => ({ target: n.target })) })))`);
  } finally {
    await page.close();
  }
}

/** Fail on serious and critical violations; report the others. */
function judge(t: TestContext, where: string, violations: AxeViolation[]): void {
  const describe = (v: AxeViolation) => `${v.impact ?? '?'} ${v.id} (${v.help}): ${v.nodes.map((n) => JSON.stringify(n.target)).slice(0, 5).join(' ')}`;
  for (const v of violations) t.diagnostic(`${where}: ${describe(v)}`);
  assert.deepEqual(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map(describe), [], where);
}

/** What has focus: its tag, text, href and whether a visible outline marks it. */
async function focused(page: Page): Promise<{ tag: string; text: string; href: string; outline: string }> {
  return page.evaluate(`(() => {
    const e = document.activeElement;
    const s = e ? getComputedStyle(e) : null;
    return { tag: e ? e.tagName : '', text: e ? (e.textContent || '').trim() : '', href: (e && e.getAttribute('href')) || '', outline: s ? s.outlineStyle + ' ' + s.outlineWidth : '' };
  })()`);
}

describe('accessibility and keyboard use of the dashboard', { timeout: 300_000 }, () => {
  let world: DashboardWorld;
  let browser: Browser;
  let context: BrowserContext;
  let seeded: Seeded;

  before(async () => {
    world = await startDashboardWorld();
    browser = await launchChromium();
    // bypassCSP lets the test inject axe-core; the dashboard's own code is the same either way.
    context = await signedInContext(browser, world.baseUrl, { name: 'Ada Operator', role: 'operator', key: dashboardKeys.functionKey, bypassCSP: true });
  });
  after(async () => {
    await context?.close();
    await closeChromium(browser);
    await world?.stop();
  });

  // Empty states first, while the world holds nothing.
  const emptyPages = [
    { name: 'no pipelines', ready: 'pipelines', path: '/' },
    { name: 'an unknown pipeline', ready: 'pipeline', path: '/pipelines/no-such-pipeline' },
    { name: 'an unknown run', ready: 'run', path: '/runs/r-no-such-run' },
    { name: 'a lineage search that finds nothing', ready: 'lineage', path: `/lineage?key=${'0'.repeat(40)}` },
    { name: 'a lineage search with no key', ready: 'lineage', path: '/lineage' },
  ];
  for (const p of emptyPages) {
    it(`is accessible with ${p.name}`, async (t) => {
      judge(t, p.path, await scan(context, world.url(p.path), p.ready));
    });
  }

  it('is accessible on every page with data', async (t) => {
    seeded = await seedDashboard(world.fakes, { pipelines: 3, runsPerPipeline: 8 });
    const failed = world.fakes.runs.all().find((r) => r.status === 'failed')!;
    const pages = [
      { ready: 'pipelines', path: '/' },
      { ready: 'pipeline', path: `/pipelines/${seeded.sampleRun.pipelineId}` },
      { ready: 'run', path: `/runs/${seeded.sampleRun.id}` },
      { ready: 'run', path: `/runs/${failed.id}` },
      { ready: 'lineage', path: `/lineage?key=${seeded.sampleRun.lineage.commitSha ?? ''}` },
    ];
    for (const p of pages) judge(t, p.path, await scan(context, world.url(p.path), p.ready));
  });

  it('works from the keyboard: skip link, navigation, a pipeline link, Enter opens it, focus always visible', async () => {
    const page = await context.newPage();
    try {
      await page.goto(world.url('/'));
      await page.waitForSelector('html[data-ready="pipelines"]', { state: 'attached' });
      const seen: Awaited<ReturnType<typeof focused>>[] = [];
      let pipelineLink: Awaited<ReturnType<typeof focused>> | undefined;
      for (let i = 0; i < 40 && !pipelineLink; i++) {
        await page.keyboard.press('Tab');
        const f = await focused(page);
        if (f.tag === 'BODY') break; // past the last focusable element
        seen.push(f);
        assert.notEqual(f.outline.split(' ')[0], 'none', `focus on ${f.tag} "${f.text}" has no visible outline`);
        if (/\/pipelines\/[a-z0-9-]+$/.test(f.href)) pipelineLink = f;
      }
      const trail = seen.map((f) => `${f.tag} "${f.text}" ${f.href}`).join('\n');
      assert.equal(seen[0]?.text, 'Skip to content', trail);
      const nav = seen.findIndex((f) => f.text === 'Pipelines' && f.tag === 'A');
      assert.ok(nav > 0, `the navigation is reached:\n${trail}`);
      assert.ok(pipelineLink, `a pipeline link is reached:\n${trail}`);
      assert.ok(seen.indexOf(pipelineLink) > nav, trail);
      await page.keyboard.press('Enter');
      await page.waitForURL(`**${pipelineLink.href}`);
      await page.waitForSelector('html[data-ready="pipeline"]', { state: 'attached' });
      assert.match(page.url(), new RegExp(`/api/ui/pipelines/${pipelineLink.href.split('/').pop()!}$`));
    } finally {
      await page.close();
    }
  });
});
