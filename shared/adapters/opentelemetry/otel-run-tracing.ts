import { context, createContextKey, isSpanContextValid, propagation, SpanKind, SpanStatusCode, trace, type Attributes, type Context } from '@opentelemetry/api';
import { isAppError } from '../../domain/errors.js';
import { traceAttributes, type RunTracing, type SpanFields, type SpanRole } from '../../ports/run-tracing.js';

/*
 * The tracing port over the OpenTelemetry API. Whatever provider is registered (Azure Monitor, OTLP, console, an
 * in-memory exporter in a test, or none: then the API's no-op) receives the spans. The run id rides in the context,
 * so every span started under a run's span (outbound HTTP included) and every log line written there carry it.
 */

/** The context key under which the active run's id travels. */
export const runIdKey = createContextKey('mlcycle.run_id');

const tracer = () => trace.getTracer('mlcycle');

/** The context a W3C traceparent names (the active one when it is absent or not valid). */
function parentContext(traceparent: string | undefined): Context {
  if (traceparent === undefined) return context.active();
  const extracted = propagation.extract(context.active(), { traceparent });
  const span = trace.getSpanContext(extracted);
  if (span && isSpanContextValid(span)) return extracted;
  // No propagator registered (telemetry off) or a malformed value: the caller's context.
  return context.active();
}

function attributes(fields: SpanFields | undefined): Attributes {
  const out: Attributes = {};
  for (const [k, v] of Object.entries(fields ?? {})) if (v !== undefined) out[k] = v;
  return out;
}

/** The tracing port over the globally registered OpenTelemetry provider. */
export const otelRunTracing: RunTracing = {
  async inSpan<T>(name: string, opts: { role: SpanRole; parent?: string; runId?: string; fields?: SpanFields }, work: () => Promise<T>): Promise<T> {
    let parent = parentContext(opts.parent);
    if (opts.runId !== undefined) parent = parent.setValue(runIdKey, opts.runId);
    const kind = opts.role === 'trigger' ? SpanKind.SERVER : SpanKind.INTERNAL;
    const fields = { ...opts.fields, ...(opts.runId !== undefined ? { [traceAttributes.runId]: opts.runId } : {}) };
    return tracer().startActiveSpan(name, { kind, attributes: attributes(fields) }, parent, async (span) => {
      try {
        return await work();
      } catch (e) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: isAppError(e) ? e.code : e instanceof Error ? e.name : 'Error' });
        throw e;
      } finally {
        span.end();
      }
    });
  },
  currentTraceparent() {
    const carrier: Record<string, string> = {};
    propagation.inject(context.active(), carrier);
    return carrier.traceparent;
  },
  annotate(fields) {
    trace.getActiveSpan()?.setAttributes(attributes(fields));
  },
  logFields() {
    const out: Record<string, string> = {};
    const span = trace.getActiveSpan()?.spanContext();
    if (span && isSpanContextValid(span)) Object.assign(out, { traceId: span.traceId, spanId: span.spanId });
    const runId = context.active().getValue(runIdKey);
    if (typeof runId === 'string') out.runId = runId;
    return out;
  },
};
