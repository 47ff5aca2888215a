import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import type { DurableClient } from 'durable-functions';
import { AppError, errors } from '../../domain/errors.js';
import { isEventName, isInstanceId } from '../../durable/instance-ids.js';
import type { InstanceRuntimeStatus, OrchestrationClient } from '../../ports/orchestration-client.js';

/*
 * The Durable client as an OrchestrationClient. durable-functions 3.x reports "not found" only as an Error whose
 * message carries the HTTP 404 (Azure/azure-functions-durable-js#251), so that is what we recognise.
 */
const notFound = (e: unknown) => e instanceof Error && /404|not found|No instance/i.test(e.message);
const gone = (e: unknown) => e instanceof Error && /410|Gone|already completed|is not running/i.test(e.message);

/*
 * durable-functions builds its request URLs by pasting the instance id, event name, orchestrator name and reason in
 * as they are (`instances/${instanceId}/raiseEvent/${eventName}`, `terminate?reason=${reason}`). So whatever the
 * callers validated, ids and names must match the one id pattern here too, and free text is percent-encoded.
 */
function refuseUnsafe(field: 'instanceId' | 'event' | 'name', value: string): void {
  const ok = field === 'instanceId' ? isInstanceId(value) : isEventName(value);
  if (!ok) throw new AppError('VALIDATION', `The ${field} is not a valid orchestration ${field === 'name' ? 'name' : 'id'}.`, { issues: [{ field, message: 'must match the id pattern' }] });
}

/** Wrap the per-invocation Durable client from `df.getClient(context)`. */
export function durableOrchestrationClient(client: DurableClient): OrchestrationClient {
  const status = async (instanceId: string) => {
    refuseUnsafe('instanceId', instanceId);
    try {
      const s = await client.getStatus(instanceId, { showInput: false });
      return { runtimeStatus: (s.runtimeStatus as InstanceRuntimeStatus | undefined) ?? 'Unknown', customStatus: s.customStatus };
    } catch (e) {
      if (notFound(e)) return null;
      throw errors.transient('The orchestration service did not answer.', e);
    }
  };
  return {
    status,
    async start(name, instanceId, input) {
      refuseUnsafe('name', name);
      if (await status(instanceId)) return 'already-exists';
      try {
        await client.startNew(name, { instanceId, input });
        return 'started';
      } catch (e) {
        // A concurrent starter won the race: the instance exists now, which is what we wanted.
        if (e instanceof Error && /409|already exists|Conflict/i.test(e.message)) return 'already-exists';
        throw errors.transient('The orchestration could not be started.', e);
      }
    },
    async raise(instanceId, event, data) {
      refuseUnsafe('instanceId', instanceId);
      refuseUnsafe('event', event);
      try {
        await client.raiseEvent(instanceId, event, data);
        return 'raised';
      } catch (e) {
        if (notFound(e)) return 'not-found';
        if (gone(e)) return 'gone';
        throw errors.transient('The event could not be delivered.', e);
      }
    },
    async terminate(instanceId, reason) {
      refuseUnsafe('instanceId', instanceId);
      try {
        // The client puts the reason into the query string as it is: encode it, or `&`, `#` or `?` would rewrite the URL.
        await client.terminate(instanceId, encodeURIComponent(reason));
      } catch (e) {
        if (notFound(e) || gone(e)) return;
        throw errors.transient('The orchestration could not be terminated.', e);
      }
    },
  };
}

/**
 * The OrchestrationClient of one invocation: the Durable client reads its connection from the invocation's
 * `durableClient` input binding, so the function must declare `df.input.durableClient()` in its extra inputs.
 */
export function durableOrchestrationsOf(context: InvocationContext): OrchestrationClient {
  return durableOrchestrationClient(df.getClient(context));
}
