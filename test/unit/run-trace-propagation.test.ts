import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { OrchestrationContext } from 'durable-functions';
import { otelRunTracing } from '../../shared/adapters/opentelemetry/otel-run-tracing.js';
import { registerTracing } from '../../shared/adapters/opentelemetry/start-telemetry.js';
import { traceIdOf, traceparentSchema } from '../../shared/domain/traceparent.js';
import { adoptRunTrace, runTraceOf, withRunTrace } from '../../shared/durable/run-trace.js';
import { startRun, type StartRunDeps } from '../../shared/use-cases/start-run.js';
import { fakeServices } from '../fakes/fake-services.js';
import { recordingOrchestrations } from '../fakes/recording-orchestrations.js';
import { seedPipeline, sha } from '../fakes/seed.js';

const tp = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';

describe('traceparent values', () => {
  it('accepts version 00 with non-zero ids only', () => {
    assert.ok(traceparentSchema.safeParse(tp).success);
    for (const bad of ['', '01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01', `00-${'0'.repeat(32)}-b7ad6b7169203331-01`, `00-0af7651916cd43dd8448eb211c80319c-${'0'.repeat(16)}-01`, tp.toUpperCase()]) {
      assert.equal(traceparentSchema.safeParse(bad).success, false, bad);
    }
    assert.equal(traceIdOf(tp), '0af7651916cd43dd8448eb211c80319c');
    assert.equal(traceIdOf('nonsense'), undefined);
  });
});

describe('the orchestration hands the run trace on', () => {
  const ctx = () => ({}) as OrchestrationContext;
  it('adds the trace to inputs only when the orchestration has one (untraced histories are unchanged)', () => {
    const untraced = ctx();
    adoptRunTrace(untraced, {});
    const input = { runId: 'r1' };
    assert.equal(withRunTrace(untraced, input), input);
    const traced = ctx();
    adoptRunTrace(traced, { traceparent: tp, pipelineId: 'p1' });
    assert.deepEqual(withRunTrace(traced, input), { runId: 'r1', traceparent: tp, pipelineId: 'p1' });
  });
  it('reads the trace from an activity input, ignoring a malformed one', () => {
    assert.deepEqual(runTraceOf({ runId: 'r1', traceparent: tp, pipelineId: 'p1', other: 1 }), { runId: 'r1', traceparent: tp, pipelineId: 'p1' });
    assert.deepEqual(runTraceOf({ runId: 'r1', traceparent: 'x' }), { runId: 'r1' }, 'the run id survives a malformed traceparent');
    assert.deepEqual(runTraceOf(null), {});
  });
});

describe('the OpenTelemetry tracing adapter', () => {
  const exporter = new InMemorySpanExporter();
  let provider: NodeTracerProvider;
  before(() => {
    provider = registerTracing([new SimpleSpanProcessor(exporter)], { service: { name: 'mlcycle', version: '0.1.0' } });
  });
  after(() => provider.shutdown());

  it('continues the stored trace, puts the run id on child spans and log fields, and hands on a traceparent', async () => {
    let inner: string | undefined;
    let fields: Record<string, string> = {};
    await otelRunTracing.inSpan('versionData', { role: 'step', parent: tp, runId: 'r1', fields: { 'mlcycle.step': 'versionData' } }, async () => {
      await otelRunTracing.inSpan('child', { role: 'step' }, async () => {
        inner = otelRunTracing.currentTraceparent();
        fields = otelRunTracing.logFields();
      });
    });
    const [child, step] = exporter.getFinishedSpans();
    assert.equal(step?.spanContext().traceId, traceIdOf(tp));
    assert.equal(step?.parentSpanContext?.spanId, 'b7ad6b7169203331');
    assert.equal(child?.attributes['mlcycle.run_id'], 'r1', 'the run id reaches spans started under the run');
    assert.equal(traceIdOf(inner), traceIdOf(tp));
    assert.deepEqual({ traceId: fields.traceId, runId: fields.runId }, { traceId: traceIdOf(tp), runId: 'r1' });
    // The service names itself (Application Insights' cloud role), rather than `unknown_service:<node>`.
    assert.equal(step?.resource.attributes['service.name'], 'mlcycle');
  });
  it('starts a new trace for a malformed parent, and marks a failed span with the error class only', async () => {
    exporter.reset();
    await assert.rejects(otelRunTracing.inSpan('x', { role: 'trigger', parent: 'bogus' }, () => Promise.reject(new TypeError('secret=abc'))));
    const [span] = exporter.getFinishedSpans();
    assert.equal(span?.parentSpanContext, undefined);
    assert.equal(span?.status.message, 'TypeError');
  });
  it('gives each run a trace of its own when its trigger has none (a scheduler tick starting several runs)', async () => {
    exporter.reset();
    const { services, fakes } = fakeServices({ now: () => Date.UTC(2026, 0, 1) });
    for (const id of ['p1', 'p2']) await seedPipeline(fakes, id, sha(id));
    const deps: StartRunDeps = { pipelines: services.pipelines, runs: services.runs, triggers: services.triggers, orchestrations: recordingOrchestrations(), now: services.now, tracing: otelRunTracing };
    for (const id of ['p1', 'p2']) await startRun(deps, { pipelineId: id, runId: `r-${id}`, trigger: { kind: 'schedule' }, dedupKey: id, evaluationId: 'tick-1' });
    const stored = await Promise.all(['p1', 'p2'].map((id) => services.runs.get(id, `r-${id}`)));
    const traces = stored.map((r) => traceIdOf(r?.traceparent));
    assert.ok(traces[0] && traces[1] && traces[0] !== traces[1], `two runs, two traces: ${JSON.stringify(traces)}`);
    const roots = exporter.getFinishedSpans().filter((sp) => sp.parentSpanContext === undefined);
    assert.deepEqual(roots.map((sp) => sp.attributes['mlcycle.run_id']).sort(), ['r-p1', 'r-p2']);
  });
});
