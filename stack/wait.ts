import { setTimeout as sleep } from 'node:timers/promises';
import { logTail, type ManagedProcess } from './managed-process.js';
import { silentSink, startProgress, type Progress, type ProgressSink } from './progress.js';

/** Thrown when a service does not become healthy in time or exits while starting. Carries its log's tail. */
export class ServiceStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ServiceStartError';
  }
}

export interface WaitOptions {
  /** Time between checks (default 500 ms). */
  intervalMs?: number;
  /** Told what is being waited for, so a slow start-up can say so. */
  progress?: Progress;
}

/**
 * Poll `check` until it returns a value other than undefined. Fails early (with the log tail) if the process exits,
 * and after `timeoutMs`. Errors thrown by `check` count as "not yet" (connection refused while starting), except a
 * `ServiceStartError`, which means "this will never work" and ends the wait at once.
 */
export async function waitFor<T>(what: string, proc: ManagedProcess, timeoutMs: number, check: () => Promise<T | undefined>, opts: WaitOptions = {}): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  const intervalMs = opts.intervalMs ?? 500;
  opts.progress?.update({ stage: `waiting for ${what}` });
  let lastError = '';
  for (;;) {
    if (proc.hasExited()) {
      throw new ServiceStartError(`${proc.name} exited while waiting for ${what}. Log tail (${proc.logFile}):\n${logTail(proc.logFile)}`);
    }
    try {
      const v = await check();
      if (v !== undefined) return v;
    } catch (e) {
      if (e instanceof ServiceStartError) throw e;
      lastError = e instanceof Error ? e.message : String(e);
    }
    if (Date.now() > deadline) {
      throw new ServiceStartError(
        `${proc.name}: ${what} not reached within ${Math.round(timeoutMs / 1000)} s${lastError ? ` (last error: ${lastError})` : ''}. Log tail (${proc.logFile}):\n${logTail(proc.logFile)}`,
      );
    }
    await sleep(intervalMs);
  }
}

/** A GET with a per-request timeout; resolves with the response (any status). */
export async function httpGet(url: string, headers: Record<string, string> = {}, timeoutMs = 5_000): Promise<Response> {
  return fetch(url, { headers, signal: AbortSignal.timeout(timeoutMs) });
}

/** The reporter of a server start-up: silent for the first 5 s (most starts are quicker), then one line per stage or 10 s. */
export function startupProgress(label: string, sink: ProgressSink | undefined): Progress {
  return startProgress({ label, sink: sink ?? silentSink, quietMs: 5_000 });
}
