import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { Logger } from '../../shared/logging/logger.js';
import { silentLogger } from '../../shared/logging/logger.js';
import type { CapturedApp } from '../core-stub.js';
import { randomKey } from '../host-keys.js';
import type { RpcTypedData } from '../invoke.js';
import { ClientApi } from './client-api.js';
import type { DurableOps } from './client-api.js';
import { clientBindingData, hubQuery } from './client-binding.js';
import type { DurableClientBindingData } from './client-binding.js';
import { RealClock } from './clock.js';
import type { Clock } from './clock.js';
import { recoverInstances } from './crash-recovery.js';
import { ev, isTerminal } from './history-events.js';
import type { HistoryEvent } from './history-events.js';
import { instanceIdProblem } from './instance-id.js';
import { InstanceScheduler } from './instance-scheduler.js';
import type { OperationResult } from './instance-scheduler.js';
import { InstanceStore } from './instance-store.js';
import { matchesFilter, statusPayload } from './status.js';
import type { InstanceFilter, StatusOptions, StatusPayload } from './status.js';
import { waitForStatus } from './status-watch.js';

export type { DurableClientBindingData } from './client-binding.js';
export { instanceIdProblem } from './instance-id.js';
export type { OperationResult } from './instance-scheduler.js';

/*
 * Durable Functions for the dev host: the facade that ties the store, the instance scheduler (episodes, per-instance
 * locks, activity concurrency), sub-orchestration links, crash recovery and the client HTTP API together. Every
 * change is written to the instance's journal before anything acts on it, so after a crash `start()` resumes every
 * instance from disk (see crash-recovery.ts).
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
  /** The key the HTTP API requires (Azure's `durabletask_extension` system key); default: random for this engine. */
  systemKey?: string;
  /** The host's master key, also accepted on the webhook routes. */
  masterKey?: string;
}

/** Result of a start request. */
export type StartResult =
  | { ok: true; instanceId: string }
  | { ok: false; code: 'conflict' | 'unknown-orchestrator' | 'invalid-instance-id'; message: string };

/** Runs durable orchestrations for the dev host. See the file comment. */
export class DurableEngine implements DurableOps {
  readonly clock: Clock;
  /** The key the HTTP API requires; the binding data hands it to the app's `df.getClient()`. */
  readonly systemKey: string;
  readonly store: InstanceStore;
  private readonly log: Logger;
  private readonly baseUrlOf: () => string;
  private readonly taskHubName: string;
  private readonly connectionName: string;
  private readonly scheduler: InstanceScheduler;
  private readonly api: ClientApi;
  private started = false;

  constructor(opts: DurableEngineOptions) {
    this.clock = opts.clock ?? new RealClock();
    this.log = opts.log ?? silentLogger;
    const base = opts.baseUrl;
    this.baseUrlOf = typeof base === 'function' ? base : () => base;
    this.taskHubName = opts.taskHubName ?? 'TestHubName';
    this.connectionName = opts.connectionName ?? 'Storage';
    this.systemKey = opts.systemKey ?? randomKey();
    this.store = new InstanceStore(path.join(opts.stateDir, 'instances'));
    this.scheduler = new InstanceScheduler({
      app: opts.app,
      clock: this.clock,
      log: this.log,
      store: this.store,
      maxConcurrentActivities: opts.maxConcurrentActivities ?? 10,
    });
    this.api = new ClientApi(this, () => this.baseUrlOf(), hubQuery(this.taskHubName, this.connectionName), { systemKey: this.systemKey, masterKey: opts.masterKey });
  }

  // ---------------------------------------------------------------- lifecycle

  /** Load every instance from disk and resume the unfinished ones. */
  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    await recoverInstances(this.scheduler);
    this.log.info('durable: engine started', { instances: this.scheduler.instances.size });
  }

  /** Stop arming timers and running episodes; waits for running episodes. In-flight activities are abandoned. */
  async stop(): Promise<void> {
    await this.scheduler.stop();
  }

  /** Wait until no episode, activity or delivery is running or queued (timers may still be armed). */
  async idle(): Promise<void> {
    await this.scheduler.idle();
  }

  /** Wait until the instance's status satisfies `predicate` (rejects after `timeoutMs`). */
  async waitFor(instanceId: string, predicate: (s: StatusPayload) => boolean, timeoutMs = 30_000): Promise<StatusPayload> {
    return waitForStatus(this.scheduler.changes, (id) => this.getStatus(id), instanceId, predicate, timeoutMs);
  }

  // ---------------------------------------------------------------- HTTP + binding

  /** Serve the Durable HTTP API (routes under `/runtime/webhooks/durabletask/`); false when the URL is not ours. */
  handleHttp(req: IncomingMessage, res: ServerResponse): boolean {
    return this.api.handle(req, res);
  }

  /** The `durableClient` input binding data, so `df.getClient(context)` talks to this engine. */
  clientBindingData(): DurableClientBindingData {
    return clientBindingData(this.baseUrlOf(), this.taskHubName, this.connectionName, this.systemKey);
  }

  /** The binding data as RPC input, for `invokeFunction(..., { extraInputsByType: { durableClient: engine.clientInput() } })`. */
  clientInput(): RpcTypedData {
    return { string: JSON.stringify(this.clientBindingData()) };
  }

  // ---------------------------------------------------------------- client operations (also used by the HTTP API)

  /** Start an orchestration; refused while an instance with that id is Running, Pending or Suspended. */
  async startNew(name: string, opts: { instanceId?: string | undefined; input?: unknown; inputJson?: string | null } = {}): Promise<StartResult> {
    const s = this.scheduler;
    if (!s.findOrchestrator(name)) {
      return { ok: false, code: 'unknown-orchestrator', message: `The function '${name}' doesn't exist, is disabled, or is not an orchestrator function.` };
    }
    const instanceId = opts.instanceId ?? randomUUID().replace(/-/g, '');
    const invalid = instanceIdProblem(instanceId);
    if (invalid) return { ok: false, code: 'invalid-instance-id', message: invalid };
    const inputJson = opts.inputJson !== undefined ? opts.inputJson : opts.input === undefined ? null : JSON.stringify(opts.input);
    const rt = s.runtime(instanceId);
    return s.withLock(rt, async (): Promise<StartResult> => {
      const current = rt.state;
      if (current && !isTerminal(current.status)) {
        return { ok: false, code: 'conflict', message: `An Orchestration instance with the status ${statusPayload(current).runtimeStatus} already exists.` };
      }
      await s.beginExecution(rt, name, inputJson, undefined);
      return { ok: true, instanceId };
    });
  }

  /** Status of one instance, or undefined when there is none. */
  getStatus(instanceId: string, opts: StatusOptions = {}): StatusPayload | undefined {
    const st = this.scheduler.instances.get(instanceId)?.state;
    return st ? statusPayload(st, opts) : undefined;
  }

  /** Statuses of the instances that pass the filter, ordered by creation time. */
  listInstances(filter: InstanceFilter = {}, opts: StatusOptions = {}): StatusPayload[] {
    return [...this.scheduler.instances.values()]
      .flatMap((rt) => (rt.state && matchesFilter(rt.state, filter) ? [rt.state] : []))
      .sort((a, b) => a.createdTime.localeCompare(b.createdTime) || a.instanceId.localeCompare(b.instanceId))
      .map((s) => statusPayload(s, opts));
  }

  /** The stored wire history of an instance's current execution (for golden fixtures). */
  readHistory(instanceId: string): HistoryEvent[] | undefined {
    const st = this.scheduler.instances.get(instanceId)?.state;
    return st ? st.history.map((e) => ({ ...e })) : undefined;
  }

  /** Raise an external event (data as JSON text, or null). */
  async raiseEvent(instanceId: string, eventName: string, dataJson: string | null): Promise<OperationResult> {
    return this.scheduler.control(instanceId, ev.eventRaised(this.scheduler.nowIso(), eventName, dataJson));
  }

  /** Terminate a running instance. */
  async terminate(instanceId: string, reason: string | null): Promise<OperationResult> {
    return this.scheduler.control(instanceId, ev.executionTerminated(this.scheduler.nowIso(), reason));
  }

  /** Suspend a running instance: arrivals are kept until it is resumed. */
  async suspend(instanceId: string, reason: string | null): Promise<OperationResult> {
    return this.scheduler.control(instanceId, ev.executionSuspended(this.scheduler.nowIso(), reason));
  }

  /** Resume a suspended instance. */
  async resume(instanceId: string, reason: string | null): Promise<OperationResult> {
    return this.scheduler.control(instanceId, ev.executionResumed(this.scheduler.nowIso(), reason));
  }

  /** Delete a finished instance. */
  async purge(instanceId: string): Promise<'purged' | 'not-found' | 'not-terminal'> {
    return this.scheduler.purge(instanceId);
  }

  /** Delete the finished instances that pass the filter; returns how many. */
  async purgeWhere(filter: InstanceFilter): Promise<number> {
    let n = 0;
    for (const s of this.listInstances(filter)) {
      if (isTerminal(s.runtimeStatus) && (await this.purge(s.instanceId)) === 'purged') n += 1;
    }
    return n;
  }
}
