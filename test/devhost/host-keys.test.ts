import assert from 'node:assert/strict';
import { type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { documentedKeys, resolveHostKeys } from '../../devhost/host-keys.js';
import { startBuiltHost } from '../support/built-host.js';

/*
 * The documented dev keys are for a clone nobody else can reach. Once the operator sets one key, the other keeps no
 * public default: it is set too, or generated at random and printed once on stdout (never in the structured logs).
 */
let child: ChildProcess;
let base: string;
let output: () => string;
const customKey = 'operator-chosen-function-key';

before(async () => {
  const set = { MLCYCLE_FUNCTION_KEY: customKey, MLCYCLE_DURABLE_DIR: mkdtempSync(join(tmpdir(), 'mlcycle-keys-')) };
  const host = await startBuiltHost({ set, unset: ['COSMOS_ENDPOINT', 'COSMOS_KEY', 'AzureWebJobsStorage', 'MLCYCLE_MASTER_KEY'] });
  ({ child, base } = host);
  output = host.output;
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
    const m = /MLCYCLE_MASTER_KEY[^:\n]*: (\S+)/.exec(output());
    assert.ok(m, output());
    const generated = m[1]!;
    assert.ok(generated.length >= 32);
    assert.equal(output().split(generated).length - 1, 1, 'printed exactly once, and in no log line');
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
