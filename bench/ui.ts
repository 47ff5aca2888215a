/*
 * `npm run bench:ui`: the dashboard in Debian's headless Chromium against the real app on a dev host whose stores
 * (the fakes of test/fakes/) hold 50 pipelines and 2,000 finished runs, signed in as a viewer. For the pipelines
 * page, one pipeline's page and one run's page: the median over fresh navigations of the time from navigation start
 * to the page showing its data (`html[data-ready]`, see bench/ui/measure.ts), the browser cache warm after the first
 * (a returning user); and the gzipped size of the JavaScript loaded before any lazy chunk. Progress on stderr; ends
 * with one JSON line {"jsKbGzip", "pipelinesPageMs", "runsPageMs", "runPageMs"} (`runsPageMs`: the pipeline page,
 * which lists its runs). Targets: jsKbGzip ≤ 200, each page ≤ 1,000 ms.
 *   BENCH_NAVIGATIONS (default 7 measured, after one cold navigation), BENCH_PIPELINES (50), BENCH_RUNS (2000)
 */
import { fileURLToPath } from 'node:url';
import { closeChromium, launchChromium, signedInContext } from '../test/support/browser.js';
import { seedDashboard } from '../test/support/dashboard-seed.js';
import { dashboardKeys, startDashboardWorld } from '../test/support/dashboard-world.js';
import { initialJsKbGzip, median, navigationToReady, recordPageReady } from './ui/measure.js';

const navigations = Math.max(5, Number(process.env.BENCH_NAVIGATIONS ?? 7));
const pipelines = Number(process.env.BENCH_PIPELINES ?? 50);
const runs = Number(process.env.BENCH_RUNS ?? 2000);
const distWeb = fileURLToPath(new URL('../dist/web', import.meta.url));
const progress = (line: string) => process.stderr.write(`${line}\n`);

async function main(): Promise<void> {
  const js = initialJsKbGzip(distWeb);
  progress(`initial JavaScript: ${js.kb} KiB gzipped (${js.files.join(', ')})`);
  const world = await startDashboardWorld();
  const browser = await launchChromium();
  try {
    let t = performance.now();
    const seeded = await seedDashboard(world.fakes, { pipelines, runsPerPipeline: Math.ceil(runs / pipelines) });
    progress(`seeded ${seeded.pipelineIds.length} pipelines and ${[...seeded.runIds.values()].reduce((n, ids) => n + ids.length, 0)} runs in ${Math.round(performance.now() - t)} ms`);
    const context = await signedInContext(browser, world.baseUrl, { name: 'Bench Viewer', role: 'viewer', key: dashboardKeys.functionKey });
    await recordPageReady(context);
    const pages = [
      { key: 'pipelinesPageMs', page: 'pipelines', url: world.url('/') },
      { key: 'runsPageMs', page: 'pipeline', url: world.url(`/pipelines/${seeded.pipelineIds[0]!}`) },
      { key: 'runPageMs', page: 'run', url: world.url(`/runs/${seeded.sampleRun.id}`) },
    ] as const;
    const result: Record<string, number> = { jsKbGzip: js.kb };
    for (const p of pages) {
      t = performance.now();
      const cold = await navigationToReady(context, p.url, p.page);
      const times: number[] = [];
      for (let i = 0; i < navigations; i++) times.push(await navigationToReady(context, p.url, p.page));
      result[p.key] = Math.round(median(times));
      progress(`${p.page}: cold ${Math.round(cold)} ms, warm ${times.map((x) => Math.round(x)).join(', ')} ms → median ${result[p.key]} ms (${Math.round(performance.now() - t)} ms wall)`);
    }
    await context.close();
    const over = [result.jsKbGzip! > 200 ? 'jsKbGzip > 200' : '', ...pages.map((p) => (result[p.key]! > 1000 ? `${p.key} > 1000` : ''))].filter(Boolean);
    if (over.length > 0) progress(`over target: ${over.join(', ')}`);
    console.log(JSON.stringify(result));
  } finally {
    await closeChromium(browser);
    await world.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
