import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Logger } from '../../shared/logging/logger.js';
import { silentLogger } from '../../shared/logging/logger.js';
import type { CapturedApp, Registration } from '../core-stub.js';
import { triggerOf } from '../core-stub.js';
import type { InvocationLog, RpcTypedData } from '../invoke.js';
import { ActionExecutor } from './action-executor.js';
import type { ExecutionRef } from './action-executor.js';
import { ActivityRunner } from './activity-runner.js';
import { ClientApi, routePrefix } from './client-api.js';
import type { DurableOps } from './client-api.js';
import { RealClock } from './clock.js';
import type { Clock } from './clock.js';
import { applyLine, foldJournal, hasCompletion, openOps } from './execution-state.js';
import type { ExecutionState } from './execution-state.js';
import { EventType, completionTarget, ev, isTerminal } from './history-events.js';
import type { HistoryEvent, ParentInstance } from './history-events.js';
import { InstanceStore } from './instance-store.js';
import type { JournalLine, PendingLine } from './journal.js';
import type { Effect } from './orchestration-runner.js';
import { planEpisode, skippedAttemptFailure } from './orchestration-runner.js';
import { matchesFilter, stateSummary, statusPayload } from './status.js';
import type { InstanceFilter, StatusOptions, StatusPayload } from './status.js';

/*
 * Durable Functions for the dev host: the facade that ties the store, the episode planner, the executor and the
 * client HTTP API together. Each instance is processed by one episode at a time (a per-instance lock around every
 * journal write); activities of all instances share a concurrency limit. Every change is written to the instance's
 * journal before anything acts on it, so after a crash `start()` resumes every instance from disk: arrivals not yet
 * seen are delivered, activities whose completion was never recorded run again, timers are re-armed, and
 * sub-orchestrations are matched up with their parents.
 */

export interface DurableEngineOptions {
  /** The captured app (registrations and programming model) from `installCoreStub()`. */
  app: CapturedApp;
  /** Directory for instance state (created if missing). */
  stateDir: string;
  /** Time source for history timestamps and durable timers (default: the real clock). */
  clock?: Clock;
  log?: Logger;
  /** Origin the app is served on, e.g. `http://127.0.0.1:7071` (or a function, for servers on ephemeral ports). */
  baseUrl: string | (() => string);
  taskHubName?: string;
  connectionName?: string;
  /** How many activities may run at once across all instances (default 10). */
  maxConcurrentActivities?: number;
}

/** The JSON the `durableClient` input binding carries (what `df.getClient(context)` reads). */
export interface DurableClientBindingData {
  taskHubName: string;
  creationUrls: { createNewInstancePostUri: string; createAndWaitOnNewInstancePostUri: string };
  managementUrls: Record<string, string>;
  baseUrl: string;
  requiredQueryStringParameters: string;
  rpcBaseUrl: string;
}

/** Result of a start request. */
export type StartResult =
  | { ok: true; instanceId: string }
  | { ok: false; code: 'conflict' | 'unknown-orchestrator' | 'invalid-instance-id'; message: string };

/** Result of an operation on an existing instance (the HTTP API maps these to 202/410/404). */
export type OperationResult = 'accepted' | 'gone' | 'not-found';

interface InstanceRuntime {
  id: string;
  state: ExecutionState | undefined;
  lock: Promise<unknown>;
  pumpScheduled: boolean;
}

const instanceIdPlaceholder = 'INSTANCEID';

/** Arrivals a continued-as-new execution hands to the next one (task results belong to the old one). */
const carriedOverTypes = new Set<number>([EventType.EventRaised, EventType.ExecutionSuspended, EventType.ExecutionResumed, EventType.ExecutionTerminated]);

/** Runs durable orchestrations for the dev host. See the file comment. */
export class DurableEngine implements DurableOps {
  readonly clock: Clock;
  readonly store: InstanceStore;
  private readonly app: CapturedApp;
  private readonly log: Logger;
  private readonly baseUrlOf: () => string;
  private readonly taskHubName: string;
  private readonly connectionName: string;
  private readonly activities: ActivityRunner;
  private readonly executor: ActionExecutor;
  private readonly api: ClientApi;
  private readonly instances = new Map<string, InstanceRuntime>();
  private readonly tracked = new Set<Promise<unknown>>();
  private readonly changes = new EventEmitter();
  private started = false;
  private stopped = false;

  constructor(opts: DurableEngineOptions) {
    this.app = opts.app;
    this.clock = opts.clock ?? new RealClock();
    this.log = opts.log ?? silentLogger;
    const base = opts.baseUrl;
    this.baseUrlOf = typeof base === 'function' ? base : () => base;
    this.taskHubName = opts.taskHubName ?? 'TestHubName';
    this.connectionName = opts.connectionName ?? 'Storage';
    this.store = new InstanceStore(path.join(opts.stateDir, 'instances'));
    this.activities = new ActivityRunner(this.app, opts.maxConcurrentActivities ?? 10, (name) => this.invocationLog(name));
    this.executor = new ActionExecutor({
      clock: this.clock,
      activities: this.activities,
      deliver: (target, event) => this.deliver(target, event),
      startChild: (parent, taskId, child) => this.startChild(parent, taskId, child),
      track: (work) => this.track(work),
    });
    this.changes.setMaxListeners(0);
    this.api = new ClientApi(this, () => this.baseUrlOf(), `taskHub=${encodeURIComponent(this.taskHubName)}&connection=${encodeURIComponent(this.connectionName)}`);
  }

  // ---------------------------------------------------------------- lifecycle

  /** Load every instance from disk and resume the unfinished ones. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await this.store.init();
    for (const dir of await this.store.listDirs()) {
      const lines = await this.store.loadDir(dir);
      const first = lines?.[0];
      if (!lines || !first || !('p' in first)) continue;
      const id = first.p.OrchestrationInstance?.InstanceId;
      if (!id) continue;
      try {
        const rt = this.runtime(id);
        rt.state = foldJournal(id, lines);
      } catch (err) {
        this.log.error('durable: cannot load instance', { instanceId: id, error: String(err) });
      }
    }
    for (const rt of this.instances.values()) {
      await this.withLock(rt, async () => {
        if (rt.state?.status === 'ContinuedAsNew') await this.continueAsNew(rt);
      });
    }
    for (const rt of this.instances.values()) this.resumeAfterLoad(rt);
    this.log.info('durable: engine started', { instances: this.instances.size });
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

  /** Wait until the instance's status satisfies `predicate` (rejects after `timeoutMs`). */
  async waitFor(instanceId: string, predicate: (s: StatusPayload) => boolean, timeoutMs = 30_000): Promise<StatusPayload> {
    const check = () => {
      const s = this.getStatus(instanceId);
      return s && predicate(s) ? s : undefined;
    };
    const now = check();
    if (now) return now;
    return new Promise<StatusPayload>((resolve, reject) => {
      const onChange = (id: string) => {
        if (id !== instanceId) return;
        const s = check();
        if (!s) return;
        cleanup();
        resolve(s);
      };
      const timer = setTimeout(() => {
        cleanup();
        const s = this.getStatus(instanceId);
        reject(new Error(`Timed out after ${timeoutMs} ms waiting for instance '${instanceId}' (status: ${s ? JSON.stringify(s) : 'none'})`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.changes.off('change', onChange);
      };
      this.changes.on('change', onChange);
    });
  }

  // ---------------------------------------------------------------- HTTP + binding

  /** Serve the Durable HTTP API (routes under `/runtime/webhooks/durabletask/`); false when the URL is not ours. */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean {
    return this.api.handle(req, res);
  }

  /** The `durableClient` input binding data, so `df.getClient(context)` talks to this engine. */
  clientBindingData(): DurableClientBindingData {
    const base = `${this.baseUrlOf().replace(/\/+$/, '')}${routePrefix}`;
    const q = `taskHub=${encodeURIComponent(this.taskHubName)}&connection=${encodeURIComponent(this.connectionName)}`;
    const inst = `${base}/instances/${instanceIdPlaceholder}`;
    return {
      taskHubName: this.taskHubName,
      creationUrls: {
        createNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?`,
        createAndWaitOnNewInstancePostUri: `${base}/orchestrators/{functionName}[/{instanceId}]?timeout={timeoutInSeconds}&pollingInterval={intervalInSeconds}&`,
      },
      managementUrls: {
        id: instanceIdPlaceholder,
        statusQueryGetUri: `${inst}?${q}`,
        sendEventPostUri: `${inst}/raiseEvent/{eventName}?${q}`,
        terminatePostUri: `${inst}/terminate?reason={text}&${q}`,
        rewindPostUri: `${inst}/rewind?reason={text}&${q}`,
        purgeHistoryDeleteUri: `${inst}?${q}`,
        restartPostUri: `${inst}/restart?${q}`,
        suspendPostUri: `${inst}/suspend?reason={text}&${q}`,
        resumePostUri: `${inst}/resume?reason={text}&${q}`,
      },
      baseUrl: base,
      requiredQueryStringParameters: '',
      rpcBaseUrl: `${base}/`,
    };
  }

  /** The binding data as RPC input, for `invokeFunction(..., { extraInputsByType: { durableClient: engine.clientInput() } })`. */
  clientInput(): RpcTypedData {
    return { string: JSON.stringify(this.clientBindingData()) };
  }

  // ---------------------------------------------------------------- client operations (also used by the HTTP API)

  /** Start an orchestration; refused while an instance with that id is Running, Pending or Suspended. */
  async startNew(name: string, opts: { instanceId?: string | undefined; input?: unknown; inputJson?: string | null } = {}): Promise<StartResult> {
    if (!this.findOrchestrator(name)) {
      return { ok: false, code: 'unknown-orchestrator', message: `The function '${name}' doesn't exist, is disabled, or is not an orchestrator function.` };
    }
    const instanceId = opts.instanceId ?? randomUUID().replace(/-/g, '');
    const invalid = instanceIdProblem(instanceId);
    if (invalid) return { ok: false, code: 'invalid-instance-id', message: invalid };
    const inputJson = opts.inputJson !== undefined ? opts.inputJson : opts.input === undefined ? null : JSON.stringify(opts.input);
    const rt = this.runtime(instanceId);
    return this.withLock(rt, async (): Promise<StartResult> => {
      const current = rt.state;
      if (current && !isTerminal(current.status)) {
        return { ok: false, code: 'conflict', message: `An Orchestration instance with the status ${statusPayload(current).runtimeStatus} already exists.` };
      }
      await this.beginExecution(rt, name, inputJson, undefined);
      return { ok: true, instanceId };
    });
  }

  /** Status of one instance, or undefined when there is none. */
  getStatus(instanceId: string, opts: StatusOptions = {}): StatusPayload | undefined {
    const st = this.instances.get(instanceId)?.state;
    return st ? statusPayload(st, opts) : undefined;
  }

  /** Statuses of the instances that pass the filter, ordered by creation time. */
  listInstances(filter: InstanceFilter = {}, opts: StatusOptions = {}): StatusPayload[] {
    return [...this.instances.values()]
      .flatMap((rt) => (rt.state && matchesFilter(rt.state, filter) ? [rt.state] : []))
      .sort((a, b) => a.createdTime.localeCompare(b.createdTime) || a.instanceId.localeCompare(b.instanceId))
      .map((s) => statusPayload(s, opts));
  }

  /** The stored wire history of an instance's current execution (for golden fixtures). */
  readHistory(instanceId: string): HistoryEvent[] | undefined {
    const st = this.instances.get(instanceId)?.state;
    return st ? st.history.map((e) => ({ ...e })) : undefined;
  }

  /** Raise an external event (data as JSON text, or null). */
  async raiseEvent(instanceId: string, eventName: string, dataJson: string | null): Promise<OperationResult> {
    return this.control(instanceId, ev.eventRaised(this.nowIso(), eventName, dataJson));
  }

  /** Terminate a running instance. */
  async terminate(instanceId: string, reason: string | null): Promise<OperationResult> {
    return this.control(instanceId, ev.executionTerminated(this.nowIso(), reason));
  }

  /** Suspend a running instance: arrivals are kept until it is resumed. */
  async suspend(instanceId: string, reason: string | null): Promise<OperationResult> {
    return this.control(instanceId, ev.executionSuspended(this.nowIso(), reason));
  }

  /** Resume a suspended instance. */
  async resume(instanceId: string, reason: string | null): Promise<OperationResult> {
    return this.control(instanceId, ev.executionResumed(this.nowIso(), reason));
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

  /** Delete the finished instances that pass the filter; returns how many. */
  async purgeWhere(filter: InstanceFilter): Promise<number> {
    let n = 0;
    for (const s of this.listInstances(filter)) {
      if (isTerminal(s.runtimeStatus) && (await this.purge(s.instanceId)) === 'purged') n += 1;
    }
    return n;
  }

  // ---------------------------------------------------------------- internals

  private runtime(id: string): InstanceRuntime {
    let rt = this.instances.get(id);
    if (!rt) {
      rt = { id, state: undefined, lock: Promise.resolve(), pumpScheduled: false };
      this.instances.set(id, rt);
    }
    return rt;
  }

  /** Run `fn` with the instance's lock held: one journal writer per instance at a time. */
  private withLock<T>(rt: InstanceRuntime, fn: () => Promise<T>): Promise<T> {
    const result = rt.lock.then(fn, fn);
    rt.lock = result.catch(() => undefined);
    return result;
  }

  private track(work: Promise<unknown>): void {
    const p = work.catch((err: unknown) => this.log.error('durable: background work failed', { error: err instanceof Error ? err.stack : String(err) }));
    this.tracked.add(p);
    void p.finally(() => this.tracked.delete(p));
  }

  private nowIso(): string {
    return new Date(this.clock.now()).toISOString();
  }

  private findOrchestrator(name: string): Registration | undefined {
    const reg = this.app.registrations.get(name);
    if (!reg) return undefined;
    try {
      return triggerOf(reg).type === 'orchestrationTrigger' ? reg : undefined;
    } catch {
      return undefined;
    }
  }

  private invocationLog(functionName: string): InvocationLog {
    return (level, category, message) => {
      const fields = { function: functionName, category };
      if (level === 'error' || level === 'critical') this.log.error(message, fields);
      else if (level === 'warning') this.log.warn(message, fields);
      else if (level === 'information') this.log.info(message, fields);
      else this.log.debug(message, fields);
    };
  }

  private refOf(st: ExecutionState): ExecutionRef {
    return { instanceId: st.instanceId, executionId: st.executionId, name: st.name };
  }

  /** Write a fresh journal (new execution) and start processing it. Call with the lock held. */
  private async beginExecution(rt: InstanceRuntime, name: string, inputJson: string | null, parent: ParentInstance | undefined, carried: HistoryEvent[] = []): Promise<void> {
    const started = ev.executionStarted(this.nowIso(), { name, input: inputJson, instanceId: rt.id, executionId: randomUUID(), parent });
    const lines: JournalLine[] = [{ p: started, n: 0 }, ...carried.map((e, i): PendingLine => ({ p: e, n: i + 1 }))];
    await this.store.replace(rt.id, lines);
    this.executor.cancelAll(rt.id);
    rt.state = foldJournal(rt.id, lines);
    await this.afterChange(rt);
    this.schedulePump(rt);
  }

  /** Replace a continued-as-new execution with the next one; arrivals it had not seen carry over. Lock held. */
  private async continueAsNew(rt: InstanceRuntime): Promise<void> {
    const st = rt.state;
    if (!st) return;
    const carried = st.pending
      .map((p) => p.event)
      .filter((e) => carriedOverTypes.has(e.EventType));
    await this.beginExecution(rt, st.name, st.result ?? null, st.parent, carried);
  }

  private async afterChange(rt: InstanceRuntime): Promise<void> {
    if (rt.state) await this.store.writeState(rt.id, stateSummary(rt.state));
    this.changes.emit('change', rt.id);
  }

  /** Record an arrival for an execution. Lock taken here. */
  private async deliver(target: ExecutionRef, event: HistoryEvent): Promise<OperationResult | 'stale' | 'duplicate'> {
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
  private async control(instanceId: string, event: HistoryEvent): Promise<OperationResult> {
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

  private async appendArrival(rt: InstanceRuntime, st: ExecutionState, event: HistoryEvent): Promise<void> {
    const line: PendingLine = { p: event, n: st.nextInboxSeq };
    await this.store.append(rt.id, [line]);
    applyLine(st, line);
    this.schedulePump(rt);
  }

  private schedulePump(rt: InstanceRuntime): void {
    if (rt.pumpScheduled || this.stopped) return;
    rt.pumpScheduled = true;
    this.track(this.pump(rt));
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
      log: this.invocationLog(st.name),
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
      this.notifyParent(st);
    }
    return true;
  }

  /** Tell the parent orchestration (if any) how this sub-orchestration ended. */
  private notifyParent(st: ExecutionState): void {
    const parent = st.parent;
    if (!parent) return;
    const ts = this.nowIso();
    const target: ExecutionRef = { instanceId: parent.OrchestrationInstance.InstanceId, executionId: parent.OrchestrationInstance.ExecutionId, name: parent.Name };
    const event =
      st.status === 'Completed'
        ? ev.subOrchestrationCompleted(ts, parent.TaskScheduleId, st.result ?? 'null')
        : ev.subOrchestrationFailed(
            ts,
            parent.TaskScheduleId,
            st.status === 'Terminated' ? `Sub-orchestration '${st.instanceId}' was terminated: ${st.result ?? ''}` : (st.result ?? `Sub-orchestration '${st.instanceId}' failed`),
            JSON.stringify({ instanceId: st.instanceId, name: st.name, runtimeStatus: st.status }),
          );
    this.track(this.deliver(target, event));
  }

  /** Start (or find, after a restart) the sub-orchestration for a parent's task. */
  private async startChild(parent: ExecutionRef, taskId: number, child: { instanceId: string; name: string; input: string | null }): Promise<void> {
    if (this.stopped) return;
    const link: ParentInstance = { Name: parent.name, OrchestrationInstance: { InstanceId: parent.instanceId, ExecutionId: parent.executionId }, TaskScheduleId: taskId };
    const failParent = (reason: string) =>
      this.deliver(parent, ev.subOrchestrationFailed(this.nowIso(), taskId, reason, JSON.stringify({ instanceId: child.instanceId, name: child.name })));
    if (!this.findOrchestrator(child.name)) {
      await failParent(`The function '${child.name}' doesn't exist, is disabled, or is not an orchestrator function.`);
      return;
    }
    if (instanceIdProblem(child.instanceId)) {
      await failParent(instanceIdProblem(child.instanceId) ?? 'invalid instance id');
      return;
    }
    const rt = this.runtime(child.instanceId);
    let finished: ExecutionState | undefined;
    const conflict = await this.withLock(rt, async () => {
      const st = rt.state;
      const same = st?.parent && sameLink(st.parent, link);
      if (st && same) {
        if (isTerminal(st.status)) finished = st; // finished before a restart: tell the parent again (deduplicated there)
        return undefined;
      }
      if (st && !isTerminal(st.status)) return `An Orchestration instance with the status ${statusPayload(st).runtimeStatus} already exists.`;
      await this.beginExecution(rt, child.name, child.input, link);
      return undefined;
    });
    if (conflict) await failParent(conflict);
    if (finished) this.notifyParent(finished);
  }

  /** After loading: re-dispatch open work and re-deliver what may have been lost in a crash. */
  private resumeAfterLoad(rt: InstanceRuntime): void {
    const st = rt.state;
    if (!st) return;
    if (isTerminal(st.status)) {
      this.notifyParent(st);
      return;
    }
    const ref = this.refOf(st);
    const effects: Effect[] = [];
    for (const op of openOps(st)) {
      if (op.skip) {
        const g = op.root === undefined ? undefined : st.groups.get(op.root);
        effects.push({ kind: 'deliver', event: skippedAttemptFailure(g?.kind ?? (op.kind === 'sub' ? 'sub' : 'activity'), this.nowIso(), op.id, op.skip) });
      } else if (op.kind === 'activity') effects.push({ kind: 'activity', id: op.id, name: op.name ?? '', input: op.input ?? null });
      else if (op.kind === 'timer' && !op.canceled && op.fireAt) effects.push({ kind: 'timer', id: op.id, fireAt: op.fireAt });
      else if (op.kind === 'sub' && op.child) effects.push({ kind: 'start-child', id: op.id, name: op.name ?? '', instanceId: op.child, input: op.input ?? null });
    }
    this.executor.execute(ref, effects);
    if (st.pending.length > 0) this.schedulePump(rt);
  }
}

function sameLink(a: ParentInstance, b: ParentInstance): boolean {
  return (
    a.OrchestrationInstance.InstanceId === b.OrchestrationInstance.InstanceId &&
    a.OrchestrationInstance.ExecutionId === b.OrchestrationInstance.ExecutionId &&
    a.TaskScheduleId === b.TaskScheduleId
  );
}

/** Why an instance id is not acceptable (the extension's rules), or undefined. */
export function instanceIdProblem(id: string): string | undefined {
  if (id.length === 0 || id.trim().length === 0) return 'Instance ID must not be empty.';
  if (id.length > 256) return 'Instance ID must not be longer than 256 characters.';
  // eslint-disable-next-line no-control-regex
  if (/[/\\?#\u0000-\u001f\u007f-\u009f]/.test(id)) return `Instance ID '${id}' contains invalid characters.`;
  if (id.startsWith('@')) return 'Orchestration instance ids must not start with @.';
  return undefined;
}
