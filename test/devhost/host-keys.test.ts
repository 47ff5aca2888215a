import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { freePort } from '../../devhost/emulators/free-port.js';
import { documentedKeys, resolveHostKeys } from '../../devhost/host-keys.js';
import { appRoot } from '../support/app-host.js';

/*
 * The documented dev keys are for a clone nobody else can reach. Once the operator sets one key, the other keeps no
 * public default: it is set too, or generated at random and printed once on stdout (never in the structured logs).
 */
let child: ChildProcess;
let base: string;
let output = '';
const customKey = 'operator-chosen-function-key';

before(async () => {
  if (!existsSync(join(appRoot, 'dist/devhost/host-keys.js'))) execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { cwd: appRoot });
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), MLCYCLE_FUNCTION_KEY: customKey, MLCYCLE_DURABLE_DIR: mkdtempSync(join(tmpdir(), 'mlcycle-keys-')) };
  for (const k of ['COSMOS_ENDPOINT', 'COSMOS_KEY', 'AzureWebJobsStorage', 'MLCYCLE_MASTER_KEY']) delete env[k];
  child = spawn(process.execPath, ['dist/devhost/main.js'], { cwd: appRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const end = Date.now() + 60_000;
  while (!output.includes('Host listening on')) {
    if (Date.now() > end || child.exitCode !== null) throw new Error(`dev host did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
});
after(async () => {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
});

describe('npm start with only MLCYCLE_FUNCTION_KEY set', () => {
  it('refuses the documented master key everywhere', async () => {
    for (const path of ['/api/pipelines', '/runtime/webhooks/durabletask/instances']) {
      const res = await fetch(`${base}${path}`, { headers: { 'x-functions-key': documentedKeys.masterKey } });
      assert.equal(res.status, 401, path);
    }
    assert.equal((await fetch(`${base}/api/pipelines`, { headers: { 'x-functions-key': documentedKeys.functionKey } })).status, 401);
    assert.equal((await fetch(`${base}/api/pipelines`, { headers: { 'x-functions-key': customKey } })).status, 200);
  });

  it('prints the generated master key once, and it works', async () => {
    const m = /MLCYCLE_MASTER_KEY[^:\n]*: (\S+)/.exec(output);
    assert.ok(m, output);
    const generated = m[1]!;
    assert.ok(generated.length >= 32);
    assert.equal(output.split(generated).length - 1, 1, 'printed exactly once, and in no log line');
    assert.equal((await fetch(`${base}/runtime/webhooks/durabletask/instances`, { headers: { 'x-functions-key': generated } })).status, 200);
    assert.equal((await fetch(`${base}/api/pipelines`, { headers: { 'x-functions-key': generated } })).status, 200);
  });
});

describe('resolveHostKeys', () => {
  it('keeps the documented defaults only when neither key is set', () => {
    assert.deepEqual(resolveHostKeys({}), { ...documentedKeys, generated: [] });
    assert.deepEqual(resolveHostKeys({ MLCYCLE_FUNCTION_KEY: '', MLCYCLE_MASTER_KEY: documentedKeys.masterKey }), { ...documentedKeys, generated: [] });
  });

  it('generates whichever key is unset (or left at its public default) once the other is set', () => {
    const a = resolveHostKeys({ MLCYCLE_MASTER_KEY: 'own-master' });
    assert.equal(a.masterKey, 'own-master');
    assert.notEqual(a.functionKey, documentedKeys.functionKey);
    assert.deepEqual(a.generated, ['MLCYCLE_FUNCTION_KEY']);
    const b = resolveHostKeys({ MLCYCLE_FUNCTION_KEY: 'own-fn', MLCYCLE_MASTER_KEY: documentedKeys.masterKey });
    assert.notEqual(b.masterKey, documentedKeys.masterKey);
    assert.notEqual(b.masterKey, resolveHostKeys({ MLCYCLE_FUNCTION_KEY: 'own-fn' }).masterKey, 'random each time');
    assert.deepEqual(resolveHostKeys({ MLCYCLE_FUNCTION_KEY: 'f', MLCYCLE_MASTER_KEY: 'm' }), { functionKey: 'f', masterKey: 'm', generated: [] });
  });
});
