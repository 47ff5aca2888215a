import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { Logger } from '../../shared/logging/logger.js';
import type { CapturedApp, Registration } from '../core-stub.js';
import { findByTrigger } from '../core-stub.js';
import { ActionExecutor } from './action-executor.js';
import type { ExecutionRef } from './action-executor.js';
import { ActivityRunner } from './activity-runner.js';
import type { Clock } from './clock.js';
import { applyLine, foldJournal, hasCompletion } from './execution-state.js';
import type { ExecutionState } from './execution-state.js';
import { EventType, completionTarget, ev, isTerminal } from './history-events.js';
import type { HistoryEvent, ParentInstance } from './history-events.js';
import type { InstanceStore } from './instance-store.js';
import { invocationLogTo } from './invocation-log.js';
import type { JournalLine, PendingLine } from './journal.js';
import { planEpisode } from './orchestration-runner.js';
import { stateSummary } from './status.js';
import { notifyParent, startChild } from './sub-orchestrations.js';

/*
 * Runs instances one episode at a time: each instance has a lock around every journal write, so one episode (or one
 * arrival) at a time touches it, while activities of all instances share one concurrency limit. An arrival is written
 * to the journal first; a pump then runs episodes until nothing is waiting, and each episode's commit is on disk
 * before the executor starts the work it asks for.
 */

/** Result of an operation on an existing instance (the HTTP API maps these to 202/410/404). */
export type OperationResult = 'accepted' | 'gone' | 'not-found';

/** One instance as the scheduler holds it: its folded state and the lock its writers queue on. */
export interface InstanceRuntime {
  id: string;
  state: ExecutionState | undefined;
  lock: Promise<unknown>;
  pumpScheduled: boolean;
}

/** What the scheduler runs with. */
export interface SchedulerOptions {
  app: CapturedApp;
  clock: Clock;
  log: Logger;
  store: InstanceStore;
  /** How many activities may run at once across all instances. */
  maxConcurrentActivities: number;
}

/** Arrivals a continued-as-new execution hands to the next one (task results belong to the old one). */
const carriedOverTypes = new Set<number>([EventType.EventRaised, EventType.ExecutionSuspended, EventType.ExecutionResumed, EventType.ExecutionTerminated]);

/** Schedules episodes per instance and owns the executor. See the file comment. */
export class InstanceScheduler {
  readonly instances = new Map<string, InstanceRuntime>();
  /** Emits `change` with the instance id whenever an instance's state changed. */
  readonly changes = new EventEmitter();
  readonly executor: ActionExecutor;
  readonly app: CapturedApp;
  readonly clock: Clock;
  readonly log: Logger;
  readonly store: InstanceStore;
  private readonly tracked = new Set<Promise<unknown>>();
  private stopped = false;

  constructor(opts: SchedulerOptions) {
    this.app = opts.app;
    this.clock = opts.clock;
    this.log = opts.log;
    this.store = opts.store;
    const activities = new ActivityRunner(this.app, opts.maxConcurrentActivities, (name) => invocationLogTo(this.log, name));
    this.executor = new ActionExecutor({
      clock: this.clock,
      activities,
      deliver: (target, event) => this.deliver(target, event),
      startChild: (parent, taskId, child) => startChild(this, parent, taskId, child),
      track: (work) => this.track(work),
    });
    this.changes.setMaxListeners(0);
  }

  /** True once `stop()` was called: nothing new is started. */
  get isStopped(): boolean {
    return this.stopped;
  }

  /** Stop arming timers and running episodes; waits for running episodes. In-flight activities are abandoned. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.executor.stop();
    await Promise.allSettled([...this.instances.values()].map((rt) => rt.lock));
  }

  /** Wait until no episode, activity or delivery is running or queued (timers may still be armed). */
  async idle(): Promise<void> {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      if (this.tracked.size === 0) return;
      await Promise.allSettled([...this.tracked]);
    }
  }

  /** The instance's runtime, created empty when there is none yet. */
  runtime(id: string): InstanceRuntime {
    let rt = this.instances.get(id);
    if (!rt) {
      rt = { id, state: undefined, lock: Promise.resolve(), pumpScheduled: false };
      this.instances.set(id, rt);
    }
    return rt;
  }

  /** Run `fn` with the instance's lock held: one journal writer per instance at a time. */
  withLock<T>(rt: InstanceRuntime, fn: () => Promise<T>): Promise<T> {
    const result = rt.lock.then(fn, fn);
    rt.lock = result.catch(() => undefined);
    return result;
  }

  /** Keep track of background work (so `idle()` can wait for it) and log its failure. */
  track(work: Promise<unknown>): void {
    const p = work.catch((err: unknown) => this.log.error('durable: background work failed', { error: err instanceof Error ? err.stack : String(err) }));
    this.tracked.add(p);
    void p.finally(() => this.tracked.delete(p));
  }

  /** The clock's time as an ISO timestamp, for history events. */
  nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  /** The registered orchestrator of that name, if any. */
  findOrchestrator(name: string): Registration | undefined {
    return findByTrigger(this.app, name, 'orchestrationTrigger');
  }

  /** The execution a state belongs to, as effects and deliveries name it. */
  refOf(st: ExecutionState): ExecutionRef {
    return { instanceId: st.instanceId, executionId: st.executionId, name: st.name };
  }

  /** Write a fresh journal (new execution) and start processing it. Call with the lock held. */
  async beginExecution(rt: InstanceRuntime, name: string, inputJson: string | null, parent: ParentInstance | undefined, carried: HistoryEvent[] = []): Promise<void> {
    const started = ev.executionStarted(this.nowIso(), { name, input: inputJson, instanceId: rt.id, executionId: randomUUID(), parent });
    const lines: JournalLine[] = [{ p: started, n: 0 }, ...carried.map((e, i): PendingLine => ({ p: e, n: i + 1 }))];
    await this.store.replace(rt.id, lines);
    this.executor.cancelAll(rt.id);
    rt.state = foldJournal(rt.id, lines);
    await this.afterChange(rt);
    this.schedulePump(rt);
  }

  /** Replace a continued-as-new execution with the next one; arrivals it had not seen carry over. Lock held. */
  async continueAsNew(rt: InstanceRuntime): Promise<void> {
    const st = rt.state;
    if (!st) return;
    const carried = st.pending
      .map((p) => p.event)
      .filter((e) => carriedOverTypes.has(e.EventType));
    await this.beginExecution(rt, st.name, st.result ?? null, st.parent, carried);
  }

  /** Record an arrival for an execution. Lock taken here. */
  async deliver(target: ExecutionRef, event: HistoryEvent): Promise<OperationResult | 'stale' | 'duplicate'> {
    if (this.stopped) return 'stale';
    const rt = this.instances.get(target.instanceId);
    if (!rt) return 'not-found';
    return this.withLock(rt, async () => {
      const st = rt.state;
      if (!st || this.stopped) return 'not-found' as const;
      if (st.executionId !== target.executionId) return 'stale' as const;
      if (isTerminal(st.status)) return 'gone' as const;
      const id = completionTarget(event);
      if (id !== undefined && (!st.ops.has(id) || hasCompletion(st, id))) return 'duplicate' as const;
      await this.appendArrival(rt, st, event);
      return 'accepted' as const;
    });
  }

  /** An operation from a client: accepted unless the instance is missing or finished. */
  async control(instanceId: string, event: HistoryEvent): Promise<OperationResult> {
    const rt = this.instances.get(instanceId);
    if (!rt) return 'not-found';
    return this.withLock(rt, async () => {
      const st = rt.state;
      if (!st) return 'not-found' as const;
      if (isTerminal(st.status)) return 'gone' as const;
      await this.appendArrival(rt, st, event);
      return 'accepted' as const;
    });
  }

  /** Delete a finished instance. */
  async purge(instanceId: string): Promise<'purged' | 'not-found' | 'not-terminal'> {
    const rt = this.instances.get(instanceId);
    if (!rt) return 'not-found';
    return this.withLock(rt, async () => {
      const st = rt.state;
      if (!st) return 'not-found' as const;
      if (!isTerminal(st.status)) return 'not-terminal' as const;
      await this.store.purge(instanceId);
      this.executor.cancelAll(instanceId);
      rt.state = undefined;
      this.instances.delete(instanceId);
      this.changes.emit('change', instanceId);
      return 'purged' as const;
    });
  }

  /** Make sure episodes run for the instance (once; a running pump picks up what arrives meanwhile). */
  schedulePump(rt: InstanceRuntime): void {
    if (rt.pumpScheduled || this.stopped) return;
    rt.pumpScheduled = true;
    this.track(this.pump(rt));
  }

  private async afterChange(rt: InstanceRuntime): Promise<void> {
    if (rt.state) await this.store.writeState(rt.id, stateSummary(rt.state));
    this.changes.emit('change', rt.id);
  }

  private async appendArrival(rt: InstanceRuntime, st: ExecutionState, event: HistoryEvent): Promise<void> {
    const line: PendingLine = { p: event, n: st.nextInboxSeq };
    await this.store.append(rt.id, [line]);
    applyLine(st, line);
    this.schedulePump(rt);
  }

  /** Run episodes for an instance until nothing is waiting. */
  private async pump(rt: InstanceRuntime): Promise<void> {
    await Promise.resolve();
    for (;;) {
      const more = await this.withLock(rt, async () => {
        const st = rt.state;
        if (!st || this.stopped) {
          rt.pumpScheduled = false;
          return false;
        }
        try {
          return await this.step(rt, st);
        } catch (err) {
          rt.pumpScheduled = false;
          this.log.error('durable: episode failed', { instanceId: rt.id, error: err instanceof Error ? err.stack : String(err) });
          return false;
        }
      });
      if (!more) return;
    }
  }

  /** One episode (or control step). Lock held. Returns false when nothing more is waiting. */
  private async step(rt: InstanceRuntime, st: ExecutionState): Promise<boolean> {
    const plan = await planEpisode({
      app: this.app,
      registration: this.findOrchestrator(st.name),
      state: st,
      now: this.clock.now(),
      log: invocationLogTo(this.log, st.name),
    });
    if (!plan) {
      rt.pumpScheduled = false;
      return false;
    }
    await this.store.append(rt.id, [plan.line]);
    applyLine(st, plan.line);
    this.executor.execute(this.refOf(st), plan.effects);
    if (st.status === 'ContinuedAsNew') {
      await this.continueAsNew(rt);
      return true;
    }
    await this.afterChange(rt);
    if (isTerminal(st.status)) {
      this.executor.cancelAll(rt.id);
      notifyParent(this, st);
    }
    return true;
  }
}
