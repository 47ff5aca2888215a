/*
 * Tracing as the app's code sees it: spans for triggers and activities, the current trace for a new run, and the
 * fields a log line carries. The adapter (`shared/adapters/opentelemetry/`) implements it over OpenTelemetry; with
 * no exporter configured every call is a cheap no-op.
 */

/** Span attribute names: the `mlcycle.` namespace, as the MLflow tags use. */
export const traceAttributes = { runId: 'mlcycle.run_id', pipelineId: 'mlcycle.pipeline_id', step: 'mlcycle.step', attempt: 'mlcycle.attempt' } as const;

/** Span attributes: scalar values only, and never a secret. */
export type SpanFields = Record<string, string | number | boolean | undefined>;

/** What kind of work a span is (how Application Insights files it: requests for triggers, dependencies for calls). */
export type SpanRole = 'trigger' | 'step';

export interface RunTracing {
  /**
   * Run `work` in a span named `name`, a child of `parent` (a W3C traceparent) when given and valid, else of the
   * active span, else a new trace. `runId`, when given, goes on this span, on every span under it and on the log
   * lines written inside it. A thrown error marks the span failed (its code and class, never its message).
   */
  inSpan<T>(name: string, opts: { role: SpanRole; parent?: string; runId?: string; fields?: SpanFields }, work: () => Promise<T>): Promise<T>;
  /** The active span's traceparent (a trigger's, to store with the run it starts), or undefined when not tracing. */
  currentTraceparent(): string | undefined;
  /** Add attributes to the active span (a no-op without one). */
  annotate(fields: SpanFields): void;
  /** For a log record: the active trace id, span id and run id, those that exist. */
  logFields(): Record<string, string>;
}

/** Tracing that records nothing (tests and benchmarks that do not look at spans). */
export const noTracing: RunTracing = {
  inSpan: (_name, _opts, work) => work(),
  currentTraceparent: () => undefined,
  annotate: () => {},
  logFields: () => ({}),
};
