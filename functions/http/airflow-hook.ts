import * as df from 'durable-functions';
import type { Services } from '../../shared/app/services.js';
import { AppError, errors } from '../../shared/domain/errors.js';
import { runIdSchema, safeIdPattern } from '../../shared/domain/ids.js';
import { z } from '../../shared/domain/zod.js';
import { dagRunIdPrefix, eventNames, runIdOfDagRun, trainingInstanceId } from '../../shared/durable/instance-ids.js';
import { readJsonBody } from '../../shared/http/read-json-body.js';
import { defineRoute, json, type RouteSpec } from '../../shared/http/route.js';
import { requireSharedSecret } from '../../shared/http/shared-secret.js';

const airflowCallbackBody = z.object({
  dagId: z.string().min(1).max(250),
  dagRunId: z
    .string()
    .regex(new RegExp(`^${dagRunIdPrefix}${safeIdPattern.source.slice(1)}`), 'is not an mlcycle dag run id')
    .openapi({ description: 'The dag run id mlcycle gave Airflow: `mlcycle__` followed by a run id (letters, digits, dots, dashes or underscores, starting with a letter or digit).' }),
  // The DAG sends the run id from its conf (null when the conf had none); the run is always the one dagRunId names.
  runId: runIdSchema.nullish().openapi({ description: 'Informational: the run is the one `dagRunId` names.' }),
  state: z.enum(['success', 'failed']),
});

/**
 * `POST /api/hooks/airflow`: the shipped DAG reports its final state here (header `X-Mlcycle-Callback-Secret`), which wakes
 * the run's training wait at once instead of at its next poll. The payload is only a wake-up call: the orchestration
 * confirms the state with Airflow before acting on it.
 */
export function airflowHookRoute(services: Services): RouteSpec {
  return defineRoute({
    name: 'hooks-airflow',
    method: 'POST',
    route: 'hooks/airflow',
    authLevel: 'anonymous',
    summary: 'Airflow DAG completion callback (shared-secret header X-Mlcycle-Callback-Secret).',
    tag: 'hooks',
    body: airflowCallbackBody,
    extraInputs: [df.input.durableClient()],
    responses: { 202: { description: 'The waiting run was woken.' } },
    handler: async ({ request, context }) => {
      requireSharedSecret(request, 'x-mlcycle-callback-secret', services.config.hooks.airflowSecret);
      const body = await readJsonBody(request, airflowCallbackBody);
      const runId = runIdOfDagRun(body.dagRunId);
      if (!runId) {
        throw new AppError('VALIDATION', 'The dag run was not started by mlcycle.', { issues: [{ field: 'dagRunId', message: 'is not an mlcycle dag run id' }] });
      }
      const outcome = await services.orchestrations(context).raise(trainingInstanceId(runId), eventNames.trainingFinished, { state: body.state, dagRunId: body.dagRunId });
      if (outcome === 'not-found') throw errors.notFound('Training wait of run', runId);
      return json(202, { runId, delivered: outcome === 'raised' });
    },
  });
}
