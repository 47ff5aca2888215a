import type { DagRunState, EndedDagRun, TrainingScheduler } from '../../shared/ports/external-systems.js';
import { AppError } from '../../shared/domain/errors.js';
import { FaultPlan } from './faults.js';
import type { FakeDagRun, World } from './world.js';

/**
 * Airflow in memory. A dag run "trains" for `durationMs` on the fake clock and ends `finalState`; `trigger` with an
 * existing `dagRunId` returns that run (the adapter's 409 → GET), so `dagRunsCreated` counts real side effects.
 */
export class FakeTrainingScheduler implements TrainingScheduler {
  readonly faults = new FaultPlan('airflow');
  durationMs = 30 * 60_000;
  finalState: 'success' | 'failed' = 'success';
  /** Requests made to `listEnded` (the reconciliation's one Airflow call per tick). */
  listEndedCalls = 0;
  /** Called once when a dag run is created (fakeServices logs the MLflow run the training would log). */
  onCreated: (run: FakeDagRun) => void = () => {};
  /** Keys of the dag runs not yet announced, so finding finished ones does not scan every run of a long simulation. */
  private waiting = new Set<string>();
  private indexed: World['state']['dagRuns'] | undefined;

  constructor(
    private readonly world: World,
    private readonly now: () => number,
  ) {}

  private stateOf(r: FakeDagRun): DagRunState {
    if (r.markedFailed) return 'failed';
    return this.now() >= r.finishAt ? r.finalState : 'running';
  }

  async trigger(req: { dagId: string; dagRunId: string; conf: Record<string, unknown> }): Promise<{ dagRunId: string; state: DagRunState; url?: string }> {
    await this.faults.enter('trigger');
    const key = `${req.dagId}/${req.dagRunId}`;
    let run = this.world.state.dagRuns[key];
    if (!run) {
      const now = this.now();
      run = { dagId: req.dagId, dagRunId: req.dagRunId, conf: req.conf, createdAt: now, finishAt: now + this.durationMs, finalState: this.finalState, markedFailed: false, notified: false };
      this.world.state.dagRuns[key] = run;
      this.unannouncedKeys().add(key);
      this.world.state.counters.dagRunsCreated++;
      this.world.changed();
      this.onCreated(run);
    }
    return { dagRunId: run.dagRunId, state: this.stateOf(run), url: `http://airflow.test/dags/${req.dagId}/runs/${req.dagRunId}` };
  }

  async getRun(dagId: string, dagRunId: string): Promise<{ state: DagRunState; error?: string }> {
    await this.faults.enter('getRun');
    const run = this.world.state.dagRuns[`${dagId}/${dagRunId}`];
    if (!run) throw new AppError('NOT_FOUND', `dag run ${dagRunId} not found`);
    const state = this.stateOf(run);
    return state === 'failed' ? { state, error: run.markedFailed ? 'marked failed' : 'task train failed: exit code 1' } : { state };
  }

  async markFailed(dagId: string, dagRunId: string): Promise<void> {
    await this.faults.enter('markFailed');
    const run = this.world.state.dagRuns[`${dagId}/${dagRunId}`];
    if (!run || this.now() >= run.finishAt) return;
    run.markedFailed = true;
    this.world.changed();
  }

  async listEnded(req: { dagIds: readonly string[]; since: Date; limit: number }): Promise<EndedDagRun[]> {
    await this.faults.enter('listEnded');
    this.listEndedCalls++;
    const now = this.now();
    // A run marked failed ended when it was marked; the fake keeps no time for that, so it says "now" (a later call
    // lists it again, which the caller must bear anyway: its window overlaps).
    return Object.values(this.world.state.dagRuns)
      .filter((r) => req.dagIds.includes(r.dagId) && (r.markedFailed || r.finishAt <= now))
      .map((r) => ({ dagId: r.dagId, dagRunId: r.dagRunId, state: r.markedFailed ? ('failed' as const) : r.finalState, endDate: new Date(r.markedFailed ? now : r.finishAt).toISOString() }))
      .filter((r) => r.endDate >= req.since.toISOString())
      .sort((a, b) => a.endDate.localeCompare(b.endDate))
      .slice(0, req.limit);
  }

  /** The keys of dag runs not announced yet (built afresh from the world's runs when those are replaced or loaded). */
  private unannouncedKeys(): Set<string> {
    const runs = this.world.state.dagRuns;
    if (this.indexed !== runs) {
      this.waiting = new Set(Object.entries(runs).flatMap(([k, r]) => (r.notified ? [] : [k])));
      this.indexed = runs;
    }
    return this.waiting;
  }

  /** Dag runs not yet announced (`takeFinished` has not returned them), in creation order. */
  unannounced(): FakeDagRun[] {
    const keys = this.unannouncedKeys();
    const out: FakeDagRun[] = [];
    for (const k of keys) {
      const r = this.world.state.dagRuns[k];
      if (r && !r.notified) out.push(r);
      else keys.delete(k);
    }
    return out;
  }

  /** Dag runs that finished by `now` and were not yet announced (the test raises `training-finished` for them). */
  takeFinished(now: number): FakeDagRun[] {
    const done = this.unannounced().filter((r) => !r.markedFailed && r.finishAt <= now);
    for (const r of done) r.notified = true;
    if (done.length > 0) this.world.changed();
    return done;
  }

  /** Announce a run again at the next `takeFinished` (its callback was not taken). */
  announceAgain(run: FakeDagRun): void {
    run.notified = false;
    this.unannouncedKeys().add(`${run.dagId}/${run.dagRunId}`);
  }

  /** All dag runs. */
  runs(): FakeDagRun[] {
    return Object.values(this.world.state.dagRuns);
  }
}
