import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { LocalGitSource } from '../../shared/adapters/git/local-git-source.js';
import { SourceRouter } from '../../shared/adapters/git/source-router.js';
import { unconfiguredPorts } from '../../shared/adapters/unconfigured.js';
import { AppError } from '../../shared/domain/errors.js';
import type { Source } from '../../shared/domain/pipeline.js';
import { scratchGit } from '../support/scratch-git.js';

/** The local-git source port over the real git CLI, in a repository made for the test. */
let root: string;
let repo: string;
let c1: string;
let c2: string;

const { sh, write } = scratchGit(() => repo);

before(() => {
  root = mkdtempSync(join(tmpdir(), 'mlcycle-git-'));
  repo = join(root, 'training');
  mkdirSync(repo);
  sh(['init', '-q', '-b', 'main']);
  write('data.dvc', 'outs:\n- md5: aaa\n  path: data\n');
  write('src/train.py', 'print(1)\n');
  sh(['add', '-A']);
  sh(['commit', '-q', '-m', 'one']);
  c1 = sh(['rev-parse', 'HEAD']);
  sh(['tag', 'v1']);
  write('src/train.py', 'print(2)\n');
  write('dir with space/ünïcode.txt', 'x\n');
  sh(['add', '-A']);
  sh(['commit', '-q', '-m', 'two']);
  c2 = sh(['rev-parse', 'HEAD']);
  sh(['branch', 'feature', c1]);
});
after(() => rmSync(root, { recursive: true, force: true }));

const source = (path = 'training', branch = 'main'): Source => ({ kind: 'localGit', path, branch });

describe('LocalGitSource', () => {
  const git = () => new LocalGitSource(root);

  it('resolves the branch head, another branch, a tag and a full sha; the path is relative to the working directory', async () => {
    assert.equal(await git().resolveCommit(source()), c2);
    assert.equal(await git().resolveCommit(source(), 'feature'), c1);
    assert.equal(await git().resolveCommit(source(), 'v1'), c1);
    assert.equal(await git().resolveCommit(source(), c1), c1);
    assert.equal(await new LocalGitSource('/').resolveCommit(source(repo)), c2);
  });

  it('rejects refs that look like options or ranges, without running git on them', async () => {
    for (const ref of ['--upload-pack=touch /tmp/x', '-h', 'a..b', 'main:secret', 'a b', 'x\ny']) {
      await assert.rejects(git().resolveCommit(source(), ref), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION', ref);
    }
  });

  it('names an unknown ref and a path that is no repository', async () => {
    await assert.rejects(git().resolveCommit(source(), 'nope'), (e: unknown) => e instanceof AppError && e.code === 'PERMANENT' && /ref 'nope' does not exist/.test(e.message));
    await assert.rejects(git().resolveCommit(source('missing-dir')), (e: unknown) => e instanceof AppError && e.code === 'PERMANENT' && /not a git repository/.test(e.message));
  });

  it('reads a file at a commit, and null for a path that is not there', async () => {
    assert.equal(await git().readFile(source(), c1, 'src/train.py'), 'print(1)\n');
    assert.equal(await git().readFile(source(), c2, './src/train.py'), 'print(2)\n');
    assert.equal(await git().readFile(source(), c1, 'dir with space/ünïcode.txt'), null);
    assert.equal(await git().readFile(source(), c2, 'dir with space/ünïcode.txt'), 'x\n');
    assert.equal(await git().readFile(source(), c2, 'src'), null);
  });

  it('tells a missing commit from a missing file, and refuses paths outside the repository', async () => {
    await assert.rejects(git().readFile(source(), 'f'.repeat(40), 'data.dvc'), (e: unknown) => e instanceof AppError && e.code === 'PERMANENT' && /is not in training/.test(e.message));
    await assert.rejects(git().readFile(source(), 'main', 'data.dvc'), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION');
    for (const p of ['../etc/passwd', '/etc/passwd', '-p', 'a/../../b']) {
      await assert.rejects(git().readFile(source(), c1, p), (e: unknown) => e instanceof AppError && e.code === 'VALIDATION', p);
    }
  });

  it('lists the paths changed between two commits', async () => {
    assert.deepEqual((await git().compareCommits(source(), c1, c2)).paths.sort(), ['dir with space/ünïcode.txt', 'src/train.py']);
    assert.deepEqual(await git().compareCommits(source(), c2, c2), { paths: [], behind: 0 });
    assert.deepEqual((await git().compareCommits(source(), c2, c1)).behind, 1);
  });
});

describe('SourceRouter', () => {
  it('dispatches on the source kind; Azure Repos stays unconfigured for now', async () => {
    const router = new SourceRouter({ localGit: new LocalGitSource(root), azureRepos: unconfiguredPorts.source() });
    assert.equal(await router.resolveCommit(source()), c2);
    await assert.rejects(router.resolveCommit({ kind: 'azureRepos', organization: 'o', project: 'p', repository: 'r', branch: 'main' }), (e: unknown) => e instanceof AppError && e.code === 'CONFIG');
  });
});
