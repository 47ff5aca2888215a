import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { changeExampleCode, exampleCodePath, exampleDockerfile, type ExampleRepo } from '../../stack/example-repo.js';
import { repoRoot } from '../../stack/paths.js';

// The example project's layout and the code change the tests make: what goes into the image is in the training
// folder, the DVC side outside it, and a code change moves the training folder's tree but not the data pointer.
let dir: string;
let repo: ExampleRepo;
const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: repo.path, encoding: 'utf8' }).trim();

before(() => {
  dir = mkdtempSync(join(tmpdir(), 'mlcycle-example-repo-'));
  repo = { path: dir, branch: 'main', commit: '', dataMd5: 'x.dir', remoteUrl: 's3://mlcycle-dvc/churn-model' };
  git('init', '-q', '-b', 'main');
  mkdirSync(join(dir, 'training'));
  writeFileSync(join(dir, 'training', 'train.py'), 'print(1)\n');
  writeFileSync(join(dir, 'data.dvc'), 'outs:\n- md5: x.dir\n  path: data\n');
  git('add', '-A');
  git('commit', '-qm', 'first');
  repo.commit = git('rev-parse', 'HEAD');
});

after(() => rmSync(dir, { recursive: true, force: true }));

describe('the example project', () => {
  it('keeps the training code and its Dockerfile in the training folder, the DVC side at the root', () => {
    const example = join(repoRoot(), 'examples', 'churn-model');
    for (const file of ['train.py', 'data_source.py', 'requirements.txt', 'Dockerfile', '.dockerignore']) assert.ok(existsSync(join(example, exampleCodePath, file)), file);
    assert.ok(existsSync(join(example, exampleDockerfile)));
    for (const file of ['data.dvc', '.dvc/config', 'prepare_data.py', 'azure-pipelines/build-image.yml']) assert.ok(existsSync(join(example, file)), file);
    assert.ok(!existsSync(join(example, exampleCodePath, 'data.dvc')));
  });

  it('changeExampleCode commits a change of the training folder only', async () => {
    const tree = (commit: string, path: string) => git('rev-parse', `${commit}:${path}`);
    const first = repo.commit;
    const second = await changeExampleCode({ repo, message: 'a code change' });
    const third = await changeExampleCode({ repo, message: 'a code change' });
    assert.notEqual(tree(first, 'training'), tree(second, 'training'));
    assert.notEqual(tree(second, 'training'), tree(third, 'training'));
    assert.equal(tree(first, 'data.dvc'), tree(third, 'data.dvc'));
    assert.deepEqual(git('diff', '--name-only', first, third).split('\n'), ['training/train.py']);
    assert.equal(git('log', '-1', '--format=%s'), 'a code change');
  });
});
