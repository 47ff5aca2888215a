import { CronExpressionParser } from 'cron-parser';
import { triggerOf, type CapturedApp, type Registration } from './core-stub.js';
import type { HostClock } from './host-clock.js';
import type { InvocationLog, Invoker } from './invoke.js';

/** One scheduled timer function and its next occurrence. */
export interface ScheduledTimer {
  name: string;
  schedule: string;
  next: Date;
}

/**
 * Resolve a timer schedule as the host does: `%SETTING%` reads an app setting; six fields are NCRONTAB
 * (seconds first); a five-field expression is accepted with seconds = 0. TimeSpan schedules are not supported here.
 */
export function resolveSchedule(raw: string, env: Record<string, string | undefined>): string {
  const m = /^%([^%]+)%$/.exec(raw.trim());
  const expr = m ? env[m[1]!] : raw;
  if (!expr) throw new Error(`Timer schedule ${raw} refers to an app setting that is not set`);
  const fields = expr.trim().split(/\s+/);
  if (fields.length === 5) return `0 ${expr.trim()}`;
  if (fields.length !== 6) throw new Error(`Timer schedule "${expr}" is not a 6-field NCRONTAB expression`);
  return expr.trim();
}

/** The first occurrence strictly after `from` (UTC, like the host without WEBSITE_TIME_ZONE). */
export function nextOccurrence(schedule: string, from: Date): Date {
  return CronExpressionParser.parse(schedule, { currentDate: from, tz: 'UTC' }).next().toDate();
}

/** Fires the app's timer triggers on their schedules, one invocation at a time per function (as the host's singleton lock does). */
export class TimerTriggers {
  private readonly cancels: (() => void)[] = [];
  private readonly timers: ScheduledTimer[] = [];
  private readonly running = new Set<Promise<void>>();
  private stopped = false;

  constructor(
    private readonly app: CapturedApp,
    private readonly clock: HostClock,
    private readonly env: Record<string, string | undefined>,
    private readonly log: InvocationLog,
    private readonly invoke: Invoker,
  ) {}

  /** Arm every timer-triggered function; returns their schedules. */
  start(): ScheduledTimer[] {
    for (const reg of this.app.registrations.values()) {
      const t = triggerOf(reg);
      if (t.type !== 'timerTrigger') continue;
      const schedule = resolveSchedule(String(t.schedule), this.env);
      const timer: ScheduledTimer = { name: reg.name, schedule, next: nextOccurrence(schedule, new Date(this.clock.now())) };
      this.timers.push(timer);
      this.arm(reg, timer, undefined);
      if (t.runOnStartup === true) this.fire(reg, timer, undefined);
    }
    return [...this.timers];
  }

  /** Stop scheduling and wait for invocations in flight. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const c of this.cancels.splice(0)) c();
    await Promise.allSettled([...this.running]);
  }

  private arm(reg: Registration, timer: ScheduledTimer, last: Date | undefined): void {
    if (this.stopped) return;
    this.cancels.push(this.clock.setTimer(timer.next.getTime(), () => this.fire(reg, timer, last)));
  }

  private fire(reg: Registration, timer: ScheduledTimer, last: Date | undefined): void {
    if (this.stopped) return;
    const due = timer.next;
    const now = new Date(this.clock.now());
    const isPastDue = now.getTime() - due.getTime() > 60_000;
    timer.next = nextOccurrence(timer.schedule, now.getTime() >= due.getTime() ? now : due);
    const payload = {
      Schedule: { AdjustForDST: true },
      ScheduleStatus: { Last: (last ?? due).toISOString(), Next: timer.next.toISOString(), LastUpdated: now.toISOString() },
      IsPastDue: isPastDue,
    };
    const run = this.invoke(reg, { trigger: { json: JSON.stringify(payload) } })
      .then(() => undefined)
      .catch((e: unknown) => this.log('error', 'system', `Timer function '${reg.name}' failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => {
        this.running.delete(run);
        this.arm(reg, timer, due);
      });
    this.running.add(run);
  }
}
