import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { alertToSignal, azureMonitorAlertSchema } from '../../shared/domain/signals/azure-monitor-alert.js';
import { meetsSeverity, signalSchema, type Signal } from '../../shared/domain/signals/signal.js';
import { isAppError } from '../../shared/domain/errors.js';
import type { SignalRule } from '../../shared/domain/pipeline.js';
import { receiveSignal, type ReceiveSignalDeps } from '../../shared/use-cases/receive-signal.js';
import { startRun } from '../../shared/use-cases/start-run.js';
import { fakeServices } from '../fakes/fake-services.js';
import { recordingOrchestrations } from '../fakes/recording-orchestrations.js';
import { seedPipeline, sha } from '../fakes/seed.js';
import { metricAlert } from '../support/azure-monitor-alerts.js';

/*
 * Drift and alert signals: the signal schema, the Azure Monitor common alert schema and its mapping, and the
 * retrainOn.signals rule (minimum severity, cool-down gate, dedup by signalId) over the memory fakes with a fake clock.
 */

const drift = (over: Partial<Signal> = {}): Signal => ({ source: 'evidently', kind: 'drift', severity: 'warning', ...over });

async function setup(signals: SignalRule | undefined) {
  let clock = Date.UTC(2026, 0, 1);
  const { services, fakes } = fakeServices({ now: () => clock });
  await seedPipeline(fakes, 'churn', sha('c'), { concurrency: 'skip', ...(signals ? { retrainOn: { codeChange: true, codePaths: [], dataChange: { onPush: true }, signals } } : {}) });
  const orchestrations = recordingOrchestrations();
  const deps: ReceiveSignalDeps = { pipelines: services.pipelines, runs: services.runs, triggers: services.triggers, orchestrations, now: services.now };
  let n = 0;
  const send = (signal: Signal, extra: { resolved?: boolean } = {}) => receiveSignal(deps, { pipelineId: 'churn', signal, trigger: 'signal', evaluationId: `e${++n}`, ...extra });
  const log = async () => (await services.triggers.list('churn', { limit: 1000 })).items;
  return { services, deps, orchestrations, send, log, advance: (ms: number) => (clock += ms) };
}

describe('signal schema', () => {
  it('accepts the documented fields and names each bad one', () => {
    assert.ok(signalSchema.safeParse({ ...drift(), signalId: 'mon-1', metrics: { psi: 0.3 }, description: 'PSI up', observedAt: '2026-01-01T00:00:00+02:00' }).success);
    assert.ok(signalSchema.safeParse(drift({ kind: 'label-shift' })).success, 'a custom lowercase kind');
    const bad = signalSchema.safeParse({ source: '', kind: 'Drift!', severity: 'sev1', signalId: 'has space', metrics: Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`m${i}`, i])) });
    assert.ok(!bad.success);
    assert.deepEqual([...new Set(bad.error.issues.map((i) => i.path.join('.')))].sort(), ['kind', 'metrics', 'severity', 'signalId', 'source']);
  });

  it('orders severities most severe first', () => {
    assert.ok(meetsSeverity('critical', 'warning'));
    assert.ok(meetsSeverity('warning', 'warning'));
    assert.ok(!meetsSeverity('informational', 'warning'));
  });
});

describe('Azure Monitor common alert schema', () => {
  it('maps Sev0..Sev4, the alert id with its condition, the metric values and the named pipeline', () => {
    const expected = { Sev0: 'critical', Sev1: 'error', Sev2: 'warning', Sev3: 'informational', Sev4: 'verbose' };
    for (const [sev, severity] of Object.entries(expected)) {
      assert.equal(alertToSignal(azureMonitorAlertSchema.parse(metricAlert({ severity: sev }))).signal.severity, severity);
    }
    const fired = alertToSignal(azureMonitorAlertSchema.parse(metricAlert()));
    assert.equal(fired.pipelineId, 'churn');
    assert.equal(fired.resolved, false);
    assert.equal(fired.signal.kind, 'alert');
    assert.equal(fired.signal.source, 'azure-monitor/churn-psi-drift');
    assert.match(fired.signal.signalId ?? '', /\/alerts\/aaaa0a0a-bb1b-cc2c-dd3d-eeeeee4e4e4e:Fired$/);
    assert.deepEqual(fired.signal.metrics, { psi: 0.31 });
    assert.equal(fired.signal.observedAt, '2026-01-01T09:58:24.3713213Z');
    const resolved = alertToSignal(azureMonitorAlertSchema.parse(metricAlert({ condition: 'Resolved' })));
    assert.equal(resolved.resolved, true);
    assert.notEqual(resolved.signal.signalId, fired.signal.signalId, 'a resolution is another signal');
    assert.ok(signalSchema.safeParse(fired.signal).success, 'the mapped signal is a valid signal');
  });

  it('reads no pipeline when the custom property is absent, and refuses a payload of another schema naming the fields', () => {
    assert.equal(alertToSignal(azureMonitorAlertSchema.parse(metricAlert({ pipeline: null }))).pipelineId, undefined);
    const other = azureMonitorAlertSchema.safeParse({ schemaId: 'AzureMonitorMetricAlert', data: { essentials: { severity: 'Sev9' } } });
    assert.ok(!other.success);
    const fields = other.error.issues.map((i) => i.path.join('.'));
    assert.ok(fields.includes('schemaId') && fields.includes('data.essentials.severity') && fields.includes('data.essentials.alertId'), fields.join());
  });

  it('keeps alerts whose context is not a metric alert, with no metrics', () => {
    const log = metricAlert();
    (log.data as Record<string, unknown>).alertContext = { SearchQuery: 'x', SearchResults: { tables: [] } };
    assert.equal(alertToSignal(azureMonitorAlertSchema.parse(log)).signal.metrics, undefined);
  });
});

describe('retrainOn.signals rule', () => {
  it('no rule, a resolved alert, a severity below the minimum: recorded and nothing starts', async () => {
    const none = await setup(undefined);
    assert.equal((await none.send(drift())).record.detail, 'drift signal from evidently, severity warning; the pipeline has no retrainOn.signals rule');
    const { send, orchestrations } = await setup({ minSeverity: 'error', coolDown: 'PT1H' });
    assert.equal((await send(drift(), {})).decision, 'skipped');
    assert.match((await send(drift())).record.detail ?? '', /severity warning is below the rule's minimum, error/);
    assert.equal((await send(drift({ severity: 'critical' }), { resolved: true })).decision, 'ignored');
    assert.deepEqual(orchestrations.started, []);
  });

  it('one run per cool-down for 100 racing signals; after it, a signal the concurrency rule refuses holds no cool-down', async () => {
    const { send, log, orchestrations, advance } = await setup({ minSeverity: 'warning', coolDown: 'PT1M' });
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, i) => send(drift({ severity: i % 2 ? 'error' : 'critical', signalId: `s-${i % 60}` }))));
    const started = outcomes.filter((o) => o.decision === 'started');
    assert.equal(started.length, 1);
    assert.ok(outcomes.every((o) => ['started', 'cooldown', 'deduplicated'].includes(o.decision)));
    assert.ok(outcomes.filter((o) => o.decision === 'cooldown').every((o) => o.runId === started[0]!.runId), 'losers name the run holding the cool-down');
    assert.equal((await log()).length, 100);
    assert.deepEqual(orchestrations.started, [started[0]!.runId]);
    advance(30_000);
    assert.equal((await send(drift())).decision, 'cooldown');
    advance(31_000);
    const next = await send(drift());
    assert.equal(next.decision, 'concurrency', 'the first run is still active under skip: the rule refuses, and holds no cool-down');
    assert.equal(orchestrations.started.length, 1);
  });

  it('after the cool-down, with the first run finished, a new signal starts a new run; a signalId seen before stays deduplicated', async () => {
    const { send, services, orchestrations, advance } = await setup({ minSeverity: 'warning', coolDown: 'PT1M' });
    const first = await send(drift({ signalId: 'a' }));
    await services.runs.update('churn', first.runId!, (r) => ({ ...r, status: 'succeeded' }));
    advance(61_000);
    assert.equal((await send(drift({ signalId: 'a' }))).decision, 'deduplicated', 'the same signalId again, even after the cool-down');
    const second = await send(drift({ signalId: 'b' }));
    assert.equal(second.decision, 'started');
    assert.notEqual(second.runId, first.runId);
    assert.equal((await services.runs.get('churn', second.runId!))?.trigger.kind, 'signal');
    assert.deepEqual(orchestrations.started, [first.runId, second.runId]);
  });

  it('a run the concurrency rule refuses gives the cool-down back', async () => {
    const { send, deps } = await setup({ minSeverity: 'warning', coolDown: 'PT6H' });
    await startRun(deps, { pipelineId: 'churn', runId: 'r-busy', trigger: { kind: 'http' }, dedupKey: 'x', evaluationId: 'h1' });
    const refused = await send(drift());
    assert.equal(refused.decision, 'concurrency');
    assert.match(refused.record.detail ?? '', /drift signal from evidently, severity warning; active run\(s\): r-busy/);
    assert.equal((await deps.triggers.getSignalGate('churn'))?.holder, undefined);
  });

  it('a redelivery of the winning signal finds its run, and starts it if the first delivery died before', async () => {
    const { send, deps, orchestrations } = await setup({ minSeverity: 'warning', coolDown: 'PT6H' });
    const failing = { ...deps, orchestrations: { ...orchestrations, start: () => Promise.reject(new Error('host died')) } };
    await assert.rejects(receiveSignal(failing, { pipelineId: 'churn', signal: drift({ signalId: 'w' }), trigger: 'signal', evaluationId: 'x1' }));
    const again = await send(drift({ signalId: 'w' }));
    assert.equal(again.decision, 'deduplicated');
    const gate = await deps.triggers.getSignalGate('churn');
    assert.equal(again.runId, gate?.holder?.runId);
    assert.deepEqual(orchestrations.started, [again.runId]);
  });

  it('an unknown pipeline is NOT_FOUND', async () => {
    const { deps } = await setup(undefined);
    await assert.rejects(receiveSignal(deps, { pipelineId: 'nope', signal: drift(), trigger: 'signal', evaluationId: 'z' }), (e) => isAppError(e, 'NOT_FOUND'));
  });
});
