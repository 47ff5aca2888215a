import { z } from 'zod';
import { retryOptionsSchema } from './actions.js';
import { historyEventSchema } from './history-events.js';

/*
 * The per-execution journal: a JSON-lines file, one self-contained record per line, each written with a single
 * append + fsync. A torn last line (crash mid-write) is discarded on load, so every record is all-or-nothing:
 *   {"p": event, "n": seq}            an event arrived (activity result, timer, raised event, control request) and
 *                                      waits for the next episode; nothing has seen it yet
 *   {"e": [events], "c": [seq...], "m": {...}}
 *                                      a commit: the history events of one episode (or control step), the arrivals it
 *                                      consumed, and what the dev host needs to resume (operations it started, retry
 *                                      policies, the actions it checked, timers cancelled, custom status)
 * The wire history is the concatenation of the commits' `e` arrays.
 */

const opKindSchema = z.enum(['activity', 'sub', 'timer']);

/** A scheduled operation: an activity attempt, a sub-orchestration attempt, or a timer (user or retry). */
export const opRecordSchema = z.object({
  id: z.number().int().nonnegative(),
  kind: opKindSchema,
  name: z.string().optional(),
  input: z.string().nullable().optional(),
  fireAt: z.string().optional(),
  /** The retry group (id of its first attempt) this attempt belongs to. */
  root: z.number().int().optional(),
  /** Set on a retry back-off timer: the group it delays. */
  retryTimerFor: z.number().int().optional(),
  /** The sub-orchestration's instance id. */
  child: z.string().optional(),
  /** Created already cancelled (a timer the orchestrator cancelled before the host saw it). */
  canceled: z.boolean().optional(),
  /** An attempt the host fails without running (retry timeout expired), with the failure it reports. */
  skip: z.object({ reason: z.string(), details: z.string() }).optional(),
});
export type OpRecord = z.infer<typeof opRecordSchema>;

/** A task called with RetryOptions: the host runs the retries. */
export const retryGroupInitSchema = z.object({
  root: z.number().int().nonnegative(),
  kind: z.enum(['activity', 'sub']),
  name: z.string(),
  input: z.string().nullable(),
  options: retryOptionsSchema,
  firstAttemptAt: z.string(),
  /** Instance id the orchestrator chose for a sub-orchestration (reused by every attempt). */
  child: z.string().optional(),
});
export type RetryGroupInit = z.infer<typeof retryGroupInitSchema>;

const actionSummarySchema = z.object({ t: z.number().int(), n: z.string().optional(), id: z.number().int().optional() });

export const commitMetaSchema = z.object({
  acts: z.array(actionSummarySchema).optional(),
  ops: z.array(opRecordSchema).optional(),
  groups: z.array(retryGroupInitSchema).optional(),
  cancel: z.array(z.number().int()).optional(),
  /** Custom status; the key is present only when the orchestrator set one. */
  cs: z.unknown().optional(),
});
export type CommitMeta = z.infer<typeof commitMetaSchema>;

export const pendingLineSchema = z.object({ p: historyEventSchema, n: z.number().int().nonnegative() });
export const commitLineSchema = z.object({
  e: z.array(historyEventSchema),
  c: z.array(z.number().int()),
  m: commitMetaSchema.optional(),
});
export const journalLineSchema = z.union([pendingLineSchema, commitLineSchema]);
export type PendingLine = z.infer<typeof pendingLineSchema>;
export type CommitLine = z.infer<typeof commitLineSchema>;
export type JournalLine = PendingLine | CommitLine;

/** True for an arrival record. */
export function isPendingLine(l: JournalLine): l is PendingLine {
  return 'p' in l;
}
