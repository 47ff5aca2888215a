// The fence's clean counterpart: an orchestrator that only yields Durable tasks.
import type { OrchestrationContext } from 'durable-functions';

/** Calls one activity. */
export function* cleanOrchestrator(context: OrchestrationContext): Generator<unknown, void, unknown> {
  yield context.df.callActivity('noop', { at: context.df.currentUtcDateTime.toISOString() });
}
