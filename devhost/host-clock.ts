/**
 * The time source of the dev host's timer triggers. The real one uses the wall clock; tests pass a controllable one
 * (the durable engine's ManualClock satisfies this too) so hours of schedules pass in milliseconds.
 */
export interface HostClock {
  now(): number;
  /** Call `fn` once `now() >= at`; returns a cancel function. */
  at(at: number, fn: () => void): () => void;
}

/** Wall-clock implementation (long delays are chained, since setTimeout caps at ~24.8 days). */
export const realHostClock: HostClock = {
  now: () => Date.now(),
  at(at, fn) {
    let handle: NodeJS.Timeout;
    const arm = () => {
      const delay = Math.max(0, at - Date.now());
      handle = setTimeout(delay > 2 ** 31 - 1 ? arm : fn, Math.min(delay, 2 ** 31 - 1));
      handle.unref();
    };
    arm();
    return () => clearTimeout(handle);
  },
};
