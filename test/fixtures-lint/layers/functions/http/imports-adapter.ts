// Breaks the functions rule: an adapter is imported directly (even a type-only import) instead of coming through Services.
import { QueueAdapter } from '../../shared/adapters/queue-adapter.js';
import type { QueueAdapter as QueueAdapterType } from '../../shared/adapters/queue-adapter.js';

/** Builds an adapter itself. */
export const broken: QueueAdapterType = new QueueAdapter();
