import { AppError } from '../../domain/errors.js';
import { dagRunIdFor, mlflowTags } from '../../durable/instance-ids.js';
import type { ExperimentTracker, ModelVersionInfo, TrackedRun } from '../../ports/external-systems.js';
import { filterLiteral, tagIdentifier } from './filter.js';
import type { MlflowClient } from './mlflow-client.js';
import { toMetrics, toRecord, type MlflowModelVersion, type MlflowRun } from './mlflow-schemas.js';

/** Registry aliases the tracker maintains. */
export const aliases = {
  champion: 'champion',
  /** The newest registered version (set on registration, before any promotion). */
  challenger: 'challenger',
  /** The champion before the last promotion: where a rollback goes. */
  previousChampion: 'previous-champion',
} as const;

/** Extra lineage tag keys the tracker adds to model versions. */
export const extraTags = {
  mlflowRunId: 'mlcycle.mlflow_run_id',
  dagRunId: 'mlcycle.dag_run_id',
  /** Where the training script records its logged model (`examples/churn-model/train.py`). */
  modelUri: 'mlcycle.model_uri',
} as const;

export interface MlflowTrackerOptions {
  /** How long `registerVersion` waits for READY (default 5 min). */
  readyTimeoutMs?: number;
  /** First wait between READY polls; doubles up to 5 s (default 250 ms). */
  pollIntervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

const finishedFirst: Record<string, number> = { FINISHED: 0, RUNNING: 1, SCHEDULED: 2, FAILED: 3, KILLED: 4 };

/**
 * Experiment tracking and the model registry over MLflow's REST API. Every write is found again before it is
 * repeated: the run by its `mlcycle.run_id` tag, the model version by the same tag, aliases by reading them first.
 */
export class MlflowTracker implements ExperimentTracker {
  private readonly readyTimeoutMs: number;
  private readonly pollIntervalMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(
    private readonly client: MlflowClient,
    opts: MlflowTrackerOptions = {},
  ) {
    this.readyTimeoutMs = opts.readyTimeoutMs ?? 5 * 60_000;
    this.pollIntervalMs = opts.pollIntervalMs ?? 250;
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = opts.now ?? Date.now;
  }

  async findRun(experimentName: string, runId: string): Promise<TrackedRun | null> {
    const experimentId = await this.client.experimentIdByName(experimentName);
    if (experimentId === null) return null;
    const runs = await this.client.searchRuns([experimentId], `${tagIdentifier(mlflowTags.runId)} = ${filterLiteral(runId)}`);
    // A retried training may leave a failed attempt next to the finished one: the finished one is the result.
    const best = [...runs].sort((a, b) => (finishedFirst[a.info.status] ?? 9) - (finishedFirst[b.info.status] ?? 9) || (b.info.start_time ?? 0) - (a.info.start_time ?? 0))[0];
    return best ? this.tracked(best) : null;
  }

  async getChampion(modelName: string): Promise<(ModelVersionInfo & { metrics: Record<string, number> }) | null> {
    const mv = await this.client.getByAlias(modelName, aliases.champion);
    if (!mv) return null;
    const run = mv.run_id ? await this.client.getRun(mv.run_id) : null;
    return { ...this.info(mv), metrics: toMetrics(run?.data?.metrics) };
  }

  async registerVersion(req: { modelName: string; source: string; mlflowRunId: string; runId: string; tags: Record<string, string> }): Promise<ModelVersionInfo> {
    await this.client.ensureRegisteredModel(req.modelName);
    const filter = `name = ${filterLiteral(req.modelName)} and ${tagIdentifier(mlflowTags.runId)} = ${filterLiteral(req.runId)}`;
    const earlier = (await this.client.searchModelVersions(filter)).filter((v) => toRecord(v.tags)[mlflowTags.runId] === req.runId);
    // The oldest one wins if a race ever created two: every later call settles on the same version.
    const found = earlier.sort((a, b) => Number(a.version) - Number(b.version))[0];
    const mv =
      found ??
      (await this.client.createModelVersion({
        name: req.modelName,
        source: req.source,
        runId: req.mlflowRunId,
        tags: { ...req.tags, [mlflowTags.runId]: req.runId, [extraTags.mlflowRunId]: req.mlflowRunId, [extraTags.dagRunId]: dagRunIdFor(req.runId) },
        ...modelIdOf(req.source),
      }));
    const ready = await this.waitReady(req.modelName, mv);
    const held = ready.aliases ?? [];
    if (held.includes(aliases.challenger) || held.includes(aliases.champion)) return this.info(ready);
    await this.client.setAlias(req.modelName, aliases.challenger, ready.version);
    return this.info({ ...ready, aliases: [...held, aliases.challenger] });
  }

  async setAlias(modelName: string, alias: string, version: string): Promise<void> {
    if (alias === aliases.champion) {
      const current = await this.client.getByAlias(modelName, aliases.champion);
      if (current?.version === version) return;
      // Keep the outgoing champion reachable for a rollback before the alias moves.
      if (current) await this.client.setAlias(modelName, aliases.previousChampion, current.version);
    }
    await this.client.setAlias(modelName, alias, version);
  }

  async deleteAlias(modelName: string, alias: string): Promise<void> {
    await this.client.deleteAlias(modelName, alias);
  }

  async getVersion(modelName: string, version: string): Promise<ModelVersionInfo | null> {
    const mv = await this.client.getModelVersion(modelName, version);
    // A version listed under another name is not this model's (MLflow numbers versions per model).
    return mv && mv.name === modelName ? this.info(mv) : null;
  }

  /** Poll the version until READY; FAILED_REGISTRATION is permanent, running out of time is transient. */
  private async waitReady(name: string, mv: MlflowModelVersion): Promise<MlflowModelVersion> {
    const deadline = this.now() + this.readyTimeoutMs;
    let current: MlflowModelVersion = mv;
    let wait = this.pollIntervalMs;
    for (;;) {
      const status = current.status ?? 'READY';
      if (status === 'READY') return current;
      if (status === 'FAILED_REGISTRATION') {
        throw new AppError('PERMANENT', `MLflow could not register version ${current.version} of '${name}': ${current.status_message ?? 'FAILED_REGISTRATION'}`, { details: { system: 'mlflow' } });
      }
      if (this.now() >= deadline) {
        throw new AppError('TRANSIENT', `Version ${current.version} of '${name}' is still ${status} after ${Math.round(this.readyTimeoutMs / 1000)} s`, { details: { system: 'mlflow' } });
      }
      await this.sleep(wait);
      wait = Math.min(wait * 2, 5_000);
      const next = await this.client.getModelVersion(name, current.version);
      if (!next) throw new AppError('PERMANENT', `Version ${current.version} of '${name}' disappeared while it was being registered`, { details: { system: 'mlflow' } });
      current = next;
    }
  }

  private tracked(run: MlflowRun): TrackedRun {
    const tags = toRecord(run.data?.tags);
    const loggedModel = run.outputs?.model_outputs?.[0]?.model_id;
    const modelUri = tags[extraTags.modelUri] ?? (loggedModel !== undefined ? `models:/${loggedModel}` : undefined);
    return {
      experimentId: run.info.experiment_id,
      runId: run.info.run_id,
      status: run.info.status,
      metrics: toMetrics(run.data?.metrics),
      params: toRecord(run.data?.params),
      ...(run.info.artifact_uri !== undefined ? { artifactUri: run.info.artifact_uri } : {}),
      ...(modelUri !== undefined ? { modelUri } : {}),
    };
  }

  private info(mv: MlflowModelVersion): ModelVersionInfo {
    return {
      name: mv.name,
      version: mv.version,
      ...(mv.run_id ? { runId: mv.run_id } : {}),
      tags: toRecord(mv.tags),
      aliases: mv.aliases ?? [],
      ...(mv.creation_timestamp !== undefined ? { createdAt: new Date(mv.creation_timestamp).toISOString() } : {}),
    };
  }
}

/** An MLflow 3 LoggedModel source (`models:/m-…`) links the version to that model by id. */
function modelIdOf(source: string): { modelId?: string } {
  const m = /^models:\/(m-[0-9a-f]+)$/.exec(source);
  return m?.[1] !== undefined ? { modelId: m[1] } : {};
}
