import type { AdoHookMessage } from '../domain/ado-hooks/event.js';

/** Where accepted service-hook events wait to be acted on (the `ado-hooks` Storage queue). */
export interface HookEventQueue {
  send(message: AdoHookMessage): Promise<void>;
}
