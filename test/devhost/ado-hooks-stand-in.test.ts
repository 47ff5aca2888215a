import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { ensureSubscriptions } from '../../scripts/ado-subscriptions.js';
import { startAzureDevOpsStandIn, type AzureDevOpsStandIn, type StandInPullRequest } from '../../stack/azure-devops/stand-in.js';
import { startAppHost, type AppHost } from '../support/app-host.js';
import { examplePipelineSpec } from '../support/pipelines.js';
import { scratchGit } from '../support/scratch-git.js';

/*
 * The Azure DevOps stand-in delivers real service hooks to the app on the dev host: subscriptions made by
 * `ensureSubscriptions`, pushes and pull requests over a scratch repository shaped like the example, a pipeline run.
 * S3 answers 503, so every run started here stays in `versionData` (retrying) for the whole file: the runs a hook
 * starts are still running when a later hook must cancel or replace them.
 */
const pat = 'stand-in-hooks-pat-0123456789';
const secret = 'stand-in-hooks-secret-0123456789';
const publicUrl = 'https://mlcycle.example.invalid';
const repoKey = 'contoso/churn/churn-model';
const { sh, write } = scratchGit(() => repo);
let root: string;
let repo: string;
let standIn: AzureDevOpsStandIn;
let app: AppHost;
let s3: { url: string; close: () => Promise<void> };

type Outcome = { pipelineId: string; decision: string; detail?: string; runId?: string };
type Delivery = { id: string; eventId?: string; eventType: string; decision: string; detail?: string; processedAt?: string; outcomes: Outcome[] };
type Trigger = { id: string; source: string; dedupKey: string; decision: string; detail?: string; runId?: string };
type Run = { id: string; status: string; kind: string; ref?: string; pullRequestId?: number; trigger: { reason?: string } };

/** A commit on `branch` (created from `from` when given) writing `files`; returns its sha and checks main out again. */
function commit(branch: string, files: Record<string, string>, from?: string): string {
  sh(from === undefined ? ['checkout', '-q', branch] : ['checkout', '-q', '-b', branch, from]);
  for (const [path, text] of Object.entries(files)) write(path, text);
  sh(['add', '-A']);
  sh(['commit', '-q', '-m', `${Object.keys(files).join(', ')} on ${branch}`]);
  const sha = sh(['rev-parse', 'HEAD']);
  sh(['checkout', '-q', 'main']);
  return sha;
}

/** An S3 endpoint that is down: every request answers 503, which the app retries. */
async function unavailableS3(): Promise<typeof s3> {
  const server = createServer((req, res) => {
    req.resume();
    res.writeHead(503, { 'content-type': 'application/xml' }).end('<Error><Code>ServiceUnavailable</Code><Message>down</Message></Error>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

const pipeline = (id: string, branch: string, enabled: boolean) =>
  app.call(`/api/pipelines/${id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...examplePipelineSpec(), source: { kind: 'azureRepos', organization: 'contoso', project: 'churn', repository: 'churn-model', branch }, concurrency: 'cancel-running', enabled }),
  });

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'mlcycle-ado-stand-in-'));
  repo = join(root, 'churn-model');
  mkdirSync(repo);
  sh(['init', '-q', '-b', 'main']);
  write('training/train.py', 'print("train")\n');
  write('training/Dockerfile', 'FROM python:3.12-slim\nCOPY . /app\n');
  write('data.dvc', 'outs:\n- md5: c542f38d9e010daa1c12ed4eb494a340.dir\n  size: 120873\n  nfiles: 2\n  hash: md5\n  path: data\n');
  write('README.md', 'churn model\n');
  write('azure-pipelines/build-image.yml', 'name: mlcycle-${{ parameters.runId }}\nparameters:\n- { name: runId, type: string }\nsteps:\n- script: echo build\n');
  sh(['add', '-A']);
  sh(['commit', '-q', '-m', 'initial']);
  sh(['branch', 'dev']);
  s3 = await unavailableS3();
  standIn = await startAzureDevOpsStandIn({
    repos: { [repoKey]: repo },
    pipelines: [{ id: 12, name: 'build-training-image', project: 'churn', repository: repoKey, yamlPath: 'azure-pipelines/build-image.yml' }],
    pat,
    build: () => Promise.resolve(),
  });
  app = await startAppHost({
    env: { ADO_BASE_URL: standIn.url, ADO_PAT: pat, ADO_WEBHOOK_SECRET: secret, MLCYCLE_PUBLIC_BASE_URL: publicUrl, S3_ENDPOINT: s3.url, S3_ACCESS_KEY_ID: 'unused', S3_SECRET_ACCESS_KEY: 'unused-secret' },
  });
  const subscribed = await ensureSubscriptions({
    orgUrl: standIn.orgUrl('contoso'),
    pat,
    project: 'churn',
    repository: 'churn-model',
    hookUrl: `${app.host.baseUrl}/api/hooks/azure-devops`,
    auth: { basic: { username: 'mlcycle', password: secret } },
    imagePipelineId: 12,
  });
  assert.equal(subscribed.created.length, 6);
  for (const [id, branch, enabled] of [['churn-main', 'main', true], ['churn-off', 'main', false], ['churn-dev', 'dev', true]] as const) {
    assert.equal((await pipeline(id, branch, enabled)).status, 201);
  }
});
after(async () => {
  await app?.stop();
  await standIn?.stop();
  await s3?.close();
  rmSync(root, { recursive: true, force: true });
});

async function get<T>(path: string): Promise<T> {
  const res = await app.call(path);
  assert.equal(res.status, 200, path);
  return (await res.json()) as T;
}
const runs = async (id: string) => (await get<{ items: Run[] }>(`/api/pipelines/${id}/runs?limit=100`)).items;
const triggers = async (id: string) => (await get<{ items: Trigger[] }>(`/api/pipelines/${id}/triggers?limit=100`)).items;
/** The trigger record a delivery wrote for a pipeline (its id is `<source>:<delivery id>.<pipeline id>`). */
const recordOf = async (d: Delivery, pipelineId: string) => (await triggers(pipelineId)).find((t) => t.id.endsWith(`:${d.id}.${pipelineId}`));
const outcomes = (d: Delivery) => d.outcomes.map((o) => [o.pipelineId, o.decision]).sort();

/**
 * Do `act`, then wait until the app has acted on every delivery the stand-in made meanwhile (at least `count`):
 * the stand-in is idle and each event's record in the app's delivery log has `processedAt`. Returns those records.
 */
async function settle(act: () => Promise<unknown>, count = 1): Promise<Delivery[]> {
  const mark = standIn.deliveries().length;
  await act();
  const end = Date.now() + 20_000;
  for (;;) {
    await standIn.idle();
    const sent = standIn.deliveries().slice(mark);
    const log = (await get<{ items: Delivery[] }>('/api/hooks/azure-devops/deliveries?limit=100')).items;
    const found = sent.map((s) => log.find((d) => d.eventId === s.eventId && d.processedAt !== undefined));
    if (sent.length >= count && sent.every((s) => s.status === 'succeeded') && found.every((d) => d !== undefined)) return found;
    assert.ok(Date.now() < end, `the app acted on ${found.filter(Boolean).length} of ${sent.length} deliveries: ${JSON.stringify(sent)}`);
    app.host.queueTriggers?.nudge();
    await new Promise((r) => setTimeout(r, 100));
  }
}
/** Open a pull request and wait for its two events (created, merged) to be acted on. */
async function open(sourceBranch: string, targetBranch: string): Promise<StandInPullRequest> {
  let pr: StandInPullRequest | undefined;
  await settle(async () => (pr = await standIn.createPullRequest({ repository: repoKey, sourceBranch, targetBranch, title: sourceBranch })), 2);
  assert.ok(pr);
  return pr;
}
const push = (branch: string, count = 1) => settle(() => standIn.push({ repository: repoKey, branch, pushedBy: 'dana@example.com' }), count);

describe('service hooks from the Azure DevOps stand-in to the app', { timeout: 90_000 }, () => {
  let [firstPush, trainingRuns] = [0, 0];

  it('a push changing training code starts one run on the new commit, for the pipeline on main only', async () => {
    const sha = commit('main', { 'training/train.py': 'print("train v2")\n' });
    const [d] = await push('main');
    assert.ok(d);
    firstPush = standIn.deliveries().at(-1)?.notificationId ?? 0;
    const started = await runs('churn-main');
    assert.deepEqual(started.map((r) => [r.kind, r.ref]), [['training', sha]]);
    assert.deepEqual([(await runs('churn-off')).length, (await runs('churn-dev')).length], [0, 0]);
    assert.deepEqual(outcomes(d), [['churn-main', 'started'], ['churn-off', 'disabled']]);
    assert.equal(d.outcomes.find((o) => o.pipelineId === 'churn-main')?.runId, started[0]?.id);
    assert.equal(d.outcomes.find((o) => o.pipelineId === 'churn-main')?.detail, `training run on ${sha.slice(0, 12)}`);
    assert.equal(started[0]?.trigger.reason, 'push to main changed training/train.py');
    const record = await recordOf(d, 'churn-main');
    assert.deepEqual([record?.source, record?.decision, record?.dedupKey, record?.runId], ['ado-push', 'started', sha, started[0]?.id]);
    assert.deepEqual([(await recordOf(d, 'churn-off'))?.decision, (await recordOf(d, 'churn-off'))?.detail], ['disabled', 'the pipeline is disabled']);
    assert.deepEqual(await triggers('churn-dev'), []);
    trainingRuns = 1;
  });

  it('a push changing only README.md starts nothing; several commits in one push start one run', async () => {
    commit('main', { 'README.md': 'churn model, v2\n' });
    const [readme] = await push('main');
    assert.ok(readme);
    assert.deepEqual(outcomes(readme), [['churn-main', 'skipped-no-change'], ['churn-off', 'disabled']]);
    assert.deepEqual([(await recordOf(readme, 'churn-main'))?.decision, (await recordOf(readme, 'churn-main'))?.detail], ['skipped-no-change', 'no relevant change: the push changed README.md']);
    assert.equal((await runs('churn-main')).length, trainingRuns);
    commit('main', { 'training/features.py': 'FEATURES = 3\n' });
    const head = commit('main', { 'data.dvc': 'outs:\n- md5: 0000000000000000000000000000000a.dir\n  size: 1\n  nfiles: 1\n  hash: md5\n  path: data\n' });
    const [many] = await push('main');
    assert.ok(many);
    assert.deepEqual(outcomes(many), [['churn-main', 'started'], ['churn-off', 'disabled']]);
    const all = await runs('churn-main');
    assert.equal(all.length, ++trainingRuns);
    assert.equal(all.filter((r) => r.ref === head).length, 1);
    // Concurrency cancel-running: the new run took over the one the first push started.
    assert.equal(all.find((r) => r.ref !== head)?.status, 'cancelled');
  });

  it('a redelivered push is answered 200 as a duplicate and starts no second run', async () => {
    const before = [(await runs('churn-main')).length, (await triggers('churn-main')).length];
    const [d] = await settle(async () => assert.equal(standIn.redeliver(firstPush), true));
    assert.ok(d);
    assert.equal(standIn.deliveries().at(-1)?.httpStatus, 200);
    assert.deepEqual([(await runs('churn-main')).length, (await triggers('churn-main')).length], before);
  });

  it('a force push and a branch deletion are recorded and start nothing', async () => {
    sh(['reset', '-q', '--hard', 'HEAD~1']);
    const [forced] = await push('main');
    assert.ok(forced);
    assert.deepEqual(outcomes(forced), [['churn-main', 'skipped'], ['churn-off', 'disabled']]);
    assert.match((await recordOf(forced, 'churn-main'))?.detail ?? '', /^force push: 1 commit\(s\) of the old head [0-9a-f]{12} are no longer on main/);
    sh(['branch', '-q', '-D', 'dev']);
    const [deleted] = await push('dev');
    assert.ok(deleted);
    assert.deepEqual(outcomes(deleted), [['churn-dev', 'skipped']]);
    assert.equal((await recordOf(deleted, 'churn-dev'))?.detail, 'branch dev was deleted');
    assert.deepEqual([(await runs('churn-main')).length, (await runs('churn-dev')).length], [trainingRuns, 0]);
  });

  let [prId, validation] = [0, undefined as Run | undefined];

  it('a pull request gets a validation run on its merge commit and a pending status; a new push to it, a second run', async () => {
    const source = commit('feature', { 'training/train.py': 'print("train v3")\n' }, 'main');
    const [created] = await push('feature');
    assert.match(created?.detail ?? '', /no pipeline watches repository churn-model of project churn on feature/);
    let pr = await open('feature', 'main');
    prId = pr.pullRequestId;
    const merge = pr.lastMergeCommit?.commitId;
    const v1 = (await runs('churn-main')).filter((r) => r.kind === 'validation');
    assert.deepEqual(v1.map((r) => [r.pullRequestId, r.ref]), [[prId, merge]]);
    const record = (await triggers('churn-main')).find((t) => t.source === 'ado-pr' && t.decision === 'started');
    assert.deepEqual([record?.dedupKey, record?.runId], [`pr-${prId}:${source}`, v1[0]?.id]);
    assert.equal(v1[0]?.trigger.reason, `pull request ${prId} into main changes training/train.py`);
    assert.ok((await triggers('churn-off')).some((t) => t.source === 'ado-pr' && t.decision === 'disabled'));
    const statuses = (standIn.pullRequest(prId)?.statuses ?? []).filter((s) => s.context.name === 'churn-main');
    assert.ok(statuses.length > 0 && statuses.every((s) => s.state === 'pending' && s.context.genre === 'mlcycle'), JSON.stringify(statuses));
    assert.equal(statuses[0]?.targetUrl, `${publicUrl}/api/runs/${v1[0]?.id ?? ''}`);
    const again = commit('feature', { 'training/train.py': 'print("train v4")\n' });
    await push('feature');
    await settle(async () => (pr = await standIn.updatePullRequest(prId)), 2);
    const v2 = (await runs('churn-main')).filter((r) => r.kind === 'validation');
    assert.equal(v2.length, 2);
    validation = v2.find((r) => r.ref === pr.lastMergeCommit?.commitId);
    assert.ok(validation && validation.ref !== merge);
    assert.equal(v2.find((r) => r.ref === merge)?.status, 'cancelled');
    assert.ok((await triggers('churn-main')).some((t) => t.dedupKey === `pr-${prId}:${again}` && t.decision === 'started' && t.runId === validation?.id));
  });

  it('a conflicting pull request is skipped with the reason; one into an unwatched branch starts nothing', async () => {
    const initial = sh(['rev-list', '--max-parents=0', 'main']);
    commit('clash', { 'README.md': 'theirs\n', 'training/train.py': 'print("clash")\n' }, initial);
    const before = (await runs('churn-main')).length;
    const [clash] = await settle(() => standIn.createPullRequest({ repository: repoKey, sourceBranch: 'clash', targetBranch: 'main', title: 'Clash' }));
    assert.ok(clash);
    assert.deepEqual(outcomes(clash), [['churn-main', 'skipped'], ['churn-off', 'disabled']]);
    assert.equal((await recordOf(clash, 'churn-main'))?.detail, 'no merge commit yet (merge status conflicts): resolve the conflicts and push');
    sh(['branch', 'release', initial]);
    commit('hotfix', { 'training/train.py': 'print("hotfix")\n' }, initial);
    const elsewhere = await settle(() => standIn.createPullRequest({ repository: repoKey, sourceBranch: 'hotfix', targetBranch: 'release', title: 'Hotfix' }), 2);
    for (const d of elsewhere) {
      assert.deepEqual(d.outcomes, []);
      assert.match(d.detail ?? '', /no pipeline watches repository churn-model of project churn on release/);
    }
    assert.equal((await runs('churn-main')).length, before);
  });

  it('abandoning the pull request cancels its running validation run', async () => {
    assert.ok(validation);
    const [abandoned] = await settle(async () => standIn.abandonPullRequest(prId));
    assert.ok(abandoned);
    assert.equal((await get<Run>(`/api/runs/${validation.id}`)).status, 'cancelled');
    assert.deepEqual(outcomes(abandoned), [['churn-main', 'cancelled'], ['churn-off', 'disabled']], JSON.stringify(abandoned));
    const record = await recordOf(abandoned, 'churn-main');
    assert.deepEqual([record?.decision, record?.detail, record?.runId], ['cancelled', `cancelled ${validation.id}`, validation.id]);
  });

  it('completing a pull request: the completion and the push it makes start one training run on the merge commit', async () => {
    commit('ship', { 'training/train.py': 'print("ship")\n' }, 'main');
    const pr = await open('ship', 'main');
    const done = await settle(() => standIn.completePullRequest(pr.pullRequestId), 3);
    const merge = sh(['rev-parse', 'main']);
    assert.deepEqual(done.map((d) => d.eventType).sort(), ['git.pullrequest.merged', 'git.pullrequest.updated', 'git.push']);
    const training = (await runs('churn-main')).filter((r) => r.kind === 'training');
    assert.equal(training.length, ++trainingRuns);
    const onMerge = training.filter((r) => r.ref === merge);
    assert.equal(onMerge.length, 1);
    const decisions = done.flatMap((d) => d.outcomes.filter((o) => o.pipelineId === 'churn-main'));
    assert.deepEqual(decisions.map((o) => o.decision).sort(), ['deduplicated', 'deduplicated', 'started']);
    assert.ok(decisions.every((o) => o.runId === onMerge[0]?.id));
  });

  it('a finished pipeline run no mlcycle run waits for is recorded as such', async () => {
    const start = async () => {
      const res = await fetch(`${standIn.orgUrl('contoso')}/churn/_apis/pipelines/12/runs`, {
        method: 'POST',
        headers: { authorization: `Basic ${Buffer.from(`:${pat}`).toString('base64')}`, accept: 'application/json;api-version=7.1', 'content-type': 'application/json' },
        body: JSON.stringify({ resources: { repositories: { self: { refName: 'refs/heads/main' } } }, templateParameters: { runId: 'r-nobody-waits' } }),
      });
      assert.equal(res.status, 200);
      return ((await res.json()) as { id: number }).id;
    };
    let adoRunId = 0;
    const [d] = await settle(async () => (adoRunId = await start()));
    assert.ok(d);
    assert.equal(d.eventType, 'ms.vss-pipelines.run-state-changed-event');
    assert.deepEqual(d.outcomes, []);
    assert.equal(d.detail, `no run waits for Azure Pipelines run ${adoRunId} of pipeline 12`);
  });
});
