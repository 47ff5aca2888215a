import { createHash } from 'node:crypto';
import { z } from '../zod.js';
import { pipelineIdSchema } from '../ids.js';
import type { SignalSeverity } from '../pipeline.js';
import { signalIdPattern, type Signal } from './signal.js';

/**
 * The Azure Monitor common alert schema, as an action group's webhook posts it (`schemaId`
 * `azureMonitorCommonAlertSchema`: `data.essentials`, `data.alertContext`, `data.customProperties`). Strict on the
 * fields mlcycle reads, loose elsewhere: Azure adds fields over time, and an unknown one must not refuse an alert.
 */

/** The custom property of the alert rule (or its action) that names the pipeline to retrain. */
export const alertPipelineProperty = 'mlcyclePipeline';

const azureSeverities = ['Sev0', 'Sev1', 'Sev2', 'Sev3', 'Sev4'] as const;
const severityOf: Record<(typeof azureSeverities)[number], SignalSeverity> = { Sev0: 'critical', Sev1: 'error', Sev2: 'warning', Sev3: 'informational', Sev4: 'verbose' };

const essentialsSchema = z.looseObject({
  alertId: z.string().min(1).max(1024),
  alertRule: z.string().min(1).max(1024),
  severity: z.enum(azureSeverities),
  signalType: z.string().max(100),
  monitorCondition: z.enum(['Fired', 'Resolved']),
  monitoringService: z.string().max(200),
  alertTargetIDs: z.array(z.string()).optional(),
  configurationItems: z.array(z.string()).nullish(),
  originAlertId: z.string().nullish(),
  firedDateTime: z.iso.datetime({ offset: true }),
  resolvedDateTime: z.iso.datetime({ offset: true }).nullish(),
  description: z.string().max(10_000).nullish(),
  essentialsVersion: z.string().nullish(),
  alertContextVersion: z.string().nullish(),
});

/** The webhook payload of an Azure Monitor alert in the common alert schema. */
export const azureMonitorAlertSchema = z.looseObject({
  schemaId: z.literal('azureMonitorCommonAlertSchema'),
  data: z.looseObject({
    essentials: essentialsSchema,
    // Varies with the alert type (metric, log search, activity log...): read only where present, below.
    alertContext: z.unknown().optional(),
    customProperties: z
      .record(z.string(), z.string().nullable())
      .nullish()
      .openapi({ description: `Key-value pairs set on the alert rule. \`${alertPipelineProperty}\` names the pipeline to retrain.` }),
  }),
});
export type AzureMonitorAlert = z.infer<typeof azureMonitorAlertSchema>;

/** A metric alert's conditions, as far as they carry a metric name and value. */
const metricConditionsSchema = z.looseObject({
  condition: z.looseObject({
    allOf: z.array(z.looseObject({ metricName: z.string().min(1).max(250).optional(), metricValue: z.number().nullish() })).max(50),
  }),
});

/** What an alert says: the pipeline it names (if any), the signal it maps to, and whether it is a resolution. */
export interface MappedAlert {
  pipelineId: string | undefined;
  signal: Signal;
  resolved: boolean;
}

/** The pipeline an alert payload names, read from any JSON value (for recording a refusal before the payload is valid). */
export function namedPipeline(payload: unknown): string | undefined {
  const value = (payload as { data?: { customProperties?: Record<string, unknown> } } | null)?.data?.customProperties?.[alertPipelineProperty];
  const parsed = pipelineIdSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/**
 * Map an alert to a signal: Sev0 → critical … Sev4 → verbose; its id is the alert id with its condition (a fired
 * alert and its resolution are two signals, a redelivery of either is the same one); metric values come from a
 * metric alert's `alertContext.condition.allOf[]`.
 */
export function alertToSignal(alert: AzureMonitorAlert): MappedAlert {
  const e = alert.data.essentials;
  const resolved = e.monitorCondition === 'Resolved';
  const metrics = metricsOf(alert.data.alertContext);
  const observedAt = resolved ? (e.resolvedDateTime ?? e.firedDateTime) : e.firedDateTime;
  const description = (e.description ?? '').trim() || `Azure Monitor alert '${e.alertRule}' ${e.monitorCondition.toLowerCase()}`;
  return {
    pipelineId: namedPipeline(alert),
    resolved,
    signal: {
      source: `azure-monitor/${e.alertRule.replace(/[^A-Za-z0-9 ._:@+-]/g, '_')}`.slice(0, 200),
      kind: 'alert',
      severity: severityOf[e.severity],
      signalId: alertSignalId(e.alertId, e.monitorCondition),
      ...(Object.keys(metrics).length > 0 ? { metrics } : {}),
      description: description.slice(0, 1000),
      observedAt,
    },
  };
}

/** `<alertId>:<condition>`, or a digest of it when that is too long or not printable ASCII. */
function alertSignalId(alertId: string, condition: string): string {
  const id = `${alertId}:${condition}`;
  return signalIdPattern.test(id) ? id : `azure-monitor-${createHash('sha256').update(id).digest('hex')}`;
}

function metricsOf(alertContext: unknown): Record<string, number> {
  const parsed = metricConditionsSchema.safeParse(alertContext);
  const out: Record<string, number> = {};
  if (!parsed.success) return out;
  for (const c of parsed.data.condition.allOf) {
    if (c.metricName !== undefined && typeof c.metricValue === 'number' && Number.isFinite(c.metricValue)) out[c.metricName] = c.metricValue;
  }
  return out;
}
