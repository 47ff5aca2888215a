import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { withFileLock } from '../../stack/file-lock.js';
import { spawnService, stopFromPidFile } from '../../stack/managed-process.js';
import { sessionMembers, stopSession } from '../../stack/process-tree.js';

// The process plumbing of the local stack, on plain shell processes: whole-session stops (children that moved to
// their own process group, as Airflow's task processes do), orphans of a crashed host, and the build lock.
let dir: string;
before(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlcycle-proc-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

// A leader with a child in a process group of its own (`set -m` gives background jobs their own group).
const treeScript = 'set -m; sleep 300 & sleep 300 & wait';

async function until(check: () => boolean): Promise<void> {
  while (!check()) await sleep(50);
}

describe('local stack processes', () => {
  it('stopSession ends a leader and children that left its process group', async () => {
    const child = spawn('bash', ['-c', treeScript], { detached: true, stdio: 'ignore' });
    child.unref();
    const pid = child.pid!;
    await until(() => sessionMembers(pid).length >= 3);
    await stopSession(pid, 2_000);
    assert.deepEqual(sessionMembers(pid), []);
  });

  it('spawnService stops the orphan a crashed host left behind (pid file), and stop() is idempotent', async () => {
    const pidFile = join(dir, 'svc.pid');
    const first = await spawnService({ name: 'svc', command: 'bash', args: ['-c', treeScript], env: process.env, cwd: dir, logFile: join(dir, 'svc.log'), pidFile });
    await until(() => sessionMembers(first.pid).length >= 3);
    // Simulate a host that died without stopping it: the pid file stays, the processes keep running.
    const leftover = readFileSync(pidFile, 'utf8');
    const second = await spawnService({ name: 'svc', command: 'bash', args: ['-c', treeScript], env: process.env, cwd: dir, logFile: join(dir, 'svc.log'), pidFile });
    assert.deepEqual(sessionMembers(first.pid), []);
    assert.notEqual(readFileSync(pidFile, 'utf8'), leftover);
    await second.stop();
    await second.stop();
    assert.deepEqual(sessionMembers(second.pid), []);
    assert.equal(await stopFromPidFile(pidFile), false);
  });

  it('refuses a state directory whose service belongs to another live host', async () => {
    const pidFile = join(dir, 'busy.pid');
    const service = spawn('sleep', ['300'], { detached: true, stdio: 'ignore' });
    const host = spawn('sleep', ['300'], { stdio: 'ignore' });
    try {
      writeFileSync(pidFile, JSON.stringify({ pid: service.pid, command: 'sleep', hostPid: host.pid }));
      await assert.rejects(
        spawnService({ name: 'busy', command: 'sleep', args: ['1'], env: process.env, cwd: dir, logFile: join(dir, 'busy.log'), pidFile }),
        /in use by the service of process/,
      );
      assert.ok(sessionMembers(service.pid!).length > 0);
    } finally {
      await stopSession(service.pid!, 1_000);
      host.kill('SIGKILL');
    }
  });

  it('a pid file naming some other live process is not acted on', async () => {
    const pidFile = join(dir, 'other.pid');
    writeFileSync(pidFile, JSON.stringify({ pid: process.pid, command: '/no/such/binary' }));
    assert.equal(await stopFromPidFile(pidFile), false);
  });

  it('withFileLock serialises holders and takes over a lock whose owner is dead', async () => {
    const lock = join(dir, 'build.lock');
    const events: string[] = [];
    const holder = (name: string) =>
      withFileLock(lock, 10_000, async () => {
        events.push(`${name}:in`);
        await sleep(300);
        events.push(`${name}:out`);
      });
    await Promise.all([holder('a'), holder('b')]);
    assert.deepEqual(events.map((e) => e.split(':')[1]), ['in', 'out', 'in', 'out']);

    const dead = spawn('true');
    await new Promise((r) => dead.once('exit', r));
    writeFileSync(lock, String(dead.pid));
    assert.equal(await withFileLock(lock, 5_000, async () => 'taken over'), 'taken over');
  });
});
