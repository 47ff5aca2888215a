import type { FieldIssue } from '../domain/errors.js';

/** Where inbound messages that can never succeed go, with the reason, instead of being retried. */
export interface RejectedMessages {
  reject(queue: string, original: unknown, reason: string, issues?: FieldIssue[]): Promise<void>;
}
