/*
 * `npm run bench:orchestration`: whole training runs on the dev host's durable engine (history on disk, the real
 * durable-functions replay) with fake ports at zero latency and a manual clock, so a 24-hour training costs no wall
 * time. Phase 1 runs SEQUENTIAL runs one at a time to measure the control-plane overhead of a run; phase 2 starts
 * CONCURRENT runs at once. Counts every history event and every execution (orchestrator episodes + activity attempts)
 * across a run's instances, including the generations a `continueAsNew` retired. Ends with one JSON line:
 * {"historyEventsPerRun", "executionsPerRun", "executionsPerRunWithBuild", "overheadMsMedian", "concurrentRuns", "lostRuns",
 * "peakRssMb"}; phase 3 runs WITH_BUILD runs whose image is missing (the fake builder builds it in 5 minutes) for
 * `executionsPerRunWithBuild`.
 *   BENCH_SEQUENTIAL (default 30), BENCH_CONCURRENT (default 200), BENCH_WITH_BUILD (default 20), BENCH_TRAINING_HOURS (default 24)
 *   BENCH_TRACING=1: telemetry on (spans to an in-memory exporter), each run started in a trigger span, so every
 *   activity starts its span in the run's trace; the JSON line then says `"tracing": true` and `spansPerRun`.
 */
import { performance } from 'node:perf_hooks';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { otelRunTracing } from '../shared/adapters/opentelemetry/otel-run-tracing.js';
import { registerTracing } from '../shared/adapters/opentelemetry/start-telemetry.js';
import { runInstanceIds } from '../shared/durable/instance-ids.js';
import { HOUR_MS } from '../shared/durable/timers.js';
import { seedPipeline, sha } from '../test/fakes/seed.js';
import { RunHarness } from '../test/orchestration/support/harness.js';
import { saveResult } from './results/save.js';

const sequential = Number(process.env.BENCH_SEQUENTIAL ?? 30);
const concurrent = Number(process.env.BENCH_CONCURRENT ?? 200);
const withBuild = Number(process.env.BENCH_WITH_BUILD ?? 20);
const trainingHours = Number(process.env.BENCH_TRAINING_HOURS ?? 24);
const REGISTRY = 'mlcycle.azurecr.io';

const spans = process.env.BENCH_TRACING === '1' ? new InMemorySpanExporter() : null;
if (spans) registerTracing([new SimpleSpanProcessor(spans)]);
/** With tracing on, the traceparent of a trigger span for a run about to start (as the HTTP trigger's). */
const traced = async (): Promise<{ traceparent?: string }> => {
  if (!spans) return {};
  const traceparent = await otelRunTracing.inSpan('bench trigger', { role: 'trigger' }, () => Promise.resolve(otelRunTracing.currentTraceparent()));
  spans.reset();
  return traceparent !== undefined ? { traceparent } : {};
};

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);

interface Tally {
  events: number;
  episodes: number;
  activities: number;
}

/** A harness whose engine also counts the history of executions retired by continueAsNew. */
async function benchHarness(): Promise<{ h: RunHarness; tally: (runId: string) => Tally }> {
  const h = await RunHarness.create();
  h.fakes.scheduler.durationMs = trainingHours * HOUR_MS;
  const retired = new Map<string, Tally>();
  const count = (history: { EventType: number }[]): Tally => ({
    events: history.length,
    episodes: history.filter((e) => e.EventType === 12).length,
    activities: history.filter((e) => e.EventType === 4).length,
  });
  const store = h.engine.store;
  const replace = store.replace.bind(store);
  // The engine replaces an instance's journal when it begins a new execution; the old one is the retired generation.
  store.replace = async (id, lines) => {
    const old = h.engine.readHistory(id);
    if (old) {
      const t = count(old);
      const r = retired.get(id) ?? { events: 0, episodes: 0, activities: 0 };
      retired.set(id, { events: r.events + t.events, episodes: r.episodes + t.episodes, activities: r.activities + t.activities });
    }
    return replace(id, lines);
  };
  const tally = (runId: string): Tally => {
    const total = { events: 0, episodes: 0, activities: 0 };
    for (const id of runInstanceIds(runId)) {
      const cur = h.engine.readHistory(id);
      for (const t of [cur ? count(cur) : undefined, retired.get(id)]) {
        if (!t) continue;
        total.events += t.events;
        total.episodes += t.episodes;
        total.activities += t.activities;
      }
    }
    return total;
  };
  return { h, tally };
}

/** Seed `n` pipelines whose images already exist (code unchanged, data changed: the usual retrain) unless `images` is false. */
async function seed(h: RunHarness, n: number, images = true): Promise<void> {
  for (let i = 0; i < n; i++) {
    const id = `p${i}`;
    await seedPipeline(h.fakes, id, sha(id), {
      source: { kind: 'localGit', path: `repos/${id}`, branch: 'main' },
      image: { registry: REGISTRY, repository: `model-${i}` },
      mlflow: { experimentName: `exp-${i}`, registeredModelName: `model-${i}` },
    });
  }
  if (!images) return;
  // Pre-push every content tag so ensureImage finds it (the tag derives from the training code's Git ids at the commit).
  const { imageTagAt } = await import('../functions/activities/image.js');
  for (let i = 0; i < n; i++) {
    const p = await h.fakes.pipelines.get(`p${i}`);
    if (!p) throw new Error(`pipeline p${i} was not seeded`);
    h.fakes.registry.push(REGISTRY, `model-${i}`, await imageTagAt(h.fakes.source, p, sha(`p${i}`)), `sha256:${i}`);
  }
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
};

// Phase 1: one run at a time.
const overheads: number[] = [];
{
  const { h } = await benchHarness();
  await seed(h, sequential);
  for (let i = 0; i < sequential; i++) {
    const runId = `seq-${i}`;
    const t0 = performance.now();
    await h.start({ runId, pipelineId: `p${i}`, trigger: { kind: 'schedule' }, ...(await traced()) });
    const { output } = await h.finish(runId);
    overheads.push(performance.now() - t0);
    if (output.status !== 'succeeded') throw new Error(`${runId}: ${output.status} ${output.reason ?? ''}`);
  }
  await h.close();
  process.stderr.write(`sequential: ${sequential} runs, overhead median ${median(overheads).toFixed(1)} ms\n`);
}

/** Start `n` runs at once on `h` and drive them all to the end. */
async function runAll(h: RunHarness, n: number): Promise<string[]> {
  const ids = Array.from({ length: n }, (_, i) => `run-${i}`);
  const traces = await Promise.all(ids.map(() => traced()));
  await Promise.all(ids.map((runId, i) => h.start({ runId, pipelineId: `p${i}`, trigger: { kind: 'schedule' }, ...traces[i] })));
  await h.runUntil(() => ids.every((id) => ['Completed', 'Failed', 'Terminated'].includes(h.status(id)?.runtimeStatus ?? '')), { maxSteps: 100_000 });
  return ids;
}

// Phase 3 (measured first, so its harness is gone before phase 2's memory is sampled): images missing, built.
async function executionsWithBuild(): Promise<number> {
  const { h, tally } = await benchHarness();
  await seed(h, withBuild, false);
  const ids = await runAll(h, withBuild);
  for (const id of ids) if ((await h.fakes.runs.find(id))?.lineage.image?.built !== true) throw new Error(`${id}: the image was not built`);
  await h.close();
  return median(ids.map(tally).map((t) => t.episodes + t.activities));
}
const withBuildExecutions = await executionsWithBuild();

// Phase 2: all at once.
const { h, tally } = await benchHarness();
await seed(h, concurrent);
const t0 = performance.now();
const ids = await runAll(h, concurrent);
const wallMs = performance.now() - t0;
let lost = 0;
for (const id of ids) {
  const run = await h.fakes.runs.find(id);
  if (h.status(id)?.runtimeStatus !== 'Completed' || run?.status !== 'succeeded' || run.lineage.model === undefined) lost++;
}
const tallies = ids.map(tally);
const phase2Spans = spans ? spans.getFinishedSpans().length : 0;
const dagRuns = h.fakes.world.state.counters.dagRunsCreated;
const versions = h.fakes.world.state.counters.modelVersionsRegistered;
await h.close();
clearInterval(sampler);
process.stderr.write(
  `concurrent: ${concurrent} runs in ${(wallMs / 1000).toFixed(1)} s wall (simulated ${trainingHours} h training each); ` +
    `dag runs ${dagRuns}, model versions ${versions}; per run: ${median(tallies.map((t) => t.episodes))} episodes + ${median(tallies.map((t) => t.activities))} activities\n`,
);
const figures = {
  historyEventsPerRun: median(tallies.map((t) => t.events)),
  executionsPerRun: median(tallies.map((t) => t.episodes + t.activities)),
  executionsPerRunWithBuild: withBuildExecutions,
  overheadMsMedian: Number(median(overheads).toFixed(1)),
  concurrentRuns: concurrent,
  lostRuns: lost,
  peakRssMb: Math.round(peakRss / 1024 / 1024),
  tracing: spans !== null,
  ...(spans ? { spansPerRun: Math.round((phase2Spans + concurrent) / concurrent) } : {}),
};
saveResult('orchestration', figures);
console.log(JSON.stringify(figures));
