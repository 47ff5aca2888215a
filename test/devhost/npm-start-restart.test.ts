import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { appRoot } from '../support/app-host.js';
import { alive, descendants, startBuiltHost, type BuiltHost } from '../support/built-host.js';

/*
 * `npm start` keeps its state in one folder across restarts, kill -9 included: the pipelines and runs (local store),
 * the queues (Azurite on disk) and the Durable histories. A kill -9 leaves no emulator running, and `--reset` starts
 * from an empty folder.
 */
const stateDir = mkdtempSync(join(tmpdir(), 'mlcycle-restart-'));
const key = { 'x-functions-key': 'mlcycle-local-dev-key' };
const hosts: ChildProcess[] = [];
const unset = ['COSMOS_ENDPOINT', 'COSMOS_KEY', 'AzureWebJobsStorage', 'MLCYCLE_FUNCTION_KEY', 'MLCYCLE_MASTER_KEY', 'MLCYCLE_DURABLE_DIR', 'MLCYCLE_LOCAL_STORE_DIR'];

async function start(args: string[] = []): Promise<BuiltHost> {
  const host = await startBuiltHost({ set: { MLCYCLE_STATE_DIR: stateDir, LOG_LEVEL: 'error' }, unset, args });
  hosts.push(host.child);
  return host;
}


async function until<T>(check: () => Promise<T | undefined>, ms = 30_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

after(() => {
  for (const c of hosts) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  rmSync(stateDir, { recursive: true, force: true });
});

describe('npm start keeps local state across a kill -9', () => {
  let runId: string;
  let firstLifetime: number[];

  it('registers a pipeline and starts a run, then is killed with kill -9', async () => {
    const first = await start();
    const body = readFileSync(join(appRoot, 'examples/pipeline.json'), 'utf8');
    const put = await fetch(`${first.base}/api/pipelines/churn`, { method: 'PUT', headers: { ...key, 'content-type': 'application/json' }, body });
    assert.equal(put.status, 201);
    const started = await fetch(`${first.base}/api/pipelines/churn/runs`, { method: 'POST', headers: { ...key, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(started.status, 202);
    runId = ((await started.json()) as { runId: string }).runId;
    await until(async () => ((await fetch(`${first.base}/api/runs/${runId}`, { headers: key })).status === 200 ? true : undefined));
    firstLifetime = descendants(first.child.pid!);
    assert.ok(firstLifetime.length >= 1, 'Azurite runs as a child process');
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;
  });

  it('finds the pipeline and the run again after a restart over the same folder, and no process of the first lifetime', async () => {
    const second = await start();
    assert.equal((await fetch(`${second.base}/api/pipelines/churn`, { headers: key })).status, 200);
    const run = await fetch(`${second.base}/api/runs/${runId}`, { headers: key });
    assert.equal(run.status, 200);
    assert.deepEqual(firstLifetime.filter(alive), [], 'no emulator of the killed host is left running');
    const exited = new Promise((resolve) => second.child.once('exit', resolve));
    second.child.kill('SIGTERM');
    await exited;
  });

  it('starts clean with --reset', async () => {
    const third = await start(['--reset']);
    const list = (await (await fetch(`${third.base}/api/pipelines`, { headers: key })).json()) as { items: unknown[] };
    assert.deepEqual(list.items, []);
    assert.equal((await fetch(`${third.base}/api/runs/${runId}`, { headers: key })).status, 404);
    third.child.kill('SIGTERM');
  });
});
