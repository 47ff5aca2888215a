import { spawn, type ChildProcess } from 'node:child_process';
import { writePidFile } from './pid-files.js';

/** A child process the dev host started and must stop. */
export interface ManagedProcess {
  readonly name: string;
  readonly pid: number | undefined;
  stop(): Promise<void>;
}

const running = new Set<ManagedProcess>();
let exitHookInstalled = false;

/**
 * Start a child in its own process group, keep its output for diagnostics, and stop the whole group on `stop()`
 * or when this process exits, so no emulator outlives the dev host. With `pidDir`, the child is noted there until
 * it stops, so the next start reaps it if this process dies without stopping it (`reapPidFiles`).
 */
export function startProcess(name: string, command: string, args: string[], opts: { env?: NodeJS.ProcessEnv; cwd?: string; pidDir?: string | undefined } = {}): { proc: ManagedProcess; child: ChildProcess; output: () => string } {
  const child = spawn(command, args, { cwd: opts.cwd, env: opts.env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const forget = opts.pidDir !== undefined && child.pid !== undefined ? writePidFile(opts.pidDir, name, child.pid) : () => {};
  child.once('exit', forget);
  let output = '';
  const keep = (b: Buffer) => {
    output = (output + b.toString('utf8')).slice(-16_384);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const killGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // already gone
    }
  };
  const proc: ManagedProcess = {
    name,
    pid: child.pid,
    stop: async () => {
      running.delete(proc);
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      killGroup('SIGTERM');
      const timer = setTimeout(() => killGroup('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
  running.add(proc);
  if (!exitHookInstalled) {
    exitHookInstalled = true;
    process.once('exit', () => {
      for (const p of running) if (p.pid !== undefined) try { process.kill(-p.pid, 'SIGKILL'); } catch { /* gone */ }
    });
  }
  return { proc, child, output: () => output };
}

/** Stop every process started through `startProcess` that is still running. */
export async function stopAllProcesses(): Promise<void> {
  await Promise.all([...running].map((p) => p.stop()));
}

/** The error a start fails with when the child reported that its port is taken (retried by `retryWhilePortTaken`). */
export class PortInUseError extends Error {}

/**
 * Resolve with the match once the child's output matches `pattern`; reject when it exits first (a `PortInUseError`
 * when it said EADDRINUSE) or after `timeoutMs`.
 */
export async function waitForOutput(child: ChildProcess, output: () => string, pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const match = pattern.exec(output());
    if (match) return match;
    if (child.exitCode !== null || child.signalCode !== null) {
      if (/EADDRINUSE/.test(output())) throw new PortInUseError('its port is in use (EADDRINUSE)');
      throw new Error(`process exited with code ${child.exitCode ?? child.signalCode} before it was ready`);
    }
    if (Date.now() > deadline) throw new Error(`not ready within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Run `start` again while it fails with `PortInUseError` (another process holds the port for now), up to `attempts` times. */
export async function retryWhilePortTaken<T>(start: () => Promise<T>, attempts = 20, delayMs = 250): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start();
    } catch (e) {
      if (!(e instanceof PortInUseError) || attempt >= attempts) throw e;
      await new Promise((r) => setTimeout(r, delayMs));
    }
  }
}
