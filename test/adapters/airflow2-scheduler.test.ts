import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { AirflowScheduler } from '../../shared/adapters/airflow/airflow-scheduler.js';
import { AppError } from '../../shared/domain/errors.js';
import { startAirflow2Fake, type Airflow2Fake } from '../fakes/airflow2-fake.js';

/** The scheduler adapter in Airflow 2 mode (`/api/v1`, basic auth) against the faithful Airflow 2 fake. */
let fake: Airflow2Fake;
const password = 'airflow2-password-not-for-messages';

before(async () => {
  fake = await startAirflow2Fake({ dags: { train: { is_paused: true }, other: { is_paused: false } }, username: 'mlcycle', password });
});
after(() => fake.close());

const scheduler = (over: { password?: string; unpauseDags?: boolean } = {}) =>
  new AirflowScheduler({ baseUrl: fake.url, apiVersion: 2, credentials: { username: 'mlcycle', password: over.password ?? password }, unpauseDags: over.unpauseDags ?? false, http: { retry: { retries: 1, minDelayMs: 1, maxDelayMs: 2 } } });
const conf = (runId: string) => ({ runId, commit: 'a'.repeat(40) });

describe('AirflowScheduler on Airflow 2 (/api/v1, basic auth)', () => {
  it('triggers under /api/v1 with basic auth, an explicit logical date and no read-only state, and links the grid view', async () => {
    const from = fake.requests.length;
    const started = await scheduler().trigger({ dagId: 'other', dagRunId: 'mlcycle__r1', conf: conf('r1') });
    assert.deepEqual(started, { dagRunId: 'mlcycle__r1', state: 'queued', url: `${fake.url}/dags/other/grid?dag_run_id=mlcycle__r1` });
    const [post] = fake.requests.slice(from);
    assert.equal(post?.method, 'POST');
    assert.equal(post?.path, '/api/v1/dags/other/dagRuns');
    assert.equal(post?.authorized, true);
    const body = post?.body as Record<string, unknown>;
    assert.match(String(body.logical_date), /^\d{4}-\d\d-\d\dT/);
    assert.ok(!('state' in body));
    assert.equal((body.conf as Record<string, unknown>).runId, 'r1');
  });

  it('finds its own run on a retried trigger (409 → GET) and creates no second one', async () => {
    const created = fake.counters.runsCreated;
    const again = await scheduler().trigger({ dagId: 'other', dagRunId: 'mlcycle__r1', conf: conf('r1') });
    assert.equal(again.dagRunId, 'mlcycle__r1');
    assert.equal(fake.counters.runsCreated, created);
  });

  it('calls a 409 without a run of that id a logical-date collision, not success', async () => {
    const existing = [...fake.runs.values()].find((r) => r.dag_run_id === 'mlcycle__r1');
    assert.ok(existing);
    // The next trigger lands on the existing run's logical date, as two triggers in the same instant would.
    const s = new AirflowScheduler({ baseUrl: fake.url, apiVersion: 2, credentials: { username: 'mlcycle', password }, now: () => new Date(existing.logical_date) });
    await assert.rejects(s.trigger({ dagId: 'other', dagRunId: 'mlcycle__r2', conf: conf('r2') }), (e: unknown) => e instanceof AppError && e.code === 'PERMANENT' && /same logical date/.test(e.message));
  });

  it('unpauses the DAG with update_mask=is_paused when configured, once', async () => {
    const s = scheduler({ unpauseDags: true });
    await s.trigger({ dagId: 'train', dagRunId: 'mlcycle__r3', conf: conf('r3') });
    await s.trigger({ dagId: 'train', dagRunId: 'mlcycle__r4', conf: conf('r4') });
    assert.equal(fake.dags.get('train')?.is_paused, false);
    const patches = fake.requests.filter((r) => r.method === 'PATCH' && r.path === '/api/v1/dags/train');
    assert.equal(patches.length, 1);
    assert.equal(patches[0]?.query, '?update_mask=is_paused');
  });

  it('maps states and explains a failure with the failed task and its plain-text log tail', async () => {
    const s = scheduler();
    assert.equal((await s.getRun('train', 'mlcycle__r3')).state, 'queued');
    fake.setRun('mlcycle__r3', 'running');
    assert.equal((await s.getRun('train', 'mlcycle__r3')).state, 'running');
    fake.setRun('mlcycle__r3', 'failed', [
      { task_id: 'validate_conf', state: 'success', try_number: 1, log: 'ok' },
      { task_id: 'train', state: 'failed', try_number: 2, log: `${Array.from({ length: 50 }, (_, i) => `step ${i}`).join('\n')}\nValueError: bad column`, end_date: '2026-01-01T00:00:02Z' },
      { task_id: 'notify_success', state: 'upstream_failed', try_number: 0, log: '' },
    ]);
    const r = await s.getRun('train', 'mlcycle__r3');
    assert.equal(r.state, 'failed');
    assert.match(r.error ?? '', /^Airflow dag run mlcycle__r3 failed: task 'train' failed \(try 2\)\. Log tail:\n/);
    assert.match(r.error ?? '', /step 49\nValueError: bad column$/);
    assert.doesNotMatch(r.error ?? '', /step 1\n/);
    const logCall = fake.requests.filter((q) => q.path.endsWith('/logs/2')).pop();
    assert.equal(logCall?.accept, 'text/plain');
  });

  it('waits briefly for the final state once every task has started (the DAG calls back from its last task)', async () => {
    await scheduler().trigger({ dagId: 'other', dagRunId: 'mlcycle__race', conf: conf('race') });
    const tasks = (notify: string | null) => [
      { task_id: 'train', state: 'success', try_number: 1, log: '' },
      { task_id: 'notify_success', state: notify, try_number: 1, log: '' },
      { task_id: 'notify_failure', state: 'skipped', try_number: 0, log: '' },
    ];
    fake.setRun('mlcycle__race', 'running', tasks(null));
    const sleeps: number[] = [];
    const s = new AirflowScheduler({ baseUrl: fake.url, apiVersion: 2, credentials: { username: 'mlcycle', password }, sleep: async (ms) => void sleeps.push(ms) });
    // A task still waiting to start: "running" at once, no waiting.
    assert.equal((await s.getRun('other', 'mlcycle__race')).state, 'running');
    assert.equal(sleeps.length, 0);
    // The callback's moment: the last task runs; the scheduler marks the run finished shortly after.
    const waits: number[] = [];
    fake.setRun('mlcycle__race', 'running', tasks('running'));
    const flipping = new AirflowScheduler({
      baseUrl: fake.url,
      apiVersion: 2,
      credentials: { username: 'mlcycle', password },
      sleep: async (ms) => {
        waits.push(ms);
        if (waits.length === 2) fake.setRun('mlcycle__race', 'success', tasks('success'));
      },
    });
    assert.equal((await flipping.getRun('other', 'mlcycle__race')).state, 'success');
    assert.deepEqual(waits, [100, 100], 'read every 100 ms while the dag run settles');
  });

  it('marks a running run failed, and leaves finished or absent runs alone', async () => {
    const s = scheduler();
    fake.setRun('mlcycle__r4', 'running');
    await s.markFailed('train', 'mlcycle__r4');
    assert.equal(fake.runs.get(`train\u0000mlcycle__r4`)?.state, 'failed');
    fake.setRun('mlcycle__r1', 'success');
    const patches = fake.requests.filter((q) => q.method === 'PATCH').length;
    await s.markFailed('other', 'mlcycle__r1');
    await s.markFailed('other', 'mlcycle__absent');
    assert.equal(fake.requests.filter((q) => q.method === 'PATCH').length, patches);
    assert.equal(fake.runs.get(`other\u0000mlcycle__r1`)?.state, 'success');
  });

  it('lists the dag runs that ended since a moment, earliest end first, in one request to /dags/~/dagRuns/list', async () => {
    const s = scheduler();
    const since = new Date(Date.now() - 1000);
    for (const id of ['e1', 'e2', 'e3']) await s.trigger({ dagId: 'other', dagRunId: `mlcycle__${id}`, conf: conf(id) });
    fake.setRun('mlcycle__e2', 'failed');
    await new Promise((r) => setTimeout(r, 5));
    fake.setRun('mlcycle__e1', 'success');
    fake.setRun('mlcycle__e3', 'running');
    const from = fake.requests.length;
    const ended = await s.listEnded({ dagIds: ['other'], since, limit: 50 });
    // Earlier tests' runs of the same fake may have ended within the window too.
    const ours = ended.filter((r) => /^mlcycle__e\d$/.test(r.dagRunId));
    assert.deepEqual(ours.map((r) => [r.dagId, r.dagRunId, r.state]), [['other', 'mlcycle__e2', 'failed'], ['other', 'mlcycle__e1', 'success']]);
    assert.ok(ended.every((r, i) => Date.parse(r.endDate) >= since.getTime() && r.endDate >= (ended[i - 1]?.endDate ?? '')));
    const requests = fake.requests.slice(from);
    assert.deepEqual(requests.map((q) => `${q.method} ${q.path}`), ['POST /api/v1/dags/~/dagRuns/list']);
    assert.deepEqual(requests[0]?.body, { dag_ids: ['other'], states: ['success', 'failed'], end_date_gte: since.toISOString(), order_by: 'end_date', page_limit: 50 });
    assert.deepEqual(await s.listEnded({ dagIds: ['other'], since: new Date(Date.now() + 60_000), limit: 50 }), [], 'nothing ended after a later moment');
  });

  it('reports problem+json errors readably, and a wrong password without echoing it', async () => {
    await assert.rejects(scheduler().trigger({ dagId: 'nope', dagRunId: 'mlcycle__x', conf: conf('x') }), (e: unknown) => e instanceof AppError && e.code === 'PERMANENT' && /has no DAG 'nope'.*DAG not found: DAG with dag_id: 'nope' not found/.test(e.message));
    await assert.rejects(scheduler({ password: 'wrong-one' }).getRun('train', 'mlcycle__r3'), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, 'PERMANENT');
      assert.match(e.message, /HTTP 401/);
      assert.doesNotMatch(JSON.stringify(e.toJSON()), /wrong-one|airflow2-password/);
      return true;
    });
    assert.equal(fake.requests.filter((r) => !r.authorized).length, 1);
  });
});
