import type { ExperimentTracker, ModelVersionInfo, TrackedRun } from '../../shared/ports/external-systems.js';
import { FaultPlan } from './faults.js';
import { ListIndex } from './list-index.js';
import type { World } from './world.js';

const RUN_TAG = 'mlcycle.run_id';

/** MLflow in memory: tracked runs found by the `mlcycle.run_id` tag, model versions found by the same tag, aliases. */
export class FakeExperimentTracker implements ExperimentTracker {
  readonly faults = new FaultPlan('mlflow');
  private readonly runsByTag = new ListIndex<World['state']['trackedRuns'][number]>((r) => r.tags[RUN_TAG]);
  private readonly runsById = new ListIndex<World['state']['trackedRuns'][number]>((r) => r.runId);
  private readonly versionsByName = new ListIndex<World['state']['versions'][number]>((m) => m.name);
  constructor(private readonly world: World) {}

  private runsTagged(runId: string) {
    return this.runsByTag.get(this.world.state.trackedRuns, runId);
  }

  private versionsOf(modelName: string) {
    return this.versionsByName.get(this.world.state.versions, modelName);
  }

  /** Log a tracked run (what the training does in MLflow). */
  logRun(experimentName: string, runId: string, metrics: Record<string, number>, params: Record<string, string> = {}, tags: Record<string, string> = {}): TrackedRun {
    const existing = this.runsTagged(runId)[0];
    if (existing) return existing;
    const id = this.world.nextId('mlflow-run-');
    const run = { experimentId: `exp-${experimentName}`, runId: id, status: 'FINISHED', metrics, params, artifactUri: `s3://mlflow/${id}/artifacts`, modelUri: `runs:/${id}/model`, tags: { ...tags, [RUN_TAG]: runId } };
    this.world.state.trackedRuns.push(run);
    this.world.changed();
    return run;
  }

  /** Make `version` the champion with `metrics` and tags (a model promoted before the test). */
  seedChampion(modelName: string, version: string, metrics: Record<string, number>, tags: Record<string, string> = {}): void {
    this.world.state.versions.push({ name: modelName, version, tags, aliases: ['champion'], metrics });
    this.world.state.aliases[`${modelName}#champion`] = version;
    this.world.changed();
  }

  async findRun(experimentName: string, runId: string): Promise<TrackedRun | null> {
    await this.faults.enter('findRun');
    const r = this.runsTagged(runId).find((t) => t.experimentId === `exp-${experimentName}`);
    if (!r) return null;
    const { tags: _tags, ...run } = r;
    return run;
  }

  async getChampion(modelName: string): Promise<(ModelVersionInfo & { metrics: Record<string, number> }) | null> {
    await this.faults.enter('getChampion');
    const version = this.world.state.aliases[`${modelName}#champion`];
    const v = this.versionsOf(modelName).find((m) => m.version === version);
    return v ? { ...v, aliases: ['champion'] } : null;
  }

  async registerVersion(req: { modelName: string; source: string; mlflowRunId: string; runId: string; tags: Record<string, string> }): Promise<ModelVersionInfo> {
    await this.faults.enter('registerVersion');
    const existing = this.versionsOf(req.modelName).find((m) => m.tags[RUN_TAG] === req.runId);
    if (existing) return existing;
    const version = String(this.versionsOf(req.modelName).length + 1);
    const metrics = this.runsById.get(this.world.state.trackedRuns, req.mlflowRunId)[0]?.metrics ?? {};
    const created = { name: req.modelName, version, runId: req.mlflowRunId, tags: { ...req.tags, [RUN_TAG]: req.runId }, aliases: [], metrics };
    this.world.state.versions.push(created);
    this.world.state.counters.modelVersionsRegistered++;
    this.world.changed();
    return created;
  }

  async setAlias(modelName: string, alias: string, version: string): Promise<void> {
    await this.faults.enter('setAlias');
    const current = this.world.state.aliases[`${modelName}#champion`];
    // As MLflowTracker does: the outgoing champion keeps the `previous-champion` alias.
    if (alias === 'champion' && current !== undefined && current !== version) this.world.state.aliases[`${modelName}#previous-champion`] = current;
    this.world.state.aliases[`${modelName}#${alias}`] = version;
    this.world.state.counters.aliasesSet++;
    this.world.changed();
  }

  async deleteAlias(modelName: string, alias: string): Promise<void> {
    await this.faults.enter('deleteAlias');
    delete this.world.state.aliases[`${modelName}#${alias}`];
    this.world.changed();
  }

  async getVersion(modelName: string, version: string): Promise<ModelVersionInfo | null> {
    await this.faults.enter('getVersion');
    const v = this.versionsOf(modelName).find((m) => m.version === version);
    if (!v) return null;
    const { metrics: _metrics, ...info } = v;
    return { ...info, aliases: Object.entries(this.world.state.aliases).filter(([k, x]) => k.startsWith(`${modelName}#`) && x === version).map(([k]) => k.slice(modelName.length + 1)) };
  }

  /** The version behind an alias, or undefined. */
  alias(modelName: string, alias: string): string | undefined {
    return this.world.state.aliases[`${modelName}#${alias}`];
  }

  /** Registered versions of a model. */
  versions(modelName: string): ModelVersionInfo[] {
    return [...this.versionsOf(modelName)];
  }
}
