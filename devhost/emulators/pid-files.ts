import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isAlive, readProcStat } from './proc-stat.js';

/** What a pid file holds: the pid and the process's start time (so a pid the system gave to another process is left alone). */
interface PidRecord {
  pid: number;
  startTime: string | null;
}

const startTimeOf = (pid: number): string | null => readProcStat(pid)?.startTime ?? null;

/** Note a child the dev host started, in `dir`; returns a function that forgets it (after a clean stop). */
export function writePidFile(dir: string, name: string, pid: number): () => void {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${pid}.json`);
  const record: PidRecord = { pid, startTime: startTimeOf(pid) };
  writeFileSync(file, JSON.stringify(record));
  return () => rmSync(file, { force: true });
}

/**
 * Stop every process a previous dev host noted in `dir` and that still runs (a host killed with `kill -9` left it):
 * SIGTERM to its process group, SIGKILL after `graceMs`. Returns the pids it stopped. A pid now held by another
 * process (its start time differs) is left alone.
 */
export async function reapPidFiles(dir: string, graceMs = 5000): Promise<number[]> {
  let files: string[];
  try {
    files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  } catch {
    return [];
  }
  const reaped: number[] = [];
  for (const f of files) {
    const file = join(dir, f);
    let record: PidRecord | undefined;
    try {
      record = JSON.parse(readFileSync(file, 'utf8')) as PidRecord;
    } catch {
      record = undefined;
    }
    if (record && Number.isSafeInteger(record.pid) && record.pid > 1 && isAlive(record.pid) && startTimeOf(record.pid) === record.startTime) {
      await stopGroup(record.pid, graceMs);
      reaped.push(record.pid);
    }
    rmSync(file, { force: true });
  }
  return reaped;
}

async function stopGroup(pid: number, graceMs: number): Promise<void> {
  const signal = (s: NodeJS.Signals) => {
    for (const target of [-pid, pid]) {
      try {
        process.kill(target, s);
      } catch {
        // gone already, or not a group leader
      }
    }
  };
  signal('SIGTERM');
  const end = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < end) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) signal('SIGKILL');
}
