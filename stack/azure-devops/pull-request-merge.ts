import { git, GitCommandError } from '../../shared/adapters/git/git-cli.js';

/*
 * The git work behind a pull request in the stand-in: the merge of source into target computed without a work tree
 * (`git merge-tree --write-tree`, git 2.38 or later), committed with both heads as parents, as Azure Repos keeps it
 * at `refs/pull/<id>/merge`.
 */

/** Who the stand-in's merge commits are by (the service commits its merges as the user completing the PR). */
const identity = ['-c', 'user.name=Azure DevOps stand-in', '-c', 'user.email=stand-in@azure-devops.invalid'];

/** The commit `refs/heads/<branch>` points at, or null when the branch does not exist. */
export async function branchHead(dir: string, branch: string): Promise<string | null> {
  try {
    return (await git(dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `refs/heads/${branch}^{commit}`])).toString('utf8').trim() || null;
  } catch (e) {
    if (e instanceof GitCommandError) return null;
    throw e;
  }
}

/** The repository's default branch ref (`refs/heads/main`), as HEAD names it. */
export async function defaultBranch(dir: string): Promise<string> {
  return (await git(dir, ['symbolic-ref', '--quiet', 'HEAD']).catch(() => Buffer.from('refs/heads/main'))).toString('utf8').trim();
}

/** Merge `source` into `target` (no fast-forward): the merge commit, or null on conflicts. */
export async function mergeCommit(dir: string, target: string, source: string, message: string): Promise<string | null> {
  let tree: string;
  try {
    tree = (await git(dir, ['merge-tree', '--write-tree', '--no-messages', target, source])).toString('utf8').split('\n')[0]?.trim() ?? '';
  } catch (e) {
    // Exit 1 means the merge has conflicts; anything else is a failure of its own.
    if (e instanceof GitCommandError && e.exitCode === 1) return null;
    throw e;
  }
  return (await git(dir, [...identity, 'commit-tree', tree, '-p', target, '-p', source, '-m', message])).toString('utf8').trim();
}

/** Point `ref` at `sha` (or delete it when `sha` is null). */
export async function setRef(dir: string, ref: string, sha: string | null): Promise<void> {
  await git(dir, sha === null ? ['update-ref', '-d', ref] : ['update-ref', ref, sha]);
}

/** Move `refs/heads/<branch>` from `from` to `to`, refusing if it moved in between. */
export async function moveBranch(dir: string, branch: string, from: string, to: string): Promise<void> {
  await git(dir, ['update-ref', `refs/heads/${branch}`, to, from]);
}
