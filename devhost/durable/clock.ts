/*
 * Time for the durable engine. History timestamps, `currentUtcDateTime` and durable timers all come from one Clock, so
 * tests can use a ManualClock and let hours of timers pass in milliseconds.
 */

/** Cancels a scheduled callback; calling it after the callback ran is harmless. */
export type CancelTimer = () => void;

/** The time source and timer service the engine uses. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Run `cb` once when `now() >= atMs` (at once if that time has passed). */
  setTimer(atMs: number, cb: () => void): CancelTimer;
}

/** setTimeout caps delays at 2^31-1 ms; longer waits are chained. */
const maxDelay = 2_147_483_647;

/** Wall-clock time with real timers. */
export class RealClock implements Clock {
  now(): number {
    return Date.now();
  }

  setTimer(atMs: number, cb: () => void): CancelTimer {
    let handle: NodeJS.Timeout | undefined;
    let cancelled = false;
    const arm = () => {
      const delay = atMs - Date.now();
      if (delay <= 0) {
        handle = setTimeout(() => {
          if (!cancelled) cb();
        }, 0);
        return;
      }
      handle = setTimeout(arm, Math.min(delay, maxDelay));
    };
    arm();
    return () => {
      cancelled = true;
      if (handle) clearTimeout(handle);
    };
  }
}

interface ManualTimer {
  at: number;
  seq: number;
  cb: () => void;
}

/**
 * A clock that moves only when told to. `advance(ms)` fires every timer that falls due, in time order, setting
 * `now()` to each timer's due time as it fires it; pass `settle` (e.g. `() => engine.idle()`) to let the work a timer
 * starts finish (and schedule further timers) before the next one fires.
 */
export class ManualClock implements Clock {
  private current: number;
  private timers: ManualTimer[] = [];
  private seq = 0;

  constructor(start: number | Date = Date.UTC(2026, 0, 1)) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  setTimer(atMs: number, cb: () => void): CancelTimer {
    const t: ManualTimer = { at: atMs, seq: this.seq++, cb };
    if (atMs <= this.current) {
      // Already due: fire without waiting for the next advance (as a real clock would), but never synchronously.
      let cancelled = false;
      queueMicrotask(() => {
        if (!cancelled) cb();
      });
      return () => {
        cancelled = true;
      };
    }
    this.timers.push(t);
    return () => {
      this.timers = this.timers.filter((x) => x !== t);
    };
  }

  /** Timers waiting to fire. */
  pendingTimers(): number {
    return this.timers.length;
  }

  /** The due time of the earliest timer, if any. */
  nextDueAt(): number | undefined {
    return this.earliest()?.at;
  }

  /** Move time forward by `ms`, firing the timers that fall due (see the class comment). */
  async advance(ms: number, settle?: () => Promise<void>): Promise<void> {
    await this.advanceTo(this.current + ms, settle);
  }

  /** Move time forward to `target` (never backwards), firing due timers. */
  async advanceTo(target: number, settle?: () => Promise<void>): Promise<void> {
    await settle?.();
    for (;;) {
      const next = this.earliest();
      if (!next || next.at > target) break;
      this.timers = this.timers.filter((x) => x !== next);
      if (next.at > this.current) this.current = next.at;
      next.cb();
      await settle?.();
    }
    if (target > this.current) this.current = target;
  }

  private earliest(): ManualTimer | undefined {
    let best: ManualTimer | undefined;
    for (const t of this.timers) if (!best || t.at < best.at || (t.at === best.at && t.seq < best.seq)) best = t;
    return best;
  }
}
