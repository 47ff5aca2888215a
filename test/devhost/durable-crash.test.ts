import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

/*
 * Crash safety with a real `kill -9`: a child process runs the dev-host engine over a state directory and is killed
 * at fixed points of its progress (its n-th activity start or end: during start-up, between an activity's work and
 * its recorded result, after the timer, inside the fan-out), then restarted over the same directory, once per point;
 * a last lifetime runs to the end. The points are an input, so the number of kills is the same on any machine.
 * Then: the result is right, every step ran, and every repeated activity run is one that was started in the
 * lifetime just before a kill (an in-flight activity), never one finished earlier.
 */

const host = path.join(import.meta.dirname, '..', 'fixtures', 'durable-app', 'crash-host.ts');
const repoRoot = path.join(import.meta.dirname, '..', '..');

/**
 * Where one lifetime is killed: right after its n-th activity `start` or `end` (counted within that lifetime). The
 * whole chain has 11 activities; these points add up to at most 5 recorded completions, so every lifetime reaches its
 * point before the instance could finish, and the test kills exactly `killPoints.length` times.
 */
const killPoints = [
  'start:1', // the first activity after start-up: nothing recorded yet
  'end:2', // s1 did its work, its result is not recorded: it runs again
  'end:4', // s4 likewise, just before the timer
  'start:2', // after the timer fired, inside the fan-out
  'end:2', // the fan-out again, with part of it finished
] as const;

interface Lifetime {
  done?: string;
  killed?: boolean;
}

function runOnce(stateDir: string, ledger: string, killAt: string | undefined): Promise<Lifetime> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', host, stateDir, 'crash-1', '8'], {
      cwd: repoRoot,
      env: { ...process.env, MLCYCLE_CRASH_LEDGER: ledger, MLCYCLE_CRASH_KILL_AT: killAt ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const done = /^DONE (.*)$/m.exec(out)?.[1];
      if (done) resolve({ done });
      else if (signal === 'SIGKILL') resolve({ killed: true });
      else reject(new Error(`crash host exited with ${code}: ${err}`));
    });
  });
}

test('kill -9 at fixed points: the instance completes and only in-flight activities run again', { timeout: 300_000 }, async (t) => {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'mlcycle-crash-'));
  const ledger = path.join(stateDir, 'ledger.log');
  try {
    let kills = 0;
    for (const point of killPoints) {
      const r = await runOnce(stateDir, ledger, point);
      assert.ok(r.killed, `the lifetime killed at ${point} was killed there, not finished (${r.done ?? ''})`);
      kills += 1;
    }
    const result = (await runOnce(stateDir, ledger, undefined)).done;
    assert.ok(result, 'the instance finished');
    const status = JSON.parse(result) as { runtimeStatus: string; output: unknown };
    assert.equal(status.runtimeStatus, 'Completed', result);
    // s0..s7 each add 1 (8); after s4 the fan-out returns 1+2+3 = 6.
    assert.equal(status.output, 14);
    assert.equal(kills, killPoints.length, 'the host was killed once per kill point');

    const lines = (await readFile(ledger, 'utf8')).split('\n').filter(Boolean).map((l) => l.split(' ') as [string, string, string]);
    const pids: string[] = [];
    for (const [pid] of lines) if (!pids.includes(pid)) pids.push(pid);
    const starts = lines.filter(([, kind]) => kind === 'start');
    const keys = ['s0', 's1', 's2', 's3', 's4', 'f0', 'f1', 'f2', 's5', 's6', 's7'];
    for (const k of keys) assert.ok(starts.some(([, , key]) => key === k), `step ${k} ran`);
    // Each repeated run must follow a run of the same key in the immediately preceding process lifetime.
    const lastLifetime = new Map<string, number>();
    let repeats = 0;
    for (const [pid, , key] of starts) {
      const life = pids.indexOf(pid);
      const prev = lastLifetime.get(key);
      if (prev !== undefined && prev !== life) {
        repeats += 1;
        assert.equal(prev, life - 1, `${key} ran again in lifetime ${life} but its previous run was in lifetime ${prev}, not in flight at the last kill`);
      }
      assert.ok(prev === undefined || prev !== life, `${key} ran twice in one lifetime`);
      lastLifetime.set(key, life);
    }
    t.diagnostic(`kills=${kills} lifetimes=${pids.length} repeats=${repeats} starts=${starts.length}`);
    assert.ok(repeats <= kills * 4, `at most the in-flight activities repeat (${repeats} repeats over ${kills} kills)`);
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
});
