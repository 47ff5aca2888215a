import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { ensureVenv, processDescendants, startJupyterHub, type JupyterHubEndpoint } from '../../stack/index.js';
import { runCapture } from '../../stack/run-command.js';
import { isAlive } from '../../stack/process-tree.js';
import { dashboardKeys, startDashboardWorld, type DashboardWorld } from '../support/dashboard-world.js';

/*
 * JupyterHub in the local stack, end to end: the real hub, configurable-http-proxy and a single-user server from the
 * client venv, pointed at the real app on a dev host (fakes behind it, no ML stack). Through the Hub REST API with
 * the service token the test starts the user's server, starts a kernel in it, and runs the Python client inside that
 * kernel (over the kernel's websocket channels, `kernel_exec.py`): `mlcycle.Client()` reads the app's URL and key
 * from the kernel's environment, and the run it starts must finish, recorded as started over HTTP.
 */

const pipelineId = 'hub-smoke';
const helper = join(import.meta.dirname, 'kernel_exec.py');
let dir: string;
let world: DashboardWorld | undefined;
let hub: JupyterHubEndpoint | undefined;
let hubMs = 0;
const hubLog: string[] = [];

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mlcycle-hub-'));
  // Built (or found in the cache) before the clock starts: the numbers below are the hub's, not pip's.
  await ensureVenv('jupyter');
  world = await startDashboardWorld({ trainingMs: 500 });
  await world.pipeline(pipelineId);
  const t0 = Date.now();
  hub = await startJupyterHub({ stateDir: join(dir, 'hub'), app: { url: world.baseUrl, key: dashboardKeys.functionKey }, log: (line) => hubLog.push(line) });
  hubMs = Date.now() - t0;
});

after(async () => {
  await hub?.stop();
  await world?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A Hub (or single-user server) REST call with the service's token. */
function hubApi(path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set('authorization', `token ${hub!.apiToken}`);
  return fetch(`${hub!.url}${path}`, { signal: AbortSignal.timeout(60_000), ...init, headers });
}

const serverSchema = (body: unknown) => (body as { servers?: Record<string, { ready?: boolean; url?: string }> }).servers?.[''];

/** One request as a browser's navigation makes it: no `Sec-Fetch-Mode` (fetch always sends `cors`), no redirects followed. */
function navigate(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<{ status: number; setCookies: string[]; text: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers ?? {}, timeout: 60_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, setCookies: res.headers['set-cookie'] ?? [], text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`no answer from ${url} within 60 s`)));
    req.on('error', reject);
    req.end(init.body);
  });
}

/**
 * Sign in on the hub's login form as a browser does: the login page, a navigation, sets the _xsrf cookie, and the
 * POST sends it back with the form's _xsrf field. (A fetch gets no cookie, being `cors`; the hub then signs a fresh
 * token for the POST, stamped with the current second, which matches the form's only within the same second.)
 * Answers the POST's status.
 */
async function signIn(password: string): Promise<number> {
  const page = await navigate(`${hub!.url}/hub/login`);
  const xsrf = /name="_xsrf" value="([^"]+)"/.exec(page.text)?.[1];
  assert.ok(xsrf, 'the login page has no _xsrf field');
  const cookie = page.setCookies.map((c) => c.split(';')[0]!).find((c) => c.startsWith('_xsrf='));
  assert.ok(cookie, 'the login page set no _xsrf cookie');
  const body = new URLSearchParams({ username: hub!.user, password, _xsrf: xsrf }).toString();
  const res = await navigate(`${hub!.url}/hub/login`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie }, body });
  return res.status;
}

it('signs the demo user in with the password it printed, and no one with another', async () => {
  assert.equal(await signIn(hub!.password), 302);
  assert.equal(await signIn(`${hub!.password}-wrong`), 403);
});

it('runs the client in the user kernel of a JupyterHub started by the stack, against the app', async (t) => {
  for (const line of hubLog) t.diagnostic(line);
  t.diagnostic(`startJupyterHub took ${(hubMs / 1000).toFixed(1)} s in all (kernel venv, hub and proxy)`);
  const h = hub!;
  const user = encodeURIComponent(h.user);

  const t0 = Date.now();
  const spawn = await hubApi(`/hub/api/users/${user}/server`, { method: 'POST' });
  assert.ok(spawn.status === 201 || spawn.status === 202, `spawn answered ${spawn.status}: ${await spawn.text()}`);
  let serverUrl: string | undefined;
  for (const end = Date.now() + 180_000; serverUrl === undefined; ) {
    const res = await hubApi(`/hub/api/users/${user}`);
    assert.equal(res.status, 200);
    const server = serverSchema(await res.json());
    if (server?.ready && server.url) serverUrl = `${h.url}${server.url}`;
    else if (Date.now() > end) assert.fail(`the user's server was not ready within 180 s; hub log tail:\n${readFileSync(h.logFile, 'utf8').slice(-3000)}`);
    else await new Promise((resolve) => setTimeout(resolve, 250));
  }
  t.diagnostic(`the user's server was ready ${((Date.now() - t0) / 1000).toFixed(1)} s after the Hub API asked for it`);

  // What a person lands on after signing in: JupyterLab, served from the jupyter venv's files.
  const lab = await hubApi(`${new URL(serverUrl).pathname}lab`);
  assert.equal(lab.status, 200, `the user's JupyterLab answered ${lab.status}`);
  assert.match(await lab.text(), /JupyterLab/);

  const kernel = await hubApi(`${new URL(serverUrl).pathname}api/kernels`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
  assert.equal(kernel.status, 201, await kernel.clone().text());
  const kernelId = ((await kernel.json()) as { id: string }).id;

  const code = [
    'import mlcycle',
    'c = mlcycle.Client()',
    `run = c.runs.start(${JSON.stringify(pipelineId)}, reason="from JupyterHub")`,
    'print(run.id)',
  ].join('\n');
  const codeFile = join(dir, 'cell.py');
  writeFileSync(codeFile, code);
  const jupyter = await ensureVenv('jupyter');
  const out = await runCapture(jupyter.python, [helper, serverUrl, kernelId, codeFile], { env: { ...process.env, JUPYTER_TOKEN: h.apiToken } });
  const result = JSON.parse(out.trim().split('\n').pop()!) as { status: string; stdout: string; stderr: string; error: { ename: string; evalue: string } | null };
  assert.equal(result.status, 'ok', `the kernel failed: ${JSON.stringify(result.error)} ${result.stderr}`);
  const runId = result.stdout.trim().split('\n').pop()!;
  assert.ok(runId, 'the kernel printed no run id');
  // The client found the app and its key in the kernel's environment; the key itself reached no output.
  assert.ok(!result.stdout.includes(dashboardKeys.functionKey) && !result.stderr.includes(dashboardKeys.functionKey));

  const run = await world!.waitForStatus(runId, ['succeeded', 'failed', 'cancelled', 'skipped'], 60_000);
  assert.equal(run.status, 'succeeded', JSON.stringify(run.steps));
  assert.equal(run.pipelineId, pipelineId);
  assert.equal(run.trigger.reason, 'from JupyterHub');
  assert.equal(run.trigger.kind, 'http');
  const triggers = await world!.api(`/api/pipelines/${pipelineId}/triggers`);
  const records = ((await triggers.json()) as { items: { source: string; decision: string; runId?: string }[] }).items;
  assert.ok(records.some((r) => r.runId === runId && r.source === 'http' && r.decision === 'started'), JSON.stringify(records));
  assert.ok(!readFileSync(h.logFile, 'utf8').includes(dashboardKeys.functionKey), 'the app key reached the hub log');
});

it('stops the hub, the proxy, the user server and its kernels', async () => {
  const h = hub!;
  const tree = [...processDescendants(h.pid), ...processDescendants(h.proxyPid)];
  assert.ok(tree.length >= 3, `expected the hub, the proxy and a user server, saw ${tree.length} processes`);
  await h.stop();
  hub = undefined;
  const left = tree.filter((pid) => isAlive(pid));
  assert.deepEqual(left, [], `still running after stop(): ${left.join(', ')}`);
});
