import { AppError, type ErrorCode } from '../../shared/domain/errors.js';

/** A failure a fake can inject: a retryable HTTP-like status or a permanent error with a code. */
export type Fault = { kind: 'transient'; status?: number; message?: string } | { kind: 'permanent'; code?: ErrorCode; message?: string };

interface Rule {
  remaining: number;
  fault: Fault;
}

/** The error a fault raises, shaped like an adapter's mapping of the upstream failure. */
export function faultError(system: string, method: string, fault: Fault): AppError {
  if (fault.kind === 'transient') {
    const status = fault.status ?? 503;
    return new AppError('TRANSIENT', fault.message ?? `${system}.${method}: upstream answered HTTP ${status}`, { details: { status } });
  }
  return new AppError(fault.code ?? 'PERMANENT', fault.message ?? `${system}.${method}: permanent failure`);
}

/**
 * Knobs shared by every fake: latency, "fail the next N calls" and "fail always" per method, and call counts.
 * Each fake method calls `enter(name)` first.
 */
export class FaultPlan {
  latencyMs = 0;
  private readonly rules = new Map<string, Rule[]>();
  private readonly calls = new Map<string, number>();

  constructor(private readonly system: string) {}

  /** Fail the next `times` calls of `method` with `fault` (default: HTTP 503). */
  failNext(method: string, times: number, fault: Fault = { kind: 'transient', status: 503 }): this {
    this.rules.set(method, [...(this.rules.get(method) ?? []), { remaining: times, fault }]);
    return this;
  }

  /** Fail every call of `method` with `fault` (default: a permanent error). */
  failAlways(method: string, fault: Fault = { kind: 'permanent' }): this {
    return this.failNext(method, Number.POSITIVE_INFINITY, fault);
  }

  /** Remove the rules for `method` (or all). */
  clear(method?: string): void {
    if (method === undefined) this.rules.clear();
    else this.rules.delete(method);
  }

  /** How many times `method` was called (failed calls included). */
  count(method: string): number {
    return this.calls.get(method) ?? 0;
  }

  /** Count the call, wait the latency, and throw the next scheduled fault if any. */
  async enter(method: string): Promise<void> {
    this.calls.set(method, this.count(method) + 1);
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    const rules = this.rules.get(method);
    const rule = rules?.find((r) => r.remaining > 0);
    if (rule) {
      rule.remaining--;
      throw faultError(this.system, method, rule.fault);
    }
  }
}
