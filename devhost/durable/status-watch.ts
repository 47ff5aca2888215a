import type { EventEmitter } from 'node:events';
import type { StatusPayload } from './status.js';

/** Wait until `statusOf(instanceId)` satisfies `predicate`, re-checking on each `change` event (rejects after `timeoutMs`). */
export function waitForStatus(
  changes: EventEmitter,
  statusOf: (instanceId: string) => StatusPayload | undefined,
  instanceId: string,
  predicate: (s: StatusPayload) => boolean,
  timeoutMs: number,
): Promise<StatusPayload> {
  const check = () => {
    const s = statusOf(instanceId);
    return s && predicate(s) ? s : undefined;
  };
  const now = check();
  if (now) return Promise.resolve(now);
  return new Promise<StatusPayload>((resolve, reject) => {
    const onChange = (id: string) => {
      if (id !== instanceId) return;
      const s = check();
      if (!s) return;
      cleanup();
      resolve(s);
    };
    const timer = setTimeout(() => {
      cleanup();
      const s = statusOf(instanceId);
      reject(new Error(`Timed out after ${timeoutMs} ms waiting for instance '${instanceId}' (status: ${s ? JSON.stringify(s) : 'none'})`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      changes.off('change', onChange);
    };
    changes.on('change', onChange);
  });
}
