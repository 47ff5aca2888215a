import { RealClock, type Clock } from './durable/clock.js';

/**
 * The dev host's one time source, shared by timer triggers and the durable engine: the real clock by default, a
 * `ManualClock` (devhost/durable/clock.ts) in tests, so hours of schedules and durable timers pass in milliseconds.
 */
export type HostClock = Clock;

/** Wall-clock time with real timers. */
export const realHostClock: HostClock = new RealClock();
