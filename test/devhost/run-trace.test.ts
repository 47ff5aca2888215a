import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { registerTracing } from '../../shared/adapters/opentelemetry/start-telemetry.js';
import { traceIdOf } from '../../shared/domain/traceparent.js';
import { startDashboardWorld, type DashboardWorld } from '../support/dashboard-world.js';

/*
 * One trace per run: the app runs on the dev host in this process (the real durable-functions replay engine, the
 * fakes behind the ports), with an in-memory exporter as the global provider's. The trigger's span is the root; every
 * activity of the run is a child of it, wherever the orchestration replays; the traceparent reaches Airflow's conf,
 * the MLflow run's tags and the registered version's tags.
 */

const exporter = new InMemorySpanExporter();
let provider: NodeTracerProvider;
let world: DashboardWorld;

before(async () => {
  provider = registerTracing([new SimpleSpanProcessor(exporter)]);
  world = await startDashboardWorld({ trainingMs: 300 });
});
after(async () => {
  await world?.stop();
  await provider?.shutdown();
});

const attr = (s: ReadableSpan, key: string): unknown => s.attributes[key];

describe('a run is one trace', () => {
  it('has the trigger as root, a span per step with the run id, and its traceparent in Airflow and MLflow', async () => {
    await world.pipeline('traced');
    const runId = await world.startRun('traced');
    const run = await world.waitForStatus(runId, ['succeeded'], 60_000);
    await provider.forceFlush();
    const traceId = traceIdOf(run.traceparent);
    assert.ok(traceId, `the run record has a traceparent (${String(run.traceparent)})`);

    const spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
    const ofRun = exporter.getFinishedSpans().filter((s) => attr(s, 'mlcycle.run_id') === runId);
    assert.deepEqual(new Set(ofRun.map((s) => s.spanContext().traceId)), new Set([traceId]), 'every span of the run is in one trace');
    for (const s of spans) assert.equal(attr(s, 'mlcycle.run_id'), runId, `${s.name} carries the run id`);

    const ids = new Set(spans.map((s) => s.spanContext().spanId));
    const roots = spans.filter((s) => !s.parentSpanContext || !ids.has(s.parentSpanContext.spanId));
    assert.equal(roots.length, 1, `one root: ${roots.map((s) => s.name).join(', ')}`);
    assert.match(roots[0]?.name ?? '', /^POST pipelines\/.*runs$/);
    assert.equal(attr(roots[0]!, 'mlcycle.pipeline_id'), 'traced');

    const steps = new Set(spans.map((s) => attr(s, 'mlcycle.step')));
    for (const step of ['resolveSource', 'versionData', 'ensureImage', 'train', 'collectResults', 'evaluate', 'report']) assert.ok(steps.has(step), `a span for ${step}`);
    const rootId = roots[0]!.spanContext().spanId;
    for (const s of spans.filter((x) => x.attributes['mlcycle.step'] !== undefined)) assert.equal(s.parentSpanContext?.spanId, rootId, `${s.name} is a child of the trigger`);

    // Each step's activity says which attempt of the step it was, as the run record counts them: the first, here.
    const counted = ['startRun', 'versionData', 'ensureImage', 'startTraining', 'collectResults', 'evaluate', 'report'];
    for (const s of spans.filter((x) => counted.includes(x.name))) assert.equal(attr(s, 'mlcycle.attempt'), 1, `${s.name} is its step's first attempt`);
    assert.equal(new Set(spans.filter((x) => counted.includes(x.name)).map((x) => x.name)).size, counted.length, 'every counted activity ran');

    const dagRun = Object.values(world.fakes.world.state.dagRuns).find((d) => d.conf.runId === runId);
    assert.equal(dagRun?.conf.traceparent, run.traceparent, 'the dag run conf carries the traceparent');
    const tracked = world.fakes.world.state.trackedRuns.find((r) => r.tags['mlcycle.run_id'] === runId);
    assert.equal(tracked?.tags['mlcycle.traceparent'], run.traceparent, 'the MLflow run is tagged with it');
    const version = world.fakes.world.state.versions.find((v) => v.tags['mlcycle.run_id'] === runId);
    if (version) assert.equal(version.tags['mlcycle.traceparent'], run.traceparent, 'so is the registered model version');
  });
});
