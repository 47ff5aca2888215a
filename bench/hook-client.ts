import { request, type Agent } from 'node:http';

/** A run as `GET /api/pipelines/{id}/runs` lists it (the fields the benchmark reads). */
export interface ListedRun {
  id: string;
  pipelineId: string;
  kind: string;
  status: string;
  trigger?: { kind: string; sourceEventId?: string };
}

interface Delivery {
  id: string;
  decision: string;
  processedAt?: string;
}

/** The `q`-quantile of ascending `sorted` (nearest rank). */
export function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * q) - 1))] ?? 0;
}

/**
 * HTTP to the app on the dev host over keep-alive sockets: service-hook deliveries with basic auth, as Azure DevOps
 * sends them (user `mlcycle`, the webhook secret as the password), and API calls with the function key.
 */
export class HookClient {
  private readonly basic: string;

  constructor(
    private readonly baseUrl: string,
    private readonly functionKey: string,
    webhookSecret: string,
    private readonly agent: Agent,
  ) {
    this.basic = `Basic ${Buffer.from(`mlcycle:${webhookSecret}`).toString('base64')}`;
  }

  /** POST one delivery to `/api/hooks/azure-devops`; the status, the answer and how long it took. */
  hook(body: string, agent = this.agent): Promise<{ status: number; text: string; ms: number }> {
    return this.send('POST', '/api/hooks/azure-devops', { authorization: this.basic, 'content-type': 'application/json; charset=utf-8' }, body, agent);
  }

  /** An API call with the function key. */
  api(method: string, path: string, body?: string): Promise<{ status: number; text: string; ms: number }> {
    return this.send(method, path, { 'x-functions-key': this.functionKey, ...(body ? { 'content-type': 'application/json' } : {}) }, body, this.agent);
  }

  /** Wait until the delivery log shows `deliveryId` acted on (`processedAt`); throws after `timeoutMs`. */
  async processed(deliveryId: string, timeoutMs: number): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (Date.now() < end) {
      const page = await this.json<{ items: Delivery[] }>('/api/hooks/azure-devops/deliveries?limit=50');
      if (page.items.some((d) => d.id === deliveryId && d.processedAt)) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`delivery ${deliveryId} was not acted on within ${timeoutMs} ms`);
  }

  /** How many accepted deliveries in the whole log are not acted on yet. */
  async unprocessedDeliveries(): Promise<number> {
    return (await this.all<Delivery>('/api/hooks/azure-devops/deliveries')).filter((d) => d.decision === 'accepted' && !d.processedAt).length;
  }

  /** Every run of a pipeline. */
  runs(pipelineId: string): Promise<ListedRun[]> {
    return this.all<ListedRun>(`/api/pipelines/${encodeURIComponent(pipelineId)}/runs`);
  }

  close(): void {
    this.agent.destroy();
  }

  /** Every item of a paged list, following its continuation tokens. */
  private async all<T>(path: string): Promise<T[]> {
    const items: T[] = [];
    let token: string | undefined;
    do {
      const page = await this.json<{ items: T[]; continuationToken?: string }>(`${path}?limit=100${token ? `&continuationToken=${encodeURIComponent(token)}` : ''}`);
      items.push(...page.items);
      token = page.continuationToken;
    } while (token);
    return items;
  }

  private async json<T>(path: string): Promise<T> {
    const r = await this.api('GET', path);
    if (r.status !== 200) throw new Error(`GET ${path}: ${r.status} ${r.text}`);
    return JSON.parse(r.text) as T;
  }

  private send(method: string, path: string, headers: Record<string, string>, body: string | undefined, agent: Agent): Promise<{ status: number; text: string; ms: number }> {
    const url = new URL(path, this.baseUrl);
    const t = performance.now();
    return new Promise((resolve, reject) => {
      const req = request(
        { host: url.hostname, port: url.port, method, path: `${url.pathname}${url.search}`, agent, headers: { ...headers, ...(body !== undefined ? { 'content-length': Buffer.byteLength(body) } : {}) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - t }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
