import type { OrchestrationContext, Task } from 'durable-functions';
import { z } from '../../shared/domain/zod.js';
import { runIdSchema } from '../../shared/domain/ids.js';
import { callActivity } from '../../shared/durable/call-activity.js';
import { adoptRunTrace } from '../../shared/durable/run-trace.js';
import { eventNames } from '../../shared/durable/instance-ids.js';
import { pollImageBuild, startImageBuild } from '../activities/contracts.js';
import { outcomeOf, waitForCompletion, waitStateSchema, type WaitOutcome } from './wait-loop.js';

/** Input of `awaitImageBuild`; `buildId` is set once the build was started (later generations only wait). */
export const awaitImageBuildInputSchema = waitStateSchema.extend({ runId: runIdSchema, tag: z.string(), buildId: z.string().optional() });
export type AwaitImageBuildInput = z.input<typeof awaitImageBuildInputSchema>;

/**
 * Sub-orchestration `${runId}:image`: start the image build, then wait for `image-built` (raised by the Azure DevOps
 * build hook) with a polling fallback and a deadline. Started here, so the hook's target exists before the build does.
 */
export function* awaitImageBuildOrchestrator(context: OrchestrationContext): Generator<Task, WaitOutcome | null, unknown> {
  const parsed = awaitImageBuildInputSchema.safeParse(context.df.getInput());
  if (!parsed.success) return { state: 'failed', error: { code: 'VALIDATION', message: 'awaitImageBuild: invalid input' } };
  const input = parsed.data;
  adoptRunTrace(context, input);
  let buildId = input.buildId;
  if (buildId === undefined) {
    const started = yield* callActivity(context, startImageBuild, { runId: input.runId, tag: input.tag });
    if (!started.ok) return { state: 'failed', error: started.error };
    buildId = started.value.buildId;
    // A builder that finished while starting (local image mode, or a build found done) was checked by the start.
    const report = started.value.report;
    if (report && report.state !== 'running') return outcomeOf({ ...report, state: report.state });
  }
  const id = buildId;
  return yield* waitForCompletion(context, {
    eventName: eventNames.imageBuilt,
    state: input,
    poll: () => callActivity(context, pollImageBuild, { runId: input.runId, buildId: id, tag: input.tag }),
    continueWith: (state) => ({ ...input, ...state, buildId: id }),
  });
}
