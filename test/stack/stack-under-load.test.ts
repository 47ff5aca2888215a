import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../devhost/emulators/free-port.js';
import { airflowToken, setPortPicker, startStack, trainingDagId, type Stack } from '../../stack/index.js';

/*
 * The local stack under the two faults a busy machine brings. Port races: another process takes the port the stack
 * just picked, before the service binds it (here the test itself, on the first port picked for every service); each
 * service must still come up, on another port. A burst: 20 pipelines starting in the same minute, i.e. 20 dag runs
 * of the shipped DAG triggered at once through the REST API as the app does; all must end, with Airflow's scheduler,
 * triggerer and DAG processor healthy throughout and no "database is locked" anywhere in its logs. The runs take the
 * DAG's cheapest path (the image digest is not in the registry, so `train` fails at the pull), which still puts four
 * task instances per run through the scheduler and the metadata database.
 */
const burst = 20;
let dir: string;
let stack: Stack;
const grabbed = new Map<string, { port: number; server: Server }>();

async function grab(port: number): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return server;
}

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlcycle-stack-load-'));
  setPortPicker(async (service) => {
    const port = await freePort();
    if (!grabbed.has(service)) grabbed.set(service, { port, server: await grab(port) });
    return port;
  });
  stack = await startStack({ stateDir: join(dir, 'stack') });
});

after(async () => {
  await stack?.stop();
  setPortPicker(undefined);
  for (const { server } of grabbed.values()) await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

const portOf = (url: string) => Number(new URL(url).port);

async function api(path: string, init: RequestInit = {}): Promise<Response> {
  const af = stack.airflow!;
  const token = await airflowToken(af.url, af.username, af.password);
  return fetch(`${af.url}/api/v2${path}`, { ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers } });
}

function conf(runId: string) {
  return {
    runId,
    pipelineId: `burst-${runId}`,
    commit: 'a'.repeat(40),
    mlflow: { experimentName: 'burst' },
    image: `${stack.registry.host}/training/absent@sha256:${'0'.repeat(64)}`,
    data: { remoteUrl: 's3://mlcycle-dvc/burst', files: { 'data.dvc': 'outs:\n- md5: 0123456789abcdef0123456789abcdef.dir\n  path: data\n' } },
  };
}

function filesUnder(path: string): string[] {
  return readdirSync(path).flatMap((n) => {
    const p = join(path, n);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('local stack under load', () => {
  it('starts every server on another port when the one it picked was taken before the bind', () => {
    assert.deepEqual([...grabbed.keys()].filter((s) => !s.startsWith('airflow-')).sort(), ['airflow', 'minio', 'mlflow', 'postgres', 'registry']);
    const ports: Record<string, number> = {
      minio: portOf(stack.s3.url),
      registry: portOf(stack.registry.url),
      mlflow: portOf(stack.mlflow.url),
      postgres: stack.postgres!.port,
      airflow: portOf(stack.airflow!.url),
    };
    for (const [service, port] of Object.entries(ports)) {
      assert.notEqual(port, grabbed.get(service)!.port, `${service} runs on the port the test took`);
      assert.ok(grabbed.get(service)!.server.listening, `the test still holds the port it took from ${service}`);
    }
  });

  it(`ends ${burst} dag runs triggered at once, with healthy components throughout and no locked database`, async () => {
    const t0 = Date.now();
    const ids = Array.from({ length: burst }, (_, i) => `burst-${i + 1}`);
    const triggers = await Promise.all(ids.map((id) =>
      api(`/dags/${trainingDagId}/dagRuns`, { method: 'POST', body: JSON.stringify({ dag_run_id: `mlcycle__${id}`, logical_date: null, conf: conf(id) }) }),
    ));
    assert.deepEqual(triggers.map((r) => r.status), ids.map(() => 200));
    const unhealthy: string[] = [];
    const states = new Map<string, string>();
    while (states.size < burst) {
      const health = (await (await fetch(`${stack.airflow!.url}/api/v2/monitor/health`)).json()) as Record<string, { status: string | null } | null>;
      for (const c of ['metadatabase', 'scheduler', 'dag_processor', 'triggerer']) {
        if (health[c]?.status !== 'healthy') unhealthy.push(`${c} ${health[c]?.status ?? 'missing'} after ${Math.round((Date.now() - t0) / 1000)} s`);
      }
      const list = (await (await api(`/dags/${trainingDagId}/dagRuns?limit=100`)).json()) as { dag_runs: { dag_run_id: string; state: string }[] };
      for (const run of list.dag_runs) if (run.state === 'success' || run.state === 'failed') states.set(run.dag_run_id, run.state);
      if (states.size < burst) await sleep(2_000);
    }
    console.log(`${burst} dag runs ended ${Math.round((Date.now() - t0) / 1000)} s after the burst`);
    assert.deepEqual(unhealthy, []);
    // The image is absent from the registry, so every run fails in `train`, as the cheapest path does.
    assert.deepEqual([...new Set(states.values())], ['failed']);
    const logs = [stack.airflow!.logFile, stack.postgres!.logFile, ...filesUnder(join(stack.airflow!.home, 'logs'))];
    for (const file of logs) {
      const text = readFileSync(file, 'utf8');
      assert.doesNotMatch(text, /database is locked/i, file);
      assert.ok(!text.includes(stack.postgres!.password), `${file} holds the database password`);
    }
  });
});
