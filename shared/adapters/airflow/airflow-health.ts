import { z } from '../../domain/zod.js';
import { probe, Unhealthy } from '../health-checks.js';
import type { HealthCheck } from '../../ports/health.js';

/*
 * Airflow's own view of its components (`GET /api/v2/monitor/health` in Airflow 3, `/api/v1/health` in Airflow 2,
 * both unauthenticated): its API can answer while the scheduler is dead, so an answer alone proves nothing. A
 * component whose status is `unhealthy` makes Airflow down; one not reported (null, as a triggerer that never ran)
 * is left out.
 */

const component = z.object({ status: z.string().nullable().optional() }).catchall(z.unknown());
const healthBody = z.object({ metadatabase: component, scheduler: component, triggerer: component.optional(), dag_processor: component.optional() });

/** The latest heartbeat a component reports, if any (`latest_scheduler_heartbeat`, ...). */
function heartbeat(c: z.infer<typeof component>): string | undefined {
  const value = Object.entries(c).find(([k]) => k.startsWith('latest_') && k.endsWith('_heartbeat'))?.[1];
  return typeof value === 'string' ? value : undefined;
}

/** Airflow's health: down, naming the components, when any reports `unhealthy`. */
export function airflowHealth(baseUrl: string, apiVersion: 2 | 3, fetchFn: typeof fetch = fetch, timeoutMs = 3000): HealthCheck {
  const url = `${baseUrl}/api/${apiVersion === 3 ? 'v2/monitor' : 'v1'}/health`;
  return probe(
    'airflow',
    async () => {
      const res = await fetchFn(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
      const text = await res.text();
      if (!res.ok) throw new Unhealthy(`health answered HTTP ${res.status}`);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        throw new Unhealthy('health answered something other than JSON');
      }
      const body = healthBody.safeParse(parsed);
      if (!body.success) throw new Unhealthy('health answered a document without its components');
      const unhealthy = Object.entries(body.data)
        .filter(([, c]) => c?.status === 'unhealthy')
        .map(([name, c]) => {
          const beat = c ? heartbeat(c) : undefined;
          return `${name} unhealthy${beat ? ` (last heartbeat ${beat})` : ''}`;
        });
      if (unhealthy.length > 0) throw new Unhealthy(unhealthy.join('; '));
    },
    timeoutMs,
  );
}
