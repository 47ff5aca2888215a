/*
 * `npm run bench:day`: one day of BENCH_PIPELINES pipelines (default 10,000) retraining daily on the dev host with the
 * clock skipped. Every pipeline has a daily cron slot spread over the day as real schedules are (`day/spread.ts`), a
 * champion on yesterday's data and today's data on its branch; every tenth also has a pull request validated in
 * working hours (started as the service-hook intake starts it, through `startRun`). The scheduler's tick
 * (`schedulerTick`, what the timer runs) is called every simulated minute; the runs it starts execute on the dev
 * host's durable engine (journaled history, the real durable-functions replay) and the real activities over the fakes
 * of `test/fakes/` (Airflow, MLflow, the image build, the repositories and the stores). Nothing is estimated: the
 * figures are counted as the day runs. Progress (simulated hour, runs started and finished) goes to stderr; the last
 * stdout line is one JSON object of figures, also kept in `bench/results/day.json` for `npm run capacity`.
 *   BENCH_PIPELINES (default 10000), BENCH_PR_EVERY (default 10: one pipeline in ten has a pull request)
 * `npm run bench:day` gives node a larger young generation (`--max-semi-space-size`): the day allocates millions of
 * short-lived documents, and a small one promotes them into a heap that then takes long full collections.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { imageTagAt } from '../functions/activities/image.js';
import { EventType } from '../devhost/durable/history-events.js';
import { terminalRunStatuses } from '../shared/domain/run.js';
import { newRunId } from '../shared/use-cases/run-ids.js';
import { startRun } from '../shared/use-cases/start-run.js';
import { schedulerTick } from '../shared/use-cases/schedule/scheduler-tick.js';
import { commitData, sha } from '../test/fakes/seed.js';
import { RunHarness } from '../test/orchestration/support/harness.js';
import { SchedulerDriver } from '../test/orchestration/support/scheduler-driver.js';
import { dailySlot, pullRequestAt, trainingMinutes } from './day/spread.js';
import { countStore, emptyTallies } from './day/store-ops.js';
import { saveResult } from './results/save.js';

const total = Number(process.env.BENCH_PIPELINES ?? 10_000);
const prEvery = Number(process.env.BENCH_PR_EVERY ?? 10);
const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const DAY0 = Date.UTC(2026, 2, 2); // a Monday, 00:00 UTC
const REGISTRY = 'mlcycle.azurecr.io';
const wallStart = performance.now();
const log = (s: string): void => void process.stderr.write(`${s}\n`);

let peakRss = process.memoryUsage().rss;
const rssSampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 250);

// Pipelines are registered a minute before the day: the scheduler fires the slots after a pipeline's registration, so
// registering earlier would make the first tick catch up yesterday's slots that fell in between (runs of another day).
// The engine's journals go to memory when the machine has a tmpfs: the bench counts journal writes, it does not time
// the disk's fsync, which would otherwise be most of its wall time.
const shm = '/dev/shm';
const stateDir = mkdtempSync(path.join(existsSync(shm) ? shm : tmpdir(), 'mlcycle-day-'));
const h = await RunHarness.create({ start: DAY0 - MINUTE, stateDir });
const driver = new SchedulerDriver(h);
const f = h.fakes;

// History of generations a continueAsNew retired (the engine replaces the journal when a new execution begins).
const retired: Record<number, number> = {};
let retiredEvents = 0;
const replace = h.engine.store.replace.bind(h.engine.store);
h.engine.store.replace = async (id, lines) => {
  for (const e of h.engine.readHistory(id) ?? []) {
    retired[e.EventType] = (retired[e.EventType] ?? 0) + 1;
    retiredEvents++;
  }
  return replace(id, lines);
};

// Training time per pipeline: the fake Airflow takes its duration from the pipeline the dag run is for.
const trigger = f.scheduler.trigger.bind(f.scheduler);
f.scheduler.trigger = async (req) => {
  const out = await trigger(req);
  const run = f.world.state.dagRuns[`${req.dagId}/${req.dagRunId}`];
  if (run && run.finishAt === run.createdAt + f.scheduler.durationMs) run.finishAt = run.createdAt + trainingMinutes(String(req.conf.pipelineId)) * MINUTE;
  return out;
};

// Seed: pipelines through putPipeline (which keeps their scheduler state), their champions and images.
const ids = Array.from({ length: total }, (_, i) => `p${String(i).padStart(5, '0')}`);
const withPr = new Set(ids.filter((_, i) => prEvery > 0 && i % prEvery === 0));
const seedStart = performance.now();
for (const [i, id] of ids.entries()) {
  const { hour, minute } = dailySlot(id);
  await driver.put(id, { schedule: { cron: `${minute} ${hour} * * *`, timeZone: 'UTC' }, image: { registry: REGISTRY, repository: id } });
  await driver.seedChampion(id, '1', DAY0 - DAY, { auc: 0.5, precision: 0.8 }, SchedulerDriver.fingerprintOf('v0'));
  const pipeline = (await h.services.pipelines.get(id))!;
  f.registry.push(REGISTRY, id, await imageTagAt(f.source, pipeline, sha(`${id}-v1`)), `sha256:${i}`);
  if (withPr.has(id)) {
    // The PR's merge commit: today's data and a change to the Dockerfile, so its image is built.
    const merge = { ...pipeline.source, branch: 'merge' };
    commitData(f, { ...pipeline, source: merge }, sha(`${id}-pr`));
    f.source.commit(merge, 'merge', sha(`${id}-pr`), { Dockerfile: 'FROM python:3.12-slim\nRUN pip install lightgbm\n' });
  }
  if ((i + 1) % 1000 === 0) log(`seeded ${i + 1}/${total} pipelines (${((performance.now() - seedStart) / 1000).toFixed(1)} s)`);
}
const seedSeconds = (performance.now() - seedStart) / 1000;

// Count from here on.
let counting = false;
const tallies = emptyTallies();
for (const name of ['pipelines', 'runs', 'triggers', 'pipelineStates'] as const) countStore(name, h.services[name], tallies, () => counting);
const eventsBefore = f.world.state.counters.eventsPublished;
counting = true;

const prAt = new Map<number, string[]>();
for (const id of withPr) {
  const { hour, minute } = pullRequestAt(id);
  const at = DAY0 + (hour * 60 + minute) * MINUTE;
  prAt.set(at, [...(prAt.get(at) ?? []), id]);
}

const runStatus = (): { started: number; finished: number } => {
  let started = 0;
  let finished = 0;
  for (const r of Object.values(f.world.state.runs)) {
    started++;
    if (terminalRunStatuses.includes(r.status)) finished++;
  }
  return { started, finished };
};

let ticks = 0;
let runsStartedByTick = 0;
let peakStartsPerMinute = 0;
let peakRuns = 0;
let peakOrchestrations = 0;
let validationsStarted = 0;
const sample = (): void => {
  const { started, finished } = runStatus();
  peakRuns = Math.max(peakRuns, started - finished);
  peakOrchestrations = Math.max(peakOrchestrations, h.engine.listInstances({ runtimeStatus: ['Running', 'Pending'] }, { showInput: false }).length);
};

// The busiest minute's store operations, for Cosmos DB's peak request rate.
const opsNow = (): { reads: number; writes: number; queries: number } =>
  Object.values(tallies).reduce((a, t) => ({ reads: a.reads + t.reads, writes: a.writes + t.writes, queries: a.queries + t.queries }), { reads: 0, writes: 0, queries: 0 });
let peakMinuteStore = { reads: 0, writes: 0, queries: 0 };
for (let t = DAY0; t < DAY0 + DAY; t += MINUTE) {
  const before = opsNow();
  await h.runUntil(() => false, { until: t, maxSteps: 1_000_000 });
  let startedNow = 0;
  for (const id of prAt.get(t) ?? []) {
    const key = `pr-${id}:${sha(`${id}-pr`)}`;
    const { created } = await startRun(driver.deps(), {
      pipelineId: id,
      runId: newRunId(h.services.now(), { scope: `ado-pr:${id}`, key }),
      trigger: { kind: 'ado-pr', sourceEventId: randomUUID(), reason: `pull request into main` },
      dedupKey: key,
      evaluationId: randomUUID(),
      ref: sha(`${id}-pr`),
      kind: 'validation',
      pullRequestId: 1,
    });
    if (created) {
      validationsStarted++;
      startedNow++;
    }
  }
  const outcomes = await schedulerTick(driver.deps(), h.services.now(), randomUUID());
  ticks++;
  const byTick = outcomes.filter((o) => o.result === 'started').length;
  runsStartedByTick += byTick;
  peakStartsPerMinute = Math.max(peakStartsPerMinute, byTick + startedNow);
  await h.engine.idle();
  sample();
  const after = opsNow();
  const minute = { reads: after.reads - before.reads, writes: after.writes - before.writes, queries: after.queries - before.queries };
  if (minute.reads + minute.writes + minute.queries > peakMinuteStore.reads + peakMinuteStore.writes + peakMinuteStore.queries) peakMinuteStore = minute;
  if ((t - DAY0) % (60 * MINUTE) === 59 * MINUTE) {
    const { started, finished } = runStatus();
    log(`${new Date(t + MINUTE).toISOString().slice(11, 16)} simulated: ${started} runs started, ${finished} finished, ${peakOrchestrations} peak orchestrations (${((performance.now() - wallStart) / 1000).toFixed(0)} s wall)`);
  }
}

// Let the runs still going at midnight finish (a run's work belongs to the day it started).
const ended = new Set(['Completed', 'Failed', 'Terminated', 'Canceled']);
const runIds = Object.keys(f.world.state.runs);
// Latest first: the check stops at the first run still going, which is most likely one of the last started.
const latestFirst = [...runIds].reverse();
await h.runUntil(() => latestFirst.every((id) => ended.has(h.engine.getStatus(id, { showInput: false })?.runtimeStatus ?? '')), { maxSteps: 1_000_000 });
counting = false;

// Count the histories: every instance's journal now, plus the generations continueAsNew retired.
const byType: Record<number, number> = { ...retired };
let historyEvents = retiredEvents;
for (const s of h.engine.listInstances()) {
  for (const e of h.engine.readHistory(s.instanceId) ?? []) {
    byType[e.EventType] = (byType[e.EventType] ?? 0) + 1;
    historyEvents++;
  }
}
const n = (t: number): number => byType[t] ?? 0;
const episodes = n(EventType.OrchestratorStarted);
const activities = n(EventType.TaskScheduled);
// Executions as Functions bills them: orchestrator episodes, activity attempts, timer ticks, and for each pull request
// the service hook's HTTP request and its queue delivery.
const hookExecutions = 2 * validationsStarted;
const executions = episodes + activities + ticks + hookExecutions;
// Durable Task Scheduler actions (its billing page): orchestration starts, activity schedules and results, timers
// fired, external events, sub-orchestration results.
const durableActions =
  n(EventType.ExecutionStarted) + activities + n(EventType.TaskCompleted) + n(EventType.TaskFailed) + n(EventType.TimerFired) + n(EventType.EventRaised) + n(EventType.SubOrchestrationInstanceCompleted) + n(EventType.SubOrchestrationInstanceFailed);
const statuses: Record<string, number> = {};
for (const r of Object.values(f.world.state.runs)) statuses[`${r.kind}:${r.status}`] = (statuses[`${r.kind}:${r.status}`] ?? 0) + 1;
const storeOps = Object.values(tallies).reduce((a, t) => a + t.reads + t.writes + t.queries, 0);
const queueMessages = f.world.state.counters.eventsPublished - eventsBefore + validationsStarted + (h.services.runRequests as { sent?: unknown[] }).sent!.length;
await h.close();
clearInterval(rssSampler);
log(`runs by kind and status: ${JSON.stringify(statuses)}; store operations: ${JSON.stringify(tallies)}`);
log(`seeding took ${seedSeconds.toFixed(0)} s of the wall time`);

const figures = {
  pipelines: total,
  runsStarted: runIds.length,
  executions,
  historyEvents,
  storeOps,
  peakOrchestrations,
  wallSeconds: Math.round((performance.now() - wallStart) / 1000),
  seedSeconds: Math.round(seedSeconds),
  trainingRuns: runsStartedByTick,
  validationRuns: validationsStarted,
  runsSucceeded: Object.values(f.world.state.runs).filter((r) => r.status === 'succeeded').length,
  imagesBuilt: f.world.state.counters.buildsStarted,
  orchestratorEpisodes: episodes,
  activityExecutions: activities,
  timerTicks: ticks,
  hookExecutions,
  durableActions,
  orchestrationStarts: n(EventType.ExecutionStarted),
  timersFired: n(EventType.TimerFired),
  eventsRaised: n(EventType.EventRaised),
  queueMessages,
  peakRuns,
  peakStartsPerMinute,
  peakMinuteStore,
  store: tallies,
  peakRssMb: Math.round(peakRss / 1024 / 1024),
};
saveResult('day', figures);
console.log(JSON.stringify(figures));
