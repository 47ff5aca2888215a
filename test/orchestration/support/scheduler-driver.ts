import { randomUUID } from 'node:crypto';
import type { PipelineSpec } from '../../../shared/domain/pipeline.js';
import type { Run } from '../../../shared/domain/run.js';
import type { TriggerRecord } from '../../../shared/domain/trigger-record.js';
import { mlflowTags } from '../../../shared/durable/instance-ids.js';
import type { OrchestrationClient } from '../../../shared/ports/orchestration-client.js';
import { putPipeline } from '../../../shared/use-cases/put-pipeline.js';
import type { SchedulerDeps } from '../../../shared/use-cases/schedule/evaluate-pipeline.js';
import type { ScheduleOutcome } from '../../../shared/use-cases/schedule/firing.js';
import { schedulerTick } from '../../../shared/use-cases/schedule/scheduler-tick.js';
import { dataFingerprint } from '../../../shared/domain/dvc/fingerprint.js';
import { fakeServices } from '../../fakes/fake-services.js';
import { commitData, pipelineSpec, sha } from '../../fakes/seed.js';
import type { RunHarness } from './harness.js';

const MINUTE = 60_000;

/**
 * The scheduler timer on the durable harness's manual clock: `schedulerTick` (what the timer's handler runs) called
 * once per clock minute with a Durable client over the dev host's engine, so the runs it starts really run and
 * champions really move. Promotions are carried into the pipeline state the way the promotion step keeps it.
 */
export class SchedulerDriver {
  readonly outcomes: ScheduleOutcome[] = [];

  constructor(readonly h: RunHarness) {}

  /** A Durable client that starts and reads instances on the harness's engine. */
  client(): OrchestrationClient {
    const engine = this.h.engine;
    return {
      start: async (name, id, input) => ((await engine.startNew(name, { instanceId: id, input })).ok ? 'started' : 'already-exists'),
      status: async (id) => {
        const s = engine.getStatus(id);
        return s ? { runtimeStatus: s.runtimeStatus } : null;
      },
      raise: async (id, event, data) => {
        const r = await engine.raiseEvent(id, event, JSON.stringify(data));
        return r === 'accepted' ? 'raised' : r;
      },
      terminate: async (id, reason) => void (await engine.terminate(id, reason)),
    };
  }

  deps(): SchedulerDeps {
    const s = this.h.services;
    return { pipelines: s.pipelines, runs: s.runs, triggers: s.triggers, orchestrations: this.client(), now: s.now, pipelineStates: s.pipelineStates, source: s.source, log: s.log };
  }

  /** Register (or rewrite) a pipeline through `putPipeline`, with its own source and model; a new one gets data `v1`. */
  async put(id: string, overrides: Partial<PipelineSpec> = {}): Promise<void> {
    const spec = pipelineSpec({ source: { kind: 'localGit', path: `repos/${id}`, branch: 'main' }, mlflow: { experimentName: id, registeredModelName: id }, ...overrides });
    if (!(await this.h.services.pipelines.get(id))) commitData(this.h.fakes, spec, sha(`${id}-v1`));
    await putPipeline(this.h.services, id, spec, { now: this.h.services.now() });
  }

  /** The data fingerprint a run records for data `variant` (as the versionData step computes it). */
  static fingerprintOf(variant: string): string {
    const { fingerprintInput } = commitData(fakeServices().fakes, pipelineSpec(), sha(variant), { dataVariant: variant, push: false });
    return dataFingerprint([{ path: 'data', md5: fingerprintInput }]);
  }

  /** Commit new data (`variant`) on the pipeline's branch; returns the data fingerprint the run will record. */
  async commitData(id: string, variant: string): Promise<void> {
    const p = await this.h.services.pipelines.get(id);
    if (!p) throw new Error(`no pipeline ${id}`);
    commitData(this.h.fakes, p, sha(`${id}-${variant}`), { dataVariant: variant });
  }

  /** One tick at the clock's current time. */
  async tick(evaluationId = randomUUID()): Promise<ScheduleOutcome[]> {
    const out = await schedulerTick(this.deps(), this.h.services.now(), evaluationId);
    this.outcomes.push(...out);
    await this.h.engine.idle();
    return out;
  }

  /** Let the clock run to `until`, ticking at every whole minute and letting runs progress in between. */
  async runTo(until: number): Promise<void> {
    let next = Math.floor(this.h.clock.now() / MINUTE) * MINUTE + MINUTE;
    for (; next <= until; next += MINUTE) {
      await this.h.runUntil(() => false, { until: next });
      await this.syncChampions();
      await this.tick();
    }
    await this.h.runUntil(() => false, { until });
    await this.syncChampions();
  }

  /** Make `version` the champion of pipeline `id` (in the registry and in the pipeline state) since `since`. */
  async seedChampion(id: string, version: string, since: number, metrics: Record<string, number>, dataFingerprint?: string): Promise<void> {
    this.h.fakes.tracker.seedChampion(id, version, metrics);
    await this.h.services.pipelineStates.update(id, (s) => ({ ...s, champion: { modelName: id, version, since: new Date(since).toISOString(), how: 'adopted', ...(dataFingerprint ? { dataFingerprint } : {}) } }));
  }

  /** Carry each registry champion that moved into its pipeline state, as the promotion step does. */
  private async syncChampions(): Promise<void> {
    for (const p of (await this.h.services.pipelines.list({ limit: 100 })).items) {
      const champion = await this.h.services.tracker.getChampion(p.mlflow.registeredModelName);
      if (!champion) continue;
      const fp = champion.tags[mlflowTags.dataFingerprint];
      await this.h.services.pipelineStates.update(p.id, (s) =>
        s.champion?.version === champion.version
          ? null
          : { ...s, champion: { modelName: p.mlflow.registeredModelName, version: champion.version, since: this.h.services.now().toISOString(), how: 'promoted', ...(fp ? { dataFingerprint: fp } : {}) } },
      );
    }
  }

  async runs(pipelineId: string): Promise<Run[]> {
    return (await this.h.services.runs.list(pipelineId, { limit: 1000 })).items;
  }

  async triggers(pipelineId: string): Promise<TriggerRecord[]> {
    return (await this.h.services.triggers.list(pipelineId, { limit: 1000 })).items;
  }
}
