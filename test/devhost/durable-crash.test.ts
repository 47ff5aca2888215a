import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

/*
 * Crash safety with a real `kill -9`: a child process runs the dev-host engine over a state directory; the test kills
 * it at varied moments (during start-up, activities, the timer, the fan-out) and restarts it over the same directory
 * until the instance finishes. Then: the result is right, every step ran, and every repeated activity run is one
 * that was started in the lifetime just before a kill (an in-flight activity), never one finished earlier.
 */

const host = path.join(import.meta.dirname, '..', 'fixtures', 'durable-app', 'crash-host.ts');
const repoRoot = path.join(import.meta.dirname, '..', '..');

interface Lifetime {
  done?: string;
}

function runOnce(stateDir: string, ledger: string, killAfterMs: number | undefined): Promise<Lifetime> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', host, stateDir, 'crash-1', '8'], {
      cwd: repoRoot,
      env: { ...process.env, MLCYCLE_CRASH_LEDGER: ledger },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (killAfterMs !== undefined && !timer && out.includes('READY')) {
        timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
      }
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      const done = /^DONE (.*)$/m.exec(out)?.[1];
      if (signal === 'SIGKILL' || done) resolve(done ? { done } : {});
      else reject(new Error(`crash host exited with ${code}: ${err}`));
    });
  });
}

test('kill -9 at varied moments: the instance completes and only in-flight activities run again', { timeout: 300_000 }, async (t) => {
  const stateDir = await mkdtemp(path.join(tmpdir(), 'mlcycle-crash-'));
  const ledger = path.join(stateDir, 'ledger.log');
  try {
    const killDelays = [0, 35, 12, 80, 5, 60, 25, 110, 3, 45, 150, 18];
    let result: string | undefined;
    let kills = 0;
    for (const delay of killDelays) {
      const r = await runOnce(stateDir, ledger, delay);
      if (r.done) {
        result = r.done;
        break;
      }
      kills += 1;
    }
    result ??= (await runOnce(stateDir, ledger, undefined)).done;
    assert.ok(result, 'the instance finished');
    const status = JSON.parse(result) as { runtimeStatus: string; output: unknown };
    assert.equal(status.runtimeStatus, 'Completed', result);
    // s0..s7 each add 1 (8); after s4 the fan-out returns 1+2+3 = 6.
    assert.equal(status.output, 14);
    assert.ok(kills >= 3, `the test killed the host several times (${kills})`);

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
