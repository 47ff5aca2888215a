import type { CapturedApp, Registration } from '../core-stub.js';
import { findByTrigger } from '../core-stub.js';
import { invokeFunction } from '../invoke.js';
import type { InvocationLog, RpcTypedData } from '../invoke.js';
import { decodeReturn } from './out-of-proc-protocol.js';

/*
 * Runs activity functions the way the Functions host does: through the worker's invocation model, with the input as
 * the activity trigger's data, at most `maxConcurrent` at a time. A thrown error becomes the TaskFailed the extension
 * writes: Reason `Activity function '<name>' failed: <message>` and Details describing the error. The SDK shows
 * the orchestrator `${Reason} \n ${Details}`.
 */

/** What an activity run produced: its result as JSON text, or the failure fields. */
export type ActivityOutcome = { ok: true; result: string } | { ok: false; reason: string; details: string };

/** A counting semaphore (FIFO). */
export class Semaphore {
  private waiting: (() => void)[] = [];
  private active = 0;

  constructor(private readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`Concurrency limit must be a positive integer, got ${limit}`);
  }

  /** Run `fn` when a slot is free. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active += 1;
    try {
      return await fn();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

/** Invokes captured activity functions with bounded concurrency. */
export class ActivityRunner {
  private readonly slots: Semaphore;

  constructor(
    private readonly app: CapturedApp,
    maxConcurrent: number,
    private readonly logFor: (functionName: string) => InvocationLog,
  ) {
    this.slots = new Semaphore(maxConcurrent);
  }

  /** The registration of an activity function, if one has that name. */
  find(name: string): Registration | undefined {
    return findByTrigger(this.app, name, 'activityTrigger');
  }

  /** Run one activity with its input (JSON text, as in TaskScheduled.Input). */
  async run(name: string, input: string | null): Promise<ActivityOutcome> {
    const reg = this.find(name);
    if (!reg) {
      return { ok: false, reason: `The activity function '${name}' doesn't exist.`, details: JSON.stringify({ message: `No activity function named '${name}' is registered.` }) };
    }
    return this.slots.run(async () => {
      const trigger: RpcTypedData = input === null ? { json: 'null' } : { string: input };
      try {
        const res = await invokeFunction(this.app, reg, { trigger }, this.logFor(name));
        const value = decodeReturn(res.returnValue);
        return { ok: true as const, result: JSON.stringify(value ?? null) };
      } catch (err) {
        return { ok: false as const, reason: `Activity function '${name}' failed: ${messageOf(err)}`, details: JSON.stringify(describeError(err)) };
      }
    });
  }
}

function messageOf(err: unknown): string {
  if (err instanceof Error) return err.message;
  return typeof err === 'string' ? err : JSON.stringify(err);
}

/**
 * The error as JSON for `Details`: name, message and, for errors that carry them (an `AppError`), `code`,
 * `retryable`, `issues` and `details`, so an orchestrator can still tell error codes apart. No stack: Details reaches
 * API callers through the failed instance's output.
 */
export function describeError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { name: 'Error', message: messageOf(err) };
  const out: Record<string, unknown> = { name: err.name, message: err.message };
  const withJson = err as Error & { toJSON?: unknown };
  const json = typeof withJson.toJSON === 'function' ? (withJson.toJSON as () => unknown).call(err) : undefined;
  if (json && typeof json === 'object') Object.assign(out, json);
  else {
    for (const key of ['code', 'retryable', 'issues', 'details'] as const) {
      const v = (err as unknown as Record<string, unknown>)[key];
      if (v !== undefined) out[key] = v;
    }
  }
  return out;
}
