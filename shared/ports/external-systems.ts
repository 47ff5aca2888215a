import type { Source } from '../domain/pipeline.js';

/*
 * Ports for the external systems a training run touches (docs/architecture.md, "The run"). Activities depend on these interfaces only;
 * adapters in `shared/adapters/<tech>/` implement them, and the composition root picks one per system.
 * Every method must be safe to call again with the same arguments (activities are delivered at least once).
 */

/** Git hosting: Azure Repos in production, a local git repository on one machine. */
export interface SourceRepository {
  /** The commit a ref (branch, tag or sha; default: the source's branch) points at now. */
  resolveCommit(source: Source, ref?: string): Promise<string>;
  /** A file's text at a commit, or null when the file does not exist there. */
  readFile(source: Source, commitSha: string, path: string): Promise<string | null>;
  /**
   * How `targetSha` relates to `baseSha`: the paths changed between them, and how many commits of `baseSha` the
   * target does not contain (more than 0 when history was rewritten, as by a force push).
   */
  compareCommits(source: Source, baseSha: string, targetSha: string): Promise<CommitComparison>;
  /** The repository's id at its host (Azure Repos: its GUID, lower case), or null for a source that has none. */
  repositoryId(source: Source): Promise<string | null>;
  /**
   * The Git object id of a folder (`tree`) or file (`blob`) at a commit, or null when nothing is at that path.
   * `.` is the commit's root tree. Ids are content hashes, so equal ids mean equal content whatever the commit.
   */
  objectId(source: Source, commitSha: string, path: string): Promise<GitObject | null>;
}

/** What changed from one commit to another. */
export interface CommitComparison {
  paths: string[];
  /** Commits reachable from the base but not from the target. */
  behind: number;
}

/** A Git object as the source reports it. */
export interface GitObject {
  type: 'tree' | 'blob';
  id: string;
}

/** An S3-compatible object store holding the DVC remote. */
export interface ObjectStore {
  /** Of the given keys under `s3://bucket/prefix`, the ones that do not exist. */
  missingKeys(remoteUrl: string, keys: string[]): Promise<string[]>;
  /** An object's text, or null when absent (used for `.dir` manifests). */
  readText(remoteUrl: string, key: string): Promise<string | null>;
}

/** The container registry (ACR data plane). */
export interface ImageRegistry {
  /** The digest of `repository:tag`, or null when the tag does not exist. */
  findTag(registry: string, repository: string, tag: string): Promise<{ digest: string } | null>;
  /** Whether the manifest `digest` (`sha256:…`) is still in `repository`, whatever tags point at it. */
  hasManifest(registry: string, repository: string, digest: string): Promise<boolean>;
}

export type BuildState = 'running' | 'succeeded' | 'failed' | 'cancelled';

/** The image build service (an Azure DevOps pipeline). */
export interface ImageBuilder {
  /**
   * Start (or find, by `runId`) the build of `imageTag` from `commitSha`. `finished` tells that the build already
   * ended (a synchronous builder, or a build found finished), so the caller checks it at once instead of waiting.
   */
  startBuild(req: { runId: string; buildPipelineId?: number; source: Source; commitSha: string; registry: string; repository: string; tag: string; dockerfile: string; codePath: string }): Promise<{ buildId: string; finished?: boolean }>;
  /** The build's state; `source` is the pipeline's, as given to `startBuild` (a builder may locate its build by it). */
  getBuild(buildId: string, source: Source): Promise<{ state: BuildState; digest?: string; error?: string; url?: string }>;
}

export type DagRunState = 'queued' | 'running' | 'success' | 'failed';

/** The training scheduler (Airflow). `dagRunId` is derived from the run id, so a retried trigger finds its run. */
export interface TrainingScheduler {
  trigger(req: { dagId: string; dagRunId: string; conf: Record<string, unknown> }): Promise<{ dagRunId: string; state: DagRunState; url?: string }>;
  getRun(dagId: string, dagRunId: string): Promise<{ state: DagRunState; url?: string; error?: string }>;
  /** Compensation on cancel: mark the dag run failed (no-op if finished or absent). */
  markFailed(dagId: string, dagRunId: string): Promise<void>;
  /**
   * One request: the dag runs of `dagIds` that ended (`success` or `failed`) at or after `since`, earliest end first,
   * at most `limit` (the reconciliation of lost callbacks reads them once a tick).
   */
  listEnded(req: { dagIds: readonly string[]; since: Date; limit: number }): Promise<EndedDagRun[]>;
}

/** A dag run that has ended, as `listEnded` reports it. */
export interface EndedDagRun {
  dagId: string;
  dagRunId: string;
  state: 'success' | 'failed';
  /** When Airflow recorded the end (ISO 8601). */
  endDate: string;
}

export interface TrackedRun {
  experimentId: string;
  runId: string;
  status: string;
  metrics: Record<string, number>;
  params: Record<string, string>;
  artifactUri?: string;
  modelUri?: string;
}

export interface ModelVersionInfo {
  name: string;
  version: string;
  runId?: string;
  tags: Record<string, string>;
  aliases: string[];
  createdAt?: string;
}

/** Experiment tracking and the model registry (MLflow). */
export interface ExperimentTracker {
  /** The tracked run tagged `mlcycle.run_id = runId` in the experiment, or null. */
  findRun(experimentName: string, runId: string): Promise<TrackedRun | null>;
  /** The version behind the `champion` alias, or null when there is none yet. */
  getChampion(modelName: string): Promise<(ModelVersionInfo & { metrics: Record<string, number> }) | null>;
  /** Create (or find, by the `mlcycle.run_id` tag) a model version for the run; waits until READY. */
  registerVersion(req: { modelName: string; source: string; mlflowRunId: string; runId: string; tags: Record<string, string> }): Promise<ModelVersionInfo>;
  /** Point `alias` at `version` (idempotent). Moving `champion` points `previous-champion` at the outgoing one. */
  setAlias(modelName: string, alias: string, version: string): Promise<void>;
  /** Remove `alias` from the model (a no-op when it is not set). */
  deleteAlias(modelName: string, alias: string): Promise<void>;
  /** A version of the registered model, or null when the model has no such version (or no such model). */
  getVersion(modelName: string, version: string): Promise<ModelVersionInfo | null>;
}

/** One event to publish: `sequence` orders the events of one subject (docs/events.md); `time` is when it happened. */
export interface PublishedEvent {
  id: string;
  type: string;
  subject: string;
  data: Record<string, unknown>;
  sequence?: number;
  time?: string;
}

/** Outbound run events (CloudEvents JSON on the `run-events` queue). */
export interface EventPublisher {
  publish(event: PublishedEvent): Promise<void>;
}

/** A pull request status's state, as the PR shows it next to the status's name. */
export type PullRequestStatusState = 'pending' | 'succeeded' | 'failed' | 'error';

/**
 * Feedback on a pull request (Azure Repos): one status and one comment thread per pipeline, so a later push to the
 * PR updates what the reviewers already see instead of adding a second thread.
 */
export interface ReviewNotifier {
  /** Post the pipeline's status (genre `mlcycle`, name `name`); the PR shows the latest post per genre and name. */
  setPullRequestStatus(req: { source: Source; pullRequestId: number; name: string; state: PullRequestStatusState; description: string; targetUrl?: string }): Promise<void>;
  /**
   * Put `content` in the pipeline's one thread on the PR (found by its `key`): create the thread the first time,
   * add a comment to it afterwards. A `revision` (the run id) already posted in the thread is not posted again.
   */
  upsertPullRequestThread(req: { source: Source; pullRequestId: number; key: string; revision: string; content: string }): Promise<{ threadId: number }>;
}
