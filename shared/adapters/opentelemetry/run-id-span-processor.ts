import type { Context } from '@opentelemetry/api';
import type { ReadableSpan, Span, SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { traceAttributes } from '../../ports/run-tracing.js';
import { runIdKey } from './otel-run-tracing.js';

/**
 * Puts the run id of the context a span starts in on the span itself, so the spans other libraries start under a
 * run's span (outbound HTTP calls) carry `mlcycle.run_id` too, and a query by run finds all of them.
 */
export class RunIdSpanProcessor implements SpanProcessor {
  /** Adds the run id of the parent context, when there is one. */
  onStart(span: Span, parent: Context): void {
    const runId = parent.getValue(runIdKey);
    if (typeof runId === 'string') span.setAttribute(traceAttributes.runId, runId);
  }
  /** Nothing to do when a span ends. */
  onEnd(_span: ReadableSpan): void {}
  /** Nothing buffered. */
  forceFlush(): Promise<void> {
    return Promise.resolve();
  }
  /** Nothing to release. */
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}
