import { z } from '../domain/zod.js';

/*
 * Payloads of the external events the orchestrations wait for. The HTTP hooks validate with these schemas before
 * raising; the orchestrators treat the payload only as a wake-up call and confirm the state through an activity.
 */

/**
 * Raised on `${runId}:train` by the Airflow completion callback, and by the scheduler's reconciliation of lost
 * callbacks (with no `state` in its start-up check, which wakes every wait without asking Airflow first).
 */
export const trainingFinishedEventSchema = z.object({
  state: z.enum(['success', 'failed']).optional(),
  dagRunId: z.string().max(250).optional(),
});
export type TrainingFinishedEvent = z.infer<typeof trainingFinishedEventSchema>;

/** Raised on `${runId}:image` by the Azure DevOps build hook. */
export const imageBuiltEventSchema = z.object({
  buildId: z.string().max(100).optional(),
  result: z.string().max(50).optional(),
});
export type ImageBuiltEvent = z.infer<typeof imageBuiltEventSchema>;

/** Raised on the run's instance by the approve/reject endpoint. */
export const approvalEventSchema = z.object({
  approved: z.boolean(),
  by: z.string().max(256).optional(),
  comment: z.string().max(2000).optional(),
});
export type ApprovalEvent = z.infer<typeof approvalEventSchema>;
