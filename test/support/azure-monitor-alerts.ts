/** Azure Monitor common-alert-schema payloads for tests, shaped like the samples in Azure Monitor's documentation. */
export function metricAlert(opts: { pipeline?: string | null; severity?: string; condition?: 'Fired' | 'Resolved'; alertId?: string; metricValue?: number } = {}): Record<string, unknown> {
  const condition = opts.condition ?? 'Fired';
  return {
    schemaId: 'azureMonitorCommonAlertSchema',
    data: {
      essentials: {
        alertId: `/subscriptions/00000000-0000-0000-0000-000000000001/providers/Microsoft.AlertsManagement/alerts/${opts.alertId ?? 'aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e'}`,
        alertRule: 'churn-psi-drift',
        severity: opts.severity ?? 'Sev2',
        signalType: 'Metric',
        monitorCondition: condition,
        monitoringService: 'Platform',
        alertTargetIDs: ['/subscriptions/00000000-0000-0000-0000-000000000001/resourcegroups/ml/providers/microsoft.insights/components/churn'],
        configurationItems: ['churn'],
        originAlertId: '3f2d4487-b0fc-4125-8bd5-7ad17384221e_ml_microsoft.insights_metricAlerts_churn-psi-drift_-117781227',
        firedDateTime: '2026-01-01T09:58:24.3713213Z',
        ...(condition === 'Resolved' ? { resolvedDateTime: '2026-01-01T10:03:16.2246313Z' } : {}),
        description: 'PSI of the churn features above 0.2',
        essentialsVersion: '1.0',
        alertContextVersion: '1.0',
        investigationLink: 'https://portal.azure.com/#view/Microsoft_Azure_Monitoring_Alerts/Investigation',
      },
      alertContext: {
        properties: null,
        conditionType: 'SingleResourceMultipleMetricCriteria',
        condition: {
          windowSize: 'PT5M',
          allOf: [
            { metricName: 'psi', metricNamespace: 'azure.applicationinsights', operator: 'GreaterThan', threshold: '0.2', timeAggregation: 'Average', dimensions: [], metricValue: opts.metricValue ?? 0.31, webTestName: null },
          ],
          windowStartTime: '2026-01-01T09:50:00.000Z',
          windowEndTime: '2026-01-01T09:55:00.000Z',
        },
      },
      customProperties: opts.pipeline === null ? null : { mlcyclePipeline: opts.pipeline ?? 'churn', team: 'ml' },
    },
  };
}
