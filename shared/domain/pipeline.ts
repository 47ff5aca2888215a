import { boundedRecord, z } from './zod.js';
import { gitRefSchema } from './git-ref.js';
import { imageRepositoryPattern, registryHostMaxLength, registryHostPattern } from './image-ref.js';
import { adoNamePattern, adoOrganizationPattern, pipelineIdSchema, repoPathPattern, repoPathSchema } from './ids.js';
import { cronPattern, cronProblem, isTimeZone, timeZoneNames } from './schedule/cron.js';
import { isoDurationSchema } from './duration.js';

/** Where the training code lives: an Azure Repos repository, or a local git repository (local stack, tests). */
export const sourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('azureRepos'),
    organization: z.string().regex(adoOrganizationPattern, 'must be an Azure DevOps organization name'),
    project: z.string().regex(adoNamePattern, 'must be an Azure DevOps project name'),
    repository: z.string().regex(adoNamePattern, 'must be an Azure Repos repository name'),
    branch: gitRefSchema.default('main'),
  }),
  z.object({
    kind: z.literal('localGit'),
    path: z.string().min(1).max(1024),
    branch: gitRefSchema.default('main'),
  }),
]);
export type Source = z.infer<typeof sourceSchema>;

export const metricDirectionSchema = z.enum(['maximize', 'minimize']);
export type MetricDirection = z.infer<typeof metricDirectionSchema>;

const metricNameSchema = z.string().min(1).max(250);

/** A guard-rail: the challenger must stay within an absolute bound and/or not regress more than allowed vs the champion. */
export const guardrailSchema = z
  .object({
    metric: metricNameSchema,
    direction: metricDirectionSchema,
    threshold: z.number().optional(),
    maxRegression: z.number().nonnegative().optional(),
  })
  .refine((g) => g.threshold !== undefined || g.maxRegression !== undefined, {
    error: 'a guard-rail needs a threshold, a maxRegression, or both',
  })
  .openapi({ anyOf: [{ required: ['threshold'] }, { required: ['maxRegression'] }] });
export type Guardrail = z.infer<typeof guardrailSchema>;

/** How a challenger is judged against the champion. */
export const policySchema = z.object({
  primaryMetric: z.object({ name: metricNameSchema, direction: metricDirectionSchema }),
  minAbsoluteImprovement: z.number().nonnegative().default(0),
  minRelativeImprovement: z.number().nonnegative().default(0),
  guardrails: z.array(guardrailSchema).max(20).default([]),
  requireApproval: z.boolean().default(false),
  approvalTimeoutHours: z.number().positive().max(24 * 30).default(72),
});
export type Policy = z.infer<typeof policySchema>;

/**
 * Retrain on data change: `onPush` when a service hook reports a push that changed a tracked `.dvc` / `dvc.lock` file;
 * `every` polls the branch head's DVC files on that period, for sources that send no hooks. `true`/`false` (the
 * earlier form) mean `onPush`.
 */
export const dataChangeRuleSchema = z
  .union([
    z.boolean(),
    z.object({
      onPush: z.boolean().default(true),
      every: isoDurationSchema({ fixed: true, description: 'How often to compare the data of the branch head with the champion\'s (an ISO 8601 duration without years or months). Pipelines\' checks are spread over the period; the scheduler checks at most once a minute.' }).optional(),
    }),
  ])
  .default({ onPush: true })
  .transform((v) => (typeof v === 'boolean' ? { onPush: v } : v));
export type DataChangeRule = z.output<typeof dataChangeRuleSchema>;

/** Severities of drift and alert signals, most severe first (Azure Monitor's Sev0 to Sev4). */
export const signalSeverities = ['critical', 'error', 'warning', 'informational', 'verbose'] as const;
export const signalSeveritySchema = z.enum(signalSeverities);
export type SignalSeverity = z.infer<typeof signalSeveritySchema>;

/** Retrain on drift and alert signals of at least `minSeverity`, at most one run per `coolDown`. */
export const signalRuleSchema = z.object({
  minSeverity: signalSeveritySchema.default('warning'),
  coolDown: isoDurationSchema({ fixed: true, description: 'After a signal starts a run, further signals within this period (an ISO 8601 duration without years or months) start none.' }).default('PT6H'),
});
export type SignalRule = z.output<typeof signalRuleSchema>;

/** A metric reproduces when |reproduced − original| ≤ max(absolute, relative × |original|); per-metric overrides. */
const toleranceSchema = z.object({ absoluteTolerance: z.number().nonnegative().max(1e9), relativeTolerance: z.number().nonnegative().max(10) });
export const reproducibilitySchema = toleranceSchema.extend({
  metrics: boundedRecord(toleranceSchema.partial(), { maxKeyLength: 250, maxEntries: 100, what: 'metrics' }).default({}),
});
export type Reproducibility = z.output<typeof reproducibilitySchema>;

/** A pipeline as registered through the API (the body of `PUT /api/pipelines/{id}`, without the id). */
export const pipelineSpecSchema = z.object({
  displayName: z.string().max(200).optional(),
  description: z.string().max(2000).optional(),
  source: sourceSchema,
  training: z.object({
    codePath: repoPathSchema.default('.'),
    dockerfile: repoPathSchema.default('Dockerfile'),
  }),
  data: z.object({
    dvcFiles: z
      .array(
        repoPathSchema
          .refine((p) => p.endsWith('.dvc') || p.endsWith('dvc.lock'), 'must be a .dvc or dvc.lock file')
          .openapi({ pattern: `${repoPathPattern.source.slice(0, -1)}(?:\\.dvc|dvc\\.lock)$` }),
      )
      .min(1)
      .max(100),
    remoteUrl: z.string().regex(/^s3:\/\/[a-z0-9.-]{3,63}(\/.*)?$/, 'must be an s3://bucket/prefix URL').optional(),
  }),
  image: z.object({
    registry: z.string().max(registryHostMaxLength).regex(registryHostPattern, 'must be a registry host such as myacr.azurecr.io (host[:port])'),
    repository: z.string().regex(imageRepositoryPattern, 'must be a lowercase OCI repository name'),
    buildPipelineId: z.number().int().positive().optional(),
  }),
  airflow: z.object({
    dagId: z.string().regex(/^[A-Za-z0-9_.-]{1,250}$/, 'must be a valid Airflow dag id'),
    conf: z.record(z.string(), z.unknown()).default({}),
  }),
  mlflow: z.object({
    experimentName: z.string().min(1).max(500),
    registeredModelName: z.string().min(1).max(500),
  }),
  policy: policySchema,
  /** Retrain on a schedule: a cron expression (5 fields, or 6 with seconds first) evaluated in `timeZone`. */
  schedule: z
    .object({
      cron: z
        .string()
        .min(9)
        .max(120)
        .superRefine((cron, ctx) => {
          const problem = cronProblem(cron);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        })
        .openapi({
          pattern: cronPattern.source,
          description:
            'A cron expression: 5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first, one space apart. ' +
            'Each field is `*`, `*/step`, or a list of values and ranges (`a-b`, `a-b/step`; a range with a > b wraps, so `22-2` hours is 22, 23, 0, 1, 2; a value listed twice counts once; day of week 0 and 7 are Sunday). ' +
            'The pattern keeps days of the month to 1-28; 29-31, names (`MON`, `JAN`) and cron-parser\'s other syntax are accepted as long as the expression has a next occurrence (`0 0 30 2 *` has none: 400).',
        }),
      timeZone: z
        .string()
        .min(1)
        .max(64)
        .refine(isTimeZone, 'must be an IANA time zone such as Europe/Paris')
        .default('UTC')
        .openapi({ enum: timeZoneNames(), description: 'An IANA time zone; the list is the runtime\'s (links such as US/Eastern are accepted too).' }),
    })
    .optional(),
  /** Retrain when the champion is older than `maxChampionAge`: once per champion and age boundary. */
  staleness: z
    .union([
      z.object({
        maxChampionAge: isoDurationSchema({ description: 'An ISO 8601 duration (P30D, P4W, P1M): a run starts when the champion has been champion this long, and again after each further period while no new champion replaces it. The scheduler looks once a minute.' }),
      }),
      // The earlier form, still read from stored pipelines.
      z.object({ maxChampionAgeDays: z.number().int().positive().max(3650) }).transform((s) => ({ maxChampionAge: `P${s.maxChampionAgeDays}D` })),
    ])
    .optional(),
  retrainOn: z
    .object({
      codeChange: z.boolean().default(true),
      codePaths: z.array(repoPathSchema).max(50).default([]),
      dataChange: dataChangeRuleSchema,
      signals: signalRuleSchema.optional(),
    })
    .default({ codeChange: true, codePaths: [], dataChange: { onPush: true } }),
  /** How close a reproduction's metrics must come to the original's to count as reproduced. */
  reproducibility: reproducibilitySchema.default({ absoluteTolerance: 1e-6, relativeTolerance: 0.01, metrics: {} }),
  concurrency: z.enum(['skip', 'queue-one', 'cancel-running']).default('skip'),
  enabled: z.boolean().default(true),
}).openapi('PipelineSpec');
export type PipelineSpec = z.infer<typeof pipelineSpecSchema>;

/** A stored pipeline: the spec plus identity and bookkeeping. `etag` is the store's concurrency token. */
export const pipelineSchema = pipelineSpecSchema.extend({
  id: pipelineIdSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  etag: z.string().optional(),
}).openapi('Pipeline');
export type Pipeline = z.infer<typeof pipelineSchema>;
