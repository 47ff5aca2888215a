import type { QueueServiceClient } from '@azure/storage-queue';
import type { DependencyHealth, HealthCheck } from '../ports/health.js';
import type { CosmosContainers } from './cosmos/cosmos-client.js';

/** A probe's verdict that a reachable system is unhealthy; its message (free of secrets) is shown as the detail. */
export class Unhealthy extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'Unhealthy';
  }
}

/** Time a probe and turn its outcome into a dependency state; never let a probe hang the health endpoint. */
export function probe(name: string, run: () => Promise<unknown>, timeoutMs = 3000): HealthCheck {
  return {
    name,
    async check(): Promise<DependencyHealth> {
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          run(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
          }),
        ]);
        return { name, status: 'up', latencyMs: Math.round(performance.now() - started) };
      } catch (e) {
        // Only the error's class of failure is reported: messages from SDKs can contain endpoints and headers.
        const detail = e instanceof Unhealthy || (e instanceof Error && /no answer within/.test(e.message)) ? e.message : 'unreachable or refused';
        return { name, status: 'down', latencyMs: Math.round(performance.now() - started), detail };
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

/** Cosmos DB reachable and the database readable. */
export const cosmosHealth = (containers: CosmosContainers): HealthCheck => probe('cosmos', () => containers.ping());

/** Storage queues reachable. */
export const queueHealth = (service: QueueServiceClient): HealthCheck => probe('storage-queues', () => service.getProperties());

/**
 * A service that has no health document of its own but answers HTTP: up when `url` answers with a status `accepts`
 * (an S3 endpoint answers an anonymous request with 403, a registry's `/v2/` with 401: both prove it is serving).
 */
export function httpAnswers(name: string, url: string, accepts: (status: number) => boolean, fetchFn: typeof fetch = fetch, timeoutMs = 3000): HealthCheck {
  return probe(
    name,
    async () => {
      const res = await fetchFn(url, { signal: AbortSignal.timeout(timeoutMs) });
      await res.body?.cancel();
      if (!accepts(res.status)) throw new Unhealthy(`answered HTTP ${res.status}`);
    },
    timeoutMs + 500,
  );
}

/** S3 (or an S3-compatible server) serving: any answer below 500 at the endpoint, an anonymous request's 403 included. */
export const s3Health = (endpoint: string, fetchFn?: typeof fetch): HealthCheck => httpAnswers('s3', `${endpoint}/`, (s) => s < 500, fetchFn);

/** A registry serving the distribution API: `GET /v2/` answers 200, or 401 asking for credentials. */
export const registryHealth = (baseUrl: string, fetchFn?: typeof fetch): HealthCheck => httpAnswers('registry', `${baseUrl}/v2/`, (s) => s === 200 || s === 401, fetchFn);
