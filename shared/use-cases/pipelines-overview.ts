import type { Champion } from '../domain/pipeline-state.js';
import type { Pipeline } from '../domain/pipeline.js';
import type { Run } from '../domain/run.js';
import { nextSlot } from '../domain/schedule/slots.js';
import type { PipelineStateStore } from '../ports/pipeline-state-store.js';
import type { Page, PipelineStore } from '../ports/pipeline-store.js';
import type { RunStore } from '../ports/run-store.js';

/** What the overview reads. */
export interface OverviewDeps {
  pipelines: Pick<PipelineStore, 'list'>;
  pipelineStates: Pick<PipelineStateStore, 'get'>;
  runs: Pick<RunStore, 'list' | 'get'>;
  now: () => Date;
}

/** One pipeline as the dashboard's list shows it: what it is, its champion, its newest run and its next cron slot. */
export interface PipelineOverview {
  pipeline: Pick<Pipeline, 'id' | 'enabled'> & { description?: string; schedule?: NonNullable<Pipeline['schedule']> };
  champion?: Pick<Champion, 'version' | 'since' | 'how'> & { primaryMetric?: { name: string; value: number } };
  lastRun?: { id: string; status: Run['status']; kind: Run['kind']; createdAt: string; startedAt?: string; finishedAt?: string };
  nextSlot?: string;
}

/**
 * One page of pipelines with each one's champion, newest run and next scheduled slot, read in parallel per pipeline:
 * the state, the newest run, and the champion's run when it is not that one (for the primary metric's value). A
 * disabled pipeline has no next slot, since the scheduler starts nothing for it.
 */
export async function pipelinesOverview(deps: OverviewDeps, opts: { limit: number; continuationToken?: string | undefined }): Promise<Page<PipelineOverview>> {
  const page = await deps.pipelines.list(opts);
  const now = deps.now();
  const items = await Promise.all(page.items.map((p) => overviewOf(deps, p, now)));
  return { items, ...(page.continuationToken ? { continuationToken: page.continuationToken } : {}) };
}

async function overviewOf(deps: OverviewDeps, p: Pipeline, now: Date): Promise<PipelineOverview> {
  const [state, newest] = await Promise.all([deps.pipelineStates.get(p.id), deps.runs.list(p.id, { limit: 1 })]);
  const last = newest.items[0];
  const champion = state?.champion;
  const championRun = champion?.runId === undefined ? undefined : champion.runId === last?.id ? last : await deps.runs.get(p.id, champion.runId);
  const metricName = p.policy.primaryMetric.name;
  const metricValue = championRun?.lineage.mlflow?.metrics[metricName];
  const slot = p.enabled && p.schedule ? nextSlot(p.schedule.cron, p.schedule.timeZone, now) : null;
  return {
    pipeline: { id: p.id, enabled: p.enabled, ...(p.description ? { description: p.description } : {}), ...(p.schedule ? { schedule: p.schedule } : {}) },
    ...(champion
      ? { champion: { version: champion.version, since: champion.since, how: champion.how, ...(metricValue !== undefined ? { primaryMetric: { name: metricName, value: metricValue } } : {}) } }
      : {}),
    ...(last ? { lastRun: lastRunOf(last) } : {}),
    ...(slot ? { nextSlot: slot.toISOString() } : {}),
  };
}

function lastRunOf(run: Run): NonNullable<PipelineOverview['lastRun']> {
  const startedAt = run.steps.find((s) => s.startedAt !== undefined)?.startedAt;
  return {
    id: run.id,
    status: run.status,
    kind: run.kind,
    createdAt: run.createdAt,
    ...(startedAt ? { startedAt } : {}),
    ...(run.finishedAt ? { finishedAt: run.finishedAt } : {}),
  };
}
