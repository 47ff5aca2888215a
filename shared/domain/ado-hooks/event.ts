import { z } from '../zod.js';
import { pipelineIdSchema } from '../ids.js';
import { triggerDecisionSchema } from '../trigger-record.js';

/*
 * A delivery reduced to what mlcycle acts on: small enough for a queue message, validated again when it is read
 * back. The hook writes it; the `ado-hooks` queue intake acts on it.
 */

const sha = z.string().regex(/^[0-9a-f]{40}$/);
const guid = z.string().regex(/^[0-9a-fA-F-]{36}$/);

/** The repository an event is about, by the ids and names the payload gives (checked against Azure DevOps before use). */
export const hookRepoSchema = z.object({ id: guid, name: z.string().max(64), projectId: guid, projectName: z.string().max(64) });
export type HookRepo = z.infer<typeof hookRepoSchema>;

/** The event kinds mlcycle acts on. */
export const adoHookEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('push'),
    repository: hookRepoSchema,
    /** Branch updates only (tags and other refs start nothing); `0…0` is "none". */
    refUpdates: z.array(z.object({ branch: z.string().max(250), oldObjectId: sha, newObjectId: sha })).max(100),
    pushedBy: z.string().max(256).optional(),
  }),
  z.object({
    type: z.literal('pull-request'),
    eventType: z.string().max(128),
    repository: hookRepoSchema,
    pullRequestId: z.number().int().positive(),
    status: z.string().max(16),
    sourceBranch: z.string().max(1000),
    targetBranch: z.string().max(1000),
    mergeStatus: z.string().max(64).optional(),
    mergeCommit: sha.optional(),
    sourceCommit: sha.optional(),
    targetCommit: sha.optional(),
    fromFork: z.boolean(),
    createdBy: z.string().max(256).optional(),
  }),
  z.object({
    type: z.literal('pipeline-run'),
    adoPipelineId: z.number().int().positive(),
    adoRunId: z.number().int().positive(),
    name: z.string().max(255),
    state: z.string().max(32),
    result: z.string().max(32).optional(),
  }),
]);
export type AdoHookEvent = z.infer<typeof adoHookEventSchema>;

/** The `ado-hooks` queue message: which delivery, and its event. */
export const adoHookMessageSchema = z.object({
  deliveryId: z.string().max(255),
  eventId: guid,
  eventType: z.string().max(128),
  event: adoHookEventSchema,
});
export type AdoHookMessage = z.infer<typeof adoHookMessageSchema>;

/** What one delivery did for one pipeline (also in that pipeline's trigger log). */
export const hookOutcomeSchema = z.object({
  pipelineId: pipelineIdSchema,
  decision: triggerDecisionSchema,
  detail: z.string().max(2000).optional(),
  runId: z.string().max(128).optional(),
});
export type HookOutcome = z.infer<typeof hookOutcomeSchema>;
