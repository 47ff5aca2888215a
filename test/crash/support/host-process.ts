import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { sessionMembers } from '../../../stack/index.js';
import { isAlive } from '../../../stack/process-tree.js';

/*
 * One lifetime of the app's dev host as a child process (test/fixtures/crash-world/app-host.ts). It is spawned as a
 * session leader, so every process it starts stays in its session; the lifetime samples that session while it runs
 * and, once the host is gone, reports which of those processes outlived it (orphans).
 */

const hostScript = fileURLToPath(new URL('../../fixtures/crash-world/app-host.ts', import.meta.url));
const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

/** How a lifetime ended. */
export interface LifetimeEnd {
  /** Killed by SIGKILL (its own kill point, or `kill`). */
  killed: boolean;
  code: number | null;
  /** Processes of its session still alive after it died (should be none). */
  orphans: number[];
}

/** A running dev host child. */
export interface HostLifetime {
  pid: number;
  /** The kill point it was started with, if any. */
  killAt: string | undefined;
  /** Resolves when the process has exited (and its session was checked for orphans). */
  ended: Promise<LifetimeEnd>;
  /** SIGKILL it from outside. */
  kill(): void;
  /** SIGTERM it (a clean stop) and wait for the end. */
  stop(): Promise<LifetimeEnd>;
}

/** Spawn the host over `stateDir` on `port`; resolves once it serves HTTP or was killed at its point (rejects if it dies otherwise). */
export async function startHostLifetime(opts: { stateDir: string; port: number; ledger: string; env: Record<string, string>; logFile: string; killAt?: string }): Promise<HostLifetime> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', hostScript, opts.stateDir, String(opts.port), opts.ledger], {
    cwd: repoRoot,
    env: { ...process.env, ...opts.env, MLCYCLE_CRASH_KILL_AT: opts.killAt ?? '' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const pid = child.pid;
  if (pid === undefined) throw new Error('the dev host child did not start');
  const seen = new Set<number>([pid]);
  const sampler = setInterval(() => {
    for (const p of sessionMembers(pid)) seen.add(p);
  }, 250);
  const write = (d: Buffer) => appendFileSync(opts.logFile, d);
  child.stderr?.on('data', write);
  let ready!: () => void;
  const readyP = new Promise<void>((resolve) => (ready = resolve));
  let out = '';
  child.stdout?.on('data', (d: Buffer) => {
    write(d);
    out += d.toString();
    if (out.includes('READY ')) ready();
  });
  const ended = new Promise<LifetimeEnd>((resolve) => {
    child.on('exit', (code, signal) => {
      clearInterval(sampler);
      // Processes die asynchronously after their parent; a short grace before calling one an orphan.
      void (async () => {
        let orphans: number[] = [];
        for (let i = 0; i < 20; i++) {
          orphans = [...new Set([...seen, ...sessionMembers(pid)])].filter(isAlive);
          if (orphans.length === 0) break;
          await sleep(100);
        }
        resolve({ killed: signal === 'SIGKILL', code, orphans });
      })();
    });
  });
  const winner = await Promise.race([readyP.then(() => 'ready' as const), ended]);
  // Killed at its own point while starting (an activity resumed at start-up) is a kill like any other.
  if (winner !== 'ready' && !(winner.killed && opts.killAt)) throw new Error(`the dev host child exited before it was ready (code ${winner.code ?? 'null'}, killed ${winner.killed}); see ${opts.logFile}`);
  return {
    pid,
    killAt: opts.killAt,
    ended,
    kill: () => {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // already gone
      }
    },
    stop: async () => {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const t = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const end = await ended;
      clearTimeout(t);
      return end;
    },
  };
}
