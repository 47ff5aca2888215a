import type { InvocationContext } from '@azure/functions';

/**
 * The parent of a trigger's span: the trace context the Functions host gives the invocation (in Azure its own
 * request or dequeue, so the app's spans join the host's operation), else the caller's `traceparent` header, else
 * none (a new trace). Invalid values are ignored by the tracing adapter.
 */
export function invocationParent(context: InvocationContext, header?: string | null): { parent?: string } {
  const parent = context.traceContext?.traceParent ?? header ?? undefined;
  return parent ? { parent } : {};
}
