import { appendFileSync, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repoRoot } from './paths.js';
import { runCapture } from './run-command.js';
import { s3Env, type S3Endpoint } from './s3-server.js';
import { ensureVenv, type VenvInfo } from './venvs.js';

/*
 * A training repository as a pipeline's source would be: the example project copied into a git repository of its
 * own (branch `main`), its data generated, added to DVC and pushed to the S3 remote, and everything committed.
 * Tests and the dev host register pipelines against it as a `localGit` source. The training code (what goes into
 * the image) is in `training/` (`exampleCodePath`); the DVC side (`data.dvc`, `.dvc/`) is at the root.
 */

/** The example's training folder, the pipeline's `training.codePath`. */
export const exampleCodePath = 'training';
/** The example's Dockerfile, the pipeline's `training.dockerfile`. */
export const exampleDockerfile = 'training/Dockerfile';

const committer = { GIT_AUTHOR_NAME: 'mlcycle', GIT_AUTHOR_EMAIL: 'mlcycle@example.invalid', GIT_COMMITTER_NAME: 'mlcycle', GIT_COMMITTER_EMAIL: 'mlcycle@example.invalid' };

export interface ExampleRepo {
  /** The git repository (DVC root at its top). */
  path: string;
  branch: string;
  commit: string;
  /** The md5 DVC recorded for `data` (e.g. `<md5>.dir`), from `data.dvc`. */
  dataMd5: string;
  /** Where DVC pushed the data, e.g. `s3://mlcycle-dvc/churn-model`. */
  remoteUrl: string;
}

const skipped = new Set(['data', 'cache', 'tmp', 'config.local', '__pycache__', 'mlruns', '.pytest_cache']);

/** Create (in `dir`, which must not exist or be empty) a git repository of `examples/<project>` with its data pushed to `s3`. */
export async function seedExampleRepo(opts: { dir: string; s3: S3Endpoint; project?: string; venv?: VenvInfo; remoteUrl?: string }): Promise<ExampleRepo> {
  const project = opts.project ?? 'churn-model';
  const source = join(repoRoot(), 'examples', project);
  if (!existsSync(source)) throw new Error(`no example project ${project}`);
  const venv = opts.venv ?? (await ensureVenv('ml'));
  mkdirSync(opts.dir, { recursive: true });
  cpSync(source, opts.dir, { recursive: true, filter: (src) => !skipped.has(relative(source, src).split('/').pop() ?? '') });
  const env = { ...process.env, ...s3Env(opts.s3), PATH: `${venv.bin}:${process.env.PATH ?? ''}`, ...committer };
  const run = (cmd: string, args: string[]) => runCapture(cmd, args, { cwd: opts.dir, env, timeoutMs: 300_000 });
  await run('git', ['init', '-q', '-b', 'main']);
  await run(venv.python, ['prepare_data.py']);
  if (opts.remoteUrl) await run(venv.python, ['-m', 'dvc', 'remote', 'modify', 'storage', 'url', opts.remoteUrl]);
  // `dvc add` recomputes the hash (identical to the committed data.dvc: the data is generated deterministically) and fills the cache for the push.
  await run(venv.python, ['-m', 'dvc', 'add', '--quiet', 'data']);
  await run(venv.python, ['-m', 'dvc', 'push', '--quiet']);
  await run('git', ['add', '-A']);
  await run('git', ['commit', '-q', '-m', `${project}: example training project`]);
  const commit = (await run('git', ['rev-parse', 'HEAD'])).trim();
  const dvcFile = readFileSync(join(opts.dir, 'data.dvc'), 'utf8');
  const dataMd5 = /md5:\s*(\S+)/.exec(dvcFile)?.[1] ?? '';
  const remoteUrl = /url\s*=\s*(\S+)/.exec(readFileSync(join(opts.dir, '.dvc', 'config'), 'utf8'))?.[1] ?? '';
  return { path: opts.dir, branch: 'main', commit, dataMd5, remoteUrl };
}

/**
 * A data change as a data scientist makes it: regenerate the data with another split, `dvc add` it, `dvc push` it
 * (unless `push` is false, to simulate data that was never pushed) and commit `data.dvc`. Returns the new commit.
 */
export async function changeExampleData(opts: { repo: ExampleRepo; s3: S3Endpoint; venv: VenvInfo; seed: number; push: boolean; message: string }): Promise<string> {
  const env = { ...process.env, ...s3Env(opts.s3), PATH: `${opts.venv.bin}:${process.env.PATH ?? ''}`, ...committer };
  const run = (cmd: string, args: string[]) => runCapture(cmd, args, { cwd: opts.repo.path, env, timeoutMs: 300_000 });
  await run(opts.venv.python, ['-c', `from pathlib import Path; from prepare_data import write_dataset; write_dataset(Path("data"), seed=${opts.seed})`]);
  await run(opts.venv.python, ['-m', 'dvc', 'add', '--quiet', 'data']);
  if (opts.push) await run(opts.venv.python, ['-m', 'dvc', 'push', '--quiet']);
  await run('git', ['add', 'data.dvc']);
  await run('git', ['commit', '-q', '-m', opts.message]);
  return (await run('git', ['rev-parse', 'HEAD'])).trim();
}

/**
 * A code change as a data scientist makes it: a line more in `training/train.py` (a comment naming the change, so
 * every call changes the training folder's tree and so the image tag), committed. Data and `data.dvc` stay as they
 * are. Returns the new commit.
 */
export async function changeExampleCode(opts: { repo: ExampleRepo; message: string }): Promise<string> {
  const run = (args: string[]) => runCapture('git', args, { cwd: opts.repo.path, env: { ...process.env, ...committer }, timeoutMs: 60_000 });
  const comment = opts.message.replace(/[\r\n]+/g, ' ').slice(0, 200);
  appendFileSync(join(opts.repo.path, exampleCodePath, 'train.py'), `# code change: ${comment} (${Date.now()})\n`);
  await run(['add', `${exampleCodePath}/train.py`]);
  await run(['commit', '-q', '-m', opts.message]);
  return (await run(['rev-parse', 'HEAD'])).trim();
}

/**
 * Change a hyper-parameter's default in `training/train.py` on a new branch `branch` from the repository's branch
 * (what a pull request that tunes the model carries), commit, and go back to the repository's branch. Returns the
 * branch's commit.
 */
export async function changeExampleHyperParameter(opts: { repo: ExampleRepo; branch: string; name: string; value: number; message: string }): Promise<string> {
  const run = (args: string[]) => runCapture('git', args, { cwd: opts.repo.path, env: { ...process.env, ...committer }, timeoutMs: 60_000 });
  const file = join(opts.repo.path, exampleCodePath, 'train.py');
  const text = readFileSync(file, 'utf8');
  const pattern = new RegExp(`("${opts.name.replace(/[^A-Za-z0-9_]/g, '')}": )[0-9.]+`);
  if (!pattern.test(text)) throw new Error(`train.py has no default for ${opts.name}`);
  await run(['checkout', '-q', '-b', opts.branch, opts.repo.branch]);
  try {
    writeFileSync(file, text.replace(pattern, `$1${opts.value}`));
    await run(['add', `${exampleCodePath}/train.py`]);
    await run(['commit', '-q', '-m', opts.message]);
    return (await run(['rev-parse', 'HEAD'])).trim();
  } finally {
    await run(['checkout', '-q', opts.repo.branch]);
  }
}

