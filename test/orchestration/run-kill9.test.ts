import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import type { WorldState } from '../fakes/world.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const host = fileURLToPath(new URL('./support/killable-host.ts', import.meta.url));
const dir = mkdtempSync(path.join(tmpdir(), 'mlcycle-kill9-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Run the dev-host child; resolve with how it ended and what it printed. Kill it with SIGKILL when it prints `killOn`. */
function launch(flags: string[], killOn?: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', host, dir, ...flags], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killOn && out.includes(killOn)) child.kill('SIGKILL');
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code !== 0 && signal === null) reject(new Error(`host exited ${code}: ${err}`));
      else resolve({ code, signal, out });
    });
  });
}

test('kill -9 of the dev host mid-run, then restart: one training submission, one model version', async () => {
  // 1. Killed from outside while training is under way.
  const first = await launch(['--pause-when-training'], 'TRAINING');
  assert.equal(first.signal, 'SIGKILL');
  // 2. Restarted; killed (by itself) right after the model version was registered, before the activity could report it.
  const second = await launch(['--crash-after', 'registerVersion']);
  assert.equal(second.signal, 'SIGKILL');
  // 3. Restarted again: the activity that registered the version runs again and finds it by tag; the run finishes.
  const third = await launch([]);
  assert.equal(third.code, 0);
  const output = JSON.parse(third.out.slice(third.out.indexOf('DONE ') + 5).trim()) as { status: string; modelVersion?: string };
  assert.equal(output.status, 'succeeded');
  assert.equal(output.modelVersion, '1');
  const world = JSON.parse(readFileSync(path.join(dir, 'world.json'), 'utf8')) as WorldState;
  assert.equal(world.counters.dagRunsCreated, 1, 'exactly one training submission');
  assert.equal(world.counters.modelVersionsRegistered, 1, 'exactly one model version');
  assert.equal(world.runs['k9-run']?.status, 'succeeded');
});

test('kill -9 right after the dag run was submitted, before the activity reported it', async () => {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const first = await launch(['--crash-after', 'trigger']);
  assert.equal(first.signal, 'SIGKILL');
  const world1 = JSON.parse(readFileSync(path.join(dir, 'world.json'), 'utf8')) as WorldState;
  assert.equal(world1.counters.dagRunsCreated, 1);
  const second = await launch([]);
  assert.equal(second.code, 0);
  const world = JSON.parse(readFileSync(path.join(dir, 'world.json'), 'utf8')) as WorldState;
  assert.equal(world.counters.dagRunsCreated, 1, 'the re-run trigger found the dag run by its id');
  assert.equal(world.counters.modelVersionsRegistered, 1);
  assert.equal(world.runs['k9-run']?.status, 'succeeded');
});
