import { createHash } from 'node:crypto';
import type { Champion } from '../../shared/domain/pipeline-state.js';
import { pipelineSchema, type Pipeline } from '../../shared/domain/pipeline.js';
import { stepNames, type Decision, type Run, type Step } from '../../shared/domain/run.js';
import type { TriggerRecord } from '../../shared/domain/trigger-record.js';
import type { Fakes } from '../fakes/fake-services.js';
import { pipelineSpec } from '../fakes/seed.js';

/*
 * Finished history for the dashboard, written straight into the fakes' stores: pipelines, runs that went through
 * every step (lineage, metrics, a decision with its rules), a champion per pipeline and a trigger log. Thousands of
 * runs take a second this way; through real orchestrations they would take an hour. The benchmark, the screenshots
 * and the browser tests that need a full dashboard but no live run use it.
 */

/** Free text the seed writes into every field a user or an external system supplies. */
export interface SeedText {
  /** Text for a named field (description, reason, actor, error, ...). */
  text(field: string): string;
  /** A URL an external system reports (Airflow's dag run page, the image build's page). */
  url(kind: 'airflow' | 'build', fallback: string): string;
}

/** Ordinary, readable text. */
export const plainText: SeedText = {
  text: (field) => plain[field] ?? field,
  url: (_kind, fallback) => fallback,
};

const plain: Record<string, string> = {
  description: 'Predicts which customers will cancel next month.',
  displayName: 'Churn model',
  reason: 'Nightly retrain',
  actor: 'scheduler',
  detail: 'the schedule was due',
  error: 'Airflow reported the dag run failed: task train exited with code 1',
  summary: 'auc improved by 0.012 over the champion; every guard-rail held',
  ruleDetail: 'within the allowed regression',
  metric: 'f1',
  param: 'model',
  paramValue: 'logreg',
  conf: 'nightly',
  approvalBy: 'Ada Operator',
};

/** A stable hex string from a label (commit ids, digests, MLflow run ids). */
const hex = (label: string, length: number): string => createHash('sha256').update(label).digest('hex').slice(0, length);

const hour = 3_600_000;

/** How many runs, and when the oldest began. */
export interface SeedShape {
  pipelines: number;
  runsPerPipeline: number;
  /** Time of the newest run (default now). */
  now?: number;
  text?: SeedText;
}

/** What the seed wrote: the pipeline ids and, per pipeline, its run ids newest first. */
export interface Seeded {
  pipelineIds: string[];
  runIds: Map<string, string[]>;
  /** A run that promoted its model, with a full lineage (for run and lineage pages). */
  sampleRun: Run;
}

/** A pipeline with a schedule, a policy with a guard-rail and free text from `t`. */
export function seedPipelineRecord(id: string, i: number, t: SeedText, at: string): Pipeline {
  return pipelineSchema.parse({
    ...pipelineSpec(),
    id,
    displayName: `${t.text('displayName')} ${i + 1}`,
    description: t.text('description'),
    mlflow: { experimentName: id, registeredModelName: `${id}-model` },
    airflow: { dagId: 'mlcycle_train', conf: { note: t.text('conf') } },
    schedule: { cron: `${i % 60} 2 * * *`, timeZone: 'Europe/Paris' },
    enabled: i % 10 !== 9,
    createdAt: at,
    updatedAt: at,
  });
}

function steps(start: number, failedAt: number | undefined, t: SeedText): Step[] {
  let at = start;
  return stepNames.map((name, i) => {
    const ms = name === 'train' ? 6 * 60_000 + (i * 7_000) : name === 'ensureImage' ? 40_000 : 1_500 + i * 300;
    if (failedAt !== undefined && i > failedAt) return { name, status: 'skipped' as const, attempts: 0 };
    const step: Step = { name, status: i === failedAt ? 'failed' : 'succeeded', attempts: 1, startedAt: new Date(at).toISOString(), finishedAt: new Date(at + ms).toISOString() };
    if (i === failedAt) step.error = { code: 'TRAINING_FAILED', message: t.text('error') };
    at += ms;
    return step;
  });
}

/**
 * One finished training run of `pipeline`, number `n` (0 = oldest): its steps, lineage, metrics and decision. Every
 * seventh run failed in training; the others promoted (when their primary metric beat `championAuc`) or held.
 */
export function finishedRun(pipeline: Pipeline, n: number, opts: { at: number; championAuc: number | undefined; version: number; t: SeedText }): Run {
  const { t, at } = opts;
  const id = `r-${new Date(at).toISOString().replace(/[-:TZ.]/g, '').slice(0, 14)}-${hex(`${pipeline.id}/${n}`, 10)}`;
  const failed = n % 7 === 6;
  const auc = Math.round((0.8 + ((n * 37 + pipeline.id.length * 11) % 150) / 1000) * 1000) / 1000;
  const precision = Math.round((0.7 + ((n * 13) % 100) / 1000) * 1000) / 1000;
  const promote = !failed && (opts.championAuc === undefined || auc >= opts.championAuc + 0.005);
  const commitSha = hex(`commit ${pipeline.id} ${n >> 2}`, 40);
  const dagRunId = `mlcycle__${id}`;
  const lineage: Run['lineage'] = {
    commitSha,
    data: { fingerprint: hex(`data ${pipeline.id} ${n >> 1}`, 64), remoteUrl: 's3://dvc-store/churn', paths: [{ path: 'data', md5: `${hex(`md5 ${n >> 1}`, 32)}.dir`, nfiles: 2, size: 1_204_000, hashAlgorithm: 'md5' }] },
    image: { registry: 'mlcycle.azurecr.io', repository: 'churn-model', tag: `code-${hex(`code ${pipeline.id} ${n >> 3}`, 12)}`, digest: `sha256:${hex(`image ${pipeline.id} ${n >> 3}`, 64)}`, built: n % 8 === 0, buildId: `${1000 + n}`, buildUrl: t.url('build', `https://dev.azure.com/contoso/ml/_build/results?buildId=${1000 + n}`) },
    airflow: { dagId: 'mlcycle_train', dagRunId, state: failed ? 'failed' : 'success', url: t.url('airflow', `http://localhost:8080/dags/mlcycle_train/runs/${dagRunId}`) },
  };
  if (!failed) {
    lineage.mlflow = { experimentId: `exp-${pipeline.id}`, runId: hex(`mlflow ${id}`, 32), metrics: { auc, precision, [t.text('metric')]: 0.5 }, params: { [t.text('param')]: t.text('paramValue'), C: '1.0' }, artifactUri: `s3://mlflow/${id}/artifacts` };
    lineage.model = { name: pipeline.mlflow.registeredModelName, version: String(opts.version), aliasesMoved: promote ? ['challenger', 'champion'] : ['challenger'], ...(opts.championAuc !== undefined ? { previousChampion: String(opts.version - 1) } : {}) };
  }
  const decision: Decision | undefined = failed
    ? undefined
    : {
        outcome: promote ? 'promote' : 'hold',
        summary: t.text('summary'),
        rules: [
          { rule: 'primary.min-absolute-improvement', metric: 'auc', challenger: auc, champion: opts.championAuc ?? null, threshold: 0.005, passed: promote, detail: t.text('ruleDetail') },
          { rule: 'guardrail.max-regression', metric: 'precision', challenger: precision, champion: 0.72, threshold: 0.02, passed: true, detail: t.text('ruleDetail') },
        ],
        ...(opts.championAuc !== undefined ? { championVersion: String(opts.version - 1) } : {}),
        approval: { required: false, by: t.text('approvalBy') },
      };
  const start = at;
  const runSteps = steps(start, failed ? 3 : undefined, t);
  const finishedAt = runSteps.map((s) => s.finishedAt).filter((f) => f !== undefined).at(-1) ?? new Date(start).toISOString();
  return {
    id,
    pipelineId: pipeline.id,
    kind: 'training',
    trigger: { kind: n % 3 === 0 ? 'schedule' : 'http', actor: t.text('actor'), reason: t.text('reason') },
    status: failed ? 'failed' : 'succeeded',
    reason: t.text('reason'),
    force: false,
    params: { [t.text('param')]: t.text('paramValue') },
    steps: runSteps,
    lineage,
    ...(decision ? { decision } : {}),
    createdAt: new Date(start).toISOString(),
    updatedAt: finishedAt,
    finishedAt,
  };
}

function triggerRecord(run: Run, t: SeedText): TriggerRecord {
  return { id: `trg-${run.id}`, pipelineId: run.pipelineId, source: run.trigger.kind, dedupKey: run.id, decision: 'started', detail: t.text('detail'), runId: run.id, at: run.createdAt };
}

/** Seed `shape.pipelines` pipelines with `shape.runsPerPipeline` finished runs each, a trigger log and a champion. */
export async function seedDashboard(fakes: Fakes, shape: SeedShape): Promise<Seeded> {
  const t = shape.text ?? plainText;
  const now = shape.now ?? Date.now();
  const pipelineIds: string[] = [];
  const runIds = new Map<string, string[]>();
  let sampleRun: Run | undefined;
  for (let i = 0; i < shape.pipelines; i++) {
    const id = `pipeline-${String(i + 1).padStart(2, '0')}`;
    const first = now - shape.runsPerPipeline * 6 * hour - i * 60_000;
    const pipeline = await fakes.pipelines.put(seedPipelineRecord(id, i, t, new Date(first - hour).toISOString()));
    pipelineIds.push(id);
    let champion: { auc: number; version: number; run: Run } | undefined;
    let version = 0;
    const ids: string[] = [];
    for (let n = 0; n < shape.runsPerPipeline; n++) {
      const failed = n % 7 === 6;
      if (!failed) version++;
      const run = finishedRun(pipeline, n, { at: first + n * 6 * hour, championAuc: champion?.auc, version, t });
      await fakes.runs.create(run);
      await fakes.triggers.record(triggerRecord(run, t));
      if (run.decision?.outcome === 'promote') champion = { auc: run.lineage.mlflow?.metrics.auc ?? 0, version, run };
      ids.unshift(run.id);
    }
    runIds.set(id, ids);
    await fakes.triggers.record({ id: `trg-skip-${id}`, pipelineId: id, source: 'data-change', dedupKey: `skip-${id}`, decision: 'skipped-no-change', detail: t.text('detail'), at: new Date(now - hour).toISOString() });
    if (champion) {
      const c = champion;
      const record: Champion = { modelName: pipeline.mlflow.registeredModelName, version: String(c.version), since: c.run.finishedAt ?? c.run.createdAt, how: 'promoted', runId: c.run.id };
      if (c.run.lineage.commitSha) record.commitSha = c.run.lineage.commitSha;
      await fakes.pipelineStates.update(id, (s) => ({ ...s, champion: record }));
      // MLflow's view of the same champion, for pages that ask the registry.
      fakes.tracker.seedChampion(record.modelName, record.version, c.run.lineage.mlflow?.metrics ?? {}, { 'mlcycle.run_id': c.run.id });
      sampleRun ??= c.run;
    }
  }
  if (!sampleRun) throw new Error('the seed promoted no model: seed at least one run per pipeline');
  return { pipelineIds, runIds, sampleRun };
}
