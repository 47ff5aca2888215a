// A deliberately broken orchestrator: bare built-in specifiers (no `node:` prefix) must trip the fence too.
import { EventEmitter } from 'events';
import { inspect } from 'util';
import { lookup } from 'dns';
import { createHash } from 'node:crypto';
import type { OrchestrationContext } from 'durable-functions';

/** Uses built-ins that replay cannot repeat. */
export function* badBuiltinsOrchestrator(context: OrchestrationContext): Generator<unknown, void, unknown> {
  yield context.df.callActivity('noop', { emitter: new EventEmitter(), text: inspect(lookup), hash: createHash });
}
