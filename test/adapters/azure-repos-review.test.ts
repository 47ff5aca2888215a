import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { AdoConnection } from '../../shared/adapters/azure-devops/ado-connection.js';
import { AzureReposReview } from '../../shared/adapters/azure-devops/azure-repos-review.js';
import { AzureReposSource } from '../../shared/adapters/azure-devops/azure-repos-source.js';
import { AppError } from '../../shared/domain/errors.js';
import type { Source } from '../../shared/domain/pipeline.js';
import { standInGuid, type StandInEvent } from '../../stack/azure-devops/events.js';
import { startAzureDevOpsStandIn, type AzureDevOpsStandIn } from '../../stack/azure-devops/stand-in.js';
import { scratchGit } from '../support/scratch-git.js';

/** Pull-request feedback through the real azure-devops-node-api client, against the stand-in's pull requests over a real git repository. */
let root: string;
let repo: string;
let standIn: AzureDevOpsStandIn;
const events: StandInEvent[] = [];
const moved: string[] = [];
const pat = 'review-pat-0123456789';
const { sh, write } = scratchGit(() => repo);
const connection = (p = pat) => new AdoConnection({ auth: { pat: p }, orgUrl: (o) => standIn.orgUrl(o), timeoutMs: 10_000 });

before(async () => {
  root = mkdtempSync(join(tmpdir(), 'mlcycle-ado-review-'));
  repo = join(root, 'training');
  mkdirSync(repo);
  sh(['init', '-q', '-b', 'main']);
  write('README.md', 'one\n');
  sh(['add', '-A']);
  sh(['commit', '-q', '-m', 'one']);
  const repos = { 'contoso/ML Project/training': repo };
  standIn = await startAzureDevOpsStandIn({ repos, pipelines: [], pat, build: () => Promise.resolve(), onEvent: (e) => events.push(e), onBranchMoved: (r, b) => moved.push(`${r}:${b}`) });
});
after(async () => {
  await standIn.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('Azure Repos commit diffs in the stand-in', () => {
  it('count the commits the target is ahead of and behind the base (a force push is behind)', async () => {
    const base = sh(['rev-parse', 'HEAD']);
    write('a.txt', '1\n');
    sh(['add', '-A']);
    sh(['commit', '-q', '-m', 'a']);
    write('b.txt', '2\n');
    sh(['add', '-A']);
    sh(['commit', '-q', '-m', 'b']);
    const ahead = sh(['rev-parse', 'HEAD']);
    sh(['checkout', '-q', '-b', 'rewritten', base]);
    write('c.txt', '3\n');
    sh(['add', '-A']);
    sh(['commit', '-q', '-m', 'c']);
    const rewritten = sh(['rev-parse', 'HEAD']);
    sh(['checkout', '-q', 'main']);
    const at = (version: string) => ({ version, versionType: 2 });
    const diff = (from: string, to: string) => connection().call('contoso', 'diff', (a) => a.git.getCommitDiffs('training', 'ML Project', false, 10, 0, at(from), at(to)));
    const forward = await diff(base, ahead);
    assert.deepEqual([forward?.aheadCount, forward?.behindCount], [2, 0]);
    const forced = await diff(ahead, rewritten);
    assert.deepEqual([forced?.aheadCount, forced?.behindCount], [1, 2]);
  });
});

const source = (over: Partial<Extract<Source, { kind: 'azureRepos' }>> = {}): Source => ({ kind: 'azureRepos', organization: 'contoso', project: 'ML Project', repository: 'training', branch: 'main', ...over });
const review = (via = standIn) => new AzureReposReview(new AdoConnection({ auth: { pat }, orgUrl: (o) => via.orgUrl(o), timeoutMs: 10_000 }));
const isError = (code: string, pattern?: RegExp) => (e: unknown) => e instanceof AppError && e.code === code && (pattern === undefined || pattern.test(e.message));
const repoId = standInGuid('repository', 'contoso/ML Project/training');

/** Commit `files` on `branch` (created from `from` when given) and come back to main. */
function commitOn(branch: string, files: Record<string, string>, from?: string): string {
  sh(from === undefined ? ['checkout', '-q', branch] : ['checkout', '-q', '-b', branch, from]);
  for (const [path, text] of Object.entries(files)) write(path, text);
  sh(['add', '-A']);
  sh(['commit', '-q', '-m', `on ${branch}`]);
  const sha = sh(['rev-parse', 'HEAD']);
  sh(['checkout', '-q', 'main']);
  return sha;
}

describe('the stand-in pull requests', () => {
  it('open with a merge commit at refs/pull/N/merge that the Azure Repos source reads, and raise created and merged', async () => {
    events.length = 0;
    const head = commitOn('feature', { 'src/model.py': 'v = 2\n' }, 'main');
    const pr = await standIn.createPullRequest({ repository: 'contoso/ML Project/training', sourceBranch: 'feature', targetBranch: 'main', title: 'Better model', description: 'why' });
    assert.equal(pr.status, 'active');
    assert.equal(pr.mergeStatus, 'succeeded');
    const merge = sh(['rev-parse', `refs/pull/${pr.pullRequestId}/merge`]);
    assert.equal(pr.lastMergeCommit?.commitId, merge);
    assert.deepEqual(sh(['show', '-s', '--format=%P', merge]).split(' '), [sh(['rev-parse', 'main']), head]);
    const repos = new AzureReposSource(new AdoConnection({ auth: { pat }, orgUrl: (o) => standIn.orgUrl(o), timeoutMs: 10_000 }));
    assert.equal(await repos.resolveCommit(source(), `refs/pull/${pr.pullRequestId}/merge`), merge);
    assert.equal(await repos.readFile(source(), merge, 'src/model.py'), 'v = 2\n');
    assert.deepEqual((await repos.compareCommits(source(), sh(['rev-parse', 'main']), merge)).paths, ['src/model.py']);
    assert.deepEqual(events.map((e) => e.eventType), ['git.pullrequest.created', 'git.pullrequest.merged']);
    for (const e of events) {
      assert.deepEqual([e.publisherId, e.resourceVersion, e.organization, e.projectId], ['tfs', '1.0', 'contoso', standInGuid('project', 'contoso/ML Project')]);
      assert.equal(e.filters.repository, repoId);
      assert.equal(e.filters.branch, 'main');
      assert.equal((e.resource.repository as { id: string }).id, repoId);
      assert.equal((e.resource.lastMergeCommit as { commitId: string }).commitId, merge);
    }
    assert.equal(events[1]?.filters.mergeResult, 'Succeeded');
    const viaApi = await connection().call('contoso', 'get', (a) => a.git.getPullRequestById(pr.pullRequestId, 'ML Project'));
    assert.deepEqual([viaApi.sourceRefName, viaApi.targetRefName, viaApi.lastMergeCommit?.commitId, viaApi.repository?.name], ['refs/heads/feature', 'refs/heads/main', merge, 'training']);
    const repository = await connection().call('contoso', 'repo', (a) => a.git.getRepository(repoId, 'ML Project'));
    assert.deepEqual([repository.name, repository.defaultBranch, repository.project?.name], ['training', 'refs/heads/main', 'ML Project']);
  });

  it('recompute the merge when the source moves, give none while conflicting, and raise updated (push) and merged', async () => {
    const pr = await standIn.createPullRequest({ repository: 'contoso/ML Project/training', sourceBranch: 'clash', targetBranch: 'main', title: 'Clash', fromFork: true }).catch(() => undefined);
    assert.equal(pr, undefined, 'a missing source branch is refused');
    commitOn('clash', { 'README.md': 'theirs\n' }, 'main');
    commitOn('main', { 'README.md': 'ours\n' });
    events.length = 0;
    const open = await standIn.createPullRequest({ repository: 'contoso/ML Project/training', sourceBranch: 'clash', targetBranch: 'main', title: 'Clash', fromFork: true });
    assert.equal(open.mergeStatus, 'conflicts');
    assert.equal(open.lastMergeCommit, undefined);
    assert.ok(open.forkSource !== undefined);
    assert.throws(() => sh(['rev-parse', '--verify', '--quiet', `refs/pull/${open.pullRequestId}/merge`]));
    assert.equal(events[1]?.filters.mergeResult, 'Conflicts');
    commitOn('clash', { 'README.md': 'ours\n', 'other.txt': 'x\n' });
    events.length = 0;
    const updated = await standIn.updatePullRequest(open.pullRequestId);
    assert.equal(updated.mergeStatus, 'succeeded');
    assert.deepEqual(events.map((e) => [e.eventType, e.filters.notificationType ?? e.filters.mergeResult]), [['git.pullrequest.updated', 'PushNotification'], ['git.pullrequest.merged', 'Succeeded']]);
    events.length = 0;
    const abandoned = standIn.abandonPullRequest(open.pullRequestId);
    assert.equal(abandoned.status, 'abandoned');
    assert.deepEqual(events.map((e) => [e.eventType, e.filters.notificationType, e.resource.status]), [['git.pullrequest.updated', 'StatusUpdateNotification', 'abandoned']]);
    await assert.rejects(standIn.completePullRequest(open.pullRequestId), /abandoned/);
  });

  it('complete by moving the target to the merge commit, recomputed when the target moved, and tell who owns pushes', async () => {
    const pr = await standIn.createPullRequest({ repository: 'contoso/ML Project/training', sourceBranch: 'ship', targetBranch: 'main', title: 'Ship' }).catch(async () => {
      commitOn('ship', { 'ship.txt': '1\n' }, 'main');
      return standIn.createPullRequest({ repository: 'contoso/ML Project/training', sourceBranch: 'ship', targetBranch: 'main', title: 'Ship' });
    });
    const before = pr.lastMergeCommit?.commitId;
    commitOn('main', { 'main.txt': 'moved\n' });
    events.length = 0;
    moved.length = 0;
    const done = await standIn.completePullRequest(pr.pullRequestId);
    const main = sh(['rev-parse', 'main']);
    assert.notEqual(main, before);
    assert.equal(done.lastMergeCommit?.commitId, main);
    assert.equal(sh(['show', '-s', '--format=%P', main]).split(' ')[1], sh(['rev-parse', 'ship']));
    assert.equal(done.status, 'completed');
    assert.ok(done.closedDate !== undefined && done.completionOptions !== undefined);
    assert.deepEqual(events.map((e) => [e.eventType, e.filters.notificationType ?? e.filters.mergeResult, e.resource.status]), [['git.pullrequest.updated', 'StatusUpdateNotification', 'completed'], ['git.pullrequest.merged', 'Succeeded', 'completed']]);
    assert.deepEqual(moved, ['contoso/ML Project/training:main']);
  });
});

describe('the stand-in state directory', () => {
  it('keeps pull requests and their threads across starts', async () => {
    const copy = join(root, 'kept.git');
    const stateDir = join(root, 'state');
    sh(['clone', '-q', '--mirror', repo, copy]);
    const start = () => startAzureDevOpsStandIn({ repos: { 'contoso/ML Project/training': copy }, pipelines: [], pat, build: () => Promise.resolve(), stateDir });
    const first = await start();
    const id = (await first.createPullRequest({ repository: 'contoso/ML Project/training', sourceBranch: 'feature', targetBranch: 'main', title: 'Kept' })).pullRequestId;
    await review(first).upsertPullRequestThread({ source: source(), pullRequestId: id, key: 'churn', revision: 'run-1', content: 'kept' });
    await first.stop();
    const second = await start();
    try {
      assert.equal(second.pullRequest(id)?.threads.length, 1);
      const next = await second.createPullRequest({ repository: 'contoso/ML Project/training', sourceBranch: 'clash', targetBranch: 'main', title: 'Next' });
      assert.equal(next.pullRequestId, id + 1);
    } finally {
      await second.stop();
    }
  });
});

describe('AzureReposReview', () => {
  let prId = 0;
  before(async () => {
    commitOn('review', { 'review.txt': 'r\n' }, 'main');
    prId = (await standIn.createPullRequest({ repository: 'contoso/ML Project/training', sourceBranch: 'review', targetBranch: 'main', title: 'Review me' })).pullRequestId;
  });

  it('posts a status the pull request shows, with the genre, numeric state mapped, description cut to 140 characters', async () => {
    await review().setPullRequestStatus({ source: source(), pullRequestId: prId, name: 'churn', state: 'pending', description: 'x'.repeat(300), targetUrl: 'https://example.invalid/runs/1' });
    await review().setPullRequestStatus({ source: source(), pullRequestId: prId, name: 'churn', state: 'succeeded', description: 'better than the champion' });
    const statuses = standIn.pullRequest(prId)?.statuses ?? [];
    assert.deepEqual(statuses.map((s) => [s.state, s.context.genre, s.context.name, s.description?.length]), [['pending', 'mlcycle', 'churn', 140], ['succeeded', 'mlcycle', 'churn', 24]]);
    assert.equal(statuses[0]?.targetUrl, 'https://example.invalid/runs/1');
  });

  it('opens one thread per key, adds a comment for a new revision, and posts nothing for a revision already there', async () => {
    const first = await review().upsertPullRequestThread({ source: source(), pullRequestId: prId, key: 'churn', revision: 'run-1', content: '**AUC** 0.81' });
    const again = await review().upsertPullRequestThread({ source: source(), pullRequestId: prId, key: 'churn', revision: 'run-1', content: '**AUC** 0.81' });
    const second = await review().upsertPullRequestThread({ source: source(), pullRequestId: prId, key: 'churn', revision: 'run-2', content: '**AUC** 0.83' });
    const repeated = await review().upsertPullRequestThread({ source: source(), pullRequestId: prId, key: 'churn', revision: 'run-2', content: '**AUC** 0.83' });
    const other = await review().upsertPullRequestThread({ source: source(), pullRequestId: prId, key: 'fraud', revision: 'run-1', content: 'fraud' });
    assert.deepEqual([again.threadId, second.threadId, repeated.threadId], [first.threadId, first.threadId, first.threadId]);
    assert.notEqual(other.threadId, first.threadId);
    const threads = standIn.pullRequest(prId)?.threads ?? [];
    assert.equal(threads.length, 2);
    const churn = threads.find((t) => t.id === first.threadId);
    assert.deepEqual(churn?.properties['mlcycle.key'], { $type: 'System.String', $value: 'churn' });
    assert.equal(churn?.status, 'active');
    assert.deepEqual(churn?.comments.map((c) => [c.content.split('\n')[0], c.commentType, /<!-- mlcycle:revision=run-\d -->$/.test(c.content)]), [['**AUC** 0.81', 'text', true], ['**AUC** 0.83', 'text', true]]);
  });

  it('refuses bad ids before any call, names a missing pull request, and a read-only PAT gets a clear refusal without the PAT', async () => {
    const served = standIn.requests.length;
    await assert.rejects(review().upsertPullRequestThread({ source: source(), pullRequestId: 0, key: 'churn', revision: 'r', content: 'x' }), isError('VALIDATION', /pull request id/));
    await assert.rejects(review().upsertPullRequestThread({ source: source(), pullRequestId: prId, key: '../x', revision: 'r', content: 'x' }), isError('VALIDATION', /key/));
    await assert.rejects(review().upsertPullRequestThread({ source: source(), pullRequestId: prId, key: 'k', revision: 'a -->', content: 'x' }), isError('VALIDATION', /revision/));
    await assert.rejects(review().setPullRequestStatus({ source: source(), pullRequestId: 1.5, name: 'churn', state: 'failed', description: '' }), isError('VALIDATION'));
    await assert.rejects(review().setPullRequestStatus({ source: source(), pullRequestId: prId, name: 'churn', state: 'failed', description: '', targetUrl: 'javascript:alert(1)' }), isError('VALIDATION', /http/));
    await assert.rejects(review().setPullRequestStatus({ source: source({ repository: 'a?b' }), pullRequestId: prId, name: 'churn', state: 'failed', description: '' }), isError('VALIDATION', /repository/));
    assert.equal(standIn.requests.length, served, 'nothing was sent');
    await assert.rejects(review().upsertPullRequestThread({ source: source(), pullRequestId: 9999, key: 'churn', revision: 'r', content: 'x' }), isError('PERMANENT', /Pull request 9999 does not exist in contoso\/ML Project\/training/));
    await assert.rejects(review().setPullRequestStatus({ source: source(), pullRequestId: 9999, name: 'churn', state: 'failed', description: '' }), isError('PERMANENT', /Pull request 9999/));
    await assert.rejects(review().setPullRequestStatus({ source: source({ repository: 'other' }), pullRequestId: prId, name: 'churn', state: 'failed', description: '' }), isError('PERMANENT', /repository .* does not exist/));
    // A second stand-in whose PAT reads code only, over a copy of the repository (its pull requests are its own).
    const copy = join(root, 'read-only.git');
    sh(['clone', '-q', '--mirror', repo, copy]);
    const readOnly = await startAzureDevOpsStandIn({ repos: { 'contoso/ML Project/training': copy }, pipelines: [], pat, patScopes: ['code'], build: () => Promise.resolve() });
    try {
      const id = (await readOnly.createPullRequest({ repository: 'contoso/ML Project/training', sourceBranch: 'review', targetBranch: 'main', title: 'Read only' })).pullRequestId;
      for (const call of [
        () => review(readOnly).setPullRequestStatus({ source: source(), pullRequestId: id, name: 'churn', state: 'failed', description: '' }),
        () => review(readOnly).upsertPullRequestThread({ source: source(), pullRequestId: id, key: 'brand-new', revision: 'r', content: 'x' }),
      ]) {
        await assert.rejects(call(), (e: unknown) => {
          assert.ok(e instanceof AppError && e.code === 'CONFIG' && /Code \(read & write\)/.test(e.message), String(e));
          assert.ok(!JSON.stringify(e.toJSON()).includes(pat));
          return true;
        });
      }
      assert.deepEqual(readOnly.pullRequest(id)?.threads, []);
    } finally {
      await readOnly.stop();
    }
  });
});
