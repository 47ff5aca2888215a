import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LocalGitSource } from '../../shared/adapters/git/local-git-source.js';
import { LocalImageStore, localBuildId } from '../../shared/adapters/local-image/local-image-store.js';
import { AppError } from '../../shared/domain/errors.js';
import type { Source } from '../../shared/domain/pipeline.js';

/** IMAGE_MODE=local: a directory registry whose builds digest the commit's code tree with the real git CLI. */
let root: string;
let repo: string;
let c1: string;
let c2: string;
let c3: string;

const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.invalid' };
const sh = (args: string[]) => execFileSync('git', ['-C', repo, ...args], { env, encoding: 'utf8' }).trim();
const commit = (files: Record<string, string>, message: string): string => {
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(repo, p)), { recursive: true });
    writeFileSync(join(repo, p), text);
  }
  sh(['add', '-A']);
  sh(['commit', '-q', '-m', message]);
  return sh(['rev-parse', 'HEAD']);
};

before(() => {
  root = mkdtempSync(join(tmpdir(), 'mlcycle-img-'));
  repo = join(root, 'repo');
  mkdirSync(repo);
  sh(['init', '-q', '-b', 'main']);
  c1 = commit({ 'model/Dockerfile': 'FROM python:3.12-slim\n', 'model/train.py': 'print(1)\n', 'README.md': 'x\n' }, 'one');
  c2 = commit({ 'model/train.py': 'print(2)\n' }, 'two');
  c3 = commit({ 'README.md': 'y\n' }, 'docs only');
});
after(() => rmSync(root, { recursive: true, force: true }));

const source: Source = { kind: 'localGit', path: 'repo', branch: 'main' };
const store = () => new LocalImageStore(join(root, 'images'), new LocalGitSource(root), () => new Date('2026-01-01T00:00:00Z'));
const build = (runId: string, commitSha: string, tag: string, over: { codePath?: string; dockerfile?: string } = {}) => ({
  runId,
  source,
  commitSha,
  registry: 'mlcycle.azurecr.io',
  repository: 'team/churn-model',
  tag,
  codePath: over.codePath ?? 'model',
  dockerfile: over.dockerfile ?? 'model/Dockerfile',
});

describe('LocalImageStore', () => {
  it('has no tag before a build, and the build digest after it', async () => {
    const s = store();
    assert.equal(await s.findTag('mlcycle.azurecr.io', 'team/churn-model', 'git-c1'), null);
    const { buildId } = await s.startBuild(build('run-1', c1, 'git-c1'));
    assert.equal(buildId, localBuildId('run-1'));
    const b = await s.getBuild(buildId);
    assert.equal(b.state, 'succeeded');
    assert.match(b.digest ?? '', /^sha256:[0-9a-f]{64}$/);
    assert.deepEqual(await s.findTag('mlcycle.azurecr.io', 'team/churn-model', 'git-c1'), { digest: b.digest });
    // Another registry or repository does not see it.
    assert.equal(await s.findTag('other.azurecr.io', 'team/churn-model', 'git-c1'), null);
  });

  it('digests exactly `git archive` of the code folder and Dockerfile at the commit', async () => {
    const s = store();
    await s.startBuild(build('run-arch', c1, 'arch'));
    const tar = execFileSync('git', ['-C', repo, 'archive', '--format=tar', c1, '--', 'model', 'model/Dockerfile']);
    assert.equal((await s.getBuild(localBuildId('run-arch'))).digest, `sha256:${createHash('sha256').update(tar).digest('hex')}`);
  });

  it('is deterministic: rebuilding a commit gives the same digest; changed code gives another', async () => {
    const s = store();
    await s.startBuild(build('run-a', c2, 'a'));
    await s.startBuild(build('run-b', c2, 'b'));
    const a = (await s.getBuild(localBuildId('run-a'))).digest;
    assert.equal((await s.getBuild(localBuildId('run-b'))).digest, a);
    assert.notEqual((await s.getBuild(localBuildId('run-1'))).digest, a);
  });

  it('finds the earlier build of a run instead of building again', async () => {
    const s = store();
    const first = await s.startBuild(build('run-again', c1, 'again'));
    const second = await s.startBuild(build('run-again', c3, 'again'));
    assert.deepEqual(second, first);
    const b = await s.getBuild(first.buildId);
    assert.deepEqual(await s.findTag('mlcycle.azurecr.io', 'team/churn-model', 'again'), { digest: b.digest });
  });

  it('records a failed build when the commit has no Dockerfile or no code folder', async () => {
    const s = store();
    await s.startBuild(build('run-nodocker', c1, 'nd', { dockerfile: 'Dockerfile' }));
    const nd = await s.getBuild(localBuildId('run-nodocker'));
    assert.equal(nd.state, 'failed');
    assert.match(nd.error ?? '', /the Dockerfile 'Dockerfile' does not exist/);
    assert.equal(await s.findTag('mlcycle.azurecr.io', 'team/churn-model', 'nd'), null);
    await s.startBuild(build('run-nocode', c1, 'nc', { codePath: 'nothing-here' }));
    assert.equal((await s.getBuild(localBuildId('run-nocode'))).state, 'failed');
    await s.startBuild(build('run-nocommit', 'e'.repeat(40), 'ncm'));
    assert.match((await s.getBuild(localBuildId('run-nocommit'))).error ?? '', /commit is not in the source repository/);
  });

  it('refuses names that would leave the registry directory, and Azure Repos sources', async () => {
    const s = store();
    await assert.rejects(s.findTag('mlcycle.azurecr.io', '../escape', 't'), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION');
    await assert.rejects(s.findTag('..', 'repo', 't'), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION');
    await assert.rejects(s.findTag('mlcycle.azurecr.io', 'repo', '../../t'), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION');
    await assert.rejects(s.getBuild('../x'), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION');
    await assert.rejects(
      s.startBuild({ ...build('run-ado', c1, 'ado'), source: { kind: 'azureRepos', organization: 'o', project: 'p', repository: 'r', branch: 'main' } }),
      (e: unknown) => e instanceof AppError && e.code === 'CONFIG',
    );
  });
});
