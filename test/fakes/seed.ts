import { createHash } from 'node:crypto';
import { pipelineSchema, type Pipeline, type PipelineSpec } from '../../shared/domain/pipeline.js';
import type { Fakes } from './fake-services.js';

export const REMOTE = 's3://dvc-store/churn';
const md5 = (s: string): string => createHash('md5').update(s).digest('hex');
const key = (hex: string): string => `files/md5/${hex.slice(0, 2)}/${hex.slice(2)}`;

/** A pipeline spec for the fakes: local git source, one DVC-tracked directory, a registry, Airflow and MLflow names. */
export function pipelineSpec(overrides: Partial<PipelineSpec> = {}): PipelineSpec {
  return {
    source: { kind: 'localGit', path: 'examples/churn-model', branch: 'main' },
    training: { codePath: '.', dockerfile: 'Dockerfile' },
    data: { dvcFiles: ['data.dvc'], remoteUrl: REMOTE },
    image: { registry: 'mlcycle.azurecr.io', repository: 'churn-model' },
    airflow: { dagId: 'mlcycle_train', conf: {} },
    mlflow: { experimentName: 'churn', registeredModelName: 'churn-model' },
    policy: { primaryMetric: { name: 'auc', direction: 'maximize' }, minAbsoluteImprovement: 0.005, minRelativeImprovement: 0, guardrails: [{ metric: 'precision', direction: 'maximize', maxRegression: 0.02 }], requireApproval: false, approvalTimeoutHours: 72 },
    retrainOn: { codeChange: true, codePaths: [], dataChange: { onPush: true } },
    reproducibility: { absoluteTolerance: 1e-6, relativeTolerance: 0.01, metrics: {} },
    concurrency: 'skip',
    enabled: true,
    ...overrides,
  };
}

/**
 * Commit a DVC-tracked `data` directory (two files, contents depending on `dataVariant`) at `sha` on the pipeline's
 * branch, and push its objects to the remote unless `push` is false.
 */
export function commitData(f: Fakes, pipeline: PipelineSpec, sha: string, opts: { dataVariant?: string; push?: boolean } = {}): { fingerprintInput: string } {
  const variant = opts.dataVariant ?? 'v1';
  const files = { 'train.csv': `a,b\n1,2\n${variant}\n`, 'test.csv': `a,b\n3,4\n${variant}\n` };
  const entries = Object.entries(files)
    .map(([relpath, text]) => ({ md5: md5(text), relpath }))
    .sort((a, b) => a.relpath.localeCompare(b.relpath));
  const manifest = JSON.stringify(entries).replace(/","/g, '", "').replace(/":"/g, '": "').replace(/\},\{/g, '}, {');
  const dirMd5 = `${md5(manifest)}.dir`;
  const dvc = `outs:\n- md5: ${dirMd5}\n  size: 24\n  nfiles: 2\n  hash: md5\n  path: data\n`;
  f.source.commit(pipeline.source, pipeline.source.branch, sha, { 'data.dvc': dvc, Dockerfile: 'FROM python:3.12-slim\n' });
  if (opts.push !== false) {
    f.objects.put(REMOTE, key(dirMd5.replace('.dir', '')) + '.dir', manifest);
    for (const e of entries) f.objects.put(REMOTE, key(e.md5));
  }
  return { fingerprintInput: dirMd5 };
}

/** Store a pipeline built from `pipelineSpec(overrides)` and commit its data at `sha`. */
export async function seedPipeline(f: Fakes, id: string, sha: string, overrides: Partial<PipelineSpec> = {}, at = '2026-01-01T00:00:00.000Z'): Promise<Pipeline> {
  const spec = pipelineSpec(overrides);
  commitData(f, spec, sha);
  return f.pipelines.put(pipelineSchema.parse({ ...spec, id, createdAt: at, updatedAt: at }));
}

/** A 40-hex commit id from a short label. */
export const sha = (label: string): string => createHash('sha1').update(label).digest('hex');
