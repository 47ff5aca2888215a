/*
 * `npm run docs:screenshots`: the dashboard's pages as PNGs for the docs (docs/images/dashboard-<page>.png, 1280×800),
 * taken in Debian's headless Chromium against the real app on a dev host whose stores hold a few pipelines with
 * finished runs (test/support/dashboard-seed.ts), signed in as an operator. Run after `npm run build`.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { closeChromium, launchChromium, signedInContext } from '../test/support/browser.js';
import { seedDashboard } from '../test/support/dashboard-seed.js';
import { dashboardKeys, startDashboardWorld } from '../test/support/dashboard-world.js';

const out = fileURLToPath(new URL('../docs/images/', import.meta.url));
const viewport = { width: 1280, height: 800 };

async function main(): Promise<void> {
  mkdirSync(out, { recursive: true });
  const world = await startDashboardWorld();
  const browser = await launchChromium();
  try {
    const seeded = await seedDashboard(world.fakes, { pipelines: 4, runsPerPipeline: 12 });
    const run = seeded.sampleRun;
    const context = await signedInContext(browser, world.baseUrl, { name: 'Ada Operator', role: 'operator', key: dashboardKeys.functionKey, viewport });
    const shots = [
      { name: 'pipelines', path: '/' },
      { name: 'pipeline', path: `/pipelines/${run.pipelineId}` },
      { name: 'run', path: `/runs/${run.id}` },
      { name: 'lineage', path: `/lineage?key=${run.lineage.commitSha ?? ''}` },
    ];
    for (const s of shots) {
      const page = await context.newPage();
      await page.goto(world.url(s.path));
      await page.waitForSelector(`html[data-ready="${s.name}"]`, { state: 'attached', timeout: 20_000 });
      // The chart and the graph load lazily and animate in; wait for the network to settle, then for the animation.
      await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
      await page.waitForTimeout(800);
      const file = `${out}dashboard-${s.name}.png`;
      // The run's whole page, so its lineage graph and decision below the fold are in the picture too.
      await page.screenshot({ path: file, fullPage: s.name === 'run' });
      process.stderr.write(`${s.path} → docs/images/dashboard-${s.name}.png\n`);
      await page.close();
    }
    await context.close();
  } finally {
    await closeChromium(browser);
    await world.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
