import type { InvocationContext } from '@azure/functions';
import type { Services } from '../../shared/app/services.js';
import { deliveryIdOf, hookDeliverySchema, type HookDelivery } from '../../shared/domain/ado-hooks/delivery.js';
import { hookEnvelopeSchema, type HookEnvelope } from '../../shared/domain/ado-hooks/envelope.js';
import { normalizeHook } from '../../shared/domain/ado-hooks/normalize.js';
import { AppError } from '../../shared/domain/errors.js';
import { z } from '../../shared/domain/zod.js';
import { readJsonBody } from '../../shared/http/read-json-body.js';
import { defineRoute, json, type RouteSpec } from '../../shared/http/route.js';
import { requireWebhookAuth } from '../../shared/http/shared-secret.js';
import { nextPageLink, pageBody, pageQuery, pageSchema } from './schemas.js';

const accepted = z.object({ deliveryId: z.string(), decision: z.enum(['accepted', 'ignored']) });
const repeated = z.object({ deliveryId: z.string(), duplicate: z.literal(true), decision: z.string(), receivedAt: z.string() });

/**
 * `POST /api/hooks/azure-devops` (Azure DevOps service hooks) and the log of what it received. A delivery is
 * authenticated, validated, recorded under its event id (a redelivery finds the record and starts nothing) and
 * queued; the `ado-hooks` queue intake acts on it, so the answer never waits for Azure DevOps, MLflow or Airflow.
 */
export function azureDevOpsHookRoutes(services: Services): RouteSpec[] {
  return [
    defineRoute({
      name: 'hooks-azure-devops',
      method: 'POST',
      route: 'hooks/azure-devops',
      authLevel: 'anonymous',
      summary: 'Azure DevOps service-hook deliveries (basic auth with ADO_WEBHOOK_SECRET, or header X-Mlcycle-Webhook-Secret).',
      description:
        'Acts on git.push, git.pullrequest.created/updated/merged, ms.vss-pipelines.run-state-changed-event and build.complete; ' +
        'any other event type is answered 202 and recorded as ignored. A delivery of an event already received (same event id) is answered 200 and starts nothing.',
      tag: 'hooks',
      body: hookEnvelopeSchema,
      responses: {
        200: { description: 'This event was received before: nothing more is done.', schema: repeated },
        202: { description: 'Recorded, and queued to be acted on (or ignored).', schema: accepted },
      },
      handler: async ({ request, context }) => {
        requireWebhookAuth(request, services.config.hooks.azureDevOps);
        const receivedAt = services.now().toISOString();
        let envelope: HookEnvelope | undefined;
        let normalized: ReturnType<typeof normalizeHook>;
        try {
          envelope = await readJsonBody(request, hookEnvelopeSchema);
          normalized = normalizeHook(envelope);
        } catch (e) {
          if (e instanceof AppError) await recordRejected(services, context, receivedAt, e, envelope);
          throw e;
        }
        const deliveryId = deliveryIdOf(envelope.id);
        const decision = 'event' in normalized ? 'accepted' : 'ignored';
        const { created, record } = await services.hookDeliveries.record({
          ...base(envelope, receivedAt),
          id: deliveryId,
          decision,
          ...('ignored' in normalized ? { detail: normalized.ignored } : {}),
        });
        if (!created) return json(200, { deliveryId, duplicate: true, decision: record.decision, receivedAt: record.receivedAt });
        if ('event' in normalized) {
          try {
            await services.hookEvents.send({ deliveryId, eventId: envelope.id.toLowerCase(), eventType: envelope.eventType, event: normalized.event });
          } catch (e) {
            // Not queued means not received: forget it, so the service's retry of this delivery is acted on.
            await services.hookDeliveries.remove(deliveryId).catch(() => undefined);
            throw e;
          }
        }
        return json(202, { deliveryId, decision });
      },
    }),
    defineRoute({
      name: 'hooks-azure-devops-deliveries',
      method: 'GET',
      route: 'hooks/azure-devops/deliveries',
      authLevel: 'function',
      summary: 'The service-hook deliveries received, newest first: event, decision, and what each did per pipeline.',
      tag: 'hooks',
      query: pageQuery(services.config.apiPageSizeMax),
      responses: { 200: { description: 'A page of deliveries.', schema: pageSchema(hookDeliverySchema), links: nextPageLink('hooks-azure-devops-deliveries') } },
      handler: async ({ request, query }) => json(200, pageBody(request.url, await services.hookDeliveries.list(query))),
    }),
  ];
}

function base(envelope: HookEnvelope, receivedAt: string): Omit<HookDelivery, 'id' | 'decision'> {
  return {
    source: 'azure-devops',
    eventType: envelope.eventType,
    eventId: envelope.id.toLowerCase(),
    ...(envelope.notificationId !== undefined ? { notificationId: envelope.notificationId } : {}),
    ...(envelope.subscriptionId !== undefined ? { subscriptionId: envelope.subscriptionId } : {}),
    receivedAt,
    outcomes: [],
  };
}

/** An authenticated delivery that could not be read: recorded with why, so a misconfigured subscription shows. */
async function recordRejected(services: Services, context: InvocationContext, receivedAt: string, e: AppError, envelope?: HookEnvelope): Promise<void> {
  const fields = e.issues.map((i) => `${i.field}: ${i.message}`).join('; ');
  const raw = { eventType: 'unknown', source: 'azure-devops' as const, receivedAt, outcomes: [] };
  await services.hookDeliveries
    .record({
      ...(envelope ? base(envelope, receivedAt) : raw),
      id: `rejected~${context.invocationId}`.slice(0, 255),
      decision: 'rejected',
      detail: `${e.code}: ${e.message}${fields ? ` (${fields})` : ''}`.slice(0, 2000),
    })
    .catch(() => undefined);
}
