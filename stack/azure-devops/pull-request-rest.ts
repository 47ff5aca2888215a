import { z } from 'zod';
import { defaultBranch } from './pull-request-merge.js';
import { standInUser, type CommentRecord, type PullRequestRecord, type StandInRepository, type ThreadRecord } from './pull-request-records.js';
import type { PullRequests } from './pull-requests.js';
import { adoError, type Reply } from './replies.js';

/*
 * The REST resources of pull requests (the PR, its statuses, comment threads and comments) and of a repository, in
 * the service's shapes: enums arrive as numbers (the client's) or names and go out as camelCase names, thread
 * properties go out as the service's typed property bag (`{ "$type": "System.String", "$value": ... }`).
 */

const statusStates = ['notSet', 'pending', 'succeeded', 'failed', 'error', 'notApplicable', 'partiallySucceeded'];
const threadStatuses = ['unknown', 'active', 'fixed', 'wontFix', 'closed', 'byDesign', 'pending'];
const commentTypes = ['unknown', 'text', 'codeChange', 'system'];

/** An enum value as a number or a name, to its camelCase name (unknown values become the first name). */
const enumName = (names: string[]) =>
  z.union([z.number().int(), z.string()]).transform((v) => (typeof v === 'number' ? (names[v] ?? names[0] ?? '') : (names.find((n) => n.toLowerCase() === v.toLowerCase()) ?? names[0] ?? '')));

const statusBody = z.object({
  state: enumName(statusStates),
  description: z.string().max(4000).optional(),
  context: z.object({ name: z.string().min(1).max(256), genre: z.string().max(256).optional() }),
  targetUrl: z.url().optional(),
});
const commentBody = z.object({ content: z.string().max(150_000), parentCommentId: z.number().int().optional(), commentType: enumName(commentTypes).optional() });
const threadBody = z.object({
  comments: z.array(commentBody).max(500).default([]),
  status: enumName(threadStatuses).optional(),
  properties: z.record(z.string(), z.unknown()).nullish(),
});

/** A property value as the service stores it: a typed value, whether the client sent it typed or plain. */
function typed(v: unknown): { $type: string; $value: unknown } {
  if (v !== null && typeof v === 'object' && '$value' in v) {
    const t = (v as { $type?: unknown }).$type;
    return { $type: typeof t === 'string' ? t : 'System.String', $value: v.$value };
  }
  return { $type: typeof v === 'number' ? (Number.isInteger(v) ? 'System.Int32' : 'System.Double') : typeof v === 'boolean' ? 'System.Boolean' : 'System.String', $value: typeof v === 'object' ? JSON.stringify(v) : v };
}

const invalid = (message: string): Reply => adoError(400, 'InvalidArgumentValueException', message);
const prMissing = (id: string): Reply => adoError(404, 'GitPullRequestNotFoundException', `TF401180: The requested pull request ${id} was not found.`);
const threadMissing = (id: string): Reply => adoError(404, 'CommentThreadNotFoundException', `The requested thread ${id} was not found.`);

export interface RestRequest {
  method: string;
  org: string;
  project: string;
  /** The path segments after `_apis/git/`. */
  path: string[];
  body: () => Promise<unknown>;
}

/** Answer a pull-request or repository request, or null when the path is none of them. */
export async function pullRequestRest(prs: PullRequests, req: RestRequest): Promise<Reply | null> {
  const p = req.path.map((s, i) => (i % 2 === 0 ? s.toLowerCase() : s));
  if (p[0] === 'pullrequests' && p.length === 2 && req.method === 'GET') {
    const pr = prs.record(Number(p[1]));
    const repo = pr ? prs.repositoryOf(pr) : undefined;
    if (!pr || !repo || prs.repository(req.org, req.project, repo.name) !== repo) return prMissing(p[1] ?? '');
    return { status: 200, json: prs.json(pr) };
  }
  if (p[0] !== 'repositories' || p.length < 2) return null;
  const repo = prs.repository(req.org, req.project, p[1] ?? '');
  if (!repo) return null;
  if (p.length === 2 && req.method === 'GET') return { status: 200, json: prs.repositoryJson(repo, await defaultBranch(repo.dir)) };
  if (p[2] !== 'pullrequests' || p.length < 4) return null;
  const id = Number(p[3]);
  const pr = prs.record(id);
  if (!pr || prs.repositoryOf(pr) !== repo) return prMissing(p[3] ?? '');
  return prResource(prs, pr, repo, req, p.slice(4));
}

async function prResource(prs: PullRequests, pr: PullRequestRecord, repo: StandInRepository, req: RestRequest, rest: string[]): Promise<Reply | null> {
  const { method } = req;
  const now = new Date().toISOString();
  const parse = async <T extends z.ZodType>(schema: T): Promise<z.output<T> | Reply> => {
    const parsed = schema.safeParse(await req.body());
    return parsed.success ? parsed.data : invalid(`The request body is not valid: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`);
  };
  const isReply = (v: unknown): v is Reply => v !== null && typeof v === 'object' && 'status' in v && ('json' in v || 'raw' in v) && typeof (v as { status: unknown }).status === 'number';
  if (rest.length === 0 && method === 'GET') return { status: 200, json: prs.json(pr) };
  if (rest[0] === 'statuses' && rest.length === 1) {
    if (method === 'GET') return list(pr.statuses.map((s) => ({ ...s, createdBy: standInUser })));
    if (method !== 'POST') return null;
    const b = await parse(statusBody);
    if (isReply(b)) return b;
    const status = { id: pr.statuses.length + 1, state: b.state, context: b.context, creationDate: now, updatedDate: now, ...(b.description !== undefined ? { description: b.description } : {}), ...(b.targetUrl !== undefined ? { targetUrl: b.targetUrl } : {}) };
    pr.statuses.push(status);
    prs.changed();
    return { status: 200, json: { ...status, createdBy: standInUser } };
  }
  if (rest[0] !== 'threads') return null;
  if (rest.length === 1) {
    if (method === 'GET') return list(pr.threads.map((t) => threadJson(repo, prs, pr, t)));
    if (method !== 'POST') return null;
    const b = await parse(threadBody);
    if (isReply(b)) return b;
    const properties = Object.fromEntries(Object.entries(b.properties ?? {}).map(([k, v]) => [k, typed(v)]));
    const thread: ThreadRecord = {
      id: pr.threads.length + 1,
      status: b.status ?? 'active',
      properties: { 'Microsoft.TeamFoundation.Discussion.SupportsMarkdown': { $type: 'System.Int32', $value: 1 }, ...properties },
      comments: b.comments.map((c, i) => comment(i + 1, c, now)),
      publishedDate: now,
      lastUpdatedDate: now,
    };
    pr.threads.push(thread);
    prs.changed();
    return { status: 200, json: threadJson(repo, prs, pr, thread) };
  }
  const thread = pr.threads.find((t) => String(t.id) === rest[1]);
  if (!thread) return threadMissing(rest[1] ?? '');
  if (rest.length === 2 && method === 'GET') return { status: 200, json: threadJson(repo, prs, pr, thread) };
  if (rest[2] !== 'comments') return null;
  if (rest.length === 3 && method === 'GET') return list(thread.comments.map((c) => commentJson(repo, prs, pr, thread, c)));
  if (rest.length === 3 && method === 'POST') {
    const b = await parse(commentBody);
    if (isReply(b)) return b;
    const c = comment(thread.comments.length + 1, b, now);
    thread.comments.push(c);
    thread.lastUpdatedDate = now;
    prs.changed();
    return { status: 200, json: commentJson(repo, prs, pr, thread, c) };
  }
  const existing = thread.comments.find((c) => String(c.id) === rest[3]);
  if (rest.length !== 4 || !existing) return rest.length === 4 ? adoError(404, 'CommentNotFoundException', `The requested comment ${rest[3] ?? ''} was not found.`) : null;
  if (method === 'GET') return { status: 200, json: commentJson(repo, prs, pr, thread, existing) };
  if (method !== 'PATCH') return null;
  const b = await parse(commentBody.partial());
  if (isReply(b)) return b;
  if (b.content !== undefined) Object.assign(existing, { content: b.content, lastUpdatedDate: now, lastContentUpdatedDate: now });
  thread.lastUpdatedDate = now;
  prs.changed();
  return { status: 200, json: commentJson(repo, prs, pr, thread, existing) };
}

const list = (value: unknown[]): Reply => ({ status: 200, json: { value, count: value.length } });

function comment(id: number, c: z.infer<typeof commentBody>, now: string): CommentRecord {
  return { id, parentCommentId: c.parentCommentId ?? 0, content: c.content, commentType: c.commentType ?? 'text', publishedDate: now, lastUpdatedDate: now };
}

function threadUrl(repo: StandInRepository, prs: PullRequests, pr: PullRequestRecord, t: ThreadRecord): string {
  return `${prs.repositoryJson(repo).url}/pullRequests/${pr.id}/threads/${t.id}`;
}

function commentJson(repo: StandInRepository, prs: PullRequests, pr: PullRequestRecord, t: ThreadRecord, c: CommentRecord): Record<string, unknown> {
  return { ...c, author: standInUser, lastContentUpdatedDate: c.lastUpdatedDate, usersLiked: [], _links: { self: { href: `${threadUrl(repo, prs, pr, t)}/comments/${c.id}` } } };
}

function threadJson(repo: StandInRepository, prs: PullRequests, pr: PullRequestRecord, t: ThreadRecord): Record<string, unknown> {
  return {
    ...t,
    comments: t.comments.map((c) => commentJson(repo, prs, pr, t, c)),
    threadContext: null,
    identities: null,
    isDeleted: false,
    _links: { self: { href: threadUrl(repo, prs, pr, t) } },
  };
}
