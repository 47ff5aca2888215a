import { z } from '../../shared/domain/zod.js';

/*
 * The measured figures the capacity model reads: the last JSON line of `bench:day`, `bench:orchestration` and
 * `bench:scheduler`, kept by those benches in `bench/results/<name>.json`.
 */

const tally = z.object({ reads: z.number(), writes: z.number(), queries: z.number(), readBytes: z.number(), writeBytes: z.number(), queryItems: z.number() });

export const dayFiguresSchema = z.object({
  pipelines: z.number().int().positive(),
  runsStarted: z.number().int(),
  executions: z.number().int(),
  historyEvents: z.number().int(),
  storeOps: z.number().int(),
  peakOrchestrations: z.number().int(),
  wallSeconds: z.number(),
  trainingRuns: z.number().int(),
  validationRuns: z.number().int(),
  runsSucceeded: z.number().int(),
  imagesBuilt: z.number().int(),
  orchestratorEpisodes: z.number().int(),
  activityExecutions: z.number().int(),
  timerTicks: z.number().int(),
  hookExecutions: z.number().int(),
  durableActions: z.number().int(),
  queueMessages: z.number().int(),
  peakRuns: z.number().int(),
  peakStartsPerMinute: z.number().int(),
  peakMinuteStore: z.object({ reads: z.number(), writes: z.number(), queries: z.number() }),
  store: z.record(z.string(), tally),
});
export type DayFigures = z.infer<typeof dayFiguresSchema>;

export const orchestrationFiguresSchema = z.object({
  historyEventsPerRun: z.number(),
  executionsPerRun: z.number(),
  executionsPerRunWithBuild: z.number(),
  overheadMsMedian: z.number(),
});
export type OrchestrationFigures = z.infer<typeof orchestrationFiguresSchema>;

export const schedulerFiguresSchema = z.object({ pipelines: z.number(), tickMs: z.number(), queries: z.number(), sourceReads: z.number(), runsStarted: z.number() });
export type SchedulerFigures = z.infer<typeof schedulerFiguresSchema>;

/** All three. */
export interface Figures {
  day: DayFigures;
  orchestration: OrchestrationFigures;
  scheduler: SchedulerFigures;
}
