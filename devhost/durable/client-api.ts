import type { IncomingMessage, ServerResponse } from 'node:http';
import { hostProblem, sendHostProblem } from '../host-problem.js';
import { hasValidPercentEncoding } from '../request-target.js';
import { apiAccess, routePrefix, type ApiKeys } from './api-access.js';
import { runtimeStatuses } from './history-events.js';
import type { RuntimeStatus } from './history-events.js';
import { HttpError, drain, jsonBodyText, notFound, readBody, sendEmpty, sendJson, sendOperation } from './http-io.js';
import type { InstanceFilter, StatusOptions, StatusPayload } from './status.js';

/*
 * The Durable Functions HTTP API as the extension serves it (HttpApiHandler): the routes `df.getClient()` calls under
 * `rpcBaseUrl`, served by the same handlers as the webhook-style management URLs of createCheckStatusResponse. Status
 * codes follow the extension, because the JS client decides success by them: start 202 (409 when an instance with
 * that id is Running/Pending/Suspended), status 200/202/404, raiseEvent/terminate/suspend/resume 202/410/404, purge
 * 200/404/412. Every route needs a key (see api-access.ts), and every link is built on the configured base URL, never
 * on the request's Host.
 */

export { routePrefix, rpcPrefix } from './api-access.js';

/** The operations the HTTP API needs from the engine. */
export interface DurableOps {
  startNew(
    name: string,
    opts: { instanceId?: string | undefined; inputJson?: string | null },
  ): Promise<{ ok: true; instanceId: string } | { ok: false; code: 'conflict' | 'unknown-orchestrator' | 'invalid-instance-id'; message: string }>;
  getStatus(instanceId: string, opts?: StatusOptions): StatusPayload | undefined;
  listInstances(filter?: InstanceFilter, opts?: StatusOptions): StatusPayload[];
  raiseEvent(instanceId: string, eventName: string, dataJson: string | null): Promise<'accepted' | 'gone' | 'not-found'>;
  terminate(instanceId: string, reason: string | null): Promise<'accepted' | 'gone' | 'not-found'>;
  suspend(instanceId: string, reason: string | null): Promise<'accepted' | 'gone' | 'not-found'>;
  resume(instanceId: string, reason: string | null): Promise<'accepted' | 'gone' | 'not-found'>;
  purge(instanceId: string): Promise<'purged' | 'not-found' | 'not-terminal'>;
  purgeWhere(filter: InstanceFilter): Promise<number>;
  waitFor(instanceId: string, predicate: (s: StatusPayload) => boolean, timeoutMs: number): Promise<StatusPayload>;
}

/** Serves the Durable HTTP API over node's http server objects. */
export class ClientApi {
  constructor(
    private readonly ops: DurableOps,
    private readonly baseUrl: () => string,
    /** `taskHub=...&connection=...`, appended to the management URLs. */
    private readonly hubQuery: string,
    private readonly keys: ApiKeys,
  ) {}

  /** Handle the request if its path is under a durable prefix; returns false otherwise. */
  handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const access = apiAccess(req, url, this.keys);
    if (access.kind === 'not-ours') return false;
    if (access.kind === 'refused') {
      req.resume();
      sendHostProblem(res, hostProblem('UNAUTHENTICATED', 'The Durable API needs the system key or the master key (code query parameter or x-functions-key header).'));
      return true;
    }
    if (!hasValidPercentEncoding(access.path)) {
      req.resume();
      sendHostProblem(res, hostProblem('VALIDATION', 'The path has invalid percent-encoding.', { field: 'path' }));
      return true;
    }
    this.serve(req, res, access.path, url).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      const message = err instanceof HttpError ? err.message : 'Something went wrong while processing your request';
      if (!res.headersSent) sendJson(res, status, { Message: message });
      else res.end();
    });
    return true;
  }

  private async serve(req: IncomingMessage, res: ServerResponse, path: string, url: URL): Promise<void> {
    const segs = path
      .split('/')
      .filter((s) => s.length > 0)
      .map((s) => decodeURIComponent(s));
    const method = (req.method ?? 'GET').toUpperCase();
    const q = url.searchParams;
    const [head, a, b, c] = segs;
    if (head === 'orchestrators' && a && segs.length <= 3) {
      if (method !== 'POST') return notFound(res);
      return this.start(req, res, a, b, q);
    }
    if (head === 'instances') {
      if (segs.length === 1) {
        if (method === 'GET') return this.list(req, res, q);
        if (method === 'DELETE') return this.purgeWhere(res, q);
        return notFound(res);
      }
      if (!a) return notFound(res);
      if (segs.length === 2) {
        if (method === 'GET') return this.status(req, res, a, q);
        if (method === 'DELETE') return this.purge(res, a);
        return notFound(res);
      }
      if (method !== 'POST') return notFound(res);
      if (b === 'raiseEvent' && c && segs.length === 4) return this.raise(req, res, a, c);
      if (segs.length !== 3) return notFound(res);
      const reason = q.get('reason');
      switch (b?.toLowerCase()) {
        case 'terminate':
          return sendOperation(res, await this.ops.terminate(a, reason));
        case 'suspend':
          return sendOperation(res, await this.ops.suspend(a, reason));
        case 'resume':
          return sendOperation(res, await this.ops.resume(a, reason));
        case 'restart':
          return this.restart(res, a, q);
        case 'rewind':
          return sendJson(res, 501, { Message: 'The rewind operation is not supported by the dev host.' });
        default:
          return notFound(res);
      }
    }
    if (head === 'entities') return sendJson(res, 501, { Message: 'Durable entities are not supported by the dev host.' });
    return notFound(res);
  }

  private async start(req: IncomingMessage, res: ServerResponse, name: string, instanceId: string | undefined, q: URLSearchParams): Promise<void> {
    const inputJson = jsonBodyText(await readBody(req));
    const started = await this.ops.startNew(name, { instanceId, inputJson });
    if (!started.ok) throw new HttpError(started.code === 'conflict' ? 409 : 400, started.message);
    const timeout = Number(q.get('timeout'));
    const polling = Number(q.get('pollingInterval'));
    if (q.has('timeout') && q.has('pollingInterval') && timeout > 0 && polling > 0) {
      const done = await this.ops
        .waitFor(started.instanceId, (s) => ['Completed', 'Failed', 'Terminated', 'Canceled'].includes(s.runtimeStatus), timeout * 1000)
        .catch(() => undefined);
      if (done?.runtimeStatus === 'Completed') return sendJson(res, 200, done.output);
      if (done) return sendJson(res, 200, done);
    }
    this.sendCheckStatus(res, started.instanceId);
  }

  private async restart(res: ServerResponse, instanceId: string, q: URLSearchParams): Promise<void> {
    const current = this.ops.getStatus(instanceId);
    if (!current) return notFound(res);
    const newId = q.get('restartWithNewInstanceId')?.toLowerCase() !== 'false';
    const started = await this.ops.startNew(current.name, {
      instanceId: newId ? undefined : instanceId,
      inputJson: current.input === null || current.input === undefined ? null : JSON.stringify(current.input),
    });
    if (!started.ok) throw new HttpError(started.code === 'conflict' ? 409 : 400, started.message);
    this.sendCheckStatus(res, started.instanceId);
  }

  private sendCheckStatus(res: ServerResponse, instanceId: string): void {
    const links = this.managementLinks(instanceId);
    res.setHeader('Location', links.statusQueryGetUri);
    res.setHeader('Retry-After', '10');
    sendJson(res, 202, links);
  }

  /** The management URLs for an instance, on the configured base URL, carrying the system key as Azure's do. */
  private managementLinks(instanceId: string) {
    const inst = this.instanceUrl(instanceId);
    const suffix = `${this.hubQuery}&code=${encodeURIComponent(this.keys.systemKey)}`;
    return {
      id: instanceId,
      statusQueryGetUri: `${inst}?${suffix}`,
      sendEventPostUri: `${inst}/raiseEvent/{eventName}?${suffix}`,
      terminatePostUri: `${inst}/terminate?reason={text}&${suffix}`,
      purgeHistoryDeleteUri: `${inst}?${suffix}`,
      restartPostUri: `${inst}/restart?${suffix}`,
      suspendPostUri: `${inst}/suspend?reason={text}&${suffix}`,
      resumePostUri: `${inst}/resume?reason={text}&${suffix}`,
    };
  }

  private async status(req: IncomingMessage, res: ServerResponse, instanceId: string, q: URLSearchParams): Promise<void> {
    await drain(req);
    const opts: StatusOptions = {
      showHistory: boolParam(q, 'showHistory') ?? false,
      showHistoryOutput: boolParam(q, 'showHistoryOutput') ?? false,
      showInput: boolParam(q, 'showInput') ?? true,
    };
    const s = this.ops.getStatus(instanceId, opts);
    if (!s) return notFound(res);
    switch (s.runtimeStatus) {
      case 'Running':
      case 'Pending':
      case 'ContinuedAsNew':
      case 'Suspended':
        res.setHeader('Location', this.statusLocation(instanceId, q));
        res.setHeader('Retry-After', '5');
        return sendJson(res, 202, s);
      case 'Failed':
        return sendJson(res, boolParam(q, 'returnInternalServerErrorOnFailure') ? 500 : 200, s);
      default:
        return sendJson(res, 200, s);
    }
  }

  private instanceUrl(instanceId: string): string {
    return `${this.baseUrl().replace(/\/+$/, '')}${routePrefix}/instances/${encodeURIComponent(instanceId)}`;
  }

  /** Where to poll again: this status query on the webhook route, the caller's key replaced by the system key. */
  private statusLocation(instanceId: string, q: URLSearchParams): string {
    const query = new URLSearchParams([...q].filter(([k]) => k !== 'code'));
    query.set('code', this.keys.systemKey);
    return `${this.instanceUrl(instanceId)}?${query.toString()}`;
  }

  private async list(req: IncomingMessage, res: ServerResponse, q: URLSearchParams): Promise<void> {
    await drain(req);
    const all = this.ops.listInstances(filterFrom(q), { showInput: boolParam(q, 'showInput') ?? true });
    const top = Number(q.get('top'));
    const token = req.headers['x-ms-continuation-token'];
    const start = typeof token === 'string' && /^\d+$/.test(token) ? Number(token) : 0;
    const pageSize = Number.isInteger(top) && top > 0 ? top : all.length;
    const page = all.slice(start, start + pageSize);
    if (start + pageSize < all.length) res.setHeader('x-ms-continuation-token', String(start + pageSize));
    sendJson(res, 200, page);
  }

  private async purge(res: ServerResponse, instanceId: string): Promise<void> {
    const r = await this.ops.purge(instanceId);
    if (r === 'not-found') return notFound(res);
    if (r === 'not-terminal') {
      const s = this.ops.getStatus(instanceId);
      return sendJson(res, 412, {
        Message: `Only orchestrations in a terminal state can be purged, but the orchestration with instance ID ${instanceId} has status ${s?.runtimeStatus ?? 'unknown'}`,
      });
    }
    sendJson(res, 200, { instancesDeleted: 1 });
  }

  private async purgeWhere(res: ServerResponse, q: URLSearchParams): Promise<void> {
    const filter = filterFrom(q);
    if (filter.createdTimeFrom === undefined) throw new HttpError(400, "Please provide value for 'createdTimeFrom' parameter.");
    filter.createdTimeTo ??= Date.now();
    const n = await this.ops.purgeWhere(filter);
    if (n === 0) return notFound(res);
    sendJson(res, 200, { instancesDeleted: n });
  }

  private async raise(req: IncomingMessage, res: ServerResponse, instanceId: string, eventName: string): Promise<void> {
    const current = this.ops.getStatus(instanceId);
    const body = await readBody(req);
    if (!current) return notFound(res);
    if (['Completed', 'Failed', 'Terminated', 'Canceled'].includes(current.runtimeStatus)) return sendEmpty(res, 410);
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (mediaType !== 'application/json') throw new HttpError(400, 'Only application/json request content is supported');
    sendOperation(res, await this.ops.raiseEvent(instanceId, eventName, jsonBodyText(body)));
  }
}

function filterFrom(q: URLSearchParams): InstanceFilter {
  const statuses = q
    .getAll('runtimeStatus')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter((v): v is RuntimeStatus => (runtimeStatuses as readonly string[]).includes(v));
  const time = (k: string) => {
    const v = q.get(k);
    if (v === null) return undefined;
    const t = Date.parse(v);
    return Number.isNaN(t) ? undefined : t;
  };
  return {
    runtimeStatus: statuses.length > 0 ? statuses : undefined,
    createdTimeFrom: time('createdTimeFrom'),
    createdTimeTo: time('createdTimeTo'),
    instanceIdPrefix: q.get('instanceIdPrefix') ?? undefined,
  };
}

function boolParam(q: URLSearchParams, key: string): boolean | undefined {
  const v = q.get(key)?.toLowerCase();
  return v === 'true' ? true : v === 'false' ? false : undefined;
}
