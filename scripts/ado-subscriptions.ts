/*
 * The Azure DevOps service-hook subscriptions mlcycle needs, created idempotently:
 *   ADO_PAT=… ADO_WEBHOOK_SECRET=… npm run ado:subscribe -- --org-url https://dev.azure.com/<org> --project <project>
 *     --hook-url https://<app>/api/hooks/azure-devops [--repository <repo>] [--branch main] [--image-pipeline-id 12]
 *     [--username mlcycle | --header X-Mlcycle-Webhook-Secret]
 * Secrets come from the environment only (argv shows in process lists) and are never printed. The PAT needs the
 * Service Hooks (read & write), Project (read) and Code (read) scopes.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import * as azdev from 'azure-devops-node-api';
import { assertAdoName } from '../shared/adapters/azure-devops/ado-names.js';

/** How the service authenticates to the hook endpoint: basic auth, or a secret in a header of its own. */
export type HookAuth = { basic: { username: string; password: string } } | { header: { name: string; value: string } };

export interface EnsureSubscriptionsOptions {
  /** `https://dev.azure.com/<organization>` (a local stand-in in tests). */
  orgUrl: string;
  pat: string;
  /** The project's name; its id comes from the API. */
  project: string;
  /** Only this repository's events (default: every repository of the project). */
  repository?: string;
  /** Only pushes to, and pull requests into, this branch (default: every branch). */
  branch?: string;
  /** `https://<app>/api/hooks/azure-devops`. */
  hookUrl: string;
  auth: HookAuth;
  /** The image pipeline whose completed runs wake the image wait (no subscription without it). */
  imagePipelineId?: number;
}

/** A subscription as the summary lists it (no consumer input: they hold the secret). */
export interface SubscriptionSummary {
  id: string;
  eventType: string;
  filters: Record<string, string>;
  status: string;
}

interface Wanted {
  publisherId: 'tfs' | 'pipelines';
  eventType: string;
  resourceVersion: string;
  filters: Record<string, string>;
}

interface RestSubscription {
  id: string;
  publisherId: string;
  eventType: string;
  status?: string;
  publisherInputs?: Record<string, string>;
  consumerInputs?: Record<string, string>;
}

const subscriptionsLocation = 'fc50d02a-849f-41fb-8af1-0a5216103269';
const filterNames = ['repository', 'branch', 'pushedBy', 'notificationType', 'mergeResult', 'pipelineId', 'runStateId', 'runResultId'];
const loopback = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * The subscriptions: pushes (a pipeline following the branch retrains), pull requests created and updated
 * (validation runs), merges that succeeded, and the image pipeline's completed runs. `git.pullrequest.updated` is
 * subscribed twice, for new commits (`PushNotification`: validate again) and status changes
 * (`StatusUpdateNotification`: completed or abandoned), so reviewer and vote changes, which mlcycle ignores, are
 * never sent. `build.complete` is left out: the pipelines event already reports every run of the image pipeline, by
 * id rather than by a definition name a rename breaks, and a second event per run would only wake the wait twice.
 */
function wanted(o: EnsureSubscriptionsOptions, repositoryId: string | undefined): Wanted[] {
  const git = { ...(repositoryId ? { repository: repositoryId } : {}), ...(o.branch ? { branch: o.branch } : {}) };
  const tfs = (eventType: string, filters: Record<string, string> = {}): Wanted => ({ publisherId: 'tfs', eventType, resourceVersion: '1.0', filters: { ...git, ...filters } });
  return [
    tfs('git.push'),
    tfs('git.pullrequest.created'),
    tfs('git.pullrequest.updated', { notificationType: 'PushNotification' }),
    tfs('git.pullrequest.updated', { notificationType: 'StatusUpdateNotification' }),
    tfs('git.pullrequest.merged', { mergeResult: 'Succeeded' }),
    ...(o.imagePipelineId === undefined
      ? []
      : [{ publisherId: 'pipelines' as const, eventType: 'ms.vss-pipelines.run-state-changed-event', resourceVersion: '5.1-preview.1', filters: { pipelineId: String(o.imagePipelineId), runStateId: 'Completed' } }]),
  ];
}

function validate(o: EnsureSubscriptionsOptions): void {
  const http = (what: string, value: string): URL => {
    let u: URL;
    try {
      u = new URL(value);
    } catch {
      throw new Error(`${what} is not a URL`);
    }
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback.has(u.hostname))) throw new Error(`${what} must be an https URL`);
    if (u.username !== '' || u.password !== '') throw new Error(`${what} must not hold credentials`);
    return u;
  };
  http('--org-url', o.orgUrl);
  http('--hook-url', o.hookUrl);
  assertAdoName('project', o.project);
  if (o.repository !== undefined) assertAdoName('repository', o.repository);
  if (o.branch !== undefined && !/^(?!-)(?!.*\.\.)[^\s~^:?*[\\]+$/.test(o.branch)) throw new Error('--branch is not a branch name');
  if (o.imagePipelineId !== undefined && !(Number.isInteger(o.imagePipelineId) && o.imagePipelineId > 0)) throw new Error('--image-pipeline-id must be a positive integer');
  if ('basic' in o.auth && (o.auth.basic.username === '' || o.auth.basic.username.includes(':') || o.auth.basic.password === '')) {
    throw new Error('the basic-auth username must be non-empty without a colon, and the password non-empty');
  }
  if ('header' in o.auth && (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(o.auth.header.name) || o.auth.header.value === '' || /[\r\n]/.test(o.auth.header.value))) {
    throw new Error('--header must be a header name, and the secret a one-line value');
  }
}

/** Whether an existing subscription is the one wanted: same event, URL, project, filters and auth user or header. */
function same(s: RestSubscription, w: Wanted, o: EnsureSubscriptionsOptions, projectId: string): boolean {
  const p = s.publisherInputs ?? {};
  const c = s.consumerInputs ?? {};
  if (s.publisherId !== w.publisherId || s.eventType !== w.eventType || c.url !== o.hookUrl || (p.projectId ?? '').toLowerCase() !== projectId.toLowerCase()) return false;
  if (!filterNames.every((k) => (p[k] ?? '').toLowerCase() === (w.filters[k] ?? '').toLowerCase())) return false;
  if ('basic' in o.auth) return c.basicAuthUsername === o.auth.basic.username;
  const name = o.auth.header.name.toLowerCase();
  return (c.httpHeaders ?? '').split(/\r?\n/).some((l) => l.slice(0, l.indexOf(':')).trim().toLowerCase() === name);
}

/** Create the subscriptions mlcycle needs that do not exist yet; returns those it created and those it kept. */
export async function ensureSubscriptions(o: EnsureSubscriptionsOptions): Promise<{ projectId: string; repositoryId?: string; created: SubscriptionSummary[]; kept: SubscriptionSummary[] }> {
  validate(o);
  const orgUrl = o.orgUrl.replace(/\/+$/, '');
  // Without the header the service answers a bad PAT with a sign-in page instead of 401.
  const web = new azdev.WebApi(orgUrl, azdev.getPersonalAccessTokenHandler(o.pat), { headers: { 'X-TFS-FedAuthRedirect': 'Suppress' }, socketTimeout: 30_000 });
  const project = await (await web.getCoreApi()).getProject(o.project);
  if (!project?.id) throw new Error(`the project '${o.project}' does not exist in ${orgUrl}, or the PAT cannot read it`);
  const projectId = project.id;
  let repositoryId: string | undefined;
  if (o.repository !== undefined) {
    const repo = await (await web.getGitApi()).getRepository(o.repository, projectId);
    if (!repo?.id) throw new Error(`the repository '${o.repository}' does not exist in the project '${o.project}'`);
    repositoryId = repo.id;
  }
  // The node-api client has no Service Hooks API: its location lookup and REST client make the calls instead.
  const at = async (query?: Record<string, string>) => {
    const v = await web.vsoClient.getVersioningData('7.1', 'hooks', subscriptionsLocation, {}, query);
    if (v.requestUrl === undefined) throw new Error('Azure DevOps has no service hooks location');
    return { url: v.requestUrl, options: { acceptHeader: `application/json;api-version=${v.apiVersion}` } };
  };
  const list = await at({ consumerId: 'webHooks', consumerActionId: 'httpRequest' });
  const existing = (await web.rest.get<{ value: RestSubscription[] }>(list.url, list.options)).result?.value ?? [];
  const summary = (s: RestSubscription, w: Wanted): SubscriptionSummary => ({ id: s.id, eventType: w.eventType, filters: w.filters, status: s.status ?? 'enabled' });
  const created: SubscriptionSummary[] = [];
  const kept: SubscriptionSummary[] = [];
  for (const w of wanted(o, repositoryId)) {
    const found = existing.find((s) => same(s, w, o, projectId));
    if (found) {
      kept.push(summary(found, w));
      continue;
    }
    const consumerInputs: Record<string, string> = { url: o.hookUrl };
    if ('basic' in o.auth) Object.assign(consumerInputs, { basicAuthUsername: o.auth.basic.username, basicAuthPassword: o.auth.basic.password });
    else consumerInputs.httpHeaders = `${o.auth.header.name}:${o.auth.header.value}`;
    const body = { publisherId: w.publisherId, eventType: w.eventType, resourceVersion: w.resourceVersion, consumerId: 'webHooks', consumerActionId: 'httpRequest', publisherInputs: { projectId, ...w.filters }, consumerInputs };
    const target = await at();
    const made = (await web.rest.create<RestSubscription>(target.url, body, target.options)).result;
    if (!made?.id) throw new Error(`Azure DevOps did not create the ${w.eventType} subscription`);
    created.push(summary(made, w));
  }
  return { projectId, ...(repositoryId ? { repositoryId } : {}), created, kept };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'org-url': { type: 'string' },
      project: { type: 'string' },
      repository: { type: 'string' },
      branch: { type: 'string' },
      'hook-url': { type: 'string' },
      username: { type: 'string', default: 'mlcycle' },
      header: { type: 'string' },
      'image-pipeline-id': { type: 'string' },
    },
  });
  const pat = process.env.ADO_PAT ?? '';
  const secret = process.env.ADO_WEBHOOK_SECRET ?? '';
  const orgUrl = values['org-url'];
  const project = values.project;
  const hookUrl = values['hook-url'];
  if (!orgUrl || !project || !hookUrl || pat === '' || secret === '') {
    throw new Error('usage: ADO_PAT=… ADO_WEBHOOK_SECRET=… npm run ado:subscribe -- --org-url <url> --project <name> --hook-url <url> [--repository <name>] [--branch <name>] [--image-pipeline-id <id>] [--username mlcycle | --header <name>]');
  }
  // The app refuses a shorter ADO_WEBHOOK_SECRET (it would not load), so subscriptions with one could never be accepted.
  if (secret.length < 16) throw new Error('ADO_WEBHOOK_SECRET must be at least 16 characters, as the app requires');
  const result = await ensureSubscriptions({
    orgUrl,
    pat,
    project,
    hookUrl,
    auth: values.header ? { header: { name: values.header, value: secret } } : { basic: { username: values.username, password: secret } },
    ...(values.repository ? { repository: values.repository } : {}),
    ...(values.branch ? { branch: values.branch } : {}),
    ...(values['image-pipeline-id'] ? { imagePipelineId: Number(values['image-pipeline-id']) } : {}),
  });
  const line = (verb: string, s: SubscriptionSummary) => {
    const filters = Object.entries(s.filters).map(([k, v]) => `${k}=${v}`).join(' ');
    console.log(`${verb} ${s.eventType} ${filters} (${s.id}${s.status === 'enabled' ? '' : `, ${s.status}: enable it in Project settings > Service hooks`})`);
  };
  console.log(`project ${project} = ${result.projectId}${result.repositoryId ? `, repository ${values.repository ?? ''} = ${result.repositoryId}` : ''}`);
  for (const s of result.created) line('created', s);
  for (const s of result.kept) line('kept   ', s);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((e: unknown) => {
    // Errors name fields and URLs, never the PAT or the secret (neither is ever part of a message).
    console.error(`ado:subscribe failed: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  });
}
