import type { CommentThreadStatus, CommentType, GitPullRequestCommentThread, GitStatusState } from 'azure-devops-node-api/interfaces/GitInterfaces.js';
import { AppError } from '../../domain/errors.js';
import { isSafeId } from '../../domain/ids.js';
import type { Source } from '../../domain/pipeline.js';
import type { PullRequestStatusState, ReviewNotifier } from '../../ports/external-systems.js';
import type { AdoApis, AdoConnection } from './ado-connection.js';
import { statusOf } from './ado-errors.js';
import { assertAdoName } from './ado-names.js';

type ReposSource = Extract<Source, { kind: 'azureRepos' }>;
type StatusRequest = Parameters<ReviewNotifier['setPullRequestStatus']>[0];
type ThreadRequest = Parameters<ReviewNotifier['upsertPullRequestThread']>[0];

// GitInterfaces' numeric enums, as the client sends them (GitStatusState, CommentThreadStatus, CommentType).
const states: Record<PullRequestStatusState, GitStatusState> = { pending: 1, succeeded: 2, failed: 3, error: 4 };
const activeThread = 1 as CommentThreadStatus;
const textComment = 1 as CommentType;

/** The status genre every mlcycle status carries; the name tells the pipelines apart. */
export const statusGenre = 'mlcycle';
/** The thread property that names the pipeline a thread belongs to. */
export const threadKeyProperty = 'mlcycle.key';
/** The UI shows this much of a status description. */
const descriptionLimit = 140;
/** Azure DevOps's limit on a comment's length. */
const commentLimit = 150_000;

/** The invisible marker of a revision in a comment's markdown. */
export const revisionMarker = (revision: string): string => `<!-- mlcycle:revision=${revision} -->`;

/** A property's value whether the service sent it typed (`{ $type, $value }`) or plain. */
function propertyValue(properties: unknown, name: string): unknown {
  const v = (properties as Record<string, unknown> | null | undefined)?.[name];
  return v !== null && typeof v === 'object' && '$value' in v ? v.$value : v;
}

/**
 * `ReviewNotifier` over the Azure Repos pull-request REST API (`azure-devops-node-api`): a status per pipeline and one
 * comment thread per pipeline, found again by its `mlcycle.key` property. Comments carry their revision in a hidden
 * marker, so a delivery repeated after a lost answer finds its comment and posts nothing.
 */
export class AzureReposReview implements ReviewNotifier {
  constructor(private readonly ado: AdoConnection) {}

  async setPullRequestStatus(req: StatusRequest): Promise<void> {
    const s = this.repos(req.source);
    const id = this.prId(req.pullRequestId);
    if (req.name.trim() === '' || req.name.length > 128 || [...req.name].some((c) => c.charCodeAt(0) < 0x20)) {
      throw new AppError('VALIDATION', `'${req.name.slice(0, 80)}' cannot name a pull request status`, { issues: [{ field: 'name', message: 'must be 1-128 printable characters' }] });
    }
    const targetUrl = req.targetUrl === undefined ? undefined : this.link(req.targetUrl);
    const description = req.description.length > descriptionLimit ? `${req.description.slice(0, descriptionLimit - 1)}…` : req.description;
    const posted = await this.write(s, `posting status ${req.name} on pull request ${id} in ${this.label(s)}`, (a) =>
      a.git.createPullRequestStatus({ context: { genre: statusGenre, name: req.name }, state: states[req.state], description, ...(targetUrl !== undefined ? { targetUrl } : {}) }, s.repository, id, s.project),
    );
    if (posted === null) throw await this.missing(s, id);
  }

  async upsertPullRequestThread(req: ThreadRequest): Promise<{ threadId: number }> {
    const s = this.repos(req.source);
    const id = this.prId(req.pullRequestId);
    for (const [field, value] of [['key', req.key], ['revision', req.revision]] as const) {
      if (!isSafeId(value)) throw new AppError('VALIDATION', `'${value.slice(0, 80)}' is not a valid thread ${field}`, { issues: [{ field, message: 'must be a safe id' }] });
    }
    const marker = revisionMarker(req.revision);
    const content = `${req.content.slice(0, commentLimit - marker.length - 2)}\n\n${marker}`;
    const where = `pull request ${id} in ${this.label(s)}`;
    const threads = await this.ado.call(s.organization, `listing the threads of ${where}`, (a) => a.git.getThreads(s.repository, id, s.project));
    if (threads === null) throw await this.missing(s, id);
    const mine = threads.find((t) => t.isDeleted !== true && propertyValue(t.properties, threadKeyProperty) === req.key && t.id !== undefined);
    if (mine?.id === undefined) {
      const thread: GitPullRequestCommentThread = {
        comments: [{ parentCommentId: 0, content, commentType: textComment }],
        status: activeThread,
        properties: { [threadKeyProperty]: { $type: 'System.String', $value: req.key } },
      };
      const created = await this.write(s, `opening the ${req.key} thread on ${where}`, (a) => a.git.createThread(thread, s.repository, id, s.project));
      if (created === null) throw await this.missing(s, id);
      if (created.id === undefined) throw new AppError('PERMANENT', `Azure DevOps gave no id for the thread it opened on ${where}`);
      return { threadId: created.id };
    }
    const threadId = mine.id;
    if ((mine.comments ?? []).some((c) => c.isDeleted !== true && (c.content ?? '').includes(marker))) return { threadId };
    const added = await this.write(s, `commenting in the ${req.key} thread of ${where}`, (a) => a.git.createComment({ parentCommentId: 0, content, commentType: textComment }, s.repository, id, threadId, s.project));
    if (added === null) throw await this.missing(s, id);
    return { threadId };
  }

  /** A write call; a refusal names the scope writes need (a read-only PAT reads, but cannot post). */
  private async write<T>(s: ReposSource, what: string, fn: (apis: AdoApis) => Promise<T>): Promise<T> {
    try {
      return await this.ado.call(s.organization, what, fn);
    } catch (e) {
      const status = e instanceof AppError ? e.details.status : statusOf(e);
      if (status === 401 || status === 403) {
        throw new AppError('CONFIG', `Azure DevOps refused ${what} (HTTP ${String(status)}): the PAT needs the Code (read & write) scope, or the managed identity needs to contribute to pull requests in the project`, { details: { status } });
      }
      throw e;
    }
  }

  /** The error for a 404 on a pull request: the repository or the pull request is missing. */
  private async missing(s: ReposSource, id: number): Promise<AppError> {
    const repo = await this.ado.call(s.organization, `looking up ${this.label(s)}`, (a) => a.git.getRepository(s.repository, s.project));
    if (repo === null) return new AppError('PERMANENT', `The repository ${this.label(s)} does not exist, or the credentials cannot see it`);
    return new AppError('PERMANENT', `Pull request ${id} does not exist in ${this.label(s)}`, { details: { pullRequestId: id } });
  }

  private prId(id: number): number {
    if (!Number.isSafeInteger(id) || id < 1) {
      throw new AppError('VALIDATION', `'${String(id).slice(0, 40)}' is not a pull request id`, { issues: [{ field: 'pullRequestId', message: 'must be a positive integer' }] });
    }
    return id;
  }

  /** A status's link: http(s) only, so no other scheme reaches the reviewers' browser. */
  private link(url: string): string {
    let parsed: URL | undefined;
    try {
      parsed = new URL(url);
    } catch {
      parsed = undefined;
    }
    if (parsed?.protocol !== 'https:' && parsed?.protocol !== 'http:') {
      throw new AppError('VALIDATION', 'A pull request status link must be an http(s) URL', { issues: [{ field: 'targetUrl', message: 'must be an http(s) URL' }] });
    }
    return parsed.toString();
  }

  private label(s: ReposSource): string {
    return `${s.organization}/${s.project}/${s.repository}`;
  }

  private repos(source: Source): ReposSource {
    if (source.kind !== 'azureRepos') throw new AppError('INTERNAL', `AzureReposReview got a '${source.kind}' source`);
    assertAdoName('organization', source.organization);
    assertAdoName('project', source.project);
    assertAdoName('repository', source.repository);
    return source;
  }
}
