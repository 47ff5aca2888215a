import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { appRoot } from '../support/app-host.js';
import { alive, descendants, startBuiltHost } from '../support/built-host.js';

/*
 * What a newcomer runs: the compiled app on the dev host with an embedded Azurite and the local store, the documented
 * dev key, and a clean stop on SIGTERM that leaves no process behind.
 */
let child: ChildProcess;
let base: string;
let output: () => string;


before(async () => {
  const host = await startBuiltHost({ unset: ['COSMOS_ENDPOINT', 'COSMOS_KEY', 'AzureWebJobsStorage', 'MLCYCLE_FUNCTION_KEY'] });
  ({ child, base } = host);
  output = host.output;
});
after(() => {
  if (child.exitCode === null) child.kill('SIGKILL');
});

describe('npm start (the compiled app on the dev host)', () => {
  it('prints the routes it serves, like func start', () => {
    assert.match(output(), /Functions:/);
    assert.match(output(), /pipelines-put: \[PUT\] http:\/\/127\.0\.0\.1:\d+\/api\/pipelines\/\{id\}/);
    assert.match(output(), /health: \[GET\]/);
  });

  it('serves the API on embedded defaults with the documented dev key', async () => {
    assert.equal((await fetch(`${base}/api/health`)).status, 200);
    const body = readFileSync(join(appRoot, 'examples/pipeline.json'), 'utf8');
    const put = await fetch(`${base}/api/pipelines/churn`, { method: 'PUT', headers: { 'content-type': 'application/json', 'x-functions-key': 'mlcycle-local-dev-key' }, body });
    assert.equal(put.status, 201);
    assert.equal((await fetch(`${base}/api/pipelines/churn`)).status, 401);
  });

  it('stops every process it started on SIGTERM', async () => {
    const started = descendants(child.pid!);
    assert.ok(started.length >= 1, 'Azurite runs as a child process (the records are in the local store, no Cosmos server)');
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    assert.equal(await exited, 0);
    await new Promise((r) => setTimeout(r, 300));
    assert.deepEqual(started.filter(alive), [], 'no orphan process is left');
  });
});
