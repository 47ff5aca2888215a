import { setTimeout as sleep } from 'node:timers/promises';
import { logSince, logTail, type ManagedProcess } from './managed-process.js';
import { addressInUsePattern, portHeldElsewhere, PortInUseError } from './port-binding.js';
import { silentSink, startProgress, type Progress, type ProgressSink } from './progress.js';
import { ServiceStartError } from './wait-errors.js';

export { ServiceStartError } from './wait-errors.js';

export interface WaitOptions {
  /** Time between checks (default 500 ms). */
  intervalMs?: number;
  /** Told what is being waited for, so a slow start-up can say so. */
  progress?: Progress;
  /**
   * Ports the service was told to bind: the wait fails with a `PortInUseError` when another process holds one of
   * them, or when the service exits saying its address is in use (see stack/port-binding.ts).
   */
  ports?: number[];
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
    takenPort(proc, opts.ports ?? []);
    if (proc.hasExited()) {
      throw new ServiceStartError(`${proc.name} exited while waiting for ${what}. Log tail (${proc.logFile}):\n${logTail(proc.logFile)}`);
    }
    try {
      const v = await check();
      // A foreign server on the port may have answered the check: the socket must be the service's own.
      if (v !== undefined) {
        takenPort(proc, opts.ports ?? []);
        return v;
      }
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

/** Throws a `PortInUseError` when one of `ports` is held outside the service's session or its output says so. */
function takenPort(proc: ManagedProcess, ports: number[]): void {
  if (ports.length === 0) return;
  const held = ports.find((p) => portHeldElsewhere(p, proc.pid));
  const said = held === undefined && proc.hasExited() && addressInUsePattern.test(logSince(proc));
  if (held !== undefined || said) {
    const port = held ?? ports[0]!;
    throw new PortInUseError(port, `${proc.name}: port ${held ?? ports.join(', ')} was taken by another process before the service bound it`);
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
