import { readFileSync } from 'node:fs';

/*
 * What Linux says about a process in `/proc/<pid>/stat`: the dev host's pid files and the local stack's process
 * control (stack/process-tree.ts) read it alike.
 */

/** The fields of `/proc/<pid>/stat` the project uses; `startTime` is in clock ticks since boot (it tells reused pids apart). */
export interface ProcStat {
  pid: number;
  state: string;
  ppid: number;
  pgid: number;
  sid: number;
  startTime: string | null;
}

/** A process's stat, or null when it is gone (or there is no `/proc`). */
export function readProcStat(pid: number): ProcStat | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or parentheses: split after the last ')'.
    const rest = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { pid, state: rest[0] ?? '?', ppid: Number(rest[1]), pgid: Number(rest[2]), sid: Number(rest[3]), startTime: rest[19] ?? null };
  } catch {
    return null;
  }
}

/** True when a process with this pid exists (and is not a zombie). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  const stat = readProcStat(pid);
  return stat === null || stat.state !== 'Z';
}
