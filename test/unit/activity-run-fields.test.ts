import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { activityHandler } from '../../functions/activities/wrap.js';
import { otelRunTracing } from '../../shared/adapters/opentelemetry/otel-run-tracing.js';
import { registerTracing } from '../../shared/adapters/opentelemetry/start-telemetry.js';
import { AppError } from '../../shared/domain/errors.js';
import { z } from '../../shared/domain/zod.js';
import { defineActivity } from '../../shared/durable/activity-spec.js';
import type { Logger } from '../../shared/logging/logger.js';
import { noTracing, type RunTracing } from '../../shared/ports/run-tracing.js';
import { startRun } from '../../shared/use-cases/start-run.js';
import { inStep } from '../../shared/use-cases/run-record.js';
import { fakeServices } from '../fakes/fake-services.js';
import { recordingOrchestrations } from '../fakes/recording-orchestrations.js';
import { seedPipeline, sha } from '../fakes/seed.js';

/*
 * What an activity delivery adds by itself, in the one place that knows the delivery (`wrap.ts`) and the one that
 * counts attempts (the run record): the run id on each of its log lines, traced or not, and the step's attempt on
 * its span when the engine's retry policy delivers it again.
 */

const tp = '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01';
const spec = defineActivity('versionData', z.object({ runId: z.string() }), z.object({}));

type Line = { level: string; message: string; fields: Record<string, unknown> };
function recordingLogger(): { log: Logger; lines: Line[] } {
  const lines: Line[] = [];
  const at = (level: string) => (message: string, fields: Record<string, unknown> = {}) => void lines.push({ level, message, fields });
  return { log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') }, lines };
}

/** A run record in the fake store (started by the start-run use case, as a trigger would). */
async function aRun(runId: string) {
  const { services, fakes } = fakeServices({ now: () => Date.UTC(2026, 0, 1) });
  await seedPipeline(fakes, 'p1', sha('p1'));
  await startRun({ pipelines: services.pipelines, runs: services.runs, triggers: services.triggers, orchestrations: recordingOrchestrations(), now: services.now }, { pipelineId: 'p1', runId, trigger: { kind: 'http' }, dedupKey: runId, evaluationId: 'e1' });
  return services;
}

describe('an activity delivery names its run on every log line', () => {
  it('with tracing off, both for a permanent failure and for one the engine retries', async () => {
    const { log, lines } = recordingLogger();
    let fail: AppError = new AppError('NOT_FOUND', 'gone');
    const handler = activityHandler(spec, () => Promise.reject(fail), log, noTracing);
    const result = await handler({ runId: 'r1', traceparent: 'malformed' });
    assert.equal(result.ok, false);
    fail = new AppError('TRANSIENT', 'try again');
    await assert.rejects(handler({ runId: 'r1' }));
    assert.equal(lines.length, 2);
    for (const line of lines) assert.equal(line.fields.runId, 'r1', `${line.message} names the run`);
  });
  it('leaves lines of an input without a run id as they were', async () => {
    const { log, lines } = recordingLogger();
    const other = defineActivity('other', z.object({ pipelineId: z.string() }), z.object({}));
    await activityHandler(other, () => Promise.reject(new AppError('NOT_FOUND', 'gone')), log, noTracing)({ pipelineId: 'p1' });
    assert.equal(lines[0]?.fields.runId, undefined);
  });
});

describe('the attempt of a step goes on its span', () => {
  const exporter = new InMemorySpanExporter();
  let provider: NodeTracerProvider;
  before(() => {
    provider = registerTracing([new SimpleSpanProcessor(exporter)]);
  });
  after(() => provider.shutdown());

  it('counts each delivery of the step as the run record does, 1 then 2 after a retried failure', async () => {
    const services = await aRun('r2');
    const tracing: RunTracing = otelRunTracing;
    let deliveries = 0;
    const impl = (input: { runId: string }) =>
      inStep({ runs: services.runs, now: services.now, tracing }, input.runId, 'versionData', () => {
        deliveries += 1;
        return deliveries === 1 ? Promise.reject(new AppError('TRANSIENT', 'object store busy')) : Promise.resolve({});
      });
    const handler = activityHandler(spec, impl, recordingLogger().log, tracing);
    await assert.rejects(handler({ runId: 'r2', traceparent: tp, pipelineId: 'p1' }));
    assert.deepEqual(await handler({ runId: 'r2', traceparent: tp, pipelineId: 'p1' }), { ok: true, value: {} });
    const spans = exporter.getFinishedSpans().filter((s) => s.name === 'versionData');
    assert.deepEqual(spans.map((s) => s.attributes['mlcycle.attempt']), [1, 2]);
    assert.ok(spans.every((s) => s.attributes['mlcycle.run_id'] === 'r2'));
    const record = await services.runs.get('p1', 'r2');
    assert.equal(record?.steps.find((s) => s.name === 'versionData')?.attempts, 2);
  });
});
