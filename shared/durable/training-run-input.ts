import { z } from '../domain/zod.js';
import { pipelineIdSchema, runIdSchema } from '../domain/ids.js';
import { traceparentSchema } from '../domain/traceparent.js';
import { runKindSchema, runTriggerSchema, stepNameSchema, stepNames, type Run, type StepName } from '../domain/run.js';

/** Outputs of finished steps carried into a retry (or a reproduction) so the new run starts at `step`. */
export const resumeFromSchema = z
  .object({
    step: stepNameSchema,
    /** The run whose outputs (and lineage) are carried over. */
    fromRunId: runIdSchema.optional(),
    outputs: z.partialRecord(stepNameSchema, z.record(z.string(), z.unknown())),
  })
  .refine((r) => stepNames.slice(0, stepNames.indexOf(r.step)).every((s) => r.outputs[s] !== undefined), {
    error: 'outputs must include every step before the one to resume from',
  })
  .refine((r) => r.step !== 'resolveSource', { error: 'resuming from the first step is a fresh run' });
export type ResumeFrom = z.infer<typeof resumeFromSchema>;

/** The input of the `trainingRun` orchestration: small (ids and options); everything else is read by activities. */
export const trainingRunInputSchema = z.object({
  runId: runIdSchema,
  pipelineId: pipelineIdSchema,
  ref: z.string().min(1).max(250).optional(),
  force: z.boolean().default(false),
  params: z.record(z.string(), z.string()).default({}),
  trigger: runTriggerSchema,
  kind: runKindSchema.default('training'),
  /** For validation runs started by a pull request: where the metrics comment goes. */
  pullRequestId: z.number().int().positive().optional(),
  resumeFrom: resumeFromSchema.optional(),
  /** The run's trace (its trigger's traceparent), handed to every activity (`run-trace.ts`). */
  traceparent: traceparentSchema.optional(),
});
export type TrainingRunInput = z.input<typeof trainingRunInputSchema>;
export type ParsedTrainingRunInput = z.output<typeof trainingRunInputSchema>;

/**
 * Where a retry of `run` starts: its first step that did not succeed, carrying the outputs of the steps before it.
 * Null when the run has no failed, cancelled or unfinished step to retry (or failed in its first step: start afresh).
 */
export function resumePlanFor(run: Run): ResumeFrom | null {
  const outputs: Partial<Record<StepName, Record<string, unknown>>> = {};
  for (const step of run.steps) {
    if (step.status === 'succeeded' || (step.status === 'skipped' && step.outputs !== undefined)) {
      outputs[step.name] = step.outputs ?? {};
      continue;
    }
    if (step.name === 'resolveSource') return null;
    return { step: step.name, fromRunId: run.id, outputs };
  }
  return null;
}
