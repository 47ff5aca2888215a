import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AdoConnection } from '../../shared/adapters/azure-devops/ado-connection.js';
import { AzurePipelinesBuilder } from '../../shared/adapters/azure-devops/azure-pipelines-builder.js';
import { AppError } from '../../shared/domain/errors.js';
import type { Source } from '../../shared/domain/pipeline.js';
import type { BuildState, ImageBuilder } from '../../shared/ports/external-systems.js';
import type { StandInBuildRequest } from '../../stack/azure-devops/pipeline-runs.js';
import { startAzureDevOpsStandIn, type AzureDevOpsStandIn } from '../../stack/azure-devops/stand-in.js';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy.js';
import { scratchGit } from '../support/scratch-git.js';

/** The Azure Pipelines image builder through the real azure-devops-node-api client, against the stand-in running a real YAML pipeline. */
let root: string;
let repo: string;
let commit: string;
let standIn: AzureDevOpsStandIn;
let proxy: FaultProxy;
const pat = 'builder-pat-0123456789';
const builds: StandInBuildRequest[] = [];
/** Per image tag: how the fake build ends (`hold` waits until the test releases it). */
const outcomes = new Map<string, 'ok' | 'fail' | 'hold'>();
const held = new Map<string, () => void>();

const yaml = `name: mlcycle-\${{ parameters.mlcycleRunId }}
trigger: none
parameters:
- { name: imageRegistry, type: string }
- { name: imageRepository, type: string }
- { name: imageTag, type: string }
- { name: codePath, type: string, default: '.' }
- { name: dockerfile, type: string, default: Dockerfile }
- { name: commit, type: string }
- { name: mlcycleRunId, type: string }
steps:
- script: echo build
`;

const { sh, write } = scratchGit(() => repo);

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'mlcycle-ado-build-'));
  repo = join(root, 'training');
  mkdirSync(repo);
  sh(['init', '-q', '-b', 'main']);
  write('pipelines/image.yml', yaml);
  write('train/Dockerfile', 'FROM python:3.12-slim\n');
  sh(['add', '-A']);
  sh(['commit', '-q', '-m', 'one']);
  commit = sh(['rev-parse', 'HEAD']);
  standIn = await startAzureDevOpsStandIn({
    repos: { 'contoso/ml/training': repo },
    pipelines: [{ id: 7, name: 'image', project: 'ml', repository: 'contoso/ml/training', yamlPath: 'pipelines/image.yml' }],
    pat,
    stateDir: join(root, 'ado-state'),
    build: (req, signal) => {
      builds.push(req);
      const outcome = outcomes.get(req.tag) ?? 'ok';
      if (outcome === 'ok') return Promise.resolve();
      if (outcome === 'fail') return Promise.reject(new Error('docker build failed'));
      return new Promise<void>((resolve, reject) => {
        held.set(req.tag, resolve);
        signal.addEventListener('abort', () => reject(new Error('cancelled')));
      });
    },
  });
  proxy = await startFaultProxy(standIn.url);
});
after(async () => {
  await proxy.close();
  await standIn.stop();
  rmSync(root, { recursive: true, force: true });
});

const source: Source = { kind: 'azureRepos', organization: 'contoso', project: 'ml', repository: 'training', branch: 'main' };
const builder = (opts: { pat?: string; defaultPipelineId?: number; via?: string } = {}) =>
  new AzurePipelinesBuilder(new AdoConnection({ auth: { pat: opts.pat ?? pat }, orgUrl: (o) => `${opts.via ?? standIn.url}/${o}`, timeoutMs: 10_000 }), {
    ...(opts.defaultPipelineId !== undefined ? { defaultPipelineId: opts.defaultPipelineId } : {}),
  });
const request = (runId: string, tag: string, buildPipelineId?: number): Parameters<ImageBuilder['startBuild']>[0] => ({
  runId,
  ...(buildPipelineId !== undefined ? { buildPipelineId } : {}),
  source,
  commitSha: commit,
  registry: 'mlcycle.azurecr.io',
  repository: 'churn/train',
  tag,
  dockerfile: 'train/Dockerfile',
  codePath: 'train',
});

async function settled(b: AzurePipelinesBuilder, buildId: string): Promise<{ state: BuildState; error?: string; url?: string }> {
  for (;;) {
    const got = await b.getBuild(buildId, source);
    if (got.state !== 'running') return got;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('AzurePipelinesBuilder', () => {
  it('runs the pipeline at the commit with the template parameters; the run succeeds', async () => {
    outcomes.set('t-ok', 'hold');
    const b = builder({ defaultPipelineId: 7 });
    const { buildId } = await b.startBuild(request('run-ok', 't-ok'));
    assert.match(buildId, /^ado-7-\d+$/);
    assert.equal((await b.getBuild(buildId, source)).state, 'running');
    const req = builds.find((r) => r.tag === 't-ok');
    assert.deepEqual(req, { repoDir: repo, commitSha: commit, codePath: 'train', dockerfile: 'train/Dockerfile', registry: 'mlcycle.azurecr.io', repository: 'churn/train', tag: 't-ok' });
    held.get('t-ok')?.();
    const done = await settled(b, buildId);
    assert.equal(done.state, 'succeeded');
    assert.match(done.url ?? '', /\/contoso\/ml\/_build\/results\?buildId=\d+$/);
    // Another builder (a new process) reads the same run from the build id and the pipeline's source, or the configured project.
    assert.equal((await builder().getBuild(buildId, source)).state, 'succeeded');
    const elsewhere = { kind: 'localGit' as const, path: repo, branch: 'main' };
    assert.equal((await new AzurePipelinesBuilder(new AdoConnection({ auth: { pat }, orgUrl: (o) => standIn.orgUrl(o) }), { organization: 'contoso', project: 'ml' }).getBuild(buildId, elsewhere)).state, 'succeeded');
  });

  it('a retried start finds the run it started: the pipeline ran once', async () => {
    const first = await builder().startBuild(request('run-again', 't-again', 7));
    const second = await builder().startBuild(request('run-again', 't-again', 7));
    assert.equal(second.buildId, first.buildId);
    assert.equal(builds.filter((r) => r.tag === 't-again').length, 1);
  });

  it('reports a failed and a cancelled run', async () => {
    const b = builder();
    outcomes.set('t-fail', 'fail');
    const failed = await b.startBuild(request('run-fail', 't-fail', 7));
    const f = await settled(b, failed.buildId);
    assert.equal(f.state, 'failed');
    assert.match(f.error ?? '', /Azure Pipelines run mlcycle-run-fail of pipeline 7 failed: see http/);
    outcomes.set('t-cancel', 'hold');
    const cancelled = await b.startBuild(request('run-cancel', 't-cancel', 7));
    standIn.cancelRun(Number(cancelled.buildId.split('-')[2]));
    assert.equal((await settled(b, cancelled.buildId)).state, 'cancelled');
    // Without the organization and project settings, a source outside Azure Repos cannot place the run.
    await assert.rejects(builder().getBuild(cancelled.buildId, { kind: 'localGit', path: repo, branch: 'main' }), (e: unknown) => e instanceof AppError && e.code === 'CONFIG');
  });

  it('names a pipeline id that does not exist, a missing pipeline id and a bad build id', async () => {
    await assert.rejects(builder().startBuild(request('run-none', 't-none', 99)), (e: unknown) => e instanceof AppError && e.code === 'PERMANENT' && /no pipeline 99 in contoso\/ml/.test(e.message));
    await assert.rejects(builder().startBuild(request('run-none', 't-none')), (e: unknown) => e instanceof AppError && e.code === 'CONFIG' && /buildPipelineId/.test(e.message));
    await assert.rejects(builder().getBuild('ado-7-../x', source), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION');
  });

  it('a PAT without the Build scope is a CONFIG error naming the scope, with no PAT in it', async () => {
    const codeOnly = await startAzureDevOpsStandIn({ repos: { 'contoso/ml/training': repo }, pipelines: [], pat, patScopes: ['code'], build: () => Promise.resolve() });
    try {
      const b = builder({ via: codeOnly.url });
      await assert.rejects(b.startBuild(request('run-scope', 't-scope', 7)), (e: unknown) => {
        assert.ok(e instanceof AppError && e.code === 'CONFIG' && /Build \(read & execute\)/.test(e.message), String(e));
        assert.ok(!JSON.stringify(e.toJSON()).includes(pat));
        return true;
      });
    } finally {
      await codeOnly.stop();
    }
  });

  it('a burst of 5xx is retryable, and the retry then starts the run', async () => {
    proxy.fail({ status: 503, times: 50, match: (r) => r.path.includes('/_apis/build/builds') });
    const b = builder({ via: proxy.url });
    await assert.rejects(b.startBuild(request('run-burst', 't-burst', 7)), (e: unknown) => e instanceof AppError && e.code === 'TRANSIENT' && e.retryable);
    proxy.clearFaults();
    const { buildId } = await b.startBuild(request('run-burst', 't-burst', 7));
    assert.equal((await settled(b, buildId)).state, 'succeeded');
    assert.equal(builds.filter((r) => r.tag === 't-burst').length, 1);
  });
});
