import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { QueueServiceClient } from '@azure/storage-queue';
import { eventually, startAppHost, type AppHost } from '../support/app-host.js';
import { metricAlert } from '../support/azure-monitor-alerts.js';

/*
 * Drift and alert signals on the dev host (real app, Cosmos server, Azurite, durable engine): the signals route, the
 * Azure Monitor webhook and signal messages on the run-requests queue; what each refuses and records; and a burst of
 * 100 signals through the route and the queue together giving one run. Cool-down expiry is in test/unit/signals.test.ts
 * (the app's clock is the wall clock here).
 */
const secret = 'azure-monitor-hook-secret-0123456789';
const hostLog: string[] = [];
let app: AppHost;
let queues: QueueServiceClient;
const example = JSON.parse(readFileSync(new URL('../../examples/pipeline.json', import.meta.url), 'utf8')) as Record<string, unknown>;
const pipeline = (signals?: object) =>
  JSON.stringify({
    ...example,
    source: { kind: 'localGit', path: '.mlcycle/no-such-repo', branch: 'main' },
    retrainOn: { ...(signals ? { signals } : {}) },
  });

/** Everything the app writes to stdout and stderr (its logger's lines), kept to look for the secret. */
const appOutput: string[] = [];
const tee = (stream: NodeJS.WriteStream) => {
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => (appOutput.push(String(chunk)), write(chunk, ...rest)));
};
tee(process.stdout);
tee(process.stderr);

before(async () => {
  app = await startAppHost({ env: { AZURE_MONITOR_WEBHOOK_SECRET: secret, LOG_LEVEL: 'debug' }, log: (level, category, message) => hostLog.push(`${level} ${category} ${message}`) });
  queues = QueueServiceClient.fromConnectionString(app.env.AzureWebJobsStorage!);
  for (const [id, body] of [['churn', pipeline({ minSeverity: 'warning', coolDown: 'PT6H' })], ['burst', pipeline({ minSeverity: 'warning', coolDown: 'PT1M' })], ['quiet', pipeline()]] as const) {
    const res = await app.call(`/api/pipelines/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body });
    assert.equal(res.status, 201, await res.text());
  }
});
after(async () => app.stop());

type Outcome = { decision: string; runId?: string; record: { id: string; decision: string; detail?: string; runId?: string } };
type Record_ = { id: string; source: string; decision: string; detail?: string; runId?: string };
const signal = (pipelineId: string, body: unknown, init: { key?: string | null } = {}) =>
  app.call(`/api/pipelines/${pipelineId}/signals`, { method: 'POST', ...init, headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const alert = (body: unknown, opts: { query?: string; headers?: Record<string, string> } = { query: `?secret=${secret}` }) =>
  app.call(`/api/hooks/azure-monitor${opts.query ?? ''}`, { method: 'POST', key: null, headers: { 'content-type': 'application/json', ...opts.headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });
const send = (value: unknown) => queues.getQueueClient('run-requests').sendMessage(Buffer.from(JSON.stringify(value)).toString('base64'));

async function triggers(pipelineId: string): Promise<Record_[]> {
  const out: Record_[] = [];
  for (let path: string | undefined = `/api/pipelines/${pipelineId}/triggers?limit=100`; path; ) {
    const res = await app.call(path);
    assert.equal(res.status, 200);
    const page = (await res.json()) as { items: Record_[]; nextLink?: string };
    out.push(...page.items);
    path = page.nextLink;
  }
  return out;
}
async function runsOf(pipelineId: string): Promise<{ id: string; trigger: { kind: string } }[]> {
  return ((await (await app.call(`/api/pipelines/${pipelineId}/runs?limit=100`)).json()) as { items: { id: string; trigger: { kind: string } }[] }).items;
}
const until = <T>(check: () => Promise<T | undefined>, ms = 30_000): Promise<T> => eventually(app, check, ms);
const fieldsOf = async (res: Response) => ((await res.json()) as { code: string; errors?: { field: string }[] }).errors?.map((e) => e.field) ?? [];

describe('POST /api/pipelines/{id}/signals', () => {
  it('starts a run for the first signal, records the next as cooldown, and a pipeline without a rule as skipped', async () => {
    const first = await signal('churn', { source: 'evidently', kind: 'drift', severity: 'error', signalId: 'psi-1', metrics: { psi: 0.31 } });
    assert.equal(first.status, 202);
    const started = (await first.json()) as Outcome;
    assert.equal(started.decision, 'started');
    assert.ok(started.runId);
    const next = (await (await signal('churn', { source: 'evidently', kind: 'drift', severity: 'critical' })).json()) as Outcome;
    assert.deepEqual([next.decision, next.runId], ['cooldown', started.runId]);
    const again = (await (await signal('churn', { source: 'evidently', kind: 'drift', severity: 'error', signalId: 'psi-1' })).json()) as Outcome;
    assert.deepEqual([again.decision, again.runId], ['deduplicated', started.runId]);
    const skipped = (await (await signal('quiet', { source: 'evidently', kind: 'drift', severity: 'critical' })).json()) as Outcome;
    assert.equal(skipped.decision, 'skipped');
    assert.match(skipped.record.detail ?? '', /no retrainOn\.signals rule/);
    const log = await triggers('churn');
    assert.ok(log.some((r) => r.decision === 'started' && r.runId === started.runId && /drift signal from evidently, severity error/.test(r.detail ?? '')));
    assert.equal((await runsOf('churn')).filter((r) => r.trigger.kind === 'signal').length, 1);
  });

  it('refuses a malformed signal with 400 naming the fields (recorded as rejected), an unknown pipeline with 404, no key with 401', async () => {
    const bad = await signal('churn', { source: '', kind: 'Drift', severity: 'sev1' });
    assert.equal(bad.status, 400);
    assert.equal(bad.headers.get('content-type'), 'application/problem+json');
    assert.deepEqual((await fieldsOf(bad)).sort(), ['kind', 'severity', 'source']);
    assert.ok((await triggers('churn')).some((r) => r.decision === 'rejected' && /severity/.test(r.detail ?? '')));
    assert.equal((await signal('churn', '{"source": ')).status, 400);
    assert.equal((await signal('ghost', { source: 'm', kind: 'drift', severity: 'error' })).status, 404);
    assert.equal((await signal('ghost', { kind: 'drift' })).status, 404);
    assert.equal((await signal('churn', { source: 'm', kind: 'drift', severity: 'error' }, { key: null })).status, 401);
  });
});

describe('POST /api/hooks/azure-monitor', () => {
  it('refuses a missing or wrong secret with 401 and records nothing', async () => {
    const before = (await triggers('churn')).length;
    for (const opts of [{}, { query: '?secret=wrong-secret-0123456789' }, { headers: { 'x-mlcycle-webhook-secret': 'nope' } }, { headers: { 'x-functions-key': 'test-function-key' } }]) {
      const res = await alert(metricAlert(), opts);
      assert.equal(res.status, 401, JSON.stringify(opts));
      assert.equal(((await res.json()) as { code: string }).code, 'UNAUTHENTICATED');
    }
    assert.equal((await triggers('churn')).length, before);
  });

  it('maps a fired alert to an alert signal under the rule (secret in the query or the header); a resolution is ignored', async () => {
    const fired = await alert(metricAlert({ alertId: 'a-1', severity: 'Sev1' }));
    assert.equal(fired.status, 202);
    const outcome = (await fired.json()) as Outcome;
    assert.equal(outcome.decision, 'cooldown', 'the run an earlier signal started holds the cool-down');
    assert.match(outcome.record.detail ?? '', /^alert signal from azure-monitor\/churn-psi-drift, severity error, id \/subscriptions\/.+\/alerts\/a-1:Fired, metrics psi=0\.31; within the cool-down/);
    const resolved = await alert(metricAlert({ alertId: 'a-1', condition: 'Resolved' }), { headers: { 'x-mlcycle-webhook-secret': secret } });
    assert.equal(((await resolved.json()) as Outcome).decision, 'ignored');
    const log = await triggers('churn');
    assert.ok(log.some((r) => r.source === 'alert' && r.decision === 'ignored'));
  });

  it('refuses an alert naming no pipeline, an unknown pipeline, and a malformed alert (recorded as rejected), never logging the secret', async () => {
    const none = await alert(metricAlert({ pipeline: null }));
    assert.equal(none.status, 400);
    assert.deepEqual(await fieldsOf(none), ['data.customProperties.mlcyclePipeline']);
    assert.equal((await alert(metricAlert({ pipeline: 'ghost' }))).status, 404);
    const malformed = metricAlert({ severity: 'Sev9' });
    delete ((malformed.data as Record<string, Record<string, unknown>>).essentials!).alertId;
    const bad = await alert(malformed);
    assert.equal(bad.status, 400);
    assert.deepEqual((await fieldsOf(bad)).sort(), ['data.essentials.alertId', 'data.essentials.severity']);
    assert.ok((await triggers('churn')).some((r) => r.source === 'alert' && r.decision === 'rejected' && /data\.essentials\.severity/.test(r.detail ?? '')));
    assert.equal((await alert('{"schemaId": ')).status, 400);
    assert.equal((await alert({ ...metricAlert(), padding: 'x'.repeat(2 * 1024 * 1024) })).status, 413);
    const everything = JSON.stringify(await triggers('churn')) + hostLog.join('\n') + appOutput.join('');
    assert.ok(!everything.includes(secret), 'the secret appears in no record, no host log line and no app log line');
  });
});

describe('signal messages on the run-requests queue', () => {
  it('sends a malformed signal to the poison queue with its reason, and records it as rejected', async () => {
    await send({ pipelineId: 'quiet', signal: { source: 'm', kind: 'drift', severity: 'loud' } });
    const poison = queues.getQueueClient('run-requests-poison');
    const entry = await until(async () => {
      if (!(await poison.exists())) return undefined;
      const { peekedMessageItems } = await poison.peekMessages({ numberOfMessages: 32 });
      return peekedMessageItems.map((m) => JSON.parse(Buffer.from(m.messageText, 'base64').toString('utf8')) as { reason: string; issues: { field: string }[] }).find((p) => /not a valid signal/.test(p.reason));
    });
    assert.deepEqual(entry.issues.map((i) => i.field), ['signal.severity']);
    await until(async () => ((await triggers('quiet')).some((r) => r.decision === 'rejected') ? true : undefined));
  });

  it('a burst of 100 signals through the route and the queue together gives exactly one run and 100 records', async () => {
    const body = (i: number) => ({ source: `monitor-${i % 7}`, kind: i % 2 ? 'drift' : 'performance', severity: 'critical', signalId: `burst-${i % 80}` });
    await Promise.all(Array.from({ length: 50 }, (_, i) => send({ pipelineId: 'burst', signal: body(i) })));
    const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => signal('burst', body(50 + i)).then((r) => r.status)));
    assert.deepEqual([...new Set(answers)], [202]);
    const log = await until(async () => {
      const l = await triggers('burst');
      return l.length >= 100 ? l : undefined;
    }, 60_000);
    assert.equal(log.length, 100);
    assert.equal(log.filter((r) => r.decision === 'started').length, 1);
    assert.deepEqual(log.filter((r) => !['started', 'cooldown', 'deduplicated'].includes(r.decision)), []);
    const runs = await runsOf('burst');
    assert.equal(runs.length, 1);
    assert.ok(log.filter((r) => r.decision !== 'started').every((r) => r.runId === runs[0]!.id));
  });
});
