import * as df from 'durable-functions';
import type { InvocationContext } from '@azure/functions';
import type { Services } from '../../shared/app/services.js';
import { startRunDeps } from '../../shared/app/start-run-deps.js';
import { errors } from '../../shared/domain/errors.js';
import { gitRefSchema } from '../../shared/domain/git-ref.js';
import { runIdSchema } from '../../shared/domain/ids.js';
import { runSchema, runStatusSchema, terminalRunStatuses, type Run } from '../../shared/domain/run.js';
import { runExternalLinks, runExternalLinksSchema } from '../../shared/domain/run-external-links.js';
import { z } from '../../shared/domain/zod.js';
import { dagRunIdPrefix } from '../../shared/durable/instance-ids.js';
import { resumePlanFor } from '../../shared/durable/training-run-input.js';
import { actorOf } from '../../shared/http/actor.js';
import { readJsonBody } from '../../shared/http/read-json-body.js';
import { defineRoute, json, type LinkSpec, type RouteSpec } from '../../shared/http/route.js';
import { cancelRun } from '../../shared/use-cases/cancel-run.js';
import { decideApproval } from '../../shared/use-cases/decide-approval.js';
import { reproduceRun } from '../../shared/use-cases/reproduce-run.js';
import { newRunId } from '../../shared/use-cases/run-ids.js';
import { startRun } from '../../shared/use-cases/start-run.js';
import { idempotencyKeyHeader, nextPageLink, pageBody, pageQuery, pageSchema, pipelineIdParams } from './schemas.js';

/** A key caller (a machine) may name itself; a signed-in person is recorded by name and this is ignored. */
const byField = z.string().max(256).optional().openapi({ description: "Who acts, for a key caller: recorded as `<by> (api-key)`. Ignored for a signed-in person, who is recorded by name." });
const startRunBody = z.object({
  ref: gitRefSchema.optional(),
  params: z.record(z.string().max(250), z.string().max(4000)).refine((p) => Object.keys(p).length <= 100, 'at most 100 params').optional(),
  reason: z.string().max(1000).optional(),
  force: z.boolean().default(false),
  by: byField,
});
const runIdParams = z.object({ id: runIdSchema });
const runKeyHeader = idempotencyKeyHeader('The same key for the same pipeline (or failed run) returns the run the first request started.');
const decisionBody = z.object({ by: byField, comment: z.string().max(2000).optional() });
const cancelBody = z.object({ reason: z.string().max(1000).optional(), by: byField });
const retryBody = z.object({ by: byField });
const reproduceBody = z.object({ reason: z.string().max(1000).optional(), by: byField });
/** A run as `GET /api/runs/{id}` answers: the record, and where people see its lineage in the systems behind it. */
const runDetailSchema = runSchema.extend({ links: runExternalLinksSchema }).openapi('RunDetail');
const runAccepted = z.object({ runId: z.string(), status: runStatusSchema, statusUrl: z.string(), created: z.boolean() });

/** What a client can do with a run it has just started: read it, cancel, retry or decide it, and (Airflow) call back. */
const runLinks: Record<string, LinkSpec> = {
  ...Object.fromEntries(['runs-get', 'runs-cancel', 'runs-retry', 'runs-reproduce', 'runs-approve', 'runs-reject'].map((operationId) => [operationId, { operationId, parameters: { id: '$response.body#/runId' } }])),
  'hooks-airflow': { operationId: 'hooks-airflow', requestBody: { dagId: 'mlcycle_training', dagRunId: `${dagRunIdPrefix}{$response.body#/runId}`, state: 'failed' } },
};

/** Functions with these routes read the Durable client from this input binding. */
const durableClientInput = df.input.durableClient();

/** The run routes: start, read, list, cancel, retry, reproduce, approve and reject. */
export function runRoutes(services: Services, compensate: (runId: string, reason: string) => Promise<unknown>): RouteSpec[] {
  const deps = (context: InvocationContext) => startRunDeps(services, context);
  const accepted = (run: Run, created: boolean) =>
    json(created ? 202 : 200, { runId: run.id, status: run.status, statusUrl: `/api/runs/${run.id}`, created }, { Location: `/api/runs/${run.id}` });

  return [
    defineRoute({
      name: 'runs-start',
      method: 'POST',
      route: 'pipelines/{id}/runs',
      authLevel: 'function',
      summary: 'Start a training run (202). An Idempotency-Key header makes a repeated request return the same run (200).',
      tag: 'runs',
      params: pipelineIdParams,
      headers: runKeyHeader,
      body: startRunBody,
      extraInputs: [durableClientInput],
      responses: { 202: { description: 'Started.', schema: runAccepted, links: runLinks }, 200: { description: 'The run an earlier request with this key started.', schema: runAccepted, links: runLinks } },
      handler: async ({ request, context, params, headers, caller }) => {
        const key = headers['Idempotency-Key'];
        const body = await readJsonBody(request, startRunBody, { optional: true });
        const runId = newRunId(services.now(), key ? { scope: `pipeline:${params.id}`, key } : undefined);
        const { run, created } = await startRun(deps(context), {
          pipelineId: params.id,
          runId,
          trigger: { kind: 'http', actor: actorOf(caller, body.by), ...(body.reason ? { reason: body.reason } : {}) },
          dedupKey: key ?? runId,
          evaluationId: context.invocationId,
          ...(body.ref ? { ref: body.ref } : {}),
          ...(body.params ? { params: body.params } : {}),
          force: body.force,
        });
        return accepted(run, created);
      },
    }),
    defineRoute({
      name: 'runs-get',
      method: 'GET',
      route: 'runs/{id}',
      authLevel: 'function',
      summary: 'A run: status, steps, lineage and decision, with links to its lineage in Azure DevOps, Airflow and MLflow.',
      tag: 'runs',
      params: runIdParams,
      responses: { 200: { description: 'The run.', schema: runDetailSchema } },
      handler: async ({ params }) => {
        const run = await services.runs.find(params.id);
        if (!run) throw errors.notFound('Run', params.id);
        const { mlflow, azureDevOps } = services.config;
        const links = runExternalLinks(run, { azureDevOps: azureDevOps?.baseUrl ?? 'https://dev.azure.com', ...(mlflow ? { mlflow: mlflow.trackingUri } : {}) });
        return json(200, { ...run, links });
      },
    }),
    defineRoute({
      name: 'runs-list',
      method: 'GET',
      route: 'pipelines/{id}/runs',
      authLevel: 'function',
      summary: "A pipeline's runs, newest first, optionally by status.",
      tag: 'runs',
      params: pipelineIdParams,
      query: pageQuery(services.config.apiPageSizeMax).extend({ status: runStatusSchema.optional() }),
      responses: { 200: { description: 'A page of runs.', schema: pageSchema(runSchema), links: nextPageLink('runs-list', true) } },
      handler: async ({ request, params, query }) => {
        if (!(await services.pipelines.get(params.id))) throw errors.notFound('Pipeline', params.id);
        const page = await services.runs.list(params.id, query);
        return json(200, pageBody(request.url, page));
      },
    }),
    defineRoute({
      name: 'runs-cancel',
      method: 'POST',
      route: 'runs/{id}/cancel',
      authLevel: 'function',
      summary: 'Cancel a run: terminate it and mark its Airflow run failed.',
      tag: 'runs',
      params: runIdParams,
      body: cancelBody,
      extraInputs: [durableClientInput],
      responses: { 202: { description: 'Cancelled.', schema: runSchema } },
      handler: async ({ request, context, params, caller }) => {
        const body = await readJsonBody(request, cancelBody, { optional: true });
        const deps = { runs: services.runs, orchestrations: services.orchestrations(context), compensate };
        const run = await cancelRun(deps, params.id, { actor: actorOf(caller, body.by), reason: body.reason });
        return json(202, run);
      },
    }),
    defineRoute({
      name: 'runs-retry',
      method: 'POST',
      route: 'runs/{id}/retry',
      authLevel: 'function',
      summary: "Start a new run that reuses the failed run's finished steps and resumes at the failed step.",
      tag: 'runs',
      params: runIdParams,
      headers: runKeyHeader,
      body: retryBody,
      extraInputs: [durableClientInput],
      responses: { 202: { description: 'The new run started.', schema: runAccepted, links: runLinks }, 200: { description: 'The retry an earlier request with this key started.', schema: runAccepted, links: runLinks } },
      handler: async ({ request, context, params, headers, caller }) => {
        const body = await readJsonBody(request, retryBody, { optional: true });
        const failed = await services.runs.find(params.id);
        if (!failed) throw errors.notFound('Run', params.id);
        if (!terminalRunStatuses.includes(failed.status) || failed.status === 'succeeded' || failed.status === 'skipped') {
          throw errors.conflict(`Only a failed or cancelled run can be retried; run '${failed.id}' is ${failed.status}.`);
        }
        const key = headers['Idempotency-Key'];
        const runId = newRunId(services.now(), key ? { scope: `retry:${failed.id}`, key } : undefined);
        const plan = resumePlanFor(failed);
        const { run, created } = await startRun(deps(context), {
          pipelineId: failed.pipelineId,
          runId,
          trigger: { kind: 'retry', actor: actorOf(caller, body.by), reason: `retry of ${failed.id}` },
          dedupKey: key ?? runId,
          evaluationId: context.invocationId,
          ...(failed.ref !== undefined ? { ref: failed.ref } : {}),
          params: failed.params,
          force: true,
          kind: failed.kind,
          retryOf: failed.id,
          ...(failed.reproduceOf !== undefined ? { reproduceOf: failed.reproduceOf } : {}),
          ...(plan ? { resumeFrom: plan } : {}),
        });
        return accepted(run, created);
      },
    }),
    defineRoute({
      name: 'runs-reproduce',
      method: 'POST',
      route: 'runs/{id}/reproduce',
      authLevel: 'function',
      summary: "Start a reproduction: a run pinned to the finished run's commit, data, image digest and params that promotes nothing and compares its metrics with the original's.",
      tag: 'runs',
      params: runIdParams,
      headers: runKeyHeader,
      body: reproduceBody,
      extraInputs: [durableClientInput],
      responses: { 202: { description: 'The reproduction started.', schema: runAccepted, links: runLinks }, 200: { description: 'The reproduction an earlier request with this key started.', schema: runAccepted, links: runLinks } },
      handler: async ({ request, context, params, headers, caller }) => {
        const body = await readJsonBody(request, reproduceBody, { optional: true });
        const key = headers['Idempotency-Key'];
        const runId = newRunId(services.now(), key ? { scope: `reproduce:${params.id}`, key } : undefined);
        const { run, created } = await reproduceRun(deps(context), {
          originalId: params.id,
          runId,
          dedupKey: key ?? runId,
          evaluationId: context.invocationId,
          actor: actorOf(caller, body.by),
          ...(body.reason !== undefined ? { reason: body.reason } : {}),
        });
        return accepted(run, created);
      },
    }),
    ...(['approve', 'reject'] as const).map((verb) =>
      defineRoute({
        name: `runs-${verb}`,
        method: 'POST',
        route: `runs/{id}/${verb}`,
        authLevel: 'function',
        summary: verb === 'approve' ? 'Approve the promotion a run is waiting for.' : 'Reject the promotion a run is waiting for.',
        tag: 'runs',
        params: runIdParams,
        body: decisionBody,
        extraInputs: [durableClientInput],
        responses: { 202: { description: 'The decision was delivered.', schema: runSchema } },
        handler: async ({ request, context, params, caller }) => {
          const body = await readJsonBody(request, decisionBody, { optional: true });
          const decision = { approved: verb === 'approve', by: actorOf(caller, body.by), ...(body.comment !== undefined ? { comment: body.comment } : {}) };
          const run = await decideApproval({ runs: services.runs, orchestrations: services.orchestrations(context) }, params.id, decision);
          return json(202, run);
        },
      }),
    ),
  ];
}
