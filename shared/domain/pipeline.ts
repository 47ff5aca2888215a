import { z } from './zod.js';
import { gitRefSchema } from './git-ref.js';
import { imageRepositoryPattern, registryHostMaxLength, registryHostPattern } from './image-ref.js';
import { adoNamePattern, adoOrganizationPattern, pipelineIdSchema, repoPathPattern, repoPathSchema } from './ids.js';
import { cronPattern, cronProblem, isTimeZone, timeZoneNames } from './schedule/cron.js';

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
  staleness: z.object({ maxChampionAgeDays: z.number().positive().max(3650) }).optional(),
  retrainOn: z
    .object({
      codeChange: z.boolean().default(true),
      codePaths: z.array(repoPathSchema).max(50).default([]),
      dataChange: z.boolean().default(true),
    })
    .default({ codeChange: true, codePaths: [], dataChange: true }),
  concurrency: z.enum(['skip', 'queue-one', 'cancel-running']).default('skip'),
  enabled: z.boolean().default(true),
});
export type PipelineSpec = z.infer<typeof pipelineSpecSchema>;

/** A stored pipeline: the spec plus identity and bookkeeping. `etag` is the store's concurrency token. */
export const pipelineSchema = pipelineSpecSchema.extend({
  id: pipelineIdSchema,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  etag: z.string().optional(),
});
export type Pipeline = z.infer<typeof pipelineSchema>;
