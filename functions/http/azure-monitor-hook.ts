import type { Services } from '../../shared/app/services.js';
import { AppError } from '../../shared/domain/errors.js';
import { alertPipelineProperty, alertToSignal, azureMonitorAlertSchema, namedPipeline } from '../../shared/domain/signals/azure-monitor-alert.js';
import { toFieldIssues } from '../../shared/domain/zod-issues.js';
import { z } from '../../shared/domain/zod.js';
import { readJsonBody } from '../../shared/http/read-json-body.js';
import { defineRoute, type RouteSpec } from '../../shared/http/route.js';
import { requireSecretHeaderOrQuery } from '../../shared/http/shared-secret.js';
import { answerSignal, refuseSignal, signalInputs, signalOutcomeSchema } from './signal-outcome.js';

const pipelineField = `data.customProperties.${alertPipelineProperty}`;

const hookQuery = z.object({
  secret: z
    .string()
    .optional()
    .openapi({ description: 'AZURE_MONITOR_WEBHOOK_SECRET, for action groups, whose webhooks cannot set headers. Never logged; prefer the header where the sender can set one.' }),
});

/**
 * `POST /api/hooks/azure-monitor`: an Azure Monitor action group's webhook (common alert schema). The alert names
 * its pipeline in the custom property `mlcyclePipeline` and becomes an `alert` signal: Sev0..Sev4 → critical..verbose,
 * a resolution is recorded and starts nothing, and the pipeline's `retrainOn.signals` rule decides (docs/signals.md).
 */
export function azureMonitorHookRoute(services: Services): RouteSpec {
  return defineRoute({
    name: 'hooks-azure-monitor',
    method: 'POST',
    route: 'hooks/azure-monitor',
    authLevel: 'anonymous',
    summary: 'Azure Monitor alerts in the common alert schema (secret in header X-Mlcycle-Webhook-Secret or query parameter secret).',
    description:
      `The pipeline is the alert's custom property \`${alertPipelineProperty}\`; an alert without it is a 400 naming \`${pipelineField}\`, an unknown pipeline a 404. ` +
      "Answered 202 with the decision of the pipeline's retrainOn.signals rule, like POST /api/pipelines/{id}/signals; a resolved alert is recorded as `ignored`.",
    tag: 'hooks',
    query: hookQuery,
    body: azureMonitorAlertSchema,
    extraInputs: signalInputs,
    responses: { 202: { description: 'The alert was received and decided on.', schema: signalOutcomeSchema } },
    handler: async ({ request, context }) => {
      requireSecretHeaderOrQuery(request, 'x-mlcycle-webhook-secret', 'secret', services.config.hooks.azureMonitorSecret);
      // Read as any JSON first (415, 413, 400 for what is not JSON), so a malformed alert can still be logged to its pipeline.
      const raw: unknown = await readJsonBody(request, z.unknown());
      const parsed = azureMonitorAlertSchema.safeParse(raw);
      if (!parsed.success) {
        const error = new AppError('VALIDATION', 'The body is not an Azure Monitor alert in the common alert schema.', { issues: toFieldIssues(parsed.error) });
        return refuseSignal(services, context, namedPipeline(raw), 'alert', error);
      }
      const mapped = alertToSignal(parsed.data);
      if (mapped.pipelineId === undefined) {
        const given = parsed.data.data.customProperties?.[alertPipelineProperty];
        const message = given == null ? 'is required: the id of the pipeline to retrain' : 'must be a pipeline id';
        throw new AppError('VALIDATION', 'The alert names no pipeline.', { issues: [{ field: pipelineField, message }] });
      }
      return answerSignal(services, context, { pipelineId: mapped.pipelineId, signal: mapped.signal, trigger: 'alert', resolved: mapped.resolved });
    },
  });
}
