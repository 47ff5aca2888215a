import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { standInGuid, type PublishEvent } from './events.js';
import { branchHead, mergeCommit, moveBranch, setRef } from './pull-request-merge.js';
import { standInUser, type PullRequestRecord, type StandInRepository } from './pull-request-records.js';

/*
 * Pull requests over the stand-in's real repositories: what a user does in the web UI (create, push to the source
 * branch, complete, abandon) through handles, and what the service does in return: the merge commit at
 * `refs/pull/<id>/merge` (none while conflicting), the events its service hooks see, statuses and comment threads
 * posted through REST. Kept in memory and, when a state directory is given, in `pull-requests.json` there.
 */

/** What a user gives to open a pull request (`repository` is `organization/project/repository`). */
export interface NewPullRequest {
  repository: string;
  sourceBranch: string;
  targetBranch: string;
  title: string;
  description?: string;
  fromFork?: boolean;
}

const heads = (ref: string): string => ref.replace(/^refs\/heads\//, '');

/** The pull requests of every repository the stand-in serves (ids are collection-wide, from 1). */
export class PullRequests {
  private readonly records = new Map<number, PullRequestRecord>();
  private nextId = 1;

  constructor(
    private readonly repos: StandInRepository[],
    private readonly orgUrl: (org: string) => string,
    private readonly publish: PublishEvent,
    private readonly onBranchMoved: (repositoryKey: string, branch: string) => void,
    private readonly stateDir?: string,
  ) {
    const file = this.stateFile();
    if (file && existsSync(file)) {
      const saved = JSON.parse(readFileSync(file, 'utf8')) as { nextId: number; pullRequests: PullRequestRecord[] };
      for (const r of saved.pullRequests) this.records.set(r.id, r);
      this.nextId = saved.nextId;
    }
  }

  /** A repository by organization, project (name or id) and repository (name or id), or undefined. */
  repository(org: string, project: string, nameOrId: string): StandInRepository | undefined {
    const same = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();
    return this.repos.find(
      (r) =>
        same(r.organization, org) &&
        (same(r.project, project) || same(standInGuid('project', `${r.organization}/${r.project}`), project)) &&
        (same(r.name, nameOrId) || same(standInGuid('repository', r.key), nameOrId)),
    );
  }

  /** The record of pull request `id`, or undefined. */
  record(id: number): PullRequestRecord | undefined {
    return this.records.get(id);
  }

  /** The repository a pull request belongs to. */
  repositoryOf(pr: PullRequestRecord): StandInRepository {
    const r = this.repos.find((x) => x.key.toLowerCase() === pr.repository.toLowerCase());
    if (!r) throw new Error(`the stand-in no longer serves ${pr.repository}`);
    return r;
  }

  /** Open a pull request: the merge is computed, then `git.pullrequest.created` and `git.pullrequest.merged` are raised. */
  async create(req: NewPullRequest): Promise<PullRequestRecord> {
    const [org = '', project = '', name = ''] = req.repository.split('/');
    const repo = this.repository(org, project, name);
    if (!repo) throw new Error(`the stand-in serves no repository ${req.repository}`);
    const [source, target] = [heads(req.sourceBranch), heads(req.targetBranch)];
    if (source === target) throw new Error('TF401178: The source and target branch of a pull request must differ.');
    for (const b of [source, target]) if ((await branchHead(repo.dir, b)) === null) throw new Error(`TF401398: The branch ${b} does not exist in ${repo.key}.`);
    const open = [...this.records.values()].find((p) => p.repository === repo.key && p.status === 'active' && p.sourceRefName === `refs/heads/${source}` && p.targetRefName === `refs/heads/${target}`);
    if (open) throw new Error(`TF401179: An active pull request (${open.id}) for the source and target branch already exists.`);
    const pr: PullRequestRecord = {
      id: this.nextId++,
      repository: repo.key,
      title: req.title,
      description: req.description ?? '',
      sourceRefName: `refs/heads/${source}`,
      targetRefName: `refs/heads/${target}`,
      fromFork: req.fromFork === true,
      status: 'active',
      creationDate: new Date().toISOString(),
      closedDate: null,
      mergeStatus: 'queued',
      mergeId: '',
      lastMergeSourceCommit: null,
      lastMergeTargetCommit: null,
      lastMergeCommit: null,
      statuses: [],
      threads: [],
    };
    this.records.set(pr.id, pr);
    await this.remerge(pr);
    this.raise(pr, 'git.pullrequest.created', `${standInUser.displayName} created a new pull request ${pr.id} (${pr.title})`, {});
    this.raiseMerged(pr);
    return pr;
  }

  /** The source branch moved: recompute the merge, raise `git.pullrequest.updated` (push) and `git.pullrequest.merged`. */
  async update(id: number): Promise<PullRequestRecord> {
    const pr = this.active(id);
    await this.remerge(pr);
    this.raise(pr, 'git.pullrequest.updated', `${standInUser.displayName} updated the source branch of pull request ${pr.id} (${pr.title})`, { notificationType: 'PushNotification' });
    this.raiseMerged(pr);
    return pr;
  }

  /** Complete with a merge (no fast-forward): the target branch moves to the merge commit, recomputed first if a head moved. */
  async complete(id: number): Promise<PullRequestRecord> {
    const pr = this.active(id);
    const repo = this.repositoryOf(pr);
    const [target, source] = await Promise.all([branchHead(repo.dir, heads(pr.targetRefName)), branchHead(repo.dir, heads(pr.sourceRefName))]);
    if (target !== pr.lastMergeTargetCommit || source !== pr.lastMergeSourceCommit) await this.remerge(pr);
    const merge = pr.lastMergeCommit;
    if (merge === null || pr.lastMergeTargetCommit === null) throw new Error(`TF401192: Pull request ${pr.id} has merge conflicts and cannot be completed.`);
    await moveBranch(repo.dir, heads(pr.targetRefName), pr.lastMergeTargetCommit, merge);
    pr.status = 'completed';
    pr.closedDate = new Date().toISOString();
    this.save();
    this.raise(pr, 'git.pullrequest.updated', `${standInUser.displayName} completed pull request ${pr.id} (${pr.title})`, { notificationType: 'StatusUpdateNotification' });
    this.raiseMerged(pr);
    this.onBranchMoved(repo.key, heads(pr.targetRefName));
    return pr;
  }

  /** Abandon: raise `git.pullrequest.updated` with the status change. */
  abandon(id: number): PullRequestRecord {
    const pr = this.active(id);
    pr.status = 'abandoned';
    pr.closedDate = new Date().toISOString();
    this.save();
    this.raise(pr, 'git.pullrequest.updated', `${standInUser.displayName} abandoned pull request ${pr.id} (${pr.title})`, { notificationType: 'StatusUpdateNotification' });
    return pr;
  }

  /** Record a change made through REST (statuses, threads). */
  changed(): void {
    this.save();
  }

  /** The `GitPullRequest` the service answers (and puts in its events' `resource`). */
  json(pr: PullRequestRecord): Record<string, unknown> {
    const repo = this.repositoryOf(pr);
    const repository = this.repositoryJson(repo);
    const commitRef = (sha: string | null): Record<string, unknown> => (sha === null ? {} : { commitId: sha, url: `${repository.url}/commits/${sha}` });
    return {
      repository,
      pullRequestId: pr.id,
      codeReviewId: pr.id,
      status: pr.status,
      createdBy: standInUser,
      creationDate: pr.creationDate,
      ...(pr.closedDate !== null ? { closedDate: pr.closedDate, closedBy: standInUser } : {}),
      title: pr.title,
      description: pr.description,
      sourceRefName: pr.sourceRefName,
      targetRefName: pr.targetRefName,
      mergeStatus: pr.mergeStatus,
      isDraft: false,
      mergeId: pr.mergeId,
      ...(pr.lastMergeSourceCommit !== null ? { lastMergeSourceCommit: commitRef(pr.lastMergeSourceCommit) } : {}),
      ...(pr.lastMergeTargetCommit !== null ? { lastMergeTargetCommit: commitRef(pr.lastMergeTargetCommit) } : {}),
      ...(pr.lastMergeCommit !== null ? { lastMergeCommit: commitRef(pr.lastMergeCommit) } : {}),
      reviewers: [],
      ...(pr.fromFork ? { forkSource: { name: pr.sourceRefName, repository: { ...this.repositoryJson({ ...repo, name: `${repo.name}-fork`, key: `${repo.key}-fork` }) } } } : {}),
      ...(pr.status === 'completed' ? { completionOptions: { mergeStrategy: 'noFastForward', deleteSourceBranch: false, mergeCommitMessage: `Merged PR ${pr.id}: ${pr.title}` } } : {}),
      url: `${repository.url}/pullRequests/${pr.id}`,
      supportsIterations: true,
    };
  }

  /** The `GitRepository` the service answers. */
  repositoryJson(repo: StandInRepository, defaultBranch?: string): { id: string; name: string; url: string; remoteUrl: string; defaultBranch?: string; project: { id: string; name: string } } {
    const project = `${this.orgUrl(repo.organization)}/${encodeURIComponent(repo.project)}`;
    const id = standInGuid('repository', repo.key);
    return {
      id,
      name: repo.name,
      url: `${project}/_apis/git/repositories/${id}`,
      remoteUrl: `${project}/_git/${encodeURIComponent(repo.name)}`,
      ...(defaultBranch !== undefined ? { defaultBranch } : {}),
      project: { id: standInGuid('project', `${repo.organization}/${repo.project}`), name: repo.project },
    };
  }

  private active(id: number): PullRequestRecord {
    const pr = this.records.get(id);
    if (!pr) throw new Error(`TF401180: The requested pull request ${id} was not found.`);
    if (pr.status !== 'active') throw new Error(`TF401181: Pull request ${id} is ${pr.status}, not active.`);
    return pr;
  }

  /** Merge the source's head into the target's and keep the result at `refs/pull/<id>/merge` (removed on conflicts). */
  private async remerge(pr: PullRequestRecord): Promise<void> {
    const { dir } = this.repositoryOf(pr);
    const [target, source] = await Promise.all([branchHead(dir, heads(pr.targetRefName)), branchHead(dir, heads(pr.sourceRefName))]);
    if (target === null || source === null) throw new Error(`TF401398: The source or target branch of pull request ${pr.id} no longer exists.`);
    const merge = await mergeCommit(dir, target, source, `Merge pull request ${pr.id} from ${heads(pr.sourceRefName)} into ${heads(pr.targetRefName)}`);
    await setRef(dir, `refs/pull/${pr.id}/merge`, merge);
    Object.assign(pr, {
      lastMergeTargetCommit: target,
      lastMergeSourceCommit: source,
      lastMergeCommit: merge,
      mergeStatus: merge === null ? 'conflicts' : 'succeeded',
      mergeId: standInGuid('merge', String(pr.id), target, source),
    });
    this.save();
  }

  private raiseMerged(pr: PullRequestRecord): void {
    const result = pr.mergeStatus === 'conflicts' ? 'Conflicts' : 'Succeeded';
    this.raise(pr, 'git.pullrequest.merged', `Merge attempted for pull request ${pr.id} (${pr.title}): ${result}`, { mergeResult: result });
  }

  private raise(pr: PullRequestRecord, eventType: string, message: string, filters: Record<string, string>): void {
    const repo = this.repositoryOf(pr);
    this.publish({
      eventType,
      publisherId: 'tfs',
      resource: this.json(pr),
      resourceVersion: '1.0',
      organization: repo.organization,
      projectId: standInGuid('project', `${repo.organization}/${repo.project}`),
      message,
      filters: { repository: standInGuid('repository', repo.key), branch: heads(pr.targetRefName), ...filters },
    });
  }

  private stateFile(): string | undefined {
    return this.stateDir === undefined ? undefined : join(this.stateDir, 'pull-requests.json');
  }

  private save(): void {
    const file = this.stateFile();
    if (!file || this.stateDir === undefined) return;
    mkdirSync(this.stateDir, { recursive: true });
    writeFileSync(`${file}.tmp`, JSON.stringify({ nextId: this.nextId, pullRequests: [...this.records.values()] }, null, 2));
    renameSync(`${file}.tmp`, file);
  }
}
