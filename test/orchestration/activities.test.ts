import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createActivities } from '../../functions/activities/create-activities.js';
import { imageTagAt } from '../../functions/activities/image.js';
import { pipelineSchema } from '../../shared/domain/pipeline.js';
import { fakeServices } from '../fakes/fake-services.js';
import { pipelineSpec, seedPipeline, sha } from '../fakes/seed.js';

const T = Date.UTC(2026, 0, 5);

async function setup() {
  const { services, fakes } = fakeServices({ now: () => T });
  const acts = createActivities(services);
  const call = async (name: string, input: unknown) => {
    const handler = acts[name];
    assert.ok(handler, name);
    return handler(input);
  };
  return { services, fakes, call };
}

describe('activities over fakes', () => {
  it('startRun is idempotent: a redelivery keeps the snapshot and the commit even if pipeline and branch moved', async () => {
    const { fakes, call } = await setup();
    const p = await seedPipeline(fakes, 'churn', sha('a'));
    const input = { runId: 'r1', pipelineId: 'churn', trigger: { kind: 'http' } };
    const first = await call('startRun', input);
    assert.deepEqual(first, { ok: true, value: { commitSha: sha('a'), kind: 'training', approval: { required: false, timeoutHours: 72 } } });
    await fakes.pipelines.put(pipelineSchema.parse({ ...p, airflow: { dagId: 'edited_dag', conf: {} } }));
    fakes.source.commit(pipelineSpec().source, 'main', sha('b'), {});
    assert.deepEqual(await call('startRun', input), first);
    const run = await fakes.runs.find('r1');
    assert.equal(run?.pipelineSnapshot?.airflow.dagId, 'mlcycle_train', 'the snapshot taken at the start is kept');
    assert.equal(run?.steps[0]?.attempts, 1, 'a finished step is not restarted');
    assert.equal(fakes.runs.all().length, 1);
  });

  it('startRun takes over a record the HTTP endpoint created as queued', async () => {
    const { fakes, call } = await setup();
    await seedPipeline(fakes, 'churn', sha('a'));
    const at = new Date(T).toISOString();
    await fakes.runs.create({ id: 'r2', pipelineId: 'churn', kind: 'training', trigger: { kind: 'http' }, status: 'queued', force: false, params: {}, steps: [], lineage: {}, createdAt: at, updatedAt: at });
    assert.equal((await call('startRun', { runId: 'r2', pipelineId: 'churn', trigger: { kind: 'http' } })).ok, true);
    const run = await fakes.runs.find('r2');
    assert.equal(run?.status, 'running');
    assert.ok(run?.pipelineSnapshot);
  });

  it('startRun for an unknown pipeline fails permanently as a value (no throw, no retry)', async () => {
    const { call } = await setup();
    assert.deepEqual(await call('startRun', { runId: 'r3', pipelineId: 'nope', trigger: { kind: 'http' } }), { ok: false, error: { code: 'NOT_FOUND', message: "Pipeline 'nope' was not found" } });
  });

  it('invalid activity input is a permanent VALIDATION failure', async () => {
    const { call } = await setup();
    const r = await call('versionData', { runId: 'r1', commitSha: 'not-a-sha' });
    assert.equal(r.ok, false);
    assert.match(!r.ok ? r.error.message : '', /versionData: invalid input \(commitSha/);
  });

  it('a retryable failure is thrown (for the engine to retry) and noted on the step', async () => {
    const { fakes, call } = await setup();
    await seedPipeline(fakes, 'churn', sha('a'));
    await call('startRun', { runId: 'r4', pipelineId: 'churn', trigger: { kind: 'http' } });
    fakes.objects.faults.failNext('missingKeys', 1, { kind: 'transient', status: 503 });
    await assert.rejects(call('versionData', { runId: 'r4', commitSha: sha('a') }), /TRANSIENT: objects\.missingKeys: upstream answered HTTP 503/);
    const step = (await fakes.runs.find('r4'))?.steps.find((s) => s.name === 'versionData');
    assert.equal(step?.status, 'running');
    assert.equal(step?.error?.code, 'TRANSIENT');
    const ok = await call('versionData', { runId: 'r4', commitSha: sha('a') });
    assert.equal(ok.ok, true);
    const done = (await fakes.runs.find('r4'))?.steps.find((s) => s.name === 'versionData');
    assert.equal(done?.attempts, 2);
    assert.equal(done?.error, undefined);
  });

  it('versionData reads DVC 2 outputs from the legacy layout of the remote named in .dvc/config', async () => {
    const { fakes, call } = await setup();
    const spec = pipelineSpec({ data: { dvcFiles: ['raw.csv.dvc'] } });
    await fakes.pipelines.put(pipelineSchema.parse({ ...spec, id: 'legacy', createdAt: new Date(T).toISOString(), updatedAt: new Date(T).toISOString() }));
    fakes.source.commit(spec.source, 'main', sha('l'), {
      'raw.csv.dvc': 'outs:\n- md5: acbd18db4cc2f85cedef654fccc4a4d8\n  path: raw.csv\n',
      '.dvc/config': "[core]\n    remote = store\n['remote \"store\"']\n    url = s3://legacy-bucket/dvc\n",
    });
    await call('startRun', { runId: 'r5', pipelineId: 'legacy', trigger: { kind: 'http' } });
    const missing = await call('versionData', { runId: 'r5', commitSha: sha('l') });
    assert.equal(!missing.ok && missing.error.code, 'DATA_NOT_PUSHED');
    fakes.objects.put('s3://legacy-bucket/dvc', 'ac/bd18db4cc2f85cedef654fccc4a4d8');
    const r = await call('versionData', { runId: 'r5', commitSha: sha('l') });
    assert.equal(r.ok, true);
    const data = (await fakes.runs.find('r5'))?.lineage.data;
    assert.deepEqual(data?.paths, [{ path: 'raw.csv', md5: 'acbd18db4cc2f85cedef654fccc4a4d8', hashAlgorithm: 'md5-dos2unix' }]);
    assert.equal(data?.remoteUrl, 's3://legacy-bucket/dvc');
  });

  it('startTraining twice creates one dag run with the derived id; promote twice registers one version', async () => {
    const { fakes, call } = await setup();
    const p = await seedPipeline(fakes, 'churn', sha('a'));
    await call('startRun', { runId: 'r6', pipelineId: 'churn', trigger: { kind: 'http' } });
    await call('versionData', { runId: 'r6', commitSha: sha('a') });
    fakes.registry.push('mlcycle.azurecr.io', 'churn-model', await imageTagAt(fakes.source, p, sha('a')), `sha256:${'6'.repeat(64)}`);
    assert.equal((await call('ensureImage', { runId: 'r6', commitSha: sha('a') })).ok, true);
    assert.deepEqual(await call('startTraining', { runId: 'r6' }), { ok: true, value: { dagRunId: 'mlcycle__r6', state: 'running' } });
    assert.deepEqual(await call('startTraining', { runId: 'r6' }), { ok: true, value: { dagRunId: 'mlcycle__r6', state: 'running' } });
    assert.equal(fakes.world.state.counters.dagRunsCreated, 1);
    const conf = fakes.scheduler.runs()[0]?.conf;
    assert.equal(conf?.runId, 'r6');
    assert.equal(conf?.pipelineId, 'churn');
    assert.deepEqual(conf?.mlflow, { experimentName: 'churn' });
    // The DAG trains from the image by digest, on the data pointers of the run's commit.
    assert.equal(conf?.image, `mlcycle.azurecr.io/churn-model@sha256:${'6'.repeat(64)}`);
    assert.deepEqual(Object.keys((conf?.data as { files: Record<string, string> }).files), ['data.dvc']);
    assert.match((conf?.data as { files: Record<string, string> }).files['data.dvc'] ?? '', /^outs:/);
    fakes.world.state.dagRuns['mlcycle_train/mlcycle__r6']!.finishAt = T;
    assert.deepEqual(await call('pollTraining', { runId: 'r6' }), { ok: true, value: { state: 'succeeded' } });
    assert.equal((await call('collectResults', { runId: 'r6' })).ok, true);
    assert.equal((await call('evaluate', { runId: 'r6' })).ok, true);
    const once = await call('promote', { runId: 'r6' });
    const twice = await call('promote', { runId: 'r6' });
    assert.deepEqual(once, twice);
    assert.equal(fakes.world.state.counters.modelVersionsRegistered, 1);
    assert.equal(fakes.world.state.aliases['churn-model#champion'], '1');
  });
});

describe('ensureImage: the image tag follows the training code, not the commit', () => {
  const training = { codePath: 'training', dockerfile: 'training/Dockerfile' };
  const code = (variant: string) => ({ 'training/train.py': `print(${JSON.stringify(variant)})\n`, 'training/Dockerfile': 'FROM python:3.11-slim\n' });

  async function tagAt(call: (name: string, input: unknown) => Promise<unknown>, fakes: Awaited<ReturnType<typeof setup>>['fakes'], runId: string, commit: string) {
    await call('startRun', { runId, pipelineId: 'churn', trigger: { kind: 'http' }, ref: commit });
    const out = (await call('ensureImage', { runId, commitSha: commit })) as { ok: boolean; value?: { tag: string }; error?: { message: string } };
    return { out, run: await fakes.runs.find(runId) };
  }

  it('a data-only commit gets the same tag and finds the image; a code change gets a new tag', async () => {
    const { fakes, call } = await setup();
    const spec = pipelineSpec({ training });
    await seedPipeline(fakes, 'churn', sha('c1'), { training });
    fakes.source.commit(spec.source, 'main', sha('c1'), code('v1'));
    const first = await tagAt(call, fakes, 'r-code1', sha('c1'));
    assert.equal(first.out.ok, true);
    const tag = first.out.value?.tag ?? '';
    assert.match(tag, /^tree-[0-9a-f]{12}-[0-9a-f]{16}$/);
    fakes.registry.push('mlcycle.azurecr.io', 'churn-model', tag, `sha256:${'1'.repeat(64)}`);

    // Only data.dvc changes at c2 (commitData writes it outside the training folder).
    fakes.source.commit(spec.source, 'main', sha('c2'), { ...code('v1'), 'data.dvc': 'outs:\n- md5: 0123456789abcdef0123456789abcdef.dir\n  path: data\n' });
    const dataOnly = await tagAt(call, fakes, 'r-data', sha('c2'));
    assert.equal(dataOnly.out.value?.tag, tag);
    assert.equal(dataOnly.run?.lineage.image?.built, false);
    assert.equal(dataOnly.run?.lineage.image?.digest, `sha256:${'1'.repeat(64)}`);

    fakes.source.commit(spec.source, 'main', sha('c3'), code('v2'));
    const codeChange = await tagAt(call, fakes, 'r-code2', sha('c3'));
    assert.notEqual(codeChange.out.value?.tag, tag);
    assert.equal(codeChange.run?.lineage.image?.digest, undefined, 'missing: the build comes next');
  });

  it('a training folder or Dockerfile missing at the commit fails the step, naming the path and the setting to fix', async () => {
    const { fakes, call } = await setup();
    await seedPipeline(fakes, 'churn', sha('m1'), { training });
    const missing = await tagAt(call, fakes, 'r-missing', sha('m1'));
    assert.equal(missing.out.ok, false);
    assert.match(missing.out.error?.message ?? '', /training folder 'training' does not exist at commit [0-9a-f]{12}: fix training\.codePath/);
    const spec = pipelineSpec({ training });
    fakes.source.commit(spec.source, 'main', sha('m2'), { 'training/train.py': 'x\n' });
    const noDockerfile = await tagAt(call, fakes, 'r-nodockerfile', sha('m2'));
    assert.match(noDockerfile.out.error?.message ?? '', /Dockerfile 'training\/Dockerfile' does not exist at commit [0-9a-f]{12}: fix training\.dockerfile/);
  });
});
