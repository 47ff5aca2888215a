import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { PublishEvent, StandInEvent } from './events.js';
import { commit, commitDiffs, item, refs } from './git-resources.js';
import type { DeliveryRecord, DeliveryRetry } from './hook-deliveries.js';
import { areaLocations, resourceAreas } from './locations.js';
import { PipelineRuns, type StandInBuild, type StandInPipeline, type StandInRunCompleted } from './pipeline-runs.js';
import { pullRequestRest } from './pull-request-rest.js';
import type { PullRequestRecord } from './pull-request-records.js';
import { PullRequests, type NewPullRequest } from './pull-requests.js';
import { findProject, findRepo, projectReply, repositoryJson, standInRepos } from './projects.js';
import { Pushes, type StandInPush } from './push-events.js';
import { adoError, type Reply } from './replies.js';
import { ServiceHooks } from './service-hooks.js';

/*
 * A local Azure DevOps for the demo and the tests, served over HTTP on loopback: the resource discovery the
 * `azure-devops-node-api` client does, the Git resources over real repositories, and YAML pipelines whose runs call
 * an injected image builder, projects, and service hooks that deliver the events of pushes and pipeline runs to their
 * subscribers over HTTP (`service-hooks.ts`). It answers as the service does: api-version in `Accept`, numeric or named enums in
 * queries, camelCase JSON with enums as strings, `Authorization: Basic` with the configured PAT (anything else 401),
 * and 401 for a PAT without the scope a resource needs.
 */

/**
/**
 * The PAT scopes the stand-in distinguishes: Code (read) for Git, Code (read & write) for writes to pull requests
 * (it includes Code (read)), Build (read & execute) for pipelines and builds, and Service Hooks (read & write) for
 * subscriptions. Project reads need only a valid credential.
 */
export type StandInScope = 'code' | 'codeWrite' | 'build' | 'hooks';

export interface AzureDevOpsStandInOptions {
  /** `organization/project/repository` → a local git repository directory. */
  repos: Record<string, string>;
  pipelines: StandInPipeline[];
  pat: string;
  /** Scopes the PAT carries (default all). */
  patScopes?: StandInScope[];
  /** Builds the image of a pipeline run; resolving means the run succeeded. */
  build: StandInBuild;
  /** Entra access tokens the stand-in accepts as `Authorization: Bearer` (a managed identity added to the organization). */
  entraTokens?: string[];
  /** Told when a run completes: what a `ms.vss-pipelines.run-state-changed-event` service hook would deliver. */
  onRunCompleted?: (run: StandInRunCompleted) => void;
  /** Told of every event the stand-in raises, before its deliveries (tests observe events with it). */
  onEvent?: PublishEvent;
  /** Told when completing a pull request moved its target branch (`organization/project/repository`, branch name). */
  onBranchMoved?: (repositoryKey: string, branch: string) => void;
  /** Where runs and pull requests are kept between starts (default: in memory only). */
  stateDir?: string;
  /** Loopback port (default: a free one). */
  port?: number;
  /** How service-hook deliveries are retried (default 4 retries from 250 ms, doubling). */
  hookRetry?: DeliveryRetry;
}

export interface AzureDevOpsStandIn {
  url: string;
  /** The base URL of an organization (what `https://dev.azure.com/<org>` is in Azure). */
  orgUrl(organization: string): string;
  /** Cancel a pipeline run, as a user would. */
  cancelRun(runId: number): void;
  /** Open a pull request, as a user would (the merge is computed and the events raised before this resolves). */
  createPullRequest(req: NewPullRequest): Promise<StandInPullRequest>;
  /** Tell the stand-in the PR's source branch moved (after a push to it): the merge is recomputed. */
  updatePullRequest(id: number): Promise<StandInPullRequest>;
  /** Complete with a merge (no fast-forward): the target branch moves to the merge commit. */
  completePullRequest(id: number): Promise<StandInPullRequest>;
  abandonPullRequest(id: number): StandInPullRequest;
  /** The PR as the REST API answers it, with its statuses and threads (comments included), or undefined. */
  pullRequest(id: number): StandInPullRequest | undefined;
  /** Requests served so far (method and path), to count calls. */
  requests: { method: string; path: string }[];
  /** A push reaching Azure DevOps: raises `git.push` for the branch's change since the last push; null when it did not move. */
  push(push: StandInPush): Promise<Record<string, unknown> | null>;
  /** Hand an event to the service hooks (deliveries run in the background). */
  publish(event: StandInEvent): void;
  /** The service-hook deliveries so far, oldest first. */
  deliveries(): DeliveryRecord[];
  /** Resolves when no delivery is in flight. */
  idle(): Promise<void>;
  /** Send a notification again, unchanged (same `notificationId` and `id`), as the service's retry does; false if unknown. */
  redeliver(notificationId: number): boolean;
  stop(): Promise<void>;
}

/** A pull request as the stand-in shows it: the `GitPullRequest` JSON plus its statuses and threads. */
export type StandInPullRequest = Record<string, unknown> & {
  pullRequestId: number;
  status: PullRequestRecord['status'];
  mergeStatus: PullRequestRecord['mergeStatus'];
  lastMergeCommit?: { commitId: string };
  statuses: PullRequestRecord['statuses'];
  threads: PullRequestRecord['threads'];
};

const apiVersionPattern = /api-version=([0-9.]+(?:-preview(?:\.[0-9]+)?)?)/;

async function body(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

function send(res: ServerResponse, reply: Reply): void {
  if ('raw' in reply) {
    res.writeHead(reply.status, { 'content-type': reply.contentType, 'content-length': reply.raw.length });
    res.end(reply.raw);
    return;
  }
  const text = JSON.stringify(reply.json);
  res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...(reply.headers ?? {}) });
  res.end(text);
}

/** Start the stand-in on a loopback port. */
export async function startAzureDevOpsStandIn(opts: AzureDevOpsStandInOptions): Promise<AzureDevOpsStandIn> {
  const scopes = new Set(opts.patScopes ?? ['code', 'codeWrite', 'build', 'hooks']);
  if (scopes.has('codeWrite')) scopes.add('code');
  const requests: { method: string; path: string }[] = [];
  const repos = Object.fromEntries(Object.entries(opts.repos).map(([k, v]) => [k.toLowerCase(), v]));
  let base = '';
  const orgUrl = (org: string): string => `${base}/${encodeURIComponent(org)}`;
  const repoList = standInRepos(opts.repos);
  const pipelineProjects = opts.pipelines.map((p) => ({ organization: p.organization ?? p.repository.split('/')[0] ?? '', project: p.project }));
  const project = (org: string, nameOrId: string) => findProject(repoList, pipelineProjects, org, nameOrId);
  const hooks = new ServiceHooks({
    orgUrl,
    // A subscription names its project by id only.
    project: (org, id) => (project(org, id)?.id === id.toLowerCase() ? project(org, id) : undefined),
    hasRepository: (org, projectId, repoId) => repoList.some((r) => r.organization.toLowerCase() === org.toLowerCase() && r.projectId === projectId && r.id === repoId.toLowerCase()),
    ...(opts.hookRetry ? { retry: opts.hookRetry } : {}),
  });
  const publish = (e: StandInEvent): void => {
    opts.onEvent?.(e);
    hooks.publish(e);
  };
  const pushes = new Pushes(repoList, orgUrl, publish);
  await pushes.init();
  const runs = new PipelineRuns(
    opts.pipelines.map((p) => ({ ...p, repository: p.repository.toLowerCase(), organization: p.organization ?? p.repository.split('/')[0] ?? '' })),
    repos,
    opts.build,
    orgUrl,
    opts.stateDir,
    opts.onRunCompleted,
    publish,
  );
  const prs = new PullRequests(
    Object.entries(opts.repos).map(([key, dir]) => {
      const [organization = '', project = '', name = ''] = key.split('/');
      return { key, organization, project, name, dir };
    }),
    orgUrl,
    publish,
    // Completing a PR moves its target branch: that is a push, with its own event.
    (key, branch) => {
      void pushes.push({ repository: key, branch }).catch(() => undefined);
      opts.onBranchMoved?.(key, branch);
    },
    opts.stateDir,
  );
  const view = (pr: PullRequestRecord): StandInPullRequest => structuredClone({ ...prs.json(pr), pullRequestId: pr.id, status: pr.status, mergeStatus: pr.mergeStatus, statuses: pr.statuses, threads: pr.threads });
  const orgs = new Set([...Object.keys(repos).map((k) => k.split('/')[0] ?? ''), ...opts.pipelines.map((p) => (p.organization ?? '').toLowerCase())]);

  const authorized = (req: IncomingMessage): boolean => {
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '');
    if (bearer?.[1]) return opts.entraTokens?.includes(bearer[1]) === true;
    const m = /^Basic (.+)$/.exec(req.headers.authorization ?? '');
    if (!m?.[1]) return false;
    const decoded = Buffer.from(m[1], 'base64').toString('utf8');
    return decoded.slice(decoded.indexOf(':') + 1) === opts.pat;
  };
  const notAuthorized = (): Reply => adoError(401, 'UnauthorizedRequestException', "TF400813: The user '' is not authorized to access this resource.");

  async function route(req: IncomingMessage): Promise<Reply> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const seg = url.pathname.split('/').slice(1).map((s) => decodeURIComponent(s));
    const accept = req.headers.accept ?? '';
    if (!authorized(req)) return notAuthorized();
    const [org = '', second = '', third = '', area = ''] = seg;
    if (!orgs.has(org.toLowerCase())) return adoError(404, 'HostNotFoundException', `The organization '${org}' could not be found.`);
    if (second === '_apis') {
      if (method === 'OPTIONS' && third.toLowerCase() === 'location' && seg.length === 3) return areaLocations('location') ?? notAuthorized();
      if (method === 'GET' && third === 'ResourceAreas' && seg.length === 3) return resourceAreas;
      if (method === 'OPTIONS' && seg.length === 3) return areaLocations(third) ?? adoError(404, 'ApiResourceNotFoundException', `No area '${third}'.`);
      if (!(apiVersionPattern.exec(accept)?.[1] ?? url.searchParams.get('api-version'))) return adoError(400, 'VssServiceException', 'No api-version was supplied for the request.');
      if (third === 'hooks' && area === 'subscriptions' && seg.length <= 5) {
        if (!scopes.has('hooks')) return notAuthorized();
        let json: unknown;
        try {
          json = method === 'POST' ? await body(req) : undefined;
        } catch {
          return adoError(400, 'VssServiceException', 'The request body is not valid JSON.');
        }
        return hooks.handle(method, org, seg[4], url.searchParams, json);
      }
      if (third === 'projects' && seg.length === 4 && method === 'GET') return projectReply(orgUrl(org), project(org, area), area);
      return adoError(404, 'ApiResourceNotFoundException', 'The resource cannot be found.');
    }
    const projectName = second;
    if (third !== '_apis') return adoError(404, 'ApiResourceNotFoundException', 'The resource cannot be found.');
    const version = apiVersionPattern.exec(accept)?.[1] ?? url.searchParams.get('api-version');
    if (!version) return adoError(400, 'VssServiceException', 'No api-version was supplied for the request.');
    const need: StandInScope = area !== 'git' ? 'build' : method === 'GET' ? 'code' : 'codeWrite';
    if (!scopes.has(need)) return notAuthorized();
    if (area === 'git') {
      const answer = await pullRequestRest(prs, { method, org, project: projectName, path: seg.slice(4), body: () => body(req) });
      if (answer) return answer;
    }
    if (area === 'git' && seg[4] === 'repositories' && method === 'GET') {
      const repo = findRepo(repoList, org, projectName, seg[5] ?? '');
      const dir = repo?.dir;
      if (!repo || !dir) return adoError(404, 'GitRepositoryNotFoundException', `TF401019: The Git repository with name or identifier ${seg[5] ?? ''} does not exist or you do not have permissions for the operation you are attempting.`);
      const [resource, rest] = [seg[6], seg.slice(7)];
      if (resource === undefined) return { status: 200, json: await repositoryJson(orgUrl(org), repo) };
      if (resource === 'refs') return refs(dir, url.searchParams);
      if (resource === 'commits' && rest.length === 1) return commit(dir, rest[0] ?? '');
      if (resource === 'items' && rest.length === 0) return item(dir, url.searchParams, accept);
      if (resource === 'diffs' && rest.join('/') === 'commits') return commitDiffs(dir, url.searchParams);
    }
    if (area === 'pipelines' && seg[5] === 'runs') {
      const pipelineId = Number(seg[4]);
      if (method === 'POST' && seg.length === 6) return runs.start(org, projectName, pipelineId, await body(req));
      if (method === 'GET' && seg.length === 7) return runs.get(org, projectName, pipelineId, Number(seg[6]));
    }
    if (area === 'build' && seg[4]?.toLowerCase() === 'builds' && seg.length === 5 && method === 'GET') return runs.builds(org, projectName, url.searchParams);
    return adoError(404, 'ApiResourceNotFoundException', 'The resource cannot be found.');
  }

  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/' });
    route(req).then(
      (reply) => send(res, reply),
      (e: unknown) => send(res, adoError(500, 'VssServiceException', `The stand-in failed: ${e instanceof Error ? e.message : String(e)}`)),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    orgUrl,
    cancelRun: (id) => runs.cancel(id),
    createPullRequest: async (req) => view(await prs.create(req)),
    updatePullRequest: async (id) => view(await prs.update(id)),
    completePullRequest: async (id) => view(await prs.complete(id)),
    abandonPullRequest: (id) => view(prs.abandon(id)),
    pullRequest: (id) => {
      const pr = prs.record(id);
      return pr ? view(pr) : undefined;
    },
    requests,
    push: (p) => pushes.push(p),
    publish,
    deliveries: () => hooks.deliveries(),
    idle: () => hooks.idle(),
    redeliver: (id) => hooks.redeliver(id),
    stop: () =>
      new Promise<void>((resolve) => {
        hooks.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
