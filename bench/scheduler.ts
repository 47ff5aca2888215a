/*
 * `npm run bench:scheduler`: one scheduler tick over 10,000 pipelines in the local Cosmos server (real Cosmos stores,
 * a recording Durable client, a counting fake source). Every pipeline polls its data hourly (checks spread over the
 * hour by pipeline id); 1 % are due by cron (an hourly slot), 1 % are stale (champion 31 days old, P30D), and 1 % have
 * changed data, chosen among the checks this tick makes (a change elsewhere is found in its own minute). The states are
 * seeded as the previous tick, a minute earlier, left them, and the process's first-tick sweep has counted the data
 * check budget (not measured: it runs once an hour). Ends with one JSON line:
 * {"pipelines","tickMs","queries","sourceReads","runsStarted","expected"}; `sourceReads` counts repository checks
 * (a ref lookup each, plus the DVC files when the head moved), and a progress line splits them into calls.
 *   BENCH_PIPELINES (default 10000)
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import pLimit from 'p-limit';
import { startCosmosServer } from '../devhost/emulators/cosmos-server.js';
import { cosmosContainers, createCosmosClient } from '../shared/adapters/cosmos/cosmos-client.js';
import { CosmosPipelineStateStore } from '../shared/adapters/cosmos/pipeline-state-store.js';
import { CosmosPipelineStore } from '../shared/adapters/cosmos/pipeline-store.js';
import { CosmosRunStore } from '../shared/adapters/cosmos/run-store.js';
import { CosmosTriggerStore } from '../shared/adapters/cosmos/trigger-store.js';
import { dataFingerprint } from '../shared/domain/dvc/fingerprint.js';
import { pipelineSchema, type Pipeline } from '../shared/domain/pipeline.js';
import { emptyPipelineState, type PipelineState } from '../shared/domain/pipeline-state.js';
import { nextDueAt } from '../shared/domain/schedule/next-due.js';
import { nextCheckAfter } from '../shared/domain/schedule/spread.js';
import { silentLogger } from '../shared/logging/logger.js';
import { dataCheckBudget, repairStates } from '../shared/use-cases/schedule/repair-sweep.js';
import { schedulerTick } from '../shared/use-cases/schedule/scheduler-tick.js';
import { recordingOrchestrations } from '../test/fakes/recording-orchestrations.js';
import { pipelineSpec } from '../test/fakes/seed.js';
import { CountingSource, countingStore, dvcFileOf, headOf } from './scheduler/counting.js';
import { saveResult } from './results/save.js';

const total = Number(process.env.BENCH_PIPELINES ?? 10_000);
const now = new Date('2026-03-02T10:00:00.200Z');
const previousTick = new Date(now.getTime() - 60_000);
const DAY = 86_400_000;
const fingerprint = (variant: string): string => dataFingerprint([{ path: 'data', md5: /md5: (\S+)/.exec(dvcFileOf(variant))![1]! }]);

const server = await startCosmosServer();
try {
  const cfg = { endpoint: server.endpoint, database: 'bench', createContainers: true, auth: { kind: 'key' as const, key: server.key } };
  const containers = cosmosContainers(createCosmosClient(cfg), cfg);
  const stores = { pipelines: new CosmosPipelineStore(containers), runs: new CosmosRunStore(containers), triggers: new CosmosTriggerStore(containers), pipelineStates: new CosmosPipelineStateStore(containers, () => now) };

  // Which pipelines are due, and why.
  const ids = Array.from({ length: total }, (_, i) => `bench-${String(i).padStart(5, '0')}`);
  const checkAt = (id: string): number => nextCheckAfter(id, 'PT1H', previousTick).getTime();
  // The checks due now, in the order the tick takes them (longest waiting first); it makes the first `budget`.
  const checkDue = ids.filter((id) => checkAt(id) <= now.getTime()).sort((a, b) => checkAt(a) - checkAt(b) || a.localeCompare(b));
  const budget = dataCheckBudget({ created: 0, dataChecksPerTick: total / 60 });
  const cronDue = new Set(ids.filter((_, i) => i % 100 === 1));
  const stale = new Set(ids.filter((_, i) => i % 100 === 2));
  // Apart from the others, so that no two of a pipeline's rules meet its concurrency rule.
  const changed = new Set(checkDue.slice(0, budget).filter((id) => !cronDue.has(id) && !stale.has(id)).slice(0, total / 100));
  const expected = cronDue.size + stale.size + changed.size;

  const at = new Date(now.getTime() - 60 * DAY).toISOString();
  const seed = (id: string): { pipeline: Pipeline; state: PipelineState } => {
    const pipeline = pipelineSchema.parse({
      ...pipelineSpec({ source: { kind: 'localGit', path: `repos/${id}`, branch: 'main' }, mlflow: { experimentName: id, registeredModelName: id } }),
      retrainOn: { codeChange: true, codePaths: [], dataChange: { onPush: true, every: 'PT1H' } },
      ...(cronDue.has(id) ? { schedule: { cron: '0 * * * *', timeZone: 'UTC' } } : {}),
      ...(stale.has(id) ? { staleness: { maxChampionAge: 'P30D' } } : {}),
      id,
      createdAt: at,
      updatedAt: at,
    });
    const since = new Date(now.getTime() - (stale.has(id) ? 31 : 3) * DAY).toISOString();
    const state: PipelineState = {
      ...emptyPipelineState(id, previousTick),
      champion: { modelName: id, version: '1', since, how: 'promoted', dataFingerprint: fingerprint('v1') },
      schedule: {
        ...(cronDue.has(id) ? { cron: { cron: '0 * * * *', timeZone: 'UTC', lastSlot: '2026-03-02T09:00:00.000Z' } } : {}),
        dataChange: { every: 'PT1H', nextCheckAt: nextCheckAfter(id, 'PT1H', previousTick).toISOString(), commitSha: headOf(`repos/${id}`, 'v1'), fingerprint: fingerprint('v1') },
      },
    };
    const due = nextDueAt(pipeline, state, previousTick);
    return { pipeline, state: { ...state, ...(due ? { nextDueAt: due.toISOString() } : {}) } };
  };

  const seedStart = performance.now();
  const limit = pLimit(64);
  let seeded = 0;
  await Promise.all(
    ids.map((id) =>
      limit(async () => {
        const { pipeline, state } = seed(id);
        await stores.pipelines.put(pipeline);
        await stores.pipelineStates.update(id, () => state);
        if (++seeded % 1000 === 0) console.log(`seeded ${seeded}/${total} pipelines and states (${Math.round(performance.now() - seedStart)} ms)`);
      }),
    ),
  );
  const sweep = await repairStates(stores, previousTick);
  if (dataCheckBudget(sweep) !== budget) throw new Error(`the sweep counted a budget of ${dataCheckBudget(sweep)}, not ${budget}`);
  console.log(`due this tick: ${cronDue.size} by cron, ${stale.size} stale, ${checkDue.length} data checks (budget ${budget}) of which ${changed.size} find changed data`);

  const counts = new Map<string, number>();
  const source = new CountingSource(new Set([...changed].map((id) => `repos/${id}`)));
  const orchestrations = recordingOrchestrations();
  const deps = {
    pipelines: countingStore(stores.pipelines, counts, 'pipelines'),
    runs: countingStore(stores.runs, counts, 'runs'),
    triggers: countingStore(stores.triggers, counts, 'triggers'),
    pipelineStates: countingStore(stores.pipelineStates, counts, 'pipelineStates'),
    orchestrations,
    source,
    now: () => now,
    log: silentLogger,
  };
  const tickStart = performance.now();
  const outcomes = await schedulerTick(deps, now, randomUUID(), { dataCheckBudget: budget });
  const tickMs = Math.round(performance.now() - tickStart);
  const queries = [...counts.values()].reduce((a, b) => a + b, 0);
  console.log(`queries by method: ${JSON.stringify(Object.fromEntries(counts))}; source calls: ${source.resolves} ref lookups, ${source.fileReads} file reads`);
  const failed = outcomes.filter((o) => o.result !== 'started' && o.result !== 'deferred');
  if (failed.length > 0) console.log(`not started: ${JSON.stringify(failed.slice(0, 5))}`);
  const figures = { pipelines: total, tickMs, queries, sourceReads: source.resolves, sourceReadsBound: budget, runsStarted: orchestrations.started.length, expected };
  saveResult('scheduler', figures);
  console.log(JSON.stringify(figures));
} finally {
  await server.process.stop();
}
