import type { AccessToken, TokenCredential } from '@azure/identity';
import type { OutgoingHttpHeaders, RequestOptions } from 'node:http';
import type { IRequestHandler, IHttpClientResponse } from 'azure-devops-node-api/interfaces/common/VsoBaseInterfaces.js';
import type { IBuildApi } from 'azure-devops-node-api/BuildApi.js';
import type { IGitApi } from 'azure-devops-node-api/GitApi.js';
import type { IPipelinesApi } from 'azure-devops-node-api/PipelinesApi.js';
import * as azdev from 'azure-devops-node-api';
import { AppError } from '../../domain/errors.js';
import { countCall } from '../http/call-stats.js';
import { mapAdoError } from './ado-errors.js';
import { assertAdoName } from './ado-names.js';

/*
 * One place that knows how to reach an Azure DevOps organization: the real `azure-devops-node-api` client, with a PAT
 * or the managed identity's Entra token, its API objects cached per organization, every call counted (`ado`) and
 * bounded by a deadline (a hung service fails the attempt instead of holding it).
 */

/** Entra scope of Azure DevOps (its well-known application id). */
export const azureDevOpsScope = '499b84ac-1321-427f-aa17-267ca6975798/.default';

/** How the adapters authenticate: a personal access token, or an Entra credential (managed identity in Azure). */
export type AdoAuth = { pat: string } | { credential: TokenCredential };

export interface AdoConnectionOptions {
  auth: AdoAuth;
  /** The organization's base URL (default `https://dev.azure.com/<organization>`); a local stand-in overrides it. */
  orgUrl?: (organization: string) => string;
  /** Deadline of one call, in ms (default 30 s): both the socket idle timeout and the whole call. */
  timeoutMs?: number;
}

/** The API objects of one organization. */
export interface AdoApis {
  git: IGitApi;
  pipelines: IPipelinesApi;
  build: IBuildApi;
}

/** Refresh a token this long before it expires, so no request goes out with one about to lapse. */
const refreshMarginMs = 5 * 60_000;

/**
 * An auth handler that counts every request and sets the current credentials. The client calls `prepareRequest`
 * synchronously, so an Entra token is refreshed before each call (`AdoConnection.ready`) and only read here.
 */
class CountingAuthHandler implements IRequestHandler {
  token = '';
  /** Hosts of the organizations in use: credentials go to these only, never to a host a response points elsewhere. */
  readonly hosts = new Set<string>();

  constructor(private readonly scheme: 'Basic' | 'Bearer') {}

  prepareRequest(options: RequestOptions): void {
    countCall('ado');
    const headers = (options.headers ?? {}) as OutgoingHttpHeaders;
    // Without this header the service answers a bad credential with a sign-in page instead of 401.
    headers['X-TFS-FedAuthRedirect'] = 'Suppress';
    if (this.hosts.has(options.host ?? '')) {
      headers.Authorization = this.scheme === 'Basic' ? `Basic ${Buffer.from(`PAT:${this.token}`).toString('base64')}` : `Bearer ${this.token}`;
    }
    options.headers = headers;
  }

  canHandleAuthentication(): boolean {
    return false;
  }

  handleAuthentication(): Promise<IHttpClientResponse> {
    return Promise.reject(new Error('not supported'));
  }
}

/** A connection to Azure DevOps organizations; share one per process. */
export class AdoConnection {
  private readonly handler: CountingAuthHandler;
  private readonly apis = new Map<string, Promise<AdoApis>>();
  private token: AccessToken | null = null;
  private refreshing: Promise<void> | null = null;
  readonly timeoutMs: number;

  constructor(private readonly opts: AdoConnectionOptions) {
    this.timeoutMs = opts.timeoutMs ?? 30_000;
    this.handler = new CountingAuthHandler('pat' in opts.auth ? 'Basic' : 'Bearer');
    if ('pat' in opts.auth) this.handler.token = opts.auth.pat;
  }

  /** The organization's base URL, its name validated first. */
  orgUrl(organization: string): string {
    assertAdoName('organization', organization);
    return (this.opts.orgUrl ?? ((o: string) => `https://dev.azure.com/${encodeURIComponent(o)}`))(organization).replace(/\/+$/, '');
  }

  /**
   * Run `fn` with the organization's APIs under the deadline; the client's failures become `AppError`s (`what`
   * names the call in messages).
   */
  async call<T>(organization: string, what: string, fn: (apis: AdoApis) => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
      // TRANSIENT like any outage, so the activity's retry policy acts; the socket timeout ends the request itself.
      timer = setTimeout(() => reject(new AppError('TRANSIENT', `Azure DevOps did not answer ${what} within ${this.timeoutMs} ms`, { details: { system: 'azure-devops', timedOut: true } })), this.timeoutMs);
    });
    try {
      return await Promise.race([this.ready().then(async () => fn(await this.apisOf(organization))), deadline]);
    } catch (e) {
      throw mapAdoError(e, what);
    } finally {
      clearTimeout(timer);
    }
  }

  private apisOf(organization: string): Promise<AdoApis> {
    const url = this.orgUrl(organization);
    let apis = this.apis.get(url);
    if (!apis) {
      // The client's own retries are off: activities retry with their own policy.
      this.handler.hosts.add(new URL(url).hostname);
      // Keep-alive: a hook or a run makes several calls in a row to one organization.
      const web = new azdev.WebApi(url, this.handler, { socketTimeout: this.timeoutMs, allowRetries: false, keepAlive: true });
      apis = Promise.all([web.getGitApi(), web.getPipelinesApi(), web.getBuildApi()]).then(([git, pipelines, build]) => ({ git, pipelines, build }));
      // A failed discovery (service down, bad credentials) is not cached: the next call tries again.
      apis.catch(() => this.apis.delete(url));
      this.apis.set(url, apis);
    }
    return apis;
  }

  /** With an Entra credential, make sure the token outlives the next call. */
  private async ready(): Promise<void> {
    if ('pat' in this.opts.auth) return;
    if (this.token && this.token.expiresOnTimestamp - Date.now() > refreshMarginMs) return;
    const credential = this.opts.auth.credential;
    this.refreshing ??= (async () => {
      try {
        const token = await credential.getToken(azureDevOpsScope);
        if (!token) throw new AppError('CONFIG', 'The managed identity gave no token for Azure DevOps: check that it is added to the organization');
        this.token = token;
        this.handler.token = token.token;
      } finally {
        this.refreshing = null;
      }
    })();
    await this.refreshing;
  }
}
