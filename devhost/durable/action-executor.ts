import type { ActivityRunner } from './activity-runner.js';
import type { CancelTimer, Clock } from './clock.js';
import { ev } from './history-events.js';
import type { HistoryEvent } from './history-events.js';
import type { Effect } from './episode-draft.js';

/*
 * Carries out what an episode asked for, after its commit is on disk: runs activities, arms durable timers, starts
 * sub-orchestrations, and hands every result back to the engine as an arrival for the instance's next episode.
 */

/** The execution an effect belongs to; results for another execution (after continueAsNew or a restart) are dropped. */
export interface ExecutionRef {
  instanceId: string;
  executionId: string;
  name: string;
}

/** What the executor needs from the engine. */
export interface ExecutorHost {
  clock: Clock;
  activities: ActivityRunner;
  /** Record an arrival for an execution (dropped if the execution is gone or the result is a duplicate). */
  deliver(target: ExecutionRef, event: HistoryEvent): Promise<unknown>;
  /** Start (or find) a sub-orchestration for the parent's task `taskId`. */
  startChild(parent: ExecutionRef, taskId: number, child: { instanceId: string; name: string; input: string | null }): Promise<unknown>;
  /** Keep track of background work so `idle()` can wait for it. */
  track(work: Promise<unknown>): void;
}

/** Executes effects and owns the armed timers. */
export class ActionExecutor {
  private readonly timers = new Map<string, Map<number, CancelTimer>>();

  constructor(private readonly host: ExecutorHost) {}

  /** Start the work for a list of effects. */
  execute(target: ExecutionRef, effects: Effect[]): void {
    for (const effect of effects) this.executeOne(target, effect);
  }

  private executeOne(target: ExecutionRef, effect: Effect): void {
    const { host } = this;
    switch (effect.kind) {
      case 'activity':
        host.track(
          (async () => {
            const outcome = await host.activities.run(effect.name, effect.input);
            const ts = new Date(host.clock.now()).toISOString();
            const event = outcome.ok ? ev.taskCompleted(ts, effect.id, outcome.result) : ev.taskFailed(ts, effect.id, outcome.reason, outcome.details);
            await host.deliver(target, event);
          })(),
        );
        return;
      case 'timer': {
        this.cancel(target.instanceId, effect.id);
        const cancel = host.clock.setTimer(Date.parse(effect.fireAt), () => {
          this.timers.get(target.instanceId)?.delete(effect.id);
          const ts = new Date(host.clock.now()).toISOString();
          host.track(host.deliver(target, ev.timerFired(ts, effect.id, effect.fireAt)));
        });
        let forInstance = this.timers.get(target.instanceId);
        if (!forInstance) {
          forInstance = new Map<number, CancelTimer>();
          this.timers.set(target.instanceId, forInstance);
        }
        forInstance.set(effect.id, cancel);
        return;
      }
      case 'cancel-timer':
        this.cancel(target.instanceId, effect.id);
        return;
      case 'start-child':
        host.track(host.startChild(target, effect.id, { instanceId: effect.instanceId, name: effect.name, input: effect.input }));
        return;
      case 'deliver':
        host.track(host.deliver(target, effect.event));
        return;
    }
  }

  /** Disarm one timer. */
  cancel(instanceId: string, id: number): void {
    const forInstance = this.timers.get(instanceId);
    forInstance?.get(id)?.();
    forInstance?.delete(id);
  }

  /** Disarm every timer of an instance (new execution, purge, terminate). */
  cancelAll(instanceId: string): void {
    for (const cancel of this.timers.get(instanceId)?.values() ?? []) cancel();
    this.timers.delete(instanceId);
  }

  /** Disarm everything (engine stop). */
  stop(): void {
    for (const id of [...this.timers.keys()]) this.cancelAll(id);
  }
}
