import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OrchestrationClient } from '../../shared/ports/orchestration-client.js';
import { reproduceRun } from '../../shared/use-cases/reproduce-run.js';
import { startRun, type StartRunDeps } from '../../shared/use-cases/start-run.js';
import { commitData, pipelineSpec, seedPipeline, sha } from '../fakes/seed.js';
import type { RunHarness } from './support/harness.js';
import { harness } from './support/per-test.js';

/*
 * Reproductions on the dev-host durable engine over fakes: started through the use case the HTTP route calls, run by
 * the unchanged training orchestrator, pinned to the original's commit, data, image digest and params.
 */

/** The harness's engine behind the orchestration port, so runs start the way the app starts them. */
function engineClient(h: RunHarness): OrchestrationClient {
  return {
    start: async (name, instanceId, input) => ((await h.engine.startNew(name, { instanceId, input })).ok ? 'started' : 'already-exists'),
    status: async (id) => {
      const s = h.status(id);
      return s ? { runtimeStatus: s.runtimeStatus } : null;
    },
    raise: async () => 'raised',
    terminate: async () => undefined,
  };
}

function deps(h: RunHarness): StartRunDeps {
  return { pipelines: h.fakes.pipelines, runs: h.fakes.runs, triggers: h.fakes.triggers, orchestrations: engineClient(h), now: h.services.now };
}

const reproducibility = { absoluteTolerance: 1e-6, relativeTolerance: 0.01, metrics: { precision: { relativeTolerance: 0.05 } } };

/** A pipeline with one promoted run (`orig`, params C=0.5, default metrics), and the branch moved on since. */
async function promotedOriginal(h: RunHarness): Promise<void> {
  await seedPipeline(h.fakes, 'churn', sha('c1'), { reproducibility });
  await h.start({ runId: 'orig', pipelineId: 'churn', trigger: { kind: 'http' }, params: { C: '0.5' } });
  const { output } = await h.finish('orig');
  assert.equal(output.outcome, 'promote');
  commitData(h.fakes, pipelineSpec(), sha('c2'), { dataVariant: 'v2' });
}

async function reproduce(h: RunHarness, key: string): Promise<string> {
  const { run, created } = await reproduceRun(deps(h), { originalId: 'orig', runId: `rep-${key}`, dedupKey: key, evaluationId: `eval-${key}`, actor: 'ana' });
  assert.equal(created, true);
  return run.id;
}

describe('a reproduction on the dev host', () => {
  it('reruns the original exactly, promotes nothing, and says which metrics came back within tolerance', async () => {
    const h = await harness();
    await promotedOriginal(h);
    const original = await h.fakes.runs.find('orig');
    const counters = { ...h.fakes.world.state.counters };
    const aliases = { ...h.fakes.world.state.aliases };

    // Same metrics: reproduced.
    const same = await reproduce(h, 'same');
    const first = await h.finish(same);
    assert.equal(first.output.status, 'succeeded');
    assert.equal(first.output.outcome, 'hold');
    assert.equal((await h.fakes.runs.find(same))?.reproduction?.reproduced, true);

    // auc moves within 1 % of 0.9; precision drops 0.8 → 0.7, beyond its 5 % override.
    h.fakes.metrics.set('churn', { auc: 0.905, precision: 0.7 });
    const changed = await reproduce(h, 'changed');
    const { output } = await h.finish(changed);
    assert.equal(output.status, 'succeeded');
    assert.equal(output.outcome, 'hold');
    assert.equal(output.modelVersion, undefined);
    const run = await h.fakes.runs.find(changed);
    assert.ok(run && original);
    assert.equal(run.kind, 'reproduction');
    assert.equal(run.reproduceOf, 'orig');
    assert.equal(run.trigger.kind, 'reproduce');
    assert.equal(run.lineage.commitSha, sha('c1'), 'pinned to the original commit, not the branch head');
    assert.equal(run.lineage.data?.fingerprint, original.lineage.data?.fingerprint);
    assert.equal(run.lineage.image?.digest, original.lineage.image?.digest);
    assert.equal(run.lineage.image?.built, false);
    assert.equal(run.lineage.model, undefined);
    assert.deepEqual(run.params, { C: '0.5' });
    assert.equal(run.steps.find((s) => s.name === 'promote')?.status, 'skipped');
    const conf = h.fakes.scheduler.runs().find((r) => r.conf.runId === changed)?.conf;
    assert.equal(conf?.image, `mlcycle.azurecr.io/churn-model@${original.lineage.image?.digest ?? ''}`);
    assert.deepEqual(conf?.params, { C: '0.5' });

    assert.deepEqual(run.reproduction, {
      originalRunId: 'orig',
      reproduced: false,
      metrics: [
        { metric: 'auc', original: 0.9, reproduced: 0.905, absoluteTolerance: 1e-6, relativeTolerance: 0.01, allowed: 0.9 * 0.01, within: true },
        { metric: 'precision', original: 0.8, reproduced: 0.7, absoluteTolerance: 1e-6, relativeTolerance: 0.05, allowed: 0.8 * 0.05, within: false },
      ],
    });
    assert.equal(run.decision?.outcome, 'hold');
    assert.match(run.decision?.summary ?? '', /did not reproduce run orig: precision 0\.7 vs 0\.8/);

    const now = h.fakes.world.state.counters;
    assert.equal(now.buildsStarted, counters.buildsStarted, 'no image was built');
    assert.equal(now.modelVersionsRegistered, counters.modelVersionsRegistered, 'no model version was registered');
    assert.equal(now.aliasesSet, counters.aliasesSet, 'no alias moved');
    assert.deepEqual(h.fakes.world.state.aliases, aliases);
    assert.equal(now.dagRunsCreated, counters.dagRunsCreated + 2);
  });

  it('neither waits for a training run nor holds one up: it has its own slot lane', async () => {
    const h = await harness();
    await promotedOriginal(h);
    const training = await startRun(deps(h), { pipelineId: 'churn', runId: 'train-2', trigger: { kind: 'http' }, dedupKey: 'train-2', evaluationId: 'e-train-2' });
    assert.equal(training.run.status, 'queued');
    const rep = await reproduce(h, 'lane');
    assert.equal((await h.fakes.runs.find(rep))?.queuedBehind, undefined);
    // A second reproduction meets the first in its lane (concurrency `skip`), not the training run.
    await assert.rejects(reproduceRun(deps(h), { originalId: 'orig', runId: 'rep-second', dedupKey: 'second', evaluationId: 'e-second', actor: 'ana' }), (e: unknown) => e instanceof Error && e.message.includes(rep));
    const [a, b] = [await h.finish('train-2'), await h.finish(rep)];
    assert.equal(a.output.status, 'succeeded');
    assert.equal(b.output.status, 'succeeded');
  });

  it('fails at ensureImage, building nothing, when the image is gone from the registry', async () => {
    const h = await harness();
    await promotedOriginal(h);
    const image = (await h.fakes.runs.find('orig'))?.lineage.image;
    assert.ok(image?.digest);
    h.fakes.registry.deleteManifest(image.registry, image.repository, image.digest);
    const builds = h.fakes.world.state.counters.buildsStarted;
    const dagRuns = h.fakes.world.state.counters.dagRunsCreated;
    const rep = await reproduce(h, 'no-image');
    const { output } = await h.finish(rep);
    assert.equal(output.status, 'failed');
    assert.equal(output.failedStep, 'ensureImage');
    assert.equal(output.error?.code, 'PERMANENT');
    assert.equal(output.reason, `ensureImage failed: The image mlcycle.azurecr.io/churn-model@${image.digest} is gone from the registry; a reproduction never rebuilds`);
    assert.equal(h.fakes.world.state.counters.buildsStarted, builds);
    assert.equal(h.fakes.world.state.counters.dagRunsCreated, dagRuns);
    assert.equal(h.fakes.registry.faults.count('hasManifest'), 1, 'a permanent failure is not retried');
  });

  it('fails at versionData when the data it trained on is no longer in the remote', async () => {
    const h = await harness();
    await promotedOriginal(h);
    const original = await h.fakes.runs.find('orig');
    for (const k of Object.keys(h.fakes.world.state.objects).filter((k) => !k.endsWith('.dir'))) delete h.fakes.world.state.objects[k];
    const rep = await reproduce(h, 'no-data');
    const { output } = await h.finish(rep);
    assert.equal(output.status, 'failed');
    assert.equal(output.failedStep, 'versionData');
    assert.equal(output.error?.code, 'PERMANENT');
    assert.match(output.reason ?? '', new RegExp(`versionData failed: 2 objects of data fingerprint ${original?.lineage.data?.fingerprint ?? '?'} are no longer in s3://dvc-store/churn: data/test\\.csv, data/train\\.csv`));
  });
});
