import type { OrchestrationClient } from '../../shared/ports/orchestration-client.js';

/** A Durable client that records what it was asked; a started instance counts as existing (and Running). */
export function recordingOrchestrations(): OrchestrationClient & { started: string[]; terminated: string[] } {
  const started: string[] = [];
  const terminated: string[] = [];
  return {
    started,
    terminated,
    start: async (_name, id) => (started.includes(id) ? 'already-exists' : (started.push(id), 'started')),
    status: async (id) => (started.includes(id) ? { runtimeStatus: 'Running' } : null),
    raise: async () => 'raised',
    terminate: async (id) => {
      terminated.push(id);
    },
  };
}
