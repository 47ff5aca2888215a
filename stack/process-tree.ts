import { readdirSync, readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive, readProcStat as readStat, type ProcStat } from '../devhost/emulators/proc-stat.js';

/*
 * Stopping a service means stopping everything it started. Services are spawned as session leaders
 * (`detached: true` → setsid), and their children stay in that session even when they move to process groups of
 * their own (Airflow's task supervisor calls setpgid for every task), so a sweep by session id finds them all,
 * including orphans whose parent already exited. Linux-only (/proc), like the rest of the local stack.
 */

/** True when a process with this pid exists (and is not a zombie); shared with the dev host's pid files. */
export { isAlive };

/** The stat of every live (non-zombie) process, read from /proc now. */
function liveProcesses(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const st = readStat(Number(name));
    if (st && st.state !== 'Z') out.push(st);
  }
  return out;
}

/** Live (non-zombie) processes whose session id is `sid`. */
export function sessionMembers(sid: number): number[] {
  return liveProcesses().filter((st) => st.sid === sid).map((st) => st.pid);
}

function signalAll(pids: number[], signal: NodeJS.Signals): void {
  for (const pid of pids) {
    try {
      process.kill(pid, signal);
    } catch {
      // already gone
    }
  }
}

/**
 * Stop a whole session: SIGTERM to every member (graceful shutdown for those that handle it), wait up to
 * `graceMs`, then SIGKILL whatever is left. Resolves when no member remains.
 */
export async function stopSession(sid: number, graceMs = 20_000): Promise<void> {
  let members = sessionMembers(sid);
  if (members.length === 0) return;
  // Everyone at once, as `kill -TERM -<pgid>` would: Airflow's components each shut down on SIGTERM, and a
  // leader-only signal would leave them orphaned until the grace period ran out.
  signalAll(members, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (members.length > 0 && Date.now() < deadline) {
    await sleep(200);
    members = sessionMembers(sid);
  }
  for (let i = 0; i < 25 && members.length > 0; i++) {
    signalAll(members, 'SIGKILL');
    await sleep(200);
    members = sessionMembers(sid);
  }
}

/** Synchronous variant for `process.on('exit')`, where nothing asynchronous runs: TERM, a short grace, KILL. */
export function stopSessionSync(sid: number, graceMs = 3_000): void {
  const nap = new Int32Array(new SharedArrayBuffer(4));
  let members = sessionMembers(sid);
  signalAll(members, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (members.length > 0 && Date.now() < deadline) {
    Atomics.wait(nap, 0, 0, 100);
    members = sessionMembers(sid);
  }
  signalAll(members, 'SIGKILL');
}

/** The command line of a live process, or null (used to check that a pid file still names our process). */
export function commandLine(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
  } catch {
    return null;
  }
}

/**
 * `pid` and every live process descended from it, by parent links. Servers that put their children in sessions of
 * their own (JupyterHub's proxy, Jupyter's kernels) are found this way where a session sweep would miss them.
 */
export function processDescendants(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const st of liveProcesses()) {
    const siblings = children.get(st.ppid);
    if (siblings) siblings.push(st.pid);
    else children.set(st.ppid, [st.pid]);
  }
  const out: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    const p = queue.shift()!;
    if (p !== pid || isAlive(p)) out.push(p);
    queue.push(...(children.get(p) ?? []));
  }
  return out;
}

/** The session ids of the given processes that are still alive. */
export function sessionsOf(pids: number[]): number[] {
  return [...new Set(pids.map((p) => readStat(p)).flatMap((st) => (st && st.state !== 'Z' ? [st.sid] : [])))];
}
