import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, before, describe, it } from 'node:test';
import { QueueServiceClient } from '@azure/storage-queue';
import { startAppHost, type AppHost } from '../support/app-host.js';
import { holdingRepo, type HoldingRepo } from '../support/holding-repo.js';

/*
 * Concurrent run starts on the dev host (real app, Cosmos server, Azurite, durable engine). The pipelines' source is a
 * repository whose first git read blocks until the test releases it, so each started run stays active (its first step
 * waiting) for as long as the burst lasts, and only the concurrency rule decides who starts.
 */
let app: AppHost;
let repo: HoldingRepo;
let queues: QueueServiceClient;
let stateDir: string;
const jsonHeaders = { 'content-type': 'application/json' };
const example = JSON.parse(readFileSync(new URL('../../examples/pipeline.json', import.meta.url), 'utf8')) as Record<string, unknown>;

before(async () => {
  stateDir = mkdtempSync(join(tmpdir(), 'mlcycle-race-'));
  mkdirSync(join(stateDir, 'repo'));
  repo = holdingRepo(join(stateDir, 'repo'));
  app = await startAppHost();
  queues = QueueServiceClient.fromConnectionString(app.env.AzureWebJobsStorage!);
});
afterEach(async () => repo.releaseAll());
after(async () => {
  await repo.releaseAll();
  await app.stop();
  rmSync(stateDir, { recursive: true, force: true });
});

async function putPipeline(id: string, concurrency: string): Promise<void> {
  const body = JSON.stringify({ ...example, concurrency, source: { kind: 'localGit', path: repo.path, branch: 'main' } });
  assert.equal((await app.call(`/api/pipelines/${id}`, { method: 'PUT', headers: jsonHeaders, body })).status, 201);
}

interface Answer {
  status: number;
  runId?: string;
}

async function start(pipelineId: string, key?: string): Promise<Answer> {
  const res = await app.call(`/api/pipelines/${pipelineId}/runs`, { method: 'POST', headers: { ...jsonHeaders, ...(key ? { 'idempotency-key': key } : {}) }, body: '{}' });
  const body = (await res.json()) as { runId?: string };
  return { status: res.status, ...(body.runId ? { runId: body.runId } : {}) };
}

const byStatus = (answers: Answer[]) => answers.reduce<Record<number, number>>((acc, a) => ({ ...acc, [a.status]: (acc[a.status] ?? 0) + 1 }), {});

async function all<T>(path: string): Promise<T[]> {
  const items: T[] = [];
  let next: string | undefined = path;
  while (next) {
    const page = (await (await app.call(next)).json()) as { items: T[]; nextLink?: string };
    items.push(...page.items);
    next = page.nextLink;
  }
  return items;
}

const runsOf = (pipelineId: string) => all<{ id: string; status: string; queuedBehind?: string }>(`/api/pipelines/${pipelineId}/runs?limit=100`);

async function decisions(pipelineId: string): Promise<Record<string, number>> {
  const log = await all<{ decision: string }>(`/api/pipelines/${pipelineId}/triggers?limit=100`);
  return log.reduce<Record<string, number>>((acc, t) => ({ ...acc, [t.decision]: (acc[t.decision] ?? 0) + 1 }), {});
}

/** The orchestrations started for a pipeline's runs (main instances only). */
function orchestrations(pipelineId: string): string[] {
  const engine = app.durable.engine;
  assert.ok(engine);
  return engine
    .listInstances({ instanceIdPrefix: 'r-' })
    .filter((s) => !s.instanceId.includes(':') && (s.input as { pipelineId?: string } | null)?.pipelineId === pipelineId)
    .map((s) => s.instanceId);
}

async function until(check: () => Promise<boolean>, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    app.host.queueTriggers?.nudge();
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('concurrent run starts', () => {
  it('answers every repeat of one Idempotency-Key with 200 and that run, and logs each as deduplicated', async () => {
    await putPipeline('race-key', 'skip');
    const answers = await Promise.all(Array.from({ length: 100 }, () => start('race-key', 'same-key')));
    assert.deepEqual(byStatus(answers), { 202: 1, 200: 99 });
    assert.equal(new Set(answers.map((a) => a.runId)).size, 1);
    assert.equal((await runsOf('race-key')).length, 1);
    assert.deepEqual(orchestrations('race-key'), [answers[0]!.runId]);
    assert.deepEqual(await decisions('race-key'), { started: 1, deduplicated: 99 });
  });

  it('skip: 50 different starts on an idle pipeline start exactly one run', async () => {
    await putPipeline('race-skip', 'skip');
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => start('race-skip', `k-${i}`)));
    assert.deepEqual(byStatus(answers), { 202: 1, 409: 49 });
    const runs = await runsOf('race-skip');
    assert.equal(runs.length, 1);
    assert.deepEqual(orchestrations('race-skip'), [runs[0]!.id]);
    assert.deepEqual(await decisions('race-skip'), { started: 1, concurrency: 49 });
  });

  it('queue-one: one run starts, one waits, the rest are refused; the waiting one starts when the first ends', async () => {
    await putPipeline('race-queue', 'queue-one');
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => start('race-queue', `k-${i}`)));
    assert.deepEqual(byStatus(answers), { 202: 2, 409: 48 });
    const runs = await runsOf('race-queue');
    assert.equal(runs.length, 2);
    const waiting = runs.find((r) => r.queuedBehind !== undefined);
    const first = runs.find((r) => r.queuedBehind === undefined);
    assert.ok(waiting && first && waiting.queuedBehind === first.id, JSON.stringify(runs));
    assert.deepEqual(orchestrations('race-queue'), [first.id]);
    assert.deepEqual(await decisions('race-queue'), { started: 1, queued: 1, concurrency: 48 });

    // The first run's step reads the repository and fails; its report releases the slot and starts the waiting run.
    await repo.releaseAll();
    await until(async () => orchestrations('race-queue').includes(waiting.id));
    assert.equal(orchestrations('race-queue').length, 2);
  });

  it('cancel-running: of 50 concurrent starts one takes over the active run, the others are refused', async () => {
    await putPipeline('race-cancel', 'cancel-running');
    const active = await start('race-cancel', 'first');
    assert.equal(active.status, 202);
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => start('race-cancel', `k-${i}`)));
    assert.deepEqual(byStatus(answers), { 202: 1, 409: 49 });
    const winner = answers.find((a) => a.status === 202)!.runId!;
    const runs = await runsOf('race-cancel');
    assert.deepEqual(runs.map((r) => r.id).sort(), [active.runId!, winner].sort());
    assert.equal(runs.find((r) => r.id === active.runId)?.status, 'cancelled');
    assert.deepEqual(orchestrations('race-cancel').sort(), [active.runId!, winner].sort());
    assert.equal(app.durable.engine?.getStatus(active.runId!)?.runtimeStatus, 'Terminated');
    assert.deepEqual(await decisions('race-cancel'), { started: 2, concurrency: 49 });
  });

  it('skip: queue requests racing HTTP starts still start exactly one run', async () => {
    await putPipeline('race-mixed', 'skip');
    const q = queues.getQueueClient('run-requests');
    await q.createIfNotExists();
    const sends = Array.from({ length: 20 }, (_, i) => q.sendMessage(Buffer.from(JSON.stringify({ pipelineId: 'race-mixed', requestId: `monitor-${i}` })).toString('base64')));
    app.host.queueTriggers?.nudge();
    const answers = await Promise.all([...Array.from({ length: 20 }, (_, i) => start('race-mixed', `k-${i}`)), ...sends.map(async (s) => (await s, { status: 0 }))]);
    await until(async () => ((await q.getProperties()).approximateMessagesCount ?? 0) === 0 && Object.values(await decisions('race-mixed')).reduce((a, b) => a + b, 0) === 40);
    const http = byStatus(answers.filter((a) => a.status !== 0));
    const runs = await runsOf('race-mixed');
    assert.equal(runs.length, 1);
    assert.equal(orchestrations('race-mixed').length, 1);
    const log = await decisions('race-mixed');
    assert.deepEqual(log, { started: 1, concurrency: 39 });
    assert.equal((http[202] ?? 0) + (http[409] ?? 0), 20);
  });
});
