import type { HookRepo, HookOutcome } from '../../domain/ado-hooks/event.js';
import type { Pipeline, Source } from '../../domain/pipeline.js';
import type { Run, TriggerKind } from '../../domain/run.js';
import type { TriggerDecision } from '../../domain/trigger-record.js';
import type { CommitComparison, ReviewNotifier, SourceRepository } from '../../ports/external-systems.js';
import type { RunTracing } from '../../ports/run-tracing.js';
import type { CompensateRunDeps } from '../compensate-run.js';
import type { StartRunDeps } from '../start-run.js';

/** What acting on a service-hook event needs. */
export interface HookDeps extends StartRunDeps, CompensateRunDeps {
  source: SourceRepository;
  review: ReviewNotifier;
  /** Both parents take tracing: starting a run uses all of this, the run record only `annotate`. */
  tracing?: Pick<RunTracing, 'currentTraceparent' | 'annotate' | 'inSpan'>;
  /** Where links to a run point (the app's public base URL), when known. */
  publicBaseUrl?: string;
}

/** One delivery being acted on: its id (the evaluation id of every trigger record it writes) and what it found. */
export class HookEvaluation {
  readonly outcomes: HookOutcome[] = [];
  /** Diffs asked for in this delivery: pipelines on one repository share one push's diff. */
  private readonly diffs = new Map<string, Promise<CommitComparison>>();
  /** Runs this delivery found already started, by id: a repeat is answered from them without reading them again. */
  readonly knownRuns = new Map<string, Run>();

  constructor(
    readonly deps: HookDeps,
    readonly deliveryId: string,
    readonly eventId: string,
  ) {}

  /** The evaluation id of this delivery for one pipeline: a redelivered message writes the same records. */
  evaluationId(pipelineId: string): string {
    return `${this.deliveryId}.${pipelineId}`;
  }

  /** The diff between two commits of `source` (asked once per delivery, however many pipelines need it). */
  compare(source: Source, baseSha: string, targetSha: string): Promise<CommitComparison> {
    const key = `${JSON.stringify([source.kind, source.kind === 'azureRepos' ? [source.organization, source.project, source.repository] : source.path].flat()).toLowerCase()}:${baseSha}..${targetSha}`;
    let diff = this.diffs.get(key);
    if (!diff) {
      diff = this.deps.source.compareCommits(source, baseSha, targetSha);
      this.diffs.set(key, diff);
    }
    return diff;
  }

  /** Note the decision for a pipeline and write it to that pipeline's trigger log (unless startRun already did). */
  async decide(pipelineId: string, source: TriggerKind, dedupKey: string, decision: TriggerDecision, detail?: string, runId?: string, logged = false): Promise<void> {
    this.outcomes.push({ pipelineId, decision, ...(detail ? { detail: detail.slice(0, 2000) } : {}), ...(runId ? { runId } : {}) });
    if (logged) return;
    await this.deps.triggers.record({
      id: `${source}:${this.evaluationId(pipelineId)}`,
      pipelineId,
      source,
      dedupKey: dedupKey.slice(0, 255),
      decision,
      ...(detail ? { detail: detail.slice(0, 2000) } : {}),
      ...(runId ? { runId } : {}),
      at: this.deps.now().toISOString(),
    });
  }
}

/**
 * The pipelines an event on `repo`'s `branch` concerns: Azure Repos pipelines naming that project and repository
 * and watching that branch, whose repository at Azure DevOps really is the event's (same id) — a payload naming a
 * repository is never trusted to be it.
 */
export async function pipelinesWatching(deps: HookDeps, repo: HookRepo, branch: string): Promise<{ matched: Pipeline[]; otherRepository: Pipeline[] }> {
  const candidates = (await deps.pipelines.findByAzureRepo(repo.projectName, repo.name)).filter((p) => p.source.kind === 'azureRepos' && p.source.branch === branch);
  const matched: Pipeline[] = [];
  const otherRepository: Pipeline[] = [];
  for (const p of candidates) {
    const id = await deps.source.repositoryId(p.source);
    (id !== null && id === repo.id.toLowerCase() ? matched : otherRepository).push(p);
  }
  return { matched, otherRepository };
}

/** All zeros: the object id of "no commit" (a created or deleted branch). */
export const noCommit = '0'.repeat(40);
