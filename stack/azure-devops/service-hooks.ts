import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { standInGuid, type StandInEvent } from './events.js';
import { HookDeliveries, type DeliveryRecord, type DeliveryRetry } from './hook-deliveries.js';
import { adoError, type Reply } from './replies.js';

/*
 * Service hooks: the subscriptions REST API (`{org}/_apis/hooks/subscriptions`, consumer `webHooks`, action
 * `httpRequest`) and `publish`, which hands an event to every enabled subscription whose publisher inputs match and
 * POSTs the envelope the service sends. Subscriptions are validated as the service validates them, with one
 * difference on purpose: the service refuses loopback and private addresses, and the stand-in accepts them, since
 * delivering to an app on this machine is what it is for.
 */

/** Publisher inputs each event type accepts (besides `projectId`), with the values an enumerated one allows. */
const eventInputs: Record<string, Record<string, Record<string, string[] | null>>> = {
  tfs: {
    'git.push': { repository: null, branch: null, pushedBy: null },
    'git.pullrequest.created': { repository: null, branch: null },
    'git.pullrequest.updated': {
      repository: null,
      branch: null,
      notificationType: ['PushNotification', 'ReviewersUpdateNotification', 'StatusUpdateNotification', 'ReviewerVoteNotification'],
    },
    'git.pullrequest.merged': { repository: null, branch: null, mergeResult: ['Succeeded', 'Unsuccessful', 'Conflicts', 'Failure', 'RejectedByPolicy'] },
    'build.complete': { definitionName: null, buildStatus: ['Succeeded', 'PartiallySucceeded', 'Failed', 'Stopped'] },
  },
  pipelines: {
    'ms.vss-pipelines.run-state-changed-event': { pipelineId: null, runStateId: ['InProgress', 'Canceling', 'Completed'], runResultId: ['Canceled', 'Failed', 'Succeeded'] },
  },
};
/** Inputs the service adds to a subscription itself; a create may echo them back. */
const serviceInputs = new Set(['projectId', 'hostId', 'tfsSubscriptionId']);
const detail = z.enum(['all', 'minimal', 'none']).optional();
const headerLine = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+:.*$/;

const subscriptionBody = z.object({
  publisherId: z.string(),
  eventType: z.string(),
  resourceVersion: z.string().optional(),
  consumerId: z.string(),
  consumerActionId: z.string(),
  publisherInputs: z.record(z.string(), z.string()),
  consumerInputs: z.object({
    url: z.string(),
    basicAuthUsername: z.string().optional(),
    basicAuthPassword: z.string().optional(),
    httpHeaders: z.string().optional(),
    resourceDetailsToSend: detail,
    messagesToSend: detail,
    detailedMessagesToSend: detail,
  }),
});
type SubscriptionBody = z.infer<typeof subscriptionBody>;

interface Subscription extends SubscriptionBody {
  id: string;
  organization: string;
  status: 'enabled';
  createdDate: string;
}

/** What the service hooks need from the stand-in: its URLs, and which projects and repositories exist. */
export interface ServiceHooksContext {
  orgUrl: (organization: string) => string;
  /** The project with this id in the organization, or undefined. */
  project: (organization: string, projectId: string) => { name: string } | undefined;
  /** Whether a repository with this id is in the project. */
  hasRepository: (organization: string, projectId: string, repositoryId: string) => boolean;
  retry?: DeliveryRetry;
}

const invalid = (message: string): Reply => adoError(400, 'ServiceHookException', message);

/** The trimmed resource of `resourceDetailsToSend: minimal`: ids and URLs, and those of the objects it names. */
function minimal(resource: Record<string, unknown>): Record<string, unknown> {
  const keys = new Set(['id', 'pushId', 'pullRequestId', 'buildNumber', 'url']);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(resource)) {
    if (keys.has(k)) out[k] = v;
    else if (v !== null && typeof v === 'object' && !Array.isArray(v) && 'id' in v) {
      const o = v as Record<string, unknown>;
      out[k] = { id: o.id, ...(o.url === undefined ? {} : { url: o.url }) };
    }
  }
  return out;
}

/** The subscriptions of a stand-in and the deliveries they make. */
export class ServiceHooks {
  private readonly subs = new Map<string, Subscription>();
  private readonly delivery: HookDeliveries;
  private nextNotificationId = 1;

  constructor(private readonly ctx: ServiceHooksContext) {
    this.delivery = new HookDeliveries(ctx.retry);
  }

  /** `{org}/_apis/hooks/subscriptions[/{id}]`: create, list, get, delete. */
  handle(method: string, organization: string, id: string | undefined, query: URLSearchParams, body: unknown): Reply {
    if (id === undefined && method === 'POST') return this.create(organization, body);
    if (id === undefined && method === 'GET') {
      const wanted = ['publisherId', 'eventType', 'consumerId', 'consumerActionId'].map((k) => [k, query.get(k)] as const);
      const value = [...this.subs.values()]
        .filter((s) => s.organization === organization.toLowerCase())
        .filter((s) => wanted.every(([k, v]) => v === null || v === '' || s[k as keyof SubscriptionBody] === v))
        .map((s) => this.view(s));
      return { status: 200, json: { count: value.length, value } };
    }
    const sub = id === undefined ? undefined : this.subs.get(id.toLowerCase());
    if (id !== undefined && (method === 'GET' || method === 'DELETE')) {
      if (!sub || sub.organization !== organization.toLowerCase()) return adoError(404, 'SubscriptionNotFoundException', `The subscription with id '${id}' does not exist.`);
      if (method === 'GET') return { status: 200, json: this.view(sub) };
      this.subs.delete(sub.id);
      return { status: 204, raw: Buffer.alloc(0), contentType: 'application/json' };
    }
    return adoError(405, 'VssServiceException', `The method ${method} is not supported here.`);
  }

  /** Hand an event to every matching enabled subscription; deliveries run in the background. */
  publish(event: StandInEvent): void {
    const eventId = randomUUID();
    const createdDate = new Date().toISOString();
    for (const sub of this.subs.values()) {
      if (!this.matches(sub, event)) continue;
      const notificationId = this.nextNotificationId++;
      const c = sub.consumerInputs;
      const message = { text: event.message, html: event.message, markdown: event.message };
      const envelope = {
        subscriptionId: sub.id,
        notificationId,
        id: eventId,
        eventType: event.eventType,
        publisherId: event.publisherId,
        ...(c.messagesToSend === 'none' ? {} : { message: c.messagesToSend === 'minimal' ? { text: event.message } : message }),
        ...(c.detailedMessagesToSend === 'none' ? {} : { detailedMessage: c.detailedMessagesToSend === 'minimal' ? { text: event.message } : message }),
        ...(c.resourceDetailsToSend === 'none' ? {} : { resource: c.resourceDetailsToSend === 'minimal' ? minimal(event.resource) : event.resource }),
        resourceVersion: event.resourceVersion,
        resourceContainers: {
          collection: { id: standInGuid('collection', event.organization) },
          account: { id: standInGuid('account', event.organization) },
          project: { id: event.projectId },
        },
        createdDate,
      };
      this.delivery.deliver({ subscriptionId: sub.id, notificationId, eventId, eventType: event.eventType, url: c.url, headers: this.headers(sub), body: JSON.stringify(envelope) });
    }
  }

  /** The delivery log, oldest first. */
  deliveries(): DeliveryRecord[] {
    return this.delivery.deliveries();
  }

  /** Resolves when no delivery is in flight. */
  idle(): Promise<void> {
    return this.delivery.idle();
  }

  /** Send a notification again, as a retry by the service does (same `notificationId` and `id`). */
  redeliver(notificationId: number): boolean {
    return this.delivery.redeliver(notificationId);
  }

  /** Stop the deliveries in flight. */
  close(): void {
    this.delivery.close();
  }

  private create(organization: string, raw: unknown): Reply {
    const parsed = subscriptionBody.safeParse(raw);
    if (!parsed.success) return invalid(`The subscription is not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const b = parsed.data;
    if (b.consumerId !== 'webHooks' || b.consumerActionId !== 'httpRequest') return invalid(`The consumer '${b.consumerId}' with action '${b.consumerActionId}' is not supported.`);
    const inputs = eventInputs[b.publisherId]?.[b.eventType];
    if (!inputs) return invalid(`The event type '${b.eventType}' is not supported by the publisher '${b.publisherId}'.`);
    const projectId = (b.publisherInputs.projectId ?? '').toLowerCase();
    if (!this.ctx.project(organization, projectId)) return invalid(`The input 'projectId' is not valid: no project with id '${projectId}'.`);
    const filters: Record<string, string> = { projectId };
    for (const [k, v] of Object.entries(b.publisherInputs)) {
      if (serviceInputs.has(k)) continue;
      if (!(k in inputs)) return invalid(`The input '${k}' is not valid for the event type '${b.eventType}'.`);
      const allowed = inputs[k];
      if (v !== '' && allowed && !allowed.some((a) => a.toLowerCase() === v.toLowerCase())) return invalid(`The input '${k}' does not allow the value '${v}'.`);
      if (k === 'repository' && v !== '' && !this.ctx.hasRepository(organization, projectId, v)) return invalid(`The input 'repository' is not valid: no repository with id '${v}'.`);
      filters[k] = v;
    }
    let url: URL;
    try {
      url = new URL(b.consumerInputs.url);
    } catch {
      return invalid("The input 'url' is not a valid URL.");
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return invalid("The input 'url' must be an HTTP or HTTPS URL.");
    const lines = (b.consumerInputs.httpHeaders ?? '').split(/\r?\n/).filter((l) => l.trim() !== '');
    if (lines.some((l) => !headerLine.test(l.trim()))) return invalid("The input 'httpHeaders' must hold one 'Name:value' per line.");
    const id = randomUUID();
    const sub: Subscription = {
      ...b,
      publisherInputs: { ...filters, hostId: standInGuid('collection', organization), tfsSubscriptionId: standInGuid('tfs-subscription', id) },
      id,
      organization: organization.toLowerCase(),
      status: 'enabled',
      createdDate: new Date().toISOString(),
    };
    this.subs.set(id, sub);
    return { status: 200, json: this.view(sub) };
  }

  /** A subscription as the REST API shows it: the password and header values masked. */
  private view(s: Subscription): Record<string, unknown> {
    const { organization, ...rest } = s;
    const c = s.consumerInputs;
    const masked = (c.httpHeaders ?? '')
      .split(/\r?\n/)
      .map((l) => (l.includes(':') ? `${l.slice(0, l.indexOf(':'))}:********` : l))
      .join('\n');
    return {
      ...rest,
      url: `${this.ctx.orgUrl(organization)}/_apis/hooks/subscriptions/${s.id}`,
      consumerInputs: { ...c, ...((c.basicAuthPassword ?? '') === '' ? {} : { basicAuthPassword: '********' }), ...(c.httpHeaders === undefined ? {} : { httpHeaders: masked }) },
      createdBy: { id: standInGuid('user', 'stand-in') },
      modifiedDate: s.createdDate,
    };
  }

  private matches(s: Subscription, e: StandInEvent): boolean {
    if (s.status !== 'enabled' || s.eventType !== e.eventType || s.publisherId !== e.publisherId) return false;
    if (s.organization !== e.organization.toLowerCase()) return false;
    return Object.entries(s.publisherInputs).every(([k, v]) => {
      if (k === 'projectId') return v === e.projectId.toLowerCase();
      if (serviceInputs.has(k) || v === '') return true;
      const actual = e.filters[k];
      return actual !== undefined && actual.toLowerCase() === v.toLowerCase();
    });
  }

  private headers(s: Subscription): Record<string, string> {
    const c = s.consumerInputs;
    const headers: Record<string, string> = { 'content-type': 'application/json; charset=utf-8' };
    for (const line of (c.httpHeaders ?? '').split(/\r?\n/)) {
      const at = line.indexOf(':');
      if (at > 0) headers[line.slice(0, at).trim()] = line.slice(at + 1).trim();
    }
    if ((c.basicAuthUsername ?? '') !== '' || (c.basicAuthPassword ?? '') !== '') {
      headers.authorization = `Basic ${Buffer.from(`${c.basicAuthUsername ?? ''}:${c.basicAuthPassword ?? ''}`).toString('base64')}`;
    }
    return headers;
  }
}
