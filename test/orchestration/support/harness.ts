import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { installCoreStub, type CapturedApp } from '../../../devhost/core-stub.js';
import { ManualClock } from '../../../devhost/durable/clock.js';
import { DurableEngine } from '../../../devhost/durable/engine.js';
import type { StatusPayload } from '../../../devhost/durable/status.js';
import type { Services } from '../../../shared/app/services.js';
import { eventNames, imageInstanceId, orchestratorNames, trainingInstanceId } from '../../../shared/durable/instance-ids.js';
import type { TrainingRunInput } from '../../../shared/durable/training-run-input.js';
import type { TrainingRunOutput } from '../../../functions/orchestrators/training-run.js';
import { fakeServices, type Fakes } from '../../fakes/fake-services.js';

/*
 * Whole training runs on the dev host's durable engine with fake ports and a ManualClock. The app registers once per
 * process (the Functions model caches registrations), so the registered activities see a `Services` object whose
 * fields are swapped for each harness; every harness gets its own engine and state directory.
 */

let captured: CapturedApp | undefined;
const liveServices = {} as Services;

/** Install the core stub and register the training run over `liveServices` (once per process). */
export async function registeredApp(): Promise<CapturedApp> {
  if (captured) return captured;
  captured = installCoreStub();
  const { registerTrainingRun } = await import('../../../functions/orchestrators/register-training-run.js');
  registerTrainingRun(liveServices);
  return captured;
}

export const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const terminal = new Set(['Completed', 'Failed', 'Terminated', 'Canceled']);

/** A dev-host durable engine plus fakes, driven by a manual clock. */
export class RunHarness {
  readonly clock: ManualClock;
  readonly fakes: Fakes;
  readonly services: Services;
  /** Whether finished trainings and builds announce themselves (the Airflow callback, the ADO hook). */
  callbacks = true;
  engine!: DurableEngine;
  private stateDir!: string;

  private constructor(opts: { start?: number; persistPath?: string }) {
    this.clock = new ManualClock(opts.start ?? T0);
    const { services, fakes } = fakeServices({ now: () => this.clock.now(), ...(opts.persistPath ? { persistPath: opts.persistPath } : {}) });
    this.services = services;
    this.fakes = fakes;
  }

  /** A harness with a fresh engine (its own state directory) and fresh fakes. */
  static async create(opts: { start?: number; persistPath?: string; stateDir?: string } = {}): Promise<RunHarness> {
    const app = await registeredApp();
    const h = new RunHarness(opts);
    Object.assign(liveServices, h.services);
    h.stateDir = opts.stateDir ?? mkdtempSync(path.join(tmpdir(), 'mlcycle-durable-'));
    h.engine = new DurableEngine({ app, stateDir: h.stateDir, clock: h.clock, baseUrl: 'http://127.0.0.1:9' });
    await h.engine.start();
    return h;
  }

  /** Start a training run (instance id = run id). */
  async start(input: TrainingRunInput): Promise<void> {
    const r = await this.engine.startNew(orchestratorNames.trainingRun, { instanceId: input.runId, input });
    if (!r.ok) throw new Error(`start failed: ${r.message}`);
  }

  /** Status of an instance. */
  status(instanceId: string): StatusPayload | undefined {
    return this.engine.getStatus(instanceId);
  }

  /** Raise the events the external systems would send for work that finished by now. */
  async deliverCallbacks(): Promise<void> {
    if (!this.callbacks) return;
    const now = this.clock.now();
    for (const r of this.fakes.scheduler.takeFinished(now)) {
      const runId = String(r.conf.runId);
      await this.engine.raiseEvent(trainingInstanceId(runId), eventNames.trainingFinished, JSON.stringify({ state: r.finalState, dagRunId: r.dagRunId }));
    }
    for (const b of this.fakes.builder.takeFinished(now)) {
      await this.engine.raiseEvent(imageInstanceId(b.runId), eventNames.imageBuilt, JSON.stringify({ buildId: b.buildId }));
    }
  }

  /** The next moment something happens: a durable timer, or a fake training/build finishing. */
  private nextMoment(): number | undefined {
    const now = this.clock.now();
    const finishes = [
      ...this.fakes.scheduler.unannounced().filter((r) => !r.markedFailed && r.finishAt > now).map((r) => r.finishAt),
      ...Object.values(this.fakes.world.state.builds).filter((b) => !b.notified && b.finishAt > now).map((b) => b.finishAt),
    ];
    const candidates = [this.clock.nextDueAt(), ...(this.callbacks ? finishes : [])].filter((x): x is number => x !== undefined);
    return candidates.length > 0 ? Math.min(...candidates) : undefined;
  }

  /** Let work run and time pass, one moment at a time, until `done()` holds. */
  async runUntil(done: () => boolean | Promise<boolean>, opts: { maxSteps?: number; until?: number } = {}): Promise<void> {
    for (let i = 0; i < (opts.maxSteps ?? 2000); i++) {
      await this.engine.idle();
      await this.deliverCallbacks();
      await this.engine.idle();
      if (await done()) return;
      const next = this.nextMoment();
      if (next === undefined || (opts.until !== undefined && next > opts.until)) {
        if (opts.until !== undefined) return this.clock.advanceTo(opts.until, () => this.engine.idle());
        throw new Error(`nothing left to happen and the condition does not hold (run statuses: ${JSON.stringify(this.engine.listInstances().map((s) => [s.instanceId, s.runtimeStatus]))})`);
      }
      await this.clock.advanceTo(next, () => this.engine.idle());
    }
    throw new Error('runUntil: too many steps');
  }

  /** Drive a run to the end and return its output. */
  async finish(runId: string): Promise<{ status: StatusPayload; output: TrainingRunOutput }> {
    await this.runUntil(() => terminal.has(this.status(runId)?.runtimeStatus ?? ''));
    const status = this.status(runId);
    if (!status) throw new Error('no status');
    return { status, output: status.output as TrainingRunOutput };
  }

  /** Stop the engine and remove its state. */
  async close(): Promise<void> {
    await this.engine.stop();
    rmSync(this.stateDir, { recursive: true, force: true });
  }
}
