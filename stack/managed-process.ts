import { spawn } from 'node:child_process';
import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readFileSync, readSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { commandLine, isAlive, stopSession, stopSessionSync } from './process-tree.js';

/*
 * One long-running service process of the local stack. Each is spawned as its own session leader, writes its output
 * to a log file, and leaves a pid file next to its state so a later start can clean up after a host that was
 * SIGKILLed. Every live service is also tracked here so a process-exit hook can stop what is still running.
 */

/** A running service process. `stop()` ends it and everything it spawned; calling it twice is harmless. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number;
  readonly logFile: string;
  /** Size of the log file when this process started (the log is appended to across starts). */
  readonly logStart: number;
  /** Resolves with the exit code (or null when killed by a signal) when the leader exits. */
  readonly exited: Promise<number | null>;
  hasExited(): boolean;
  stop(): Promise<void>;
}

export interface SpawnServiceOptions {
  name: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  logFile: string;
  /** Pid file; a leftover one from a crashed host is used to stop that orphan first. */
  pidFile: string;
  /** Grace period between SIGTERM and SIGKILL. */
  stopGraceMs?: number;
  /** What the pid file records to recognise the process later (default `command`; a wrapper that execs passes the program). */
  identity?: string;
}

const pidFileSchema = z.object({ pid: z.number().int().positive(), command: z.string(), hostPid: z.number().int().positive().optional() });

const live = new Set<ManagedProcess>();
let hooksInstalled = false;

/** Start a service process (see the module comment). */
export async function spawnService(opts: SpawnServiceOptions): Promise<ManagedProcess> {
  await reapOrphan(opts.pidFile, opts.name);
  mkdirSync(dirname(opts.logFile), { recursive: true });
  const fd = openSync(opts.logFile, 'a');
  const logStart = fstatSync(fd).size;
  const child = spawn(opts.command, opts.args, { cwd: opts.cwd, env: opts.env, detached: true, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  const pid = await new Promise<number>((resolvePid, reject) => {
    child.once('spawn', () => resolvePid(child.pid ?? -1));
    child.once('error', reject);
  });
  writeFileSync(opts.pidFile, JSON.stringify({ pid, command: opts.identity ?? opts.command, hostPid: process.pid }));
  let exitedFlag = false;
  const exited = new Promise<number | null>((resolveExit) => {
    child.once('exit', (code) => {
      exitedFlag = true;
      resolveExit(code);
    });
  });
  // The stack must never keep the host alive on its own; stop() or the exit hook ends the children.
  child.unref();
  let stopping: Promise<void> | undefined;
  const proc: ManagedProcess = {
    name: opts.name,
    pid,
    logFile: opts.logFile,
    logStart,
    exited,
    hasExited: () => exitedFlag,
    stop: () => {
      stopping ??= (async () => {
        await stopSession(pid, opts.stopGraceMs ?? 20_000);
        live.delete(proc);
        rmSync(opts.pidFile, { force: true });
      })();
      return stopping;
    },
  };
  live.add(proc);
  installExitHooks();
  return proc;
}

/** Stop every service this process started and has not stopped yet. */
export async function stopAllServices(): Promise<void> {
  await Promise.all([...live].map((p) => p.stop()));
}

/** The last `lines` lines of a log file (for error messages when a service fails to come up). */
export function logTail(file: string, lines = 30): string {
  if (!existsSync(file)) return '';
  return readFileSync(file, 'utf8').split('\n').slice(-lines).join('\n');
}

/** What a process wrote to its log since it started. */
export function logSince(proc: Pick<ManagedProcess, 'logFile' | 'logStart'>): string {
  if (!existsSync(proc.logFile)) return '';
  const fd = openSync(proc.logFile, 'r');
  try {
    const size = fstatSync(fd).size;
    const buf = Buffer.alloc(Math.max(0, size - proc.logStart));
    readSync(fd, buf, 0, buf.length, proc.logStart);
    return buf.toString('utf8');
  } finally {
    closeSync(fd);
  }
}

function readPidFile(pidFile: string): z.infer<typeof pidFileSchema> | null {
  if (!existsSync(pidFile)) return null;
  const parsed = pidFileSchema.safeParse(safeJson(readFileSync(pidFile, 'utf8')));
  return parsed.success ? parsed.data : null;
}

function stillOurs(entry: z.infer<typeof pidFileSchema>): boolean {
  return isAlive(entry.pid) && (commandLine(entry.pid) ?? '').includes(entry.command);
}

/**
 * Stop the service a pid file names, if it is still running the command recorded there (a pid can be reused),
 * whoever started it. Used by `stack down`.
 */
export async function stopFromPidFile(pidFile: string): Promise<boolean> {
  const entry = readPidFile(pidFile);
  let stopped = false;
  if (entry && stillOurs(entry)) {
    await stopSession(entry.pid, 20_000);
    stopped = true;
  }
  rmSync(pidFile, { force: true });
  return stopped;
}

/**
 * Before a start on a state directory: a service left running by a host that no longer exists is an orphan and is
 * stopped; one whose host is alive means the directory is in use, which is an error rather than a reason to kill it.
 */
async function reapOrphan(pidFile: string, name: string): Promise<void> {
  const entry = readPidFile(pidFile);
  if (entry && stillOurs(entry) && entry.hostPid !== undefined && entry.hostPid !== process.pid && isAlive(entry.hostPid)) {
    throw new Error(`${name}: its state directory is in use by the service of process ${entry.hostPid} (pid file ${pidFile}); use another state directory or stop that one`);
  }
  await stopFromPidFile(pidFile);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  // 'exit' handlers must be synchronous: a short TERM grace, then KILL.
  process.on('exit', () => {
    for (const p of live) stopSessionSync(p.pid);
  });
  // Keep the default "signal ends the process" behaviour, but through process.exit so the hook above runs.
  // Decided when the signal comes: a script that listens for it too (the demo's Ctrl-C, stack:up's shutdown), even one
  // that started listening after the first service, stops in its own way (and its exit still runs the hook).
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    process.on(signal, () => {
      if (process.listenerCount(signal) === 1) process.exit(code);
    });
  }
}
