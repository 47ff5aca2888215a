import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { airflowToken, dagsFolder, ensureVenvs, startAirflow, trainingDagId, type AirflowEndpoint } from '../../stack/index.js';
import { AirflowScheduler, type AirflowSchedulerOptions } from '../../shared/adapters/airflow/airflow-scheduler.js';
import { toDagConf } from '../../shared/adapters/airflow/dag-conf.js';
import { logTail, logText, raisedException } from '../../shared/adapters/airflow/log-tail.js';
import { AppError } from '../../shared/domain/errors.js';
import type { DagRunState } from '../../shared/ports/external-systems.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';

/*
 * The Airflow scheduler adapter against a real Airflow 3 (standalone, LocalExecutor on PostgreSQL). Besides the shipped
 * training DAG, the DAG folder holds small DAGs that succeed, fail with a log, sleep, or start paused, so each
 * behaviour is quick to reach. A fault-injecting proxy in front of the API server supplies 503s and 401s.
 */

const testDags = `
import time
from datetime import datetime
from airflow.sdk import DAG, task

def build(dag_id, fn, paused=False):
    with DAG(dag_id, schedule=None, catchup=False, start_date=datetime(2026, 1, 1), is_paused_upon_creation=paused, default_args={"retries": 0}) as dag:
        task(task_id=fn.__name__)(fn)()
    return dag

def succeed():
    print("all good")

def boom():
    for i in range(40):
        print(f"training line {i}")
    raise RuntimeError("the training blew up: bad data")

def slow():
    time.sleep(900)

ok = build("adapter_ok", succeed)
fail = build("adapter_fail", boom)
sleepy = build("adapter_slow", slow)
paused = build("adapter_paused", succeed, paused=True)
`;

let dir: string;
let airflow: AirflowEndpoint;
let proxy: FaultProxy;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlcycle-airflow-'));
  const dags = join(dir, 'dags');
  cpSync(dagsFolder(), dags, { recursive: true, filter: (src) => !src.includes('__pycache__') });
  writeFileSync(join(dags, 'adapter_dags.py'), testDags);
  airflow = await startAirflow({
    stateDir: join(dir, 'airflow'),
    dagsFolder: dags,
    waitForDags: [trainingDagId, 'adapter_ok', 'adapter_fail', 'adapter_slow', 'adapter_paused'],
    venvs: await ensureVenvs(),
  });
  proxy = await startFaultProxy(airflow.url);
});
after(async () => {
  await proxy?.close();
  await airflow?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const fast = { retries: 5, minDelayMs: 50, maxDelayMs: 200 };
function scheduler(over: Partial<AirflowSchedulerOptions> = {}): AirflowScheduler {
  // A short settle window: the slow DAG's only task runs for minutes, and each poll of it would wait that long.
  return new AirflowScheduler({ baseUrl: proxy.url, apiVersion: 3, credentials: { username: airflow.username, password: airflow.password }, http: { retry: fast }, settleMs: 1_000, ...over });
}

async function api(path: string): Promise<Response> {
  const token = await airflowToken(airflow.url, airflow.username, airflow.password);
  return fetch(`${airflow.url}/api/v2${path}`, { headers: { authorization: `Bearer ${token}` } });
}

async function until(s: AirflowScheduler, dagId: string, dagRunId: string, states: DagRunState[]) {
  for (;;) {
    const r = await s.getRun(dagId, dagRunId);
    if (states.includes(r.state)) return r;
    await sleep(1_000);
  }
}

const conf = (runId: string, extra: Record<string, unknown> = {}) => ({ runId, commit: 'c'.repeat(40), ...extra });

describe('conf contract and log formatting', () => {
  it('adds the callback URL to the conf, keeping a pipeline-set one', () => {
    const conf = { runId: 'r1', pipelineId: 'churn', commit: 'a'.repeat(40), mlflow: { experimentName: 'churn' }, repoPath: '/repos/churn' };
    assert.deepEqual(toDagConf(conf, { callbackUrl: 'http://app/api/hooks/airflow' }), { ...conf, callbackUrl: 'http://app/api/hooks/airflow' });
    assert.equal(toDagConf({ ...conf, callbackUrl: 'http://other/hook' }, { callbackUrl: 'http://app/api/hooks/airflow' }).callbackUrl, 'http://other/hook');
    assert.deepEqual(toDagConf(conf), conf);
  });

  it('formats structured log events and keeps only the tail', () => {
    const text = logText({
      content: [
        { event: '::group::Log message source details' },
        { timestamp: '2026-01-01T00:00:00Z', level: 'info', event: 'hello' },
        { timestamp: '2026-01-01T00:00:01Z', level: 'error', event: 'Task failed with exception', error_detail: [{ exc_type: 'RuntimeError', exc_value: 'bad data', frames: [] }] },
        { event: '::endgroup::' },
        'plain',
        { event: { nested: true } },
      ],
    });
    assert.equal(raisedException({ content: [{ event: 'x', error_detail: [{ exc_type: 'RuntimeError', exc_value: 'bad data' }] }, { event: 'later' }] }), 'RuntimeError: bad data');
    assert.equal(text, 'INFO hello\nERROR Task failed with exception\n  RuntimeError: bad data\nplain\n{"nested":true}');
    const tail = logTail(Array.from({ length: 100 }, (_, i) => `line ${i}`).join('\n'), 3);
    assert.equal(tail, 'line 97\nline 98\nline 99');
    assert.ok(logTail('x'.repeat(10_000), 5, 100).length <= 100);
  });
});

describe('AirflowScheduler on Airflow 3', () => {
  it('triggers with our dag_run_id and follows the run to success, with a UI link', async () => {
    const s = scheduler();
    const started = await s.trigger({ dagId: 'adapter_ok', dagRunId: 'mlcycle__ok-1', conf: conf('ok-1') });
    assert.equal(started.dagRunId, 'mlcycle__ok-1');
    assert.ok(['queued', 'running'].includes(started.state));
    assert.equal(started.url, `${proxy.url}/dags/adapter_ok/runs/mlcycle__ok-1`);
    const done = await until(s, 'adapter_ok', 'mlcycle__ok-1', ['success', 'failed']);
    assert.equal(done.state, 'success');
    assert.equal(done.error, undefined);
  });

  it('on 409 accepts the existing run when it is ours, and creates no second run', async () => {
    const s = scheduler();
    const again = await s.trigger({ dagId: 'adapter_ok', dagRunId: 'mlcycle__ok-1', conf: conf('ok-1') });
    assert.equal(again.dagRunId, 'mlcycle__ok-1');
    assert.equal(again.state, 'success');
    const runs = (await (await api('/dags/adapter_ok/dagRuns')).json()) as { dag_runs: { dag_run_id: string }[] };
    assert.deepEqual(runs.dag_runs.map((r) => r.dag_run_id), ['mlcycle__ok-1']);
  });

  it('on 409 refuses a run with our id that another run (or commit) created', async () => {
    await assert.rejects(scheduler().trigger({ dagId: 'adapter_ok', dagRunId: 'mlcycle__ok-1', conf: conf('someone-else') }), (e: unknown) => e instanceof AppError && e.code === 'CONFLICT' && /not started by this mlcycle run/.test(e.message));
    await assert.rejects(scheduler().trigger({ dagId: 'adapter_ok', dagRunId: 'mlcycle__ok-1', conf: conf('ok-1', { commit: 'd'.repeat(40) }) }), (e: unknown) => e instanceof AppError && e.code === 'CONFLICT');
  });

  it('reports a failed run with the failed task and the tail of its log', async () => {
    const s = scheduler();
    await s.trigger({ dagId: 'adapter_fail', dagRunId: 'mlcycle__fail-1', conf: conf('fail-1') });
    const r = await until(s, 'adapter_fail', 'mlcycle__fail-1', ['success', 'failed']);
    assert.equal(r.state, 'failed');
    assert.match(r.error ?? '', /^Airflow dag run mlcycle__fail-1 failed: task 'boom' failed \(try 1\): RuntimeError: the training blew up: bad data\. Log tail:\n/);
    assert.match(r.error ?? '', /training line 39/);
    assert.doesNotMatch(r.error ?? '', /training line 0\b/);
  });

  it('lists the dag runs that ended since a moment, earliest end first, in one request (the reconciliation\'s call)', async () => {
    const s = scheduler();
    const from = proxy.seen.length;
    const ended = await s.listEnded({ dagIds: ['adapter_ok', 'adapter_fail', 'adapter_slow'], since: new Date(Date.now() - 3_600_000), limit: 100 });
    assert.deepEqual(ended.map((r) => [r.dagId, r.dagRunId, r.state]), [['adapter_ok', 'mlcycle__ok-1', 'success'], ['adapter_fail', 'mlcycle__fail-1', 'failed']]);
    assert.ok(ended.every((r) => Number.isFinite(Date.parse(r.endDate))));
    const calls = proxy.seen.slice(from).filter((r) => r.path.startsWith('/api/')).map((r) => `${r.method} ${r.path} ${r.status}`);
    assert.deepEqual(calls, ['POST /api/v2/dags/~/dagRuns/list 200']);
    const last = Date.parse(ended.at(-1)?.endDate ?? '');
    assert.deepEqual((await s.listEnded({ dagIds: ['adapter_ok', 'adapter_fail'], since: new Date(last + 1), limit: 100 })).length, 0, 'nothing ended after the last end');
    assert.deepEqual((await s.listEnded({ dagIds: ['adapter_ok'], since: new Date(0), limit: 1 })).map((r) => r.dagRunId), ['mlcycle__ok-1'], 'filtered by DAG, at most `limit`');
  });

  it('unpauses a paused DAG before triggering when configured', async () => {
    const paused = (await (await api('/dags/adapter_paused')).json()) as { is_paused: boolean };
    assert.equal(paused.is_paused, true);
    const s = scheduler({ unpauseDags: true });
    await s.trigger({ dagId: 'adapter_paused', dagRunId: 'mlcycle__paused-1', conf: conf('paused-1') });
    assert.equal(((await (await api('/dags/adapter_paused')).json()) as { is_paused: boolean }).is_paused, false);
    assert.equal((await until(s, 'adapter_paused', 'mlcycle__paused-1', ['success', 'failed'])).state, 'success');
  });

  it('marks a running run failed on cancel; leaves finished and absent runs alone', async () => {
    const s = scheduler();
    await s.trigger({ dagId: 'adapter_slow', dagRunId: 'mlcycle__slow-1', conf: conf('slow-1') });
    await until(s, 'adapter_slow', 'mlcycle__slow-1', ['running']);
    await s.markFailed('adapter_slow', 'mlcycle__slow-1');
    assert.equal((await s.getRun('adapter_slow', 'mlcycle__slow-1')).state, 'failed');
    await s.markFailed('adapter_slow', 'mlcycle__slow-1');
    await s.markFailed('adapter_ok', 'mlcycle__ok-1');
    assert.equal((await s.getRun('adapter_ok', 'mlcycle__ok-1')).state, 'success');
    await s.markFailed('adapter_ok', 'mlcycle__never');
  });

  it('the shipped training DAG accepts the conf the app sends (its Params would answer 400 otherwise)', async () => {
    const s = scheduler({ callbackUrl: 'http://127.0.0.1:9/api/hooks/airflow' });
    const appConf = {
      runId: 'ship-1', pipelineId: 'churn', commit: 'a'.repeat(40), dataVersion: 'f'.repeat(64), image: `mlcycle.azurecr.io/churn@sha256:${'a'.repeat(64)}`,
      data: { remoteUrl: 's3://mlcycle-dvc/churn', files: { 'data.dvc': 'outs:\n- md5: abc.dir\n  path: data\n' } },
      mlflow: { experimentName: 'churn' }, params: { C: '0.5' },
    };
    const started = await s.trigger({ dagId: trainingDagId, dagRunId: 'mlcycle__ship-1', conf: appConf });
    assert.ok(['queued', 'running'].includes(started.state));
    await s.markFailed(trainingDagId, 'mlcycle__ship-1');
    const run = (await (await api(`/dags/${trainingDagId}/dagRuns/mlcycle__ship-1`)).json()) as { conf: Record<string, unknown> };
    assert.equal(run.conf.runId, 'ship-1');
    assert.equal(run.conf.callbackUrl, 'http://127.0.0.1:9/api/hooks/airflow');
    // A conf that breaks the contract is refused up front, with Airflow's reason.
    await assert.rejects(s.trigger({ dagId: trainingDagId, dagRunId: 'mlcycle__ship-bad', conf: { runId: 'bad id!' } }), (e: unknown) => e instanceof AppError && e.code === 'PERMANENT' && /HTTP 400/.test(e.message));
  });

  it('names a DAG that does not exist', async () => {
    await assert.rejects(scheduler().trigger({ dagId: 'no_such_dag', dagRunId: 'mlcycle__x', conf: conf('x') }), (e: unknown) => e instanceof AppError && e.code === 'PERMANENT' && /has no DAG 'no_such_dag'/.test(e.message));
    await assert.rejects(scheduler().getRun('adapter_ok', 'mlcycle__never'), (e: unknown) => e instanceof AppError && e.code === 'PERMANENT');
  });

  it('rides out a burst of 503s on the way to triggering (fault proxy)', async () => {
    const s = scheduler();
    const from = proxy.seen.length;
    proxy.fail({ status: 503, times: 3, match: (r) => r.path.startsWith('/api/v2/') });
    const started = await s.trigger({ dagId: 'adapter_ok', dagRunId: 'mlcycle__ok-503', conf: conf('ok-503') });
    assert.equal(started.dagRunId, 'mlcycle__ok-503');
    const trail = proxy.seen.slice(from).filter((r) => r.path.startsWith('/api/v2/'));
    assert.deepEqual(trail.map((r) => r.status), [503, 503, 503, 200]);
  });

  it('gets a token once, reuses it, and renews it once after a 401', async () => {
    const s = scheduler();
    const from = proxy.seen.length;
    await s.getRun('adapter_ok', 'mlcycle__ok-1');
    await s.getRun('adapter_ok', 'mlcycle__ok-1');
    proxy.fail({ status: 401, times: 1, match: (r) => r.path.startsWith('/api/v2/'), body: '{"detail":"Invalid JWT"}' });
    await s.getRun('adapter_ok', 'mlcycle__ok-1');
    const calls = proxy.seen.slice(from).map((r) => `${r.method} ${r.path.split('?')[0]} ${r.status}`);
    assert.deepEqual(calls, [
      'POST /auth/token 201',
      'GET /api/v2/dags/adapter_ok/dagRuns/mlcycle__ok-1 200',
      'GET /api/v2/dags/adapter_ok/dagRuns/mlcycle__ok-1 200',
      'GET /api/v2/dags/adapter_ok/dagRuns/mlcycle__ok-1 401',
      'POST /auth/token 201',
      'GET /api/v2/dags/adapter_ok/dagRuns/mlcycle__ok-1 200',
    ]);
  });

  it('refuses wrong credentials without echoing the password', async () => {
    const password = 'wrong-password-do-not-echo';
    await assert.rejects(scheduler({ credentials: { username: 'admin', password } }).getRun('adapter_ok', 'mlcycle__ok-1'), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, 'PERMANENT');
      assert.match(e.message, /Airflow refused the credentials of user 'admin' \(HTTP 401\)/);
      assert.doesNotMatch(JSON.stringify(e.toJSON()), new RegExp(password));
      return true;
    });
  });
});
