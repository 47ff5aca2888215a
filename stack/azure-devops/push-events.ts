import { git, GitCommandError } from '../../shared/adapters/git/git-cli.js';
import { standInGuid, type PublishEvent } from './events.js';
import { repositoryJson, type StandInRepo } from './projects.js';

/*
 * Pushes reaching the stand-in: the test or demo changes a branch of a local repository (commit, reset, delete),
 * then calls `push`, which is that change arriving at Azure DevOps. The stand-in remembers each branch head (read at
 * start, updated by each push), so it knows the old and new object ids, and raises `git.push` with the push resource
 * the service sends.
 */

/** A push of one branch: the repository as `organization/project/repository`. */
export interface StandInPush {
  repository: string;
  branch: string;
  /** Who pushed, as a unique name (an email address); the `pushedBy` filter compares to it. */
  pushedBy?: string;
}

const zeroId = '0'.repeat(40);
/** The service lists at most this many commits of a push, newest first; a receiver must not take the list as complete. */
export const maxPushCommits = 100;

async function headsOf(dir: string): Promise<Map<string, string>> {
  const out = (await git(dir, ['for-each-ref', '--format=%(refname:strip=2)%00%(objectname)', 'refs/heads'])).toString('utf8');
  return new Map(out.split('\n').filter((l) => l !== '').map((l) => l.split('\0') as [string, string]));
}

async function headOf(dir: string, branch: string): Promise<string> {
  try {
    return (await git(dir, ['rev-parse', '--verify', '--quiet', '--end-of-options', `refs/heads/${branch}^{commit}`])).toString('utf8').trim();
  } catch (e) {
    if (e instanceof GitCommandError) return zeroId;
    throw e;
  }
}

/** The pushes of the stand-in's repositories. */
export class Pushes {
  private readonly heads = new Map<string, Map<string, string>>();
  private nextPushId = 1;

  constructor(
    private readonly repos: StandInRepo[],
    private readonly orgUrl: (organization: string) => string,
    private readonly publish: PublishEvent,
  ) {}

  /** Remember every branch head as it is now. */
  async init(): Promise<void> {
    for (const r of this.repos) {
      // A repository that is not there yet has no heads: its first push starts from zeros.
      this.heads.set(r.key, await headsOf(r.dir).catch(() => new Map<string, string>()));
    }
  }

  /** Raise `git.push` for the branch's change since the last push (or start); null when the branch did not move. */
  async push(p: StandInPush): Promise<Record<string, unknown> | null> {
    const repo = this.repos.find((r) => r.key === p.repository.toLowerCase());
    if (!repo) throw new Error(`the stand-in serves no repository '${p.repository}'`);
    if (p.branch.startsWith('-') || /[\s:^~?*[\\]|\.\./.test(p.branch)) throw new Error(`'${p.branch}' is not a branch name`);
    const branch = p.branch.replace(/^refs\/heads\//, '');
    const known = this.heads.get(repo.key) ?? new Map<string, string>();
    this.heads.set(repo.key, known);
    const oldObjectId = known.get(branch) ?? zeroId;
    const newObjectId = await headOf(repo.dir, branch);
    if (oldObjectId === newObjectId) return null;
    // The commits new to the repository: those of the branch that no other known head (nor its old head) has.
    const others = [...known.entries()].filter(([b]) => b !== branch).map(([, sha]) => `^${sha}`);
    const range = newObjectId === zeroId ? [] : [newObjectId, ...(oldObjectId === zeroId ? [] : [`^${oldObjectId}`]), ...others];
    const commits = range.length === 0 ? [] : await this.commits(repo, range);
    if (newObjectId === zeroId) known.delete(branch);
    else known.set(branch, newObjectId);
    const user = p.pushedBy ?? 'stand-in.user@example.invalid';
    const pushedBy = { id: standInGuid('user', user), displayName: user.split('@')[0] ?? user, uniqueName: user };
    const repository = await repositoryJson(this.orgUrl(repo.organization), repo);
    const pushId = this.nextPushId++;
    const resource = {
      commits,
      refUpdates: [{ name: `refs/heads/${branch}`, oldObjectId, newObjectId }],
      repository,
      pushedBy,
      pushId,
      date: new Date().toISOString(),
      url: `${String(repository.url)}/pushes/${pushId}`,
    };
    const verb = newObjectId === zeroId ? 'deleted branch' : oldObjectId === zeroId ? 'created branch' : 'pushed updates to branch';
    this.publish({
      eventType: 'git.push',
      publisherId: 'tfs',
      resource,
      resourceVersion: '1.0',
      organization: repo.organization,
      projectId: repo.projectId,
      message: `${pushedBy.displayName} ${verb} ${branch} of repository ${repo.name}.`,
      filters: { repository: repo.id, branch, pushedBy: user },
    });
    return resource;
  }

  private async commits(repo: StandInRepo, range: string[]): Promise<Record<string, unknown>[]> {
    const format = '%H%x00%an%x00%ae%x00%aI%x00%cn%x00%ce%x00%cI%x00%B%x1e';
    const out = (await git(repo.dir, ['log', `--max-count=${maxPushCommits}`, `--format=${format}`, ...range, '--'])).toString('utf8');
    const url = `${this.orgUrl(repo.organization)}/${encodeURIComponent(repo.project)}/_apis/git/repositories/${repo.id}/commits`;
    return out
      .split('\x1e')
      .map((c) => c.replace(/^\n/, ''))
      .filter((c) => c !== '')
      .map((c) => {
        const [commitId = '', an, ae, ad, cn, ce, cd, comment = ''] = c.split('\0');
        return { commitId, author: { name: an, email: ae, date: ad }, committer: { name: cn, email: ce, date: cd }, comment: comment.trim(), url: `${url}/${commitId}` };
      });
  }
}
