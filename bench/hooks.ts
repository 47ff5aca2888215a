/*
 * `npm run bench:hooks`: Azure DevOps service-hook deliveries against the compiled app on the dev host (as
 * `npm start` runs it, with Azurite and the Cosmos server), whose pipelines follow a repository the Azure DevOps
 * stand-in serves. The deliveries are recorded from the stand-in (`hook-recording.ts`: pushes, pull requests opened,
 * updated and completed, an image-pipeline run, and one event type the app ignores), sent once each as the originals,
 * then replayed as new events (fresh event ids) with basic auth at volume, CONCURRENCY in flight, as the service
 * sends them. Then DUPLICATES concurrent copies of ONE push that changes the training code of one pipeline. Runs are
 * counted once the `ado-hooks` queue has drained. Progress goes to stderr; the last line on stdout is one JSON object:
 *   deliveriesPerSec    intake throughput over the DELIVERIES replays (answers 202 per second of wall time)
 *   p50Ms, p99Ms        latency of the hook's answer to those replays
 *   duplicateDeliveries the copies of the one push sent at once; runsFromDuplicates the runs they started (must be 1)
 *   runsStarted         run records created by the whole benchmark. Expected 9: the push of code and data 3, the pull
 *                       request opened 1 (its merged event is the same run), updated 2, completed 2 (its merge's push
 *                       is the same runs), the single-pipeline push 1; pushes of docs, pipeline runs, the ignored event
 *                       type and every replay start none (replays are new events of the same commits: deduplicated).
 *   drainMs             from the last replay answered until the queue was empty and every accepted delivery acted on
 *   appCpuMsPerDelivery the dev host's own CPU time from the first replay to the end of the drain, per delivery sent
 *                       (answering and acting on it): what the app costs, apart from the emulators sharing the machine
 *   BENCH_DELIVERIES (default 3000), BENCH_CONCURRENCY (default 24), BENCH_DUPLICATES (default 1000),
 *   BENCH_DRAIN_SECONDS (default 600), BENCH_PROFILE (a folder: the dev host writes a V8 CPU profile there on exit)
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { QueueServiceClient } from '@azure/storage-queue';
import { startEmbeddedEmulators } from '../devhost/emulators/embedded.js';
import { documentedKeys } from '../devhost/host-keys.js';
import { benchRepo, modelCount, recordHookDeliveries, type HookRecording, type RecordedDelivery } from './hook-recording.js';
import { HookClient, percentile } from './hook-client.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const total = Number(process.env.BENCH_DELIVERIES ?? 3000);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 24);
const duplicates = Number(process.env.BENCH_DUPLICATES ?? 1000);
const drainSeconds = Number(process.env.BENCH_DRAIN_SECONDS ?? 600);
const log = (line: string) => process.stderr.write(`${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Start the compiled app on the dev host over the given emulators and stand-in; resolves once it listens. */
async function startHost(env: Record<string, string>): Promise<{ url: string; stop(): Promise<void>; cpuMs(): number }> {
  // PORT=0: the host binds a port the OS picks and says which (and names it in its links).
  const full: NodeJS.ProcessEnv = { ...process.env, ...env, PORT: '0', LOG_LEVEL: 'error' };
  // The documented dev keys stand only while neither key is set.
  delete full.MLCYCLE_FUNCTION_KEY;
  delete full.MLCYCLE_MASTER_KEY;
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const host = spawn(process.execPath, [...profile, 'dist/devhost/main.js'], { cwd: root, env: full, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  host.stdout.on('data', (b: Buffer) => (out += b.toString()));
  let listening: RegExpExecArray | null;
  while (!(listening = /Host listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out))) {
    if (host.exitCode !== null) throw new Error(`dev host exited:\n${out}`);
    await sleep(100);
  }
  return {
    url: listening[1]!,
    // User + system CPU time of the host process so far (Linux /proc; clock ticks of 10 ms).
    cpuMs: () => {
      const fields = readFileSync(`/proc/${host.pid ?? 0}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
      return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10;
    },
    stop: async () => {
      if (host.exitCode !== null) return;
      host.kill('SIGTERM');
      await new Promise((r) => host.once('exit', r));
    },
  };
}

/** The benchmark's pipelines: the example pipeline, following the stand-in's repository, one model folder each. */
function pipelineBody(i: number): string {
  const example = JSON.parse(readFileSync(new URL('../examples/pipeline.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  const m = `m${i}`;
  const { schedule: _s, staleness: _st, ...rest } = example;
  return JSON.stringify({
    ...rest,
    displayName: `Bench model ${m}`,
    source: { kind: 'azureRepos', ...benchRepo, branch: 'main' },
    training: { codePath: `models/${m}`, dockerfile: `models/${m}/Dockerfile` },
    data: { dvcFiles: [`data/${m}.dvc`], remoteUrl: `s3://mlcycle-dvc/bench-${m}` },
    image: { registry: 'mlcycleacr.azurecr.io', repository: `training/bench-${m}`, buildPipelineId: 12 },
    mlflow: { experimentName: `bench-${m}`, registeredModelName: `bench-${m}` },
    retrainOn: { codeChange: true, codePaths: [`models/${m}`], dataChange: { onPush: true } },
    // Every hook's run gets its record: a newer run takes the pipeline over rather than being refused.
    concurrency: 'cancel-running',
  });
}

/** A delivery as the service sends a new event: same payload, fresh event id and notification id. */
const variant = (d: RecordedDelivery, n: number): string => JSON.stringify({ ...d.body, id: randomUUID(), notificationId: 100_000 + n });

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'mlcycle-bench-hooks-'));
  const cleanup: (() => Promise<unknown>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
  try {
    log('starting Azurite, the Cosmos server and the Azure DevOps stand-in; recording its deliveries...');
    const emulators = await startEmbeddedEmulators();
    cleanup.unshift(() => emulators.stop());
    const rec: HookRecording = await recordHookDeliveries(dir, log);
    cleanup.unshift(() => rec.stop());
    const host = await startHost({
      ...emulators.settings,
      MLCYCLE_DURABLE_DIR: join(dir, 'durable'),
      ADO_BASE_URL: rec.standIn.url,
      ADO_PAT: rec.pat,
      ADO_WEBHOOK_SECRET: rec.webhookSecret,
    });
    cleanup.unshift(() => host.stop());
    const appUrl = host.url;
    const client = new HookClient(appUrl, documentedKeys.functionKey, rec.webhookSecret, new Agent({ keepAlive: true, maxSockets: concurrency }));
    cleanup.unshift(async () => client.close());
    for (let i = 0; i < modelCount; i++) {
      const put = await client.api('PUT', `/api/pipelines/m${i}`, pipelineBody(i));
      if (put.status >= 300) throw new Error(`PUT pipeline m${i}: ${put.status} ${put.text}`);
    }

    log(`sending the ${rec.deliveries.length} recorded deliveries once each, one at a time...`);
    for (const d of rec.deliveries) {
      const r = await client.hook(JSON.stringify(d.body));
      if (r.status !== 202) throw new Error(`${d.label}: ${r.status} ${r.text}`);
      const answer = JSON.parse(r.text) as { deliveryId: string; decision: string };
      // An ignored event type is recorded and not queued: nothing acts on it.
      if (answer.decision === 'accepted') await client.processed(answer.deliveryId, 60_000);
      log(`  ${d.label}: ${answer.decision === 'accepted' ? 'acted on' : answer.decision}`);
    }

    const bodies = Array.from({ length: total }, (_, n) => variant(rec.deliveries[n % rec.deliveries.length]!, n));
    log(`replaying ${total} deliveries as new events, ${concurrency} in flight...`);
    const latencies: number[] = [];
    const statuses = new Map<number, number>();
    let next = 0;
    const t0 = performance.now();
    const cpu0 = host.cpuMs();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++]!;
          const r = await client.hook(body);
          latencies.push(r.ms);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
          if (latencies.length % 500 === 0) log(`  ${latencies.length} sent`);
        }
      }),
    );
    const wallMs = performance.now() - t0;
    const sentAt = performance.now();
    latencies.sort((a, b) => a - b);
    log(`  answers: ${[...statuses].map(([s, n]) => `${n}× ${s}`).join(', ')} in ${(wallMs / 1000).toFixed(1)} s; p50 ${round(percentile(latencies, 0.5))} ms, p99 ${round(percentile(latencies, 0.99))} ms`);

    log(`sending ${duplicates} copies of one push at once...`);
    const copy = JSON.stringify(rec.singleRunPush.body);
    const dupAgent = new Agent({ keepAlive: false, maxSockets: duplicates });
    const dupAnswers = await Promise.all(Array.from({ length: duplicates }, () => client.hook(copy, dupAgent)));
    dupAgent.destroy();
    const dupCount = (s: number) => dupAnswers.filter((a) => a.status === s).length;
    log(`  answers: ${dupCount(202)}× 202, ${dupCount(200)}× 200 (duplicate), ${duplicates - dupCount(202) - dupCount(200)} other`);

    log('waiting for the ado-hooks queue to drain...');
    const queues = QueueServiceClient.fromConnectionString(emulators.settings.AzureWebJobsStorage);
    const drainMs = await drain(queues, client, sentAt);
    const poison = await queues.getQueueClient('ado-hooks-poison').getProperties().then((p) => p.approximateMessagesCount ?? 0, () => 0);
    const hostCpuMs = host.cpuMs() - cpu0;
    log(`  drained in ${(drainMs / 1000).toFixed(1)} s; ${poison} poison messages; the app used ${(hostCpuMs / 1000).toFixed(1)} s of CPU`);

    const runs = (await Promise.all(Array.from({ length: modelCount }, (_, i) => client.runs(`m${i}`)))).flat();
    const dupEventId = String(rec.singleRunPush.body.id).toLowerCase();
    const runsFromDuplicates = runs.filter((r) => r.trigger?.sourceEventId === dupEventId).length;
    log(`runs: ${runs.map((r) => `${r.pipelineId}/${r.kind} ${r.status}`).join(', ')}`);
    console.log(
      JSON.stringify({
        deliveriesPerSec: Math.round(latencies.length / (wallMs / 1000)),
        p50Ms: round(percentile(latencies, 0.5)),
        p99Ms: round(percentile(latencies, 0.99)),
        duplicateDeliveries: duplicates,
        runsFromDuplicates,
        runsStarted: runs.length,
        drainMs: Math.round(drainMs),
        // What the app itself spent per delivery (answering it and acting on it), whatever the emulators beside it cost.
        appCpuMsPerDelivery: round(hostCpuMs / (total + duplicates)),
        deliveries: total,
        concurrency,
      }),
    );
  } finally {
    for (const c of cleanup) await c().catch((e: unknown) => log(`cleanup: ${e instanceof Error ? e.message : String(e)}`));
  }
}

const round = (x: number) => Math.round(x * 10) / 10;

/**
 * Wait until the `ado-hooks` queue is empty and every accepted delivery in the log has `processedAt` (a message
 * being processed may no longer count in the queue); ms since `since`.
 */
async function drain(queues: QueueServiceClient, client: HookClient, since: number): Promise<number> {
  const queue = queues.getQueueClient('ado-hooks');
  const end = Date.now() + drainSeconds * 1000;
  let empty = 0;
  let lastLog = 0;
  while (empty < 2) {
    const left = (await queue.getProperties()).approximateMessagesCount ?? 0;
    empty = left === 0 ? empty + 1 : 0;
    if (left > 0 && Date.now() - lastLog > 5000) {
      log(`  ${left} messages left`);
      lastLog = Date.now();
    }
    if (Date.now() > end) throw new Error(`the ado-hooks queue still holds ${left} messages after ${drainSeconds} s`);
    if (empty < 2) await sleep(250);
  }
  for (let left = await client.unprocessedDeliveries(); left > 0; left = await client.unprocessedDeliveries()) {
    if (Date.now() > end) throw new Error(`${left} accepted deliveries are still not acted on after ${drainSeconds} s`);
    log(`  ${left} accepted deliveries not acted on yet`);
    await sleep(1000);
  }
  return performance.now() - since;
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    console.error(e instanceof Error ? (e.stack ?? e.message) : String(e));
    process.exit(1);
  },
);
