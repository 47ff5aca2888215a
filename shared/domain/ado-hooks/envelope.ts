import { z } from '../zod.js';
import { adoNamePattern } from '../ids.js';

/*
 * The service-hook deliveries Azure DevOps sends (consumer "Web Hooks"): the envelope every event shares and the
 * parts of each resource mlcycle reads. Only what is read is validated; everything else in a payload is ignored, and
 * nothing in it is trusted beyond naming what to look at (changed paths, for one, come from Azure DevOps itself).
 */

/** A GUID as Azure DevOps writes them (event, subscription, project and repository ids). */
export const guidSchema = z.string().regex(/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/, 'must be a GUID');
/** A Git object id as the service sends it: 40 hex digits, all zeros for "none" (a created or deleted branch). */
export const objectIdSchema = z.string().regex(/^[0-9a-fA-F]{40}$/, 'must be a 40-character hex object id').transform((s) => s.toLowerCase());
const adoName = (what: string) => z.string().regex(adoNamePattern, `must be an Azure DevOps ${what} name`);

/** The envelope every delivery shares. */
export const hookEnvelopeSchema = z.object({
  /** The event's id: the same in every subscription's delivery of it, and in a redelivery. */
  id: guidSchema,
  eventType: z.string().min(1).max(128).regex(/^[A-Za-z0-9._-]+$/, 'must be an event type such as git.push'),
  /** This subscription's notification of the event; a retry by the service repeats it. */
  notificationId: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).optional(),
  subscriptionId: guidSchema.optional(),
  publisherId: z.string().max(64).optional(),
  resource: z.unknown().optional(),
  createdDate: z.string().max(64).optional(),
});
export type HookEnvelope = z.infer<typeof hookEnvelopeSchema>;

/** A repository as push and pull-request resources describe it. */
export const hookRepositorySchema = z.object({
  id: guidSchema,
  name: adoName('repository'),
  project: z.object({ id: guidSchema, name: adoName('project') }),
});

const commitRefSchema = z.object({ commitId: objectIdSchema }).optional();

/** `git.push`: which refs moved from where to where. */
export const pushResourceSchema = z.object({
  refUpdates: z.array(z.object({ name: z.string().min(1).max(1000), oldObjectId: objectIdSchema, newObjectId: objectIdSchema })).min(1).max(1000),
  repository: hookRepositorySchema,
  pushId: z.number().int().optional(),
  pushedBy: z.object({ uniqueName: z.string().max(256).optional(), displayName: z.string().max(256).optional() }).optional(),
});

/** `git.pullrequest.*`: the pull request as the Git REST API returns it. */
export const pullRequestResourceSchema = z.object({
  pullRequestId: z.number().int().positive().max(2_147_483_647),
  status: z.enum(['active', 'abandoned', 'completed', 'notSet', 'all']),
  sourceRefName: z.string().min(1).max(1000),
  targetRefName: z.string().min(1).max(1000),
  mergeStatus: z.string().max(64).optional(),
  lastMergeSourceCommit: commitRefSchema,
  lastMergeTargetCommit: commitRefSchema,
  lastMergeCommit: commitRefSchema,
  repository: hookRepositorySchema,
  /** Present when the source branch is in a fork: its code is not trusted to run with the pipeline's credentials. */
  forkSource: z.unknown().optional(),
  createdBy: z.object({ uniqueName: z.string().max(256).optional() }).optional(),
});

const adoRunId = z.number().int().positive().max(2_147_483_647);

/** `ms.vss-pipelines.run-state-changed-event`: a pipeline run changed state. */
export const pipelineRunResourceSchema = z.object({
  run: z.object({
    id: adoRunId,
    name: z.string().max(255).default(''),
    state: z.string().max(32),
    result: z.string().max(32).nullish(),
    pipeline: z.object({ id: adoRunId }).optional(),
  }),
  pipeline: z.object({ id: adoRunId }).optional(),
});

/** `build.complete`: the Build REST object of the finished build (a YAML pipeline's run is a build). */
export const buildResourceSchema = z.object({
  id: adoRunId,
  buildNumber: z.string().max(255).default(''),
  status: z.string().max(32).optional(),
  result: z.string().max(32).nullish(),
  definition: z.object({ id: adoRunId }),
});
