import type { OrchestrationContext } from 'durable-functions';
import { z } from '../domain/zod.js';
import { pipelineIdSchema } from '../domain/ids.js';
import { traceparentSchema } from '../domain/traceparent.js';

/*
 * A run's trace, as its orchestrations hand it on. Orchestrators never create spans (they replay); they only copy
 * the run's `traceparent` (and pipeline id) from their own input into each activity's and sub-orchestration's input,
 * so each activity can start its span as a child of the run's trace. The values come from the input, so replays
 * schedule exactly the same inputs; a run started without a trace schedules the inputs it always did.
 */

/** The trace fields an orchestration or activity input may carry (activity schemas strip them before the step runs). */
export const runTraceFieldsSchema = z.object({ traceparent: traceparentSchema.optional(), pipelineId: pipelineIdSchema.optional() });
export type RunTraceFields = z.output<typeof runTraceFieldsSchema>;

const traces = new WeakMap<OrchestrationContext, { traceparent: string; pipelineId?: string }>();

/** Remember, for this execution of an orchestrator, the run's trace from its input (nothing when it has none). */
export function adoptRunTrace(context: OrchestrationContext, input: RunTraceFields): void {
  if (input.traceparent === undefined) return;
  traces.set(context, { traceparent: input.traceparent, ...(input.pipelineId !== undefined ? { pipelineId: input.pipelineId } : {}) });
}

/** `input` with the run's trace fields added, when the orchestration has a trace (the same object otherwise). */
export function withRunTrace<T extends object>(context: OrchestrationContext, input: T): T {
  const trace = traces.get(context);
  return trace ? { ...input, ...trace } : input;
}

const runIdFieldSchema = z.object({ runId: z.string().min(1) });

/** The run's trace fields and run id in an activity's raw input (each absent when missing or malformed). */
export function runTraceOf(raw: unknown): RunTraceFields & { runId?: string } {
  const trace = runTraceFieldsSchema.safeParse(raw);
  const run = runIdFieldSchema.safeParse(raw);
  return { ...(trace.success ? trace.data : {}), ...(run.success ? { runId: run.data.runId } : {}) };
}
