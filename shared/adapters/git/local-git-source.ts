import { resolve } from 'node:path';
import { AppError } from '../../domain/errors.js';
import type { Source } from '../../domain/pipeline.js';
import type { CommitComparison, GitObject, SourceRepository } from '../../ports/external-systems.js';
import { git, GitCommandError, GitTimeoutError } from './git-cli.js';

type LocalSource = Extract<Source, { kind: 'localGit' }>;

const commitPattern = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** A ref a caller may name: a branch, tag, sha or `rev~n`, never something git could read as an option or a path. */
export function assertSafeRef(ref: string): void {
  const control = [...ref].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  if (ref === '' || ref.length > 250 || ref.startsWith('-') || control || /[\s:\\]/.test(ref) || ref.includes('..')) {
    throw new AppError('VALIDATION', `'${ref.slice(0, 80)}' is not a valid git ref`, { issues: [{ field: 'ref', message: 'must be a branch, tag or commit' }] });
  }
}

function assertCommit(sha: string): void {
  if (!commitPattern.test(sha)) throw new AppError('VALIDATION', `'${sha.slice(0, 80)}' is not a full commit id`);
}

/** A repository-relative file path (`a/b.dvc`, `./a/b.dvc`), never absolute, never above the root. */
function repoPath(path: string): string {
  const p = path.replace(/^(\.\/)+/, '');
  if (p === '' || p.startsWith('/') || p.startsWith('-') || p.includes('\\') || p.includes('\0') || p.split('/').includes('..')) {
    throw new AppError('VALIDATION', `'${path.slice(0, 200)}' is not a path inside the repository`);
  }
  return p;
}

/**
 * `SourceRepository` for `source.kind === 'localGit'`: the real `git` CLI against a repository on this machine, its
 * path resolved against the app's working directory (or `baseDir`).
 */
export class LocalGitSource implements SourceRepository {
  constructor(
    private readonly baseDir: string = process.cwd(),
    /** Deadline of one git command (default 60 s): past it git is killed and the call fails TRANSIENT. */
    private readonly opts: { timeoutMs?: number } = {},
  ) {}

  async resolveCommit(source: Source, ref?: string): Promise<string> {
    const s = this.local(source);
    const name = ref ?? s.branch;
    assertSafeRef(name);
    const dir = this.dir(s);
    try {
      const out = (await this.git(dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${name}^{commit}`])).toString('utf8').trim();
      if (!commitPattern.test(out)) throw new AppError('PERMANENT', `git rev-parse gave no commit for '${name}'`);
      return out;
    } catch (e) {
      if (e instanceof GitCommandError && e.exitCode === 1 && e.stderr.trim() === '') {
        throw new AppError('PERMANENT', `The ref '${name}' does not exist in ${s.path}`, { details: { ref: name } });
      }
      throw this.mapped(e, s);
    }
  }

  async readFile(source: Source, commitSha: string, path: string): Promise<string | null> {
    const s = this.local(source);
    assertCommit(commitSha);
    const p = repoPath(path);
    const dir = this.dir(s);
    try {
      return (await this.git(dir, ['cat-file', 'blob', `${commitSha}:${p}`])).toString('utf8');
    } catch (e) {
      if (!(e instanceof GitCommandError)) throw this.mapped(e, s);
      // `sha:path` fails the same way for a missing path and a missing commit: tell them apart.
      await this.requireCommit(dir, s, commitSha);
      if (/not a valid object name|does not exist|exists on disk, but not in|bad file|expected blob|invalid object type/i.test(e.stderr)) return null;
      throw this.mapped(e, s);
    }
  }

  async compareCommits(source: Source, baseSha: string, targetSha: string): Promise<CommitComparison> {
    const s = this.local(source);
    assertCommit(baseSha);
    assertCommit(targetSha);
    const dir = this.dir(s);
    const [fromSha, toSha] = [baseSha, targetSha];
    try {
      const out = await this.git(dir, ['diff', '--name-only', '--no-renames', '--no-ext-diff', '--no-textconv', '-z', fromSha, toSha, '--'], { maxBuffer: 64 * 1024 * 1024 });
      const behind = Number((await this.git(dir, ['rev-list', '--count', `${toSha}..${fromSha}`, '--'])).toString('utf8').trim());
      return { paths: out.toString('utf8').split('\0').filter((p) => p !== ''), behind };
    } catch (e) {
      if (e instanceof GitCommandError) {
        await this.requireCommit(dir, s, fromSha);
        await this.requireCommit(dir, s, toSha);
      }
      throw this.mapped(e, s);
    }
  }

  /** A local repository has no host-side id. */
  async repositoryId(): Promise<string | null> {
    return null;
  }

  async objectId(source: Source, commitSha: string, path: string): Promise<GitObject | null> {
    const s = this.local(source);
    assertCommit(commitSha);
    const p = path.replace(/\/+$/, '') === '.' ? '' : repoPath(path.replace(/\/+$/, ''));
    const dir = this.dir(s);
    try {
      // One call gives type and id: `ls-tree` of the parent names the entry, the root tree comes from the commit.
      if (p === '') {
        const id = (await this.git(dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${commitSha}^{tree}`])).toString('utf8').trim();
        return { type: 'tree', id };
      }
      const out = (await this.git(dir, ['ls-tree', '-z', '--full-tree', commitSha, '--', p])).toString('utf8');
      const entry = /^\d+ (tree|blob|commit) ([0-9a-f]{40,64})\t(.*)$/s.exec(out.split('\0')[0] ?? '');
      if (!entry || entry[3] !== p || entry[1] === 'commit') return null;
      return { type: entry[1] === 'tree' ? 'tree' : 'blob', id: entry[2] ?? '' };
    } catch (e) {
      if (e instanceof GitCommandError) await this.requireCommit(dir, s, commitSha);
      throw this.mapped(e, s);
    }
  }

  /** The repository's absolute path. */
  dir(source: LocalSource): string {
    return resolve(this.baseDir, source.path);
  }

  private local(source: Source): LocalSource {
    if (source.kind !== 'localGit') throw new AppError('INTERNAL', `LocalGitSource got a '${source.kind}' source`);
    return source;
  }

  private async requireCommit(dir: string, s: LocalSource, sha: string): Promise<void> {
    try {
      await this.git(dir, ['cat-file', '-e', `${sha}^{commit}`]);
    } catch (e) {
      if (e instanceof GitCommandError && !/not a git repository|cannot change to/i.test(e.stderr)) {
        throw new AppError('PERMANENT', `Commit ${sha.slice(0, 12)} is not in ${s.path} (was it pushed to this repository?)`, { details: { commit: sha } });
      }
      throw this.mapped(e, s);
    }
  }

  private git(dir: string, args: string[], opts: { maxBuffer?: number } = {}): Promise<Buffer> {
    return git(dir, args, { ...opts, ...(this.opts.timeoutMs !== undefined ? { timeoutMs: this.opts.timeoutMs } : {}) });
  }

  private mapped(e: unknown, s: LocalSource): AppError {
    if (e instanceof AppError) return e;
    if (e instanceof GitTimeoutError) return new AppError('TRANSIENT', `${e.message} in ${s.path}`, { cause: e, details: { system: 'git', timedOut: true } });
    if (e instanceof GitCommandError) {
      if (/not a git repository|cannot change to/i.test(e.stderr)) {
        return new AppError('PERMANENT', `The pipeline's source '${s.path}' is not a git repository on this machine`, { cause: e });
      }
      if (/dubious ownership/i.test(e.stderr)) {
        return new AppError('PERMANENT', `git refuses '${s.path}': it is owned by another user (add it to safe.directory)`, { cause: e });
      }
      return new AppError('PERMANENT', e.message, { cause: e });
    }
    // Timeouts and spawn failures may pass on a retry.
    return new AppError('TRANSIENT', `git failed: ${e instanceof Error ? e.message : String(e)}`.slice(0, 500), { cause: e, details: { system: 'git' } });
  }
}
