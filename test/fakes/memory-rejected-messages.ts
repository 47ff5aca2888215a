import type { FieldIssue } from '../../shared/domain/errors.js';
import type { RejectedMessages } from '../../shared/ports/rejected-messages.js';

/** Rejected inbound messages kept in memory, for assertions. */
export class MemoryRejectedMessages implements RejectedMessages {
  readonly rejected: { queue: string; original: unknown; reason: string; issues: FieldIssue[] }[] = [];

  async reject(queue: string, original: unknown, reason: string, issues: FieldIssue[] = []): Promise<void> {
    this.rejected.push({ queue, original, reason, issues });
  }
}
