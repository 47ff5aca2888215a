import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { hookEnvelopeSchema } from '../../shared/domain/ado-hooks/envelope.js';
import { normalizeHook } from '../../shared/domain/ado-hooks/normalize.js';
import type { PipelineSpec } from '../../shared/domain/pipeline.js';
import { handleHookEvent } from '../../shared/use-cases/ado-hooks/handle-hook-event.js';
import type { HookDeps } from '../../shared/use-cases/ado-hooks/deps.js';
import { fakeServices, type Fakes } from '../fakes/fake-services.js';
import { fakeRepositoryId } from '../fakes/fake-source.js';
import { recordingOrchestrations } from '../fakes/recording-orchestrations.js';
import { seedPipeline, sha } from '../fakes/seed.js';
import { pipelineRunDelivery, pullRequestDelivery, pushDelivery, type RepoIds } from '../support/ado-hook-payloads.js';

/*
 * Acting on service-hook events (the `ado-hooks` queue's use case) over in-memory fakes: which pipelines a push or a
 * pull request concerns, what it starts, and the reason on record when it starts nothing.
 */

const source = { kind: 'azureRepos' as const, organization: 'contoso', project: 'churn', repository: 'churn-model', branch: 'main' };
const repo: RepoIds = { id: fakeRepositoryId('contoso', 'churn', 'churn-model'), name: 'churn-model', projectId: '11111111-1111-4111-8111-111111111111', projectName: 'churn' };
const base = { source, training: { codePath: 'training', dockerfile: 'training/Dockerfile' } } satisfies Partial<PipelineSpec>;

async function setup(overrides: Partial<PipelineSpec> = {}) {
  const { services, fakes } = fakeServices({ now: () => Date.UTC(2026, 0, 1) });
  await seedPipeline(fakes, 'churn', sha('c1'), { ...base, ...overrides });
  const orchestrations = recordingOrchestrations();
  const deps: HookDeps = { ...services, orchestrations, publicBaseUrl: 'https://mlcycle.example.com' };
  let n = 0;
  const deliver = async (payload: unknown) => {
    const r = normalizeHook(hookEnvelopeSchema.parse(payload));
    assert.ok('event' in r, 'the payload is acted on');
    return handleHookEvent(deps, { deliveryId: `ado~${++n}`, eventId: (payload as { id: string }).id, eventType: (payload as { eventType: string }).eventType, event: r.event });
  };
  return { services, fakes, orchestrations, deliver };
}

/** Commit `sha(label)` on main: the files of `from` with `changes` applied. */
function commit(fakes: Fakes, from: string, label: string, changes: Record<string, string>): string {
  const prefix = `ado:contoso/churn/churn-model@${sha(from)}:`;
  const files = Object.fromEntries(Object.entries(fakes.world.state.files).filter(([k]) => k.startsWith(prefix)).map(([k, v]) => [k.slice(prefix.length), v]));
  fakes.source.commit(source, 'main', sha(label), { ...files, ...changes });
  return sha(label);
}

describe('git.push', () => {
  it('a push that changes the training code starts one run on the new commit; the same push again starts nothing more', async () => {
    const { services, fakes, orchestrations, deliver } = await setup();
    const c2 = commit(fakes, 'c1', 'c2', { 'training/train.py': 'print(2)\n' });
    const { outcomes } = await deliver(pushDelivery(repo, 'main', sha('c1'), c2));
    assert.equal(outcomes[0]?.decision, 'started');
    const run = await services.runs.find(outcomes[0].runId!);
    assert.equal(run?.ref, c2);
    assert.equal(run?.trigger.kind, 'ado-push');
    assert.equal(run?.trigger.actor, 'dana@example.com');
    assert.equal((await deliver(pushDelivery(repo, 'main', sha('c1'), c2))).outcomes[0]?.decision, 'deduplicated');
    assert.equal(orchestrations.started.length, 1);
  });

  it('a data change (a .dvc file) starts a run; a change elsewhere is skipped with the paths it saw', async () => {
    const { fakes, deliver, orchestrations, services } = await setup();
    const c2 = commit(fakes, 'c1', 'c2', { 'README.md': 'docs\n' });
    const skipped = await deliver(pushDelivery(repo, 'main', sha('c1'), c2));
    assert.equal(skipped.outcomes[0]?.decision, 'skipped-no-change');
    assert.match(skipped.outcomes[0]?.detail ?? '', /no relevant change: the push changed README\.md/);
    const log = await services.triggers.list('churn', { limit: 10 });
    assert.equal(log.items[0]?.decision, 'skipped-no-change');
    const c3 = commit(fakes, 'c2', 'c3', { 'data.dvc': 'outs:\n- md5: 0123456789abcdef0123456789abcdef.dir\n  path: data\n' });
    assert.equal((await deliver(pushDelivery(repo, 'main', c2, c3))).outcomes[0]?.decision, 'started');
    assert.equal(orchestrations.started.length, 1);
  });

  it('a force push, a new branch and a deleted branch are recorded and start nothing', async () => {
    const { fakes, deliver, orchestrations } = await setup();
    const c2 = commit(fakes, 'c1', 'c2', { 'training/train.py': 'x\n' });
    fakes.world.state.rewritten = [`${sha('c1')}..${c2}`];
    assert.match((await deliver(pushDelivery(repo, 'main', sha('c1'), c2))).outcomes[0]?.detail ?? '', /force push/);
    assert.match((await deliver(pushDelivery(repo, 'main', null, c2))).outcomes[0]?.detail ?? '', /was created/);
    assert.match((await deliver(pushDelivery(repo, 'main', c2, null))).outcomes[0]?.detail ?? '', /was deleted/);
    assert.deepEqual(orchestrations.started, []);
  });

  it('an unwatched branch, another repository, another project and a disabled pipeline start nothing', async () => {
    const { fakes, deliver, orchestrations } = await setup();
    const c2 = commit(fakes, 'c1', 'c2', { 'training/train.py': 'x\n' });
    const other = await deliver(pushDelivery(repo, 'dev', sha('c1'), c2));
    assert.deepEqual(other.outcomes, []);
    assert.match(other.summary ?? '', /no pipeline watches repository churn-model of project churn on dev/);
    // Same names, another repository (a payload naming ours, with another id): recorded on the pipeline, not started.
    const impostor = await deliver(pushDelivery({ ...repo, id: '22222222-2222-4222-8222-222222222222' }, 'main', sha('c1'), c2));
    assert.equal(impostor.outcomes[0]?.decision, 'skipped');
    // Our repository's id, another project's name: no pipeline of that project.
    assert.deepEqual((await deliver(pushDelivery({ ...repo, projectName: 'other' }, 'main', sha('c1'), c2))).outcomes, []);
    const { deliver: deliverDisabled, fakes: f2, orchestrations: o2 } = await setup({ enabled: false });
    const d2 = commit(f2, 'c1', 'c2', { 'training/train.py': 'x\n' });
    assert.equal((await deliverDisabled(pushDelivery(repo, 'main', sha('c1'), d2))).outcomes[0]?.decision, 'disabled');
    assert.deepEqual([...orchestrations.started, ...o2.started], []);
  });
});

describe('pull requests', () => {
  const pr = (fakes: Fakes, extra: Record<string, unknown> = {}) => {
    const merge = commit(fakes, 'c1', 'm1', { 'training/train.py': 'C = 0.5\n' });
    return { id: 12, sourceCommit: sha('s1'), targetCommit: sha('c1'), mergeCommit: merge, ...extra };
  };

  it('an active PR gets one validation run on its merge commit, with a pending status; a vote (same source commit) starts nothing new', async () => {
    const { fakes, services, deliver, orchestrations } = await setup();
    const p = pr(fakes);
    const { outcomes } = await deliver(pullRequestDelivery('git.pullrequest.created', repo, p));
    assert.equal(outcomes[0]?.decision, 'started');
    const run = await services.runs.find(outcomes[0].runId!);
    assert.equal(run?.kind, 'validation');
    assert.equal(run?.pullRequestId, 12);
    assert.equal(run?.ref, p.mergeCommit);
    assert.deepEqual(fakes.world.state.statuses.map((s) => [s.name, s.state]), [['churn', 'pending']]);
    assert.equal((await deliver(pullRequestDelivery('git.pullrequest.updated', repo, p))).outcomes[0]?.decision, 'deduplicated');
    assert.equal(orchestrations.started.length, 1);
  });

  it('a PR validation does not wait for training: it has a slot of its own', async () => {
    const { fakes, deliver, orchestrations } = await setup();
    const c2 = commit(fakes, 'c1', 'c2', { 'training/train.py': 'x\n' });
    await deliver(pushDelivery(repo, 'main', sha('c1'), c2));
    assert.equal((await deliver(pullRequestDelivery('git.pullrequest.created', repo, pr(fakes)))).outcomes[0]?.decision, 'started');
    assert.equal(orchestrations.started.length, 2);
  });

  it('a new push to the PR supersedes the running validation under cancel-running', async () => {
    const { fakes, deliver, orchestrations } = await setup({ concurrency: 'cancel-running' });
    const first = await deliver(pullRequestDelivery('git.pullrequest.created', repo, pr(fakes)));
    await deliver(pullRequestDelivery('git.pullrequest.updated', repo, pr(fakes, { sourceCommit: sha('s2') })));
    assert.equal(orchestrations.started.length, 2);
    assert.ok(orchestrations.terminated.includes(first.outcomes[0]!.runId!));
  });

  it('a fork, a merge conflict and a failed merge attempt are skipped with the reason', async () => {
    const { fakes, deliver, orchestrations } = await setup();
    assert.match((await deliver(pullRequestDelivery('git.pullrequest.created', repo, pr(fakes, { fork: true })))).outcomes[0]?.detail ?? '', /fork/);
    assert.match((await deliver(pullRequestDelivery('git.pullrequest.created', repo, pr(fakes, { mergeCommit: null })))).outcomes[0]?.detail ?? '', /no merge commit yet \(merge status conflicts\)/);
    assert.match((await deliver(pullRequestDelivery('git.pullrequest.merged', repo, pr(fakes, { mergeStatus: 'failure' })))).outcomes[0]?.detail ?? '', /merge attempt ended failure/);
    assert.deepEqual(orchestrations.started, []);
  });

  it('abandoning the PR cancels its validation run', async () => {
    const { fakes, services, deliver } = await setup();
    const started = await deliver(pullRequestDelivery('git.pullrequest.created', repo, pr(fakes)));
    const abandoned = await deliver(pullRequestDelivery('git.pullrequest.updated', repo, pr(fakes, { status: 'abandoned' })));
    assert.equal(abandoned.outcomes[0]?.decision, 'cancelled');
    assert.equal((await services.runs.find(started.outcomes[0]!.runId!))?.status, 'cancelled');
  });

  it('a completed PR retrains the target branch once, together with the push the merge made', async () => {
    const { fakes, deliver, orchestrations } = await setup();
    const p = pr(fakes, { status: 'completed' });
    const done = await deliver(pullRequestDelivery('git.pullrequest.updated', repo, p));
    assert.equal(done.outcomes[0]?.decision, 'started');
    const push = await deliver(pushDelivery(repo, 'main', sha('c1'), p.mergeCommit));
    assert.equal(push.outcomes[0]?.decision, 'deduplicated');
    assert.equal(push.outcomes[0]?.runId, done.outcomes[0]?.runId);
    assert.equal(orchestrations.started.length, 1);
  });
});

describe('pipeline runs', () => {
  it('a finished image build wakes the run that recorded it; another run is recorded and ignored', async () => {
    const { services, fakes, deliver } = await setup();
    const c2 = commit(fakes, 'c1', 'c2', { 'training/train.py': 'x\n' });
    const { outcomes } = await deliver(pushDelivery(repo, 'main', sha('c1'), c2));
    const runId = outcomes[0]!.runId!;
    await services.runs.update('churn', runId, (r) => ({ ...r, lineage: { ...r.lineage, image: { registry: 'r', repository: 'x', tag: 't', buildId: 'ado-12-104', built: true } } }));
    const woken = await deliver(pipelineRunDelivery(12, 104, `mlcycle-${runId}`));
    assert.equal(woken.outcomes[0]?.decision, 'woken');
    assert.match((await deliver(pipelineRunDelivery(12, 105, `mlcycle-${runId}`))).summary ?? '', /no run waits for Azure Pipelines run 105/);
    assert.match((await deliver(pipelineRunDelivery(12, 106, 'nightly'))).summary ?? '', /no run waits/);
  });
});
